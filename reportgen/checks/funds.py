"""Funds add up: totals equal their parts, a whole covers its part, execution within budget."""
from __future__ import annotations

from decimal import Decimal

from ..layout.grid import Role
from ..messages import Text, msg
from ..money import UNITS, format_amount, format_rate, in_unit
from ..source import paths
from ..source.paths import dotted
from .base import Context, Finding, entries, rule
from .cells import grid


def _sum(*values: Decimal | None) -> Decimal:
    return sum((v for v in values if v is not None), Decimal(0))


@rule("sums", codes=("RG201", "RG202"))
def sums(ctx: Context):
    """A total equals the sum of its parts (checked once any of them is filled in)."""
    for entry in entries(ctx.params):
        total = ctx.figure(entry["total"])
        parts = [ctx.figure(p) for p in entry["parts"]]
        if total is None and all(p is None for p in parts):
            continue
        if total != _sum(*parts):
            yield Finding(entry["code"], paths.parse(entry["total"]),
                          {"stated": format_amount(total), "sum": format_amount(_sum(*parts)),
                           "total_label": ctx.label(entry["total"]),
                           "parts": _named(ctx, entry["parts"])})


def _named(ctx: Context, parts: list[str]) -> Text | str:
    """Return the labels of ``parts`` as a list in a sentence: 甲、乙与丙."""
    labels = [ctx.label(p) for p in parts]
    return msg("funds.parts", head=labels[:-1], last=labels[-1]) if len(labels) > 1 else labels[0]


@rule("covers", codes=("RG203",))
def covers(ctx: Context):
    """A whole (项目资金总额) is not less than its part (年度资金申请总额); the message names both by
    their schema labels."""
    for entry in entries(ctx.params):
        whole, part = ctx.figure(entry["whole"]), ctx.figure(entry["part"])
        if whole is not None and part is not None and whole < part:
            yield Finding(entry["code"], paths.parse(entry["whole"]),
                          {"total": format_amount(whole), "annual": format_amount(part),
                           "whole_label": ctx.label(entry["whole"]), "part_label": ctx.label(entry["part"])})


@rule("columns_add_up", codes=("RG204",))
def columns_add_up(ctx: Context):
    """Each column of a funds block: the total row equals the sum of the rows below it."""
    total_row = ctx.figure(ctx.params["total"])
    rows = [ctx.figure(p) for p in ctx.params["parts"]]
    for column, label in ctx.params["columns"].items():
        parts = [getattr(row, column) for row in rows]
        total = getattr(total_row, column)
        if any(p is not None for p in parts) and total is not None and total != _sum(*parts):
            yield Finding("RG204", paths.parse(ctx.params["total"]) + (column,),
                          {"column": label, "stated": format_amount(total), "sum": format_amount(_sum(*parts)),
                           "total_label": ctx.label(ctx.params["total"])})


@rule("execution", codes=("RG205", "RG206"))
def execution(ctx: Context):
    """执行数 within 预算数, and a budget to compute a rate from."""
    executed, budget = ctx.figure(ctx.params["executed"]), ctx.figure(ctx.params["budget"])
    path = paths.parse(ctx.params["at"])
    if not budget:
        yield Finding("RG206", path, {})
    elif executed is not None and executed > budget:
        yield Finding("RG205", path, {"executed": format_amount(executed), "budget": format_amount(budget)})


@rule("time_progress", codes=("RG207",))
def time_progress(ctx: Context):
    """1–N月执行率 behind the time elapsed (N/12) with no reason given for the deviation."""
    rate, month = ctx.figure(ctx.params["rate"]), ctx.figure(ctx.params["month"])
    if rate is None or not month or not 1 <= month <= 12:
        return
    reason = ctx.figure(ctx.params["reason"]) if ctx.params.get("reason") else ()
    expected = Decimal(month) / 12
    if rate < expected and not any(p.strip() for p in reason or ()):
        yield Finding("RG207", paths.parse(ctx.params["at"]),
                      {"rate": format_rate(rate), "month": month, "expected": format_rate(expected)})


@rule("amounts_in_unit", codes=("RG211",), always=True)
def amounts_in_unit(ctx: Context):
    """An amount (元 in the data) that the form prints in another unit (万元: the form's ``money_unit``
    or a cell's ``data-unit``) is exact at the printed precision, so printing changes nothing."""
    view, seen = grid(ctx.form), set()
    slots = tuple(slot for slot in view.roles.figures if slot.role is Role.MONEY and slot.unit)
    for slot, path, value, _, _ in view.fields(slots) if slots else ():
        if not isinstance(value, Decimal) or path in seen:
            continue
        seen.add(path)
        shown = in_unit(value, slot.unit)
        if shown * UNITS[slot.unit] != value:
            yield Finding("RG211", path, {"label": ctx.label(dotted(path)), "amount": format_amount(value),
                                          "unit": slot.unit, "shown": format_amount(shown),
                                          "diff": format_amount(abs(value - shown * UNITS[slot.unit]))})
