"""Figures in running text against the table: rates, amounts in 元/万元/亿元, counts with units.

A figure in a text is taken to be the table's when the same clause names it: a rate or an
amount follows the caption printed beside or above the table's cell (``执行率``, ``全年执行数``),
a count follows or precedes an indicator's name. It agrees when the table's value, rounded or
cut to the text's precision (99.9% for 99.94%, 408.75万元 for 4,087,500.00), gives the text's.
"""
from __future__ import annotations

import re
from decimal import ROUND_DOWN, Decimal

from ..layout.grid import Role
from ..money import HUNDRED, format_amount, round2, round_to
from ..values import IndicatorValue
from .base import Context, Finding, rule
from .cells import HALF, grid

CLAUSE = re.compile(r"[;。；!?！？\n]|,(?!\d{3})")
NUMBER = r"(?<![\d.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?"
RATE = re.compile(NUMBER + r"\s*%")
AMOUNT = re.compile(NUMBER + r"\s*(万|亿)?元")
SCALE = {None: Decimal(1), "万": Decimal(10000), "亿": Decimal(100000000)}
# Words that make a figure a bound or a range (700多万元, 90%以上, 超过66亿元): nothing to compare.
BOUND_AFTER = ("多", "余", "以上", "以下", "以内")
BOUND_BEFORE = ("超过", "不低于", "不少于", "不超过", "高于", "低于", "≥", "≤", ">", "<")
NEAR = 10  # characters at most between a caption and its figure


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
    form = ctx.form
    texts = grid(form).texts
    rows = _quantified_rows(form, "\n".join(text.flat for text in texts))
    for text in texts if rows else ():
        present = [row for row in rows if row[1] in text.flat and text.path[:len(row[0])] != row[0]]
        for clause in clauses(text.flat) if present else ():
            named = [row for row in present if row[1] in clause]
            for _, name, unit, values in named:
                if any(name != other[1] and name in other[1] for other in named):
                    continue  # the clause names a longer indicator that contains this name
                yield from _count(text.path, _part_naming(clause, name), name, unit, values)


def _part_naming(clause: str, name: str) -> str:
    """Return the item of a 、-list in ``clause`` that holds ``name`` (the clause if the name has a 、)."""
    if "、" in name:
        return clause
    return next(part for part in clause.split("、") if name in part)


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


def _quantified_rows(form, whole: str) -> list[tuple[tuple, str, str, list]]:
    """Return (row path, name, unit, [values]) of each row with a quantitative value and a unit
    whose name ``whole`` (all the running text) holds more than once: in its cell and elsewhere."""
    found = []
    for path, fields in grid(form).rows.items():
        name = fields.get("name")
        if not isinstance(name, str) or len(name.strip()) < 4:
            continue
        name = name.strip().translate(HALF)
        if whole.count(name) < 2:
            continue
        values = [v for v in fields.values() if isinstance(v, IndicatorValue) and v.number is not None and v.unit]
        units = {v.unit.translate(HALF).replace(" ", "") for v in values}
        if len(units) == 1:
            found.append((path, name, units.pop(), values))
    return found
