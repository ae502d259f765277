"""What a 2019 项目绩效自评价 holds, and the figures the tool computes from it."""
from __future__ import annotations

from decimal import Decimal
from functools import cached_property
from typing import Literal

from pydantic import Field

from ... import scoring
from ..summary import Summary
from ..schema import (Day, Money, OptionalPoints, OptionalText, Paragraphs, Percent, Points, StrictModel, Text,
                      field)


class Project(StrictModel):
    name: Text = field("项目名称")
    division: OptionalText = field("具体实施处（科室）", None)
    recurring: OptionalText = field("是否为经常性项目", None)


class Funds(StrictModel):
    budget: Money = field("当年预算数")
    previous_budget: Money = field("上年预算金额", None)
    executed: Money = field("预算执行数", None)
    rate: Percent = field("预算执行率", None)  # as stated; recomputed for output


class Item(StrictModel):
    name: Text = field("指标名称")
    explanation: OptionalText = field("指标解释", None)
    weight: Points = field("权重")
    score: OptionalPoints = field("自评分", None)
    note: OptionalText = field("备注", None)


class Group(StrictModel):
    """A 一级指标 with the points its label states, like 产出目标 (34分)."""

    level1: Text = field("一级指标")
    points: OptionalPoints = field("分值", None)  # as stated in the label; recomputed for output
    items: list[Item] = field("指标", min_length=1)

    @property
    def weight(self) -> Decimal:
        return scoring.total(item.weight for item in self.items)


class Settings(StrictModel):
    """The form's conventions: the 2019 system printed the rate in whole percent (99.90% → 100.00%)."""

    grade_scheme: Literal["shanghai-2019", "national"] = field("等级标准", "shanghai-2019")
    rate_display: Literal["exact", "whole-percent"] = field("执行率显示", "exact")


NOTES = (
    "说明：1、依据本项目应实现的绩效目标或工作计划，对照已完成的情况，进行绩效自评。",
    "2、绩效等级说明：自评分合计90（含）-100分为优秀，75（含）-90分为良好，60（含）-75分为合格，0-60分为不合格。",
    "3、产出目标、效果目标和影响力目标可根据项目情况自行增加绩效指标。",
)


class SelfEval2019(StrictModel):
    """项目绩效自评价 (2019)."""

    form: Literal["selfeval-2019"]
    year: int = field("年度")
    unit: Text = field("预算单位")
    project: Project = field("项目")
    funds: Funds = field("项目资金")
    goal: Paragraphs = field("项目年度总目标")
    evaluation_date: Day | None = field("自评时间", None)
    grade: OptionalText = field("绩效等级", None)  # as stated; recomputed for output
    achievements: Paragraphs = field("主要绩效", ())
    problems: Paragraphs = field("主要问题", ())
    improvements: Paragraphs = field("改进措施", ())
    scores: list[Group] = field("评分表", min_length=1)
    total_weight: OptionalPoints = field("合计权重", None)  # as stated
    total_score: OptionalPoints = field("合计自评分", None)  # as stated
    notes: Paragraphs = field("说明", NOTES)
    settings: Settings = Field(default_factory=Settings)

    # -- what the tool computes --

    @cached_property
    def execution_rate(self) -> Decimal | None:
        """预算执行率 = 预算执行数 / 当年预算数."""
        return scoring.execution_rate(self.funds.executed, self.funds.budget)

    @property
    def rate_shown(self) -> Decimal | None:
        """The rate as this form prints it (percent), per ``settings.rate_display``."""
        return scoring.rate_percent(self.execution_rate, whole=self.settings.rate_display == "whole-percent")

    @cached_property
    def weight_total(self) -> Decimal:
        return scoring.total(group.weight for group in self.scores)

    @cached_property
    def score_total(self) -> Decimal:
        return scoring.total(item.score for group in self.scores for item in group.items)

    @property
    def computed_grade(self) -> str:
        return scoring.GRADE_SCHEMES[self.settings.grade_scheme].grade(self.score_total)

    def summary(self) -> Summary:
        return Summary("selfeval", self.project.name, budget=self.funds.budget, executed=self.funds.executed,
                       rate=self.execution_rate, whole_percent=self.settings.rate_display == "whole-percent",
                       score=self.score_total, grade=self.computed_grade)
