"""Tick boxes: a choice field printed as its options (☑ the value, □ the others) on a grid whose
options never break, read back on import (a ☑ typed over a □ too), a drop-down in the fill-in."""
from __future__ import annotations

import re
import subprocess

import pytest
from docx import Document
from openpyxl import load_workbook

from reportgen.cli import main
from reportgen.layout.ticks import options_of, tick_lines, ticked
from reportgen.source.parse import read_yaml
from tests.forms.folders import copied_form, edit
from tests.importer.edit import set_tc_text

CATEGORIES = ["特定目标类", "其他运转类", "公用经费类", "人员类"]
TYPES = ["教育", "科技", "文化旅游体育与传媒", "社会保障和就业", "卫生健康", "节能环保", "城乡社区", "农林水",
         "交通运输", "资源勘探工业信息", "商业服务业", "金融", "自然资源海洋气象", "住房保障", "粮油物资储备",
         "灾害防治及应急管理", "一般公共服务", "公共安全", "其他"]


def test_options_are_laid_out_in_columns_and_read_back():
    lines = tick_lines("公用经费类", tuple(CATEGORIES), 2)
    assert lines == ("□特定目标类\u3000□其他运转类", "☑公用经费类\u3000□人员类")
    assert options_of("\n".join(lines)) == tuple(CATEGORIES)
    assert ticked("□特定目标类 ☑其他运转类 ☑公用经费类 □人员类", tuple(CATEGORIES)) == ["其他运转类", "公用经费类"]
    assert ticked("□其他 √其他运转类", ("其他", "其他运转类")) == ["其他运转类"]  # 其他 inside 其他运转类 is not 其他


@pytest.fixture
def ticks_form(tmp_path, monkeypatch):
    """target-2026 with 项目类别 as tick boxes and a 19-option 项目类型 row across the table."""
    folder = copied_form(tmp_path, monkeypatch, "ticks", "target-2026")
    forms = folder.parent
    edit(folder / "schema.yaml", r"(?m)^      category: .*$",
         f"      category: {{type: choice, label: 项目类别, choices: [{', '.join(CATEGORIES)}]}}\n"
         f"      type: {{type: choice, label: 项目类型, optional: true, choices: [{', '.join(TYPES)}]}}")
    edit(folder / "layout.html.j2", r'\{\{ field\("project.category"\) \}\}', '{{ field("project.category", "ticks") }}')
    edit(folder / "layout.html.j2", r"(?m)^  <tr>\n    <td class=\"label\">主管部门</td>",
         '  <tr>\n    <td class="label">项目类型</td>\n    <td class="ticks" colspan="6" data-bind="project.type">'
         '{{ p.type }}</td>\n  </tr>\n  <tr>\n    <td class="label">主管部门</td>')
    mine = tmp_path / "mine.yaml"
    assert main(["new", "ticks", "--forms", str(forms), "-o", str(mine)]) == 0
    edit(mine, r"(?m)^(  category: .*)$", r"\1\n  type: 科技")
    return forms, mine


def test_a_nineteen_option_row_prints_every_option_whole(ticks_form, tmp_path):
    forms, mine = ticks_form
    assert main(["render", str(mine), "--forms", str(forms), "-o", str(tmp_path), "-f", "pdf"]) == 0
    raw = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(tmp_path / "mine.pdf"), "-"],
                         capture_output=True, text=True, check=True).stdout
    lines = [re.sub(r"\s", "", line) for line in raw.splitlines()]
    for option in TYPES + CATEGORIES:
        marked = ("☑" if option in ("科技", "特定目标类") else "□") + option
        assert any(marked in line for line in lines), marked  # never cut over two lines


def test_a_tick_typed_over_a_box_in_excel_is_the_new_choice(ticks_form, tmp_path):
    forms, mine = ticks_form
    assert main(["render", str(mine), "--forms", str(forms), "-o", str(tmp_path), "-f", "xlsx"]) == 0
    path = tmp_path / "mine.xlsx"
    book = load_workbook(path)
    cell = next(c for row in book.active.iter_rows() for c in row if isinstance(c.value, str) and "□人员类" in c.value)
    cell.value = cell.value.replace("□人员类", "☑人员类")  # the old ☑ left where it was
    types = next(c for row in book.active.iter_rows() for c in row if isinstance(c.value, str) and "☑科技" in c.value)
    types.value = types.value.replace("☑科技", "□科技").replace("□金融", "√金融")
    book.save(path)
    out = tmp_path / "back"
    assert main(["import", str(path), "--forms", str(forms), "-o", str(out)]) == 0
    project = read_yaml((out / "mine.yaml").read_text(encoding="utf-8")).data["project"]
    assert (project["category"], project["type"]) == ("人员类", "金融")


def test_two_new_ticks_in_word_are_an_error_at_the_cell(ticks_form, tmp_path, capsys):
    forms, mine = ticks_form
    assert main(["render", str(mine), "--forms", str(forms), "-o", str(tmp_path), "-f", "docx"]) == 0
    path = tmp_path / "mine.docx"
    document = Document(path)
    tc = next(c._tc for t in document.tables for r in t.rows for c in r.cells if "□金融" in c.text)
    text = "\n".join(p.text for p in next(c for t in document.tables for r in t.rows for c in r.cells
                                          if c._tc is tc).paragraphs)
    set_tc_text(tc, text.replace("□金融", "☑金融").replace("□教育", "☑教育"))
    document.save(path)
    assert main(["import", str(path), "--forms", str(forms), "-o", str(tmp_path / "back")]) == 1
    assert re.search(r"project\.type .*RG901.*勾选一项", capsys.readouterr().err)


def test_the_fill_in_offers_the_options_as_a_drop_down_and_reads_the_choice(ticks_form, tmp_path):
    forms, _ = ticks_form
    path = tmp_path / "fill.xlsx"
    assert main(["new", "ticks", "--forms", str(forms), "-o", str(path)]) == 0
    sheet = load_workbook(path).worksheets[0]
    lists = [v.formula1 for v in sheet.data_validations.dataValidation if v.type == "list"]
    assert f'"{",".join(CATEGORIES)}"' in lists and f'"{",".join(TYPES)}"' in lists


def _fits(planned) -> list[tuple[str, float, float]]:
    """Return each planned tick cell's lines that would not fit its width (one em a character and box)."""
    from reportgen.layout.grid import Role
    from reportgen.layout.ticks import PAD_MM
    from reportgen.style import PT_MM

    em = planned.style.body_pt * PT_MM
    wrong = []
    for table in planned.layout.tables:
        for cell in table.cells:
            width = sum(table.widths[cell.col:cell.col + cell.colspan])
            wrong += [(line, len(line) * em + PAD_MM, width) for line in cell.text
                      if cell.role is Role.TICKS and len(line) * em + PAD_MM > width + 0.01]
    return wrong


@pytest.fixture(params=["bounds", "no-bounds"])
def daqing(request, tmp_path, monkeypatch):
    """A Daqing-style target form: 项目类别 as 19 tick boxes in its one narrow cell (27 mm declared,
    its longest option 灾害防治及应急管理 needs more), with and without the columns' bounds."""
    folder = copied_form(tmp_path, monkeypatch, "daqing", "target-2026")
    forms = folder.parent
    edit(folder / "schema.yaml", r"(?m)^      category: .*$",
         f"      category: {{type: choice, label: 项目类别, choices: [{', '.join(TYPES)}]}}")
    edit(folder / "layout.html.j2", r'\{\{ field\("project.category"\) \}\}', '{{ field("project.category", "ticks") }}')
    if request.param == "no-bounds":
        edit(folder / "layout.html.j2", r"cols\(widths, bounds\)", "cols(widths)")
    mine = tmp_path / "mine.yaml"
    assert main(["new", "daqing", "--forms", str(forms), "-o", str(mine)]) == 0
    edit(mine, r"(?m)^(  category: ).*$", r"\1灾害防治及应急管理")
    monkeypatch.setenv("REPORTGEN_FORMS", str(forms))
    return forms, mine


def test_a_tick_cell_narrower_than_its_longest_option_is_widened_and_no_option_breaks(daqing, tmp_path):
    from reportgen.geometry import plan
    from reportgen.layout import layout_of
    from reportgen.layout.ticks import options_of
    from reportgen.load import load
    from reportgen.options import RenderOptions

    forms, mine = daqing
    planned = plan(layout_of(load(mine)), RenderOptions())
    cell = next(c for t in planned.layout.tables for c in t.cells if c.binding == "project.category")
    assert options_of(cell.plain) == tuple(TYPES) and _fits(planned) == []
    assert "☑灾害防治及应急管理" in cell.text
    assert main(["render", str(mine), "-o", str(tmp_path), "-f", "pdf,docx,xlsx"]) == 0
    raw = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(tmp_path / "mine.pdf"), "-"],
                         capture_output=True, text=True, check=True).stdout
    lines = [re.sub(r"\s", "", line) for line in raw.splitlines()]
    for option in TYPES:
        marked = ("☑" if option == "灾害防治及应急管理" else "□") + option
        assert any(marked in line for line in lines), marked
    paragraphs = next([p.text for p in c.paragraphs] for t in Document(tmp_path / "mine.docx").tables
                      for r in t.rows for c in r.cells if "□教育" in c.text)
    assert options_of("\n".join(paragraphs)) == tuple(TYPES) and all(p.count("□") + p.count("☑") for p in paragraphs)
    sheet = load_workbook(tmp_path / "mine.xlsx").active
    text = next(c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and "□教育" in c.value)
    assert text.split("\n") == list(cell.text)


def test_the_hubei_tick_cells_are_laid_at_their_fitted_widths():
    from reportgen.geometry import plan
    from reportgen.layout import layout_of
    from reportgen.layout.ticks import options_of, per_row
    from reportgen.load import load
    from reportgen.options import RenderOptions
    from tests.conftest import SAMPLES

    sample = sorted((SAMPLES / "selfeval-hubei").glob("*.yaml"))[0]
    planned = plan(layout_of(load(sample)), RenderOptions())
    assert _fits(planned) == []
    cells = {c.binding: (c, sum(t.widths[c.col:c.col + c.colspan])) for t in planned.layout.tables for c in t.cells
             if c.binding.startswith("project.") and c.role.value == "ticks"}
    assert set(cells) == {"project.category", "project.attribute", "project.kind"}
    for cell, width in cells.values():  # as many a line as fit the width the cell got, no fewer
        options = options_of(cell.plain)
        assert len(cell.text) == -(-len(options) // per_row(width, options, planned.style.body_pt))
    assert cells["project.kind"][0].text == ("□常年性项目\u3000□一次性项目\u3000☑阶段性项目",)
