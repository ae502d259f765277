"""Apply a plan of edits to an XLSX (openpyxl) or DOCX (python-docx), as a colleague would."""
from __future__ import annotations

from pathlib import Path

from .edit import (
    delete_row,
    docx_copy_row,
    docx_delete_row,
    find,
    insert_row,
    set_tc_text,
)
from .plan import Plan, printed_amount


def edit_xlsx(source: Path, target: Path, plan: Plan) -> None:
    from openpyxl import load_workbook

    workbook = load_workbook(source)
    sheet = next(s for s in workbook.worksheets if _holds(s, plan.after))
    for old, new in plan.texts:
        (r, c), *rest = _xlsx_pieces(sheet, old)
        sheet.cell(r, c).value = new
        for r, c in rest:  # the text's continuation rows: emptied, as a person rewriting it would
            sheet.cell(r, c).value = None
    if plan.amount:  # the first number right of its caption
        r, c = find(sheet, plan.amount_caption)
        cell = next(x for x in sheet[r][c:] if isinstance(x.value, (int, float)) and x.value == float(plan.amount[0]))
        cell.value = int(plan.amount[1]) if plan.amount[1] == int(plan.amount[1]) else float(plan.amount[1])
    r, c = find(sheet, plan.after)
    insert_row(sheet, r + 1)
    columns = _sheet_columns(source, plan.table)
    for col, value in plan.new_cells.items():
        sheet.cell(r + 1, c + columns[col] - columns[plan.name_col]).value = value
    delete_row(sheet, find(sheet, plan.delete)[0])
    workbook.save(target)


def _sheet_columns(path: Path, table: int) -> list[int]:
    """Return the sheet column of each layout column edge of ``table``: the sheet's columns are the
    union of every table's (the writer records the map in the file)."""
    import zipfile

    from reportgen.render.embed import from_package

    with zipfile.ZipFile(path) as archive:
        return from_package(archive)["forms"][0]["columns"][table]


def _xlsx_pieces(sheet, text: str) -> list[tuple[int, int]]:
    """Return the cells showing ``text``: one, or the rows a writer continued it over (render/split.py)."""
    try:
        return [find(sheet, text)]
    except LookupError:
        pass
    cells = [(c.row, c.column, _norm(c.value)) for row in sheet.iter_rows() for c in row if c.value is not None]
    for r, c, first in cells:
        if first and _norm(text).startswith(first):
            below = sorted((rr, t) for rr, cc, t in cells if cc == c and rr > r)
            return [(r, c)] + _pieces(_norm(text)[len(first):], [((rr, c), t) for rr, t in below])
    raise LookupError(text)


def _pieces(rest: str, following: list) -> list:
    """Return the places of the cells among ``following`` (in order) whose texts make up ``rest``."""
    out = []
    for place, text in following:
        if not rest:
            break
        if text and rest.startswith(text):
            out.append(place)
            rest = rest[len(text):]
    if rest:
        raise LookupError(rest)
    return out


def _norm(value) -> str:
    return "".join(str(value).split())


def _holds(sheet, text: str) -> bool:
    try:
        find(sheet, text)
        return True
    except LookupError:
        return False


def edit_docx(source: Path, target: Path, plan: Plan) -> None:
    from docx import Document

    document = Document(source)
    cells, columns = {}, []
    for table in document.tables:
        for index, tr in enumerate(table._tbl.tr_lst):
            col = 0
            for tc in tr.tc_lst:
                cells.setdefault(_text(tc), (table, index, tc))
                columns.append((col, tc))
                col += tc.grid_span
    if plan.amount:  # the cell right of its caption
        _, _, caption = cells[plan.amount_caption]
        set_tc_text(caption.getnext(), printed_amount(plan.amount[1]))
    for old, new in plan.texts:
        first, *rest = [cells[old][2]] if old in cells else _docx_pieces(columns, old)
        set_tc_text(first, new)
        for tc in rest:  # the text's continuation on the next page part: emptied
            set_tc_text(tc, "")
    table, index, _ = cells[plan.after]
    docx_copy_row(table, index, {col: str(value) for col, value in plan.new_cells.items()})
    table, _, tc = cells[plan.delete]
    docx_delete_row(table, table._tbl.tr_lst.index(tc.getparent()))
    document.save(target)


def _docx_pieces(columns: list, text: str) -> list:
    """Return the cells (in document order) a writer continued ``text`` over, page part after page part."""
    for n, (col, tc) in enumerate(columns):
        first = _norm(_text(tc))
        if first and _norm(text).startswith(first):
            following = [(other, _norm(_text(other))) for c, other in columns[n + 1:] if c == col]
            return [tc] + _pieces(_norm(text)[len(first):], following)
    raise LookupError(text)


def _text(tc) -> str:
    from docx.oxml.ns import qn

    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.iter(qn("w:p"))).strip()
