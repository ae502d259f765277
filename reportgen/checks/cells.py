"""What a form's printed grid says about its fields: which are running text, which are figures.

The reader's rules (figures, passages, debris) take this from the cells' roles and bindings
instead of naming each form's fields: a TEXT cell bound to an input field is running text, a
MONEY or RATE cell one of the table's figures, and the cells bound below one list entry
(``indicators[0].groups[1].items[2].…``) are that entry's row.

Laying a form out costs several times what all the other rules take (1 ms against 0.2 ms), so
the roles are read from the grid of the first form of each type a process sees, with list
indexes as wildcards, and found in the other forms' data; a form is laid out only for its
computed figures (执行率), and only when a text names one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property, lru_cache

from ..layout import layout_of
from ..layout.grid import Cell, Role
from ..source import paths

FIGURE_ROLES = (Role.MONEY, Role.RATE)  # what texts restate; points are the scores' business
# Full-width digits, letters and signs read as their ASCII twins, one character for one.
HALF = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_CAPTION_NOISE = re.compile(r"其中[:：]|[（(][^（()）]*[)）]|[:：\s]")


@dataclass(frozen=True)
class Text:
    """One paragraph of running text: where it is and what it says."""

    path: tuple
    text: str
    flat: str  # the text with full-width digits and signs as ASCII, position for position


@dataclass(frozen=True)
class Figure:
    """An amount or rate the table shows: its exact number and the captions beside and above it."""

    path: tuple  # () for a computed figure such as 执行率
    role: Role
    number: Decimal
    captions: tuple[str, ...]


@dataclass(frozen=True)
class Slot:
    """A field as a form type's grid shows it: its path with list indexes as None, role, captions."""

    pattern: tuple
    role: Role
    captions: tuple[str, ...] = ()
    unit: str = ""  # a MONEY cell printed in another unit than 元 (万元): the form's money_unit or its data-unit


@dataclass(frozen=True)
class Roles:
    """The fields of one form type by what they are on the printed form, in reading order."""

    texts: tuple[Slot, ...]
    figures: tuple[Slot, ...]   # bound to an input field
    computed: tuple[Slot, ...]  # computed by the tool (pattern ()), number known from the layout only
    fields: tuple[Slot, ...]    # every bound field of a list entry: the rows


def path_of(binding: str) -> tuple:
    """Return a binding (``indicators[0].groups[1].items[2].target``) as a field path."""
    return paths.parse(binding)


def written(model, tail: tuple) -> bool:
    """Return True unless a model along ``tail`` took the field from its default (text nobody wrote)."""
    for part in tail:
        if part not in getattr(model, "model_fields_set", {part}):
            return False
        model = getattr(model, part, None)
    return True


def _split(pattern: tuple) -> tuple[tuple, tuple]:
    """Return a pattern as (the list entries it runs through, the field path below each entry)."""
    cut = max((i + 1 for i, part in enumerate(pattern) if part is None), default=0)
    return pattern[:cut], pattern[cut:]


def _get(model, tail: tuple):
    for part in tail:
        model = getattr(model, part, None)
    return model


class Grid:
    """The reader's view of one form: its running texts, figures and rows."""

    def __init__(self, form):
        self.form = form
        self.roles = roles(form)
        self._entries: dict[tuple, list] = {}

    def entries(self, prefix: tuple) -> list[tuple[tuple, object]]:
        """Return (path, entry) of each list entry ``prefix`` (a pattern ending in None) names."""
        if prefix not in self._entries:
            self._entries[prefix] = list(expand(self.form, prefix)) if prefix else [((), self.form)]
        return self._entries[prefix]

    def fields(self, slots: tuple[Slot, ...]):
        """Yield (slot, path, value, entry, tail) for every field of ``slots``, in reading order."""
        for prefix, group in _runs(slots):
            for path, entry in self.entries(prefix):
                for slot, tail in group:
                    yield slot, path + tail, _get(entry, tail), entry, tail

    @cached_property
    def texts(self) -> tuple[Text, ...]:
        return tuple(text for _, path, value, entry, tail in self.fields(self.roles.texts)
                     if written(entry, tail) for text in _paragraphs(path, value))

    @cached_property
    def rows(self) -> dict:
        """A row's path (``indicators[0].groups[1].items[2]``) → {field name: value in the model}."""
        found: dict = {}
        for _, path, value, _, _ in self.fields(self.roles.fields):
            found.setdefault(path[:-1], {})[path[-1]] = value
        return found

    def captions(self, role: Role) -> set[str]:
        """Return the captions of the table's figures of ``role`` (no layout needed)."""
        return {c for slot in self.roles.figures + self.roles.computed if slot.role is role for c in slot.captions}

    @cached_property
    def figures(self) -> tuple[Figure, ...]:
        found = [Figure(path, slot.role, value, slot.captions)
                 for slot, path, value, _, _ in self.fields(self.roles.figures) if isinstance(value, Decimal)]
        if self.roles.computed:
            layout = layout_of(self.form)
            found += [Figure((), cell.role, cell.yuan, _captions(table, cell)) for table in layout.tables
                      for cell in table.cells if cell.role in FIGURE_ROLES and not cell.binding
                      and cell.number is not None]
        return tuple(found)


def _runs(slots: tuple[Slot, ...]) -> list[tuple[tuple, list]]:
    """Return the slots as runs sharing their list entries: [(prefix, [(slot, tail)])], in order."""
    runs: list[tuple[tuple, list]] = []
    for slot in slots:
        prefix, tail = _split(slot.pattern)
        if runs and runs[-1][0] == prefix:
            runs[-1][1].append((slot, tail))
        else:
            runs.append((prefix, [(slot, tail)]))
    return runs


_last: Grid | None = None


def grid(form) -> Grid:
    """Return the reader's view of ``form`` (kept for the last form: every rule of a run asks)."""
    global _last
    if _last is None or _last.form is not form:
        _last = Grid(form)
    return _last


def roles(form) -> Roles:
    """Return the roles of ``form``'s type, read from the grid of the first form of it seen."""
    return _roles.get(form.form) or _roles.setdefault(form.form, _read_roles(form))


_roles: dict[str, Roles] = {}


def _read_roles(form) -> Roles:
    texts, figures, computed, fields = {}, {}, {}, {}
    for table in layout_of(form).tables:
        for cell in table.cells:
            path = path_of(cell.binding)
            pattern = tuple(None if isinstance(part, int) else part for part in path)
            if cell.role is Role.TEXT and path:
                texts.setdefault(pattern, Slot(pattern, cell.role))
            elif cell.role in FIGURE_ROLES:
                slots = figures if path else computed
                slots.setdefault((pattern, _captions(table, cell)),
                                 Slot(pattern, cell.role, _captions(table, cell), cell.unit))
            if len(path) > 1 and isinstance(path[-2], int):
                fields.setdefault(pattern, Slot(pattern, cell.role))
    return Roles(*(tuple(slots.values()) for slots in (texts, figures, computed, fields)))


def expand(form, pattern: tuple, path: tuple = ()):
    """Yield (path, value) for each field of ``form`` that ``pattern`` (None: any index) names."""
    value = form
    for at, part in enumerate(pattern):
        if part is None:
            for index, entry in enumerate(value if isinstance(value, (list, tuple)) else ()):
                yield from expand(entry, pattern[at + 1:], path + (index,))
            return
        if value is None:
            return  # an entry above the field is missing
        value = getattr(value, part, None)
        path += (part,)
    yield path, value


def _paragraphs(path: tuple, value) -> list[Text]:
    if isinstance(value, str):
        return [Text(path, value, value.translate(HALF))] if value.strip() else []
    if isinstance(value, (list, tuple)):
        return [Text(path + (i,), p, p.translate(HALF))
                for i, p in enumerate(value) if isinstance(p, str) and p.strip()]
    return []


@lru_cache(maxsize=256)
def _clean(caption: str) -> str:
    return _CAPTION_NOISE.sub("", caption)


def _captions(table, cell: Cell) -> tuple[str, ...]:
    """Return the caption left of ``cell`` in its row and its column's head, cleaned."""
    left = [c for c in table.cells if c.row == cell.row and c.col < cell.col and c.role is Role.LABEL]
    above = [c for c in table.cells if c.row < cell.row and c.role is Role.HEAD
             and c.col <= cell.col < c.col + c.colspan]
    found = []
    if left:
        found.append(max(left, key=lambda c: c.col))
    if above:
        found.append(max(above, key=lambda c: c.row))
    return tuple(caption for c in found if len(caption := _clean(c.plain)) >= 2)
