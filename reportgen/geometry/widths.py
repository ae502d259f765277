"""Column widths that follow the content, fitted once before any writer runs.

A table's ``bounds`` give each column the (min, max) mm it may take. Every table of a form that
shares those columns (the same declared widths) is fitted together, so tables aligned on the
printed form stay aligned. Numbers never wrap: a column holding an amount, rate or score is at
least as wide as its widest number set on one line. The rest of the width goes where the
running text is, so that the estimated height of the form is as small as the bounds allow.
A tick-box cell is at least as wide as its longest option with its box, counts as many lines as
its options take at a width, and its options are laid again at the width it gets; a table that
declares no bounds keeps its widths unless a tick cell needs more, which the others then give.
"""
from __future__ import annotations

import math
import re
from dataclasses import replace

from ..errors import GeometryError
from ..layout import Cell, FormLayout, Role, Table
from ..layout.ticks import PAD_MM as TICK_PAD
from ..layout.ticks import boxed, options_of, per_row, relaid
from ..messages import msg
from ..style import PT_MM, PageStyle
from .measure import LABEL_POINTS, line_mm, width_em

WORD_MARGIN = 1.9  # mm each side: Word's default cell margin, wider than ours, so any client fits
NUMBER_SLACK = 1.03
NUMERIC = (Role.MONEY, Role.RATE, Role.POINTS)
NUMBER_TEXT = re.compile(r"[\d.,%+\-=≥≤<>()]+")
MIN_COLUMN = 6.0   # mm: no column is squeezed below this to make room for numbers
SHORT_CAPTION = 4
WRAP_COST = 1.5    # a short value or caption that wraps counts half as much again
SEARCH_CELLS = 1500  # larger tables keep the proportional widths (the search is per cell)


def fit_form(layout: FormLayout, style: PageStyle, families: tuple[str, ...], office_face: str = "") -> FormLayout:
    """Return ``layout`` with the columns of every table group that declares bounds fitted."""
    groups: dict[tuple[float, ...], list[int]] = {}
    for index, table in enumerate(layout.tables):
        groups.setdefault(table.widths, []).append(index)
    tables = list(layout.tables)
    for widths, members in groups.items():
        bounds = next((tables[i].bounds for i in members if tables[i].bounds), ())
        if not bounds and any(c.role is Role.TICKS for i in members for c in tables[i].cells):
            # no bounds: at most the declared widths, the others giving what a tick cell's options need
            bounds = tuple((min(w, MIN_COLUMN), w) for w in widths)
        if len(bounds) != len(widths):
            continue
        try:
            fitted = fit_widths([tables[i] for i in members], bounds, style, (families, office_face))
        except GeometryError as exc:
            raise GeometryError(msg("geometry.tables", title=layout.title, tables=[i + 1 for i in members],
                                    detail=exc.cause)) from None  # the cause, without the prefix the error adds once
        for i in members:
            tables[i] = replace(tables[i], widths=fitted)
    return replace(layout, tables=tuple(_ticks_relaid(t, style) for t in tables))


def _ticks_relaid(table: Table, style: PageStyle) -> Table:
    """Return ``table`` with each tick cell's options laid again at the cell's width."""
    if not any(c.role is Role.TICKS for c in table.cells):
        return table
    edges = _edges(list(table.widths))
    cells = tuple(replace(c, text=relaid(c.text, edges[c.col + c.colspan] - edges[c.col], style.body_pt, c.per_row))
                  if c.role is Role.TICKS else c for c in table.cells)
    return replace(table, cells=cells)


def unbreakable(cell: Cell) -> bool:
    """Return True for a cell whose text must stay on one line: a number, a bare figure, a short caption.

    A four-character caption (项目名称, 一级指标) broken three and one reads badly.
    """
    if cell.role in NUMERIC or cell.role is Role.TICKS and cell.per_row:  # a fixed line of tick boxes
        return True
    if cell.role is Role.VALUE and NUMBER_TEXT.fullmatch(cell.plain):
        return True
    return (cell.role in (Role.LABEL, Role.HEAD) and cell.colspan == cell.rowspan == 1
            and 0 < len(cell.plain) <= SHORT_CAPTION)


def fit_widths(tables: list[Table], bounds: tuple[tuple[float, float], ...], style: PageStyle,
               faces: tuple[tuple[str, ...], str]) -> tuple[float, ...]:
    """Return column widths summing to the tables' width, within ``bounds``, numbers on one line."""
    total = sum(tables[0].widths)
    low, high = _limits(tables, bounds, style, faces, total)
    demand = _demand(tables, len(bounds), style)
    widths = _proportional(demand, low, high, total)
    cells = [(index, cell) for index, table in enumerate(tables) for cell in table.cells
             if cell.role is not Role.HEAD and not unbreakable(cell)]
    if len(cells) <= SEARCH_CELLS:
        widths = _descend(cells, widths, low, high, style)
    return tuple(round(float(w), 2) for w in widths)


def _limits(tables, bounds, style: PageStyle, faces, total: float) -> tuple[list[float], list[float]]:
    """Return each column's lowest and highest width: the bounds, widened for the numbers it holds."""
    need = [0.0] * len(bounds)
    for table in tables:
        for cell in table.cells:
            pieces = _whole_pieces(cell)
            if not pieces:
                continue
            margin = WORD_MARGIN if cell.role in NUMERIC or cell.role is Role.TICKS else style.pad_h + 0.3
            wide = max(line_mm(t, style.body_pt, *faces) for t in pieces) * NUMBER_SLACK + 2 * margin
            if cell.role is Role.TICKS:  # nor narrower than the tick grid's own estimate (per_row: an em a character)
                wide = max(wide, max(map(len, pieces)) * style.body_pt * PT_MM + TICK_PAD)
            for col in range(cell.col, cell.col + cell.colspan):
                need[col] = max(need[col], wide / cell.colspan)
    if sum(lo for lo, _ in bounds) > total + 0.01:
        _too_wide([lo for lo, _ in bounds], total, "data-min")
    low = [max(lo, n) for (lo, _), n in zip(bounds, need)]
    if sum(low) > total:  # the numbers win: squeeze the other columns' minimums, never below MIN_COLUMN
        free = [i for i, (lo, _) in enumerate(bounds) if low[i] == lo and need[i] < lo]
        excess = sum(low) - total
        room = sum(max(low[i] - MIN_COLUMN, 0) for i in free)
        if room < excess - 0.01:
            _too_wide([max(n, MIN_COLUMN if i in free else lo) for i, ((lo, _), n) in enumerate(zip(bounds, need))],
                      total, "numbers")
        for i in free:
            low[i] -= excess * max(low[i] - MIN_COLUMN, 0) / room if room > 0 else 0
    high = [max(hi, lo) for (_, hi), lo in zip(bounds, low)]
    return low, high


def _too_wide(minimums: list[float], total: float, why: str) -> None:
    """Refuse columns whose minimums exceed the width there is, naming each column and its minimum."""
    columns = ", ".join(f"{i + 1}: {m:.1f} mm" for i, m in enumerate(minimums))
    cause = msg("geometry.minimum-widths" if why == "data-min" else "geometry.number-widths")
    raise GeometryError(msg("geometry.columns-too-wide", cause=cause, sum=sum(minimums), total=total, columns=columns))


def _whole_pieces(cell: Cell) -> list[str]:
    """Return what of ``cell`` must fit on one line: all of an unbreakable cell, a label's points."""
    if unbreakable(cell):
        return list(cell.text)
    if cell.role is Role.TICKS:  # each option with its box on one line; the lines follow the width
        return boxed(cell.text)
    if cell.role is Role.LABEL:
        return [m.group() for text in cell.text for m in LABEL_POINTS.finditer(text)]
    return []


def _demand(tables: list[Table], n_cols: int, style: PageStyle) -> list[float]:
    """Return how much running text each column holds (em · pt), spanning cells shared out."""
    demand = [0.0] * n_cols
    for table in tables:
        for cell in table.cells:
            if unbreakable(cell):
                continue
            size = sum(width_em(t) for t in cell.text) * style.body_pt
            for col in range(cell.col, cell.col + cell.colspan):
                demand[col] += size / cell.colspan
    return [math.sqrt(d) for d in demand]  # rows of different columns add up: √ balances them


def _proportional(demand: list[float], low: list[float], high: list[float], total: float) -> list[float]:
    """Return widths proportional to ``demand`` within [low, high], summing to ``total``."""
    if not any(demand):
        demand = [1.0] * len(low)
    widths = list(low)
    free = set(range(len(low)))
    while free:
        rest = total - sum(widths[i] for i in range(len(low)) if i not in free)
        weight = sum(demand[i] for i in free) or 1.0
        share = {i: rest * demand[i] / weight for i in free}
        clamped = {i for i in free if not low[i] <= share[i] <= high[i]}
        for i in free:
            widths[i] = min(max(share[i], low[i]), high[i])
        if not clamped:
            break
        free -= clamped
    spare = total - sum(widths)
    if abs(spare) > 0.01:  # every column at a bound: the bounds give way, in proportion
        base = sum(widths)
        widths = [w + spare * w / base for w in widths]
    return widths


def _descend(cells: list[tuple[int, Cell]], widths: list[float], low, high, style: PageStyle) -> list[float]:
    """Move width between columns, a step at a time, while the estimated height of the tables drops."""
    heights = _Heights(cells, widths, style)
    for step in (8.0, 4.0, 2.0, 1.0):
        improved = True
        while improved:
            improved = False
            for give in range(len(widths)):
                for take in range(len(widths)):
                    if give == take or widths[give] - step < low[give] or widths[take] + step > high[take]:
                        continue
                    if not heights.could_gain(take, step, widths):
                        continue
                    trial = list(widths)
                    trial[give] -= step
                    trial[take] += step
                    if heights.try_widths(trial, give, take):
                        widths, improved = trial, True
    return widths


class _Heights:
    """The tables' estimated height in lines (each row as tall as its tallest cell), kept up to date.

    A trial moves width between two columns: only the cells over one of them change, and only
    their rows are measured again, so a trial costs a column's cells, not the table's.
    """

    def __init__(self, cells: list[tuple[int, Cell]], widths: list[float], style: PageStyle):
        self.style = style
        self.cells = [(cell, [width_em(t) for t in cell.text]) for _, cell in cells]
        self.rows = [[(index, row) for row in range(cell.row, cell.row + cell.rowspan)] for index, cell in cells]
        self.members: dict[tuple[int, int], list[int]] = {}
        self.over: list[set[int]] = [set() for _ in widths]
        for position, (_, cell) in enumerate(cells):
            for key in self.rows[position]:
                self.members.setdefault(key, []).append(position)
            for col in range(cell.col, cell.col + cell.colspan):
                self.over[col].add(position)
        self.known: dict[tuple[int, float], float] = {}  # (cell, its width) → its lines
        self.gains: dict[tuple[int, float], bool] = {}  # (column, step) → could_gain, until a trial is taken
        edges = _edges(widths)
        self.lines = [self._measure(p, edges) for p in range(len(self.cells))]
        self.tallest = {key: max(self.lines[p] for p in members) for key, members in self.members.items()}

    def could_gain(self, take: int, step: float, widths: list[float]) -> bool:
        """Return False when no cell over column ``take`` would lose a line were it ``step`` mm wider:
        then no trial widening ``take`` can lower the height, whichever column gives."""
        key = (take, step)
        if key not in self.gains:
            edges = _edges([w + step if col == take else w for col, w in enumerate(widths)])
            self.gains[key] = any(self._measure(p, edges) < self.lines[p] for p in self.over[take])
        return self.gains[key]

    def try_widths(self, trial: list[float], give: int, take: int) -> bool:
        """Take ``trial`` if it lowers the height by more than a hundredth of a line; say whether it did."""
        edges = _edges(trial)
        changed = {p: self._measure(p, edges) for p in self.over[give] ^ self.over[take]}
        rows = {key for p in changed for key in self.rows[p]}
        tallest = {key: max(changed.get(p, self.lines[p]) for p in self.members[key]) for key in rows}
        if sum(tallest[key] - self.tallest[key] for key in rows) >= -0.01:
            return False
        for p, n_lines in changed.items():
            self.lines[p] = n_lines
        self.tallest.update(tallest)
        self.gains.clear()
        return True

    def _measure(self, position: int, edges: list[float]) -> float:
        cell, ems = self.cells[position]
        width = edges[cell.col + cell.colspan] - edges[cell.col]
        n_lines = self.known.get((position, width))
        if n_lines is None:
            n_lines = self.known[position, width] = _cell_lines(cell, ems, width, self.style)
        return n_lines


def _edges(widths: list[float]) -> list[float]:
    edges = [0.0]
    for w in widths:
        edges.append(edges[-1] + w)
    return edges


def _cell_lines(cell: Cell, ems: list[float], width: float, style: PageStyle) -> float:
    """Return a cell's lines at ``width`` mm, per row it spans; a wrapped short value counts more."""
    if cell.role is Role.TICKS:  # its options, as many to a line as fit
        options = options_of(cell.plain)
        return math.ceil(len(options) / per_row(width, options, style.body_pt)) / cell.rowspan
    per_line = max((width - 2 * style.pad_h) / (style.body_pt * PT_MM), 1.0)
    n_lines = sum(max(1, math.ceil(em / per_line)) for em in ems)
    if cell.role is not Role.TEXT and n_lines > len(ems):
        n_lines *= WRAP_COST
    return n_lines / cell.rowspan  # shared by its rows
