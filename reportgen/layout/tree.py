"""The merged 一级/二级 label cells that open each group of an indicator tree."""
from __future__ import annotations

from typing import Callable, Iterator

from ..forms.schema import rows
from .grid import Slot, label


def with_group_labels(tree: list, caption: Callable = lambda level1: level1.level1
                      ) -> Iterator[tuple[list[Slot], object]]:
    """Yield (label cells, item) per 三级 row: a group's first row carries its merged labels.

    ``caption`` gives the 一级 label's text (some forms print its points, ``产出指标(50分)``).
    """
    for _, i2, i3, level1, level2, item in rows(tree):
        cells = []
        if i2 == 0 and i3 == 0:
            cells.append(label(caption(level1), rows=sum(len(group.items) for group in level1.groups)))
        if i3 == 0:
            cells.append(label(level2.level2, rows=len(level2.items)))
        yield cells, item
