"""An empty list of records prints its table's region with one blank row, in every format, as a
form left blank is printed; the fill-in gives it spare rows; import reads the blank row back as
an empty list, and a record typed into it as a record."""
from __future__ import annotations

import re
import subprocess
from decimal import Decimal

import pytest
from docx import Document
from openpyxl import load_workbook

from reportgen.cli import main
from reportgen.forms import form_type
from reportgen.layout import layout_of
from reportgen.load import load
from reportgen.source.parse import read_yaml
from tests.conftest import SAMPLES
from tests.forms.folders import copied_form, edit

from .edit import find

SAMPLE = SAMPLES / "dept-target" / "01-municipal-science-centre.yaml"
HEADS = ("任务名称", "主要内容", "总额", "财政拨款", "其他资金")


def _with_tasks(text: str, tasks: str) -> str:
    start, end = text.index("\ntasks:"), text.index("\ngoals:")
    return text[:start] + "\ntasks:" + tasks + text[end:]


@pytest.fixture
def empty_tasks(tmp_path, monkeypatch):
    """dept-target as a bureau's variant whose 年度主要任务 may be empty, and a filing with none."""
    folder = copied_form(tmp_path, monkeypatch, "opt-tasks", "dept-target")
    edit(folder / "schema.yaml", r"(?m)^    label: 年度主要任务$", "    label: 年度主要任务\n    optional: true")
    edit(folder / "starter.yaml", r"(?ms)^tasks:.*?(?=^goals:)", "tasks: []\n")
    text = SAMPLE.read_text(encoding="utf-8").replace("form: dept-target", "form: opt-tasks")
    mine = tmp_path / "mine.yaml"
    mine.write_text(_with_tasks(text, " []"), encoding="utf-8")
    one = tmp_path / "one.yaml"
    one.write_text(_with_tasks(text, "\n  - {name: 甲, total: 10000.00, fiscal: 10000.00}"), encoding="utf-8")
    return folder.parent, mine, one


def task_rows(table_rows: list[list[str]]) -> list[list[str]]:
    """Return the rows between the 任务名称 header rows and 金额合计."""
    head = next(n for n, row in enumerate(table_rows) if "任务名称" in row)
    total = next(n for n, row in enumerate(table_rows) if "金额合计" in row)
    return table_rows[head + 2:total]


def test_the_grid_has_one_blank_row_bound_to_the_list(empty_tasks, monkeypatch):
    forms, mine, _ = empty_tasks
    monkeypatch.setenv("REPORTGEN_FORMS", str(forms))
    form = load(mine)
    assert form.tasks == [] and form_type("opt-tasks")
    table = next(t for t in layout_of(form).tables if any(c.plain == "任务名称" for c in t.cells))
    rows = [[c for c in row if c.binding.startswith("tasks[")] for row in table.rows()]
    blank = [row for row in rows if row]
    assert len(blank) == 1 and [c.binding for c in blank[0]] == [
        "tasks[0].name", "tasks[0].content", "tasks[0].total", "tasks[0].fiscal", "tasks[0].other"]
    assert all(c.plain == "" and c.number is None for c in blank[0])


def _gap(pdf, tmp_path) -> float:
    """Return the distance (pt) from the 总额 head down to 金额合计 on the PDF's first page."""
    html = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    y = {w: float(m) for m, w in re.findall(r'yMin="([\d.]+)"[^>]*>([^<]+)</word>', html)}
    return y["金额合计"] - y["财政拨款"]


def test_every_format_prints_the_blank_row_as_tall_as_a_written_one(empty_tasks, tmp_path):
    forms, mine, one = empty_tasks
    for path in (mine, one):
        assert main(["render", str(path), "--forms", str(forms), "-o", str(tmp_path), "-f", "pdf,html,docx,xlsx"]) == 0
    gap, written = _gap(tmp_path / "mine.pdf", tmp_path), _gap(tmp_path / "one.pdf", tmp_path)
    assert abs(gap - written) < 0.5, (gap, written)  # a written one-line row's height, not a collapsed one
    typst = tmp_path / "typst"
    for path in (mine, one):
        assert main(["render", str(path), "--forms", str(forms), "-o", str(typst), "-f", "pdf", "--engine", "typst"]) == 0
    assert abs(_gap(typst / "mine.pdf", tmp_path) - _gap(typst / "one.pdf", tmp_path)) < 0.5

    html = (tmp_path / "mine.html").read_text(encoding="utf-8")
    block = html[html.index("任务名称"):html.index("金额合计")]
    assert re.findall(r"<tr[^>]*>((?:<td[^>]*></td>)+)</tr>", block)  # a row of empty cells

    table = next(t for t in Document(tmp_path / "mine.docx").tables if "任务名称" in t._tbl.xml)
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert [set(r[1:]) for r in task_rows(rows)] == [{""}]

    sheet = load_workbook(tmp_path / "mine.xlsx").worksheets[0]
    head, _ = find(sheet, "任务名称")
    total, _ = find(sheet, "金额合计")
    cols = [find(sheet, h)[1] for h in HEADS]
    assert total - head == 3  # two header rows, one blank row
    assert [sheet.cell(head + 2, c).value for c in cols] == [None] * 5


def imported(path, forms, tmp_path) -> dict:
    out = tmp_path / f"back-{path.suffix[1:]}"
    assert main(["import", str(path), "--forms", str(forms), "-o", str(out), "--overwrite"]) == 0
    return read_yaml((out / f"{path.stem}.yaml").read_text(encoding="utf-8")).data


def test_the_blank_row_imports_as_an_empty_list_and_a_task_typed_into_it_as_a_task(empty_tasks, tmp_path):
    forms, mine, _ = empty_tasks
    assert main(["render", str(mine), "--forms", str(forms), "-o", str(tmp_path), "-f", "docx,xlsx"]) == 0
    for suffix in (".xlsx", ".docx"):
        assert imported(tmp_path / f"mine{suffix}", forms, tmp_path)["tasks"] == []

    path = tmp_path / "mine.xlsx"
    book = load_workbook(path)
    sheet = book.worksheets[0]
    head, _ = find(sheet, "任务名称")
    cols = [find(sheet, h)[1] for h in HEADS]
    for col, value in zip(cols, ("科技创新券兑付", "兑付创新券", 845, 845, 0)):
        sheet.cell(head + 2, col).value = value
    book.save(path)
    tasks = imported(path, forms, tmp_path)["tasks"]
    assert [(t["name"], t["content"], t["total"]) for t in tasks] == [("科技创新券兑付", "兑付创新券", Decimal("8450000.00"))]


def test_the_fill_in_gives_an_empty_list_its_blank_row_and_spare_rows(empty_tasks, tmp_path):
    forms, _, _ = empty_tasks
    path = tmp_path / "fill.xlsx"
    assert main(["new", "opt-tasks", "--forms", str(forms), "-o", str(path)]) == 0
    sheet = load_workbook(path).worksheets[0]
    head, col = find(sheet, "任务名称")
    total, _ = find(sheet, "金额合计")
    assert total - head == 2 + 1 + 3  # the header rows, the blank row, three spare rows
    assert [sheet.cell(head + 2 + k, col).protection.locked for k in range(4)] == [False] * 4


def test_an_empty_indicator_tree_prints_one_blank_indicator_row_and_imports_as_empty(tmp_path, monkeypatch):
    folder = copied_form(tmp_path, monkeypatch, "opt-tree", "target-2026")
    forms = folder.parent
    edit(folder / "schema.yaml", r"(?m)^    label: 绩效指标$", "    label: 绩效指标\n    optional: true")
    edit(folder / "profile.yaml", r"(?m)^required_level1: .*$", "required_level1: []")
    mine = tmp_path / "mine.yaml"
    assert main(["new", "opt-tree", "--forms", str(forms), "-o", str(mine)]) == 0
    edit(mine, r"(?ms)^indicators:.*", "indicators: []\n")
    monkeypatch.setenv("REPORTGEN_FORMS", str(forms))
    table = layout_of(load(mine)).tables[-1]
    assert [(c.binding, c.plain) for c in table.rows()[1]] == [
        ("indicators[0].level1", ""), ("indicators[0].groups[0].level2", ""),
        ("indicators[0].groups[0].items[0].name", ""), ("indicators[0].groups[0].items[0].target", "")]
    assert main(["render", str(mine), "-o", str(tmp_path), "-f", "pdf,docx,xlsx"]) == 0
    for suffix in (".xlsx", ".docx"):
        assert imported(tmp_path / f"mine{suffix}", forms, tmp_path)["indicators"] == []
