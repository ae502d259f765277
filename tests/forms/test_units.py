"""A form declaring ``money_unit: 万元`` (or a cell ``data-unit``): every writer prints 万元, the
fill-in asks for 万元, and import turns an edit back into exact 元 or reports it."""
from __future__ import annotations

import re
from decimal import Decimal

import pytest
from docx import Document
from openpyxl import load_workbook

from reportgen.cli import main
from reportgen.source.parse import read_yaml
from tests.conftest import pdf_pages, squash
from tests.forms.folders import copied_form, edit
from tests.importer.edit import find


@pytest.fixture
def wan_form(tmp_path, monkeypatch):
    """target-2026 printed in 万元, its 年度资金申请总额 4,087,512.34 元 (408.75 万元 on paper)."""
    forms = copied_form(tmp_path, monkeypatch, "wan", "target-2026").parent
    edit(forms / "wan" / "form.yaml", r"(?m)^title: .*$", "title: 项目支出绩效目标申报表\nmoney_unit: 万元")
    edit(forms / "wan" / "layout.html.j2", r"项目资金\(元\)", "项目资金(万元)")
    mine = tmp_path / "mine.yaml"
    assert main(["new", "wan", "--forms", str(forms), "-o", str(mine)]) == 0
    edit(mine, r"(?m)^(  annual|  annual_fiscal): 1000000.00", r"\1: 4087512.34")
    return forms, mine


def test_every_format_prints_the_amounts_in_wan_yuan(wan_form, tmp_path):
    forms, mine = wan_form
    assert main(["render", str(mine), "--forms", str(forms), "-o", str(tmp_path), "-f", "pdf,docx,xlsx"]) == 0
    pdf = squash("".join(pdf_pages(tmp_path / "mine.pdf")))
    assert "项目资金(万元)" in pdf and "408.75" in pdf and "4,087,512.34" not in pdf
    docx = "".join(c.text for t in Document(tmp_path / "mine.docx").tables for r in t.rows for c in r.cells)
    assert "408.75" in docx and "4,087,512.34" not in docx
    sheet = load_workbook(tmp_path / "mine.xlsx").active
    numbers = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, (int, float))]
    assert 408.75 in numbers and not [n for n in numbers if n > 1000]


def _annual_cell(sheet):
    row, col = find(sheet, "年度资金申请总额:")
    merged = next((m for m in sheet.merged_cells.ranges if (m.min_row, m.min_col) == (row, col)), None)
    return sheet.cell(row, (merged.max_col if merged else col) + 1)


def _import(path, forms, tmp_path) -> tuple[int, str]:
    out = tmp_path / "back"
    code = main(["import", str(path), "--forms", str(forms), "-o", str(out), "--overwrite"])
    written = out / f"{path.stem}.yaml"
    return code, written.read_text(encoding="utf-8") if written.exists() else ""


def test_an_edit_in_wan_yuan_comes_back_as_exact_yuan_and_the_rest_keeps_its_fen(wan_form, tmp_path, capsys):
    forms, mine = wan_form
    assert main(["render", str(mine), "--forms", str(forms), "-o", str(tmp_path), "-f", "xlsx"]) == 0
    path = tmp_path / "mine.xlsx"
    book = load_workbook(path)
    cell = _annual_cell(book.active)
    assert cell.value == 408.75
    cell.value = 600
    book.save(path)
    code, text = _import(path, forms, tmp_path)
    assert code == 0
    funds = read_yaml(text).data["funds"]
    assert funds["annual"] == Decimal("6000000.00")
    assert funds["annual_fiscal"] == Decimal("4087512.34")  # printed 408.75, not edited: exact as embedded
    assert "funds.annual: 4,087,512.34 → 6,000,000.00" in capsys.readouterr().out


def test_a_figure_no_whole_fen_in_yuan_is_an_error_at_its_cell(wan_form, tmp_path, capsys):
    forms, mine = wan_form
    assert main(["render", str(mine), "--forms", str(forms), "-o", str(tmp_path), "-f", "xlsx"]) == 0
    path = tmp_path / "mine.xlsx"
    book = load_workbook(path)
    cell = _annual_cell(book.active)
    cell.value = "600.1234567"
    book.save(path)
    code, text = _import(path, forms, tmp_path)
    assert code == 1 and text == ""
    err = capsys.readouterr().err
    assert "RG901" in err and f"{cell.coordinate}" in err and "万元" in err


def test_the_fill_in_asks_for_wan_yuan(wan_form, tmp_path):
    forms, _ = wan_form
    path = tmp_path / "fill.xlsx"
    assert main(["new", "wan", "--forms", str(forms), "-o", str(path)]) == 0
    book = load_workbook(path)
    prompts = {v.prompt for v in book.worksheets[0].data_validations.dataValidation if v.type == "decimal"}
    assert any("万元" in (p or "") for p in prompts)
    notes = " ".join(str(c.value) for c in book["填写说明"]["A"] if c.value)
    assert "金额以万元为单位" in notes


def test_a_cell_names_its_own_unit(wan_form, tmp_path):
    forms, mine = wan_form
    layout = forms / "wan" / "layout.html.j2"
    edit(layout, r'\{\{ field\("funds\.annual_fiscal", colspan=2\) \}\}',
         '{{ field("funds.annual_fiscal", colspan=2, unit="元") }}')
    assert main(["render", str(mine), "--forms", str(forms), "-o", str(tmp_path), "-f", "html"]) == 0
    html = (tmp_path / "mine.html").read_text(encoding="utf-8")
    assert "4,087,512.34" in html and "408.75" in html


def test_an_unknown_unit_is_reported_at_its_template_line(wan_form, tmp_path, capsys):
    forms, mine = wan_form
    edit(forms / "wan" / "layout.html.j2", r'\{\{ field\("funds\.annual_fiscal", colspan=2\) \}\}',
         '{{ field("funds.annual_fiscal", colspan=2, unit="千元") }}')
    assert main(["render", str(mine), "--forms", str(forms), "-o", str(tmp_path), "-f", "html"]) == 2
    assert re.search(r"layout\.html\.j2:\d+: .*千元", capsys.readouterr().err)


def test_an_unknown_form_unit_is_a_definition_error_at_its_line(tmp_path, monkeypatch, capsys):
    forms = copied_form(tmp_path, monkeypatch, "thousands", "target-2026").parent
    edit(forms / "thousands" / "form.yaml", r"(?m)^title: .*$", "title: 申报表\nmoney_unit: 千元")
    mine = tmp_path / "mine.yaml"
    assert main(["new", "thousands", "--forms", str(forms), "-o", str(mine)]) == 2  # as the folder loads
    assert re.search(r"form\.yaml:\d+:\d+: money_unit: 未知的金额单位“千元”", capsys.readouterr().err)
