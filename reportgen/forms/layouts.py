"""A form's layout: its ``layout.html.j2`` rendered with the form, its figures and its title, as plain data."""
from __future__ import annotations

from .definition import Definition


class TemplateLayout:
    """``form -> FormLayout`` through the definition's layout template; Jinja is imported on first use.

    Every render checks the template's bindings against the schema; ``strict=True`` (a form's
    starter) also compares each bound cell's text with its field's value.
    """

    def __init__(self, definition: Definition):
        template = definition.files.get("layout.html.j2")
        if template is None:
            raise definition.fail("form.yaml", (), "缺少 layout.html.j2（版式模板）", "no layout.html.j2 (layout template)")
        self.folder, self.title = template.parent, definition.title
        self.schema = definition.schema.get("fields") or {}

    def __call__(self, form, strict: bool = False):
        from ..layout.template import render_layout

        context = {"form": form, "calc": form.calc, "title": self.title}  # made plain data by render_layout
        return render_layout(self.folder, context, self.schema, strict)
