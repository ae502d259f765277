"""The budget cycle: a project's forms of one year (target, monitoring, self-evaluation), together.

A reviewer lays them side by side: the later forms keep the reference form's indicators and
年度指标值 (or say why not), start from the budget it asked for, and an earlier verdict that a
target will not be met is not followed by full points without a word. Each form's profile declares,
under ``cycle:``, its ``stage`` (its order in the year, its name, whether it is the reference) and
where it keeps what is compared (paths, as every rule reads fields). Forms pair by year and by the
project's name or code. Every finding is reported at both places, each naming the other.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..forms.access import label
from ..forms.stages import name as stage_name
from ..forms.stages import stage_of
from ..messages import Pair
from ..money import format_amount, format_points
from ..problems import Problem
from ..source import paths
from ..source.paths import dotted
from .base import Context, run_level
from .catalogue import SEVERITY

run_level("budget_cycle", ("RG251", "RG252", "RG253", "RG254", "RG255", "RG256", "RG257", "RG258"))

NO_REASON = frozenset({"", "无", "无偏差", "没有", "/", "-", "—", "无。", "无偏差。"})
_SPACE = re.compile(r"\s+")
_SUFFIX = re.compile(r"(指标|目标)$")


@dataclass(frozen=True)
class Row:
    """An indicator row: where it is, its 二级 group's path and name, and the fields the profile names."""

    path: tuple
    group: tuple
    level1: str
    level2: str
    values: dict


@dataclass
class Filing:
    """What the cycle compares of one form, read out of it (a run keeps no form alive for this)."""

    file: str
    order: int            # its stage's place in the year
    reference: bool       # the stage the others are held to
    called: Pair          # its stage's name, in both languages
    keys: set
    figures: dict         # budget / initial / executed / month → value
    paths: dict           # the same names → field path
    rows: list[Row]
    room: frozenset[str]  # the 一级/二级 names its indicator system has (its profile's taxonomy)
    lines: dict           # field path → (line, column) of every place a finding may point at
    labels: dict          # figure name → its field's label in the schema (年初预算数)
    unlikely: object      # the likelihood that says a target will not be met

    def at(self, path: tuple) -> tuple[int, int]:
        return self.lines.get(path, (0, 0))

    def place(self, path: tuple) -> str:
        return f"{self.file}:{self.at(path)[0]}"

    def figure(self, name: str) -> object:
        return self.figures.get(name)

    def path(self, name: str) -> tuple:
        return self.paths[name]


FIGURES = ("budget", "initial", "executed", "month")
ROW_FIELDS = ("target", "score", "likelihood", "progress", "actual")  # the row fields a finding points at


def filing(file: Path | str, form, source) -> Filing | None:
    """Return the cycle's record of ``form``, or None when its profile declares no ``cycle``."""
    profile = form.definition.profile
    spec, stage = profile.get("cycle"), stage_of(profile)
    if not spec or stage is None:
        return None
    year = form.figure(spec.get("year", "year"))
    keys = {(key, year, _SPACE.sub("", value)) for key in ("project", "code") if spec.get(key)
            and isinstance(value := form.figure(spec[key]), str) and value.strip()}
    found_paths = {name: paths.parse(spec[name]) for name in FIGURES if spec.get(name)}
    rows = _rows(form, spec.get("items") or {})
    places = [*found_paths.values(), *(r.path for r in rows), *(r.group for r in rows), *(r.path[:1] for r in rows[:1]),
              *(r.path + (name,) for r in rows for name in ROW_FIELDS if name in (spec.get("items") or {}))]
    lines = {path: source.where(path) for path in places} if source is not None else {}
    taxonomy = profile.get("taxonomy") or {}
    room = frozenset(_level(name) for level1, level2s in taxonomy.items() for name in (level1, *(level2s or ())))
    labels = {name: label(type(form), spec[name]) or spec[name] for name in found_paths}
    return Filing(str(file), int(stage["order"]), bool(stage.get("reference")), stage_name(stage), keys,
                  {name: form.figure(spec[name]) for name in found_paths}, found_paths, rows, room, lines, labels,
                  spec.get("unlikely"))


def _rows(form, items: dict) -> list[Row]:
    if not items:
        return []
    rows = []
    for path, level1, level2, item in Context(form, None).tree_rows():
        values = {key: getattr(item, name, None) for key, name in items.items()}
        group = path[:-2] if level2 is not None else path[:-1]
        rows.append(Row(path, group, _level(str(getattr(level1, "level1", "") or "")),
                        _level(str(getattr(level2, "level2", "") or "")), values))
    return rows


@lru_cache(maxsize=1024)
def _level(name: object) -> str:
    """Return a 一级/二级 name as forms of different years agree on it: 数量指标, 数量目标 and 数量 alike."""
    return _SUFFIX.sub("", _SPACE.sub("", str(name or "")))


def _in_scope(row: Row, later: Filing) -> bool:
    """Return True when ``later``'s indicator system (its profile's taxonomy) has room for ``row``.

    A 2020 target's 投入与管理 rows are scored elsewhere in a self-evaluation (its funds block)."""
    names = later.room
    return not names or row.level1 in names or any(row.level2 and (row.level2 in n or n in row.level2) for n in names)


def across(filings: list[Filing]) -> list[Problem]:
    """Return the cycle's findings over every project of a run with forms of more than one stage.

    Each later form is held to the project's (first) reference form; each pair of later forms of
    different stages, the earlier to the later."""
    problems: list[Problem] = []
    for group in _projects(filings):
        references = [f for f in group if f.reference]
        laters = sorted((f for f in group if not f.reference), key=lambda f: f.order)
        for reference in references[:1]:
            for later in laters:
                problems += _indicators(reference, later) + _budget(reference, later)
        for earlier in laters:
            for final in (f for f in laters if f.order > earlier.order):
                problems += _executed(earlier, final) + _progress(earlier, final) + _impossible(earlier, final)
    return problems


def _projects(filings: list[Filing]) -> list[list[Filing]]:
    """Return the filings in groups of one project and year (sharing a name or a code)."""
    groups: list[tuple[set, list[Filing]]] = []
    for this in filings:
        joined = [g for g in groups if g[0] & this.keys]
        keys, members = set(this.keys), [this]
        for g in joined:
            keys |= g[0]
            members = g[1] + members
            groups.remove(g)
        groups.append((keys, members))
    return [members for _, members in groups if len({m.order for m in members}) > 1]


def _both(code: str, a: Filing, a_path: tuple, b: Filing, b_path: tuple, params: dict) -> list[Problem]:
    """Return the finding ``code`` at ``a``'s place naming ``b``'s, and at ``b``'s naming ``a``'s."""
    def one(this: Filing, path: tuple, other: Filing, other_path: tuple) -> Problem:
        line, column = this.at(path)
        return Problem(code, SEVERITY[code], dotted(path), line, column,
                       {**params, "other": f"{other.place(other_path)} {dotted(other_path)}"}, file=this.file)

    return [one(a, a_path, b, b_path), one(b, b_path, a, a_path)]


def _later(reference: Filing, later: Filing) -> dict:
    """Return the message words naming the two stages compared: ``first`` the earlier, ``later`` the later."""
    return {"first": reference.called, "later": later.called}


def _name(row: Row) -> str:
    return _SPACE.sub("", str(row.values.get("name") or ""))


def _indicators(reference: Filing, later: Filing) -> list[Problem]:
    """Indicators dropped, renamed or added between the reference and ``later``; 年度指标值 changed."""
    if not reference.rows or not later.rows:
        return []
    theirs = {_name(row): row for row in later.rows}
    ours = {_name(row) for row in reference.rows}
    missing = [row for row in reference.rows if _name(row) not in theirs and _in_scope(row, later)]
    added = [row for row in later.rows if _name(row) not in ours]
    problems, words = [], _later(reference, later)
    for old in missing:
        new = next((row for row in added if row.level2 == old.level2), None)
        if new is not None:  # the same 二级 group lost one name and gained another: renamed
            added.remove(new)
            problems += _both("RG252", reference, old.path, later, new.path,
                              {**words, "name": _name(old), "renamed": _name(new)})
            problems += _changed(reference, old, later, new, words)
        else:
            problems += _both("RG251", reference, old.path, later, _nearest(later, old), {**words, "name": _name(old)})
    for new in added:
        problems += _both("RG253", later, new.path, reference, _nearest(reference, new), {**words, "name": _name(new)})
    for old in reference.rows:
        if _name(old) in theirs:
            problems += _changed(reference, old, later, theirs[_name(old)], words)
    return problems


def _nearest(filing: Filing, row: Row) -> tuple:
    """Return the path of ``filing``'s 二级 group named as ``row``'s, else of its indicator tree."""
    group = next((r.group for r in filing.rows if r.level2 == row.level2), None)
    return group if group is not None else filing.rows[0].path[:1]


def _changed(reference: Filing, old: Row, later: Filing, new: Row, words: dict) -> list[Problem]:
    before, after = old.values.get("target"), new.values.get("target")
    if before is None or after is None or _value(before) == _value(after) or _reason(new):
        return []
    return _both("RG254", reference, old.path + ("target",), later, new.path + ("target",),
                 {**words, "name": _name(new), "before": _value(before), "after": _value(after)})


def _value(value: object) -> str:
    """Return an indicator value as its canonical text (``=10.00(场)``), for comparing."""
    canonical = getattr(value, "canonical", None)
    return canonical() if canonical else _SPACE.sub("", str(value))


def _reason(row: Row) -> bool:
    """Return True when the row states a reason (its reason or note says more than 无)."""
    return any(_SPACE.sub("", str(row.values.get(key) or "")) not in NO_REASON for key in ("reason", "note"))


def _budget(reference: Filing, later: Filing) -> list[Problem]:
    annual, initial = reference.figure("budget"), later.figure("initial")
    if annual is None or initial is None or annual == initial:
        return []
    return _both("RG255", later, later.path("initial"), reference, reference.path("budget"),
                 {**_later(reference, later), "initial": format_amount(initial), "annual": format_amount(annual),
                  "initial_label": later.labels["initial"], "budget_label": reference.labels["budget"]})


def _executed(earlier: Filing, final: Filing) -> list[Problem]:
    midyear, year_end = earlier.figure("executed"), final.figure("executed")
    if midyear is None or year_end is None or midyear <= year_end or earlier.figure("month") is None:
        return []
    return _both("RG256", earlier, earlier.path("executed"), final, final.path("executed"),
                 {**_later(earlier, final), "month": earlier.figure("month"), "midyear": format_amount(midyear),
                  "final": format_amount(year_end)})


def _progress(earlier: Filing, final: Filing) -> list[Problem]:
    """An indicator's 1–N月 figure above its year-end 实际完成值 (counts of the same unit only grow)."""
    actual = {_name(row): row for row in final.rows}
    problems = []
    for row in earlier.rows if earlier.figure("month") is not None else ():  # its 1–N月 figures
        end = actual.get(_name(row))
        midyear, year_end = row.values.get("progress"), end.values.get("actual") if end else None
        goal = row.values.get("target")
        if (getattr(goal, "op", None) in ("≥", ">") and getattr(midyear, "number", None) is not None
                and getattr(year_end, "number", None) is not None and midyear.unit == year_end.unit
                and midyear.number > year_end.number):
            problems += _both("RG258", earlier, row.path + ("progress",), final, end.path + ("actual",),
                              {**_later(earlier, final), "name": _name(row), "month": earlier.figure("month"),
                               "progress": _value(midyear), "actual": _value(year_end)})
    return problems


def _impossible(earlier: Filing, final: Filing) -> list[Problem]:
    scored = {_name(row): row for row in final.rows}
    problems = []
    for row in earlier.rows:
        end = scored.get(_name(row))
        if earlier.unlikely is None or row.values.get("likelihood") != earlier.unlikely or end is None:
            continue
        score, weight = end.values.get("score"), end.values.get("weight")
        if score is not None and weight is not None and score >= weight and not _reason(end):
            problems += _both("RG257", final, end.path + ("score",), earlier, row.path + ("likelihood",),
                              {**_later(earlier, final), "name": _name(row), "unlikely": earlier.unlikely,
                               "score": format_points(score)})
    return problems
