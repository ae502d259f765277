"""Rows are placed by captions and by the writers' geometry, never by fixed offsets."""
from __future__ import annotations

from reportgen.importer.align import place
from reportgen.importer.visible import Grid, Seen
from reportgen.layout import Cell, FormLayout, Role, Table

# 说明 | (a text) ; then a row without captions: two values.
LAYOUT = FormLayout("表", tables=(Table((30.0, 60.0), (
    Cell(0, 0, ("说明",), Role.LABEL),
    Cell(0, 1, ("很长的说明",), Role.TEXT, binding="notes"),
    Cell(1, 0, ("甲",), Role.VALUE, binding="a"),
    Cell(1, 1, ("乙",), Role.VALUE, binding="b"),
), 2),))


def grid_of(rows: list[list[tuple[int, int, str]]]) -> Grid:
    """Return a grid of (col, rowspan, text) cells per row."""
    grid = Grid()
    for r, cells in enumerate(rows):
        for col, rowspan, text in cells:
            grid.add(Seen(r, col, rowspan, 1, text, (f"R{r}C{col}", f"R{r}C{col}")))
        while len(grid.rows) <= r:
            grid.rows.append([])
            grid.tables.append(0)
    return grid


def test_a_row_without_captions_is_found_after_the_rows_that_continue_the_one_before():
    """The text row was cut into three (its label merged over them): the values' row comes after."""
    grid = grid_of([[(0, 3, "说明"), (1, 1, "很长")], [(1, 1, "的说")], [(1, 1, "明")], [(0, 1, "甲"), (1, 1, "乙")]])
    placed = place(LAYOUT, grid)
    assert [rows for _, rows in placed.fixed] == [[0, 1, 2], [3]]


def test_a_docx_row_the_page_cut_goes_on_in_the_next_part():
    """DOCX: the label printed again on the next page part, the row marked as going on there."""
    grid = grid_of([[(0, 1, "说明"), (1, 1, "很长的")], [(0, 1, "说明"), (1, 1, "说明")], [(0, 1, "甲"), (1, 1, "乙")]])
    grid.continues = {1}
    placed = place(LAYOUT, grid)
    assert [rows for _, rows in placed.fixed] == [[0, 1], [2]]

