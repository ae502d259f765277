"""How a form's fields print, for its layout template: what ``field(path)`` and the checks of
bindings ask of a form (``layout/fields.py``), and the filters of indicator values.

The layout layer is above this one and never imports it: ``TemplateLayout`` hands a ``Printing``
of the form's schema to ``render_layout``.
"""
from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from ..money import format_amount, format_percent, format_points
from ..source import paths
from ..values import parse_value
from .lint import spec_at

ROLE_OF = {"money": "money", "signed_money": "money", "points": "points", "percent": "rate", "paragraphs": "text"}
NUMBERED = ("money", "signed_money", "points")   # cells that carry data-number
_parts = lru_cache(maxsize=8192)(paths.parse)  # a form's paths repeat on every row and every form
_INDEX = re.compile(r"\[\d+\]")
_POINTS_LABEL = re.compile(r"\s*[(（][\d.]+分[)）]$")  # form words: a 一级 label printed with its points, 产出指标(50分)


class Printing:
    """The fields of one schema (``fields:`` of ``schema.yaml``) as a layout prints them."""

    def __init__(self, fields: dict):
        self.fields = fields
        self._kinds: dict[str, str | None] = {}  # path with [*] for indices → its type

    def kind(self, path: str) -> str | None:
        """Return the type of the field ``path`` names, or None if it names no field."""
        pattern = _INDEX.sub("[*]", path)
        if pattern not in self._kinds:
            spec = spec_at(self.fields, paths.parse(pattern))
            self._kinds[pattern] = None if spec is None else spec.get("type", "object" if "fields" in spec else None)
        return self._kinds[pattern]

    @staticmethod
    def lookup(data: object, path: str) -> object:
        """Return the value at ``path`` in the plain form data; None where an optional part is absent."""
        for part in _parts(path):
            if isinstance(part, int):
                data = data[part] if isinstance(data, list) and part < len(data) else None
            else:
                data = data.get(part) if isinstance(data, dict) else None
        return data

    @staticmethod
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
            return canonical(value) if style == "canonical" else normalised(value)
        return str(value)

    def agrees(self, kind: str, value: object, printed: str) -> bool:
        """Whether a cell bound to a field of ``kind`` holding ``value`` may print ``printed``."""
        options = self.renderings(kind, value)
        return printed in options or any(_POINTS_LABEL.fullmatch(printed[len(o):]) for o in options
                                         if o and printed.startswith(o))

    def renderings(self, kind: str | None, value: object) -> set[str]:
        """Every text a cell bound to the field may print: a value cell in any of its styles."""
        if kind == "paragraphs":
            return {"\n".join(str(p) for p in value or ())}
        found = {self.shown(kind, value)}
        if kind == "value" and value not in (None, ""):
            parsed = parse_value(value)
            found |= {parsed.source, parsed.canonical()}
            if parsed.quantitative:  # a form printing operator, number and unit in cells of their own
                found.add(format_points(parsed.number))
        return found

    canonical = staticmethod(lambda value: canonical(value))
    normalised = staticmethod(lambda value: normalised(value))
    indicator = staticmethod(lambda value: indicator(value))

    def required_texts(self, form: object) -> list[tuple[str, str]]:
        """Return (path, type) of every required text-like field with a value in ``form``, lists expanded."""
        return _required(self.fields, form, "")


def _required(fields: dict, form: object, path: str) -> list[tuple[str, str]]:
    found = []
    for name, spec in fields.items():
        if not isinstance(spec, dict):
            continue
        here = f"{path}.{name}" if path else name
        kind = spec.get("type", "object" if "fields" in spec else None)
        value = form.get(name) if isinstance(form, dict) else None
        if kind == "object" and isinstance(spec.get("fields"), dict):
            found += _required(spec["fields"], value, here)
        elif kind == "list" and isinstance(spec.get("item"), dict) and isinstance(value, list):
            for i, entry in enumerate(value):
                found += _required(spec["item"].get("fields") or {}, entry, f"{here}[{i}]")
        elif kind in ("text", "choice", "date") and not spec.get("optional") and "default" not in spec and value:
            found.append((here, kind))
    return found


def canonical(value: object) -> str:
    """An indicator value (指标值) in the 2026 system's form ``≥500.00(件)``; a blank stays blank."""
    return "" if value in (None, "") else parse_value(value).canonical()


def normalised(value: object) -> str:
    """An indicator value as written, its operator spelled as printed (``>=90%`` → ``≥90%``)."""
    return "" if value in (None, "") else parse_value(value).normalised()


def indicator(value: object) -> dict | None:
    """An indicator value's parts as plain data: ``text``, ``quantitative``, ``op``, ``number``, ``unit``."""
    if value in (None, ""):
        return None
    parsed = parse_value(value)
    return {"text": parsed.source, "quantitative": parsed.quantitative, "op": parsed.op,
            "number": parsed.number, "unit": parsed.unit}
