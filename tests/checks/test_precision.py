"""Precision: three severities from one catalogue, the form's own wording never a copy, a habit
reported once, and the rule catalogue a reviewer reads (``reportgen rules``)."""
import json
import re

from reportgen.checks import CATALOGUE, CODES, SEVERITY
from reportgen.cli import main
from reportgen.messages import catalogue
from reportgen.resources import templates_dir
from tests.checks.test_reader import SE2020, T2026, changed, found, sample
from tests.conftest import SAMPLES
from tests.minimal import variant

MONITOR = (templates_dir() / "forms" / "monitor" / "starter.yaml").read_text(encoding="utf-8")
PRINTED_NOTE = "完成目标可能性为“有可能”或“不可能”的，须填写偏差或不能完成目标原因分析及相关建议或举措。"
OWN_WORDS = "本项目培训场地由区科委无偿提供，外聘讲师费用按市财政局标准执行，节约经费约三成以上"


def monitor(name: str, deviation: str = "[]", suggestions: str = "[]") -> str:
    text = variant("  name: 某某项目", f"  name: {name}", MONITOR)
    text = variant("deviation: []", f"deviation: [{deviation}]", text)
    return variant("suggestions: []", f"suggestions: [{suggestions}]", text)


def check_json(capsys, *argv) -> tuple[int, list[dict]]:
    capsys.readouterr()
    code = main(["check", *map(str, argv), "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


def test_every_code_a_rule_yields_has_one_severity_of_three_and_a_message():
    assert set(CODES) == set(CATALOGUE) and set(CATALOGUE) <= set(catalogue())
    assert set(SEVERITY.values()) == {"error", "warning", "note"}
    assert all(info.name and info.checks and info.why and info.example for info in CATALOGUE.values())


def test_a_row_note_quoting_its_own_narrative_is_not_a_copy(tmp_path):
    text = changed(SE2020, ("加强电力维护，保障能源稳定。", "做好孵化基地物业管理服务，为基地企业营造和谐安定的办公环境。"
                                                 "2020年，基地内常态化疫情防控工作顺利有序进行"))
    assert "RG808" not in {c for c, _, _ in found(tmp_path, text)}


def test_the_forms_printed_note_quoted_twice_in_one_form_is_not_a_copy(tmp_path):
    assert "RG808" not in {c for c, _, _ in found(tmp_path, monitor("甲", PRINTED_NOTE, PRINTED_NOTE))}
    assert "RG808" in {c for c, _, _ in found(tmp_path, monitor("甲", OWN_WORDS, OWN_WORDS))}


def test_the_forms_printed_note_in_two_projects_is_not_a_copy_but_their_own_words_are(tmp_path, capsys):
    (tmp_path / "a.yaml").write_text(monitor("甲项目", PRINTED_NOTE), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(monitor("乙项目", PRINTED_NOTE), encoding="utf-8")
    assert "RG809" not in {p["code"] for p in check_json(capsys, tmp_path)[1]}
    (tmp_path / "b.yaml").write_text(monitor("乙项目", PRINTED_NOTE, OWN_WORDS), encoding="utf-8")
    (tmp_path / "c.yaml").write_text(monitor("丙项目", "", OWN_WORDS), encoding="utf-8")
    (tmp_path / "d.yaml").write_text(monitor("丁项目"), encoding="utf-8")
    copies = [p for p in check_json(capsys, tmp_path)[1] if p["code"] == "RG809"]
    assert [(p["file"], p["path"]) for p in copies] == [(str(tmp_path / "c.yaml"), "suggestions[0]")]


def test_text_most_projects_of_a_run_share_is_their_standard_wording(tmp_path, capsys):
    for name in ("甲", "乙", "丙", "丁"):
        (tmp_path / f"{name}.yaml").write_text(monitor(f"{name}项目", OWN_WORDS), encoding="utf-8")
    assert "RG809" not in {p["code"] for p in check_json(capsys, tmp_path)[1]}
    for name in ("丙", "丁"):  # now only two of four share it: a copy
        (tmp_path / f"{name}.yaml").write_text(monitor(f"{name}项目"), encoding="utf-8")
    assert "RG809" in {p["code"] for p in check_json(capsys, tmp_path)[1]}


def test_a_slip_repeated_in_one_paragraph_is_one_finding_with_its_count_and_positions(tmp_path):
    text = changed(T2026, ("科技企业和创业者", "科技企业 and 创业者，孵化 and 服务，品牌 and 活动，园区 and 企业，人才 and 项目"))
    words = [m for c, _, m in found(tmp_path, text) if c == "RG804"]
    assert len(words) == 1 and "本段共 5 处，另见第" in words[0] and "字等" in words[0], words


def test_a_habit_through_the_form_is_one_finding_for_the_form(tmp_path):
    marks = [(c, n, m) for c, n, m in found(tmp_path, sample("target-2026/11-sci-tech-finance-services"))
             if c == "RG807"]
    assert len(marks) == 1 and "全表 4 段共 19 处" in marks[0][2], marks
    # two paragraphs: one finding each, counted, the later places by position
    marks = [m for c, _, m in found(tmp_path, sample(T2026)) if c == "RG807"]
    assert len(marks) == 2 and "本段共 7 处，另见第" in marks[0], marks


def test_severity_filters_the_findings_and_strict_fails_on_warnings_not_notes(tmp_path, capsys):
    noted = tmp_path / "noted.yaml"  # half-width commas only: 提示
    noted.write_text(variant("    - 第一段。", "    - 第一段, 第二句。"), encoding="utf-8")
    code, problems = check_json(capsys, noted)
    assert {p["severity"] for p in problems} == {"note"} and code == 0
    assert main(["check", str(noted), "--strict"]) == 0
    warned = tmp_path / "warned.yaml"
    warned.write_text(variant('target: "≥10(场)"', 'target: "10场"'), encoding="utf-8")
    assert main(["check", str(warned), "--strict"]) == 3
    assert main(["check", str(warned), "--strict", "--min-severity", "error"]) == 0
    code, problems = check_json(capsys, noted, warned, "--min-severity", "warning")
    assert problems and {p["severity"] for p in problems} == {"warning"}


def test_the_terminal_says_each_findings_level_in_chinese_first(capsys):
    main(["check", str(SAMPLES / "target-2026")])
    out, err = capsys.readouterr()
    assert " 提示 RG807: " in out and " 警告 RG411: " in out
    assert "个错误，" in err and "个警告，" in err and "个提示" in err


def test_the_rule_catalogue_lists_every_code_with_its_explanation(capsys):
    assert main(["rules", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {row["code"] for row in rows} == set(CATALOGUE)
    rg807 = next(row for row in rows if row["code"] == "RG807")
    assert (rg807["severity"], rg807["label"], rg807["rule"]) == ("note", "提示", "half_width_punctuation")
    assert main(["rules", "--min-severity", "error"]) == 0
    text = capsys.readouterr().out
    assert "RG201  错误  年度资金合计  (sums)" in text and "RG807" not in text and "原因：" in text


def test_the_readmes_table_gives_every_rule_its_catalogue_severity():
    readme = (SAMPLES.parent / "README.md").read_text(encoding="utf-8")
    table = dict(re.findall(r"^\| (RG\d+) \| (error|warning|note) \|", readme, flags=re.M))
    assert {code: table.get(code) for code in CATALOGUE} == {code: info.severity for code, info in CATALOGUE.items()}
