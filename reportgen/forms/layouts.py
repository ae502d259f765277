"""A form's layout function. Interim: the Python layouts of the built-in forms, fed the computed figures."""
from __future__ import annotations

import importlib

from .definition import Definition

_NAMES = {"grade": "computed_grade"}


class _Figures:
    """The form with its computed figures as attributes, as the Python layouts read them."""

    def __init__(self, form):
        self._form = form

    def __getattr__(self, name):
        calc = self._form.calc
        for key, alias in _NAMES.items():
            if name == alias:
                return calc[key]
        if name == "calc":
            return calc
        if name in calc and name != "grade":
            return calc[name]
        return getattr(self._form, name)


def layout_of(definition: Definition):
    module = importlib.import_module(f"reportgen.forms.{definition.id.replace('-', '_')}.layout")
    return lambda form: module.layout(_Figures(form))
