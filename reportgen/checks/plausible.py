"""Dates that cannot be right for the form they are on, for the forms whose profile names the rule.

A self-evaluation is written once the year it evaluates is over (dated at the earliest on its
last day, as at year end), normally in the first months of the next: its own dates are the
form's top-level ones (自评时间). A target form's plan (the profile's ``start``/``end`` fields)
must include the year it asks funds for.
"""
from __future__ import annotations

from datetime import date

from ..source import paths
from .base import Context, Finding, rule


def _own_dates(form):
    """Yield (path, label, day) for each date the form itself carries (not the project's plan)."""
    for key, info in type(form).model_fields.items():
        value = getattr(form, key)
        if isinstance(value, date):
            yield (key,), info.description or key, value


@rule("self_evaluation_dates", codes=("RG303", "RG304"))
def self_evaluation_dates(ctx: Context):
    form = ctx.form
    year = form.year
    for path, label, day in _own_dates(form):
        params = {"field": label, "date": day.isoformat(), "year": year}
        if day < date(year, 12, 31):  # the year's last day is fine: "as at year end"
            yield Finding("RG303", path, params)
        elif day.year > year + 1:
            yield Finding("RG304", path, {**params, "next": year + 1})


@rule("plan_covers_the_year", codes=("RG305",))
def plan_covers_the_year(ctx: Context):
    form = ctx.form
    start, end = ctx.figure(ctx.params["start"]), ctx.figure(ctx.params["end"])
    if not isinstance(start, date) or not isinstance(end, date):
        return
    if start.year == end.year or start > end:
        return  # a plan within one calendar year is RG302's (one-year projects); a reversed one RG301's
    if end.year < form.year or start.year > form.year:
        yield Finding("RG305", paths.parse(ctx.params["end" if end.year < form.year else "start"]),
                      {"start": start.isoformat(), "end": end.isoformat(), "year": form.year})
