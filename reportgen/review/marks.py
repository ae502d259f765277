"""Numbered marks on the printed form: each finding on the cell that shows its field.

A finding's path is a field's (``indicators[0].groups[1].items[2].target``); a cell's binding
is the field it shows. The mark goes on the cell showing that field, else on the first cell of
the entry the path names (a row: its name), else on the cell of the nearest field above it (a
paragraph of ``goals.annual``); a finding no cell shows (a form-level one) has no mark and is
listed all the same. The marks are written into the cells' text between two private-use
characters, which the report's HTML turns into styled marks (the data's own such characters
become U+FFFD first, so no text can pose as a mark).
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..layout import FormLayout
from ..layout.grid import Cell
from ..problems import Problem

OPEN, CLOSE = "\ue0f0", "\ue0f1"
MARKED = re.compile(f"{OPEN}([0-9,]+){CLOSE}")


def place(layout: FormLayout, problems: list[Problem]) -> dict[int, tuple[int, int, int]]:
    """Return, for each finding's number (from 1), the (table, cell, paragraph) carrying its mark.

    The paragraph is the one the path names (``goals.annual[1]``) when the cell shows a list of
    paragraphs, else the cell's last."""
    cells = [(t, c, cell.binding) for t, table in enumerate(layout.tables)
             for c, cell in enumerate(table.cells) if cell.binding]
    placed = {}
    for number, problem in enumerate(problems, 1):
        where = _cell_for(problem.path, cells)
        if where is not None:
            t, c = where
            placed[number] = (t, c, _paragraph(problem.path, layout.tables[t].cells[c]))
    return placed


def _paragraph(path: str, cell: Cell) -> int:
    index = re.fullmatch(re.escape(cell.binding) + r"\[(\d+)\].*", path)
    if index and int(index.group(1)) < len(cell.text):
        return int(index.group(1))
    return max(len(cell.text) - 1, 0)


def _cell_for(path: str, cells: list[tuple[int, int, str]]) -> tuple[int, int] | None:
    if not path:
        return None
    for t, c, binding in cells:
        if binding == path:
            return t, c
    for t, c, binding in cells:
        if binding.startswith((path + ".", path + "[")):
            return t, c
    above = [(len(binding), t, c) for t, c, binding in cells if path.startswith((binding + ".", binding + "["))]
    return max(above)[1:] if above else None


def marked(layout: FormLayout, placed: dict[int, tuple[int, int, int]]) -> FormLayout:
    """Return ``layout`` with each placed finding's number at the end of its paragraph."""
    by_cell: dict[tuple[int, int], dict[int, list[int]]] = {}
    for number, (t, c, paragraph) in placed.items():
        by_cell.setdefault((t, c), {}).setdefault(paragraph, []).append(number)
    tables = []
    for t, table in enumerate(layout.tables):
        cells = tuple(_with_mark(cell, by_cell.get((t, c))) for c, cell in enumerate(table.cells))
        tables.append(replace(table, cells=cells))
    return replace(layout, tables=tuple(tables))


def _with_mark(cell: Cell, numbers: dict[int, list[int]] | None) -> Cell:
    if any(OPEN in p or CLOSE in p for p in cell.text):  # the data's own: never read as a mark
        cell = replace(cell, text=tuple(p.replace(OPEN, "\ufffd").replace(CLOSE, "\ufffd") for p in cell.text))
    if not numbers:
        return cell
    text = list(cell.text) or [""]
    for paragraph, found in numbers.items():
        text[paragraph] += f"{OPEN}{','.join(map(str, found))}{CLOSE}"
    return replace(cell, text=tuple(text))
