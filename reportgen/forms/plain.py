"""A validated form as plain data, the only thing a layout template sees.

A form folder comes from anyone, so its template must not reach an object whose methods touch
files or processes (a ``pathlib.Path`` reads and deletes, a model reaches its definition). The
template gets mappings, lists, ``str``, ``Decimal``, ``int``, ``bool`` and ``None``: dates as
ISO text, an indicator value (指标值) as the text the user wrote.
"""
from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from pydantic import BaseModel

from ..values import IndicatorValue

_SCALARS = (bool, int, Decimal)


def plain(value: object) -> object:
    """Return ``value`` as plain data: models and mappings as dicts, sequences as lists."""
    if value is None or isinstance(value, _SCALARS):
        return value
    if isinstance(value, str):
        return str.__str__(value)  # an exact str, never a subclass with methods of its own
    if isinstance(value, BaseModel):
        return {name: plain(getattr(value, name)) for name in type(value).model_fields}
    if isinstance(value, Mapping):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, IndicatorValue):
        return value.source
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"no plain form for {type(value).__name__}")


def with_blank_rows(data: object, fields: dict) -> object:
    """Return the plain ``data`` with every empty list of records a schema's ``fields`` declare
    (``list`` or ``tree``) holding one blank record, so a layout prints that table's region with
    one blank row, as a form left blank is printed; the lists in a list's records too.

    A blank record has every field ``None`` (``paragraphs`` empty); the data itself is not changed.
    """
    if not isinstance(data, dict):
        return data
    out = dict(data)
    for key, spec in fields.items():
        if not isinstance(spec, dict) or key not in out:
            continue
        kind = spec.get("type", "object" if "fields" in spec else None)
        value = out[key]
        if kind == "object" and isinstance(spec.get("fields"), dict):
            out[key] = with_blank_rows(value, spec["fields"])
        elif kind in ("list", "tree") and isinstance(spec.get("item"), dict) and isinstance(value, list):
            out[key] = [_with_blank_rows_in(record, spec) for record in value] if value else [_blank(spec)]
    return out


def _with_blank_rows_in(record: object, spec: dict) -> object:
    """Return a record of a list (a tree's 一级 group: its 三级 rows) with its own lists padded."""
    fields = spec["item"].get("fields") or {}
    if spec.get("type") != "tree" or not isinstance(record, dict):
        return with_blank_rows(record, fields)
    groups = [{**group, "items": [with_blank_rows(item, fields) for item in group.get("items") or ()]
               or [_blank_record(fields)]} for group in record.get("groups") or () if isinstance(group, dict)]
    return {**record, "groups": groups or [{"level2": None, "items": [_blank_record(fields)]}]}


def _blank(spec: dict) -> dict:
    """Return one blank record of a ``list`` (or a ``tree``'s blank 一级 → 二级 → 三级 row)."""
    record = _blank_record(spec["item"].get("fields") or {})
    if spec.get("type") == "tree":
        return {"level1": None, "groups": [{"level2": None, "items": [record]}]}
    return record


def _blank_record(fields: dict) -> dict:
    out: dict = {}
    for key, spec in fields.items():
        kind = spec.get("type", "object" if "fields" in spec else None) if isinstance(spec, dict) else None
        if kind == "paragraphs":
            out[key] = []
        elif kind == "object" and isinstance(spec.get("fields"), dict):
            out[key] = _blank_record(spec["fields"])
        elif kind in ("list", "tree") and isinstance(spec.get("item"), dict):
            out[key] = [_blank(spec)]
        else:
            out[key] = None
    return out
