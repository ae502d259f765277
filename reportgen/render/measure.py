"""A text-height model: how tall a cell's text prints, without laying it out.

CJK characters are one em wide, others a little over half; lines break anywhere, as CJK text
does. Slightly pessimistic on purpose: an estimate that is too tall only leaves white space.
"""
from __future__ import annotations

import math
import unicodedata
from functools import lru_cache

from ..style import PT_MM, PageStyle

NARROW_EM = 0.56
SLACK = 1.06  # widths measured a little wide, so a line we think fits does fit


@lru_cache(maxsize=65536)
def width_em(text: str) -> float:
    """Return the printed width of ``text`` in em."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else NARROW_EM for ch in text) * SLACK


def lines(paragraphs: tuple[str, ...], width_mm: float, font_pt: float, style: PageStyle) -> int:
    """Return how many lines ``paragraphs`` take in a cell ``width_mm`` wide."""
    em_mm = font_pt * PT_MM
    per_line = max((width_mm - 2 * style.pad_h) / em_mm, 1.0)
    return sum(max(1, math.ceil(width_em(p) / per_line)) for p in paragraphs)


def height(n_lines: int, font_pt: float, style: PageStyle) -> float:
    """Return the height in mm of a cell with ``n_lines`` lines."""
    return n_lines * font_pt * PT_MM * style.line_height + 2 * style.pad_v + 0.4
