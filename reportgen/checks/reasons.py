"""A score below its weight wants a reason on forms whose rows have no column for one.

The 2020-style rows carry 偏差原因分析及改进措施 (RG504 asks for it there); rows without such a
field, as in 项目绩效自评价 (2019), may explain a lost point in their 备注 or in the form's
主要问题. With neither, the reviewer cannot tell why the points were lost.
"""
from __future__ import annotations

from ..money import format_points
from .base import Context, Finding, rule
from .cells import grid


def _said(value) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    return any(isinstance(p, str) and p.strip() for p in value or ())


@rule("lost_points_explained", codes=("RG509",))
def lost_points_explained(ctx: Context):
    """``problems`` (the profile's): the form's field of 主要问题, which may explain every lost point."""
    form = ctx.form
    if ctx.params.get("problems") and _said(ctx.figure(ctx.params["problems"])):
        return
    for path, fields in grid(form).rows.items():
        weight, score = fields.get("weight"), fields.get("score")
        if "reason" in fields or weight is None or score is None or score >= weight or _said(fields.get("note")):
            continue
        yield Finding("RG509", path + ("score",), {"name": fields.get("name", ""), "score": format_points(score),
                                                   "weight": format_points(weight)})
