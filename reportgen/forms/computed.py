"""The figures a form's layout template prints but the user does not write: ``calc`` and tree sums."""
from __future__ import annotations

from decimal import Decimal
from types import MappingProxyType
from typing import Iterator, Mapping

from .. import scoring

# The name a template reads (calc.<name>) → the model attributes that hold it, first found wins.
# 2019 keeps the stated grade in ``grade``; its computed one is ``computed_grade``.
CALC = {
    "execution_rate": ("execution_rate",),
    "execution_score": ("execution_score",),
    "weight_total": ("weight_total",),
    "score_total": ("score_total",),
    "grade": ("computed_grade", "grade"),
    "rate_shown": ("rate_shown",),
}


def computed(form) -> Mapping[str, object]:
    """Return the read-only mapping of the figures ``form`` computes (names absent where it has none)."""
    figures = {}
    for name, attributes in CALC.items():
        for attribute in attributes:
            if hasattr(form, attribute):
                figures[name] = getattr(form, attribute)
                break
    return MappingProxyType(figures)


def tree_weight(node) -> Decimal:
    """Return the sum of the weights below ``node``: a 一级 or 二级 group, a score group, or a list of them."""
    return scoring.total(item.weight for item in _leaves(node))


def tree_rows(node) -> int:
    """Return how many 三级 rows ``node`` prints: its rowspan as a merged label."""
    return sum(1 for _ in _leaves(node))


def _leaves(node) -> Iterator:
    if isinstance(node, (list, tuple)):
        for child in node:
            yield from _leaves(child)
    elif hasattr(node, "groups"):
        yield from _leaves(node.groups)
    elif hasattr(node, "items") and isinstance(node.items, (list, tuple)):
        yield from node.items
    else:
        yield node
