"""Every formula, with the seeds' worked examples and the edge cases."""
from decimal import Decimal as D

import pytest

from reportgen import load
from reportgen.scoring import (
    NATIONAL,
    SHANGHAI_2019,
    execution_rate,
    execution_score,
    rate_percent,
    suggested_score,
    total,
)
from reportgen.values import parse_value as v
from tests.conftest import SAMPLES


def test_seed_002_execution_rate_uses_the_adjusted_budget():
    ratio = execution_rate(D(7295544), D("7300000.00"))  # 年初预算数 7,500,000 is not the denominator
    assert rate_percent(ratio) == D("99.94")
    assert execution_score(D(10), ratio) == D("9.99")


def test_seed_002_totals_of_the_three_forms():
    totals = {}
    for path in sorted((SAMPLES / "selfeval-2020").glob("*.yaml")):
        form = load(path)
        totals[path.stem[:2]] = (form.calc["execution_score"], form.calc["score_total"], form.calc["weight_total"])
    assert totals["01"] == (D("9.99"), D("95.99"), D(100))
    assert totals["03"] == (D(10), D(92), D(100))


def test_seed_000_totals_and_grades():
    found = {path.stem[:2]: load(path).calc for path in sorted((SAMPLES / "selfeval-2019").glob("*.yaml"))}
    figures = ("weight_total", "score_total", "grade")
    assert tuple(found["01"][name] for name in figures) == (D(100), D(89), "良好")
    assert tuple(found["02"][name] for name in figures) == (D(99), D(92), "优秀")
    assert rate_percent(found["05"]["execution_rate"]) == D("99.90")          # 9,690,000 / 9,700,000
    assert rate_percent(found["05"]["execution_rate"], whole=True) == D(100)  # the 2019 system's display


def test_zero_or_missing_budget_gives_no_rate_and_no_score():
    assert execution_rate(D(100), D(0)) is None
    assert execution_rate(D(100), None) is None
    assert execution_score(D(10), None) is None


def test_over_execution_is_scored_as_full():
    ratio = execution_rate(D(110), D(100))
    assert rate_percent(ratio) == D("110.00")
    assert execution_score(D(10), ratio) == D(10)


def test_half_points_and_blanks_add_up():
    assert total([D("1.5"), D("3.5"), None, D("2.5")]) == D("7.5")


@pytest.mark.parametrize("score, shanghai, national", [
    ("100", "优秀", "优"), ("90", "优秀", "优"), ("89.99", "良好", "良"), ("89.5", "良好", "良"),
    ("80", "良好", "良"), ("79.99", "良好", "中"), ("75", "良好", "中"), ("74.99", "合格", "中"),
    ("60", "合格", "中"), ("59.99", "不合格", "差"), ("0", "不合格", "差"),
])
def test_grade_bands_are_half_open(score, shanghai, national):
    assert SHANGHAI_2019.grade(D(score)) == shanghai
    assert NATIONAL.grade(D(score)) == national


@pytest.mark.parametrize("target, actual, suggested", [
    ("=100%", "100%", "5"), ("≥90%", "95%", "5"), ("≥500(件)", "400(件)", "4"),
    ("=0(次)", "0(次)", "5"), ("=0(次)", "1(次)", "0"), ("≤10(天)", "8(天)", "5"),
    ("≤10(天)", "12(天)", "4"), ("≤10(天)", "25(天)", "0"), ("≥3", "1", "1.67"),
])
def test_suggested_scores_follow_the_completion_ratio(target, actual, suggested):
    assert suggested_score(D(5), v(target), v(actual)) == D(suggested)


def test_smaller_is_better_has_a_second_rule():
    assert suggested_score(D(5), v("≤10(天)"), v("12(天)"), reverse="ratio") == D("4.17")


def test_no_suggestion_without_a_number_on_both_sides():
    assert suggested_score(D(5), v("≥90%"), None) is None
    assert suggested_score(D(5), v("安全"), v("安全")) is None
