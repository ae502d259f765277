"""What a colleague sees: the cells of an XLSX sheet or of DOCX tables, merges resolved.

Both formats become one ``Grid``: rows of the cells that start in them, each with its spans,
its raw value (numbers stay numbers in XLSX) and its place in words (sheet and cell, or
table, row and column), so that a value that cannot be read can be pointed at.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

from docx.oxml.ns import qn
from openpyxl.utils import get_column_letter

from ..messages import Text, msg


@dataclass(eq=False)
class Seen:
    """A visible cell: where it starts, how far it spans, what it holds."""

    row: int
    col: int
    rowspan: int
    colspan: int
    value: object
    where: Text  # the sheet and cell, or the table, row and column
    table: int = 0

    @property
    def text(self) -> str:
        return cell_text(self.value)


@dataclass
class Grid:
    """Rows of cells; ``tables`` gives each row's table (DOCX) so rows match within their table."""

    rows: list[list[Seen]] = field(default_factory=list)
    tables: list[int] = field(default_factory=list)
    cover: dict[tuple[int, int], Seen] = field(default_factory=dict)
    by_table: bool = False
    continues: set[int] = field(default_factory=set)  # DOCX: rows going on with a row the page cut

    def repeats(self, seen: Seen) -> bool:
        """Return True for a cell a continuation row prints again: the row above shows the same there."""
        above = self.at(seen.row - 1, seen.col) if seen.row in self.continues else None
        return above is not None and above is not seen and "".join(above.text.split()) == "".join(seen.text.split())

    def at(self, row: int, col: int) -> Seen | None:
        """Return the cell covering (row, col), whether it starts there or is merged from above."""
        return self.cover.get((row, col))

    def starting(self, row: int, col: int) -> Seen | None:
        seen = self.cover.get((row, col))
        return seen if seen is not None and seen.row == row and seen.col == col else None

    def add(self, seen: Seen) -> None:
        while len(self.rows) <= seen.row:
            self.rows.append([])
            self.tables.append(seen.table)
        self.rows[seen.row].append(seen)
        self.extend(seen)

    def extend(self, seen: Seen) -> None:
        for r in range(seen.row, seen.row + seen.rowspan):
            for c in range(seen.col, seen.col + seen.colspan):
                self.cover[(r, c)] = seen


@dataclass(frozen=True)
class Formula:
    """A cell holding a formula: the formula, and the value Excel last cached for it (None: none)."""

    formula: str
    cached: object


def cell_text(value: object) -> str:
    """Return a cell's value as the text a reader sees (numbers without a float's noise)."""
    if isinstance(value, Formula):
        value = value.cached
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, float):
        value = Decimal(repr(value))
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")
    return str(value).replace("\r\n", "\n").strip()


def from_sheet(sheet, n_cols: int, formulas: dict[str, str] | None = None) -> Grid:
    """Return the grid of an openpyxl worksheet's first ``n_cols`` columns; a cell of ``formulas``
    (reference → formula) holds a ``Formula`` with its cached value."""

    grid = Grid()
    merged = {}
    for bounds in sheet.merged_cells.ranges:
        merged[(bounds.min_row, bounds.min_col)] = (bounds.max_row - bounds.min_row + 1, bounds.max_col - bounds.min_col + 1)
    inside = {(r, c) for (r0, c0), (h, w) in merged.items() for r in range(r0, r0 + h) for c in range(c0, c0 + w)}
    title, formulas = sheet.title, formulas or {}
    cells = sheet._cells  # looked up, not made: sheet.cell() would create every cell of the range
    for r in range(1, sheet.max_row + 1):
        grid.rows.append([])
        grid.tables.append(0)
        for c in range(1, n_cols + 1):
            if (r, c) in inside and (r, c) not in merged:
                continue
            h, w = merged.get((r, c), (1, 1))
            ref = f"{get_column_letter(c)}{r}"
            value = _value(cells[(r, c)]) if (r, c) in cells else None
            seen = Seen(r - 1, c - 1, h, w, Formula(formulas[ref], value) if ref in formulas else value,
                        msg("importer.sheet", title=title, ref=ref))
            grid.rows[r - 1].append(seen)
            grid.extend(seen)
    return grid


def _value(cell) -> object:
    """Return a cell's value as seen: Excel keeps a typed ``90%`` as 0.9 shown in a percent format."""
    value = cell.value
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool) and "%" in (cell.number_format or ""):
        return f"{cell_text(Decimal(repr(value)) * 100 if isinstance(value, float) else Decimal(value) * 100)}%"
    return value


def from_docx_tables(tables: list, widths: list[tuple[float, ...]], parts: list[int] | None = None,
                     header_rows: list[int] | None = None, continued: set[int] = frozenset()) -> Grid:
    """Return the grid of a form's DOCX tables (``(index, w:tbl)`` pairs) in the layout's columns.

    ``parts`` gives each DOCX table's table of the form: a table the page plan cut is written as
    one DOCX table per page, each after the first repeating the ``header_rows``; those parts are
    joined into one table here, the repeated header rows left out. The first row of a part in
    ``continued`` goes on with the row the page cut (``Grid.continues``).

    Word keeps the grid a table was written with, but LibreOffice drops grid columns no cell of
    that table starts at; so a cell's columns are found by where its edges lie, in proportion to
    the table's width, against the ``widths`` of its table of the form.
    """

    parts = parts if parts is not None and len(parts) == len(tables) else list(range(len(tables)))
    grid = Grid(by_table=True)
    row = 0
    heads: dict[int, list[str]] = {}
    for number, (index, tbl) in enumerate(tables):
        table = parts[number]
        column = _column_map(tbl, widths[table] if table < len(widths) else ())
        trs = tbl.findall(qn("w:tr"))
        n_head = header_rows[table] if header_rows is not None and table < len(header_rows) else 0
        skip = 0
        if table in heads:
            same = [_tr_text(tr) for tr in trs[:n_head]] == heads[table]
            skip = n_head if same else 0
            if skip < len(trs) and number in continued:
                grid.continues.add(row)
        else:
            heads[table] = [_tr_text(tr) for tr in trs[:n_head]]
        first = row
        for r, tr in enumerate(trs):
            if r < skip:
                continue
            grid.rows.append([])
            grid.tables.append(table)
            start = _grid_before(tr)
            for tc in tr.findall(qn("w:tc")):
                col, end = column(start), column(start + tc.grid_span)
                start += tc.grid_span
                above = grid.at(row - 1, col) if row > first else None
                if tc.vMerge == "continue" and above is not None:
                    above.rowspan = row - above.row + 1
                    grid.cover.update({(row, c): above for c in range(above.col, above.col + above.colspan)})
                else:
                    where = msg("importer.table-cell", index=index + 1, r=r + 1, col=col + 1)
                    seen = Seen(row, col, 1, max(end - col, 1), _tc_value(tc), where, table)
                    grid.rows[row].append(seen)
                    grid.extend(seen)
            row += 1
    return grid


def _tr_text(tr) -> str:

    return "|".join("".join(_tc_text(tc).split()) for tc in tr.findall(qn("w:tc")))


def _column_map(tbl, widths: tuple[float, ...]):
    """Return a function from a table's grid line to the layout's column line nearest to it."""

    cols = [int(c.get(qn("w:w"), "0") or 0) for c in tbl.findall(f"{qn('w:tblGrid')}/{qn('w:gridCol')}")]
    if not widths or not cols or not sum(cols) or len(cols) == len(widths):
        return lambda line: line
    edges, x = [0.0], 0
    for w in cols:
        x += w
        edges.append(x / sum(cols))
    targets, y = [0.0], 0.0
    for w in widths:
        y += w
        targets.append(y / sum(widths))

    def column(line: int) -> int:
        at = edges[min(line, len(edges) - 1)]
        return min(range(len(targets)), key=lambda i: abs(targets[i] - at))

    return column


def _grid_before(tr) -> int:

    before = tr.find(f"{qn('w:trPr')}/{qn('w:gridBefore')}")
    return int(before.get(qn("w:val"))) if before is not None else 0


def _tc_value(tc) -> object:
    """Return a cell's text, or a ``Formula`` when it holds a Word field (``=SUM(ABOVE)``, DDEAUTO):
    the field's instruction and the result Word last showed."""

    instructions = [e.get(qn("w:instr"), "") for e in tc.iter(qn("w:fldSimple"))]
    instructions.append("".join(e.text or "" for e in tc.iter(qn("w:instrText"))))
    field = " ".join(i.strip() for i in instructions if i.strip())
    text = _tc_text(tc)
    return Formula(f"{{ {field} }}", text or None) if field else text


def _tc_text(tc) -> str:
    """Return a cell's paragraphs, one a line; text in content controls counts, deleted text does not."""

    lines = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.iter(qn("w:p"))]
    return "\n".join(lines).strip()
