"""What a 2020 财政项目支出绩效自评表 holds, and the figures the tool computes from it."""
from __future__ import annotations

from decimal import Decimal
from functools import cached_property
from typing import Literal

from pydantic import Field

from ... import scoring
from ..summary import Summary
from ..schema import (Level1, Money, OptionalPoints, OptionalText, OptionalValue, Paragraphs, Percent, Points,
                      StrictModel, Text, Year, field, rows)


class Project(StrictModel):
    name: Text = field("项目名称")
    department: Text = field("主管部门")
    implementer: Text = field("实施单位")


class Amounts(StrictModel):
    """One row of the 项目资金 block: 年初预算数, 全年预算数 (adjusted), 全年执行数."""

    initial: Money = field("年初预算数", None)
    adjusted: Money = field("全年预算数", None)
    executed: Money = field("全年执行数", None)


class Funds(StrictModel):
    total: Amounts = field("年度资金总额")
    fiscal: Amounts = field("当年财政拨款", Amounts())
    carryover: Amounts = field("上年结转资金", Amounts())
    other: Amounts = field("其他资金", Amounts())
    weight: Points = field("分值", Decimal(10))
    rate: Percent = field("执行率", None)     # as stated on the form; recomputed for output
    score: OptionalPoints = field("得分", None)  # as stated; recomputed for output


class Goals(StrictModel):
    target: Paragraphs = field("预算目标")
    actual: Paragraphs = field("实际完成情况")


class Item(StrictModel):
    """A 三级指标 with its target, actual value, weight (分值), score (得分) and reason."""

    name: Text = field("三级指标名称")
    target: OptionalValue = field("年度指标值", None)
    actual: OptionalValue = field("实际完成值", None)
    weight: Points = field("分值")
    score: OptionalPoints = field("得分", None)
    reason: OptionalText = field("偏差原因分析及改进措施", None)


class Settings(StrictModel):
    """The form's conventions, explicit rather than accidental."""

    grade_scheme: Literal["national", "shanghai-2019"] = field("等级标准", "national")
    reverse_rule: Literal["linear", "ratio"] = field("反向指标计分", "linear")
    goal_label: str = field("目标列名", "预算目标")
    level1_points: bool = field("一级指标显示分值", False)


class SelfEval2020(StrictModel):
    """财政项目支出绩效自评表 (2020)."""

    form: Literal["selfeval-2020"]
    year: Year = field("年度")
    unit: OptionalText = field("单位", None)
    project: Project = field("项目")
    funds: Funds = field("项目资金")
    goals: Goals = field("年度总体目标")
    indicators: list[Level1[Item]] = field("绩效指标", min_length=1)
    total_score: OptionalPoints = field("总分", None)  # as stated; recomputed for output
    settings: Settings = Field(default_factory=Settings)

    # -- what the tool computes --

    @cached_property
    def execution_rate(self) -> Decimal | None:
        """执行率 = 全年执行数 / 全年预算数 (the adjusted budget, not 年初预算数)."""
        return scoring.execution_rate(self.funds.total.executed, self.funds.total.adjusted)

    @cached_property
    def execution_score(self) -> Decimal | None:
        return scoring.execution_score(self.funds.weight, self.execution_rate)

    @cached_property
    def weight_total(self) -> Decimal:
        return scoring.total([self.funds.weight] + [item.weight for *_, item in rows(self.indicators)])

    @cached_property
    def score_total(self) -> Decimal:
        """总分 = 预算执行率得分 + Σ 指标得分."""
        return scoring.total([self.execution_score] + [item.score for *_, item in rows(self.indicators)])

    @property
    def grade(self) -> str:
        return scoring.GRADE_SCHEMES[self.settings.grade_scheme].grade(self.score_total)

    def summary(self) -> Summary:
        total = self.funds.total
        return Summary("selfeval", self.project.name, budget=total.adjusted, executed=total.executed,
                       rate=self.execution_rate, score=self.score_total, grade=self.grade)
