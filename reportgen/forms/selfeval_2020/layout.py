"""The printed grid of the 2020 自评表: 10 columns, forms.md §1.1."""
from __future__ import annotations

from ...layout import FormLayout, TableBuilder
from ...layout.tree import with_group_labels
from ...layout.grid import head, label, text, value
from ...layout.numbers import money, points, rate
from ...money import format_points
from ..schema import rows
from .model import Amounts, SelfEval2020

# mm; 180 fill A4 portrait. Columns 5-7 hold amounts, 7-8 also 分值/得分 of the indicators.
WIDTHS = (11.0, 15.0, 16.0, 25.0, 22.0, 22.0, 22.0, 11.0, 13.0, 23.0)
DASH = "—"


def layout(form: SelfEval2020) -> FormLayout:
    return FormLayout(
        title="财政项目支出绩效自评表",
        subtitle=f"({form.year} 年度)",
        tables=(_header(form), _indicators(form)),
        sheet_name=form.project.name,
        name=form.project.name,
        body_pt=9.0,
    )


def _header(form: SelfEval2020):
    p, f = form.project, form.funds
    t = TableBuilder(WIDTHS)
    t.row(label("项目名称", span=2), value(p.name, span=8, bind="project.name"))
    t.row(label("主管部门", span=2), value(p.department, span=3, bind="project.department"), label("实施单位", span=2),
          value(p.implementer, span=3, bind="project.implementer"))
    t.row(label("项目资金（元）", rows=5), label("", span=3), head("年初预算数"), head("全年预算数"),
          head("全年执行数"), head("分值"), head("执行率"), head("得分"))
    t.row(label("年度资金总额", span=3), *_amounts(f.total, "funds.total"), points(f.weight, bind="funds.weight"),
          rate(form.execution_rate), points(form.execution_score))
    for caption, key in (("其中：当年财政拨款", "fiscal"), ("上年结转资金", "carryover"), ("其他资金", "other")):
        t.row(label(caption, span=3), *_amounts(getattr(f, key), f"funds.{key}"), value(DASH), value(""), value(DASH))
    t.row(label("年度总体目标", rows=2), head(form.settings.goal_label, span=5), head("实际完成情况", span=4))
    t.row(text(form.goals.target, span=5, bind="goals.target"), text(form.goals.actual, span=4, bind="goals.actual"))
    return t.build()


def _amounts(amounts: Amounts, at: str):
    return (money(amounts.initial, bind=f"{at}.initial"), money(amounts.adjusted, bind=f"{at}.adjusted"),
            money(amounts.executed, bind=f"{at}.executed"))


def _indicators(form: SelfEval2020):
    flat = rows(form.indicators)
    t = TableBuilder(WIDTHS, header_rows=1, bounds=((9, 14), (12, 20), (13, 22), (18, 40), (18, 32), (18, 32), (18, 32), (9, 14), (11, 24), (11, 40)))
    t.row(label("绩效指标", rows=1 + len(flat)), head("一级指标"), head("二级指标"), head("三级指标"),
          head("年度指标值"), head("实际完成值"), head("分值"), head("得分"), head("偏差原因分析及改进措施", span=2))
    for labels, item, at in with_group_labels(form.indicators, lambda level1: _level1_label(form, level1)):
        t.row(*labels, text(item.name, bind=f"{at}.name"), value(_shown(item.target), bind=f"{at}.target"),
              value(_shown(item.actual), bind=f"{at}.actual"), points(item.weight, bind=f"{at}.weight"),
              points(item.score, bind=f"{at}.score"), text(item.reason or "", span=2, bind=f"{at}.reason"))
    t.row(label("总分", span=6), points(form.weight_total), points(form.score_total), value("", span=2))
    return t.build()


def _level1_label(form: SelfEval2020, level1) -> str:
    if not form.settings.level1_points:
        return level1.level1
    weight = sum(item.weight for group in level1.groups for item in group.items)
    return f"{level1.level1}({format_points(weight)}分)"


def _shown(indicator) -> str:
    return indicator.normalised() if indicator else ""
