"""Reviewer rules: what a finance reviewer checks in a filing, as problems with locations.

Each module holds the rules of one topic and registers them by name with ``@rule``; a form's
profile names the rules that apply to it. Every code's severity and explanation is in
``catalogue.py``, its message in ``messages.py``.
"""
from __future__ import annotations

from . import (  # noqa: F401  (importing a rule's module registers its rules and codes)
    cycle,
    dates,
    debris,
    fields,
    figures,
    funds,
    passages,
    plausible,
    progress,
    reasons,
    scores,
    text,
    tree,
    values,
)
from .base import CODES, RULES, run_rules
from .catalogue import CATALOGUE, SEVERITY


def run(form, source=None):
    """Return every finding of the rules that apply to ``form``."""
    return run_rules(form, source)


__all__ = ["CATALOGUE", "CODES", "RULES", "SEVERITY", "run"]
