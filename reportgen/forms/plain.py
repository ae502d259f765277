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
