"""Cut a row of long running text into two rows, the first no taller than a given height.

Used by the page planner (a row continues on the next page) and by the XLSX writer (a row
stays within Excel's 409 pt). The long texts of the row are cut at the line the height allows;
every other cell of the row (its label, a short name, a score) is merged over both rows, so
the planner prints it again on the next page, and every cell spanning the row grows by one.
"""
from __future__ import annotations

import math
from dataclasses import replace

from ..layout import Cell, Role, Table
from ..layout.grid import LONG_TEXT
from ..style import PT_MM, PageStyle, TextSet
from .measure import INDENT_EM, filled_lines, line_starts, lines, per_line

MIN_LINES = 3  # a piece of fewer lines is not worth a cut: the row moves on whole
MARGIN_LINES = 2  # the model may miss a break rule or two over a page: a cut piece leaves them room


def line_mm(style: PageStyle) -> float:
    return style.body_pt * PT_MM * style.line_height


def lines_within(height_mm: float, style: PageStyle) -> int:
    """Return how many lines of text a cell ``height_mm`` tall holds (the inverse of measure.height)."""
    return max(0, math.floor((height_mm - 2 * style.pad_v - 0.4) / line_mm(style)))


def cuttable(cell: Cell) -> bool:
    return cell.role is Role.TEXT and cell.rowspan == 1 and sum(map(len, cell.text)) > LONG_TEXT


def cut_text(paragraphs: tuple[str, ...], width_mm: float, max_lines: int, style: PageStyle,
             max_chars: int | None = None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return ``paragraphs`` cut into what fills ``max_lines`` lines (and ``max_chars``) and the rest."""
    room = per_line(width_mm, style.body_pt, style)
    indent = INDENT_EM if len(paragraphs) > 1 else 0.0
    head: list[str] = []
    used, chars = 0, 0
    for index, paragraph in enumerate(paragraphs):
        need = filled_lines(paragraph, room, indent, style.text)
        if used + need <= max_lines and (max_chars is None or chars + len(paragraph) <= max_chars):
            head.append(paragraph)
            used, chars = used + need, chars + len(paragraph)
            continue
        room_chars = None if max_chars is None else max_chars - chars
        at = _break_at(paragraph, room, max_lines - used, room_chars, indent, style.text)
        if at > 0:
            head.append(paragraph[:at])
            return tuple(head), (paragraph[at:],) + tuple(paragraphs[index + 1:])
        return tuple(head), tuple(paragraphs[index:])
    return tuple(head), ()


def _break_at(paragraph: str, per_line: float, n_lines: int, max_chars: int | None, indent: float,
              text: TextSet) -> int:
    """Return the index before which ``paragraph`` fills ``n_lines`` lines of ``per_line`` em."""
    if n_lines <= 0:
        return 0
    starts = line_starts(paragraph, per_line, indent, text)
    at = starts[n_lines] if n_lines < len(starts) else len(paragraph)
    return at if max_chars is None else min(at, max_chars)


def split_row(table: Table, row: int, height_mm: float, style: PageStyle,
              max_chars: int | None = None) -> Table | None:
    """Return ``table`` with ``row`` cut so that its first part is at most ``height_mm`` tall.

    None when the row has no long text, when a cell that cannot be cut (a label, a value) is
    taller than that, or when the first part would hold fewer than MIN_LINES lines.
    """
    max_lines = lines_within(height_mm, style) - MARGIN_LINES
    starting = [cell for cell in table.cells if cell.row == row]
    if max_lines < MIN_LINES or not any(cuttable(cell) for cell in starting):
        return None
    edges = [0.0]
    for w in table.widths:
        edges.append(edges[-1] + w)
    cells: list[Cell] = []
    rest_cells: list[Cell] = []
    for cell in table.cells:
        if cell.row > row:
            cells.append(replace(cell, row=cell.row + 1))
            continue
        if cell.row < row:
            grows = cell.row + cell.rowspan > row
            cells.append(replace(cell, rowspan=cell.rowspan + 1) if grows else cell)
            continue
        width = edges[cell.col + cell.colspan] - edges[cell.col]
        too_tall = lines(cell.text, width, style.body_pt, style) > max_lines
        too_long = max_chars is not None and sum(map(len, cell.text)) > max_chars
        if cell.role is Role.TEXT and cell.rowspan == 1 and (too_tall or too_long):
            head, tail = cut_text(cell.text, width, max_lines, style, max_chars)
            if not head:
                return None
            cells.append(replace(cell, text=head))
            rest_cells.append(replace(cell, row=row + 1, text=tail or ("",)))
        elif too_tall:
            return None  # a label or value that needs more than the first part has
        else:
            cells.append(replace(cell, rowspan=cell.rowspan + 1))  # printed again with the rest
    if not rest_cells:
        return None  # everything fits already
    return replace(table, cells=tuple(cells + rest_cells), n_rows=table.n_rows + 1)
