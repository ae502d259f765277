"""Project fields with open vocabularies: 项目性质 and 项目类别 seen on real forms."""
from __future__ import annotations

from .base import Finding, rule

NATURES = ("其他一次性项目", "其他经常性项目", "阶段性项目", "一次性项目", "经常性项目")
CATEGORIES = ("特定目标类", "其他运转类", "公用经费类", "人员类")


@rule("target-2026", codes={"RG607": "warning"})
def known_nature_and_category(form):
    for key, known in (("nature", NATURES), ("category", CATEGORIES)):
        value = getattr(form.project, key)
        if value not in known:
            yield Finding("RG607", ("project", key), {"value": value, "known": "、".join(known)})
