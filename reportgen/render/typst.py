"""PDF through Typst: the pages the HTML writer plans, drawn by ``templates/typst/form.typ``.

The form reaches the compiler as JSON (``sys.inputs.data``), never as markup: the program
places every text as a string, so no character of a form is read as Typst syntax. The compiler's
root is the program's folder, which holds the program alone (nothing else to read or import);
no packages and no system fonts: only the folders holding the faces fontconfig resolved for the
body and title stacks.

Pages are those of the planned form (``geometry.plan``), the WeasyPrint writer's plan: the same fitted widths,
cut rows, repeated header rows and labels, one table part per planned page.
"""
from __future__ import annotations

import calendar
import io
import json
import multiprocessing
import re
from functools import lru_cache
from pathlib import Path

from ..errors import OutputError
from ..fonts import fallback_faces, resolve
from ..geometry import PlannedForm, page_style
from ..geometry.measure import LABEL_POINTS, per_line, width_em
from ..layout import FormLayout, Role, Table
from ..layout.ticks import EMPTY, TICKED
from ..messages import msg
from ..options import RenderOptions
from ..reproducible import document_date
from ..resources import templates_dir
from ..style import PageStyle
from . import embed
from .html import watermark_box

NAME, SUFFIX, BINARY = "pdf", ".pdf", True
PROGRAM = ("typst", "form.typ")
# WeasyPrint's PDF variants as Typst names its PDF standards.
STANDARDS = {"pdf/a-1b": "a-1b", "pdf/a-2b": "a-2b", "pdf/a-3b": "a-3b", "pdf/a-2u": "a-2u", "pdf/a-3u": "a-3u",
             "pdf/a-4u": "a-4", "pdf/ua-1": "ua-1"}
_RUN = re.compile(r"[!-~]+")  # printable ASCII without a space: a word Typst does not break inside


def version() -> str | None:
    """Return the version of the Typst compiler installed, or None (pip install 'reportgen[typst]')."""
    try:
        import typst  # optional: the extra reportgen[typst]
    except ImportError:
        return None
    return getattr(typst, "__version__", "?")


def write(form: PlannedForm, options: RenderOptions) -> bytes:
    """Return the PDF of one form, as ``pdf.write`` makes it with WeasyPrint."""
    layout = form.layout
    pages = form_pages(form, layout.name or None)
    data = document(pages, options, title=layout.name or layout.title, layouts=[layout])
    pdf = compile_pdf(data, options)
    if page_total(pdf) != planned_length(pages):  # a table taller than planned: the numbers counted
        pdf = compile_pdf({**data, "counted": True}, options)
    return pdf


def page_total(pdf: bytes) -> int:
    """Return how many pages ``pdf`` has."""
    from pypdf import PdfReader  # pypdf: only when PDFs are joined or read

    return len(PdfReader(io.BytesIO(pdf)).pages)


def form_pages(form: PlannedForm, bookmark: str | None, level: int = 1) -> list[dict]:
    """Return the planned pages of ``form``: title on the first, a part of its tables on each."""
    fitted, style = form.layout, form.style
    out = []
    for page in form.pages:
        head = {"title": fitted.title, "subtitle": fitted.subtitle, "caption": fitted.caption} if page.first else None
        out.append({"kind": "form", **_paper(style), "style": _style(style), "head": head,
                    "bookmark": bookmark if page.first else None, "level": level,
                    "tables": [_table(table, style) for table in page.tables], "notes": [], "spill": page.spill})
    if out:
        out[-1]["notes"] = list(fitted.notes)
    return out


def planned_length(pages: list[dict]) -> int:
    """Return the pages ``pages`` print, those a table too tall for one page runs onto included."""
    return sum(1 + page.get("spill", 0) for page in pages)


def blank_page(style: PageStyle) -> dict:
    """Return a page left blank for double-sided printing: no number, the watermark only."""
    return {"kind": "blank", **_paper(style)}


def _paper(style: PageStyle) -> dict:
    return {"size": list(style.size),
            "margin": [style.margin_top, style.margin_right, style.margin_bottom, style.margin_left]}


def _style(style: PageStyle) -> dict:
    return {"body": style.body_pt, "title": style.title_pt, "subtitle": style.subtitle_pt,
            "lh": style.line_height, "pad": [style.pad_v, style.pad_h]}


def _table(table: Table, style: PageStyle) -> dict:
    edges = [0.0]
    for width in table.widths:
        edges.append(edges[-1] + width)
    cells = []
    for cell in table.cells:
        room = per_line(edges[cell.col + cell.colspan] - edges[cell.col], style.body_pt, style)
        paragraphs = [items(text, cell.role, room) for text in cell.text]
        cells.append([cell.col, cell.row, cell.rowspan, cell.colspan, cell.role.value, paragraphs])
    return {"widths": list(table.widths), "cells": cells}


def items(text: str, role: Role, room_em: float) -> list:
    """Return a paragraph as the program's items: a string flows; ``[s]`` stays on one line.

    As in the HTML: a number never breaks (``white-space: nowrap``), nor a label's points
    "(36分)"; a run of Latin letters longer than the cell's line breaks anywhere
    (``word-break: break-all``), so every character of it becomes an item of its own.
    """
    if role in (Role.MONEY, Role.RATE):
        return [[text]] if text else []
    if role is Role.LABEL:
        return _kept(text, LABEL_POINTS)
    out, last = [], 0
    for match in _RUN.finditer(text):
        run = match.group()
        if width_em(run) <= room_em:
            continue
        out += [text[last:match.start()]] if match.start() > last else []
        out += [[char] for char in run]
        last = match.end()
    return out + ([text[last:]] if last < len(text) else [])


def _kept(text: str, pattern: re.Pattern) -> list:
    out, last = [], 0
    for match in pattern.finditer(text):
        out += [text[last:match.start()]] if match.start() > last else []
        out.append([match.group()])
        last = match.end()
    return out + ([text[last:]] if last < len(text) else [])


def document(pages: list[dict], options: RenderOptions, title: str, author: str = "", subject: str = "",
             layouts: list[FormLayout] = (), counted: bool = False) -> dict:
    """Return the program's data: ``pages`` with the faces, numbering, watermark and attachment.

    Pages are numbered from the plan (their planned lengths), unless ``counted``: then by Typst's
    page counter, which takes a second layout pass; for a document found longer than planned.
    """
    faces = _faces(options)
    style = page_style(FormLayout(""), options)
    return {"title": title, "author": [author] if author else [], "subject": subject or None,
            "fonts": {role: [family for family, _, _ in found] for role, found in faces.items()},
            "metrics": {role: _metrics(*found[0][1:]) if found else [0.88, 0.12] for role, found in faces.items()},
            "numbers": _numbers(options), "first": options.first_page, "counted": counted,
            "watermark": _watermark(options.watermark, style, options),
            "payload": _payload(layouts, options), "pages": pages}


def _numbers(options: RenderOptions) -> str | None:
    if not options.page_numbers:
        return None
    return "gbt9704" if options.profile == "gbt9704" else "form"


def _watermark(text: str | None, style: PageStyle, options: RenderOptions) -> dict | None:
    """Return where the watermark sits on every page, as ``div.watermark`` of the stylesheet."""
    if not text:
        return None
    box = watermark_box(text, style)
    return {"text": text, "size": box["size"], "width": box["width"], "dx": style.margin_left + box["left"],
            "dy": style.margin_top + style.content_height / 2 - 15}


def _payload(layouts, options: RenderOptions) -> dict | None:
    forms = [{"yaml": layout.source} for layout in layouts if layout.source]
    if not forms or not embed.pdf_allows(options.pdf_variant):
        return None
    return {"name": embed.NAME, "data": embed.payload(forms).decode("utf-8")}


def _faces(options: RenderOptions) -> dict[str, list[tuple[str, str, int]]]:
    """Return role → (Typst's family name, file, index) of each face of its stack: a booklet's
    pre-subset faces (``fonts.with_subsets``) first, then those fontconfig finds installed, then
    the faces WeasyPrint falls back to for what the body stack lacks of the tick boxes (☑ is in no
    CJK face) and the title stack of the watermark (which is not glyph-checked)."""
    subsets = dict(options.fonts.embedded)
    out = {}
    for role, stack, generic, symbols in (("body", options.fonts.body, "serif", TICKED + EMPTY),
                                          ("title", options.fonts.title, "sans-serif", options.watermark or "")):
        faces = [("", subsets[family], 0) for family in stack if family in subsets] + resolve(stack)
        faces += [("", file, index) for file, index in _fallbacks(stack, generic, "".join(sorted(set(symbols))))]
        out[role] = _dedupe([(typst_family(file, index), file, index) for _, file, index in faces])
    return out


@lru_cache(maxsize=8)
def _fallbacks(stack: tuple[str, ...], generic: str, chars: str) -> list[tuple[str, int]]:
    installed = tuple(family for family, _, _ in resolve(stack))  # not a booklet's subsets: fontconfig knows none
    return fallback_faces(installed, generic, chars)


def _dedupe(faces: list) -> list:
    seen, out = set(), []
    for face in faces:
        if face[0] not in seen:
            seen.add(face[0])
            out.append(face)
    return out


@lru_cache(maxsize=32)
def typst_family(file: str, index: int) -> str:
    """Return the family Typst knows a face by: its typographic family, else its family (English)."""
    from fontTools.ttLib import TTFont  # fontTools: only when a face is measured or subset

    font = TTFont(file, fontNumber=index, lazy=True)
    try:
        names = font["name"]
        for name_id in (16, 1):
            record = names.getName(name_id, 3, 1, 0x409) or names.getName(name_id, 1, 0, 0)
            if record:
                return record.toUnicode()
        return Path(file).stem
    finally:
        font.close()


@lru_cache(maxsize=32)
def _metrics(file: str, index: int) -> list[float]:
    """Return the ascender and descender (em) of a face, which Pango and Typst both lay lines by."""
    from fontTools.ttLib import TTFont  # fontTools: only when a face is measured or subset

    font = TTFont(file, fontNumber=index, lazy=True)
    try:
        per_em, hhea = font["head"].unitsPerEm, font["hhea"]
        return [hhea.ascent / per_em, -hhea.descent / per_em]
    finally:
        font.close()


def compile_pdf(data: dict, options: RenderOptions) -> bytes:
    """Return the PDF the program draws from ``data``, dated by the document date."""
    folders = tuple(sorted({str(Path(file).parent) for faces in _faces(options).values() for _, file, _ in faces}))
    standard = STANDARDS.get((options.pdf_variant or "").lower())
    when = calendar.timegm(document_date(options.date).timetuple())
    try:
        return _compiler(folders).compile(sys_inputs={"data": json.dumps(data, ensure_ascii=False)},
                                          pdf_standards=[standard] if standard else [], timestamp=when,
                                          pdf_tags=standard == "ua-1")
    except Exception as exc:  # typst.TypstError, a PDF standard's rule broken: ours to say, not a trace
        message = getattr(exc, "message", None) or str(exc)
        raise OutputError(msg("render.typst-failed", message=message)) from None


def compile_apart(tasks: list[tuple[dict, RenderOptions]], jobs: int = 1) -> list[bytes]:
    """Return the PDF of each (data, options), each compiled in a process of its own.

    Typst's caches keep what a compile laid out for the rest of the process (about 3 MB a form):
    a process per document gives it back. Forked from a server that never ran Typst: a process
    forked from one that has may hang on the locks of Typst's threads, which it does not have.
    """
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    with context.Pool(max(1, min(jobs, len(tasks))), maxtasksperchild=1) as pool:
        return pool.starmap(compile_pdf, tasks, chunksize=1)


@lru_cache(maxsize=4)
def _compiler(font_folders: tuple[str, ...]):
    """Return a Typst compiler of our program, rooted in its folder (the program alone), with only these fonts."""
    import typst  # optional: the extra reportgen[typst]

    program = templates_dir().joinpath(*PROGRAM)
    return typst.Compiler(str(program), root=str(program.parent), font_paths=list(font_folders),
                          ignore_system_fonts=True)
