"""Loading: Decimal money, positions, and one problem per mistake, all reported at once."""
from decimal import Decimal

import pytest

from reportgen import load
from reportgen.dump import to_yaml
from reportgen.errors import InputError
from tests.minimal import TARGET_2026, variant


def write(tmp_path, text: str, name: str = "form.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(tmp_path, text: str, name: str = "form.yaml"):
    with pytest.raises(InputError) as caught:
        load(write(tmp_path, text, name))
    return caught.value.problems


def test_money_is_decimal_read_from_the_text(tmp_path):
    form = load(write(tmp_path, TARGET_2026))
    assert form.funds.annual == Decimal("1000.50")
    assert isinstance(form.funds.annual, Decimal)


@pytest.mark.parametrize("old, new, code, line, col, path", [
    ("  name: 测试项目\n", "  name: [测试项目\n", "RG100", 6, 9, ""),
    ("  name: 测试项目\n", "", "RG110", 4, 1, "project.name"),
    ("year: 2026", "year: 二〇二六", "RG112", 2, 7, "year"),
    ("  annual: 1000.50", "  annual: 一千", "RG112", 13, 11, "funds.annual"),
    ("  start_date: 2026-01-01", "  start_date: 2026-13-01", "RG112", 10, 15, "project.start_date"),
    ("  nature: 其他一次性项目", "  natrue: 其他一次性项目", "RG111", 6, 3, "project.natrue"),
    ("  category: 特定目标类", "  category: 特定目标类\n  category: 其他运转类", "RG104", 8, 3, "project.category"),
    ("form: target-2026", "form: target-2099", "RG103", 1, 1, "form"),
    ("form: target-2026\n", "", "RG115", 1, 1, "form"),
    ("            target: \"≥10(场)\"", "            target: [1, 2]", "RG112", 32, 21,
     "indicators[1].groups[0].items[0].target"),
    ("        items:\n          - name: 培训场次\n            target: \"≥10(场)\"\n", "        items: []\n",
     "RG114", 30, 16, "indicators[1].groups[0].items"),
])
def test_each_mistake_is_reported_with_code_line_column_and_path(tmp_path, old, new, code, line, col, path):
    problems = problems_of(tmp_path, variant(old, new))
    found = [(p.code, p.line, p.column, p.path) for p in problems]
    assert (code, line, col, path) in found, found


def test_every_problem_of_a_file_is_reported_at_once(tmp_path):
    text = variant("  natrue", "  natrue", variant("  nature:", "  natrue:", variant("year: 2026", "year: x")))
    codes = sorted(p.code for p in problems_of(tmp_path, text))
    assert codes == ["RG110", "RG111", "RG112"]


def test_messages_are_chinese_first_and_english_on_request(tmp_path):
    problem = next(p for p in problems_of(tmp_path, variant("  nature:", "  natrue:")) if p.code == "RG111")
    assert "未知字段" in problem.message() and "natrue" in problem.message()
    assert "unknown field" in problem.message("en")
    assert problem.format().startswith(f"{tmp_path / 'form.yaml'}:6:3  project.natrue  错误 RG111")


def test_a_top_level_list_and_a_non_utf8_file_are_refused(tmp_path):
    assert [p.code for p in problems_of(tmp_path, "- a\n- b\n")] == ["RG102"]
    path = tmp_path / "gbk.yaml"
    path.write_bytes("项目".encode("gbk"))
    with pytest.raises(InputError) as caught:
        load(path)
    assert [p.code for p in caught.value.problems] == ["RG101"]


def test_chinese_labels_are_accepted_as_keys(tmp_path):
    text = variant("  name: 测试项目", "  项目名称: 测试项目", variant("  annual: 1000.50", "  年度资金申请总额: 1000.50"))
    form = load(write(tmp_path, text))
    assert form.project.name == "测试项目" and form.funds.annual == Decimal("1000.50")


def test_json_is_read_with_positions_and_decimal_money(tmp_path):
    import json

    import yaml

    data = yaml.safe_load(TARGET_2026)
    data["funds"]["annual"] = "1000.50"
    data["project"]["start_date"] = "2026-01-01"
    data["project"]["end_date"] = "2026-12-31"
    text = json.dumps(data, ensure_ascii=False, indent=2).replace('"1000.50"', "1000.50", 1)
    form = load(write(tmp_path, text, "form.json"))
    assert form.funds.annual == Decimal("1000.50")
    broken = text.replace('"nature"', '"natrue"')
    problem = next(p for p in problems_of(tmp_path, broken, "form.json") if p.code == "RG111")
    assert problem.line == 7 and problem.path == "project.natrue"
    assert problems_of(tmp_path, "{", "bad.json")[0].code == "RG105"


def test_yaml_dump_loads_back_into_an_equal_form(tmp_path):
    from tests.conftest import SAMPLES

    for path in sorted(SAMPLES.rglob("*.yaml")):
        form = load(path)
        again = load(write(tmp_path, to_yaml(form), path.name))
        assert again == form, path.name
