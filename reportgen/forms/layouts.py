"""A form's layout: its ``layout.html.j2`` rendered with the form, its figures and its title."""
from __future__ import annotations

from types import MappingProxyType

from ..money import UNITS
from .choices import choice_fields
from .definition import Definition


class TemplateLayout:
    """``form -> FormLayout`` through the definition's layout template; Jinja is imported on first use."""

    def __init__(self, definition: Definition):
        template = definition.files.get("layout.html.j2")
        if template is None:
            raise definition.fail("form.yaml", (), "缺少 layout.html.j2（版式模板）", "no layout.html.j2 (layout template)")
        self.folder, self.title = template.parent, definition.title
        # the layouts of its ancestors, by "<form-id>/layout.html.j2": a variant's layout extends them
        self.ancestors = tuple(sorted((name, str(path)) for name, path in definition.files.items() if "/" in name))
        self.choices = choice_fields(definition.schema.get("fields") or {})
        self.money_unit = definition.meta.get("money_unit") or "元"
        if self.money_unit not in UNITS:
            raise definition.fail("form.yaml", ("money_unit",), f"未知的金额单位“{self.money_unit}”（可用：{'、'.join(UNITS)}）",
                                  f"unknown money unit “{self.money_unit}” (known: {', '.join(UNITS)})")

    def __call__(self, form):
        from ..layout.template import render_layout

        context = {"form": form, "calc": MappingProxyType(form.calc), "title": self.title}
        return render_layout(self.folder, context, self.money_unit, self.choices, self.ancestors)
