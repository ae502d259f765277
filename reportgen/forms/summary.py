"""One row of a booklet's summary table (汇总表): what every form type reports of itself."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal


@dataclass(frozen=True)
class Summary:
    """A project's line in the 汇总表. Target forms fill the funds; self-evaluations the results."""

    kind: Literal["target", "selfeval"]
    name: str
    category: str = ""
    annual: Decimal | None = None      # 年度资金申请总额 / 项目当年预算
    fiscal: Decimal | None = None      # 当年财政拨款
    carryover: Decimal | None = None   # 上年结转资金
    other: Decimal | None = None       # 其他资金
    budget: Decimal | None = None      # 全年预算数 / 当年预算数
    executed: Decimal | None = None    # 全年执行数 / 预算执行数
    rate: Decimal | None = None        # 执行率 (ratio)
    whole_percent: bool = False        # the form prints its rate in whole percent (settings.rate_display)
    score: Decimal | None = None       # 总分 / 合计
    grade: str = ""                    # 绩效等级
