"""A form's line in a booklet's summary table (汇总表), and the section it goes in: all data.

A profile's ``summary`` names the line's ``name`` (for the contents and bookmarks) and its
``section``: a table of the 汇总表 that forms with the same section ``id`` share, with its title,
the cover's words, its place among the sections (``order``), whether a 合计 row adds its amounts
(``totals``; a department's own form is not added to its projects) and its ``columns``:

    summary:
      name: project.name
      section:
        id: project-target
        title: 项目绩效目标              # the section's heading when several sections are printed
        heading: 项目汇总表              # the page's title when it is the only section
        cover: 项目绩效目标              # the cover: "<unit> <year> 年度<cover>汇总表"
        order: 20                        # department 10, projects 20, transfer payments 30
        totals: true
        group_by: region                 # optional: one line per region, its forms' amounts summed
        columns:
          - {head: 项目名称, value: project.name, type: text, mm: 44}
          - {head: 年度资金申请总额（元）, value: funds.annual, type: money, mm: 28}
          - {head: 执行率, value: calc.execution_rate, type: rate, ratio: [funds.total.executed, funds.total.adjusted],
             whole: calc.whole_percent}

Column types: ``text``, ``value`` (short, centred), ``money`` (totalled), ``rate`` (its total is
the ratio of the totals of the two columns ``ratio`` names), ``points``. No Python here knows a
form or its labels.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from ..errors import SummaryError
from ..messages import msg

TYPES = ("text", "value", "money", "rate", "points")
DEFAULT_MM = {"text": 44.0, "value": 20.0, "money": 26.0, "rate": 20.0, "points": 16.0}


@dataclass(frozen=True)
class Column:
    head: str
    value: str                       # a field path or calc.NAME
    type: str = "value"
    mm: float = 0.0                  # its width; 0: the type's default
    ratio: tuple[str, str] = ()      # a rate's total: total of the first column / total of the second (heads)
    whole: str = ""                  # a rate printed in whole percent when this figure is true


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    heading: str
    cover: str
    order: int
    totals: bool
    columns: tuple[Column, ...]
    group_by: str = ""               # a field path: one line per value (a region), its forms' amounts summed


@dataclass(frozen=True)
class Summary:
    """A form's line: its section, its name and one value per column (rates with their whole-percent flag)."""

    section: Section
    name: str
    values: tuple[object, ...]
    whole: tuple[bool, ...] = ()
    group: str = ""                  # the value of the section's group_by field




def section_of(spec: object) -> Section:
    """Return the section a profile's ``summary.section`` describes; raise SummaryError when it cannot be used."""
    if not isinstance(spec, dict) or not isinstance(spec.get("columns"), list) or not spec["columns"]:
        raise SummaryError(("section",), msg("forms.summary.section"))
    columns = tuple(_column(c, n) for n, c in enumerate(spec["columns"]))
    heads = {c.value: c.head for c in columns}
    for n, c in enumerate(columns):
        if c.ratio and not set(c.ratio) <= set(heads):
            raise SummaryError(("section", "columns", n, "ratio"), msg("forms.summary.ratio-columns"))
    columns = tuple(replace(c, ratio=tuple(heads[r] for r in c.ratio)) for c in columns)  # by head from here on
    title = str(spec.get("title") or spec.get("id") or "")
    return Section(id=str(spec.get("id") or title), title=title, heading=str(spec.get("heading") or "汇总表"),  # form words
                   cover=str(spec.get("cover") or title), order=int(spec.get("order") or 0),
                   totals=bool(spec.get("totals", True)), columns=columns, group_by=str(spec.get("group_by") or ""))


def _column(spec: object, n: int) -> Column:
    if not isinstance(spec, dict) or not spec.get("head") or not spec.get("value"):
        raise SummaryError(("section", "columns", n), msg("forms.summary.column"))
    kind = str(spec.get("type") or "value")
    if kind not in TYPES:
        raise SummaryError(("section", "columns", n, "type"), msg("forms.summary.column-type", kind=kind, types=TYPES))
    ratio = spec.get("ratio") or ()
    if ratio and (kind != "rate" or len(ratio) != 2):
        raise SummaryError(("section", "columns", n, "ratio"), msg("forms.summary.ratio-type"))
    return Column(head=str(spec["head"]), value=str(spec["value"]), type=kind, mm=float(spec.get("mm") or 0),
                  ratio=tuple(map(str, ratio)), whole=str(spec.get("whole") or ""))


def merged(sections: list[Section]) -> Section:
    """Return one section of forms sharing a section id: the first one's words, every column any
    of them has (by head, in order of appearance), so a form with fewer columns leaves them blank."""
    columns: dict[str, Column] = {}
    for section in sections:
        for column in section.columns:
            columns.setdefault(column.head, column)
    return replace(sections[0], columns=tuple(columns.values()))


def value_of(summary: Summary, head: str) -> tuple[object, bool]:
    """Return a line's value under the column ``head`` and its whole-percent flag; None when it has no such column."""
    for n, column in enumerate(summary.section.columns):
        if column.head == head:
            return summary.values[n], bool(summary.whole and summary.whole[n])
    return None, False


@dataclass(frozen=True)
class Figures:
    """A line's figures by what they are, for the lists that are not the 汇总表 (the workbench's
    workspace, a review report): read from the section's column types, no form named."""

    amount: Decimal | None = None    # the budget a rate divides by, else the first amount
    executed: Decimal | None = None  # what a rate divides
    rate: Decimal | None = None
    score: Decimal | None = None
    grade: str = ""                  # the computed figure ``grade``, where the profile has one


def figures_of(summary: Summary, grade: object = None) -> Figures:
    """Return ``summary``'s figures: a rate column's ``ratio`` names its executed and budget columns."""
    columns = summary.section.columns
    first = {kind: next((summary.values[n] for n, c in enumerate(columns) if c.type == kind), None)
             for kind in ("money", "rate", "points")}
    rate = next((c for c in columns if c.type == "rate" and c.ratio), None)
    executed, budget = (value_of(summary, head)[0] for head in rate.ratio) if rate else (None, first["money"])
    return Figures(budget, executed, first["rate"], first["points"], str(grade) if grade else "")


def total(values: list[Decimal | None]) -> Decimal | None:
    """Return the sum of the values present, None when none is."""
    present = [v for v in values if v is not None]
    return sum(present, Decimal(0)) if present else None
