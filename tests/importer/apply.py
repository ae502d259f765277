"""Apply a plan of edits to an XLSX (openpyxl) or DOCX (python-docx), as a colleague would."""
from __future__ import annotations

from pathlib import Path

from .edit import delete_row, docx_copy_row, docx_delete_row, find, insert_row, set_tc_text
from .plan import Plan, printed_amount


def edit_xlsx(source: Path, target: Path, plan: Plan) -> None:
    from openpyxl import load_workbook

    workbook = load_workbook(source)
    sheet = next(s for s in workbook.worksheets if _holds(s, plan.after))
    for old, new in plan.texts:
        r, c = find(sheet, old)
        sheet.cell(r, c).value = new
    if plan.amount:
        cell = next(c for row in sheet.iter_rows() for c in row
                    if isinstance(c.value, (int, float)) and c.value == float(plan.amount[0]))
        cell.value = int(plan.amount[1]) if plan.amount[1] == int(plan.amount[1]) else float(plan.amount[1])
    r, c = find(sheet, plan.after)
    insert_row(sheet, r + 1)
    for col, value in plan.new_cells.items():
        sheet.cell(r + 1, c + col - plan.name_col).value = value
    delete_row(sheet, find(sheet, plan.delete)[0])
    workbook.save(target)


def _holds(sheet, text: str) -> bool:
    try:
        find(sheet, text)
        return True
    except LookupError:
        return False


def edit_docx(source: Path, target: Path, plan: Plan) -> None:
    from docx import Document

    document = Document(source)
    cells = {}
    for table in document.tables:
        for index, tr in enumerate(table._tbl.tr_lst):
            for tc in tr.tc_lst:
                cells.setdefault(_text(tc), (table, index, tc))
    for old, new in plan.texts + ([(printed_amount(plan.amount[0]), printed_amount(plan.amount[1]))]
                                  if plan.amount else []):
        set_tc_text(cells[old][2], new)
    table, index, _ = cells[plan.after]
    docx_copy_row(table, index, {col: str(value) for col, value in plan.new_cells.items()})
    table, _, tc = cells[plan.delete]
    docx_delete_row(table, table._tbl.tr_lst.index(tc.getparent()))
    document.save(target)


def _text(tc) -> str:
    from docx.oxml.ns import qn

    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.iter(qn("w:p"))).strip()
