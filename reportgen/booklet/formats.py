"""The booklet builder of each format the writers' registry (``render.WRITERS``) marks ``booklet``.

Each takes ``(layouts, entries, cover, options, workers)`` and returns the booklet's bytes; the
PDF's is that of the engine ``options.engine`` names.
"""
from __future__ import annotations

from . import pdf, typst
from .office import docx_booklet, xlsx_booklet


def pdf_booklet(layouts, entries, cover, options, workers) -> bytes:
    engine = typst if options.engine == "typst" else pdf
    return engine.build(layouts, entries, cover, options, workers)


BUILDERS = {"pdf": pdf_booklet, "docx": docx_booklet, "xlsx": xlsx_booklet}
