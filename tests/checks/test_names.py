"""Many names in many texts at once, and the reader's count rule (RG411) linear in indicator rows."""
from __future__ import annotations

import copy
import random
import time

import pytest
import yaml

from benchmarks.check_scale import scaled_form
from reportgen.checks.names import Names
from reportgen.options import RenderOptions
from reportgen.pipeline import examine
from tests.conftest import SAMPLES


def test_the_automaton_finds_every_occurrence_of_every_name_overlapping_ones_too():
    rng = random.Random(19)
    for _ in range(300):
        names = ["".join(rng.choice("ab数") for _ in range(rng.randint(1, 4))) for _ in range(6)]
        text = "".join(rng.choice("ab数量") for _ in range(40))
        expected = {(i, i + len(n), n) for n in names for i in range(len(text)) if text.startswith(n, i)}
        assert set(Names(names).find(text)) == expected


def test_each_name_knows_the_longer_names_holding_it():
    holding = Names(["企业数量", "服务企业数量", "新增服务企业数量", "培训人次"]).containing()
    assert holding == {"企业数量": {"服务企业数量", "新增服务企业数量"}, "服务企业数量": {"新增服务企业数量"},
                       "新增服务企业数量": set(), "培训人次": set()}


def repeated(count: int) -> dict:
    """A 2020 self-evaluation whose ``count`` groups hold the same indicator, its reason naming it:
    each text names every row (issue 19's probe: 500 groups took 78 s in RG411 alone)."""
    form = yaml.safe_load((SAMPLES / "selfeval-2020" / "01-incubator-base-operations.yaml").read_text(encoding="utf-8"))
    item = {"name": "孵化企业服务数量", "target": "≥10(家)", "actual": "8家", "weight": 1, "score": 1,
            "reason": "孵化企业服务数量完成9家，未达到10家；孵化企业服务数量明年增加。"}
    form["indicators"][1]["groups"] = [{"level2": "数量指标", "items": [copy.deepcopy(item)]} for _ in range(count)]
    return form


def checked(tmp_path, form: dict, name: str) -> tuple[float, list]:
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(form, allow_unicode=True, sort_keys=False), encoding="utf-8")
    start = time.process_time()  # CPU time: other processes on the machine do not count
    _, problems = examine(path, RenderOptions())
    return time.process_time() - start, problems


def test_a_name_repeated_over_many_rows_is_compared_once_per_clause(tmp_path):
    _, problems = checked(tmp_path, repeated(30), "repeated")
    counts = [p for p in problems if p.code == "RG411"]
    # each row's reason says 9家 where the other rows' values are ≥10 and 8: one finding per reason
    assert len(counts) == 30 and len({(p.path, p.message()) for p in counts}) == 30
    assert "9家" in counts[0].message() and "≥10(家)" in counts[0].message()


def test_check_time_grows_linearly_with_rows(tmp_path):
    checked(tmp_path, repeated(10), "warm")  # imports and the first layout of the form type
    small, _ = checked(tmp_path, repeated(100), "small")
    large, _ = checked(tmp_path, repeated(400), "large")
    assert large < 8 * small + 0.5, (small, large)  # 4× the rows: 4× linear, 16× quadratic, 64× cubic


@pytest.mark.slow
def test_two_thousand_indicators_are_checked_without_an_error(tmp_path):
    # How long it takes is the benchmark's to say (./dev bench check-rows), not a timed test's.
    for groups in (False, True):
        _, problems = checked(tmp_path, scaled_form(2000, groups), f"scaled-{groups}")
        assert not [p for p in problems if p.severity == "error"]


def test_a_name_given_many_different_values_is_not_compared(tmp_path):
    """30 rows of one name with 30 targets: which one a text's figure means would be a guess."""
    form = repeated(30)
    for n, group in enumerate(form["indicators"][1]["groups"]):
        group["items"][0]["target"] = f"≥{n + 10}(家)"
    _, problems = checked(tmp_path, form, "many-values")
    assert not [p for p in problems if p.code == "RG411"]
    _, problems = checked(tmp_path, repeated(30), "few-values")
    assert [p for p in problems if p.code == "RG411"]  # the same rows with one target are compared
