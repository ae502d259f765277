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
  - level1: 产出指标
    groups:
      - level2: 数量指标
        items:
          - name: 培训场次
            target: "≥10(场)"
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
