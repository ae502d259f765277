"""Reviewer rules: what a finance reviewer checks in a filing, as problems with locations.

Each module holds the rules of one topic and registers them by name with ``@rule``; a form's
profile names the rules that apply to it. Codes and severities are listed in the README's
table and the message catalogue.
"""
from __future__ import annotations

from . import (  # noqa: F401  (registers the rules)  # noqa: F401  (the reader's rules: texts against the table)
    dates,
    debris,
    fields,
    figures,
    funds,
    passages,
    plausible,
    reasons,
    scores,
    text,
    tree,
    values,
)
from .base import RULES, SEVERITY, run_rules


def run(form, source=None):
    """Return every finding of the rules that apply to ``form``."""
    return run_rules(form, source)


__all__ = ["RULES", "SEVERITY", "run"]
