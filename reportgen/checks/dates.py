"""Dates: start before end, and a one-year project inside its form year."""
from __future__ import annotations

from .base import Finding, rule

MULTI_YEAR = ("阶段性", "跨年")


@rule("target-2026", "target-2020", codes={"RG301": "error", "RG302": "warning"})
def project_dates(form):
    p = form.project
    if p.start_date > p.end_date:
        yield Finding("RG301", ("project", "end_date"),
                      {"start": p.start_date.isoformat(), "end": p.end_date.isoformat()})
    kind = getattr(p, "nature", None) or getattr(p, "category", "")
    if any(word in kind for word in MULTI_YEAR):
        return
    for key in ("start_date", "end_date"):
        day = getattr(p, key)
        if day.year != form.year:
            yield Finding("RG302", ("project", key), {"date": day.isoformat(), "year": form.year})
