"""What an import changed, field by field: the embedded data against the data read back."""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pydantic import BaseModel

from ..messages import say
from ..source.paths import dotted
from ..values import IndicatorValue


@dataclass(frozen=True)
class Change:
    path: str
    old: str | None  # None: the field is new (an added row)
    new: str | None  # None: the field is gone (a deleted row)

    def format(self) -> str:
        if self.old is None:
            return f"  + {self.path}: {self.new}"
        if self.new is None:
            return f"  - {self.path}: {self.old}"
        return f"  ~ {self.path}: {self.old} → {self.new}"


def changes(before: BaseModel, after: BaseModel) -> list[Change]:
    """Return the changes from ``before`` to ``after``; rows added or deleted are paired by content."""
    out: list[Change] = []
    _compare(before.model_dump(), after.model_dump(), (), out)
    return out


def _compare(old: object, new: object, path: tuple, out: list[Change]) -> None:
    if isinstance(old, dict) and isinstance(new, dict):
        for key in list(old) + [k for k in new if k not in old]:
            if key not in new:
                out += [Change(p, v, None) for p, v in _flat(old[key], path + (key,))]
            elif key not in old:
                out += [Change(p, None, v) for p, v in _flat(new[key], path + (key,))]
            else:
                _compare(old[key], new[key], path + (key,), out)
    elif _rows(old) and _rows(new):
        _compare_rows(list(old), list(new), path, out)
    elif _shown(old) != _shown(new):
        out.append(Change(dotted(path), _shown(old), _shown(new)))


def _compare_rows(old: list, new: list, path: tuple, out: list[Change]) -> None:
    """Compare lists of rows: equal rows pair up, so a row added shows as one row, not a cascade."""
    keys_old, keys_new = [repr(v) for v in old], [repr(v) for v in new]
    for tag, a0, a1, b0, b1 in difflib.SequenceMatcher(None, keys_old, keys_new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        paired = min(a1 - a0, b1 - b0) if tag == "replace" else 0
        for i in range(paired):
            _compare(old[a0 + i], new[b0 + i], path + (b0 + i,), out)
        for i in range(a0 + paired, a1):
            out += [Change(p, v, None) for p, v in _flat(old[i], path + (i,))]
        for i in range(b0 + paired, b1):
            out += [Change(p, None, v) for p, v in _flat(new[i], path + (i,))]


def _rows(value: object) -> bool:
    return isinstance(value, (list, tuple)) and any(isinstance(v, (dict, list, tuple)) for v in value)


def _flat(data: object, path: tuple):
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _flat(value, path + (key,))
    elif _rows(data):
        for index, value in enumerate(data):
            yield from _flat(value, path + (index,))
    else:
        yield dotted(path), _shown(data)


def _shown(value: object) -> str:
    if value is None:
        return say("importer.empty")
    if isinstance(value, IndicatorValue):
        return value.source
    if isinstance(value, Decimal):
        return f"{value:,.2f}" if value.as_tuple().exponent == -2 or value >= 1000 else format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return " / ".join(map(_shown, value)) if value else say("importer.empty")
    return str(value)
