"""Page fill measured from a PDF: how far down each page the drawn text reaches; and, for a
spreadsheet printed by LibreOffice, how much of each row its text leaves white and whether text
runs through a border.

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


_RULE = re.compile(r"([\d.]+) ([\d.]+) m\s+([\d.]+) ([\d.]+) l S")  # a drawn line, as LibreOffice writes borders
_WORD_BOX = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">')


def row_white(pdf: Path, min_lines: int = 5) -> list[float]:
    """Return, for each row of running text of a spreadsheet printed by LibreOffice, the share of
    the row's height its fullest cell leaves white (0: text from top border to bottom border).

    A cell is the band between the horizontal borders above and below its words; a row is a band
    no other band lies inside (a merged label spans several). Rows whose fullest cell has fewer
    than ``min_lines`` lines are left out: their padding, not the height model, is what shows.
    """
    from pypdf import PdfReader

    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    white = []
    for page, (_, height, body) in zip(PdfReader(pdf).pages, _PAGE.findall(out)):
        rules = _horizontal_rules(page.get_contents().get_data().decode("latin-1"), float(height))
        cells: dict[tuple[float, float, float], list] = {}
        for box in _WORD_BOX.findall(body):
            x1, y1, x2, y2 = map(float, box)
            band = _band(rules, (x1 + x2) / 2, y1, y2)
            if band:
                cell = cells.setdefault(band, [y1, y2, set()])
                cell[0], cell[1] = min(cell[0], y1), max(cell[1], y2)
                cell[2].add(round(y1))
        bands = {(top, bottom) for top, bottom, _ in cells}
        rows = {b for b in bands if not any(o != b and b[0] <= o[0] and o[1] <= b[1] for o in bands)}
        fullest: dict[tuple[float, float], float] = {}
        for (top, bottom, _), (first, last, lines) in cells.items():
            if (top, bottom) in rows and len(lines) >= min_lines:
                share = 1 - (last - first) / (bottom - top)
                fullest[top, bottom] = min(fullest.get((top, bottom), 1.0), share)
        white.extend(fullest.values())
    return white


def _horizontal_rules(content: str, page_height: float) -> list[tuple[float, float, float]]:
    """Return (left, right, y from the top) of each horizontal line drawn on a page."""
    rules = []
    for x1, y1, x2, y2 in _RULE.findall(content):
        x1, y1, x2, y2 = map(float, (x1, y1, x2, y2))
        if abs(y1 - y2) < 0.01 and abs(x2 - x1) > 1:
            rules.append((min(x1, x2), max(x1, x2), page_height - y1))
    return rules


def _band(rules, x: float, top: float, bottom: float) -> tuple[float, float, float] | None:
    """Return (top, bottom, left) of the cell holding a word at ``x`` between ``top`` and ``bottom``."""
    over = [r for r in rules if r[0] - 1 <= x <= r[1] + 1]
    above = [r for r in over if r[2] <= top + 1]
    below = [r for r in over if r[2] >= bottom - 1]
    if not above or not below:
        return None
    upper = max(above, key=lambda r: r[2])
    return round(upper[2], 1), round(min(r[2] for r in below), 1), round(upper[0])


def words_across_borders(pdf: Path, title_rows: int = 0) -> list[str]:
    """Return the words of a spreadsheet printed by LibreOffice that a cell's top or bottom border
    runs through: text that overflows a row too short for it (LibreOffice draws it over the row
    below, where ``pdftotext`` still finds it, or off the page).

    The ``title_rows`` a page repeats at its top are left out: behind them LibreOffice draws, and
    clips, the part of a merged label that runs on from the page before.
    """
    from pypdf import PdfReader

    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    crossed = []
    for index, (page, (_, height, body)) in enumerate(zip(PdfReader(pdf).pages, _PAGE.findall(out))):
        rules = _horizontal_rules(page.get_contents().get_data().decode("latin-1"), float(height))
        if index and title_rows:
            titles = sorted({round(y, 1) for _, _, y in rules})[:title_rows + 1]
            rules = [r for r in rules if round(r[2], 1) not in titles]
        for word in re.finditer(_WORD_BOX.pattern + r"([^<]*)</word>", body):
            x1, y1, x2, y2 = map(float, word.groups()[:4])
            if any(left < x2 and x1 < right and y1 + 1 < y < y2 - 1 for left, right, y in rules):
                crossed.append(word.group(5))
    return crossed
