"""Indicator values: operator, number and unit; sensible percentages; satisfaction targets."""
from __future__ import annotations

from decimal import Decimal

from .base import Context, Finding, rule

SATISFACTION_FLOOR = Decimal(85)
PERCENT_UNITS = ("%", "％")


@rule("indicator_values", codes=("RG701", "RG702", "RG703", "RG704", "RG705", "RG706"))
def indicator_values(ctx: Context):
    """The target (field ``target``) of every row of the tree."""
    key = ctx.params.get("target", "target")
    for path, _, level2, item in ctx.tree_rows():
        value = getattr(item, key)
        if value is None:
            yield Finding("RG705", path + ("name",), {"name": item.name})
            continue
        if _is_satisfaction(item.name, level2.level2 if level2 is not None else ""):
            yield from _satisfaction(path + (key,), item.name, value)
        if not value.quantitative:
            continue
        if value.implicit_op:
            yield Finding("RG702", path + (key,), {"value": value.source, "op": "="})
        if not value.unit:
            yield Finding("RG701", path + (key,), {"value": value.source})
        elif value.unit in PERCENT_UNITS and (value.number > 100 or (value.number == 100 and value.op in ("≥", ">"))):
            yield Finding("RG703", path + (key,), {"value": value.source})


def _is_satisfaction(name: str, level2: str) -> bool:
    return "满意" in name or "满意度" in level2


def _satisfaction(path: tuple, name: str, value):
    if not value.quantitative or value.unit not in PERCENT_UNITS:
        yield Finding("RG704", path, {"name": name, "value": value.source})
    elif value.number < SATISFACTION_FLOOR or value.op in ("≤", "<"):
        yield Finding("RG706", path, {"name": name, "value": value.source})
