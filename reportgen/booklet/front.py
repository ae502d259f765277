"""The booklet's front matter: cover, summary table (汇总表) and table of contents, as layouts."""
from __future__ import annotations

from dataclasses import dataclass, replace

from ..forms.summary import DEFAULT_MM, Column, Section, Summary, merged, total, value_of
from ..layout import FormLayout, Role, TableBuilder
from ..layout.grid import head, label, slot, text, value
from ..layout.numbers import money, points, rate
from ..scoring import execution_rate

TOC_WIDTHS = (14.0, 96.0, 50.0, 20.0)
FRONT_PT = 9.0  # 小五: totals of a whole unit are wide numbers


@dataclass(frozen=True)
class Cover:
    title: str
    unit: str
    year: int | str
    date: str
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Entry:
    """A form in the booklet: its summary, its form title and (once known) its first page."""

    summary: Summary
    form_title: str
    page: int = 0


SERIAL_MM = 9.0  # the 序号 column


def sections(entries: list[Entry]) -> list[tuple[Section, list[Summary]]]:
    """Return the sections of the entries' forms, in their ``order`` (then first appearance), each
    with its lines; forms sharing a section id share one table (``forms.summary.merged``)."""
    found: dict[str, list[Summary]] = {}
    for entry in entries:
        found.setdefault(entry.summary.section.id, []).append(entry.summary)
    pairs = [(merged([s.section for s in rows]), rows) for rows in found.values()]
    pairs = [(section, rolled_up(section, rows) if section.group_by else rows) for section, rows in pairs]
    return sorted(pairs, key=lambda pair: pair[0].order)


def rolled_up(section: Section, rows: list[Summary]) -> list[Summary]:
    """Return one line per value of the section's ``group_by`` (a region), in order of appearance:
    its first text column names the group, money columns are summed, rates are the ratio of the
    sums (their ``ratio``), the other columns blank."""
    groups: dict[str, list[Summary]] = {}
    for row in rows:
        groups.setdefault(row.group, []).append(row)
    out = []
    for group, members in groups.items():
        sums = {c.head: total([value_of(s, c.head)[0] for s in members]) for c in section.columns if c.type == "money"}
        first_text = next((c.head for c in section.columns if c.type == "text"), "")
        values = tuple(group if c.head == first_text else sums.get(c.head) if c.type == "money"
                       else execution_rate(sums[c.ratio[0]], sums[c.ratio[1]]) if c.type == "rate" and c.ratio
                       and all(r in sums for r in c.ratio) else None for c in section.columns)
        out.append(Summary(section, group, values, (False,) * len(values), group))
    return out


def summary_layout(entries: list[Entry]) -> FormLayout:
    """Return the 汇总表: a table per section of the forms present, each with its 合计 row if it adds up.

    With one section the page takes its heading (项目汇总表); with several each table opens with
    its title and the page is the unit's 绩效汇总表.
    """
    found = sections(entries)
    titled = len(found) > 1
    tables = tuple(_section_table(section, rows, titled) for section, rows in found)
    title = found[0][0].heading if len(found) == 1 else "绩效汇总表"
    return FormLayout(title=title, tables=tables, sheet_name="汇总表", name=title, body_pt=FRONT_PT)


def _section_table(section: Section, rows: list[Summary], titled: bool):
    columns = section.columns
    widths = (SERIAL_MM,) + tuple(c.mm or DEFAULT_MM[c.type] for c in columns)
    t = TableBuilder(widths, header_rows=1 + titled)
    if titled:
        t.row(slot(Role.SECTION, section.title, len(widths)))
    t.row(head("序号"), *(head(c.head) for c in columns))
    for index, s in enumerate(rows, start=1):
        t.row(value(str(index)), *(_cell(c, *value_of(s, c.head)) for c in columns))
    if section.totals:
        _total_row(t, columns, rows, 1 + titled)
    return t.build()


def _cell(column: Column, figure: object, whole: bool):
    if column.type == "money":
        return money(figure)
    if column.type == "rate":
        return rate(figure, whole=whole)
    if column.type == "points":
        return points(figure)
    shown = "" if figure is None else str(figure)
    return text(shown) if column.type == "text" else value(shown)


def _total_row(t: TableBuilder, columns: tuple[Column, ...], rows: list[Summary], first: int) -> None:
    """Add the 合计 row: money columns as live sums, a rate as the ratio of its columns' totals; the
    caption spans the columns before the first amount."""
    last = t.next_row - 1
    sums = {c.head: total([value_of(s, c.head)[0] for s in rows]) for c in columns if c.type == "money"}
    lead = next((n for n, c in enumerate(columns) if c.type in ("money", "rate")), len(columns))
    cells = [label("合计", span=1 + lead)]
    for c in columns[lead:]:
        if c.type == "money":
            cells.append(money(sums[c.head], total_of=(first, last)))
        elif c.type == "rate" and c.ratio and all(r in sums for r in c.ratio):
            whole = bool(rows) and all(value_of(s, c.head)[1] for s in rows)  # whole percent when every form prints it so
            cells.append(rate(execution_rate(sums[c.ratio[0]], sums[c.ratio[1]]), whole=whole))
        else:
            cells.append(value(""))
    t.row(*cells)


def anchor(index: int) -> str:
    """Return the anchor name of the ``index``-th form (1-based) of a booklet."""
    return f"form-{index}"


def toc_layout(entries: list[Entry]) -> FormLayout:
    """Return the table of contents: one line per form with its first page."""
    t = TableBuilder(TOC_WIDTHS, header_rows=1)
    t.row(head("序号"), head("名称"), head("表单"), head("页码"))  # a project, a department, a transfer payment
    for index, entry in enumerate(entries, start=1):
        page = replace(value(str(entry.page or "")), link=anchor(index))
        t.row(value(str(index)), text(entry.summary.name), value(entry.form_title), page)
    return FormLayout(title="目录", tables=(t.build(),), name="目录", body_pt=FRONT_PT)
