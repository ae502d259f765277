"""Tick boxes: a choice field printed as its options, ☑ before the chosen one and □ before the others.

The options are laid out on a grid, so many to a line as fit the cell's width (or as the
template asks with ``data-per-row``), a line a paragraph; an option never breaks inside.
"""
from __future__ import annotations

import re

from ..style import PT_MM

TICKED, EMPTY = "☑", "□"
TICK_MARKS = "☑☒✓✔√■▣"          # what people type or keep for a ticked box
BOX_MARKS = "□☐"                 # an empty box
GAP = "\u3000"                   # an ideographic space between options: one em
PAD_MM = 2.5                     # the cell's padding, both sides, and a little slack


def pattern(binding: str) -> str:
    """Return a binding with its indexes as ``[*]`` (``tasks[2].kind`` → ``tasks[*].kind``), as the
    options a form's schema gives are keyed (``forms.choices``, which this layer does not import)."""
    return re.sub(r"\[\d+\]", "[*]", binding)


def per_row(width_mm: float, options: tuple[str, ...], body_pt: float) -> int:
    """Return how many options fit on a line of a cell ``width_mm`` wide, at least one."""
    em = body_pt * PT_MM
    widest = max((len(o) for o in options), default=1) + 1  # the box is one em, as is the gap
    return max(1, int((width_mm - PAD_MM + em) // ((widest + 1) * em)))


def tick_lines(value: str, options: tuple[str, ...], columns: int) -> tuple[str, ...]:
    """Return the options as lines of ``columns`` each, the one equal to ``value`` ticked.

    Options of a line are padded to the widest of their column, so the boxes stand in columns.
    """
    marked = [f"{TICKED if o == value else EMPTY}{o}" for o in options]
    widths = [max(len(marked[i]) for i in range(c, len(marked), columns)) for c in range(min(columns, len(marked)))]
    lines = []
    for start in range(0, len(marked), columns):
        row = marked[start:start + columns]
        padded = [m + GAP * (widths[c] - len(m)) for c, m in enumerate(row[:-1])] + row[-1:]
        lines.append(GAP.join(padded))
    return tuple(lines) or ("",)


def options_of(printed: str) -> tuple[str, ...]:
    """Return the options a tick-box cell printed, in order."""
    pieces = (o.strip() for o in re.split(f"[{TICK_MARKS}{BOX_MARKS}]", printed)[1:])  # str.strip takes U+3000 too
    return tuple(p for p in pieces if p)


def ticked(text: str, options: tuple[str, ...]) -> list[str]:
    """Return the options ``text`` shows ticked: a tick mark is the nearest mark before the name."""
    found = []
    for option in sorted(options, key=len, reverse=True):
        at = text.find(option)
        while at >= 0 and _inside_longer(text, at, option, options):
            at = text.find(option, at + 1)
        if at < 0:
            continue
        before = text[:at].rstrip(GAP + " \t")
        if before and before[-1] in TICK_MARKS:
            found.append(option)
    return [o for o in options if o in found]


def _inside_longer(text: str, at: int, option: str, options: tuple[str, ...]) -> bool:
    """Return True when ``option`` at ``at`` is part of a longer option's name (其他 in 其他运转类)."""
    return any(len(o) > len(option) and option in o and text.find(o, max(0, at - len(o)), at + len(o)) >= 0
               for o in options)
