"""Slots for numbers: the exact value for spreadsheets, the printed text for everyone else."""
from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from ..money import format_amount, format_points, format_rate
from .grid import Role, Slot, slot


def money(amount: Decimal | None, span: int = 1, rows: int = 1, total_of: tuple[int, int] | None = None,
          bind: str = "") -> Slot:
    """An amount cell; ``total_of`` marks it as the sum of those rows of its column."""
    return replace(slot(Role.MONEY, format_amount(amount), span, rows, amount, bind), total_of=total_of)


def rate(ratio: Decimal | None, span: int = 1, rows: int = 1, text: str | None = None, bind: str = "") -> Slot:
    """A percentage cell; ``text`` overrides the printed form where a form's convention differs."""
    return slot(Role.RATE, format_rate(ratio) if text is None else text, span, rows, ratio, bind)


def points(value: Decimal | None, span: int = 1, rows: int = 1, bind: str = "") -> Slot:
    return slot(Role.POINTS, format_points(value), span, rows, value, bind)
