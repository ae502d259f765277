"""What the workbench shows of a filing: the findings of ``reportgen check`` and the computed figures.

The text is checked exactly as the command checks a file (``pipeline.examine``: schema, glyphs,
the reviewer's rules), so the page and the terminal never disagree.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ..money import format_amount, format_points, format_rate
from ..options import RenderOptions
from ..pipeline import examine
from ..problems import LEVELS, Problem, in_file_order

HIDDEN_FUNCTIONS = ("equals",)  # settings read as flags, not figures


@dataclass
class Review:
    """One filing checked: its model (None when it cannot be read), problems, figures."""

    form: object
    problems: list[Problem] = field(default_factory=list)

    @property
    def counts(self) -> Counter:
        return Counter(p.severity for p in self.problems)

    def figures(self) -> list[dict]:
        """Return the computed figures: name, Chinese label, shown value, and the field it sits beside."""
        if self.form is None:
            return []
        specs = self.form.definition.profile.get("computed", {})
        return [{"name": name, "label": str(spec.get("label") or name), "value": shown(spec, self.form.calc[name]),
                 "beside": beside(spec)}
                for name, spec in specs.items() if spec.get("fn") not in HIDDEN_FUNCTIONS]

    def as_json(self) -> dict:
        return {"problems": [finding(p) for p in in_file_order(self.problems)],
                "counts": {level: self.counts[level] for level in LEVELS},
                "figures": self.figures()}


def review(path: Path, raw: bytes, options: RenderOptions) -> Review:
    """Return the review of ``raw``, the content of (or meant for) ``path``."""
    form, problems = examine(path, options, raw)
    return Review(form, problems)


def finding(problem: Problem) -> dict:
    return {"path": problem.path, "code": problem.code, "severity": problem.severity, "line": problem.line,
            "message": problem.message("zh"), "english": problem.message("en")}


def shown(spec: dict, value: object) -> str:
    """Return a computed figure as the form prints it: rates in percent, points without trailing zeros."""
    if value is None:
        return "—"
    if isinstance(value, list):
        return "，".join(shown(spec, v) for v in value)
    if isinstance(value, Decimal):
        if spec.get("fn") == "ratio":
            return format_rate(value)
        if spec.get("fn") == "rate_shown":
            return f"{format_points(value)}%"
        points = spec.get("fn") in ("total", "capped_score", "group_totals")
        return format_points(value) if points else format_amount(value)
    return str(value)


def beside(spec: dict) -> str:
    """Return the field a figure is computed from, where the editor shows it (its list for a sum over rows)."""
    refs = [spec.get(key) for key in ("of", "score", "rate", "weight", "groups", "value")]
    for ref in refs:
        for one in ref if isinstance(ref, list) else [ref]:
            if isinstance(one, str) and not one.startswith("calc."):
                return one.split("[", 1)[0]
    return ""
