"""Reviewer rules: what a finance reviewer checks in a filing, as problems with locations."""
from __future__ import annotations

from ..problems import Problem


def run(form, source) -> list[Problem]:
    """Return every finding of the rules that apply to ``form``."""
    return []
