"""Reading one visible cell back into the value of its field, by the cell's role.

A money cell gives a Decimal (``4,087,500.00``, ``4087500``, an Excel number; a cell printed in
万元 times 10,000, exactly, or an error when that is no whole number of 分), a points cell
likewise, a rate ``99.94%``; a date cell (its field was a date) a date; running text its
paragraphs, one a line. A value that cannot be read raises ``Unreadable``.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

from ..errors import Inexact, Unreadable
from ..layout import Cell, Role
from ..layout.ticks import BOX_MARKS, options_of, ticked
from ..messages import Text, msg
from ..money import from_unit, printable
from .align import norm

_NUMBER_NOISE = re.compile(r"\s|^[¥￥]|元$")  # form words
# ASCII digits only (re.ASCII): Decimal() itself would take ``1_000``, ``١٢٣`` and ``１２３``.
_NUMBER_TEXT = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?", re.ASCII)




MONEY = Text("type.amount-cell")
POINTS = Text("type.points-cell")
RATE = Text("type.rate-cell")
DATE = Text("type.date-cell")
FORMULA_ERROR = Text("importer.failing-formula")
EXCEL_ERRORS = {"#VALUE!", "#REF!", "#DIV/0!", "#NAME?", "#N/A", "#NUM!", "#NULL!"}


def read(raw: object, text: str, cell: Cell, original: object) -> object:
    """Return the field value a cell shows; ``original`` (the embedded value) tells dates and paragraphs apart."""
    if isinstance(raw, str) and raw.strip() in EXCEL_ERRORS:
        raise Unreadable(FORMULA_ERROR, raw)
    if cell.role is Role.MONEY:
        return _amount(number(raw, text, MONEY), cell.unit, text)
    if cell.role is Role.POINTS:
        return number(raw, text, POINTS)
    if cell.role is Role.RATE:
        return _rate(raw, text)
    if cell.role is Role.TICKS:
        return _choice(text, cell, original)
    if isinstance(original, date):
        return _day(raw, text)
    if isinstance(original, (list, tuple)):
        return [line.strip() for line in text.splitlines() if line.strip()]
    return text.strip() or None


def unchanged(value: object, text: str, cell: Cell) -> bool:
    """Return True when what is seen is what the writer printed: then the embedded value stands."""
    if cell.role in (Role.MONEY, Role.POINTS, Role.RATE) and not isinstance(value, str):
        shown = from_unit(cell.number, cell.unit) if cell.role is Role.MONEY and cell.number is not None else cell.number
        return value == shown or (value is None and cell.number is None)
    return norm(text) == norm(cell.plain)


def number(raw: object, text: str, kind: Text) -> Decimal | None:
    """Return the exact number a cell holds: an Excel number, or text in a form the README lists
    (``4,087,500.00``, ``4087500``, ``¥4087500 元``); refused (``Unreadable``) past the bounds of
    YAML numbers (RG113), so ``1e300``, ``1e-300``, ``1_000`` and ``１２３`` are not amounts."""
    if isinstance(raw, bool):
        raise Unreadable(kind, text)
    if isinstance(raw, (int, float, Decimal)):
        value = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)
    else:
        cleaned = _NUMBER_NOISE.sub("", text.strip()).replace("，", ",")
        if not cleaned:
            return None
        if not _NUMBER_TEXT.fullmatch(cleaned):
            raise Unreadable(kind, text)
        value = Decimal(cleaned.replace(",", ""))
    if not printable(value):
        raise Unreadable(_bounded(kind), text)
    return value


def _bounded(kind: Text) -> Text:
    return msg("importer.bounded", kind=kind)
def _amount(figure: Decimal | None, unit: str, text: str) -> Decimal | None:
    """Return the amount in 元 a cell in ``unit`` shows, exactly; a figure that is no whole number
    of 分 in 元 (600.1234567 万元) cannot be stored as it is and is refused, never rounded."""
    if figure is None or not unit:
        return _cents(figure)
    try:
        return from_unit(figure, unit)
    except Inexact:
        raise Unreadable(msg("importer.amount-in-unit", unit=unit), text) from None


def _choice(text: str, cell: Cell, original: object) -> str | None:
    """Return the option a tick-box cell shows ticked, or typed plainly (a fill-in's drop-down).

    A ☑ typed over another □ while the old ☑ stays: the newly ticked option is meant.
    """
    options = options_of(cell.plain)
    plain = norm(text)
    if not plain or all(ch in BOX_MARKS for ch in plain):
        return None
    for option in options:
        if plain == norm(option):
            return option
    chosen = ticked(text, options)
    if len(chosen) > 1:
        chosen = [o for o in chosen if o != original]
    if len(chosen) == 1:
        return chosen[0]
    if not chosen and not options:
        return text.strip()  # a fill-in cell: what was typed, for the schema to judge
    raise Unreadable(msg("type.ticks-cell"), text)


def _cents(amount: Decimal | None) -> Decimal | None:
    """Return an amount with at least two decimals, as the YAML writes 元 (exact: never rounded)."""
    if amount is None or -amount.as_tuple().exponent >= 2:
        return amount
    return amount.quantize(Decimal("0.01"))


def _rate(raw: object, text: str) -> str | None:
    """Return the rate as the YAML writes it (``99.94%``); Excel holds it as the fraction 0.9994."""
    if isinstance(raw, (int, float, Decimal)) and not isinstance(raw, bool):
        return f"{format(number(raw, text, RATE) * 100, 'f')}%"
    if not text.strip():
        return None
    number(None, text.strip().rstrip("%％"), RATE)
    return text.strip().replace("％", "%")


def _day(raw: object, text: str) -> object:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if not text.strip():
        return None
    match = re.fullmatch(r"\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*", text, re.ASCII)  # form words
    if not match:
        raise Unreadable(DATE, text)
    try:
        return date(*map(int, match.groups()))
    except ValueError:
        raise Unreadable(DATE, text) from None

