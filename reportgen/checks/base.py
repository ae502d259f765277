"""The rule registry: a rule looks at a form model and yields findings at field paths."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

from ..load.source import Source, dotted
from ..problems import Problem


@dataclass(frozen=True)
class Finding:
    """What a rule found: a code, the path of the field it concerns, the message parameters."""

    code: str
    path: tuple
    params: dict = field(default_factory=dict)
    at_key: bool = False  # point at the key (a missing or misplaced entry) rather than its value


Rule = Callable[[object], Iterable[Finding]]
RULES: list[tuple[tuple[str, ...], Rule]] = []

# Every code a rule can yield, with its severity. Errors stop a render; warnings are printed.
SEVERITY: dict[str, str] = {}


def rule(*form_ids: str, codes: dict[str, str]) -> Callable[[Rule], Rule]:
    """Register a rule for the form types ``form_ids`` (all when none) yielding ``codes``."""

    def register(function: Rule) -> Rule:
        RULES.append((form_ids, function))
        SEVERITY.update(codes)
        return function

    return register


def run_rules(form, source: Source | None) -> list[Problem]:
    """Return the problems every applicable rule finds in ``form``, located through ``source``."""
    problems = []
    for form_ids, function in RULES:
        if form_ids and form.form not in form_ids:
            continue
        for finding in function(form):
            problems.append(_locate(finding, source))
    return problems


def _locate(finding: Finding, source: Source | None) -> Problem:
    if source is None:
        line, col = 0, 0
    elif finding.at_key:
        line, col = source.where_key(finding.path)
    else:
        line, col = source.where(finding.path)
    return Problem(finding.code, SEVERITY[finding.code], dotted(finding.path), line, col, finding.params)
