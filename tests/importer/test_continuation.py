"""Rows a writer continued: long text over several rows of one merged block (XLSX), or in rows of
its own with the labels repeated (DOCX). The importer joins them, whatever the writer's geometry."""
from __future__ import annotations

import copy

from docx import Document
from openpyxl import load_workbook

from reportgen.cli import main
from reportgen.dump import to_yaml
from reportgen.importer import import_file
from reportgen.load import load
from tests.conftest import SAMPLES

from .edit import find, set_tc_text

TARGET = SAMPLES / "target-2026" / "01-incubation-base-operation.yaml"
SELFEVAL = SAMPLES / "selfeval-2020" / "01-incubator-base-operations.yaml"
SCORES = SAMPLES / "selfeval-2019" / "01-high-tech-achievement-transformation.yaml"


def continue_below(sheet, row: int, col: int) -> None:
    """Move all but the first line of (row, col) into a new row below; merge the row's other cells over both."""
    from openpyxl.worksheet.cell_range import CellRange

    from .edit import insert_row

    insert_row(sheet, row + 1)
    target = next((r for r in sheet.merged_cells.ranges if r.min_row == row and r.min_col == col), None)
    width = (target.max_col - target.min_col + 1) if target else 1
    for other in [CellRange(r.coord) for r in sheet.merged_cells.ranges if r.min_row <= row <= r.max_row
                  and r.max_row == row and r.min_col != col]:
        sheet.unmerge_cells(other.coord)
        other.expand(down=1)
        sheet.merge_cells(other.coord)
    for c in range(1, sheet.max_column + 1):
        covered = any(r.min_row <= row + 1 <= r.max_row and r.min_col <= c <= r.max_col for r in sheet.merged_cells.ranges)
        if not covered and not col <= c < col + width and sheet.cell(row, c).value is not None:
            sheet.merge_cells(start_row=row, start_column=c, end_row=row + 1, end_column=c)
    if width > 1:
        sheet.merge_cells(start_row=row + 1, start_column=col, end_row=row + 1, end_column=col + width - 1)
    first, *rest = str(sheet.cell(row, col).value).split("\n") if "\n" in str(sheet.cell(row, col).value) else \
        (str(sheet.cell(row, col).value)[:6], str(sheet.cell(row, col).value)[6:])
    sheet.cell(row, col).value = first
    sheet.cell(row + 1, col).value = "\n".join(rest) if isinstance(rest, list) else rest


def test_xlsx_text_continued_over_rows_of_one_merged_block_reads_as_one_field(tmp_path):
    assert main(["render", str(TARGET), str(SELFEVAL), "-o", str(tmp_path), "-f", "xlsx", "-j", "1"]) == 0
    form = load(TARGET)
    book = load_workbook(tmp_path / f"{TARGET.stem}.xlsx")
    sheet = book.worksheets[0]
    row, col = find(sheet, "\n".join(form.goals.annual))
    continue_below(sheet, row, col)
    book.save(tmp_path / "continued.xlsx")
    [imported] = import_file(tmp_path / "continued.xlsx")
    assert not imported.problems and imported.yaml == to_yaml(form) and not imported.changes

    form = load(SELFEVAL)
    book = load_workbook(tmp_path / f"{SELFEVAL.stem}.xlsx")
    sheet = book.worksheets[0]
    item = form.indicators[0].groups[0].items[0]
    row, _ = find(sheet, item.name)
    _, col = find(sheet, "偏差原因分析及改进措施")
    sheet.cell(row, col).value = "第一行原因\n第二行原因"
    continue_below(sheet, row, col)
    book.save(tmp_path / "continued-items.xlsx")
    [imported] = import_file(tmp_path / "continued-items.xlsx")
    assert not imported.failed, [p.format() for p in imported.problems]
    [change] = imported.changes
    assert change.path == "indicators[0].groups[0].items[0].reason" and change.new == "第一行原因\n第二行原因"


def test_docx_text_continued_in_a_row_of_its_own_with_the_label_repeated(tmp_path):
    assert main(["render", str(SCORES), "-o", str(tmp_path), "-f", "docx"]) == 0
    form = load(SCORES)
    document = Document(tmp_path / f"{SCORES.stem}.docx")
    table = document.tables[0]
    tr = next(tr for tr in table._tbl.tr_lst if "项目年度总目标" in "".join(tr.itertext()))
    copy_tr = copy.deepcopy(tr)
    tr.addnext(copy_tr)
    text = "\n".join(form.goal)
    half = len(text) // 2  # a writer may cut a long paragraph anywhere: unchanged text still reads as written
    set_tc_text(tr.tc_lst[1], text[:half])
    set_tc_text(copy_tr.tc_lst[1], text[half:])
    document.save(tmp_path / "continued.docx")
    [imported] = import_file(tmp_path / "continued.docx")
    assert not imported.problems, [p.format() for p in imported.problems]
    assert imported.yaml == to_yaml(form)


def test_text_beside_the_table_is_reported_not_dropped(tmp_path):
    assert main(["render", str(TARGET), "-o", str(tmp_path), "-f", "xlsx"]) == 0
    book = load_workbook(tmp_path / f"{TARGET.stem}.xlsx")
    sheet = book.worksheets[0]
    sheet.cell(sheet.max_row + 2, 1).value = "备注：请财务处复核"
    book.save(tmp_path / "note.xlsx")
    [imported] = import_file(tmp_path / "note.xlsx")
    [problem] = imported.problems
    assert problem.code == "RG906" and problem.severity == "warning" and "备注：请财务处复核" in problem.message("zh")
    assert imported.yaml == to_yaml(load(TARGET))
