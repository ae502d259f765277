"""The printed 2019 项目绩效自评价: a 4-part header over the 6-column score table, forms.md §3.3."""
from __future__ import annotations

from dataclasses import replace

from ...layout import FormLayout, TableBuilder
from ...layout.grid import head, label, text, value
from ...layout.numbers import money, points, rate
from ...money import format_points
from .model import SelfEval2019

# mm; the score table's columns: 一级指标, 指标名称, 指标解释, 权重, 自评分, 备注.
WIDTHS = (30.0, 38.0, 62.0, 14.0, 14.0, 22.0)


def layout(form: SelfEval2019) -> FormLayout:
    return FormLayout(
        title="项目绩效自评价",
        tables=(_header(form), _scores(form), _notes(form)),
        sheet_name=form.project.name,
        name=form.project.name,
    )


def _header(form: SelfEval2019):
    p, f = form.project, form.funds
    t = TableBuilder(WIDTHS)
    t.row(label("项目名称："), value(p.name, bind="project.name"), label("预算单位："),
          value(form.unit, span=3, bind="unit"))
    t.row(label("具体实施处（科室）："), value(p.division, bind="project.division"), label("是否为经常性项目："),
          value(p.recurring, span=3, bind="project.recurring"))
    t.row(label("当年预算数（元）："), money(f.budget, bind="funds.budget"), label("上年预算金额（元）："),
          money(f.previous_budget, span=3, bind="funds.previous_budget"))
    t.row(label("预算执行数（元）："), money(f.executed, bind="funds.executed"), label("预算执行率（%）："),
          rate(form.execution_rate, span=3, whole=form.settings.rate_display == "whole-percent"))
    t.row(label("项目年度总目标："), text(form.goal, span=5, bind="goal"))
    date = form.evaluation_date.isoformat() if form.evaluation_date else ""
    t.row(label("自评时间："), value(date, span=5, bind="evaluation_date"))
    t.row(label("绩效等级："), value(form.computed_grade, span=5))
    for caption, key in (("主要绩效：", "achievements"), ("主要问题：", "problems"), ("改进措施：", "improvements")):
        t.row(label(caption), text(getattr(form, key), span=5, bind=key))
    return t.build()


def _scores(form: SelfEval2019):
    t = TableBuilder(WIDTHS, header_rows=1, bounds=((22, 34), (26, 46), (30, 80), (11, 16), (11, 16), (18, 80)))
    t.row(head("一级指标"), head("指标名称"), head("指标解释"), head("权重"), head("自评分"), head("备注"))
    for g, group in enumerate(form.scores):
        caption = f"{group.level1} ({format_points(group.weight)}分)"
        for index, item in enumerate(group.items):
            at = f"scores[{g}].items[{index}]"
            first = [replace(label(caption, rows=len(group.items)), binding=f"scores[{g}].level1")] if index == 0 else []
            t.row(*first, text(item.name, bind=f"{at}.name"), text(item.explanation or "", bind=f"{at}.explanation"),
                  points(item.weight, bind=f"{at}.weight"), points(item.score, bind=f"{at}.score"),
                  text(item.note or "", bind=f"{at}.note"))
    t.row(label("合计"), value(""), value(""), points(form.weight_total), points(form.score_total), value(""))
    return t.build()


def _notes(form: SelfEval2019):
    """说明, with the grade bands, as printed in the last row of the form."""
    return TableBuilder(WIDTHS).row(text(form.notes, span=6, bind="notes")).build()
