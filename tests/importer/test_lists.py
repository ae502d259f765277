"""Any list of records a layout binds grows like the indicators: the fill-in gives it spare rows,
and import reads its rows inserted, deleted and reordered, in XLSX and DOCX."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from docx import Document
from openpyxl import load_workbook

from reportgen.cli import main
from reportgen.source.parse import read_yaml
from tests.forms.folders import copied_form, edit

from .edit import delete_row, docx_copy_row, docx_delete_row, find, insert_row

TASKS_SCHEMA = """  tasks:
    type: list
    label: 年度主要任务
    item:
      fields:
        name: {type: text, label: 任务名称}
        content: {type: text, label: 主要内容, optional: true}
        budget: {type: money, label: 预算金额, optional: true}
"""
TASKS_TABLE = """
<table data-header-rows="1">
  {{ cols([19, 40, 71, 50]) }}
  <tr>
    <td class="label" rowspan="{{ 1 + form.tasks|length }}">年度主要任务</td>
    <td class="head">任务名称</td>
    <td class="head">主要内容</td>
    <td class="head">预算金额（元）</td>
  </tr>
{% for t in form.tasks %}
  <tr>
    <td class="text" data-bind="tasks[{{ loop.index0 }}].name">{{ t.name }}</td>
    <td class="text" data-bind="tasks[{{ loop.index0 }}].content">{{ t.content or "" }}</td>
    {{ money(t.budget, "tasks[" ~ loop.index0 ~ "].budget") }}
  </tr>
{% endfor %}
  <tr>
    <td class="label" colspan="3">金额合计</td>
    {{ money(form.tasks|sum(attribute="budget")) }}
  </tr>
</table>
</body>"""
TASKS_STARTER = """tasks:
  - {name: 孵化场地运行维护, content: 场地租赁及物业管理, budget: 2000000.00}
  - {name: 创业辅导服务, content: 开展创业辅导与培训, budget: 1000000.00}
"""
TYPED = [("科技创新券兑付", "兑付科技型中小企业创新券", 8450000),
         ("孵化载体绩效评价", "对全市孵化载体开展年度评价", 5920000),
         ("创业大赛组织", "组织第十届创新创业大赛", 1230000.5)]


@pytest.fixture
def tasks_form(tmp_path, monkeypatch):
    """target-2026 with a 年度主要任务 table (a plain list of records) on a grid of its own."""
    folder = copied_form(tmp_path, monkeypatch, "with-tasks", "target-2026")
    forms = folder.parent
    edit(folder / "schema.yaml", r"(?m)^  indicators:\n", TASKS_SCHEMA + "  indicators:\n")
    edit(folder / "layout.html.j2", r"</body>", TASKS_TABLE)
    edit(folder / "starter.yaml", r"(?m)^indicators:", TASKS_STARTER + "indicators:")
    mine = tmp_path / "mine.yaml"
    assert main(["new", "with-tasks", "--forms", str(forms), "-o", str(mine)]) == 0
    return forms, mine


def imported(path, forms, tmp_path) -> dict:
    out = tmp_path / f"back-{path.stem}{path.suffix}"
    extra = ["--forms", str(forms)] if forms else []
    assert main(["import", str(path), *extra, "-o", str(out), "--overwrite"]) == 0
    return read_yaml((out / f"{path.stem}.yaml").read_text(encoding="utf-8")).data


PROJECT = {"项目名称": "科技创新服务", "项目性质": "其他经常性项目", "项目类别": "特定目标类", "主管部门": "市科委",
           "实施单位": "市科技创业中心", "计划开始日期": datetime(2026, 1, 1), "计划完成日期": datetime(2026, 12, 31),
           "年度资金申请总额:": 15600000, "其中: 当年财政拨款": 15600000, "年度总体目标": None,
           "一级指标": "产出指标", "二级指标": "数量指标", "三级指标": "兑付创新券企业数", "年度(/项目)指标值": "≥300(家)"}


def right_of(sheet, caption: str):
    """Return the input cell beside ``caption`` (after its merged range), or below it for a column head."""
    row, col = find(sheet, caption)
    merged = next((m for m in sheet.merged_cells.ranges if (m.min_row, m.min_col) == (row, col)), None)
    if caption in ("年度总体目标", "一级指标", "二级指标", "三级指标", "年度(/项目)指标值"):
        cell = sheet.cell((merged.max_row if merged else row) + 1, col)
        if caption == "年度总体目标":
            cell.value = "完成年度任务。"
        return cell
    return sheet.cell(row, (merged.max_col if merged else col) + 1)


def task_rows(sheet) -> tuple[int, list[int]]:
    """Return the first task row and the columns of 任务名称, 主要内容, 预算金额 (the sheet's, which
    are the union of the form's grids)."""
    row, _ = find(sheet, "任务名称")
    return row + 1, [find(sheet, head)[1] for head in ("任务名称", "主要内容", "预算金额（元）")]


def test_three_tasks_typed_into_the_fill_in_come_back_as_three_tasks_with_their_budgets(tasks_form, tmp_path):
    forms, _ = tasks_form
    path = tmp_path / "fill.xlsx"
    assert main(["new", "with-tasks", "--forms", str(forms), "-o", str(path)]) == 0
    book = load_workbook(path)
    sheet = book.worksheets[0]
    first, cols = task_rows(sheet)
    assert [sheet.cell(first + k, cols[0]).protection.locked for k in range(6)] == [False] * 5 + [True]  # 2 + 3 spare
    insert_row(sheet, first + 1)  # as Excel inserts a row inside the table
    for k, values in enumerate(TYPED):
        for col, value in zip(cols, values):
            sheet.cell(first + k, col).value = value
    for caption, typed in PROJECT.items():
        right_of(sheet, caption).value = typed
    book.save(path)
    tasks = imported(path, forms, tmp_path)["tasks"]
    assert [(t["name"], t["content"], t["budget"]) for t in tasks] == [
        (n, c, Decimal(str(b)).quantize(Decimal("0.01"))) for n, c, b in TYPED]


def test_rows_of_a_rendered_xlsx_inserted_deleted_and_reordered_are_read_as_such(tasks_form, tmp_path):
    forms, mine = tasks_form
    assert main(["render", str(mine), "--forms", str(forms), "-o", str(tmp_path), "-f", "xlsx"]) == 0
    path = tmp_path / "mine.xlsx"
    book = load_workbook(path)
    sheet = book.worksheets[0]
    first, cols = task_rows(sheet)
    # reorder: the second task moved above the first, its budget edited; then a new one inserted
    for c in cols:
        a, b = sheet.cell(first, c), sheet.cell(first + 1, c)
        a.value, b.value = b.value, a.value
    sheet.cell(first, cols[2]).value = 1500000
    insert_row(sheet, first + 2)
    for col, value in zip(cols, TYPED[0]):
        sheet.cell(first + 2, col).value = value
    book.save(path)
    tasks = imported(path, forms, tmp_path)["tasks"]
    assert [(t["name"], t["budget"]) for t in tasks] == [
        ("创业辅导服务", Decimal("1500000.00")), ("孵化场地运行维护", Decimal("2000000.00")),
        ("科技创新券兑付", Decimal("8450000.00"))]

    book = load_workbook(path)
    delete_row(book.worksheets[0], first)
    book.save(path)
    tasks = imported(path, forms, tmp_path)["tasks"]
    assert [t["name"] for t in tasks] == ["孵化场地运行维护", "科技创新券兑付"]


def test_a_task_row_added_and_one_deleted_in_word_are_read_as_such(tasks_form, tmp_path):
    forms, mine = tasks_form
    assert main(["render", str(mine), "--forms", str(forms), "-o", str(tmp_path), "-f", "docx"]) == 0
    path = tmp_path / "mine.docx"
    document = Document(path)
    table = next(t for t in document.tables if "任务名称" in t._tbl.xml)
    head = next(n for n, tr in enumerate(table._tbl.tr_lst) if "任务名称" in tr.xml)
    name, content, budget = TYPED[1]
    docx_copy_row(table, head + 2, {1: name, 2: content, 3: f"{budget:,.2f}"})
    docx_delete_row(table, head + 1)
    document.save(path)
    tasks = imported(path, forms, tmp_path)["tasks"]
    assert [(t["name"], t["content"], t["budget"]) for t in tasks] == [
        ("创业辅导服务", "开展创业辅导与培训", Decimal("1000000.00")), (name, content, Decimal("5920000.00"))]


@pytest.mark.parametrize("form_id", ["dept-target", "dept-selfeval"])
def test_a_task_row_inserted_in_a_built_in_forms_xlsx_and_docx_is_a_new_task(form_id, tmp_path):
    from reportgen import load
    from tests.conftest import SAMPLES

    sample = sorted((SAMPLES / form_id).glob("*.yaml"))[0]
    tasks = load(sample).tasks
    assert main(["render", str(sample), "-o", str(tmp_path), "-f", "xlsx,docx"]) == 0
    path = tmp_path / f"{sample.stem}.xlsx"
    book = load_workbook(path)
    sheet = book.worksheets[0]
    row, col = find(sheet, tasks[0].name)
    insert_row(sheet, row + 1)
    sheet.cell(row + 1, col).value = "新增任务：科技成果转化对接"
    book.save(path)
    back = imported(path, None, tmp_path)["tasks"]
    assert [t["name"] for t in back] == [tasks[0].name, "新增任务：科技成果转化对接"] + [t.name for t in tasks[1:]]

    path = tmp_path / f"{sample.stem}.docx"
    document = Document(path)
    table = next(t for t in document.tables if tasks[0].name in t._tbl.xml)
    index = next(n for n, tr in enumerate(table._tbl.tr_lst) if tasks[0].name in tr.xml)
    docx_delete_row(table, index)
    document.save(path)
    back = imported(path, None, tmp_path)["tasks"]
    assert [t["name"] for t in back] == [t.name for t in tasks[1:]]
