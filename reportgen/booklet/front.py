"""The booklet's front matter: cover, summary table (汇总表) and table of contents, as layouts."""
from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from ..forms.summary import Summary
from ..layout import FormLayout, TableBuilder
from ..layout.grid import head, label, text, value
from ..layout.numbers import money, points, rate
from ..scoring import execution_rate

TARGET_WIDTHS = (9.0, 44.0, 20.0, 28.0, 27.0, 26.0, 26.0)
SELFEVAL_WIDTHS = (10.0, 60.0, 28.0, 28.0, 20.0, 16.0, 18.0)
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


def summary_layout(entries: list[Entry]) -> FormLayout:
    """Return the 汇总表: a table of the target forms and one of the self-evaluations, each with a total row."""
    tables = []
    for kind in ("target", "selfeval"):
        rows = [e.summary for e in entries if e.summary.kind == kind]
        if rows:
            tables.append(_target_table(rows) if kind == "target" else _selfeval_table(rows))
    return FormLayout(title="项目汇总表", tables=tuple(tables), sheet_name="汇总表", name="项目汇总表", body_pt=FRONT_PT)


def _sum(values) -> Decimal | None:
    present = [v for v in values if v is not None]
    return sum(present, Decimal(0)) if present else None


def _target_table(rows: list[Summary]):
    t = TableBuilder(TARGET_WIDTHS, header_rows=1)
    t.row(head("序号"), head("项目名称"), head("项目类别"), head("年度资金申请总额（元）"),
          head("其中：当年财政拨款"), head("上年结转资金"), head("其他资金"))
    for index, s in enumerate(rows, start=1):
        t.row(value(str(index)), text(s.name), value(s.category), money(s.annual), money(s.fiscal),
              money(s.carryover), money(s.other))
    last = t.next_row - 1
    t.row(label("合计", span=3), *(money(_sum(getattr(s, key) for s in rows), total_of=(1, last))
                                   for key in ("annual", "fiscal", "carryover", "other")))
    return t.build()


def _selfeval_table(rows: list[Summary]):
    t = TableBuilder(SELFEVAL_WIDTHS, header_rows=1)
    t.row(head("序号"), head("项目名称"), head("全年预算数（元）"), head("全年执行数（元）"), head("执行率"),
          head("总分"), head("绩效等级"))
    for index, s in enumerate(rows, start=1):
        t.row(value(str(index)), text(s.name), money(s.budget), money(s.executed), rate(s.rate, whole=s.whole_percent),
              points(s.score), value(s.grade))
    last = t.next_row - 1
    budget, executed = _sum(s.budget for s in rows), _sum(s.executed for s in rows)
    t.row(label("合计", span=2), money(budget, total_of=(1, last)), money(executed, total_of=(1, last)),
          rate(execution_rate(executed, budget), whole=bool(rows) and all(s.whole_percent for s in rows)),
          value(""), value(""))  # the forms' rule: whole percent when every form prints it so
    return t.build()


def anchor(index: int) -> str:
    """Return the anchor name of the ``index``-th form (1-based) of a booklet."""
    return f"form-{index}"


def toc_layout(entries: list[Entry]) -> FormLayout:
    """Return the table of contents: one line per form with its first page."""
    t = TableBuilder(TOC_WIDTHS, header_rows=1)
    t.row(head("序号"), head("项目名称"), head("表单"), head("页码"))
    for index, entry in enumerate(entries, start=1):
        page = replace(value(str(entry.page or "")), link=anchor(index))
        t.row(value(str(index)), text(entry.summary.name), value(entry.form_title), page)
    return FormLayout(title="目录", tables=(t.build(),), name="目录", body_pt=FRONT_PT)
