"""Sums over an indicator tree that layout templates print: a merged label's rows and points."""
from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from .. import scoring


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
