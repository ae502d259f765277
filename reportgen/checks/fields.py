"""Fields with open vocabularies (项目性质, 项目类别): values seen on real forms, checked loosely."""
from __future__ import annotations

from ..source import paths
from .base import Context, Finding, rule


@rule("vocabulary", codes=("RG607",))
def vocabulary(ctx: Context):
    """The profile maps a field path to its usual values."""
    for path, known in ctx.params.items():
        value = ctx.figure(path)
        if value is not None and value not in known:
            yield Finding("RG607", paths.parse(path), {"value": value, "known": "、".join(known)})
