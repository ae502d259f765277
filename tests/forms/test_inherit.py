"""Inherited layouts: a variant's layout extends its parent's and overrides named blocks only;
``new-form ID --extends FORM`` writes such a variant's stub."""
from __future__ import annotations

import re

import pytest

from reportgen.cli import main
from reportgen.forms import FORMS
from reportgen.layout import layout_of
from reportgen.load import load
from tests.conftest import SAMPLES, pdf_text, squash
from tests.importer.test_fillin import starter

SAMPLE = SAMPLES / "selfeval-2020" / "01-incubator-base-operations.yaml"
REVIEW = """{% block after %}
<table>
  {{ cols([40, 140]) }}
  <tr>
    <td class="label">审核意见</td>
    <td class="text">经审核，自评结果基本属实。</td>
  </tr>
</table>
{% endblock %}
"""


@pytest.fixture
def variant(tmp_path, monkeypatch):
    monkeypatch.setenv("REPORTGEN_FORMS", "")
    forms = tmp_path / "forms"
    assert main(["new-form", "reviewed", "--extends", "selfeval-2020", "-o", str(forms)]) == 0
    return forms, forms / "reviewed"


def test_the_stub_names_its_parent_and_lists_the_blocks_it_may_override(variant):
    _, folder = variant
    assert sorted(p.name for p in folder.iterdir()) == ["form.yaml", "layout.html.j2"]
    assert "extends: selfeval-2020" in (folder / "form.yaml").read_text(encoding="utf-8")
    layout = (folder / "layout.html.j2").read_text(encoding="utf-8")
    assert '{% extends "selfeval-2020/layout.html.j2" %}' in layout
    assert "project, funds, goals, indicators, target_heads, reason_heads, target_cells, reason_cells, after_total, after" in layout


def test_a_variant_overriding_one_block_keeps_every_other_cell_of_its_parent(variant, tmp_path, monkeypatch):
    forms, folder = variant
    (folder / "layout.html.j2").write_text(
        (folder / "layout.html.j2").read_text(encoding="utf-8") + '{% from "cells.html.j2" import cols %}\n' + REVIEW,
        encoding="utf-8")
    mine = tmp_path / "mine.yaml"
    mine.write_text(SAMPLE.read_text(encoding="utf-8").replace("form: selfeval-2020", "form: reviewed"),
                    encoding="utf-8")
    monkeypatch.setenv("REPORTGEN_FORMS", str(forms))
    parent = layout_of(load(SAMPLE), "selfeval-2020")
    child = layout_of(load(mine), "reviewed")
    assert child.tables[:-1] == parent.tables
    assert [c.plain for c in child.tables[-1].cells] == ["审核意见", "经审核，自评结果基本属实。"]
    assert main(["render", str(mine), "-o", str(tmp_path / "out"), "-f", "pdf"]) == 0
    text = squash(pdf_text(tmp_path / "out" / "mine.pdf"))
    assert "审核意见经审核，自评结果基本属实。" in text and "偏差原因分析及改进措施" in text


def test_the_sichuan_variant_writes_only_the_blocks_that_differ():
    definition = FORMS["selfeval-sichuan"].definition
    layout = definition.files["layout.html.j2"].read_text(encoding="utf-8")
    assert '{% extends "selfeval-2020/layout.html.j2" %}' in layout
    assert "{% block project %}" not in layout and "{% block goals %}" not in layout  # the parent's, 11 columns wide
    # the indicator table is the parent's: only its 指标值 column and the rows below 总分 are Sichuan's
    assert "{% block indicators %}" not in layout and "tree(" not in layout
    assert {"target_heads", "target_cells", "reason_heads", "reason_cells", "after_total"} <= set(re.findall(r"\{% block (\w+)", layout))
    assert len(layout.splitlines()) < 100
    form = starter("selfeval-sichuan")
    first = layout_of(form, "selfeval-sichuan").tables[0]
    assert len(first.widths) == 11 and first.cells[1].colspan == 9  # 项目名称 across the 11 columns
