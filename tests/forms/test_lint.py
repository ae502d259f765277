"""Form definitions are checked as they load: every key known, every parameter usable, all at once."""
import shutil

import pytest

from reportgen.checks.base import ALWAYS, RULES
from reportgen.cli import main
from reportgen.forms import keys
from reportgen.forms.calc import FUNCTIONS
from reportgen.resources import templates_dir

BUILT_IN = templates_dir() / "forms"


@pytest.fixture(autouse=True)
def no_user_forms(monkeypatch):
    monkeypatch.setenv("REPORTGEN_FORMS", "")


def test_the_key_tables_name_every_rule_and_computation_there_is():
    assert set(keys.RULE_PARAMS) == set(RULES) - set(ALWAYS)
    assert set(keys.COMPUTED_PARAMS) == set(FUNCTIONS)


def broken_copy(tmp_path, form_id: str = "selfeval-2020"):
    folder = tmp_path / "forms" / form_id
    shutil.copytree(BUILT_IN / form_id, folder)
    data = tmp_path / "x.yaml"
    data.write_text((folder / "starter.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    return folder, data


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def errors_of(tmp_path, data, capsys, command: str = "check") -> str:
    argv = {"check": ["check", str(data)], "render": ["render", str(data), "-o", str(tmp_path / "out"), "-f", "html"],
            "new": ["new", "selfeval-2020", "-o", str(tmp_path / "n.yaml")], "forms": ["forms"],
            "booklet": ["booklet", str(data), "-o", str(tmp_path / "b.xlsx")]}[command]
    assert main([*argv, "--forms", str(tmp_path / "forms"), "--lang", "both"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "内部错误" not in err, err
    return err


TYPOS = [
    ("schema.yaml", "reason: {type: text, label: 偏差原因分析及改进措施, optional: true}",
     "reason: {type: text, lable: 偏差原因分析及改进措施, optinal: true}", ["lable", "label", "optinal", "optional"]),
    ("profile.yaml", "checks:\n", "chekcs:\n", ["chekcs", "是否为 checks", "did you mean checks"]),
    ("profile.yaml", "summary:\n", "summay:\n", ["summay", "summary"]),
    ("form.yaml", "title: 财政项目支出绩效自评表", "title: 财政项目支出绩效自评表\ntitel: x", ["titel", "title"]),
    ("profile.yaml", "score_bounds: {reason: reason}", "score_bound: {reason: reason}", ["score_bound", "score_bounds"]),
    ("profile.yaml", "execution: {executed: funds.total.executed,", "execution: {excuted: funds.total.executed,",
     ["excuted", "executed"]),
]


@pytest.mark.parametrize("file, old, new, words", TYPOS, ids=[t[2].split(":")[0].strip("{ ") for t in TYPOS])
@pytest.mark.parametrize("command", ["check", "render", "forms"])
def test_a_typo_in_any_definition_file_is_a_located_error_with_the_near_key(tmp_path, capsys, file, old, new,
                                                                          words, command):
    folder, data = broken_copy(tmp_path)
    edit(folder / file, old, new)
    err = errors_of(tmp_path, data, capsys, command)
    assert f"{folder / file}:" in err, err
    for word in words:
        assert word in err, (word, err)


def test_a_field_indented_outside_fields_is_named_with_the_hint(tmp_path, capsys):
    folder, data = broken_copy(tmp_path)
    edit(folder / "schema.yaml", "      implementer: {type: text, label: 实施单位}\n",
         "    implementer: {type: text, label: 实施单位}\n")
    err = errors_of(tmp_path, data, capsys)
    line = next(i for i, text in enumerate((folder / "schema.yaml").read_text().splitlines(), 1)
                if text.startswith("    implementer"))
    assert f"{folder / 'schema.yaml'}:{line}:5: fields.project.implementer: 未知的键 'implementer'" in err, err
    assert "应缩进到 fields: 之下" in err and "belongs under fields:" in err


def test_every_problem_of_a_folder_is_reported_at_once(tmp_path, capsys):
    folder, data = broken_copy(tmp_path)
    edit(folder / "schema.yaml", "label: 三级指标名称", "lable: 三级指标名称")
    edit(folder / "profile.yaml", "summary:", "summay:")
    edit(folder / "form.yaml", "title: 财政项目支出绩效自评表", "title: x\nkind: selfevaluation")
    err = errors_of(tmp_path, data, capsys)
    for file in ("schema.yaml", "profile.yaml", "form.yaml"):
        assert f"{folder / file}:" in err, (file, err)
    assert err.index("form.yaml") < err.index("profile.yaml") < err.index("schema.yaml")


PARAMS = [
    ("execution: {executed: funds.total.executed", "execution: {executed: funds.total.spent",
     "funds.total.spent 不是表单的字段"),
    ("execution: {executed: funds.total.executed", "execution: {executed: goals.target",
     "goals.target 是 paragraphs 字段，此处需要金额字段"),
    ("  stated_rate: {stated: funds.rate, computed: calc.execution_rate}",
     "  stated_rate: [{stated: funds.rate, computed: calc.execution_rat}]", "calc.execution_rat 不是此前计算的量"),
    ("execution_weight: {weight: funds.weight, expected: 10}", "execution_weight: {weight: funds.weight, expected: ten}",
     "'ten' 应为数字"),
    ("execution_weight: {weight: funds.weight, expected: 10}", "execution_weight: [1, 2]",
     "规则参数应为映射或映射的列表"),
    ("score_bounds: {reason: reason}", "score_bounds: {reason: reasons}", "'reasons' 不是指标行或分组的字段"),
    ("  grade: {label: 绩效等级, fn: grade, score: calc.score_total, scheme: settings.grade_scheme}",
     "  grade: {fn: os.system, score: calc.score_total}", "fn 为 ratio"),
    ("  grade: {label: 绩效等级, fn: grade, score: calc.score_total, scheme: settings.grade_scheme}", "  x: 5", "应写成 {fn: 函数名"),
    ("  grade: {label: 绩效等级, fn: grade, score: calc.score_total, scheme: settings.grade_scheme}", "  grade: [1, 2]",
     "应写成 {fn: 函数名"),
    ("execution: {executed: funds.total.executed, budget: funds.total.adjusted, at: funds.total}",
     "execution: {executed: funds.total.executed, at: funds.total}", "缺少参数 budget"),
    ("summary:\n  name: project.name\n", "summary:\n", "缺少 summary.name"),
    ("  level2: groups[*]\n", "", "指标树 indicators[*].items[*] 不是表单的字段"),
    ("summary:\n", "summary:\n  tabel: monitor\n", "未知的键 'tabel'"),
]


@pytest.mark.parametrize("old, new, said", PARAMS, ids=[p[2] for p in PARAMS])
def test_rule_and_computation_parameters_are_checked_when_the_profile_loads(tmp_path, capsys, old, new, said):
    folder, data = broken_copy(tmp_path)
    edit(folder / "profile.yaml", old, new)
    err = errors_of(tmp_path, data, capsys)
    assert f"{folder / 'profile.yaml'}:" in err and said in err, err


def test_a_field_renamed_in_a_copied_schema_is_named_where_the_profile_uses_it(tmp_path, capsys):
    folder, data = broken_copy(tmp_path)
    edit(folder / "schema.yaml", "      adjusted: {type: money", "      budget: {type: money")
    err = errors_of(tmp_path, data, capsys)
    assert "funds.total.adjusted 不是表单的字段" in err and "names no field" in err, err


def test_every_rule_takes_a_list_of_entries_as_well_as_one(tmp_path, capsys):
    folder, data = broken_copy(tmp_path)
    edit(folder / "profile.yaml", """  columns_add_up:
    total: funds.total
    parts: [funds.fiscal, funds.carryover, funds.other]
    columns:""", """  columns_add_up:
    - total: funds.total
      parts: [funds.fiscal, funds.carryover, funds.other]
      columns:""")
    edit(data, "total: {initial: 1000000.00", "total: {initial: 1000001.00")  # a column that no longer adds up
    assert main(["check", str(data), "--forms", str(tmp_path / "forms")]) == 0
    assert "RG204" in capsys.readouterr().out


SHAPES = [("taxonomy", {"产出指标": 5}, "taxonomy.产出指标: 应为文字的列表"), ("required_level1", 5, "应为文字的列表"),
          ("required_texts", 5, "应为字段路径的列表"), ("tree", [1], "应为映射"), ("computed", 5, "应为映射"),
          ("checks", [1], "规则名: 参数"), ("summary", 5, "应为映射"), ("prefill", 5, "应为映射")]


@pytest.mark.parametrize("key, value, said", SHAPES, ids=[s[0] for s in SHAPES])
def test_a_part_of_the_profile_of_the_wrong_shape_is_named(tmp_path, capsys, key, value, said):
    import yaml

    folder, data = broken_copy(tmp_path)
    profile = yaml.safe_load((folder / "profile.yaml").read_text(encoding="utf-8"))
    profile[key] = value
    (folder / "profile.yaml").write_text(yaml.safe_dump(profile, allow_unicode=True), encoding="utf-8")
    err = errors_of(tmp_path, data, capsys)
    assert f"{folder / 'profile.yaml'}:" in err and said in err, err
