"""The PDF booklet through Typst: cover, summary, contents and every form in one compile.

Typst lays out a form in a few milliseconds and keeps little of it in memory, so the whole
booklet is one document: one copy of each face, one page counter, bookmarks made by the program.
Pages are placed from the plan (``pages.paginate``); the first page of every part is then read
back from the bookmarks, and should a part have come out longer or shorter than planned (a
table too tall for one page), the booklet is compiled again with the lengths it really has, so
the contents and the blank left-hand pages before odd-page starts agree with the pages.
"""
from __future__ import annotations

import io
from dataclasses import replace

from pypdf import PdfReader

from ..layout import FormLayout
from ..options import RenderOptions
from ..parallel import Progress
from ..problems import OutputError
from ..render.typst import blank_page, compile_pdf, document, form_pages, planned_length
from .front import Cover, Entry, summary_layout, toc_layout

ATTEMPTS = 3


def build(layouts: list[FormLayout], entries: list[Entry], cover: Cover, options: RenderOptions,
          progress: Progress | None = None) -> bytes:
    """Return the booklet PDF, numbered from its cover, each form listed in the contents at its page."""
    forms = [form_pages(layout, options, entry.summary.name or layout.title, level=2) for layout, entry in zip(layouts, entries)]
    measured: list[int] | None = None
    for _ in range(ATTEMPTS):
        parts, starts, blanks = _placed(forms, entries, cover, options, measured)
        data = document([page for part in parts for page in part], options, title=cover.title,
                        author=cover.unit, subject=f"{cover.year} 年度", layouts=layouts)
        pdf = compile_pdf(data, options)
        found, total = _bookmarked(pdf)
        if found == starts:
            for _ in layouts if progress else ():
                progress.step()
            return pdf
        measured = _lengths(found, blanks, total)
    raise OutputError(f"汇总册页码无法确定 (the booklet's page numbers do not settle) after {ATTEMPTS} attempts")


def _placed(forms: list[list[dict]], entries: list[Entry], cover: Cover, options: RenderOptions,
            measured: list[int] | None):
    """Return the parts' pages (a blank before each that must start on a right-hand page), the
    page each part starts on, and whether a blank was put before it.

    The contents print the forms' pages, and their length moves those pages: placed until the
    front matter keeps its length.
    """
    style = options.page_style(FormLayout(""))
    numbered = entries
    for _ in range(ATTEMPTS):
        front = _front(numbered, cover, options)
        parts = front + forms
        lengths = measured or [planned_length(part) for part in parts]
        starts, blanks = _starts(lengths, options.odd_pages)
        renumbered = [replace(entry, page=page) for entry, page in zip(entries, starts[len(front):])]
        if renumbered == numbered:
            break
        numbered = renumbered
    pages = [[blank_page(style)] * blank + part for part, blank in zip(parts, blanks)]
    return pages, starts, blanks


def _front(entries: list[Entry], cover: Cover, options: RenderOptions) -> list[list[dict]]:
    style = options.page_style(FormLayout(""))
    cover_page = {**blank_page(style), "kind": "cover", "bookmark": "封面", "level": 1, "unit": cover.unit,
                  "heading": cover.title, "lines": list(cover.lines), "date": cover.date}
    return [[cover_page]] + [form_pages(layout, options, layout.name) for layout in
                             (summary_layout(entries), toc_layout(entries))]


def _starts(lengths: list[int], odd_pages: bool) -> tuple[list[int], list[int]]:
    """Return the first page of each part (numbered from 1) and the blank pages put before it."""
    starts, blanks, number = [], [], 1
    for length in lengths:
        blank = 1 if odd_pages and number % 2 == 0 else 0
        number += blank
        starts.append(number)
        blanks.append(blank)
        number += length
    return starts, blanks


def _lengths(found: list[int], blanks: list[int], total: int) -> list[int]:
    """Return each part's length as compiled, from where the parts start and the blanks between them."""
    ends = [start - blank for start, blank in zip(found[1:], blanks[1:])] + [total + 1]
    return [end - start for start, end in zip(found, ends)]


def _bookmarked(pdf: bytes) -> tuple[list[int], int]:
    """Return the page (from 1) of each bookmark of ``pdf`` in order, and its number of pages."""
    reader = PdfReader(io.BytesIO(pdf))
    found: list[int] = []

    def walk(items) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                found.append(reader.get_destination_page_number(item) + 1)

    walk(reader.outline)
    return found, len(reader.pages)
