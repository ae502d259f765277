"""The arithmetic of the forms: execution rates, scores, totals, grades. Decimal throughout.

Every rounding goes through ``money.round2`` (ROUND_HALF_UP). Grade schemes are data, chosen
per form.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from .money import HUNDRED, round2, shown_rate
from .values import IndicatorValue

ONE = Decimal(1)


def execution_rate(executed: Decimal | None, budget: Decimal | None) -> Decimal | None:
    """Return 执行率 = 执行数 / 预算数 as a ratio (0.9994), unrounded; None without a budget."""
    if executed is None or not budget:
        return None
    return executed / budget


def rate_percent(ratio: Decimal | None, whole: bool = False) -> Decimal | None:
    """Return a ratio as the percentage a form prints: two decimals, or whole percent (2019 system)."""
    if ratio is None:
        return None
    return round2(shown_rate(ratio, whole) * HUNDRED)


def execution_score(weight: Decimal, ratio: Decimal | None) -> Decimal | None:
    """Return 预算执行率得分 = 分值 × min(执行率, 1), two decimals (10 × 0.99939 → 9.99)."""
    if ratio is None:
        return None
    return round2(weight * min(ratio, ONE))


def total(values: Iterable[Decimal | None]) -> Decimal:
    """Return the sum of the values given, blanks counting as nothing, two decimals."""
    return round2(sum((v for v in values if v is not None), Decimal(0)))


@dataclass(frozen=True)
class GradeScheme:
    """Grade bands, highest first: a total at or above a threshold gets that band's grade."""

    name: str
    bands: tuple[tuple[Decimal, str], ...]
    lowest: str

    def grade(self, score: Decimal) -> str:
        for threshold, label in self.bands:
            if score >= threshold:
                return label
        return self.lowest

    def describe(self) -> str:
        return "、".join(f"{label}≥{threshold}" for threshold, label in self.bands) + f"、{self.lowest}"


SHANGHAI_2019 = GradeScheme("shanghai-2019", ((Decimal(90), "优秀"), (Decimal(75), "良好"), (Decimal(60), "合格")), "不合格")  # form words
NATIONAL = GradeScheme("national", ((Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中")), "差")  # form words
GRADE_SCHEMES = {scheme.name: scheme for scheme in (SHANGHAI_2019, NATIONAL)}

ReverseRule = Literal["linear", "ratio"]


def suggested_score(weight: Decimal, target: IndicatorValue | None, actual: IndicatorValue | None,
                    reverse: ReverseRule = "linear") -> Decimal | None:
    """Return the score of a quantitative indicator by the rule 完成指标值的记全部分值，未完成的按
    完成值与指标值的比例记分 (the national self-evaluation's), or None.

    Larger-is-better targets (≥, >, =) earn the full weight when met, else weight × actual/target;
    ``=0`` targets earn it only at 0. Smaller-is-better targets (≤, <) earn it when met, else
    ``linear``: weight × (1 − (actual − target)/target), nothing from twice the target on, or
    ``ratio``: weight × target/actual. Scores are capped at the weight and floored at 0.
    """
    if not (target and actual and target.quantitative and actual.quantitative):
        return None
    goal, got = target.number, actual.number
    if target.op in ("≤", "<"):
        score = _smaller_is_better(weight, goal, got, reverse)
    elif goal == 0:
        score = weight if got <= 0 else Decimal(0)
    else:
        score = weight if got >= goal else weight * got / goal
    return round2(max(Decimal(0), min(weight, score)))


def _smaller_is_better(weight: Decimal, goal: Decimal, got: Decimal, rule: ReverseRule) -> Decimal:
    if got <= goal:
        return weight
    if goal <= 0:
        return Decimal(0)
    if rule == "ratio":
        return weight * goal / got
    return weight * (1 - (got - goal) / goal)


def parse_percent(text: object) -> Decimal | None:
    """Return ``"99.94%"`` (or 99.94) as the ratio 0.9994; None for blanks."""
    if text is None or str(text).strip() == "":
        return None
    return Decimal(str(text).strip().rstrip("%").strip()) / HUNDRED
