"""What a 2020 财政项目支出绩效目标表 holds."""
from __future__ import annotations

from typing import Literal

from ..summary import Summary
from ..schema import Day, Level1, Money, OptionalText, OptionalValue, Paragraphs, StrictModel, Text, Year, field


class Project(StrictModel):
    name: Text = field("项目名称")
    category: Text = field("项目类别")
    start_date: Day = field("计划开始日期")
    end_date: Day = field("计划完成日期")
    government_procurement: OptionalText = field("是否含有政府购买服务", None)
    performance_type: OptionalText = field("绩效类型", None)


class Texts(StrictModel):
    overview: Paragraphs = field("项目概况", ())
    basis: Paragraphs = field("立项依据", ())
    necessity: Paragraphs = field("项目设立的必要性", ())
    safeguards: Paragraphs = field("保证项目实施的制度、措施", ())
    plan: Paragraphs = field("项目实施计划", ())
    goals: Paragraphs = field("总目标及阶段性目标", ())


class PreviousYear(StrictModel):
    """本项目上年度市级财政资金使用情况."""

    total_budget: Money = field("项目总预算", None)
    current_budget: Money = field("项目当年预算", None)
    previous_budget: Money = field("同名项目上年预算额", None)
    previous_executed: Money = field("同名项目上年预算执行数", None)


class Item(StrictModel):
    name: Text = field("三级目标")
    target: OptionalValue = field("指标目标值", None)


class Target2020(StrictModel):
    """财政项目支出绩效目标表 (2020)."""

    form: Literal["target-2020"]
    year: Year = field("年度")
    unit: Text = field("申报单位名称")
    project: Project = field("项目")
    texts: Texts = field("项目情况", Texts())
    previous_year: PreviousYear = field("本项目上年度市级财政资金使用情况", PreviousYear())
    indicators: list[Level1[Item]] = field("绩效目标", min_length=1)

    def summary(self) -> Summary:
        return Summary("target", self.project.name, self.project.category, annual=self.previous_year.current_budget)
