"""The grid every writer renders: tables of placed cells with row/column spans and roles.

A form's layout template (``reportgen.layout.template``) is read into a ``FormLayout``, its
tables placed by ``TableBuilder`` the way an HTML table places its cells; HTML/PDF, DOCX and
XLSX writers render any ``FormLayout`` alike.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import Enum

from ..errors import Overflow
from ..money import UNITS


class Role(str, Enum):  # noqa: UP042 (StrEnum would change what str() of a role prints)
    """What a cell holds; writers choose alignment, font and number format from it."""

    LABEL = "label"      # a printed caption: 项目名称, 一级指标 …
    HEAD = "head"        # a column header of a repeated header row
    VALUE = "value"      # a short value, centred: 其他一次性项目, 2026-01-01, ≥90.00(%)
    TEXT = "text"        # running text, left-aligned, possibly several paragraphs
    MONEY = "money"      # an amount in 元, right-aligned, ``#,##0.00``
    RATE = "rate"        # a percentage, right-aligned, ``0.00%``
    POINTS = "points"    # a weight or score, centred, as few decimals as needed
    SECTION = "section"  # a heading row across the table
    TICKS = "ticks"      # a choice field as tick boxes: ☑ the chosen option, □ the others (layout/ticks.py)


@dataclass(frozen=True, slots=True)
class Cell:
    """A cell placed at (row, col) of its table, spanning ``rowspan`` × ``colspan`` slots.

    ``text`` is what every format shows; ``number`` is the exact value behind a MONEY, RATE or
    POINTS cell, so that spreadsheets keep numbers as numbers.
    """

    row: int
    col: int
    text: tuple[str, ...]
    role: Role
    rowspan: int = 1
    colspan: int = 1
    number: Decimal | None = None
    total_of: tuple[int, int] | None = None  # a column total of these rows: spreadsheets keep it live
    link: str = ""                            # the anchor of a form this cell gives the page of
    binding: str = ""                         # the input field shown, as a user path: funds.total, indicators[0]…
    unit: str = ""                            # a MONEY cell's unit when not 元 (万元): its text and number are in it
    per_row: int = 0                          # a TICKS cell's options to a line, as its template fixed them
    # (data-per-row); 0: as many as fit the cell's width, laid again once the widths are fitted

    @property
    def plain(self) -> str:
        return "\n".join(self.text)

    @property
    def indented(self) -> bool:
        """True when each paragraph's first line is indented 2 em: running text of several
        paragraphs, not the lines of tick boxes."""
        return len(self.text) > 1 and self.role is not Role.TICKS

    @property
    def yuan(self) -> Decimal | None:
        """The number behind the cell in 元 (a 万元 cell's figure times 10,000; as printed, so rounded)."""
        if self.number is None or not self.unit:
            return self.number
        return self.number * UNITS[self.unit]


LONG_TEXT = 80  # characters: a row holding more running text than this may break across pages


def splittable(row: list[Cell]) -> bool:
    """Return True for a row whose long running text may continue on the next page.

    Other rows are kept whole; a tall goals row kept whole would leave a page nearly empty.
    """
    return any(cell.role is Role.TEXT and sum(map(len, cell.text)) > LONG_TEXT for cell in row)


@dataclass(frozen=True)
class Table:
    """A block of the form. ``header_rows`` top rows repeat on every page of the table."""

    widths: tuple[float, ...]  # column widths in millimetres
    cells: tuple[Cell, ...]
    n_rows: int
    header_rows: int = 0
    bounds: tuple[tuple[float, float], ...] = ()  # per column (min, max) mm the content may move it within

    def rows(self) -> list[list[Cell]]:
        """Return the cells grouped by the row they start in, in column order."""
        out: list[list[Cell]] = [[] for _ in range(self.n_rows)]
        for cell in self.cells:
            out[cell.row].append(cell)
        return [sorted(row, key=lambda c: c.col) for row in out]


@dataclass(frozen=True)
class FormLayout:
    """A whole form: title lines, tables in order, and notes printed below."""

    title: str
    subtitle: str = ""
    caption: str = ""                 # a line under the title, e.g. 申报单位名称：…
    tables: tuple[Table, ...] = ()
    notes: tuple[str, ...] = ()       # paragraphs after the tables (说明)
    landscape: bool = False
    sheet_name: str = ""              # the spreadsheet tab; writers sanitise it
    name: str = ""                    # the project, for bookmarks and metadata
    body_pt: float | None = None      # a smaller body size for wide forms; None: the default
    anchor: str = ""                  # a name the contents can point at (booklets)
    source: str = ""                  # the form's canonical YAML, embedded by the writers (reportgen import)

    @property
    def width(self) -> float:
        return sum(self.tables[0].widths) if self.tables else 0.0

    def fitted(self, width: float) -> FormLayout:
        """Return the layout with every table scaled to ``width`` mm (e.g. for landscape pages),
        each by its own factor: tables of different widths (a booklet's summary sections) all fill it."""
        if all(abs(sum(t.widths) - width) < 0.01 or not sum(t.widths) for t in self.tables):
            return self
        return replace(self, tables=tuple(_scaled(t, width / sum(t.widths)) if sum(t.widths) else t
                                          for t in self.tables))


def _scaled(table: Table, factor: float) -> Table:
    return replace(table, widths=tuple(round(w * factor, 2) for w in table.widths),
                   bounds=tuple((lo * factor, hi * factor) for lo, hi in table.bounds))




@dataclass
class TableBuilder:
    """Build a table row by row: each cell takes the next free slot, as in an HTML table."""

    widths: tuple[float, ...]
    header_rows: int = 0
    bounds: tuple[tuple[float, float], ...] = ()
    _cells: list[Cell] = field(default_factory=list)
    _taken: set[tuple[int, int]] = field(default_factory=set)
    _row: int = 0

    def row(self, *cells: Slot) -> TableBuilder:
        col = 0
        for index, slot in enumerate(cells):
            while (self._row, col) in self._taken:
                col += 1
            if col + slot.colspan > len(self.widths):
                raise Overflow(f"row {self._row}: cell {slot.text!r} overflows the {len(self.widths)} columns", index)
            self._place(slot, col)
            col += slot.colspan
        self._row += 1
        return self

    def _place(self, slot: Slot, col: int) -> None:
        self._cells.append(Cell(self._row, col, slot.text, slot.role, slot.rowspan, slot.colspan, slot.number,
                                slot.total_of, slot.link, slot.binding, slot.unit, slot.per_row))
        for r in range(self._row, self._row + slot.rowspan):
            for c in range(col, col + slot.colspan):
                self._taken.add((r, c))

    @property
    def next_row(self) -> int:
        """The index the next ``row()`` call fills."""
        return self._row

    def build(self) -> Table:
        rows = max((c.row + c.rowspan for c in self._cells), default=0)
        return Table(self.widths, tuple(self._cells), rows, self.header_rows, self.bounds)


@dataclass(frozen=True, slots=True)
class Slot:
    """A cell before placement: what ``TableBuilder.row`` takes."""

    text: tuple[str, ...]
    role: Role
    rowspan: int = 1
    colspan: int = 1
    number: Decimal | None = None
    total_of: tuple[int, int] | None = None
    link: str = ""
    binding: str = ""
    unit: str = ""
    per_row: int = 0


def slot(role: Role, text: object = "", span: int = 1, rows: int = 1, number: Decimal | None = None,
         bind: str = "") -> Slot:
    """Return a slot; ``text`` may be a string, a sequence of paragraphs or None; ``bind`` its field."""
    if text is None:
        paragraphs: tuple[str, ...] = ("",)
    elif isinstance(text, str):
        paragraphs = (text,)
    else:
        paragraphs = tuple(text) or ("",)
    return Slot(paragraphs, role, rows, span, number, binding=bind)


def label(text: str, span: int = 1, rows: int = 1) -> Slot:
    return slot(Role.LABEL, text, span, rows)


def head(text: str, span: int = 1, rows: int = 1) -> Slot:
    return slot(Role.HEAD, text, span, rows)


def value(text: object, span: int = 1, rows: int = 1, bind: str = "") -> Slot:
    return slot(Role.VALUE, text, span, rows, bind=bind)


def text(paragraphs: object, span: int = 1, rows: int = 1, bind: str = "") -> Slot:
    return slot(Role.TEXT, paragraphs, span, rows, bind=bind)


def section(text: str, span: int) -> Slot:
    return slot(Role.SECTION, text, span)
