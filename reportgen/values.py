"""Indicator values (指标值): quantitative ``≥500.00(件)`` or qualitative text such as ``有效实现``."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .money import round2

# Every spelling users write, mapped to the operator the forms print.
OPERATORS = {
    ">=": "≥", "≥": "≥", "≧": "≥", "＞＝": "≥",
    "<=": "≤", "≤": "≤", "≦": "≤", "＜＝": "≤",
    "=": "=", "＝": "=", "==": "=",
    ">": ">", "＞": ">", "<": "<", "＜": "<",
}
_OP = "|".join(sorted(map(re.escape, OPERATORS), key=len, reverse=True))
_UNIT_WORDS = r"[%‰a-zA-Z\u4e00-\u9fff/²³·]{1,8}"
_VALUE = re.compile(
    rf"^\s*(?P<op>{_OP})?\s*(?P<num>[+-]?\d+(?:\.\d+)?)\s*"
    rf"(?:[(（]\s*(?P<paren>[^()（）]+?)\s*[)）]|(?P<bare>{_UNIT_WORDS}))?\s*$"
)
# Words that make "5%以上" a sentence rather than a unit.
_NOT_UNITS = ("以上", "以下", "以内", "左右", "及以上")


@dataclass(frozen=True, slots=True)
class IndicatorValue:
    """One 指标值 as the user wrote it, parsed once.

    ``source`` keeps the user's text; the other fields are set for quantitative values only.
    ``op_written`` is the operator as typed; ``implicit_op`` marks a bare number (``90%``) read as ``=``.
    """

    source: str
    op: str | None = None
    number: Decimal | None = None
    unit: str | None = None
    op_written: str = ""
    implicit_op: bool = False

    @property
    def quantitative(self) -> bool:
        return self.number is not None

    def canonical(self) -> str:
        """Return the 2026 system's form ``≥500.00(件)``; qualitative text as written."""
        if not self.quantitative:
            return self.source
        unit = f"({self.unit})" if self.unit else ""
        return f"{self.op}{round2(self.number):.2f}{unit}"

    def normalised(self) -> str:
        """Return the value as written, the operator spelled as printed (``>=90%`` → ``≥90%``)."""
        if not self.quantitative or self.implicit_op:
            return self.source
        return self.op + self.source[len(self.op_written):].lstrip()

    def __str__(self) -> str:
        return self.source


def parse_value(text: object) -> IndicatorValue:
    """Return the parsed value of ``text`` (a string or a bare number)."""
    source = str(text).strip()
    match = _VALUE.match(source)
    if not match:
        return IndicatorValue(source)
    unit = match.group("paren") or match.group("bare")
    if unit and any(unit.endswith(word) for word in _NOT_UNITS):
        return IndicatorValue(source)
    op = match.group("op")
    return IndicatorValue(
        source=source,
        op=OPERATORS[op] if op else "=",
        number=Decimal(match.group("num")),
        unit=unit,
        op_written=op or "",
        implicit_op=op is None,
    )
