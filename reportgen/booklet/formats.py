"""The booklet builder of each format the writers' registry (``render.WRITERS``) marks ``booklet``.

Each takes ``(layouts, entries, cover, options, workers)`` and returns the booklet's bytes; the
PDF's is that of the engine ``options.engine`` names. A builder's module is imported when it is
used, as the writers are: a PDF booklet imports neither openpyxl nor python-docx.
"""
from __future__ import annotations

import importlib


def _builder(module: str, function: str):
    def build(layouts, entries, cover, options, workers) -> bytes:
        return getattr(importlib.import_module(f"{__package__}.{module}"), function)(
            layouts, entries, cover, options, workers)
    return build


def pdf_booklet(layouts, entries, cover, options, workers) -> bytes:
    engine = "typst" if options.engine == "typst" else "pdf"
    return _builder(engine, "build")(layouts, entries, cover, options, workers)


BUILDERS = {"pdf": pdf_booklet, "docx": _builder("office", "docx_booklet"), "xlsx": _builder("office", "xlsx_booklet")}
