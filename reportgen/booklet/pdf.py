"""The PDF booklet: forms laid out in chunks (in parallel), front matter, one continuous numbering.

WeasyPrint keeps every page of a document in memory (about 3 MB a form), so a booklet of a
thousand forms is laid out in chunks of ``CHUNK`` forms, in worker processes, and the
chunks are joined with pypdf. Each chunk starts its page counter where the previous one ends:
the HTML writer plans every page, so the numbers are known before anything is laid out; a chunk
that comes out longer than planned has the chunks after it laid out again with corrected numbers.
Faces are subset once for the whole booklet and embedded whole, so the joined file keeps a
single copy of each font.
"""
from __future__ import annotations

import gc
import io
import os
import shutil
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import OutputError
from ..fonts import with_subsets
from ..geometry import PlannedForm, page_count, plan_all
from ..layout import FormLayout
from ..messages import msg
from ..options import RenderOptions
from ..output import process_alive
from ..parallel import Progress, Workers, map_jobs
from ..render import html as html_writer
from ..render.embed import NAME, payload, pdf_allows
from ..render.pdf import layout_document, pdf_arguments, register_faces
from ..reproducible import document_date
from .archive import restore
from .front import Cover, Entry, summary_layout, toc_layout

CHUNK = 40  # forms per chunk: fixed, so that the bytes do not depend on --jobs


@dataclass(frozen=True)
class Chunk:
    forms: tuple[PlannedForm, ...]
    options: RenderOptions  # first_page: where this chunk's numbering starts


@dataclass(frozen=True)
class Laid:
    """A chunk laid out and written: its PDF, page count and each form's first page (0-based)."""

    pdf: bytes
    pages: int
    starts: tuple[int, ...]


def build(layouts: list[FormLayout], entries: list[Entry], cover: Cover, options: RenderOptions,
          workers: Workers) -> bytes:
    """Return the booklet PDF: cover, summary, contents, then every form.

    The front matter's length is planned; should it come out longer or shorter (very long
    project names), the forms are numbered again from where it really ends.
    """
    remove_stale_folders()
    progress = workers.progress
    with tempfile.TemporaryDirectory(prefix=f"{FONTS_PREFIX}{os.getpid()}-") as fonts_dir:
        front_layouts = _front_layouts(entries)
        points = codepoints(layouts + front_layouts, cover, options.watermark)
        options = replace(options, fonts=with_subsets(options.fonts, points, Path(fonts_dir)))
        front_pages = page_count(plan_all(front_layouts, options), options, cover=True)
        forms = plan_all(layouts, options)
        # Every form's grid lives to the end: out of the collector's sight, the many collections
        # while WeasyPrint lays out do not walk them each time (a fifth of a 150-form booklet).
        gc.collect()
        gc.freeze()
        try:
            for _ in range(3):
                chunks = _chunks(forms, options, front_pages + 1, CHUNK)
                laid = _lay_out(chunks, workers.jobs, progress, workers.executor)
                numbered = _numbered(entries, chunks, laid)
                front, marks, pages = _front(numbered, cover, options)
                if pages == front_pages:
                    return join(front, marks, laid, numbered, cover, options, layouts)
                front_pages, progress = pages, None
        finally:
            gc.unfreeze()
        raise OutputError(msg("booklet.front-unsettled", front_pages=front_pages))


FONTS_PREFIX = "reportgen-fonts-"  # then the pid of the run, so the next run knows a killed run's folder


def remove_stale_folders() -> None:
    """Remove the font folders that runs killed before they could clean up left in the temp folder."""
    for folder in Path(tempfile.gettempdir()).glob(f"{FONTS_PREFIX}*-*"):
        pid = folder.name[len(FONTS_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and not process_alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)



def _chunks(forms: list[PlannedForm], options: RenderOptions, first: int, size: int) -> list[Chunk]:
    chunks = []
    for start in range(0, len(forms), size):
        part = tuple(forms[start:start + size])
        chunk_options = replace(options, first_page=_right_hand(first, options))
        chunks.append(Chunk(part, chunk_options))
        first = chunk_options.first_page + page_count(list(part), chunk_options)
    return chunks


def _right_hand(number: int, options: RenderOptions) -> int:
    """With odd-page starts, a chunk begins on the next right-hand (odd) page."""
    return number + 1 if options.odd_pages and number % 2 == 0 else number


def _lay_out(chunks: list[Chunk], jobs: int, progress: Progress | None, executor=None) -> list[Laid]:
    """Lay out every chunk, each numbered from where the one before ends.

    One job: in turn, so every chunk knows the real page it starts on. Several: at the planned
    pages, at once; a chunk that starts elsewhere after all is laid out again, renumbered.
    """
    laid: list[Laid] = []
    if jobs <= 1 and executor is None:
        for index, chunk in enumerate(chunks):
            if index:
                chunks[index] = chunk = _renumbered(chunk, chunks[index - 1], laid[-1])
            laid.append(_step(render_chunk(chunk), progress))
        return laid
    laid = [_step(result, progress) for result in map_jobs(render_chunk, chunks, jobs, executor)]
    for index in range(1, len(chunks)):
        renumbered = _renumbered(chunks[index], chunks[index - 1], laid[index - 1])
        if renumbered != chunks[index]:
            chunks[index] = renumbered
            laid[index] = render_chunk(renumbered)
    return laid


def _renumbered(chunk: Chunk, previous: Chunk, previous_laid: Laid) -> Chunk:
    """Return ``chunk`` numbered from the page after ``previous`` really ended."""
    first = _right_hand(previous.options.first_page + previous_laid.pages, chunk.options)
    if first == chunk.options.first_page:
        return chunk
    return replace(chunk, options=replace(chunk.options, first_page=first))


def _step(result: Laid, progress: Progress | None) -> Laid:
    if progress:
        for _ in result.starts:
            progress.step()
    return result


def render_chunk(chunk: Chunk) -> Laid:
    """Lay out and write one chunk of forms (in a worker process)."""
    register_faces(chunk.options)
    source = html_writer.write_many(list(chunk.forms), chunk.options, title="", declare_faces=False)
    document = layout_document(source, chunk.options)
    starts = tuple(index for index, page in enumerate(document.pages) if page.bookmarks)
    return Laid(document.write_pdf(**pdf_arguments(chunk.options)), len(document.pages), starts)


def _numbered(entries: list[Entry], chunks: list[Chunk], laid: list[Laid]) -> list[Entry]:
    """Return the entries with the page number each form starts on."""
    pages = [chunk.options.first_page + start for chunk, result in zip(chunks, laid) for start in result.starts]
    return [replace(entry, page=page) for entry, page in zip(entries, pages)]


def _front_layouts(entries: list[Entry]) -> list[FormLayout]:
    return [summary_layout(entries), toc_layout(entries)]


def _front(entries: list[Entry], cover: Cover, options: RenderOptions):
    """Return the front matter's PDF, its bookmarks ((title, page index) of cover, summary,
    contents) and its number of pages."""
    register_faces(options)
    source = html_writer.write_many(plan_all(_front_layouts(entries), options), options, title=cover.title,
                                    cover=cover, declare_faces=False)
    document = layout_document(source, options)
    marks = [(label, index) for index, page in enumerate(document.pages) for _, label, _, _ in page.bookmarks]
    return document.write_pdf(**pdf_arguments(options)), marks, len(document.pages)


def join(front: bytes, marks: list, laid: list[Laid], entries: list[Entry], cover: Cover,
         options: RenderOptions, layouts: list[FormLayout]) -> bytes:
    """Return the front matter and the chunks as one PDF: outline, metadata, PDF/A entries, the forms' source."""
    from pypdf import PdfReader, PdfWriter  # pypdf: only when PDFs are joined or read


    writer = PdfWriter()
    readers = [PdfReader(io.BytesIO(part)) for part in [front] + [result.pdf for result in laid]]
    blank = None  # made when first needed: parts that end on a left-hand page need none
    for reader in readers:
        if options.odd_pages and len(writer.pages) % 2:
            blank = blank or PdfReader(io.BytesIO(_blank_page(options)))
            writer.append(blank, import_outline=False)  # the next part starts on a right-hand page
        writer.append(reader, import_outline=False)
    _outline(writer, marks, entries)
    info = _metadata(writer, cover, options)
    if options.pdf_variant:
        restore(writer, readers[0], options.pdf_variant, info, document_date(options.date))
    forms = [{"yaml": layout.source} for layout in layouts if layout.source]
    if forms and pdf_allows(options.pdf_variant):
        writer.add_attachment(NAME, payload(forms))  # the forms' source, for reportgen import
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _blank_page(options: RenderOptions) -> bytes:
    """Return a page with nothing on it but the watermark, as WeasyPrint's own blank pages."""
    register_faces(options)
    source = html_writer.write_many([], options, title="", declare_faces=False)
    return layout_document(source, options).write_pdf(**pdf_arguments(options))


def _outline(writer, marks: list, entries: list[Entry]) -> None:
    """Bookmark the front matter where it was laid out, and each form under the contents."""
    contents = None
    for title, index in marks:
        contents = writer.add_outline_item(title=title, page_number=index)
    for entry in entries:
        writer.add_outline_item(title=entry.summary.name, page_number=entry.page - 1, parent=contents)


def _metadata(writer, cover: Cover, options: RenderOptions) -> dict:
    when = document_date(options.date).strftime("D:%Y%m%d%H%M%S+00'00'")
    info = {"/Title": cover.title, "/Author": cover.unit, "/Subject": f"{cover.year} 年度",  # form words
            "/Creator": "reportgen", "/Producer": "reportgen", "/CreationDate": when, "/ModDate": when}
    writer.add_metadata(info)
    return info


def codepoints(layouts: list[FormLayout], cover: Cover, watermark: str | None) -> set[int]:
    """Return every character the booklet prints: cell texts, titles, cover, fixed captions."""
    texts = [cover.title, cover.unit, str(cover.year), cover.date, *cover.lines, watermark or "",
             "—年度封面项目汇总表目录页码序号"]  # form words
    for layout in layouts:
        texts += [layout.title, layout.subtitle, layout.caption, *layout.notes]
        texts += [text for table in layout.tables for cell in table.cells for text in cell.text]
    points = {ord(char) for text in texts for char in text}
    return points | set(range(0x20, 0x7F))
