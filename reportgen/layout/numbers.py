"""Slots for numbers: the exact value for spreadsheets, the printed text for everyone else."""
from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from ..money import format_amount, format_points, format_rate, shown_rate
from .grid import Role, Slot, slot


def money(amount: Decimal | None, span: int = 1, rows: int = 1, total_of: tuple[int, int] | None = None,
          bind: str = "") -> Slot:
    """An amount cell; ``total_of`` marks it as the sum of those rows of its column."""
    return replace(slot(Role.MONEY, format_amount(amount), span, rows, amount, bind), total_of=total_of)


def rate(ratio: Decimal | None, span: int = 1, rows: int = 1, whole: bool = False, bind: str = "") -> Slot:
    """A percentage cell. With ``whole`` (the 2019 system's whole-percent convention) the cell
    holds the rate as printed, 0.96 for 95.658%: every format shows the same figure, and a
    spreadsheet's value is the one on paper."""
    shown = None if ratio is None else shown_rate(ratio, whole)
    return slot(Role.RATE, format_rate(shown), span, rows, shown, bind)


def points(value: Decimal | None, span: int = 1, rows: int = 1, bind: str = "") -> Slot:
    return slot(Role.POINTS, format_points(value), span, rows, value, bind)
