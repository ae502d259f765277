"""Page fill measured from a PDF: how far down each page the drawn text reaches.

Shared by the tests and ``./dev bench fill``. The page number below the text area is left out.
"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

from reportgen.style import PageStyle

MM_PT = 72 / 25.4
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">')


def page_fill(pdf: Path, style: PageStyle | None = None) -> list[float]:
    """Return, per page, the share of the text area's height that holds text (0 to 1)."""
    style = style or PageStyle()
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    fills = []
    for _, height, body in _PAGE.findall(out):
        top, bottom = style.margin_top * MM_PT, float(height) - style.margin_bottom * MM_PT
        lowest = max((float(y2) for y1, y2 in _WORD.findall(body) if float(y1) < bottom), default=top)
        fills.append(min(1.0, (lowest - top) / (bottom - top)))
    return fills
