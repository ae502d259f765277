"""Sums over an indicator tree that layout templates print: a merged label's rows and points.

Templates see the tree as plain data (``forms/plain.py``): mappings with ``groups`` (a 一级),
``items`` (a 二级 or a score group) or a ``weight`` (a 三级 row).
"""
from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from .. import scoring


def tree_weight(node) -> Decimal:
    """Return the sum of the weights below ``node``: a 一级 or 二级 group, a score group, or a list of them."""
    return scoring.total(item.get("weight") for item in _leaves(node))


def tree_rows(node) -> int:
    """Return how many 三级 rows ``node`` prints: its rowspan as a merged label."""
    return sum(1 for _ in _leaves(node))


def _leaves(node) -> Iterator[dict]:
    if isinstance(node, list):
        for child in node:
            yield from _leaves(child)
    elif isinstance(node, dict) and isinstance(node.get("groups"), list):
        yield from _leaves(node["groups"])
    elif isinstance(node, dict) and isinstance(node.get("items"), list):
        yield from node["items"]
    elif isinstance(node, dict):
        yield node
