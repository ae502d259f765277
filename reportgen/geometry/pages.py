"""Split a form's tables into pages for print, repeating header rows and merged group labels.

WeasyPrint repeats a ``<thead>``, but a rowspan cannot cross from ``<thead>`` into the body
(the form's 绩效指标 label does) and a merged 一级/二级 label that runs onto a new page loses
its text there. So pages are planned here from the height model, and every page's table
carries its header rows and its own part of each merged cell, label included.
"""
from __future__ import annotations

import math
from bisect import bisect_left
from dataclasses import dataclass, replace

from ..layout import Cell, FormLayout, Table
from ..style import PT_MM, PageStyle
from .measure import height, lines
from .split import split_row

MIN_BODY_ROWS = 2  # never leave a header with fewer rows than this at a page foot


@dataclass(frozen=True)
class Page:
    """A planned page break: the tables that start on it, and how many pages they run onto after it."""

    tables: tuple[Table, ...]
    first: bool
    spill: int = 0
    # For each of ``tables``: the index of the form's table it is a part of, and whether its first
    # body row continues the row the part before ended with (a row cut by the page).
    parts: tuple[tuple[int, bool], ...] = ()


def row_heights(table: Table, style: PageStyle) -> list[float]:
    """Return each row's printed height (mm); rowspans add what their rows lack to the last one."""
    edges = _edges(table.widths)
    heights = [0.0] * table.n_rows
    spanning: list[tuple[Cell, float]] = []
    for cell in table.cells:
        width = edges[cell.col + cell.colspan] - edges[cell.col]
        need = height(lines(cell.text, width, style.body_pt, style, cell.indented), style.body_pt, style)
        if cell.rowspan == 1:
            heights[cell.row] = max(heights[cell.row], need)
        else:
            spanning.append((cell, need))
    for cell, need in spanning:
        have = sum(heights[cell.row:cell.row + cell.rowspan])
        if need > have:
            heights[cell.row + cell.rowspan - 1] += need - have
    return heights


def paginate(form: FormLayout, style: PageStyle) -> tuple[Page, ...]:
    """Return the pages of ``form``: tables cut at page ends, header rows repeated.

    A row of long running text that does not fit is cut (``split.split_row``) so that the page
    is filled and the row continues on the next, its labels printed again there.
    """
    budget = style.content_height - _title_height(form, style)
    pages: list[list[Table]] = [[]]
    parts: list[list[tuple[int, bool]]] = [[]]
    spills = [0]
    for source, table in enumerate(form.tables):
        heights = row_heights(table, style)
        start = table.header_rows
        continued = False
        while start < table.n_rows:
            table, heights, end, cut = _page_part(table, heights, start, budget, style)
            if pages[-1] and not cut and end - start < min(MIN_BODY_ROWS if table.header_rows else 1,
                                                            table.n_rows - start):
                pages.append([])
                parts.append([])
                spills.append(0)
                budget = style.content_height
                continue
            end = max(end, start + 1)
            part = _slice(table, start, end)
            used = sum(row_heights(part, style))
            pages[-1].append(part)
            parts[-1].append((source, continued))
            continued = cut
            spills[-1] += _spill(budget, used, style.content_height)
            budget = _remaining(budget, used, style.content_height)
            start = end
            if start < table.n_rows:
                pages.append([])
                parts.append([])
                spills.append(0)
                budget = style.content_height
    return tuple(Page(tuple(tables), index == 0, spill, tuple(of))
                 for index, (tables, spill, of) in enumerate(zip(pages, spills, parts)) if tables or index == 0)


def _page_part(table: Table, heights: list[float], start: int, budget: float, style: PageStyle):
    """Return (table, its row heights, end, cut): rows [start, end) fill ``budget``, the last one
    cut if ``cut``.

    Measured on the page's own slice: a merged label cut by the page holds its text there in
    fewer rows than in the whole table, so the slice can be taller than its rows were.
    """
    head = sum(heights[: table.header_rows])
    room = budget - head
    for _ in range(6):
        end = _fit(heights, start, room)
        piece = split_row(table, end, room - sum(heights[start:end]), style) if end < table.n_rows else None
        candidate, stop = (piece, end + 1) if piece is not None else (table, end)
        if stop == start:
            return table, heights, start, False
        over = sum(row_heights(_slice(candidate, start, stop), style)) - budget
        if over <= 0.01:
            if piece is None:
                return table, heights, stop, False
            return piece, row_heights(piece, style), stop, True
        room -= over
    return table, heights, start, False


def _spill(budget: float, used: float, page: float) -> int:
    """Return how many more pages a table of height ``used`` runs onto after this one."""
    return 0 if used <= budget else math.ceil((used - budget) / page)


def _remaining(budget: float, used: float, page: float) -> float:
    """Return the space left after ``used`` mm of a table that may run over pages."""
    if used <= budget:
        return budget - used
    return page - (used - budget) % page


def _fit(heights: list[float], start: int, budget: float) -> int:
    end, used = start, 0.0
    while end < len(heights) and used + heights[end] <= budget:
        used += heights[end]
        end += 1
    return end


def _slice(table: Table, start: int, end: int) -> Table:
    """Return the header rows plus body rows [start, end), each merged cell cut to fit."""
    return _Rows(table).slice(start, end)


class _Rows:
    """A table's cells ordered by the row they start in, to slice it page after page in time
    proportional to the page, not to the table."""

    def __init__(self, table: Table):
        self.table = table
        self.cells = sorted(table.cells, key=lambda c: c.row)
        self.starts = [c.row for c in self.cells]
        self.tall = [c for c in self.cells if c.rowspan > 1]

    def slice(self, start: int, end: int) -> Table:
        head = self.table.header_rows
        chosen = self.cells[:bisect_left(self.starts, head)]
        chosen += [c for c in self.tall if head <= c.row < start and c.row + c.rowspan > start]
        chosen += self.cells[bisect_left(self.starts, start):bisect_left(self.starts, end)]
        cells = []
        for cell in chosen:
            last = cell.row + cell.rowspan
            in_head = max(0, min(last, head) - cell.row)
            in_body = max(0, min(last, end) - max(cell.row, start))
            if in_head + in_body:
                first, span = cell.row if in_head else head + max(cell.row, start) - start, in_head + in_body
                cells.append(cell if (first, span) == (cell.row, cell.rowspan) else replace(cell, row=first, rowspan=span))
        return Table(self.table.widths, tuple(cells), head + end - start, head)


def _edges(widths: tuple[float, ...]) -> list[float]:
    out = [0.0]
    for w in widths:
        out.append(out[-1] + w)
    return out


def _title_height(form: FormLayout, style: PageStyle) -> float:
    total = style.title_pt * PT_MM * 1.6 + 2
    for line in (form.subtitle, form.caption):
        if line:
            total += style.subtitle_pt * PT_MM * 1.6
    return total + 3


def required_pages(form: FormLayout, style: PageStyle) -> float:
    """Return the pages the form's content strictly needs: its height over the text area, header rows once."""
    total = _title_height(form, style) + sum(sum(row_heights(table, style)) for table in form.tables)
    return total / style.content_height
