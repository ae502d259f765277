"""Each rule: a minimal bad snippet gives its code at the right line; right forms stay quiet."""
import pytest

from reportgen.checks import SEVERITY
from reportgen.messages import catalogue
from reportgen.options import RenderOptions
from reportgen.pipeline import examine
from tests.conftest import SAMPLES
from tests.minimal import (
    SELFEVAL_2019,
    SELFEVAL_2020,
    TARGET_2020,
    TARGET_2026,
    variant,
)

FORMS = {"target-2026": TARGET_2026, "selfeval-2020": SELFEVAL_2020, "selfeval-2019": SELFEVAL_2019,
         "target-2020": TARGET_2020}


def findings(tmp_path, text: str) -> list[tuple[str, int]]:
    path = tmp_path / "form.yaml"
    path.write_text(text, encoding="utf-8")
    return [(p.code, p.line) for p in examine(path, RenderOptions())[1]]


@pytest.mark.parametrize("form", FORMS)
def test_a_right_form_has_no_findings(tmp_path, form):
    assert findings(tmp_path, FORMS[form]) == []


def test_labels_are_compared_without_white_space_and_legacy_names(tmp_path):
    spaced = variant("      - level2: 社会效益指标", "      - level2: 社会效益 指标", TARGET_2026)
    legacy = variant("      - level2: 社会效益指标", "      - level2: 环境效益指标", TARGET_2026)
    assert findings(tmp_path, spaced) == [] and findings(tmp_path, legacy) == []


CASES = [
    # funds
    ("target-2026", "  annual_fiscal: 1000.50", "  annual_fiscal: 1000.00", "RG201", 13),
    ("target-2026", "funds:\n", "funds:\n  total: 900\n  total_fiscal: 900\n", "RG203", 13),
    ("target-2026", "funds:\n", "funds:\n  total: 900\n  total_fiscal: 800\n", "RG202", 13),
    ("selfeval-2020", "fiscal: {initial: 7500000.00", "fiscal: {initial: 7400000.00", "RG204", 9),
    ("selfeval-2020", "executed: 7295544}\n  fiscal", "executed: 7400000}\n  fiscal", "RG205", 9),
    ("selfeval-2019", "  budget: 9700000.00", "  budget: 0", "RG206", 9),
    # dates
    ("target-2026", "  end_date: 2026-12-31", "  end_date: 2025-12-31", "RG301", 11),
    ("target-2026", "  start_date: 2026-01-01", "  start_date: 2025-06-01", "RG302", 10),
    # stated figures
    ("selfeval-2020", 'rate: "99.94%"', 'rate: "99.50%"', "RG401", 12),
    ("selfeval-2019", 'rate: "99.90%"', 'rate: "100.00%"', "RG412", 11),  # the 2019 system's rounding: a note
    ("selfeval-2019", 'rate: "99.90%"', 'rate: "98.00%"', "RG401", 11),
    ("selfeval-2020", "  score: 9.99", "  score: 10", "RG402", 13),
    ("selfeval-2020", "total_score: 98.49", "total_score: 98.5", "RG403", 48),
    ("selfeval-2019", "total_weight: 100", "total_weight: 99", "RG404", 34),
    ("selfeval-2019", "grade: 优秀", "grade: 良好", "RG405", 14),
    ("selfeval-2020", "            score: 50\n", "            score: 40\n            # 5\n", "RG406", 26),
    # weights and scores
    ("selfeval-2019", "{name: 长效机制, weight: 15, score: 12}", "{name: 长效机制, weight: 14, score: 12}", "RG501", 16),
    ("selfeval-2019", "    points: 34", "    points: 35", "RG502", 23),
    ("selfeval-2019", "{name: 满意度, weight: 15, score: 14}", "{name: 满意度, weight: 15, score: 16}", "RG503", 29),
    ("selfeval-2020", "            reason: 加强巡查。", "            reason: 无偏差", "RG504", 36),
    ("selfeval-2020", "            score: 28.5\n", "", "RG506", 32),
    ("selfeval-2020", "  weight: 10\n", "  weight: 9\n", "RG507", 11),
    ("selfeval-2020", "            actual: 安全\n", "            actual: 部分达成年度指标并具有一定效果\n", "RG407", 36),
    ("selfeval-2020", "            score: 28.5", "            score: 20", "RG408", 36),
    ("selfeval-2020", '            actual: "95%"', '            actual: "130%"', "RG508", 44),
    # indicator tree
    ("target-2026", "  - level1: 效益指标", "  - level1: 影响力指标", "RG601", 33),
    ("target-2026", "      - level2: 社会效益指标", "      - level2: 数量指标", "RG602", 35),
    ("target-2026", "      - level2: 社会效益指标", "      - level2: 社会影响指标", "RG605", 35),
    ("target-2026", "  - level1: 成本指标\n    groups:\n      - level2: 经济成本指标\n        items:\n"
                    "          - name: 人均培训成本\n            target: \"≤200(元/人)\"\n", "", "RG604", 20),
    ("target-2026", "          - name: 服务能力", "          - name: 培训场次", "RG606", 37),
    ("target-2020", "  - level1: 投入与管理", "  - level1: 投入与管理\n    groups: [{level2: 投入管理, items: [{name: x, target: 有效}]}]\n"
                    "  - level1: 产出目标\n    groups: [{level2: 数量, items: [{name: y, target: 有效}]}]\n"
                    "  - level1: 投入与管理", "RG603", 20),
    ("target-2026", "  nature: 其他一次性项目", "  nature: 一次性的项目", "RG607", 6),
    # values
    ("target-2026", 'target: "≥10(场)"', 'target: "≥10"', "RG701", 32),
    ("target-2026", 'target: "≥10(场)"', 'target: "10场"', "RG702", 32),
    ("target-2026", 'target: "≥10(场)"', 'target: "≥100(%)"', "RG703", 32),
    ("target-2026", 'target: "≥90(%)"', 'target: 大家满意', "RG704", 44),
    ("target-2026", 'target: "≥90(%)"', "target: null", "RG705", 43),
    ("target-2026", 'target: "≥90(%)"', 'target: "≥80(%)"', "RG706", 44),
    # text
    ("target-2026", "    - 第一段。", "    - <p>第一段。</p>", "RG802", 19),
    ("target-2026", "    - 第一段。", "    - 达到 $\\geq 90\\%$ 以上", "RG802", 19),
    ("selfeval-2020", "  target: [年度目标。]", "  target: []", "RG803", 15),
]


@pytest.mark.parametrize("form, old, new, code, line", CASES, ids=[f"{c[3]}-{c[0]}" for c in CASES])
def test_each_rule_reports_its_code_at_the_line(tmp_path, form, old, new, code, line):
    found = findings(tmp_path, variant(old, new, FORMS[form]))
    assert (code, line) in found, found


def test_every_rule_code_is_tested_has_a_message_and_a_severity():
    from tests.checks.test_reader import READER_CASES

    tested = {case[3] for case in CASES} | {case[2] for case in READER_CASES}
    elsewhere = {"RG801", "RG809", "RG207", "RG811", "RG117", "RG211"}  # glyphs: tests/render; a run: test_reader;
    # monitor, a rule that cannot be applied (RG117): tests/forms; 万元 (RG211): test_units
    elsewhere |= {code for code in SEVERITY if "RG208" <= code <= "RG210" or "RG251" <= code <= "RG259"}  # test_cycle
    assert set(SEVERITY) <= tested | elsewhere
    assert set(SEVERITY) <= set(catalogue())
    assert set(SEVERITY.values()) <= {"error", "warning", "note"}


def test_the_seeds_real_mistakes_are_found_and_nothing_blocks_them():
    found = {}
    for path in sorted(SAMPLES.rglob("*.yaml")):
        problems = examine(path, RenderOptions())[1]
        assert not [p for p in problems if p.severity == "error"], path
        found[f"{path.parent.name}/{path.stem[:2]}"] = {p.code for p in problems}
    assert {"RG501", "RG502"} <= found["selfeval-2019/02"]   # weights 99; 产出目标 (34分) over rows adding to 33
    assert "RG412" in found["selfeval-2019/05"]              # 100.00% stated, 99.90% computed: 2019's rounding
    assert {"RG204", "RG406"} <= found["selfeval-2020/01"]   # 年初 column; 能源保障稳定性 scored 4 of 6
    assert "RG606" in found["target-2026/10"]                # one 三级 name three times
    # the reader's rules find only what the samples' closing comments name (tests/checks/test_reader.py)
    assert found["target-2026/01"] == {"RG411", "RG807"} and found["selfeval-2019/01"] == {"RG303", "RG806", "RG807"}
