"""Put what is seen back into the form's data: fixed fields by their binding, indicator rows anew.

The embedded data is the starting point: a field whose cell shows what the writer printed keeps
its embedded value (``≥90%`` stays as written though the form printed ``≥90.00(%)``); a field
whose cell differs takes the cell, read by its role. Indicator tables are rebuilt from the rows
seen: a row's group is the merged 一级/二级 label covering it, or a new label typed in its row;
rows are paired with the embedded ones by their content, so unchanged rows keep their values.
Any other list of records (年度主要任务) is rebuilt the same way, one record per row.
"""
from __future__ import annotations

import copy
import difflib
import re
from dataclasses import dataclass, field

from ..errors import Unreadable
from ..forms.access import get, put
from ..layout import Cell, Role
from ..messages import Text, msg
from ..problems import Problem
from .align import GROUP, ITEM, Placed, Row, norm, record
from .reading import read, unchanged
from .visible import Formula, Grid, Seen, cell_text

NOWHERE = Text("importer.nowhere")  # a list's place when none of its rows is in the file

_POINTS_SUFFIX = re.compile(r"\s*[(（]\s*[\d.]+\s*分\s*[)）]\s*$")  # form words


@dataclass
class Assembly:
    """The data read back, where each field was seen, and what could not be read."""

    data: dict
    located: dict[str, tuple[str, str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def assemble(data: dict, grid: Grid, placed: Placed) -> Assembly:
    result = Assembly(copy.deepcopy(data))
    for row, rows in placed.fixed:
        _fixed(result, grid, row, rows, placed.printed)
    for rows_expected, rows in placed.regions:
        if rows_expected[0].flat:
            _records(result, grid, rows_expected, rows, data)
        else:
            _region(result, grid, rows_expected, rows, data)
    return result


def _fixed(result: Assembly, grid: Grid, row: Row, rows: list[int], printed: set[str] = frozenset()) -> None:
    used: set[int] = set()
    for cell in row.cells:
        if not cell.binding or GROUP.match(cell.binding) or ITEM.match(cell.binding):
            continue
        raw, text, where, seen = _seen(grid, rows, cell, cell.plain)
        used.update(map(id, seen))
        result.located[cell.binding] = where
        if _formula(result, seen, cell.binding) or norm(text) == norm(cell.plain):
            continue
        value = _read(result, raw, text, cell, get(result.data, cell.binding), cell.binding, where)
        if value is not _FAILED and not unchanged(value, text, cell):
            put(result.data, cell.binding, value)
    captions = {(c.col, norm(c.plain)) for c in row.cells if not c.binding}
    for r in rows[1:]:  # what a continuation row holds outside its fields is not silently dropped
        for seen in grid.rows[r]:
            if id(seen) not in used and seen.text and (seen.col, norm(seen.text)) not in captions \
                    and norm(seen.text) not in printed and not grid.repeats(seen):
                result.problems.append(_problem("RG906", "warning", "", seen.where, text=seen.text))


_FAILED = object()


def _read(result: Assembly, raw, text: str, cell: Cell, original, path: str, where) -> object:
    try:
        return read(raw, text, cell, original)
    except Unreadable as exc:
        result.problems.append(_problem("RG901", "error", path, where, kind=exc.kind,
                                        text=exc.text))
        return _FAILED


def _formula(result: Assembly, seen: list[Seen], path: str) -> bool:
    """Report a field's cell that holds a formula (its cached value is never taken); return whether one did."""
    formula = next((s for s in seen if isinstance(s.value, Formula)), None)
    if formula is not None:
        result.problems.append(formula_problem(path, formula.where, formula.value))
    return formula is not None


def formula_problem(path: str, where: Text, formula: Formula) -> Problem:
    """Return RG913 for a field's cell holding ``formula``, its cached value shown (or that it has none)."""
    if formula.cached is None:
        cached = msg("importer.not-computed")
    else:
        text = cell_text(formula.cached)[:80]
        cached = msg("importer.computed-as", text=text)
    return _problem("RG913", "error", path, where, formula=formula.formula[:120], cached=cached)


def _problem(code: str, severity: str, path: str, where: Text, **params) -> Problem:
    return Problem(code, severity, path, params={"where": where, **params})


def _seen(grid: Grid, rows: list[int], cell: Cell,
          printed: str | None = None) -> tuple[object, str, tuple[str, str], list[Seen]]:
    """Return the raw value, text, place and cells of ``cell``'s columns over ``rows`` (continuations joined).

    A cell that a row going on after a page cut prints again is read once: the copy shows what
    the row above shows, or, when only the first was edited, what the writer ``printed``.
    """
    seen, lines = [], []
    for r in rows:
        here = [s for s in grid.rows[r] if cell.col <= s.col < cell.col + cell.colspan]
        seen += here
        line = "".join(s.text for s in here if not _copy(grid, s, printed))
        if line:
            lines.append(line)
    raw = next((s.value for s in seen if s.text), None)
    first = seen[0] if seen else grid.at(rows[0], cell.col) if rows else None
    where = first.where if first else NOWHERE
    return raw, _join(lines, printed), where, seen


def _join(pieces: list[str], printed: str | None) -> str:
    """Return the pieces of a text continued over rows, one paragraph each, unless the writer cut
    a paragraph there: where what it ``printed`` goes on in the same paragraph, so do the pieces."""
    text = pieces[0] if pieces else ""
    for piece in pieces[1:]:
        rest = printed[len(text):] if printed is not None and printed.startswith(text) else "\n"
        gap = rest[:len(rest) - len(rest.lstrip(" \t"))]
        text += gap if rest[len(gap):len(gap) + 1] not in ("\n", "") else "\n"
        text += piece
    return text


def _copy(grid: Grid, seen: Seen, printed: str | None) -> bool:
    """Return True for a cell a continuation row prints again (the row above holds the same cell)."""
    if grid.repeats(seen):
        return True
    above = grid.at(seen.row - 1, seen.col) if seen.row in grid.continues else None
    return (above is not None and printed is not None and (above.col, above.colspan) == (seen.col, seen.colspan)
            and norm(seen.text) == norm(printed))


@dataclass
class _Visible:
    """An indicator as seen: its grid rows (continuations included) and the 一级/二级 cells covering it."""

    rows: list[int]
    level1: Seen | None
    level2: Seen | None


def _region(result: Assembly, grid: Grid, expected: list[Row], rows: list[int], data: dict) -> None:
    tree = expected[0].tree
    template = [(c, ITEM.match(c.binding).group("field")) for c in expected[0].cells if ITEM.match(c.binding)]
    level_cols = {GROUP.match(c.binding).group("level"): c.col for r in expected for c in r.cells
                  if GROUP.match(c.binding)}
    deep = ".groups[" in expected[0].item
    visible = _visible_rows(result, grid, rows, template, level_cols)
    originals = [(r.item, {f: c for c in r.cells if (m := ITEM.match(c.binding)) and (f := m.group("field"))})
                 for r in expected]
    pairs = _pair(grid, visible, template, originals)
    group_labels = _group_labels(expected, data)
    built, sibling = [], get(data, originals[0][0]) or {}
    level1_of: Seen | None = None
    level2_of: Seen | None = None
    for n, item in enumerate(visible):
        if not built or _starts_group(item.level1, level1_of):
            built.append(_group(item.level1, group_labels, "level1", deep, data))
            level1_of, level2_of = item.level1, None
        groups = built[-1]["groups"] if deep else None
        if deep and (not groups or level2_of is None or _starts_group(item.level2, level2_of)):
            groups.append(_group(item.level2, group_labels, "level2", False, data))
            level2_of = item.level2
        items = (groups[-1] if deep else built[-1])["items"]
        at = (f"{tree}[{len(built) - 1}].groups[{len(groups) - 1}].items[{len(items)}]" if deep
              else f"{tree}[{len(built) - 1}].items[{len(items)}]")
        items.append(_item(result, grid, item, template, pairs.get(n), originals, data, sibling, at))
        _locate_groups(result, item, at, deep)
    if not built:
        result.located[tree] = grid.at(rows[0], template[0][0].col).where if rows else NOWHERE
    put(result.data, tree, built)


def _records(result: Assembly, grid: Grid, expected: list[Row], rows: list[int], data: dict) -> None:
    """Rebuild a plain list (年度主要任务 …) from its rows: one record per row with a field filled,
    a row whose cells are merged from the row above going on with it; rows pair with the
    embedded records by their texts, so an unchanged record keeps its values."""
    path = expected[0].tree
    template = [(c, record(c.binding).group("field")) for c in expected[0].cells if record(c.binding)]
    originals = [(r.item, {record(c.binding).group("field"): c for c in r.cells if record(c.binding)})
                 for r in expected]
    printed = {col for r in expected for c in r.cells if not record(c.binding) for col in range(c.col, c.col + c.colspan)}
    visible = _record_rows(result, grid, rows, template, printed)
    pairs = _pair(grid, visible, template, originals)
    sibling = get(data, originals[0][0]) or {}
    built = [_item(result, grid, item, template, pairs.get(n), originals, data, sibling, f"{path}[{n}]")
             for n, item in enumerate(visible)]
    if not built:
        result.located[path] = grid.at(rows[0], template[0][0].col).where if rows else NOWHERE
    put(result.data, path, built)


def _record_rows(result: Assembly, grid: Grid, rows: list[int], template, printed: set[int]) -> list[_Visible]:
    """Return the records seen: rows with a field filled, continuation rows joined to the one before.

    ``printed`` columns hold what the form prints beside the fields (a caption, a computed 占比).
    """
    out: list[_Visible] = []
    field_cols = {col for c, _ in template for col in range(c.col, c.col + c.colspan)}
    for r in rows:
        covered = [grid.at(r, c.col) for c, _ in template]
        if out and (r in grid.continues or any(s is not None and s.row < r for s in covered)):
            out[-1].rows.append(r)
            continue
        starting = [s for s in grid.rows[r] if s.text and not grid.repeats(s)]
        for seen in starting:
            if seen.col not in field_cols | printed:
                result.problems.append(_problem("RG906", "warning", "", seen.where, text=seen.text))
        if any(s.col in field_cols for s in starting):
            out.append(_Visible([r], None, None))
    return out


def _visible_rows(result: Assembly, grid: Grid, rows: list[int], template, level_cols: dict) -> list[_Visible]:
    """Return the indicator rows seen, continuation rows joined to the row they continue."""
    out: list[_Visible] = []
    label_cols = set(level_cols.values())
    field_cols = {col for c, _ in template for col in range(c.col, c.col + c.colspan)}
    for r in rows:
        covered = [grid.at(r, c.col) for c, _ in template if c.role is not Role.TEXT]
        if out and (r in grid.continues or any(s is not None and s.row < r for s in covered)):
            out[-1].rows.append(r)  # a continuation: the row's other cells are merged from above
            continue
        level1 = grid.at(r, level_cols["level1"]) if "level1" in level_cols else None
        level2 = grid.at(r, level_cols["level2"]) if "level2" in level_cols else None
        starting = [s for s in grid.rows[r] if s.col not in label_cols and s.text]
        filled = [s for s in starting if s.col in field_cols]
        for seen in starting:
            if seen.col not in field_cols:  # beside the table: not silently dropped
                result.problems.append(_problem("RG906", "warning", "", seen.where, text=seen.text))
        if not filled:
            continue  # a row without an indicator: room left for more, or a row emptied
        if out and _continues(out[-1], filled, template, (level1, level2)):
            out[-1].rows.append(r)
            continue
        out.append(_Visible([r], level1, level2))
    return out


def _continues(previous: _Visible, filled: list[Seen], template, labels) -> bool:
    """Return True for a row that only goes on with running text, its group labels repeated (DOCX).

    Such a row has no name and nothing but running text; a row a person adds has a name.
    """
    text_cols = {c.col for c, name in template if c.role is Role.TEXT and name != "name"}
    same_group = all(label is None or label is before or norm(label.text) == norm(before.text)
                     for label, before in zip(labels, (previous.level1, previous.level2)) if before is not None)
    return same_group and all(s.col in text_cols for s in filled)


def _starts_group(label: Seen | None, current: Seen | None) -> bool:
    """A row starts a group when a label of its own, not the current group's text, is typed in it."""
    if label is None or label is current or not label.text:
        return False
    return current is None or norm(label.text) != norm(current.text)


def _group_labels(expected: list[Row], data: dict) -> list[tuple[str, str, str]]:
    """Return (level, printed text, path) of the embedded groups' label cells, in order."""
    return [(GROUP.match(c.binding).group("level"), c.plain, c.binding.rsplit(".", 1)[0])
            for r in expected for c in r.cells if GROUP.match(c.binding)]


def _group(label: Seen | None, known: list, level: str, deep: bool, data: dict) -> dict:
    """Return a new group: the embedded one printed with this label (its other fields kept), else a new name."""
    text = label.text if label is not None else ""
    base = None
    for n, (kind, printed, path) in enumerate(known):
        if kind == level and norm(printed) == norm(text):
            known.pop(n)
            embedded = get(data, path)
            base = {k: copy.deepcopy(v) for k, v in embedded.items() if k not in ("groups", "items")}
            break
    if base is None:
        base = {level: _POINTS_SUFFIX.sub("", text)}  # a 一级 or 二级 label may print its points: 规划(15分)
    base["groups" if deep else "items"] = []
    return base


def _pair(grid: Grid, visible: list[_Visible], template, originals) -> dict[int, int]:
    """Return visible row → embedded row, pairing rows by their printed texts (edits pair in place)."""
    seen_keys = [tuple(norm(_row_text(grid, v.rows, c)) for c, _ in template) for v in visible]
    keys = [tuple(norm(fields[f].plain) if f in fields else "" for _, f in template) for _, fields in originals]
    pairs: dict[int, int] = {}
    for tag, a0, a1, b0, b1 in difflib.SequenceMatcher(None, seen_keys, keys, autojunk=False).get_opcodes():
        if tag in ("equal", "replace"):
            pairs.update(zip(range(a0, a1), range(b0, b1)))
    return pairs


def _row_text(grid: Grid, rows: list[int], cell: Cell) -> str:
    return _seen(grid, rows, cell)[1]


def _item(result: Assembly, grid: Grid, item: _Visible, template, pair: int | None, originals, data: dict,
          sibling: dict, at: str) -> dict:
    base = copy.deepcopy(get(data, originals[pair][0]) or {}) if pair is not None else {}  # {}: a blank row
    printed = originals[pair][1] if pair is not None else {}
    for cell, name in template:
        raw, text, where, seen = _seen(grid, item.rows, cell, printed[name].plain if name in printed else None)
        path = f"{at}.{name}"
        result.located[path] = where
        if _formula(result, seen, path) or name in printed and norm(text) == norm(printed[name].plain):
            continue
        value = _read(result, raw, text, cell, sibling.get(name) if isinstance(sibling, dict) else None, path, where)
        if value is _FAILED or (name in printed and unchanged(value, text, printed[name])):
            continue
        base[name] = value
    return base


def _locate_groups(result: Assembly, item: _Visible, at: str, deep: bool) -> None:
    group = at.rsplit(".items[", 1)[0]
    if deep:
        if item.level2 is not None:
            result.located.setdefault(f"{group}.level2", item.level2.where)
        group = group.rsplit(".groups[", 1)[0]
    if item.level1 is not None:
        result.located.setdefault(f"{group}.level1", item.level1.where)
