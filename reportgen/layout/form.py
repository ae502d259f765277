"""A form's grid: its type's ``layout.html.j2`` rendered with the form, its figures and its title."""
from __future__ import annotations

from types import MappingProxyType

from ..forms import form_type
from ..forms.definition import Definition
from .grid import FormLayout
from .template import render_layout


def layout_of(form, form_id: str | None = None) -> FormLayout:
    """Return the grid of ``form``, laid out by its own form type or by ``form_id``'s."""
    return TemplateLayout(form_type(form_id or form.form).definition)(form)


class TemplateLayout:
    """``form -> FormLayout`` through the definition's layout template."""

    def __init__(self, definition: Definition):
        template = definition.files.get("layout.html.j2")
        if template is None:
            raise definition.fail("form.yaml", (), "缺少 layout.html.j2（版式模板）", "no layout.html.j2 (layout template)")
        self.folder, self.title = template.parent, definition.title

    def __call__(self, form) -> FormLayout:
        context = {"form": form, "calc": MappingProxyType(form.calc), "title": self.title}
        return render_layout(self.folder, context)
