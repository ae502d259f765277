"""A form as the spreadsheet clients set it: one column grid, text counted as they count it,
rows cut to their limits.

A sheet has one set of columns: every table's column edges are laid over the others'
(``layout.columns``). Excel and WPS cap a row at 409 pt and a cell at 32,767 characters, and no
client grows a merged wrapped cell by itself; so each row's height is set here, from the clients
that need the tallest.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from ..layout import FormLayout, Table
from ..layout.columns import one_grid
from ..style import PT_MM, PageStyle, TextSet
from .pages import row_heights
from .split import split_row

MAX_ROW_PT = 400         # Excel and WPS cap a row at 409 pt and hide the rest
MAX_CELL_CHARS = 32767   # Excel's limit of one cell

# Characters: CJK is one em in 宋体/SimSun and in what replaces it (Noto Sans CJK); quotes, dashes
# and other East Asian ambiguous characters are full-width in SimSun; Latin letters and digits at
# most DejaVu Sans's 0.64 em, which LibreOffice sets them in on Linux (SimSun's are 0.5).
# Pitch: LibreOffice sets Noto Sans CJK at its ascent plus descent, 1.448 em (measured in Calc:
# 1.446 at 10.5 pt, 1.436 at 9). SimSun's ascent plus descent is 1.0 em; Excel and WPS wrap 宋体
# at about 1.2-1.3 em a line (not measured here). 1.47 leaves LibreOffice 1.5 % for its rounding
# and Excel more than 10 %, besides each row's 2.4 mm of padding.
OFFICE_LINE_HEIGHT = 1.47
OFFICE_TEXT = TextSet(wide_em=1.0, narrow_em=0.64, wide_classes="WFA")


@dataclass(frozen=True)
class SheetTable:
    """A table's rows as a sheet holds them, and each row's height (mm)."""

    table: Table
    heights: tuple[float, ...]


@dataclass(frozen=True)
class SheetPlan:
    """A form on one sheet: the sheet's column widths (mm), where each table's column edges fall
    among them, and each table's rows in those columns."""

    widths: tuple[float, ...]
    columns: list[list[int]]
    tables: tuple[SheetTable, ...]


def sheet_plan(layout: FormLayout, style: PageStyle) -> SheetPlan:
    """Return ``layout`` (its widths fitted) laid on one column grid, its rows within the clients' limits."""
    grid, columns = one_grid(layout)
    widths = grid.tables[0].widths if grid.tables else ()
    return SheetPlan(widths, columns, tuple(sheet_table(table, style) for table in grid.tables))


def office_style(style: PageStyle) -> PageStyle:
    """Return ``style`` with text counted as the spreadsheet clients set it (``OFFICE_TEXT``)."""
    return replace(style, line_height=max(style.line_height, OFFICE_LINE_HEIGHT), text=OFFICE_TEXT)


def sheet_table(table: Table, style: PageStyle) -> SheetTable:
    """Return ``table`` within the clients' limits, with its rows' heights, in ``style``'s page."""
    office = office_style(style)
    table = within_limits(table, office)
    return SheetTable(table, tuple(row_heights(table, office)))


def within_limits(table: Table, style: PageStyle) -> Table:
    """Return ``table`` with every row of long text cut until each is at most MAX_ROW_PT tall and
    no cell holds more than MAX_CELL_CHARS: the text continues in the rows below, its labels
    merged over all of them, so Excel and WPS (which cap a row at 409 pt) show every character.
    """
    heights = row_heights(table, style)
    longest = _longest(table)
    row = 0
    while row < table.n_rows:
        if heights[row] / PT_MM > MAX_ROW_PT or longest[row] > MAX_CELL_CHARS:
            piece = split_row(table, row, MAX_ROW_PT * PT_MM, style, MAX_CELL_CHARS)
            if piece is not None:  # measured again only where a row was cut (rare)
                table, heights, longest = piece, row_heights(piece, style), _longest(piece)
        row += 1
    return table


def _longest(table: Table) -> list[int]:
    """Return the characters of each row's longest cell."""
    longest = [0] * table.n_rows
    for cell in table.cells:
        longest[cell.row] = max(longest[cell.row], sum(map(len, cell.text)))
    return longest
