"""A form's grid: its type's ``layout.html.j2`` rendered with the form, its figures and its title,
as plain data."""
from __future__ import annotations

from ..forms import form_type
from ..forms.choices import choice_fields
from ..forms.definition import Definition, starter_for
from ..forms.plain import plain, with_blank_rows
from ..forms.printing import Printing
from ..forms.registry import BUILT_IN
from ..load.loader import load_data
from ..messages import msg
from ..money import UNITS
from ..source.parse import read_yaml
from .grid import FormLayout
from .template import render_layout

_LAYOUTS: dict[str, TemplateLayout] = {}  # form id → its layout, while its definition is the registry's


def layout_of(form, form_id: str | None = None, strict: bool = False) -> FormLayout:
    """Return the grid of ``form``, laid out by its own form type or by ``form_id``'s."""
    definition = form_type(form_id or form.form).definition
    layout = _LAYOUTS.get(definition.id)
    if layout is None or layout.definition is not definition:
        layout = _LAYOUTS[definition.id] = TemplateLayout(definition)
    return layout(form, strict)


class TemplateLayout:
    """``form -> FormLayout`` through the definition's layout template.

    Every render checks the template's bindings against the schema; ``strict=True`` also compares
    each bound cell's text with its field's value. A form from a ``--forms`` folder is rendered
    strictly from its starter before its first use, so a mis-bound or unbound cell is caught when
    the form is loaded, not when a colleague's edit of it is imported (the built-in forms are
    checked so by the tests).
    """

    def __init__(self, definition: Definition):
        template = definition.files.get("layout.html.j2")
        if template is None:
            raise definition.fail("form.yaml", (), msg("layout.no-layout"))
        self.definition = definition
        self.folder, self.title = template.parent, definition.title
        self.printing = Printing(definition.schema.get("fields") or {})
        self.verified = definition.origin == BUILT_IN
        # the layouts of its ancestors, by "<form-id>/layout.html.j2": a variant's layout extends them
        self.ancestors = tuple(sorted((name, str(path)) for name, path in definition.files.items() if "/" in name))
        self.fields = definition.schema.get("fields") or {}
        self.choices = choice_fields(self.fields)
        self.money_unit = definition.meta.get("money_unit") or "元"  # form words
        if self.money_unit not in UNITS:
            raise definition.fail("form.yaml", ("money_unit",), msg("forms.unknown-money-unit", unit=self.money_unit,
                                                                    units=UNITS))

    def __call__(self, form, strict: bool = False) -> FormLayout:
        if not self.verified:
            self.verified = True
            self._verify_starter()
        # Plain data only: nothing a template reaches has methods that touch files (forms/plain.py).
        # An empty list of records prints one blank row: its table keeps its region, as on paper.
        context = {"form": with_blank_rows(plain(form), self.fields), "calc": plain(form.calc), "title": self.title}
        return render_layout(self.folder, context, self.printing, strict, self.money_unit, self.choices, self.ancestors)

    def _verify_starter(self) -> None:
        """Render the form's starter strictly; a starter that does not load is left to ``forms --check``."""
        path = self.definition.files.get("starter.yaml")
        if path is None:
            return
        starter, problems = load_data(read_yaml(starter_for(self.definition.text(path), self.definition.id)))
        if starter is not None and not any(p.severity == "error" for p in problems):
            self(starter, strict=True)
