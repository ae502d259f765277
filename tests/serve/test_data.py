"""The editor's values into file text: types by the schema, the file's key order, comments and unknown keys kept."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import yaml

from reportgen.forms import FORMS
from reportgen.load import read_source
from reportgen.serve.comments import carry
from reportgen.serve.data import like_file, to_text, typed

FIELDS = FORMS["target-2026"].definition.schema["fields"]


def test_amounts_with_separators_become_exact_decimals_and_blanks_are_left_out():
    data = typed({"funds": {"annual": "4,087,500.10", "annual_other": "", "total": "四百万"},
                  "goals": {"annual": "第一段\n\n第二段\n"}, "year": "2026"}, FIELDS)
    assert data["funds"] == {"annual": Decimal("4087500.10"), "total": "四百万"}  # 四百万 is left for the checks
    assert data["goals"]["annual"] == ["第一段", "第二段"] and data["year"] == 2026


def test_the_files_key_order_chinese_keys_and_unknown_keys_are_kept():
    text = "项目:\n  名字错了: x\n  项目名称: a\nyear: 2026\nform: target-2026\n"
    old = read_source(Path("x.yaml"), text.encode()).data
    new = typed({"year": "2027", "project": {"name": "b", "nature": "n"}}, FIELDS)
    merged = like_file(new, old, FIELDS)
    assert list(merged) == ["project", "year"]
    assert list(merged["project"].items()) == [("名字错了", "x"), ("name", "b"), ("nature", "n")]


def test_comments_above_and_after_keys_are_carried_to_the_new_text():
    old = ("# head\nform: target-2026\nyear: 2026  # 年度\nproject:  # 项目\n  # the name as approved\n"
           "  name: a  # 项目名称\n")
    new = "form: target-2026\nyear: 2027\nproject:\n  name: b\n"
    assert carry(old, new) == ("form: target-2026\nyear: 2027  # 年度\nproject:  # 项目\n"
                               "  # the name as approved\n  name: b  # 项目名称\n")


def test_a_comment_never_ends_a_text_the_new_file_wraps_over_lines():
    old = "form: target-2026\nunit: short  # 申报单位\n"
    new = to_text({"unit": "很长的单位名称 " * 30}, "target-2026", ".yaml")
    assert "\n  " in new  # the dumper wrapped the text
    carried = carry(old, new)
    assert "# 申报单位" not in carried
    assert yaml.safe_load(carried) == yaml.safe_load(new)


def test_a_quoted_hash_is_not_taken_for_a_comment():
    old = "form: target-2026\nunit: 'a # b'\n"
    assert carry(old, "form: target-2026\nunit: c\n") == "form: target-2026\nunit: c\n"


def test_the_comments_that_close_a_file_stay_at_its_end():
    old = "form: target-2026\nyear: 2026\n\n# the seed's own mistakes:\n#   RG411 …\n"
    assert carry(old, "form: target-2026\nyear: 2027\n") == (
        "form: target-2026\nyear: 2027\n\n# the seed's own mistakes:\n#   RG411 …\n")
