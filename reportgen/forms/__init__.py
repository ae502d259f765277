"""The registry of form types. A form type is a model plus a layout, nothing else.

Adding a form: a package here with ``model.py`` (what the YAML holds), its printed grid as
``templates/forms/<id>/layout.html.j2`` (``reportgen.layout.template``), one line in
``_MODULES``, and a starter in ``templates/starters``.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Callable

from pydantic import BaseModel

from ..layout import FormLayout


@dataclass(frozen=True)
class FormType:
    """What the tool knows of one form type."""

    id: str
    title: str
    model: type[BaseModel]
    layout: Callable[[BaseModel], FormLayout]


_MODULES = {
    "target-2026": "target_2026",
    "target-2020": "target_2020",
    "selfeval-2019": "selfeval_2019",
    "selfeval-2020": "selfeval_2020",
}


@dataclass(frozen=True)
class TemplateLayout:
    """A form's layout template as ``form -> FormLayout``; Jinja is imported at the first call only."""

    form_id: str

    def __call__(self, form: BaseModel) -> FormLayout:
        from ..layout.template import render_layout
        from ..resources import templates_dir
        from .computed import computed

        return render_layout(templates_dir() / "forms" / self.form_id, {"form": form, "calc": computed(form)})


def _load(form_id: str) -> FormType:
    package = importlib.import_module(f"{__name__}.{_MODULES[form_id]}")
    return FormType(form_id, package.TITLE, package.MODEL, TemplateLayout(form_id))


FORMS: dict[str, FormType] = {form_id: _load(form_id) for form_id in _MODULES}


def form_type(form_id: str) -> FormType | None:
    """Return the form type called ``form_id``, or None."""
    return FORMS.get(form_id)
