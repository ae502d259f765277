"""The merged 一级/二级 label cells that open each group of an indicator tree."""
from __future__ import annotations

from dataclasses import replace
from typing import Callable, Iterator

from .grid import Slot, label


def with_group_labels(tree: list, caption: Callable = lambda level1: level1.level1, key: str = "indicators"
                      ) -> Iterator[tuple[list[Slot], object, str]]:
    """Yield (label cells, item, item path) per 三级 row: a group's first row carries its merged labels.

    ``caption`` gives the 一级 label's text (some forms print its points, ``产出指标(50分)``);
    ``key`` is the tree's field, for the cells' bindings.
    """
    for i1, i2, i3, level1, level2, item in _rows(tree):
        cells = []
        if i2 == 0 and i3 == 0:
            cells.append(replace(label(caption(level1), rows=sum(len(group.items) for group in level1.groups)),
                                 binding=f"{key}[{i1}].level1"))
        if i3 == 0:
            cells.append(replace(label(level2.level2, rows=len(level2.items)),
                                 binding=f"{key}[{i1}].groups[{i2}].level2"))
        yield cells, item, f"{key}[{i1}].groups[{i2}].items[{i3}]"


def _rows(tree: list):
    """Yield (i1, i2, i3, level1, level2, item) in order (the grid layer knows no form module)."""
    for i1, level1 in enumerate(tree):
        for i2, level2 in enumerate(level1.groups):
            for i3, item in enumerate(level2.items):
                yield i1, i2, i3, level1, level2, item
