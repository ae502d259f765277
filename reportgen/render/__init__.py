"""The writers' registry: every output format, its suffix, and whether it writes a form or a booklet.

``render``, ``booklet``, ``doctor`` and the README's table read ``WRITERS``. A writer is a module
of this package named as its format, with ``write(form: PlannedForm, options) -> bytes | str``:
it receives a planned form (``reportgen.geometry``) and never plans. Writers are imported on
first use, so commands that do not render never import WeasyPrint.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType

from ..geometry import PlannedForm
from ..options import RenderOptions


@dataclass(frozen=True)
class Writer:
    """One output format: ``name`` is the module, the CLI's ``-f`` value and the golden files' suffix."""

    name: str
    suffix: str
    single: bool   # ``render -f NAME`` writes it for one form
    booklet: bool  # ``booklet -o FILE.SUFFIX`` builds a unit's booklet in it
    holds: str     # what a file of it is, for the README and ``doctor``

    def module(self) -> ModuleType:
        return importlib.import_module(f"{__name__}.{self.name}")

    def write(self, form: PlannedForm, options: RenderOptions) -> bytes | str:
        """Return the planned ``form`` written in this format."""
        return self.module().write(form, options)


WRITERS: dict[str, Writer] = {writer.name: writer for writer in (
    Writer("pdf", ".pdf", True, True, "print-ready A4, fonts embedded, the form's YAML attached"),
    Writer("docx", ".docx", True, True, "editable Word document, the PDF's page plan"),
    Writer("xlsx", ".xlsx", True, True, "editable workbook, a sheet per form, numbers as numbers"),
    Writer("html", ".html", True, False, "the print view WeasyPrint lays out, self-contained"),
)}


def writer(name: str) -> Writer:
    """Return the writer of format ``name``; KeyError for a format there is none of."""
    return WRITERS[name]
