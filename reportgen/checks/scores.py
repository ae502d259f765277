"""Scores: stated figures equal the recomputed ones; weights total 100; scores within weights."""
from __future__ import annotations

from decimal import Decimal

from .. import scoring
from ..money import HUNDRED, format_points, round2
from ..source import paths
from .base import Context, Finding, entries, rule

FULL = Decimal(100)
RATE_TOLERANCE = Decimal("0.005")  # the forms print rates with two decimals


@rule("stated_rate", codes=("RG401", "RG412"))
def stated_rate(ctx: Context):
    """A stated rate differs from the recomputed one as the form prints it (``display`` setting)."""
    stated, ratio = ctx.figure(ctx.params["stated"]), ctx.figure(ctx.params["computed"])
    if stated is None or ratio is None:
        return
    display = ctx.figure(ctx.params["display"]) if ctx.params.get("display") else "exact"
    shown = scoring.rate_percent(ratio, whole=display == "whole-percent")
    if abs(stated * HUNDRED - shown) < RATE_TOLERANCE:
        return
    exact = scoring.rate_percent(ratio)
    legacy = abs(stated * HUNDRED - scoring.rate_percent(ratio, whole=True)) < RATE_TOLERANCE
    yield Finding("RG412" if legacy else "RG401", paths.parse(ctx.params["stated"]), {
        "stated": f"{round2(stated * HUNDRED):.2f}%", "computed": f"{exact:.2f}%"})


@rule("stated_points", codes=("RG402", "RG403", "RG404"))
def stated_points(ctx: Context):
    """A stated score or total differs from the recomputed one."""
    for entry in entries(ctx.params):
        stated, computed = ctx.figure(entry["stated"]), ctx.figure(entry["computed"])
        if stated is not None and computed is not None and round2(stated) != round2(computed):
            yield Finding(entry["code"], paths.parse(entry["stated"]),
                          {"stated": format_points(stated), "computed": format_points(computed)})


@rule("stated_grade", codes=("RG405",))
def stated_grade(ctx: Context):
    stated, computed = ctx.figure(ctx.params["stated"]), ctx.figure(ctx.params["computed"])
    if stated and stated.strip() != computed:
        scheme = scoring.GRADE_SCHEMES[ctx.figure(ctx.params["scheme"])]
        yield Finding("RG405", paths.parse(ctx.params["stated"]), {
            "stated": stated, "computed": computed, "total": format_points(ctx.figure(ctx.params["total"])),
            "bands": scheme.describe()})


@rule("group_points", codes=("RG502",))
def group_points(ctx: Context):
    """A 一级 label's stated points (``产出目标 (34分)``) equal the sum of its rows."""
    computed = ctx.figure(ctx.params["computed"])
    for (path, group), points in zip(ctx.level1_nodes(), computed):
        stated = getattr(group, ctx.params["stated"])
        if stated is not None and round2(stated) != points:
            yield Finding("RG502", path + (ctx.params["stated"],), {
                "group": group.level1, "stated": format_points(stated), "computed": format_points(points)})


@rule("weights_total", codes=("RG501",))
def weights_total(ctx: Context):
    total = ctx.figure(ctx.params["total"])
    if total != Decimal(str(ctx.params.get("full", FULL))):
        yield Finding("RG501", paths.parse(ctx.params["at"]), {"total": format_points(total)}, at_key=True)


@rule("score_bounds", codes=("RG503", "RG504", "RG506"))
def score_bounds(ctx: Context):
    """Every row scored, within 0 and its weight; below the weight only with a reason (``reason``)."""
    reason_field = ctx.params.get("reason")
    for path, _, _, node in ctx.tree_rows():
        item = ctx.row(node)
        if item.score is None:
            yield Finding("RG506", path + (ctx.name_of("name"),), {"name": item.name})
        elif item.score < 0 or item.score > item.weight:
            yield Finding("RG503", path + (ctx.name_of("score"),), {"name": item.name, "score": format_points(item.score),
                                                      "weight": format_points(item.weight)})
        elif reason_field and item.score < item.weight and not has_reason(getattr(node, reason_field)):
            yield Finding("RG504", path + (ctx.name_of("score"),), {"name": item.name, "score": format_points(item.score),
                                                      "weight": format_points(item.weight)})


def has_reason(reason: str | None) -> bool:
    return bool(reason and reason.strip() and reason.strip() != "无偏差")


# 财预〔2020〕10号 qualitative bands: the option text of 实际完成值 → the score range, in parts of the weight.
BANDS = {
    "达成年度指标": (Decimal("0.8"), Decimal(1), True),
    "部分达成年度指标并具有一定效果": (Decimal("0.6"), Decimal("0.8"), False),
    "未达成年度指标且效果较差": (Decimal(0), Decimal("0.6"), False),
}
OVERSHOOT = Decimal("1.3")  # an actual this far above its target wants a word on why


@rule("qualitative_bands", codes=("RG407", "RG408", "RG508"))
def qualitative_bands(ctx: Context):
    """Band options scored inside their band; met text targets scored high; big overshoots explained."""
    for path, _, _, node in ctx.tree_rows():
        item = ctx.row(node)
        if item.score is None or item.actual is None:
            continue
        yield from _band(path + (ctx.name_of("score"),), item)
        target, actual = item.target, item.actual
        if (target and target.quantitative and actual.quantitative and target.op not in ("≤", "<")
                and _same_unit(target.unit, actual.unit) and target.number > 0
                and actual.number / target.number >= OVERSHOOT and not has_reason(item.reason)):
            yield Finding("RG508", path + (ctx.name_of("actual"),), {"name": item.name, "actual": actual.source,
                                                       "target": target.source})


def _same_unit(a: str | None, b: str | None) -> bool:
    """Return True unless both units are given and plainly differ (亿 and 亿元, 次 and 余次 agree)."""
    return not (a and b) or a.startswith(b) or b.startswith(a) or a.endswith(b) or b.endswith(a)


def _band(at: tuple, item):
    """Yield RG407 when a band option's score lies outside its band, RG408 for a met text target scored low."""
    weight, score, actual = item.weight, item.score, item.actual.source.strip()
    if actual in BANDS:
        low, high, closed = BANDS[actual]
        inside = low * weight <= score and (score <= high * weight if closed else score < high * weight)
        if not inside:
            yield Finding("RG407", at, {"name": item.name, "band": actual, "score": format_points(score),
                                                      "low": format_points(low * weight),
                                                      "high": format_points(high * weight)})
    elif item.target and not item.target.quantitative and actual == item.target.source.strip():
        if score < Decimal("0.8") * weight:
            yield Finding("RG408", at, {"name": item.name, "score": format_points(score),
                                                      "low": format_points(Decimal("0.8") * weight)})


@rule("suggested_scores", codes=("RG406",))
def suggested_scores(ctx: Context):
    """A quantitative row's score differs from the one its target and actual suggest."""
    reverse = ctx.figure(ctx.params.get("reverse_rule", "linear"))
    for path, _, _, node in ctx.tree_rows():
        item = ctx.row(node)
        suggestion = scoring.suggested_score(item.weight, item.target, item.actual, reverse)
        if suggestion is not None and item.score is not None and round2(item.score) != suggestion:
            yield Finding("RG406", path + (ctx.name_of("score"),), {
                "name": item.name, "score": format_points(item.score), "suggested": format_points(suggestion)})


@rule("execution_weight", codes=("RG507",))
def execution_weight(ctx: Context):
    """预算执行率's 分值 is the form's rule (10 nationally, 20 in Hubei)."""
    weight, expected = ctx.figure(ctx.params["weight"]), Decimal(str(ctx.params.get("expected", 10)))
    if weight != expected:
        yield Finding("RG507", paths.parse(ctx.params["weight"]),
                      {"weight": format_points(weight), "expected": format_points(expected)})
