"""Scores: stated figures equal the recomputed ones; weights total 100; scores within weights."""
from __future__ import annotations

from decimal import Decimal

from .. import scoring
from ..forms.schema import rows
from ..money import HUNDRED, format_points, round2
from .base import Finding, rule

FULL = Decimal(100)
RATE_TOLERANCE = Decimal("0.005")  # the forms print rates with two decimals


def _rate_finding(stated: Decimal | None, ratio: Decimal | None, path: tuple, whole: bool):
    """Yield RG401 when a stated rate differs from the recomputed one as the form prints it."""
    if stated is None or ratio is None:
        return
    shown = scoring.rate_percent(ratio, whole=whole)
    if abs(stated * HUNDRED - shown) < RATE_TOLERANCE:
        return
    exact = scoring.rate_percent(ratio)
    legacy = abs(stated * HUNDRED - scoring.rate_percent(ratio, whole=True)) < RATE_TOLERANCE
    hint_zh = "；与 2019 年系统按整数百分比取整的结果一致" if legacy else ""
    hint_en = "; it matches the 2019 system's whole-percent rounding" if legacy else ""
    yield Finding("RG401", path, {"stated": f"{round2(stated * HUNDRED):.2f}%", "computed": f"{exact:.2f}%",
                                  "hint_zh": hint_zh, "hint_en": hint_en})


def _points_finding(code: str, stated: Decimal | None, computed: Decimal | None, path: tuple):
    if stated is not None and computed is not None and round2(stated) != round2(computed):
        yield Finding(code, path, {"stated": format_points(stated), "computed": format_points(computed)})


@rule("selfeval-2020", codes={"RG401": "warning", "RG402": "warning", "RG403": "warning"})
def selfeval_2020_stated(form):
    f = form.funds
    yield from _rate_finding(f.rate, form.execution_rate, ("funds", "rate"), whole=False)
    yield from _points_finding("RG402", f.score, form.execution_score, ("funds", "score"))
    yield from _points_finding("RG403", form.total_score, form.score_total, ("total_score",))


@rule("selfeval-2019", codes={"RG401": "warning", "RG403": "warning", "RG404": "warning", "RG405": "warning",
                              "RG502": "warning"})
def selfeval_2019_stated(form):
    whole = form.settings.rate_display == "whole-percent"
    yield from _rate_finding(form.funds.rate, form.execution_rate, ("funds", "rate"), whole=whole)
    yield from _points_finding("RG403", form.total_score, form.score_total, ("total_score",))
    yield from _points_finding("RG404", form.total_weight, form.weight_total, ("total_weight",))
    if form.grade and form.grade.strip() != form.computed_grade:
        scheme = scoring.GRADE_SCHEMES[form.settings.grade_scheme]
        yield Finding("RG405", ("grade",), {"stated": form.grade, "computed": form.computed_grade,
                                            "total": format_points(form.score_total), "bands": scheme.describe()})
    for index, group in enumerate(form.scores):
        if group.points is not None and round2(group.points) != group.weight:
            yield Finding("RG502", ("scores", index, "points"), {
                "group": group.level1, "stated": format_points(group.points), "computed": format_points(group.weight)})


@rule("selfeval-2019", "selfeval-2020", codes={"RG501": "warning"})
def weights_total_100(form):
    if form.weight_total != FULL:
        path = ("scores",) if form.form == "selfeval-2019" else ("indicators",)
        yield Finding("RG501", path, {"total": format_points(form.weight_total)}, at_key=True)


def _scored_items(form):
    """Yield (path, item) for every scored row of a self-evaluation."""
    if form.form == "selfeval-2019":
        for g, group in enumerate(form.scores):
            for i, item in enumerate(group.items):
                yield ("scores", g, "items", i), item
    else:
        for i1, i2, i3, *_, item in rows(form.indicators):
            yield ("indicators", i1, "groups", i2, "items", i3), item


@rule("selfeval-2019", "selfeval-2020", codes={"RG503": "error", "RG504": "warning", "RG506": "warning"})
def scores_within_weights(form):
    for path, item in _scored_items(form):
        if item.score is None:
            yield Finding("RG506", path + ("name",), {"name": item.name})
        elif item.score < 0 or item.score > item.weight:
            yield Finding("RG503", path + ("score",), {"name": item.name, "score": format_points(item.score),
                                                      "weight": format_points(item.weight)})
        elif form.form == "selfeval-2020" and item.score < item.weight and not _has_reason(item.reason):
            yield Finding("RG504", path + ("score",), {"name": item.name, "score": format_points(item.score),
                                                      "weight": format_points(item.weight)})


def _has_reason(reason: str | None) -> bool:
    return bool(reason and reason.strip() and reason.strip() != "无偏差")


# 财预〔2020〕10号 qualitative bands: the option text of 实际完成值 → the score range, in parts of the weight.
BANDS = {
    "达成年度指标": (Decimal("0.8"), Decimal(1), True),
    "部分达成年度指标并具有一定效果": (Decimal("0.6"), Decimal("0.8"), False),
    "未达成年度指标且效果较差": (Decimal(0), Decimal("0.6"), False),
}
OVERSHOOT = Decimal("1.3")  # an actual this far above its target wants a word on why


@rule("selfeval-2020", codes={"RG407": "error", "RG408": "warning", "RG508": "warning"})
def qualitative_bands_and_overshoot(form):
    for i1, i2, i3, *_, item in rows(form.indicators):
        path = ("indicators", i1, "groups", i2, "items", i3)
        if item.score is None or item.actual is None:
            continue
        yield from _band(path, item)
        target, actual = item.target, item.actual
        if (target and target.quantitative and actual.quantitative and target.op not in ("≤", "<")
                and _same_unit(target.unit, actual.unit) and target.number > 0
                and actual.number / target.number >= OVERSHOOT and not _has_reason(item.reason)):
            yield Finding("RG508", path + ("actual",), {"name": item.name, "actual": actual.source,
                                                       "target": target.source})


def _same_unit(a: str | None, b: str | None) -> bool:
    """Return True unless both units are given and plainly differ (亿 and 亿元, 次 and 余次 agree)."""
    return not (a and b) or a.startswith(b) or b.startswith(a) or a.endswith(b) or b.endswith(a)


def _band(path: tuple, item):
    """Yield RG407 when a band option's score lies outside its band, RG408 for a met text target scored low."""
    weight, score, actual = item.weight, item.score, item.actual.source.strip()
    if actual in BANDS:
        low, high, closed = BANDS[actual]
        inside = low * weight <= score and (score <= high * weight if closed else score < high * weight)
        if not inside:
            yield Finding("RG407", path + ("score",), {"name": item.name, "band": actual, "score": format_points(score),
                                                      "low": format_points(low * weight),
                                                      "high": format_points(high * weight)})
    elif item.target and not item.target.quantitative and actual == item.target.source.strip():
        if score < Decimal("0.8") * weight:
            yield Finding("RG408", path + ("score",), {"name": item.name, "score": format_points(score),
                                                      "low": format_points(Decimal("0.8") * weight)})


@rule("selfeval-2020", codes={"RG406": "warning", "RG507": "warning"})
def suggested_scores(form):
    if form.funds.weight != 10:
        yield Finding("RG507", ("funds", "weight"), {"weight": format_points(form.funds.weight)})
    for i1, i2, i3, *_, item in rows(form.indicators):
        suggestion = scoring.suggested_score(item.weight, item.target, item.actual, form.settings.reverse_rule)
        if suggestion is not None and item.score is not None and round2(item.score) != suggestion:
            yield Finding("RG406", ("indicators", i1, "groups", i2, "items", i3, "score"), {
                "name": item.name, "score": format_points(item.score), "suggested": format_points(suggestion)})
