"""Edits as a colleague makes them in Excel or Word, done through openpyxl and python-docx.

openpyxl's insert_rows and delete_rows move values but not merged ranges; Excel moves both,
so these helpers move the merges the way Excel does.
"""
from __future__ import annotations

import copy

from openpyxl.worksheet.cell_range import CellRange


def find(sheet, text: str) -> tuple[int, int]:
    """Return (row, column) of the first cell holding ``text``."""
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is not None and str(cell.value) == text:
                return cell.row, cell.column
    raise LookupError(text)


def insert_row(sheet, at: int) -> None:
    """Insert a row before ``at`` as Excel does: merges it falls inside grow, merges below move down."""
    ranges = [CellRange(r.coord) for r in sheet.merged_cells.ranges if r.max_row >= at]
    for r in ranges:
        sheet.unmerge_cells(r.coord)
    sheet.insert_rows(at)
    for r in ranges:
        if r.min_row >= at:
            r.shift(row_shift=1)
        elif r.max_row >= at:
            r.expand(down=1)
        sheet.merge_cells(r.coord)


def delete_row(sheet, at: int) -> None:
    """Delete row ``at`` as Excel does: merges over it shrink, one-row merges on it go, merges below move up."""
    ranges = [CellRange(r.coord) for r in sheet.merged_cells.ranges if r.max_row >= at]
    kept = {}  # Excel keeps a merged cell's content when its top row goes
    for r in ranges:
        sheet.unmerge_cells(r.coord)
        if r.min_row == at < r.max_row:
            kept[(r.min_row, r.min_col)] = sheet.cell(r.min_row, r.min_col).value
    sheet.delete_rows(at)
    for (row, col), value in kept.items():
        sheet.cell(row, col).value = value
    for r in ranges:
        if r.min_row > at:
            r.shift(row_shift=-1)
        elif r.min_row <= at <= r.max_row:
            if r.min_row == r.max_row:
                continue
            r.shrink(bottom=1)
        if r.size["rows"] * r.size["columns"] > 1:
            sheet.merge_cells(r.coord)


def docx_copy_row(table, index: int, texts: dict[int, str]) -> None:
    """Insert a copy of row ``index`` after it, as Word's 'insert row below', with new cell texts by grid column."""
    tr = table._tbl.tr_lst[index]
    new = copy.deepcopy(tr)
    tr.addnext(new)
    set_row_texts(new, texts)


def set_row_texts(tr, texts: dict[int, str]) -> None:

    col = 0
    for tc in tr.tc_lst:
        if col in texts:
            set_tc_text(tc, texts[col])
        col += tc.grid_span


def set_tc_text(tc, text: str) -> None:
    """Replace a cell's text, one paragraph per line, keeping the first paragraph's format."""
    from docx.oxml.ns import qn

    paragraphs = tc.findall(qn("w:p"))
    for p in paragraphs[1:]:
        tc.remove(p)
    first = paragraphs[0]
    for r in first.findall(qn("w:r")):
        first.remove(r)
    for n, line in enumerate(text.split("\n")):
        p = first if n == 0 else copy.deepcopy(first)
        if n:
            for r in p.findall(qn("w:r")):
                p.remove(r)
            tc.append(p)
        run = p.makeelement(qn("w:r"), {})
        t = run.makeelement(qn("w:t"), {})
        t.text = line
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        run.append(t)
        p.append(run)


def docx_delete_row(table, index: int) -> None:
    tr = table._tbl.tr_lst[index]
    tr.getparent().remove(tr)
