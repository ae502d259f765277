"""What a 2026 财政项目支出绩效目标申报表 holds."""
from __future__ import annotations

from typing import Literal

from ..summary import Summary
from ..schema import Day, Level1, Money, OptionalText, OptionalValue, Paragraphs, StrictModel, Text, Year, field


class Project(StrictModel):
    name: Text = field("项目名称")
    nature: Text = field("项目性质")
    category: Text = field("项目类别")
    department: Text = field("主管部门")
    implementer: Text = field("实施单位")
    start_date: Day = field("计划开始日期")
    end_date: Day = field("计划完成日期")


class Funds(StrictModel):
    """项目资金 (元): the project's total on the left, this year's application on the right."""

    total: Money = field("项目资金总额", None)
    total_fiscal: Money = field("财政资金", None)
    total_other: Money = field("项目其他资金", None)
    annual: Money = field("年度资金申请总额")
    annual_fiscal: Money = field("当年财政拨款", None)
    annual_carryover: Money = field("上年结转资金", None)
    annual_other: Money = field("其他资金", None)


class Goals(StrictModel):
    overall: Paragraphs = field("项目总目标", ())
    annual: Paragraphs = field("年度总体目标")


class Item(StrictModel):
    """A 三级指标 and its 年度(/项目)指标值."""

    name: Text = field("三级指标名称")
    target: OptionalValue = field("指标值", None)  # blank is allowed but reported by the checks


class Target2026(StrictModel):
    """财政项目支出绩效目标申报表 (2026)."""

    form: Literal["target-2026"]
    year: Year = field("年度")
    unit: OptionalText = field("申报单位", None)
    project: Project = field("项目")
    funds: Funds = field("项目资金")
    goals: Goals = field("项目绩效目标")
    indicators: list[Level1[Item]] = field("绩效指标", min_length=1)

    def summary(self) -> Summary:
        f = self.funds
        return Summary("target", self.project.name, self.project.category,
                       annual=f.annual, fiscal=f.annual_fiscal, carryover=f.annual_carryover, other=f.annual_other)
