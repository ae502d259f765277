"""Find the rows of a form's grid in what a colleague saved, by their captions, not by offsets.

The expected rows come from the form's own layout of the embedded data. A row with captions
(项目名称, 一级指标, 总分 …) is found by them, in order; a row without is the one after its
predecessor and the rows that continue it. Rows between two found rows are continuations of the row before (long text that a
writer continued over several rows), or, in an indicator table, its rows: however many there
are now, whatever the file held when it was written. So are the rows of any other list of
records a layout binds (``tasks[0].name``): a row region, rows inserted, deleted or reordered.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import Mismatch
from ..layout import Cell, FormLayout, Role
from .visible import Grid

ITEM = re.compile(r"^(?P<item>(?P<tree>[\w.]+)\[(?P<i>\d+)\](?:\.groups\[(?P<j>\d+)\])?\.items\[(?P<k>\d+)\])"
                  r"\.(?P<field>\w+)$")
GROUP = re.compile(r"^(?P<tree>[\w.]+)\[\d+\](?:\.groups\[\d+\])?\.(?P<level>level[12])$")
# A record of any other list (年度主要任务 …): ``tasks[2].budget``; a tree's group labels are not records.
RECORD = re.compile(r"^(?P<item>(?P<tree>[\w.]+)\[(?P<i>\d+)\])\.(?P<field>\w+)$")
_CAPTIONS = (Role.LABEL, Role.HEAD, Role.SECTION)


def norm(text: str) -> str:
    """Return text compared without white space (Excel and Word users add and lose spaces)."""
    return re.sub(r"\s+", "", text or "")


@dataclass
class Row:
    """A row of the expected grid: its table, its cells, and the item it shows (if any)."""

    table: int
    cells: list[Cell]
    tree: str = ""
    item: str = ""
    flat: bool = False  # the item is a record of a plain list, not an indicator of a tree

    def captions(self) -> list[tuple[int, str]]:
        return [(c.col, norm(c.plain)) for c in self.cells if c.role in _CAPTIONS and not c.binding and norm(c.plain)]


@dataclass
class Placed:
    """Where the expected rows are: each fixed row with its grid rows, each indicator table's rows."""

    fixed: list[tuple[Row, list[int]]] = field(default_factory=list)
    regions: list[tuple[list[Row], list[int]]] = field(default_factory=list)
    printed: set[str] = field(default_factory=set)  # the form's own notes: text seen below the tables, not a field




def expected_rows(layout: FormLayout) -> list[Row]:
    rows = []
    for t, table in enumerate(layout.tables):
        for cells in table.rows():
            row = Row(t, cells)
            for cell in cells:
                match = ITEM.match(cell.binding)
                if match:
                    row.tree, row.item, row.flat = match.group("tree"), match.group("item"), False
                elif not row.tree and (match := record(cell.binding)):
                    row.tree, row.item, row.flat = match.group("tree"), match.group("item"), True
            rows.append(row)
    return rows


def record(binding: str) -> re.Match | None:
    """Return the match of a binding to a field of a plain list's record, None for anything else."""
    if GROUP.match(binding) or ITEM.match(binding):
        return None
    return RECORD.match(binding)


def _segments(rows: list[Row]) -> list[list[Row]]:
    """Return the rows cut into fixed rows (one each) and row regions (consecutive rows of one
    indicator tree or list)."""
    out: list[list[Row]] = []
    for row in rows:
        if row.tree and out and out[-1][0].tree == row.tree and out[-1][-1].table == row.table:
            out[-1].append(row)
        else:
            out.append([row])
    return out


def place(layout: FormLayout, grid: Grid) -> Placed:
    """Return where the rows of ``layout`` are in ``grid``; raise Mismatch when a caption row is missing."""
    segments = _segments(expected_rows(layout))
    starts: list[int] = []
    p = 0
    for segment in segments:
        first = segment[0]
        if first.captions() and not first.tree:
            q = _find(grid, first, p)
        else:
            q = _first_row_of_table(grid, first.table, p) if grid.by_table else p
            while q < len(grid.rows) and _goes_on(grid, q, first):
                q += 1
        starts.append(q)
        p = q if first.tree else q + 1
    placed = Placed(printed={norm(note) for note in layout.notes})
    for n, segment in enumerate(segments):
        end = starts[n + 1] if n + 1 < len(segments) else len(grid.rows)
        if grid.by_table:
            end = min(end, _end_of_table(grid, grid.tables[starts[n]] if starts[n] < len(grid.rows) else -1, starts[n]))
        rows = list(range(starts[n], max(end, starts[n] + (0 if segment[0].tree else 1))))
        if segment[0].tree:
            placed.regions.append((segment, rows))
        else:
            placed.fixed.append((segment[0], rows))
    return placed


def _goes_on(grid: Grid, q: int, row: Row) -> bool:
    """Return True when grid row ``q`` continues the row before rather than being ``row``: the
    page cut it (DOCX), or a cell that should start in ``row`` is merged from above (XLSX)."""
    if q in grid.continues:
        return True
    if grid.by_table and grid.tables[q] != row.table:
        return False
    return any((seen := grid.at(q, cell.col)) is not None and seen.row < q for cell in row.cells)


def _find(grid: Grid, row: Row, start: int) -> int:
    for q in range(start, len(grid.rows)):
        if grid.by_table and grid.tables[q] != row.table or q in grid.continues:
            continue
        if all((seen := grid.starting(q, col)) is not None and norm(seen.text) == text for col, text in row.captions()):
            return q
    raise Mismatch(" ".join(text for _, text in row.captions()))


def _first_row_of_table(grid: Grid, table: int, start: int) -> int:
    for q in range(start, len(grid.rows)):
        if grid.tables[q] >= table:
            return q
    return len(grid.rows)


def _end_of_table(grid: Grid, table: int, start: int) -> int:
    q = start
    while q < len(grid.rows) and grid.tables[q] == table:
        q += 1
    return q
