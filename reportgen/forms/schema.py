"""Building blocks shared by the form models: strict models, money, paragraphs, indicator trees."""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Generic, TypeVar

from pydantic import (
    AliasChoices,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from ..money import printable, to_decimal
from ..values import IndicatorValue, parse_value
from .text import to_paragraphs


class StrictModel(BaseModel):
    """A model that rejects unknown keys (typos) and accepts Chinese labels as aliases."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        # The alias needs the field's own name, known only once the class exists.
        changed = False
        for name, info in cls.model_fields.items():
            zh = (info.json_schema_extra or {}).get("zh") if isinstance(info.json_schema_extra, dict) else None
            if zh and info.validation_alias is None:
                info.validation_alias = AliasChoices(name, zh)
                changed = True
        if changed:
            cls.model_rebuild(force=True)


def field(zh: str, default: Any = ..., **kwargs: Any) -> Any:
    """Declare a field whose YAML key may also be written as its Chinese label ``zh``."""
    return Field(default, description=zh, json_schema_extra={"zh": zh}, **kwargs)


def _signed_money(value: object) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = to_decimal(value)
    except (TypeError, ValueError):
        raise PydanticCustomError("money", "expected an amount like 4087500.00") from None
    return _printable(number)


def _money(value: object) -> Decimal | None:
    amount = _signed_money(value)
    if amount is not None and amount < 0:
        raise PydanticCustomError("negative", "a negative amount; this field cannot be below 0")
    return amount


def _printable(number: Decimal) -> Decimal:
    """Return ``number`` if a form can print it exactly: below 10^15, at most 15 significant digits.

    ``-0`` becomes ``0`` so that it never prints as ``-0.00``.
    """
    if not printable(number):
        raise PydanticCustomError("too_large", "a number above 10^15 or with more than 15 significant digits "
                                  "or decimals")
    return number if number else abs(number)


def _year(value: object) -> int:
    """Accept 2026 or "2026"; refuse booleans, fractions and years no form was filed in."""
    text = str(value).strip() if isinstance(value, (int, str)) and not isinstance(value, bool) else ""
    if not re.fullmatch(r"\d{4}", text) or not 1990 <= int(text) <= 2100:
        raise PydanticCustomError("year", "expected a year such as 2026 (1990-2100)")
    return int(text)


def _percent(value: object) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, (str, int, Decimal)) and not isinstance(value, bool):
        text = str(value).strip().rstrip("%").strip().replace(",", "")
        try:
            number = Decimal(text)
        except ArithmeticError:
            number = None
        if number is not None and number.is_finite():
            return _printable(number) / 100
    raise PydanticCustomError("percent", "expected a percentage like 99.94%")


def _value(value: object) -> IndicatorValue:
    if isinstance(value, IndicatorValue):
        return value
    if isinstance(value, bool) or not isinstance(value, (str, int, Decimal)) or str(value).strip() == "":
        raise PydanticCustomError("indicator_value", "expected an indicator value like ≥500(件) or text")
    parsed = parse_value(value)
    if parsed.quantitative:
        _printable(parsed.number)
    return parsed


def _day(value: object) -> object:
    """Accept ``2026-01-01`` and the spellings of real forms: ``2026/1/1``, ``2026年1月1日``."""
    if isinstance(value, str):
        match = re.fullmatch(r"\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*", value)
        if match:
            try:
                return date(*map(int, match.groups()))
            except ValueError:
                raise PydanticCustomError("date_value", "no such day") from None
    return value


def _text(value: object) -> object:
    return value.strip() if isinstance(value, str) else value


Money = Annotated[
    Decimal | None,
    BeforeValidator(_money),
    WithJsonSchema({"type": ["number", "string", "null"], "minimum": 0, "description": "金额（元）, e.g. 4087500.00"}),
]
SignedMoney = Annotated[  # for the fields of a form that allow a negative amount
    Decimal | None,
    BeforeValidator(_signed_money),
    WithJsonSchema({"type": ["number", "string", "null"], "description": "金额（元）, may be negative"}),
]
Year = Annotated[
    int,
    BeforeValidator(_year),
    WithJsonSchema({"type": ["integer", "string"], "minimum": 1990, "maximum": 2100, "description": "年度, e.g. 2026"}),
]
Percent = Annotated[
    Decimal | None,
    BeforeValidator(_percent),
    PlainSerializer(lambda v: None if v is None else f"{v * 100:f}%"),
    WithJsonSchema({"type": ["string", "number", "null"], "description": "百分比, e.g. \"99.94%\""}),
]
OptionalPoints = Annotated[
    Decimal | None,
    BeforeValidator(_signed_money),  # a score below 0 is the reviewer's RG503
    WithJsonSchema({"type": ["number", "string", "null"], "description": "分值 / 得分 (blank allowed)"}),
]
Points = Annotated[
    Decimal,
    BeforeValidator(_signed_money),
    WithJsonSchema({"type": ["number", "string"], "description": "分值 / 得分, e.g. 5 or 1.5"}),
]
Paragraphs = Annotated[
    tuple[str, ...],
    BeforeValidator(to_paragraphs),
    WithJsonSchema(
        {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
    ),
]
Value = Annotated[
    IndicatorValue,
    BeforeValidator(_value),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": ["string", "number"], "description": "≥500(件), =100%, or text such as 有效实现"}),
]
Day = Annotated[date, BeforeValidator(_day)]
OptionalValue = Annotated[
    IndicatorValue | None,
    BeforeValidator(lambda v: None if v is None or (isinstance(v, str) and not v.strip()) else _value(v)),
    PlainSerializer(lambda v: None if v is None else str(v)),
    WithJsonSchema({"type": ["string", "number", "null"], "description": "≥500(件), =100%, text, or blank"}),
]
Text = Annotated[str, BeforeValidator(_text), Field(min_length=1)]
OptionalText = Annotated[str | None, BeforeValidator(_text)]

ItemT = TypeVar("ItemT", bound=BaseModel)


class Level2(StrictModel, Generic[ItemT]):
    """A 二级指标 group and its 三级 rows."""

    level2: Text = field("二级指标")
    items: list[ItemT] = field("三级指标", min_length=1)


class Level1(StrictModel, Generic[ItemT]):
    """A 一级指标 group and its 二级 groups."""

    level1: Text = field("一级指标")
    groups: list[Level2[ItemT]] = field("二级指标组", min_length=1)


def rows(tree: list[Level1]) -> list[tuple[int, int, int, Level1, Level2, BaseModel]]:
    """Return the tree flattened: (i1, i2, i3, level1, level2, item) in order."""
    return [
        (i1, i2, i3, l1, l2, item)
        for i1, l1 in enumerate(tree)
        for i2, l2 in enumerate(l1.groups)
        for i3, item in enumerate(l2.items)
    ]
