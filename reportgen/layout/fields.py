"""Bindings that cannot lie: ``field(path)`` prints and binds a field from one path.

``{{ field("funds.annual", colspan=2) }}`` writes the whole cell, ``<td class="money" colspan="2"
data-bind="funds.annual" data-number="4087500.00">4,087,500.00</td>``: the value, its format and
its role follow from the field's type in ``schema.yaml``, so the printed value is the bound
field's by construction. A template names the path once; a path that names no field is an error
at the template's line.

``Bindings`` checks every bound cell of a render, however it was written (``field()`` or a
``data-bind`` attribute): the path names a field, no field is bound twice; with ``strict`` (a
form's starter, ``reportgen forms --check``) also that the printed text is the field's value as
formatted, and afterwards that no required field is printed in a cell that does not bind it.

What a field's type means for printing comes from the render's ``printing`` (a
``forms.printing.Printing`` of the form's schema, handed down by the form: this layer does not
import the forms layer).
"""
from __future__ import annotations

import re
from contextvars import ContextVar

from markupsafe import Markup

from ..messages import Text, msg

values: ContextVar[list[str]] = ContextVar("layout_values")
printing: ContextVar[object] = ContextVar("layout_printing", default=None)
form: ContextVar[object] = ContextVar("layout_form", default=None)  # the render's form, plain data: macros
# imported without the template's context still print its fields

ROLE_OF = {"money": "money", "signed_money": "money", "points": "points", "percent": "rate", "paragraphs": "text"}
NUMBERED = ("money", "signed_money", "points")  # cells that carry the exact number, data-number
_ROLE = re.compile(r"[a-z]+")


def held(value: object) -> str:
    """Return a reference to ``value``'s exact text, which the reader puts back verbatim."""
    found = values.get()
    found.append("" if value is None else str(value))
    return f"\ufdd0{len(found) - 1}\ufdd1"


def current():
    """Return the render's printing of fields; a template rendered without a form has none."""
    found = printing.get()
    if found is None:
        raise ValueError(msg("layout.field-no-form"))
    return found


def field(path: str, role: str | None = None, colspan: int = 1, rowspan: int = 1,
          style: str = "normalised", unit: str = "") -> Markup:
    """Return the cell printing and binding the field ``path`` (see the module's docstring)."""
    fields = current()
    kind = fields.kind(path) if isinstance(path, str) else None
    if kind is None:
        raise ValueError(msg("layout.field-no-field", path=path))
    role = role or ROLE_OF.get(kind, "value")
    if not (isinstance(role, str) and _ROLE.fullmatch(role)) or not all(
            isinstance(n, int) and not isinstance(n, bool) and n >= 1 for n in (colspan, rowspan)):
        raise ValueError(msg("layout.field-arguments", path=path))
    value = fields.lookup(form.get(), path)
    spans = (f' colspan="{colspan}"' if colspan != 1 else "") + (f' rowspan="{rowspan}"' if rowspan != 1 else "")
    number = f' data-number="{held(value)}"' if kind in NUMBERED else ""
    number += f' data-unit="{held(unit)}"' if unit else ""  # a money cell in its own unit (万元)
    if kind == "paragraphs":
        content = "".join(f"<p>{held(p)}</p>" for p in value or ())
    else:
        content = held(fields.shown(kind, value, style))
    return Markup(f'<td class="{role}"{spans} data-bind="{held(path)}"{number}>{content}</td>')


class Bindings:
    """The checks of a render's bound cells (see the module's docstring)."""

    def __init__(self, data: object, strict: bool = False):
        self.data, self.strict = data, strict
        self.seen: set[str] = set()

    def __call__(self, binding: str, text: tuple[str, ...]) -> Text | None:
        """Return what is wrong with a cell bound to ``binding`` printing ``text``, or None."""
        fields = printing.get()
        if fields is None:
            return None
        kind = fields.kind(binding)
        if kind is None:
            return msg("layout.bind-no-field", binding=binding)
        if binding in self.seen:
            return msg("layout.bound-twice", binding=binding)
        self.seen.add(binding)
        if not self.strict:
            return None
        printed, value = "\n".join(text), fields.lookup(self.data, binding)
        if not fields.agrees(kind, value, printed):
            expected = " / ".join(sorted(fields.renderings(kind, value)))
            return msg("layout.prints-other", binding=binding, printed=printed, expected=expected)
        return None
