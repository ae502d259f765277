"""The PDF booklet through Typst: cover, summary, contents and the forms in few compiles.

Typst lays out a form in a few milliseconds but holds about 3 MB of it, and its caches keep
that after the compile for the rest of the process. So a booklet of more than ``ALONE`` forms
is compiled in chunks of ``CHUNK`` (the front matter with the first), each in a process of its
own, numbered on from the one before, and joined as ``booklet.pdf`` joins WeasyPrint's chunks,
each chunk keeping its own subset of the faces. A smaller booklet is compiled here, and is
Typst's PDF as it is (one copy of each face, its own bookmarks). The faces are cut down to the
booklet's characters first (``fonts.with_subsets``), so a process loads two small fonts, not
the CJK collections (about 140 MB a process).

Pages are placed from the plan (``geometry.plan``); the first page of every part is then read
back from the bookmarks, and should a part have come out longer or shorter than planned (a
table too tall for one page), the booklet is compiled again with the lengths it really has, so
the contents and the blank left-hand pages before odd-page starts agree with the pages.
"""
from __future__ import annotations

import io
import os
import tempfile
from dataclasses import replace
from pathlib import Path

from pypdf import PdfReader

from ..errors import OutputError
from ..fonts import with_subsets
from ..geometry import page_style, plan
from ..layout import FormLayout
from ..messages import msg
from ..options import RenderOptions
from ..parallel import Progress, Workers
from ..render.typst import blank_page, compile_apart, compile_pdf, document, form_pages, planned_length
from .front import Cover, Entry, summary_layout, toc_layout
from .pdf import FONTS_PREFIX, Laid, codepoints, join, remove_stale_folders

ATTEMPTS = 3
ALONE = 200  # forms compiled here, in one document (about 600 MB of Typst's layout): no process to start
CHUNK = 50  # forms per compile beyond that: about 150 MB of Typst's layout, in each of ``jobs`` processes
FRONT = 3    # parts before the forms: cover, summary, contents


def build(layouts: list[FormLayout], entries: list[Entry], cover: Cover, options: RenderOptions,
          workers: Workers) -> bytes:
    """Return the booklet PDF, numbered from its cover, each form listed in the contents at its page."""
    remove_stale_folders()
    with tempfile.TemporaryDirectory(prefix=f"{FONTS_PREFIX}{os.getpid()}-") as fonts_dir:
        points = codepoints(layouts + [summary_layout(entries), toc_layout(entries)], cover, options.watermark)
        subset = replace(options, fonts=with_subsets(options.fonts, points, Path(fonts_dir)))
        return _build(layouts, entries, cover, subset, workers.progress, workers.jobs)


def _build(layouts: list[FormLayout], entries: list[Entry], cover: Cover, options: RenderOptions,
           progress: Progress | None, jobs: int) -> bytes:
    """Return the booklet, its faces subset once (a worker then loads two small faces, not the
    whole CJK collections: about 140 MB a process less)."""
    forms = [form_pages(plan(layout, options), entry.summary.name or layout.title, level=2)
             for layout, entry in zip(layouts, entries)]
    measured: list[int] | None = None
    for _ in range(ATTEMPTS):
        parts, starts, blanks, numbered = _placed(forms, entries, cover, options, measured)
        groups = _groups(len(parts))
        meta = {"title": cover.title, "author": cover.unit, "subject": f"{cover.year} 年度",  # form words
                "counted": measured is not None}  # once the plan was found wrong: Typst counts the pages
        tasks = [_document(parts, starts, blanks, group, options, meta, layouts if len(groups) == 1 else [])
                 for group in groups]
        pdfs = [compile_pdf(*tasks[0])] if len(tasks) == 1 else compile_apart(tasks, jobs)
        found, total = _bookmarked(pdfs)
        if found == starts and total == starts[-1] - 1 + (measured or [planned_length(parts[-1])])[-1]:
            for _ in layouts if progress else ():
                progress.step()
            if len(pdfs) == 1:
                return pdfs[0]
            return _joined(pdfs, found, numbered, cover, options, layouts)
        measured = _lengths(found, blanks, total)
    raise OutputError(msg("booklet.pages-unsettled", attempts=ATTEMPTS))


def _groups(count: int) -> list[range]:
    """Return the parts each compile holds: all of them up to ``ALONE`` forms, else the front
    matter and the first ``CHUNK`` forms, then ``CHUNK`` forms each."""
    if count - FRONT <= ALONE:
        return [range(count)]
    edges = list(range(FRONT + CHUNK, count, CHUNK))
    return [range(a, b) for a, b in zip([0] + edges, edges + [count])]


def _document(parts: list[list[dict]], starts: list[int], blanks: list[int], group: range,
              options: RenderOptions, meta: dict, layouts: list[FormLayout]) -> tuple[dict, RenderOptions]:
    """Return the data and options of the parts of ``group``: a blank before a part that needs it,
    and at the end the one the next group's first part needs (each group then starts on its own
    numbered page)."""
    style = page_style(FormLayout(""), options)
    pages = []
    for index in group:
        pages += [blank_page(style)] * (blanks[index] if index != group.start else 0) + parts[index]
    if group.stop < len(parts):
        pages += [blank_page(style)] * blanks[group.stop]
    numbered = replace(options, first_page=starts[group.start])
    return document(pages, numbered, layouts=layouts, **meta), numbered


def _joined(pdfs: list[bytes], found: list[int], entries: list[Entry], cover: Cover, options: RenderOptions,
            layouts: list[FormLayout]) -> bytes:
    """Return the chunks as one PDF, outline and attachment made as for WeasyPrint's chunks."""
    marks = list(zip(("封面", summary_layout(entries).title, "目录"), (page - 1 for page in found[:FRONT])))  # form words
    laid = [Laid(pdf, 0, ()) for pdf in pdfs[1:]]
    return join(pdfs[0], marks, laid, entries, cover, options, layouts)


def _placed(forms: list[list[dict]], entries: list[Entry], cover: Cover, options: RenderOptions,
            measured: list[int] | None):
    """Return the parts' pages, the page each part starts on, the blank pages before it and the
    entries numbered.

    The contents print the forms' pages, and their length moves those pages: placed until the
    front matter keeps its length.
    """
    numbered = entries
    for _ in range(ATTEMPTS):
        parts = _front(numbered, cover, options) + forms
        lengths = measured or [planned_length(part) for part in parts]
        starts, blanks = _starts(lengths, options.odd_pages)
        renumbered = [replace(entry, page=page) for entry, page in zip(entries, starts[FRONT:])]
        if renumbered == numbered:
            break
        numbered = renumbered
    return parts, starts, blanks, numbered


def _front(entries: list[Entry], cover: Cover, options: RenderOptions) -> list[list[dict]]:
    style = page_style(FormLayout(""), options)
    cover_page = {**blank_page(style), "kind": "cover", "bookmark": "封面", "level": 1, "unit": cover.unit,  # form words
                  "heading": cover.title, "lines": list(cover.lines), "date": cover.date}
    return [[cover_page]] + [form_pages(plan(layout, options), layout.name) for layout in
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


def _bookmarked(pdfs: list[bytes]) -> tuple[list[int], int]:
    """Return the page (from 1) of each bookmark of the chunks in order, and their number of pages."""
    found: list[int] = []
    total = 0
    for pdf in pdfs:
        reader = PdfReader(io.BytesIO(pdf))
        found += [reader.get_destination_page_number(item) + 1 + total for item in _flat(reader.outline)]
        total += len(reader.pages)
    return found, total


def _flat(outline) -> list:
    return [leaf for item in outline for leaf in (_flat(item) if isinstance(item, list) else [item])]
