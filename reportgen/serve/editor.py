"""The editor of a filing, generated from its form's ``schema.yaml``: no form is known here by name.

``nodes`` turns the schema and a filing's data into a tree of ``Node``s (sections, fields, lists
of rows); ``templates/fields.html.j2`` draws them. Every list carries an empty row as a template
for 添加, so a user's own form edits like the built-in ones.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ..money import format_amount
from .data import NUMBERS, expand, kind

LONG_TEXT = 60  # characters: a text field holding more is shown as a text area


@dataclass
class Node:
    """One part of the editor: a field (``kind`` its type), an object, or a list of rows."""

    key: str
    kind: str
    label: str
    value: str = ""
    checked: bool = False
    optional: bool = False
    choices: tuple = ()
    children: list[Node] = field(default_factory=list)  # an object's fields, a row's fields
    rows: list[Node] = field(default_factory=list)      # a list's rows
    blank: Node | None = None                           # a list's template row
    tree: bool = False
    long: bool = False


def nodes(fields: dict, data: object) -> list[Node]:
    """Return the editor's nodes for ``fields`` (a schema's ``fields:``) filled from ``data``."""
    data = data if isinstance(data, dict) else {}
    return [node(key, expand(spec), data.get(key)) for key, spec in fields.items() if isinstance(spec, dict)]


def node(key: str, spec: dict, value: object) -> Node:
    what = kind(spec)
    label = str(spec.get("label") or key)
    optional = bool(spec.get("optional")) or "default" in spec
    if what == "object":
        return Node(key, "object", label, optional=optional, children=nodes(spec.get("fields", {}), value))
    if what == "list":
        item = spec.get("item", {}).get("fields", {})
        rows = [Node(key, "row", label, children=nodes(item, row)) for row in (value or []) if isinstance(row, dict)]
        blank = Node(key, "row", label, children=_blank(item))
        return Node(key, "list", label, optional=optional, rows=rows, blank=blank, tree=bool(spec.get("tree")))
    if what == "bool":
        chosen = spec.get("default") if value is None else value
        return Node(key, "bool", label, checked=chosen is True, optional=optional)
    if value is None and "default" in spec:
        value = spec["default"]
    text = shown(value, what)
    return Node(key, what, label, value=text, optional=optional, choices=tuple(spec.get("choices") or ()),
                long=what == "paragraphs" or len(text) > LONG_TEXT)


def _blank(fields: dict) -> list[Node]:
    """Return the fields of an empty row: its required lists hold one empty row each (a new 一级 has a 二级)."""
    out = []
    for key, spec in fields.items():
        spec = expand(spec)
        if kind(spec) == "list" and not spec.get("optional"):
            item = spec.get("item", {}).get("fields", {})
            list_node = node(key, spec, [])
            list_node.rows = [Node(key, "row", list_node.label, children=_blank(item))]
            out.append(list_node)
        else:
            out.append(node(key, spec, None))
    return out


def shown(value: object, what: str) -> str:
    """Return a stored value as its input shows it: amounts with separators, paragraphs a line each."""
    if value is None:
        return ""
    if what == "paragraphs":
        items = value if isinstance(value, (list, tuple)) else [value]
        return "\n".join(str(v) for v in items if v is not None)
    if what in NUMBERS and isinstance(value, (Decimal, int)) and not isinstance(value, bool):
        return format_amount(Decimal(value)) if what != "points" else format(Decimal(value), "f")
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "source"):
        return value.source
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)
