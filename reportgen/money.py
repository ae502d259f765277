"""Money, rates and points: ``Decimal`` only; 四舍五入 (ROUND_HALF_UP) happens here and nowhere else."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation

from .errors import Inexact

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
# The largest numbers a form prints exactly (the schema refuses bigger ones as input).
MAX_AMOUNT = Decimal(10) ** 15
MAX_DIGITS = 15
# Enough digits that no sum or product of printable numbers ever needs rounding by the context.
_CONTEXT = Context(prec=60, rounding=ROUND_HALF_UP)


def printable(number: Decimal) -> bool:
    """Return True when a form can print ``number`` exactly: finite, below 10^15, at most 15
    significant digits and 15 decimals (``1e-300`` would print 300 digits)."""
    if not number.is_finite():
        return False
    if not number:
        return True
    exponent = number.normalize().as_tuple().exponent
    digits = len(number.normalize().as_tuple().digits)
    return abs(number) < MAX_AMOUNT and digits <= MAX_DIGITS and -exponent <= MAX_DIGITS


def round2(value: Decimal) -> Decimal:
    """Return ``value`` rounded half-up to two decimals, the one rounding rule of all forms."""
    rounded = value.quantize(CENT, rounding=ROUND_HALF_UP, context=_CONTEXT)
    return rounded if rounded else abs(rounded)  # never -0.00


def round_to(value: Decimal, places: int) -> Decimal:
    """Return ``value`` rounded half-up to ``places`` decimals (a figure as a text writes it)."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def to_decimal(value: object) -> Decimal:
    """Return ``value`` as a Decimal; accept ints, Decimals and strings like ``4,087,500.00``.

    Floats are refused: the loaders never produce them, so one here is a programming error.
    """
    if isinstance(value, bool) or isinstance(value, float):
        raise TypeError(f"not a money value: {value!r}")
    if isinstance(value, (int, Decimal)):
        result = Decimal(value)
    elif isinstance(value, str):
        text = value.strip().replace(",", "").replace("，", "").replace("_", "")
        try:
            result = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"not a number: {value!r}") from None
    else:
        raise TypeError(f"not a money value: {value!r}")
    if not result.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    return result


# The money units a form or a cell may print in, by how many 元 one of them is.
UNITS = {"元": Decimal(1), "万元": Decimal(10000)}




def in_unit(amount: Decimal, unit: str) -> Decimal:
    """Return an amount in 元 as a form printing ``unit`` shows it: 5,803,456.78 → 580.35 (万元)."""
    return round2(amount / UNITS[unit]) if unit in UNITS else round2(amount)


def from_unit(figure: Decimal, unit: str) -> Decimal:
    """Return a figure in ``unit`` as the exact amount in 元, two decimals (600 万元 → 6000000.00);
    raise Inexact when it is not a whole number of 分 (600.1234567 万元)."""
    amount = figure * UNITS.get(unit, Decimal(1))
    cents = amount.quantize(CENT, context=_CONTEXT)
    if cents != amount:
        raise Inexact(f"{figure} {unit} is not a whole number of fen")
    return cents if cents else abs(cents)


def format_amount(value: Decimal | None) -> str:
    """Return an amount as printed on the forms: ``4,087,500.00``; blank for None."""
    return "" if value is None else f"{round2(value):,.2f}"


def shown_rate(ratio: Decimal, whole: bool = False) -> Decimal:
    """Return a ratio as a form prints it, still a ratio: 0.9566 (95.66%), or 0.96 in whole percent."""
    percent = round2(ratio * HUNDRED)
    if whole:
        percent = percent.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return percent / HUNDRED


def format_rate(ratio: Decimal | None) -> str:
    """Return a ratio (0.9994) as a percentage with two decimals: ``99.94%``."""
    return "" if ratio is None else f"{round2(ratio * HUNDRED):.2f}%"


def format_points(value: Decimal | None) -> str:
    """Return weights and scores as the forms print them: ``92``, ``95.99``, ``1.5``."""
    if value is None:
        return ""
    text = f"{round2(value):.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def format_percent(percent: Decimal | None) -> str:
    """Return a figure already in percent (99.90, or 100 when rounded to whole percent) as ``99.90%``."""
    return "" if percent is None else f"{round2(percent):.2f}%"
