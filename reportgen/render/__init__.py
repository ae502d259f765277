"""The writers: one module per format, each ``write(layout, options) -> bytes | str``.

Writers are imported on first use, so commands that do not render never import WeasyPrint.
"""
from __future__ import annotations

import importlib
from types import ModuleType

FORMATS = ("pdf", "docx", "xlsx", "html")
SUFFIXES = {name: f".{name}" for name in FORMATS}  # each writer's SUFFIX, known without importing it


def writer(name: str) -> ModuleType:
    """Return the writer module of format ``name`` (``pdf``, ``docx``, ``xlsx`` or ``html``)."""
    if name not in FORMATS:
        raise KeyError(name)
    return importlib.import_module(f"{__name__}.{name}")
