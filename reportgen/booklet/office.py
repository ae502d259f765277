"""The DOCX and XLSX booklets: the same parts as the PDF, built by the ordinary writers."""
from __future__ import annotations

import io
from dataclasses import replace

from openpyxl import Workbook

from ..geometry import PlannedForm, page_count, plan, plan_all
from ..layout import FormLayout
from ..options import RenderOptions
from ..parallel import Workers
from ..render import docx as docx_writer
from ..render import embed
from ..render.xlsx import sheet_title, write_sheet
from ..reproducible import document_date, normalise_zip
from .front import Cover, Entry, anchor, summary_layout, toc_layout


def docx_booklet(layouts: list[FormLayout], entries: list[Entry], cover: Cover, options: RenderOptions,
                 workers: Workers) -> bytes:
    """Return one DOCX: cover, summary, contents (page references), then every form.

    The contents' page numbers are fields that Word and LibreOffice update; their cached values
    come from the PDF page plan. Forms are planned in this process, ``workers.progress`` stepped.
    """
    forms = []
    for index, layout in enumerate(layouts, start=1):
        forms.append(plan(replace(layout, anchor=anchor(index)), options))
        _step(workers)
    front = [summary_layout(entries), toc_layout(_numbered(forms, entries, options))]
    return docx_writer.write_many(plan_all(front, options) + forms, options, title=cover.title, cover=cover)


def _numbered(forms: list[PlannedForm], entries: list[Entry], options: RenderOptions) -> list[Entry]:
    """Return the entries with the pages the PDF plan gives them (DOCX starts no part on odd pages)."""
    options = replace(options, odd_pages=False)
    front = [summary_layout(entries), toc_layout(entries)]
    page = 1 + page_count(plan_all(front, options), options, cover=True)
    numbered = []
    for entry, form in zip(entries, forms):
        numbered.append(replace(entry, page=page))
        page += page_count([form], options)
    return numbered


def _step(workers: Workers) -> None:
    if workers.progress:
        workers.progress.step()



def xlsx_booklet(layouts: list[FormLayout], entries: list[Entry], cover: Cover, options: RenderOptions,
                 workers: Workers) -> bytes:
    """Return a workbook: the summary sheet (its totals live SUM formulas), then a sheet per project.

    Forms are planned in this process, ``workers.progress`` stepped for each.
    """
    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    summary = replace(summary_layout(entries), title=cover.title, subtitle=cover.unit)
    write_sheet(workbook.create_sheet(sheet_title("汇总表", taken)), plan(summary, options), options)  # form words
    placed = []
    for layout in layouts:
        sheet = workbook.create_sheet(sheet_title(layout.sheet_name or layout.title, taken))
        placed.append((layout, sheet.title, write_sheet(sheet, plan(layout, options), options)))
        _step(workers)
    when = document_date(options.date)
    workbook.properties.title, workbook.properties.creator = cover.title, cover.unit or "reportgen"
    workbook.properties.created = workbook.properties.modified = when
    out = io.BytesIO()
    workbook.save(out)
    return normalise_zip(embed.into_package(out.getvalue(), embed.xlsx_forms(placed)), when)
