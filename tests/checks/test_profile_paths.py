"""Rules read what they need through the profile's paths and take labels from the schema, so no
rule or message names one form's fields."""
from __future__ import annotations

import re

from reportgen.cli import main
from tests.conftest import SAMPLES
from tests.forms.folders import copied_form, edit


def test_a_sum_message_names_the_fields_as_the_form_labels_them(tmp_path, monkeypatch, capsys):
    forms = copied_form(tmp_path, monkeypatch, "dept-like", "target-2026").parent
    edit(forms / "dept-like" / "schema.yaml", r"label: 年度资金申请总额", "label: 年度预算总额")
    edit(forms / "dept-like" / "schema.yaml", r"label: 当年财政拨款", "label: 财政拨款收入")
    mine = tmp_path / "mine.yaml"
    text = (SAMPLES / "target-2026" / "01-incubation-base-operation.yaml").read_text(encoding="utf-8")
    mine.write_text(text.replace("form: target-2026", "form: dept-like"), encoding="utf-8")
    edit(mine, r"(?m)^  annual: .*$", "  annual: 5000000.00")
    assert main(["check", str(mine), "--forms", str(forms)]) == 1
    out = capsys.readouterr()
    err = out.out + out.err
    assert re.search(r"RG201: 年度预算总额 5,000,000\.00 不等于财政拨款收入、上年结转资金与其他资金之和", err), err


def test_the_plan_rule_reads_the_dates_the_profile_names(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("REPORTGEN_FORMS", "")
    mine = tmp_path / "mine.yaml"
    text = (SAMPLES / "target-2026" / "01-incubation-base-operation.yaml").read_text(encoding="utf-8")
    mine.write_text(text, encoding="utf-8")
    edit(mine, r"(?m)^  start_date: .*$", "  start_date: 2023-01-01")
    edit(mine, r"(?m)^  end_date: .*$", "  end_date: 2025-12-31")
    main(["check", str(mine)])
    out = capsys.readouterr()
    assert re.search(r"project\.end_date .*RG305", out.out + out.err)


def test_the_covers_message_names_the_whole_and_its_part_by_their_labels(tmp_path, monkeypatch, capsys):
    forms = copied_form(tmp_path, monkeypatch, "relabelled", "target-2026").parent
    edit(forms / "relabelled" / "schema.yaml", r"label: 年度资金申请总额", "label: 年度预算总额")
    mine = tmp_path / "mine.yaml"
    text = (SAMPLES / "target-2026" / "01-incubation-base-operation.yaml").read_text(encoding="utf-8")
    mine.write_text(text.replace("form: target-2026", "form: relabelled"), encoding="utf-8")
    edit(mine, r"(?m)^  total: null$", "  total: 900.00")
    edit(mine, r"(?m)^  total_fiscal: null$", "  total_fiscal: 900.00")
    main(["check", str(mine), "--forms", str(forms)])
    out = capsys.readouterr()
    assert re.search(r"RG203: 项目资金总额 900\.00 小于年度预算总额 4,087,500\.00", out.out + out.err)
