"""Dates: start before end, and a one-year project inside its form year."""
from __future__ import annotations

from ..source import paths
from .base import Context, Finding, rule


@rule("project_dates", codes=("RG301", "RG302"))
def project_dates(ctx: Context):
    start, end = ctx.figure(ctx.params["start"]), ctx.figure(ctx.params["end"])
    if start and end and start > end:
        yield Finding("RG301", paths.parse(ctx.params["end"]), {"start": start.isoformat(), "end": end.isoformat()})
    kind = ctx.figure(ctx.params["kind"]) if ctx.params.get("kind") else ""
    if any(word in str(kind or "") for word in ctx.params.get("multi_year") or ()):  # a project of several years
        return
    for key in ("start", "end"):
        day = ctx.figure(ctx.params[key])
        if day and day.year != ctx.form.year:
            yield Finding("RG302", paths.parse(ctx.params[key]), {"date": day.isoformat(), "year": ctx.form.year})
