"""One column grid for a form whose tables have columns of their own (a spreadsheet has one).

Each table's column edges (cumulative widths, mm) are laid over the others'; the union of all
edges is the sheet's columns, and a table's column becomes the run of union columns between its
two edges. Edges closer than ``SNAP`` are one edge, so two tables fitted a hair apart do not
make a sliver column.
"""
from __future__ import annotations

from dataclasses import replace
from itertools import accumulate

from .grid import FormLayout, Table

SNAP = 0.5  # mm: edges closer than this are the same edge


def common_columns(tables: tuple[Table, ...] | list[Table]) -> tuple[tuple[float, ...], list[list[int]]]:
    """Return the union columns' widths (mm) and, per table, the union index of each of its edges.

    Edges of one table are never snapped together, so every column keeps at least one union column.
    """
    edges = [[0.0, *accumulate(t.widths)] for t in tables]
    for snap in (SNAP, 0.01):  # 0.01 mm: only float noise
        lines = _lines(sorted({e for table in edges for e in table}), snap)
        index = [[_nearest(lines, e) for e in table] for table in edges]
        if all(b > a for table in index for a, b in zip(table, table[1:])):
            break
    widths = tuple(round(b - a, 2) for a, b in zip(lines, lines[1:]))
    return widths, index


def _lines(edges: list[float], snap: float) -> list[float]:
    """Return the edges with each cluster closer than ``snap`` kept once, at its first edge."""
    lines: list[float] = []
    for edge in edges:
        if not lines or edge - lines[-1] > snap:
            lines.append(edge)
    return lines


def _nearest(lines: list[float], edge: float) -> int:
    return min(range(len(lines)), key=lambda i: abs(lines[i] - edge))


def on_columns(table: Table, edges: list[int], widths: tuple[float, ...]) -> Table:
    """Return ``table`` placed on the union columns ``widths``: each cell spans the union columns
    between its edges."""
    if edges == list(range(len(table.widths) + 1)) and widths == table.widths:
        return table
    cells = tuple(replace(c, col=edges[c.col], colspan=edges[c.col + c.colspan] - edges[c.col]) for c in table.cells)
    return replace(table, cells=cells, widths=widths, bounds=())


def one_grid(layout: FormLayout) -> tuple[FormLayout, list[list[int]]]:
    """Return ``layout`` with every table on the union of all tables' columns, and the edge map."""
    if not layout.tables:
        return layout, []
    widths, index = common_columns(layout.tables)
    tables = tuple(on_columns(t, edges, widths) for t, edges in zip(layout.tables, index))
    return replace(layout, tables=tables), index


def remapped(layout: FormLayout, index: list[list[int]]) -> FormLayout:
    """Return ``layout`` with its cells on the columns a writer recorded (``one_grid``'s map).

    The widths become placeholders: the importer compares places, not sizes. A map that does
    not fit the layout (another version of the form) leaves it unchanged.
    """
    if len(index) != len(layout.tables) or any(len(e) != len(t.widths) + 1 for t, e in zip(layout.tables, index)):
        return layout
    n_cols = max(e[-1] for e in index)
    return replace(layout, tables=tuple(on_columns(t, e, (1.0,) * n_cols) for t, e in zip(layout.tables, index)))
