"""Preview, downloads and the booklet: the writers of ``reportgen render`` and ``reportgen booklet``.

The preview is the HTML writer's page of the same fitted grid and page plan every writer uses.
The file writers run one at a time (``LOCK``): WeasyPrint lays out one document per process at once.
"""
from __future__ import annotations

import threading
from pathlib import Path

from ..booklet import cover_of, entries_of, layouts_of
from ..booklet import plan as plan_booklet
from ..booklet.formats import BUILDERS
from ..geometry import plan
from ..layout import layout_of
from ..options import RenderOptions
from ..parallel import Workers
from ..render import writer
from ..render.embed import with_source

LOCK = threading.Lock()
MEDIA = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
}
BOOKLET_FORMATS = tuple(BUILDERS)


def rendered(form, fmt: str, options: RenderOptions) -> bytes | str:
    """Return ``form`` (a validated model) written in ``fmt``, with its source embedded as ``render`` does."""
    planned = plan(with_source(layout_of(form), form), options)
    with LOCK:
        return writer(fmt).write(planned, options)


def preview(form, options: RenderOptions) -> str:
    """Return the print view of ``form``: the HTML writer's pages, without the embedded source.

    Not behind ``LOCK``: it lays out no PDF, so typing stays answered while a booklet is built.
    """
    return writer("html").write(plan(layout_of(form), options), options)


def booklet(root: Path, fmt: str, options: RenderOptions) -> tuple[bytes | None, list[str]]:
    """Return the booklet of every form below ``root`` and the files left out (with errors)."""
    result = plan_booklet([str(root)], options, root)
    if not result.members:
        return None, result.failed
    cover = cover_of(result, options.date)
    entries, layouts = entries_of(result.members), layouts_of(result.members)
    with LOCK:
        return BUILDERS[fmt](layouts, entries, cover, options, Workers(jobs=1)), result.failed
