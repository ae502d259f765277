"""Figures in running text against the table: rates, amounts in 元/万元/亿元, counts with units.

A figure in a text is taken to be the table's when the same clause names it: a rate or an
amount follows the caption printed beside or above the table's cell (``执行率``, ``全年执行数``),
a count follows or precedes an indicator's name. It agrees when the table's value, rounded or
cut to the text's precision (99.9% for 99.94%, 408.75万元 for 4,087,500.00), gives the text's.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from decimal import ROUND_DOWN, Decimal

from ..layout.grid import Role
from ..money import HUNDRED, format_amount, round2, round_to
from ..values import IndicatorValue
from .base import Context, Finding, rule
from .cells import HALF, grid
from .names import Names

CLAUSE = re.compile(r"[;。；!?！？\n]|,(?!\d{3})")
NUMBER = r"(?<![\d.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?"
RATE = re.compile(NUMBER + r"\s*%")
AMOUNT = re.compile(NUMBER + r"\s*(万|亿)?元")
SCALE = {None: Decimal(1), "万": Decimal(10000), "亿": Decimal(100000000)}
# Words that make a figure a bound or a range (700多万元, 90%以上, 超过66亿元): nothing to compare.
BOUND_AFTER = ("多", "余", "以上", "以下", "以内")
BOUND_BEFORE = ("超过", "不低于", "不少于", "不超过", "高于", "低于", "≥", "≤", ">", "<")
NEAR = 10  # characters at most between a caption and its figure
MAX_VALUES = 20  # values of the rows of one indicator name a count in a text is compared with


def clauses(flat: str) -> list[str]:
    """Return the clauses of a text (its ``flat`` form), cut at sentence and clause punctuation."""
    return CLAUSE.split(flat)


def _number(match: re.Match) -> tuple[Decimal, int]:
    """Return the number a match states and its count of decimals."""
    whole, fraction = match.group(1).replace(",", ""), match.group(2) or ""
    return Decimal(whole + fraction), len(fraction) - 1 if fraction else 0


def agrees(stated: Decimal, places: int, exact: Decimal) -> bool:
    """Return True when ``exact`` rounded half-up or cut to ``places`` decimals gives ``stated``."""
    return stated in (round_to(exact, places), exact.quantize(Decimal(1).scaleb(-places), ROUND_DOWN))


def _captioned(clause: str, captions: list[str], pattern: re.Pattern):
    """Yield (caption, where it is, match) for each figure following a caption closely, no number between."""
    spots = [(at, at + len(c), c) for c in captions for at in _finditer(clause, c)]
    if not spots:
        return
    for match in pattern.finditer(clause):
        before = [spot for spot in spots if spot[1] <= match.start()]
        if not before:
            continue
        start, end, caption = max(before)
        between = clause[end:match.start()]
        if len(between) <= NEAR and not re.search(r"\d", between) and not _bound(clause, match):
            yield caption, start, match


def _finditer(text: str, word: str):
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + 1)


def _bound(clause: str, match: re.Match) -> bool:
    """Return True for a figure written as a bound or range rather than as the value."""
    after, before = clause[match.end():].lstrip(), clause[:match.start()].rstrip()
    return after.startswith(BOUND_AFTER) or before.endswith(BOUND_BEFORE)


def _stated(form, role: Role, sign: str, pattern: re.Pattern):
    """Yield (text, quote, caption, match, table numbers) for each figure a text states by a caption."""
    view = grid(form)
    captions = view.captions(role)
    for text in view.texts if captions else ():
        named = [c for c in captions if c in text.flat] if sign in text.flat else []
        for clause in clauses(text.flat) if named else ():
            for caption, start, match in _captioned(clause, named, pattern):
                numbers = [f.number for f in view.figures if f.role is role and caption in f.captions]
                if numbers:
                    yield text, clause[start:match.end()], caption, match, numbers


@rule("rates_in_text", codes=("RG409",), always=True)
def rates_in_text(ctx: Context):
    form = ctx.form
    for text, quote, caption, match, ratios in _stated(form, Role.RATE, "%", RATE):
        stated, places = _number(match)
        shown = [ratio * HUNDRED for ratio in ratios]
        if not any(agrees(stated, places, exact) for exact in shown):
            yield Finding("RG409", text.path, {
                "quote": quote, "caption": caption,
                "computed": "、".join(f"{round2(exact)}%" for exact in shown)})


@rule("amounts_in_text", codes=("RG410",), always=True)
def amounts_in_text(ctx: Context):
    form = ctx.form
    for text, quote, caption, match, amounts in _stated(form, Role.MONEY, "元", AMOUNT):
        stated, places = _number(match)
        scale = SCALE[match.group(3)]
        if not any(agrees(stated, places, amount / scale) for amount in amounts):
            yield Finding("RG410", text.path, {"quote": quote, "caption": caption,
                                               "table": "、".join(f"{format_amount(a)} 元" for a in amounts)})


@rule("counts_in_text", codes=("RG411",), always=True)
def counts_in_text(ctx: Context):
    texts = grid(ctx.form).texts
    rows, finder, found = _quantified_rows(ctx.form, texts)
    if not rows:
        return
    containing, order = finder.containing(), {name: n for n, name in enumerate(rows)}
    merged = {name: _merged(of_name) for name, of_name in rows.items()}
    row_at = {path: (name, unit, values) for name, of_name in rows.items() for path, unit, values in of_name}
    for text, occurrences in zip(texts, found):
        owner = next((row_at[text.path[:n]] for n in range(len(text.path), 0, -1) if text.path[:n] in row_at), None)
        for clause, begin, named in _by_clause(text.flat, occurrences, rows) if occurrences else ():
            for name in sorted(named, key=order.__getitem__):
                if not containing[name].isdisjoint(named):
                    continue  # the clause names a longer indicator that contains this name
                mine = owner if owner is not None and owner[0] == name else None
                for unit, values in _values(merged[name], mine):
                    yield from _count(text.path, _part_naming(clause, named[name] - begin, name), name, unit, values)


def _by_clause(flat: str, occurrences: list, rows: dict):
    """Yield (clause, its start, {name: first position}) for each clause naming an indicator whole."""
    starts, begin = [], 0
    pieces = clauses(flat)
    for clause in pieces:
        starts.append(begin)
        begin += len(clause) + 1  # every separator is one character
    named: list[dict[str, int]] = [{} for _ in pieces]
    for start, end, name in occurrences:
        index = bisect_right(starts, start) - 1
        if name in rows and end <= starts[index] + len(pieces[index]):
            named[index][name] = min(start, named[index].get(name, start))
    for clause, begin, names in zip(pieces, starts, named):
        if names:
            yield clause, begin, names


def _merged(rows: list) -> dict[str, dict[str, list]]:
    """Return unit → value source → [value, how many rows give it], over the rows of one name: rows
    of the same name and unit are compared as one, so a name repeated over many rows costs one."""
    by_unit: dict[str, dict[str, list]] = {}
    for _, unit, values in rows:
        counted = by_unit.setdefault(unit, {})
        for value in values:
            counted.setdefault(value.source, [value, 0])[1] += 1
    return by_unit


def _values(merged: dict[str, dict[str, list]], owner: tuple | None) -> list[tuple[str, list]]:
    """Return (unit, values) to compare a text with, leaving out the values of the row it is in (``owner``).
    A name whose rows give more than ``MAX_VALUES`` values is not compared: which is meant would be a guess."""
    own = Counter(v.source for v in owner[2]) if owner is not None else Counter()
    out = []
    for unit, counted in merged.items():
        mine = own if owner is not None and owner[1] == unit else Counter()
        if len(counted) > MAX_VALUES + len(mine):
            continue  # decided before the values are gone through: a text costs no more than that
        values = [value for source, (value, rows) in counted.items() if rows > mine[source]]
        if values and len(values) <= MAX_VALUES:
            out.append((unit, values))
    return out


def _part_naming(clause: str, at: int, name: str) -> str:
    """Return the item of a 、-list in ``clause`` holding ``name`` at ``at`` (the clause if the name has a 、)."""
    if "、" in name:
        return clause
    start = clause.rfind("、", 0, at) + 1
    end = clause.find("、", at + len(name))
    return clause[start:end if end >= 0 else len(clause)]


def _count(path: tuple, part: str, name: str, unit: str, values: list):
    pattern = re.compile(NUMBER + r"\s*(万|亿)?\s*" + re.escape(unit) + r"(?!\s*/)")
    matches = [m for m in pattern.finditer(part) if not part[m.end():].startswith(("多", "余"))]
    if len(matches) != 1:
        return  # none, or several figures: which one is this indicator's would be a guess
    match = matches[0]
    stated, places = _number(match)
    stated *= SCALE[match.group(3)]
    if not any(agrees(stated, places, value.number) for value in values):
        yield Finding("RG411", path, {"quote": _quote(part, name, match), "name": name,
                                       "table": "、".join(value.source for value in values)})


def _quote(part: str, name: str, match: re.Match, width: int = 40) -> str:
    """Return the words of ``part`` from the name to the figure, or from the figure to the name."""
    at = part.index(name)
    start, end = min(at, match.start()), max(at + len(name), match.end())
    quote = part[start:end].strip()
    return quote if len(quote) <= width else quote[:width - 1] + "…"


def _quantified_rows(form, texts) -> tuple[dict[str, list], Names, list[list]]:
    """Return the rows worth comparing (name → [(row path, unit, [values])]), the automaton of their
    names and each text's occurrences of them. A row counts when it has a quantitative value with
    one unit and its name (at least 4 characters) appears in the running text twice or more: in
    its own cell and elsewhere."""
    candidates: dict[str, list] = {}
    for path, fields in grid(form).rows.items():
        name = fields.get("name")
        if not isinstance(name, str) or len(name.strip()) < 4:
            continue
        values = [v for v in fields.values() if isinstance(v, IndicatorValue) and v.number is not None and v.unit]
        units = {v.unit.translate(HALF).replace(" ", "") for v in values}
        if len(units) == 1:
            candidates.setdefault(name.strip().translate(HALF), []).append((path, units.pop(), values))
    finder = Names(candidates)
    found = [list(finder.find(text.flat)) if candidates else [] for text in texts]
    seen = Counter(name for occurrences in found for _, _, name in occurrences)
    rows = {name: found_rows for name, found_rows in candidates.items() if seen[name] >= 2}
    return rows, finder, found
