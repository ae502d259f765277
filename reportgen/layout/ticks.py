"""Tick boxes: a choice field printed as its options, ☑ before the chosen one and □ before the others.

The options are laid out on a grid, so many to a line as fit the cell's width (or as the
template asks with ``data-per-row``), a line a paragraph; an option never breaks inside: the
width fitting keeps a tick cell at least as wide as its longest option with its box, and lays
the options again at the width it gives the cell (``relaid``).
"""
from __future__ import annotations

import re

from ..style import PT_MM

TICKED, EMPTY = "☑", "□"
TICK_MARKS = "☑☒✓✔√■▣"          # what people type or keep for a ticked box
BOX_MARKS = "□☐"                 # an empty box
GAP = "\u3000"                   # an ideographic space between options: one em
PAD_MM = 4.3                     # the cell's padding both sides at Word's default margin (1.9 mm), and slack


def pattern(binding: str) -> str:
    """Return a binding with its indexes as ``[*]`` (``tasks[2].kind`` → ``tasks[*].kind``), as the
    options a form's schema gives are keyed (``forms.choices``, which this layer does not import)."""
    return re.sub(r"\[\d+\]", "[*]", binding)


def per_row(width_mm: float, options: tuple[str, ...], body_pt: float) -> int:
    """Return how many options fit on a line of a cell ``width_mm`` wide, at least one: the most
    columns whose widest options (with their boxes, one em a character) and gaps fit the line."""
    room = (width_mm - PAD_MM) / (body_pt * PT_MM)
    best = 1
    for columns in range(2, len(options) + 1):
        widths = [max(len(options[i]) + 1 for i in range(c, len(options), columns)) for c in range(columns)]
        if sum(widths) + columns - 1 <= room:
            best = columns
    return best


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


def relaid(text: tuple[str, ...], width_mm: float, body_pt: float, columns: int = 0) -> tuple[str, ...]:
    """Return a tick cell's lines laid again for a cell ``width_mm`` wide (``columns`` a line if the
    template fixed them), the same option ticked."""
    printed = "\n".join(text)
    options = options_of(printed)
    if not options:
        return text
    chosen = next((o for o in ticked(printed, options)), "")
    return tick_lines(chosen, options, columns or per_row(width_mm, options, body_pt))


def boxed(text: tuple[str, ...]) -> list[str]:
    """Return each option of a tick cell with its box, as it must stand on one line."""
    return [f"{mark}{option}" for option in options_of("\n".join(text)) for mark in (TICKED, EMPTY)]


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
