"""Indicator names as compared: without white space, legacy names mapped; a profile's taxonomy."""
from __future__ import annotations

import re

ALIASES = {"环境效益指标": "生态效益指标", "环境效益": "生态效益", "预算调整率": "指标调整率"}


def normal(name: str) -> str:
    """Return a label as compared: no white space (``社会效益 指标``), legacy names mapped."""
    squashed = re.sub(r"\s+", "", name)
    return ALIASES.get(squashed, squashed)


def taxonomy_of(profile: dict) -> dict[str, tuple[str, ...]]:
    """Return the profile's ordered {一级: (二级, …)}, names compared as ``normal`` makes them."""
    return {normal(level1): tuple(normal(n) for n in (children or ()))
            for level1, children in (profile.get("taxonomy") or {}).items()}


def level1_of(taxonomy: dict[str, tuple[str, ...]], level2: str) -> str | None:
    """Return the 一级 that ``level2`` belongs to in ``taxonomy``, or None."""
    for level1, children in taxonomy.items():
        if normal(level2) in children:
            return level1
    return None
