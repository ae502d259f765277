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
"""
from __future__ import annotations

import re
from contextvars import ContextVar
from decimal import Decimal

from markupsafe import Markup

from ..forms import paths
from ..forms.lint import spec_at
from ..forms.values import parse_value
from ..money import format_amount, format_percent, format_points

values: ContextVar[list[str]] = ContextVar("layout_values")
schema: ContextVar[dict | None] = ContextVar("layout_schema", default=None)
form: ContextVar[object] = ContextVar("layout_form", default=None)  # the render's form, plain data: macros
# imported without the template's context still print its fields

ROLE_OF = {"money": "money", "signed_money": "money", "points": "points", "percent": "rate", "paragraphs": "text"}
_ROLE = re.compile(r"[a-z]+")
_POINTS_LABEL = re.compile(r"\s*[(（][\d.]+分[)）]$")  # a 一级 label printed with its points, 产出指标(50分)


def held(value: object) -> str:
    """Return a reference to ``value``'s exact text, which the reader puts back verbatim."""
    found = values.get()
    found.append("" if value is None else str(value))
    return f"\ufdd0{len(found) - 1}\ufdd1"


def kind_of(path: str) -> str | None:
    """Return the type of the field ``path`` names in the form's schema, or None (no field, or no schema)."""
    fields = schema.get()
    spec = spec_at(fields, paths.parse(path)) if fields is not None else None
    return None if spec is None else spec.get("type", "object" if "fields" in spec else None)


def lookup(data: object, path: str) -> object:
    """Return the value at ``path`` in the plain form data; None where an optional part is absent."""
    for part in paths.parse(path):
        if isinstance(part, int):
            data = data[part] if isinstance(data, list) and part < len(data) else None
        else:
            data = data.get(part) if isinstance(data, dict) else None
    return data


def shown(kind: str | None, value: object, style: str = "normalised") -> str:
    """Return ``value`` of a field of type ``kind`` as the form prints it."""
    if value is None:
        return ""
    if kind in ("money", "signed_money"):
        return format_amount(Decimal(value))
    if kind == "points":
        return format_points(Decimal(value))
    if kind == "percent":
        return format_percent(Decimal(value))
    if kind == "value":
        parsed = parse_value(value)
        return parsed.canonical() if style == "canonical" else parsed.normalised()
    return str(value)


def renderings(kind: str | None, value: object) -> set[str]:
    """Every text a cell bound to the field may print for ``value``: a value cell in any of its styles."""
    if kind == "paragraphs":
        return {"\n".join(str(p) for p in value or ())}
    found = {shown(kind, value)}
    if kind == "value" and value not in (None, ""):
        parsed = parse_value(value)
        found |= {parsed.source, parsed.canonical()}
        if parsed.quantitative:  # a form printing operator, number and unit in cells of their own
            found.add(format_points(parsed.number))
    return found


def field(path: str, role: str | None = None, colspan: int = 1, rowspan: int = 1,
          style: str = "normalised") -> Markup:
    """Return the cell printing and binding the field ``path`` (see the module's docstring)."""
    kind = kind_of(path)
    if kind is None:
        raise ValueError(f"field({path!r})：不是表单的字段 (names no field of the form)")
    role = role or ROLE_OF.get(kind, "value")
    if not _ROLE.fullmatch(role) or not all(isinstance(n, int) and n >= 1 for n in (colspan, rowspan)):
        raise ValueError(f"field({path!r})：role 应为单元格类型，colspan/rowspan 为正整数 "
                         "(role is a cell class, colspan and rowspan whole numbers)")
    value = lookup(form.get(), path)
    spans = (f' colspan="{colspan}"' if colspan != 1 else "") + (f' rowspan="{rowspan}"' if rowspan != 1 else "")
    number = f' data-number="{held(value)}"' if kind in ("money", "signed_money", "points") else ""
    if kind == "paragraphs":
        content = "".join(f"<p>{held(p)}</p>" for p in value or ())
    else:
        content = held(shown(kind, value, style))
    return Markup(f'<td class="{role}"{spans} data-bind="{held(path)}"{number}>{content}</td>')


class Bindings:
    """The checks of a render's bound cells (see the module's docstring)."""

    def __init__(self, form: object, strict: bool = False):
        self.form, self.strict = form, strict
        self.seen: set[str] = set()

    def __call__(self, binding: str, text: tuple[str, ...]) -> tuple[str, str] | None:
        """Return (zh, en) of what is wrong with a cell bound to ``binding`` printing ``text``, or None."""
        if schema.get() is None:
            return None
        kind = kind_of(binding)
        if kind is None:
            return f"data-bind=\"{binding}\" 不是表单的字段", f"data-bind=\"{binding}\" names no field of the form"
        if binding in self.seen:
            return f"字段 {binding} 被绑定了两次", f"the field {binding} is bound twice"
        self.seen.add(binding)
        printed = "\n".join(text)
        if self.strict and not self._agrees(kind, lookup(self.form, binding), printed):
            expected = " / ".join(sorted(renderings(kind, lookup(self.form, binding))))
            return (f"绑定 {binding} 的单元格印的是“{printed}”，而该字段的值为“{expected}”",
                    f"the cell bound to {binding} prints {printed!r}, but the field's value is {expected!r}")
        return None

    def _agrees(self, kind: str, value: object, printed: str) -> bool:
        options = renderings(kind, value)
        return printed in options or any(_POINTS_LABEL.fullmatch(printed[len(o):]) for o in options
                                         if o and printed.startswith(o))
