"""The budget cycle: a project's target, monitoring and self-evaluation forms of one year, checked
together by ``check`` over several files; and a province's monthly execution warnings."""
import json

import pytest

from reportgen.cli import main
from tests.minimal import TARGET_2026, variant

MONITOR = """\
form: monitor
year: 2026
month: 6
project: {name: 测试项目, department: 测试委员会, implementer: 测试中心}
funds:
  total: {initial: 1000.50, adjusted: 1000.50, executed: 600.00, expected: 1000.50}
  fiscal: {initial: 1000.50, adjusted: 1000.50, executed: 600.00, expected: 1000.50}
goals: {annual: [年度目标。], progress: [进展。]}
indicators:
  - level1: 成本指标
    groups:
      - level2: 经济成本指标
        items:
          - {name: 人均培训成本, target: "≤200(元/人)", progress: "180(元/人)", expected: "190(元/人)", likelihood: 确定能}
  - level1: 产出指标
    groups:
      - level2: 数量指标
        items:
          - {name: 培训场次, target: "≥10(场)", progress: "6(场)", expected: "10(场)", likelihood: 确定能}
  - level1: 效益指标
    groups:
      - level2: 社会效益指标
        items:
          - {name: 服务能力, target: 有效提升, progress: 稳步提升, expected: 有效提升, likelihood: 确定能}
  - level1: 满意度指标
    groups:
      - level2: 服务对象满意度指标
        items:
          - {name: 满意度, target: "≥90(%)", progress: 年底调查, expected: "≥90(%)", likelihood: 确定能}
"""

SELFEVAL = """\
form: selfeval-2020
year: 2026
project: {name: 测试项目, department: 测试委员会, implementer: 测试中心}
funds:
  total: {initial: 1000.50, adjusted: 1000.50, executed: 1000.50}
  fiscal: {initial: 1000.50, adjusted: 1000.50, executed: 1000.50}
  weight: 10
goals: {target: [年度目标。], actual: [完成情况。]}
indicators:
  - level1: 产出指标
    groups:
      - level2: 数量指标
        items:
          - {name: 培训场次, target: "≥10(场)", actual: "10(场)", weight: 30, score: 30, reason: 无偏差}
      - level2: 成本指标
        items:
          - {name: 人均培训成本, target: "≤200(元/人)", actual: "190(元/人)", weight: 20, score: 20, reason: 无偏差}
  - level1: 效益指标
    groups:
      - level2: 社会效益指标
        items:
          - {name: 服务能力, target: 有效提升, actual: 有效提升, weight: 20, score: 20, reason: 无偏差}
  - level1: 满意度指标
    groups:
      - level2: 服务对象满意度指标
        items:
          - {name: 满意度, target: "≥90(%)", actual: "95%", weight: 20, score: 20, reason: 无偏差}
"""

def write(tmp_path, **texts) -> list:
    files = []
    for name, text in texts.items():
        (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
        files.append(tmp_path / f"{name}.yaml")
    return files


def cycle_findings(capsys, files) -> list[tuple[str, str, str, int]]:
    capsys.readouterr()
    main(["check", *map(str, files), "--format", "json"])
    problems = json.loads(capsys.readouterr().out)
    return sorted((p["code"], p["file"].rsplit("/", 1)[-1], p["path"], p["line"]) for p in problems
                  if "RG208" <= p["code"] <= "RG259")


def test_a_consistent_cycle_gives_no_finding(tmp_path, capsys):
    assert cycle_findings(capsys, write(tmp_path, target=TARGET_2026, monitor=MONITOR, selfeval=SELFEVAL)) == []


def test_a_dropped_indicator_a_lowered_target_and_a_changed_budget_each_at_both_places(tmp_path, capsys):
    selfeval = variant("      - level2: 成本指标\n        items:\n          - {name: 人均培训成本, target: \"≤200(元/人)\", "
                       "actual: \"190(元/人)\", weight: 20, score: 20, reason: 无偏差}\n", "", SELFEVAL)
    selfeval = variant('培训场次, target: "≥10(场)"', '培训场次, target: "≥8(场)"', selfeval)
    selfeval = variant("total: {initial: 1000.50", "total: {initial: 900.00", selfeval)
    found = cycle_findings(capsys, write(tmp_path, target=TARGET_2026, monitor=MONITOR, selfeval=selfeval))
    assert found == sorted([
        ("RG251", "selfeval.yaml", "indicators", 10),  # no 经济成本 group there: at the indicators
        ("RG251", "target.yaml", "indicators[0].groups[0].items[0]", 25),
        ("RG254", "selfeval.yaml", "indicators[0].groups[0].items[0].target", 14),
        ("RG254", "target.yaml", "indicators[1].groups[0].items[0].target", 32),
        ("RG255", "selfeval.yaml", "funds.total.initial", 5),
        ("RG255", "target.yaml", "funds.annual", 13),
    ])


def test_an_indicator_moved_to_another_group_is_the_same_indicator(tmp_path, capsys):
    moved = variant("      - level2: 社会效益指标\n", "      - level2: 可持续影响指标\n", SELFEVAL)
    assert cycle_findings(capsys, write(tmp_path, target=TARGET_2026, selfeval=moved)) == []


def test_each_place_names_the_other(tmp_path, capsys):
    selfeval = variant("total: {initial: 1000.50", "total: {initial: 900.00", SELFEVAL)
    files = write(tmp_path, target=TARGET_2026, selfeval=selfeval)
    capsys.readouterr()
    main(["check", *map(str, files), "--format", "json"])
    budget = [p for p in json.loads(capsys.readouterr().out) if p["code"] == "RG255"]
    at_target = next(p for p in budget if p["file"].endswith("target.yaml"))
    assert "900.00" in at_target["message"] and "1,000.50" in at_target["message"]
    assert f"{tmp_path / 'selfeval.yaml'}:5 funds.total.initial" in at_target["message"]


def test_a_renamed_and_an_added_indicator(tmp_path, capsys):
    selfeval = variant("name: 培训场次", "name: 培训次数", SELFEVAL)
    selfeval = variant("      - level2: 成本指标\n", "      - level2: 质量指标\n        items:\n"
                       "          - {name: 宣传报道数, target: \"≥3(篇)\", actual: \"3(篇)\", weight: 0, score: 0}\n"
                       "      - level2: 成本指标\n", selfeval)
    found = {(code, file) for code, file, _, _ in cycle_findings(capsys, write(tmp_path, target=TARGET_2026,
                                                                                selfeval=selfeval))}
    assert found == {("RG252", "selfeval.yaml"), ("RG252", "target.yaml"),
                     ("RG253", "selfeval.yaml"), ("RG253", "target.yaml")}


def test_a_changed_target_with_its_reason_stated_is_fine(tmp_path, capsys):
    selfeval = variant('培训场次, target: "≥10(场)", actual: "10(场)", weight: 30, score: 30, reason: 无偏差',
                       '培训场次, target: "≥8(场)", actual: "10(场)", weight: 30, score: 30, reason: 经批准调整为8场', SELFEVAL)
    assert cycle_findings(capsys, write(tmp_path, target=TARGET_2026, selfeval=selfeval)) == []


def test_the_monitor_beyond_the_year_and_impossible_then_full_points(tmp_path, capsys):
    monitor = variant("total: {initial: 1000.50, adjusted: 1000.50, executed: 600.00",
                      "total: {initial: 1000.50, adjusted: 1000.50, executed: 1200.00", MONITOR)
    monitor = variant('progress: 年底调查, expected: "≥90(%)", likelihood: 确定能',
                      'progress: 年底调查, expected: "≥80(%)", likelihood: 不可能', monitor)
    monitor = variant('progress: "6(场)"', 'progress: "12(场)"', monitor)
    monitor += "deviation: [满意度调查推迟。]\nsuggestions: [下半年补做。]\n"
    found = {(code, file, path) for code, file, path, _ in
             cycle_findings(capsys, write(tmp_path, target=TARGET_2026, monitor=monitor, selfeval=SELFEVAL))}
    assert found == {("RG256", "monitor.yaml", "funds.total.executed"), ("RG256", "selfeval.yaml", "funds.total.executed"),
                     ("RG257", "monitor.yaml", "indicators[3].groups[0].items[0].likelihood"),
                     ("RG258", "monitor.yaml", "indicators[1].groups[0].items[0].progress"),
                     ("RG258", "selfeval.yaml", "indicators[0].groups[0].items[0].actual"),
                     ("RG257", "selfeval.yaml", "indicators[2].groups[0].items[0].score")}


def test_forms_of_another_project_or_year_are_not_paired(tmp_path, capsys):
    selfeval = variant("total: {initial: 1000.50", "total: {initial: 900.00", SELFEVAL)
    other_year = variant("year: 2026", "year: 2027", selfeval)
    other_name = variant("name: 测试项目", "name: 另一项目", selfeval)
    assert cycle_findings(capsys, write(tmp_path, target=TARGET_2026, a=other_year, b=other_name)) == []


@pytest.mark.parametrize("month, executed, codes", [
    (6, "600.00", set()),              # 60 % spent by the end of June, 6 of 10 sessions held
    (6, "300.00", {"RG208", "RG209"}), # 30 %: under 40 %, and 30 points behind the work done
    (3, "100.00", {"RG209"}),          # before April no rate is due; 10 % spent against 60 % done
    (10, "850.00", set()),             # 85 % by October, 9 of 10 sessions
])
def test_sichuan_monthly_thresholds_a_monitor_names(tmp_path, capsys, month, executed, codes):
    monitor = MONITOR.replace("month: 6", f"month: {month}\nthresholds: sichuan-2025")
    monitor = monitor.replace("executed: 600.00", f"executed: {executed}")
    if month == 10:
        monitor = monitor.replace('progress: "6(场)"', 'progress: "9(场)"')
    deviation = "deviation: [上半年集中培训。]\nsuggestions: [加快执行。]\n"
    found = {code for code, *_ in cycle_findings(capsys, write(tmp_path, monitor=monitor + deviation))}
    assert found == codes


def test_an_unknown_threshold_name_is_an_error_listing_the_known(tmp_path, capsys):
    monitor = MONITOR.replace("month: 6", "month: 6\nthresholds: sichuan-2052")
    capsys.readouterr()
    assert main(["check", str(write(tmp_path, monitor=monitor)[0]), "--format", "json"]) == 1
    found = [p for p in json.loads(capsys.readouterr().out) if p["code"] == "RG210"]
    assert found and "sichuan-2025" in found[0]["message"] and found[0]["path"] == "thresholds"


def _folder(tmp_path, form_id: str, parent: str, form_yaml: str, profile: str):
    folder = tmp_path / "forms" / form_id
    folder.mkdir(parents=True)
    (folder / "form.yaml").write_text(f"id: {form_id}\nextends: {parent}\n{form_yaml}", encoding="utf-8")
    (folder / "profile.yaml").write_text(profile, encoding="utf-8")
    return folder


def test_a_stage_a_bureau_declares_takes_its_place_and_its_name_from_the_folder(tmp_path, capsys):
    """A 中期评估表 between the target and the self-evaluation: only data says where it stands."""
    _folder(tmp_path, "midterm", "selfeval-2020", "title: 项目中期评估表\n",
            "cycle:\n  stage: {order: 2, zh: 中期评估表, en: mid-term review}\n")
    midterm = variant("form: selfeval-2020", "form: midterm", variant(
        "executed: 1000.50}\n  fiscal", "executed: 1100.00}\n  fiscal", SELFEVAL))
    midterm = variant("total: {initial: 1000.50", "total: {initial: 900.00", midterm)
    files = write(tmp_path, target=TARGET_2026, midterm=midterm, selfeval=SELFEVAL)
    capsys.readouterr()
    main(["check", *map(str, files), "--forms", str(tmp_path / "forms"), "--format", "json"])
    found = {(p["code"], p["file"].rsplit("/", 1)[-1]): p["message"] for p in json.loads(capsys.readouterr().out)
             if "RG251" <= p["code"] <= "RG259"}
    assert set(found) == {("RG255", "midterm.yaml"), ("RG255", "target.yaml")}  # month-less: no 1–N月 figures
    assert "中期评估表的年初预算数 900.00 不等于申报表的年度资金申请总额 1,000.50" in found[("RG255", "midterm.yaml")]


def test_a_later_stage_with_a_month_is_held_to_the_next_stage_whatever_its_order_number(tmp_path, capsys):
    """Stage orders are compared, not named: the monitor at 5 and the self-evaluation at 9 still pair."""
    _folder(tmp_path, "monitor", "monitor", "", "cycle:\n  stage: {order: 5}\n")
    _folder(tmp_path, "selfeval-2020", "selfeval-2020", "", "cycle:\n  stage: {order: 9}\n")
    monitor = variant("executed: 600.00", "executed: 1200.00", MONITOR)
    found = {(code, file) for code, file, _, _ in
             cycle_findings(capsys, write(tmp_path, target=TARGET_2026, monitor=monitor, selfeval=SELFEVAL)
                            + ["--forms", str(tmp_path / "forms")])}
    assert ("RG256", "monitor.yaml") in found and ("RG256", "selfeval.yaml") in found


def test_a_shared_folder_that_still_says_kind_keeps_its_place_in_the_cycle(tmp_path, capsys):
    """form.yaml's deprecated ``kind: selfeval`` with a ``cycle:`` of no stage: read as the 自评表 stage."""
    _folder(tmp_path, "old-selfeval", "selfeval-2020", "title: 旧式自评表\nkind: selfeval\n",
            "cycle:\n  stage: null\n")
    old = variant("form: selfeval-2020", "form: old-selfeval",
                  variant("total: {initial: 1000.50", "total: {initial: 900.00", SELFEVAL))
    files = write(tmp_path, target=TARGET_2026, old=old)
    capsys.readouterr()
    main(["check", *map(str, files), "--forms", str(tmp_path / "forms"), "--format", "json", "--lang", "en"])
    budget = [p for p in json.loads(capsys.readouterr().out) if p["code"] == "RG255"]
    assert len(budget) == 2 and "the self-evaluation's 年初预算数 900.00" in budget[0]["message"], budget


def test_a_shared_folder_with_an_unknown_kind_is_a_located_error(tmp_path, capsys):
    _folder(tmp_path, "old-selfeval", "selfeval-2020", "kind: selfevaluation\n", "")
    data = write(tmp_path, old=variant("form: selfeval-2020", "form: old-selfeval", SELFEVAL))
    assert main(["check", *map(str, data), "--forms", str(tmp_path / "forms")]) == 2
    err = capsys.readouterr().err
    assert "old-selfeval/form.yaml:3:" in err and "cycle.stage" in err, err
