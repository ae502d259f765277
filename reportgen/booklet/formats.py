"""The booklet builder of each format the writers' registry (``render.WRITERS``) marks ``booklet``.

Each takes ``(layouts, entries, cover, options, workers)`` and returns the booklet's bytes.
"""
from __future__ import annotations

from .office import docx_booklet, xlsx_booklet
from .pdf import build as pdf_booklet

BUILDERS = {"pdf": pdf_booklet, "docx": docx_booklet, "xlsx": xlsx_booklet}
