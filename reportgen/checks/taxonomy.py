"""The indicator taxonomies of each form (forms.md §1.2, §2.2, §3.2, §3.3), in printed order."""
from __future__ import annotations

import re

# form → ordered {一级: (二级, …)}; names compare without white space.
TAXONOMIES: dict[str, dict[str, tuple[str, ...]]] = {
    "target-2026": {
        "成本指标": ("经济成本指标", "社会成本指标", "生态环境成本指标"),
        "产出指标": ("数量指标", "质量指标", "时效指标"),
        "效益指标": ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"),
        "满意度指标": ("服务对象满意度指标",),
    },
    "selfeval-2020": {
        "产出指标": ("数量指标", "质量指标", "时效指标", "成本指标"),
        "效益指标": ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"),
        "满意度指标": ("服务对象满意度指标",),
    },
    "target-2020": {
        "投入与管理": ("投入管理", "财务管理", "实施管理"),
        "产出目标": ("数量", "质量", "时效", "成本"),
        "效果目标": ("经济效益", "社会效益", "生态效益", "满意度", "可持续影响"),
        "影响力目标": ("长效管理", "能力建设", "可持续影响"),
    },
    "selfeval-2019": {
        "投入与管理": (), "产出目标": (), "效果目标": (), "影响力目标": (),
    },
}

# Every 一级 of these forms must be present; others may be left out.
REQUIRED = {
    "target-2026": ("成本指标", "产出指标", "效益指标", "满意度指标"),
    "selfeval-2020": ("产出指标", "效益指标", "满意度指标"),
    "target-2020": ("投入与管理", "产出目标", "效果目标"),
    "selfeval-2019": ("投入与管理", "产出目标", "效果目标"),
}

ALIASES = {"环境效益指标": "生态效益指标", "环境效益": "生态效益", "预算调整率": "指标调整率"}


def normal(name: str) -> str:
    """Return a label as compared: no white space (``社会效益 指标``), legacy names mapped."""
    squashed = re.sub(r"\s+", "", name)
    return ALIASES.get(squashed, squashed)


def level1_of(form_id: str, level2: str) -> str | None:
    """Return the 一级 that ``level2`` belongs to in ``form_id``'s taxonomy, or None."""
    for level1, children in TAXONOMIES[form_id].items():
        if normal(level2) in children:
            return level1
    return None
