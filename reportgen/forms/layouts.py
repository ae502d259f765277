"""A form's layout: its ``layout.html.j2`` rendered with the form, its figures and its title, as plain data."""
from __future__ import annotations

from ..load.loader import load_data
from ..load.source import read_yaml
from .definition import Definition, starter_for
from .plain import plain
from .printing import Printing
from .registry import BUILT_IN


class TemplateLayout:
    """``form -> FormLayout`` through the definition's layout template; Jinja is imported on first use.

    Every render checks the template's bindings against the schema; ``strict=True`` also compares
    each bound cell's text with its field's value. A form from a ``--forms`` folder is rendered
    strictly from its starter before its first use, so a mis-bound or unbound cell is caught when
    the form is loaded, not when a colleague's edit of it is imported (the built-in forms are
    checked so by the tests).
    """

    def __init__(self, definition: Definition):
        template = definition.files.get("layout.html.j2")
        if template is None:
            raise definition.fail("form.yaml", (), "缺少 layout.html.j2（版式模板）", "no layout.html.j2 (layout template)")
        self.definition = definition
        self.folder, self.title = template.parent, definition.title
        self.printing = Printing(definition.schema.get("fields") or {})
        self.verified = definition.origin == BUILT_IN

    def __call__(self, form, strict: bool = False):
        from ..layout.template import render_layout

        if not self.verified:
            self.verified = True
            self._verify_starter()
        # Plain data only: nothing a template reaches has methods that touch files (plain.py).
        context = {"form": plain(form), "calc": plain(form.calc), "title": self.title}
        return render_layout(self.folder, context, self.printing, strict)

    def _verify_starter(self) -> None:
        """Render the form's starter strictly; a starter that does not load is left to ``forms --check``."""
        path = self.definition.files.get("starter.yaml")
        if path is None:
            return
        starter, problems = load_data(read_yaml(starter_for(self.definition.text(path), self.definition.id)))
        if starter is not None and not any(p.severity == "error" for p in problems):
            self(starter, strict=True)
