"""The printed grid of the 2026 申报表: 7 columns, forms.md §3.1."""
from __future__ import annotations

from ...layout import FormLayout, TableBuilder
from ...layout.tree import with_group_labels
from ...layout.grid import head, label, text, value
from ...layout.numbers import money
from ..schema import rows
from .model import Target2026

# Column widths in mm: 180 mm fill A4 portrait between 15 mm margins.
WIDTHS = (19.0, 26.0, 30.0, 29.0, 28.0, 21.0, 27.0)


def layout(form: Target2026) -> FormLayout:
    return FormLayout(
        title="财政项目支出绩效目标申报表",
        subtitle=f"({form.year} 年度)",
        tables=(_header(form), _indicators(form)),
        sheet_name=form.project.name,
        name=form.project.name,
    )


def _header(form: Target2026):
    p, f, g = form.project, form.funds, form.goals
    t = TableBuilder(WIDTHS)
    t.row(label("项目名称"), value(p.name, span=2, bind="project.name"), label("项目性质"),
          value(p.nature, bind="project.nature"), label("项目类别"), value(p.category, bind="project.category"))
    t.row(label("主管部门"), value(p.department, span=2, bind="project.department"), label("实施单位"),
          value(p.implementer, span=3, bind="project.implementer"))
    t.row(label("计划开始日期"), value(p.start_date.isoformat(), span=2, bind="project.start_date"),
          label("计划完成日期"), value(p.end_date.isoformat(), span=3, bind="project.end_date"))
    t.row(label("项目资金(元)", rows=4), label("项目资金总额:"), money(f.total, bind="funds.total"),
          label("年度资金申请总额:", span=2), money(f.annual, span=2, bind="funds.annual"))
    t.row(label("其中: 财政资金", rows=2), money(f.total_fiscal, rows=2, bind="funds.total_fiscal"),
          label("其中: 当年财政拨款", span=2), money(f.annual_fiscal, span=2, bind="funds.annual_fiscal"))
    t.row(label("上年结转资金", span=2), money(f.annual_carryover, span=2, bind="funds.annual_carryover"))
    t.row(label("其他资金"), money(f.total_other, bind="funds.total_other"), label("其他资金", span=2),
          money(f.annual_other, span=2, bind="funds.annual_other"))
    t.row(label("项目绩效目标", rows=2), label("项目总目标", span=3), label("年度总体目标", span=3))
    t.row(text(g.overall, span=3, bind="goals.overall"), text(g.annual, span=3, bind="goals.annual"))
    return t.build()


def _indicators(form: Target2026):
    flat = rows(form.indicators)
    t = TableBuilder(WIDTHS, header_rows=1, bounds=((17, 22), (18, 30), (22, 34), (20, 45), (20, 45), (18, 30), (20, 34)))
    t.row(label("绩效指标", rows=1 + len(flat)), head("一级指标"), head("二级指标"),
          head("三级指标", span=2), head("年度(/项目)指标值", span=2))
    for labels, item, at in with_group_labels(form.indicators):
        t.row(*labels, text(item.name, span=2, bind=f"{at}.name"),
              value(item.target.canonical() if item.target else "", span=2, bind=f"{at}.target"))
    return t.build()
