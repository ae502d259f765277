"""A small valid 2026 form, as text, for tests that change one thing in it."""

TARGET_2026 = """\
form: target-2026
year: 2026
unit: 测试单位
project:
  name: 测试项目
  nature: 其他一次性项目
  category: 特定目标类
  department: 测试委员会
  implementer: 测试中心
  start_date: 2026-01-01
  end_date: 2026-12-31
funds:
  annual: 1000.50
  annual_fiscal: 1000.50
  annual_carryover: 0
  annual_other: 0
goals:
  annual:
    - 第一段。
indicators:
  - level1: 成本指标
    groups:
      - level2: 经济成本指标
        items:
          - name: 人均培训成本
            target: "≤200(元/人)"
  - level1: 产出指标
    groups:
      - level2: 数量指标
        items:
          - name: 培训场次
            target: "≥10(场)"
  - level1: 效益指标
    groups:
      - level2: 社会效益指标
        items:
          - name: 服务能力
            target: 有效提升
  - level1: 满意度指标
    groups:
      - level2: 服务对象满意度指标
        items:
          - name: 满意度
            target: "≥90(%)"
"""


def variant(old: str, new: str, base: str = TARGET_2026) -> str:
    """Return the form with the first ``old`` replaced by ``new`` (which must be there)."""
    assert old in base, old
    return base.replace(old, new, 1)

SELFEVAL_2020 = """\
form: selfeval-2020
year: 2020
unit: 测试单位
project:
  name: 测试项目
  department: 测试委员会
  implementer: 测试中心
funds:
  total: {initial: 7500000.00, adjusted: 7300000.00, executed: 7295544}
  fiscal: {initial: 7500000.00, adjusted: 7300000.00, executed: 7295544}
  weight: 10
  rate: "99.94%"
  score: 9.99
goals:
  target: [年度目标。]
  actual: [完成情况。]
indicators:
  - level1: 产出指标
    groups:
      - level2: 数量指标
        items:
          - name: 完成率
            target: "=100%"
            actual: "100%"
            weight: 50
            score: 50
            reason: 无偏差
  - level1: 效益指标
    groups:
      - level2: 社会效益指标
        items:
          - name: 保障安全
            target: 安全
            actual: 安全
            weight: 30
            score: 28.5
            reason: 加强巡查。
  - level1: 满意度指标
    groups:
      - level2: 服务对象满意度指标
        items:
          - name: 入驻人员满意度
            target: "≥90%"
            actual: "95%"
            weight: 10
            score: 10
            reason: 无偏差
total_score: 98.49
"""

SELFEVAL_2019 = """\
form: selfeval-2019
year: 2019
unit: 测试单位
project:
  name: 测试项目
  division: 测试部
  recurring: 否
funds:
  budget: 9700000.00
  executed: 9690000.00
  rate: "99.90%"
goal: [年度总目标。]
evaluation_date: 2019-12-31
grade: 优秀
achievements: [主要绩效。]
scores:
  - level1: 投入与管理
    points: 36
    items:
      - {name: 资金使用的合规性, weight: 6, score: 6}
      - {name: 绩效目标合理性, weight: 30, score: 28}
  - level1: 产出目标
    points: 34
    items:
      - {name: 完成率, weight: 34, score: 33.5}
  - level1: 效果目标
    points: 15
    items:
      - {name: 满意度, weight: 15, score: 14}
  - level1: 影响力目标
    points: 15
    items:
      - {name: 长效机制, weight: 15, score: 12}
total_weight: 100
total_score: 93.5
problems: [主要问题。]
"""

TARGET_2020 = """\
form: target-2020
year: 2020
unit: 测试单位
project:
  name: 测试项目
  category: 其他一次性项目
  start_date: 2020-01-01
  end_date: 2020-12-31
  government_procurement: 否
  performance_type: 其他类
texts:
  goals: [项目总目标：……]
previous_year:
  total_budget: 7500000
indicators:
  - level1: 投入与管理
    groups:
      - level2: 投入管理
        items:
          - {name: 预算执行率, target: "=100%"}
  - level1: 产出目标
    groups:
      - level2: 数量
        items:
          - {name: 完成率, target: "=100%"}
  - level1: 效果目标
    groups:
      - level2: 满意度
        items:
          - {name: 入驻人员满意度, target: ">=90%"}
"""
