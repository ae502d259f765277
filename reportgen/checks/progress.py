"""A province's monthly execution warnings: how much of the budget is spent by the end of which month.

Provinces warn on execution by month (四川 川财绩〔2025〕10号: 25 % by the end of April, 40 % of
June, 60 % of August, 80 % of October, and completion and execution no more than 10 points
apart). Each such rule set is a file of ``templates/thresholds/``; a monitoring form names one
(``thresholds: sichuan-2025``) and its profile says where the rate, the month and the rows are.
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

import yaml

from ..money import HUNDRED, format_points, format_rate
from ..resources import templates_dir
from ..source import paths
from .base import Context, Finding, rule


def known() -> list[str]:
    """Return the names of the threshold files a form can name."""
    return sorted(path.stem for path in (templates_dir() / "thresholds").glob("*.yaml"))


@lru_cache(maxsize=16)
def thresholds(name: str) -> dict | None:
    """Return the rule set ``name`` (``execution``: month → rate, ``gap``, ``name``), or None."""
    if name not in known():
        return None
    data = yaml.safe_load((templates_dir() / "thresholds" / f"{name}.yaml").read_text(encoding="utf-8"))
    return {"name": str(data["name"]), "gap": Decimal(str(data.get("gap", 1))),
            "execution": {int(month): Decimal(str(rate)) for month, rate in data["execution"].items()}}


@rule("province_thresholds", codes=("RG208", "RG209", "RG210"))
def province_thresholds(ctx: Context):
    name = ctx.figure(ctx.params["name"])
    if not name:
        return
    found = thresholds(name.strip())
    if found is None:
        yield Finding("RG210", paths.parse(ctx.params["name"]), {"name": name, "known": ", ".join(known())})
        return
    rate, month = ctx.figure(ctx.params["rate"]), ctx.figure(ctx.params["month"])
    if rate is None or not month:
        return
    at = paths.parse(ctx.params["at"])
    due = [m for m in found["execution"] if m <= month]
    if due and rate < found["execution"][max(due)]:
        by = max(due)
        yield Finding("RG208", at, {"month": month, "rate": format_rate(rate), "profile": found["name"], "by": by,
                                    "required": format_rate(found["execution"][by])})
    completion = _completion(ctx)
    if completion is not None and abs(completion - rate) > found["gap"]:
        yield Finding("RG209", at, {"completion": format_rate(completion), "rate": format_rate(rate),
                                    "gap": format_points(abs(completion - rate) * HUNDRED), "profile": found["name"],
                                    "limit": format_points(found["gap"] * HUNDRED)})


def _completion(ctx: Context) -> Decimal | None:
    """Return the mean share of their targets the quantitative rows have reached (each at most 1)."""
    fields = ctx.params["items"]
    shares = []
    for _, _, _, item in ctx.tree_rows():
        target, progress = getattr(item, fields["target"], None), getattr(item, fields["progress"], None)
        if getattr(target, "number", None) and getattr(progress, "number", None) is not None \
                and target.unit == progress.unit and target.op in ("≥", ">", "="):
            shares.append(min(progress.number / target.number, Decimal(1)))
    return sum(shares, Decimal(0)) / len(shares) if shares else None
