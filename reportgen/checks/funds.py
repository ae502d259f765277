"""Funds add up: totals equal their parts, the project total covers the year's request."""
from __future__ import annotations

from decimal import Decimal

from ..money import format_amount
from .base import Finding, rule


def _sum(*values: Decimal | None) -> Decimal:
    return sum((v for v in values if v is not None), Decimal(0))


@rule("target-2026", codes={"RG201": "error", "RG202": "error", "RG203": "error"})
def target_2026_funds(form):
    f = form.funds
    parts = _sum(f.annual_fiscal, f.annual_carryover, f.annual_other)
    if f.annual is not None and f.annual != parts:
        yield Finding("RG201", ("funds", "annual"), {"stated": format_amount(f.annual), "sum": format_amount(parts)})
    if f.total is not None or f.total_fiscal is not None or f.total_other is not None:
        left = _sum(f.total_fiscal, f.total_other)
        if f.total != left:
            yield Finding("RG202", ("funds", "total"),
                          {"stated": format_amount(f.total), "sum": format_amount(left)})
        if f.total is not None and f.annual is not None and f.total < f.annual:
            yield Finding("RG203", ("funds", "total"),
                          {"total": format_amount(f.total), "annual": format_amount(f.annual)})


@rule("selfeval-2020", codes={"RG204": "warning", "RG205": "warning", "RG206": "warning"})
def selfeval_2020_funds(form):
    f = form.funds
    names = {"initial": "年初预算数", "adjusted": "全年预算数", "executed": "全年执行数"}
    for column, label in names.items():
        parts = [getattr(row, column) for row in (f.fiscal, f.carryover, f.other)]
        total = getattr(f.total, column)
        if any(p is not None for p in parts) and total is not None and total != _sum(*parts):
            yield Finding("RG204", ("funds", "total", column),
                          {"column": label, "stated": format_amount(total), "sum": format_amount(_sum(*parts))})
    yield from _execution(f.total.executed, f.total.adjusted, ("funds", "total"))


@rule("selfeval-2019", codes={"RG205": "warning", "RG206": "warning"})
def selfeval_2019_funds(form):
    yield from _execution(form.funds.executed, form.funds.budget, ("funds",))


def _execution(executed: Decimal | None, budget: Decimal | None, path: tuple):
    if not budget:
        yield Finding("RG206", path, {})
    elif executed is not None and executed > budget:
        yield Finding("RG205", path, {"executed": format_amount(executed), "budget": format_amount(budget)})
