"""The printed 2020 目标表: a 4-column header with long texts over the target table, forms.md §3.2."""
from __future__ import annotations

from ...layout import FormLayout, TableBuilder
from ...layout.tree import with_group_labels
from ...layout.grid import head, label, section, text, value
from ...layout.numbers import money
from .model import Target2020

WIDTHS = (40.0, 50.0, 48.0, 42.0)
TEXTS = (("项目概况：", "overview"), ("立项依据：", "basis"), ("项目设立的必要性：", "necessity"),
         ("保证项目实施的制度、措施：", "safeguards"), ("项目实施计划：", "plan"),
         ("总目标及阶段性目标：", "goals"))


def layout(form: Target2020) -> FormLayout:
    return FormLayout(
        title="财政项目支出绩效目标表",
        subtitle=f"({form.year}年度)",
        caption=f"申报单位名称：{form.unit}",
        tables=(_header(form), _targets(form)),
        sheet_name=form.project.name,
        name=form.project.name,
    )


def _header(form: Target2020):
    p, y = form.project, form.previous_year
    t = TableBuilder(WIDTHS)
    t.row(label("项目名称："), value(p.name, bind="project.name"), label("项目类别："),
          value(p.category, bind="project.category"))
    t.row(label("计划开始日期："), value(p.start_date.isoformat(), bind="project.start_date"), label("计划完成日期："),
          value(p.end_date.isoformat(), bind="project.end_date"))
    t.row(label("是否含有政府购买服务："), value(p.government_procurement, bind="project.government_procurement"),
          label("绩效类型："), value(p.performance_type, bind="project.performance_type"))
    for caption, key in TEXTS:
        t.row(label(caption), text(getattr(form.texts, key), span=3, bind=f"texts.{key}"))
    t.row(section("本项目上年度市级财政资金使用情况", span=4))
    t.row(label("项目总预算（元）："), money(y.total_budget, bind="previous_year.total_budget"),
          label("项目当年预算（元）："), money(y.current_budget, bind="previous_year.current_budget"))
    t.row(label("同名项目上年预算额（元）："), money(y.previous_budget, bind="previous_year.previous_budget"),
          label("同名项目上年预算执行数（元）："), money(y.previous_executed, bind="previous_year.previous_executed"))
    t.row(section(f"{form.year}年绩效目标", span=4))
    return t.build()


def _targets(form: Target2020):
    t = TableBuilder(WIDTHS, header_rows=1, bounds=((30, 44), (34, 56), (40, 70), (32, 50)))
    t.row(head("一级目标"), head("二级目标"), head("三级目标"), head("指标目标值"))
    for labels, item, at in with_group_labels(form.indicators):
        t.row(*labels, text(item.name, bind=f"{at}.name"),
              value(item.target.normalised() if item.target else "", bind=f"{at}.target"))
    return t.build()
