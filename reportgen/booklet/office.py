"""The DOCX and XLSX booklets: the same parts as the PDF, built by the ordinary writers."""
from __future__ import annotations

from dataclasses import replace

from openpyxl import Workbook

from ..layout import FormLayout
from ..options import RenderOptions
from ..render import docx as docx_writer
from ..render import embed
from ..render.html import planned_pages
from ..render.xlsx import sheet_title, write_sheet
from ..reproducible import document_date, normalise_zip
from .front import Cover, Entry, anchor, summary_layout, toc_layout


def docx_booklet(layouts: list[FormLayout], entries: list[Entry], cover: Cover, options: RenderOptions) -> bytes:
    """Return one DOCX: cover, summary, contents (page references), then every form.

    The contents' page numbers are fields that Word and LibreOffice update; their cached values
    come from the PDF page plan.
    """
    front = [summary_layout(entries), toc_layout(entries)]
    numbered = _planned_pages(layouts, entries, front, options)
    front[1] = toc_layout(numbered)
    forms = [replace(layout, anchor=anchor(index)) for index, layout in enumerate(layouts, start=1)]
    return docx_writer.write_many(front + forms, options, title=cover.title, cover=cover)


def _planned_pages(layouts, entries, front, options: RenderOptions) -> list[Entry]:
    """Return the entries with the pages the PDF plan gives them (DOCX starts no part on odd pages)."""
    options = replace(options, odd_pages=False)
    page = 1 + planned_pages(front, options, cover=True)
    numbered = []
    for entry, layout in zip(entries, layouts):
        numbered.append(replace(entry, page=page))
        page += planned_pages([layout], options)
    return numbered


def xlsx_booklet(layouts: list[FormLayout], entries: list[Entry], cover: Cover, options: RenderOptions) -> bytes:
    """Return a workbook: the summary sheet (its totals live SUM formulas), then a sheet per project."""
    import io

    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    summary = replace(summary_layout(entries), title=cover.title, subtitle=cover.unit)
    write_sheet(workbook.create_sheet(sheet_title("汇总表", taken)), summary, options)
    placed = []
    for layout in layouts:
        sheet = workbook.create_sheet(sheet_title(layout.sheet_name or layout.title, taken))
        placed.append((layout, sheet.title, write_sheet(sheet, layout, options)))
    when = document_date(options.date)
    workbook.properties.title, workbook.properties.creator = cover.title, cover.unit or "reportgen"
    workbook.properties.created = workbook.properties.modified = when
    out = io.BytesIO()
    workbook.save(out)
    return normalise_zip(embed.into_package(out.getvalue(), embed.xlsx_forms(placed)), when)
