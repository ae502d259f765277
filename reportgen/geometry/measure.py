"""A text-height model: how tall a cell's text prints, without laying it out.

CJK characters are one em wide, others a little over half (the page style's ``TextSet``
says how wide in each format); lines are broken character by character as Chinese text breaks
(``line_starts``). Slightly pessimistic on purpose: an estimate that is too tall only leaves
white space. ``line_mm`` measures one-line widths with real font metrics, for the numbers the
column widths must hold.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from functools import lru_cache

from ..fonts import advances as face_advances
from ..fonts import resolve
from ..style import NARROW_EM, PT_MM, PageStyle, TextSet

INDENT_EM = 2.0  # the first line of each paragraph of a several-paragraph cell
LABEL_POINTS = re.compile(r"[(（]\s*[\d.]+\s*分\s*[)）]")  # a label's points, "(36分)": never broken inside
PDF_SET = TextSet()


@lru_cache(maxsize=65536)
def width_em(text: str) -> float:
    """Return the printed width of ``text`` in em."""
    return sum(advance(ch, PDF_SET) for ch in text)


def per_line(width_mm: float, font_pt: float, style: PageStyle) -> float:
    """Return the em of text one line of a cell ``width_mm`` wide holds."""
    return round(max((width_mm - 2 * style.pad_h) / (font_pt * PT_MM), 1.0), 3)


def lines(paragraphs: tuple[str, ...], width_mm: float, font_pt: float, style: PageStyle,
          indented: bool | None = None) -> int:
    """Return how many lines ``paragraphs`` take in a cell ``width_mm`` wide; ``indented``
    (default: several paragraphs) indents each first line."""
    room = per_line(width_mm, font_pt, style)
    indent = INDENT_EM if (len(paragraphs) > 1 if indented is None else indented) else 0.0
    return sum(filled_lines(p, room, indent, style.text) for p in paragraphs)


@lru_cache(maxsize=65536)
def filled_lines(paragraph: str, per_line: float, indent: float = 0.0, text: TextSet = PDF_SET) -> int:
    """Return the lines ``paragraph`` fills at ``per_line`` em (see ``line_starts``)."""
    return len(line_starts(paragraph, per_line, indent, text))


@lru_cache(maxsize=4096)
def advance(char: str, text: TextSet) -> float:
    """Return the em the height model counts for ``char``."""
    return text.wide_em if unicodedata.east_asian_width(char) in text.wide_classes else text.narrow_em


# Chinese line breaking (禁则): no line starts with a closing mark, none ends with an opening
# one; a run of Latin letters and digits (a number, 2019, 98.5%) is not broken either.
NO_START = set("，。、；：？！）》」』】〕…—％%,.;:?!)]}")
NO_END = set("（《「『【〔([{")


def _joins(prev: str, char: str) -> bool:
    """Return True where no line may break between ``prev`` and ``char``."""
    if char in NO_START or prev in NO_END:
        return True
    if prev.isdigit() and char == "分":  # a label's points, (36分), are kept whole
        return True
    return (prev.isascii() and prev.isalnum() or prev in ".,") and char.isascii() and char.isalnum()


@lru_cache(maxsize=4096)
def line_starts(paragraph: str, per_line: float, indent: float = 0.0, text: TextSet = PDF_SET) -> tuple[int, ...]:
    """Return the index each line of ``paragraph`` starts at when broken at ``per_line`` em.

    Character by character, as CJK text breaks: dividing the total width by the line's would
    miss the part of a character that does not fit at each line's end (in a 20 mm column
    five characters fit, not 5.6). Where no break is allowed (``_joins``) the whole run moves
    down, as the browser does; a run longer than a line is broken anywhere.
    """
    starts, line, run = [0], indent, 0  # run: where the unbreakable run holding the last character starts
    for index, char in enumerate(paragraph):
        if index and not _joins(paragraph[index - 1], char):
            run = index
        w = advance(char, text)
        if line + w > per_line and index > starts[-1]:
            at = run if run > starts[-1] else index
            starts.append(at)
            line = sum(advance(c, text) for c in paragraph[at:index])
        line += w
    return tuple(starts)


def height(n_lines: int, font_pt: float, style: PageStyle) -> float:
    """Return the height in mm of a cell with ``n_lines`` lines."""
    return n_lines * font_pt * PT_MM * style.line_height + 2 * style.pad_v + 0.4


HALF_WIDTH_EM = 0.5  # 宋体/SimSun digits and Latin: Word and WPS print numbers in it


@lru_cache(maxsize=16384)
def line_mm(text: str, font_pt: float, families: tuple[str, ...], office_face: str = "") -> float:
    """Return the width in mm of ``text`` set on one line: the widest of the faces that may print it.

    The PDF face is measured from its real advances (fontTools); DOCX and XLSX name an office
    face (宋体), whose digits are half an em, and where it is missing the client sets the text
    in what the system gives for that name (fontconfig's match: DejaVu Sans on a bare Linux,
    digits 0.64 em). A number that fits the widest fits in all of them.
    """
    widths = [office_mm(text, font_pt)]
    for face in (_pdf_face(families), _matched_face(office_face) if office_face else None):
        if face:
            advances = face_advances(*face)
            widths.append(sum(advances.get(ord(ch), 1.0 if unicodedata.east_asian_width(ch) in "WF" else NARROW_EM)
                              for ch in text) * font_pt * PT_MM)
    return max(widths)


def _pdf_face(families: tuple[str, ...]) -> tuple[str, int] | None:

    found = resolve(families)
    return (found[0][1], found[0][2]) if found else None


@lru_cache(maxsize=8)
def _matched_face(name: str) -> tuple[str, int] | None:
    """Return (file, index) of the face fontconfig substitutes for ``name``, or None."""

    if not shutil.which("fc-match"):
        return None
    out = subprocess.run(["fc-match", "--format", "%{file}\t%{index}", name], capture_output=True, text=True,
                         check=False).stdout
    file, _, index = out.partition("\t")
    return (file, int(index or 0)) if file else None


def office_mm(text: str, font_pt: float) -> float:
    """Return the width in mm of ``text`` on one line in 宋体: CJK one em, the rest half."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else HALF_WIDTH_EM for ch in text) * font_pt * PT_MM
