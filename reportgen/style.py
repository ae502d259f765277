"""Print metrics shared by every writer, so that PDF, DOCX and XLSX agree on the page."""
from __future__ import annotations

from dataclasses import dataclass

A4 = (210.0, 297.0)  # mm
NARROW_EM = 0.56  # a Latin letter or digit of the PDF's faces, in em
SLACK = 1.06      # the PDF's widths counted a little wide, so a line we think fits does fit
# GB/T 9704-2012: 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm.
GBT9704_MARGINS = {"margin_top": 37.0, "margin_bottom": 35.0, "margin_left": 28.0, "margin_right": 26.0}
NARROW_TEXT = 45.0  # mm: office writers align running text in a narrower cell left, since
                    # Word, WPS and LibreOffice justify CJK by spreading its characters apart


@dataclass(frozen=True)
class TextSet:
    """How the height model counts a cell's text: the em of a wide (CJK) character and of any
    other, and which East Asian width classes are wide. The default is the PDF's;
    ``geometry.sheet`` has the spreadsheets' own.
    """

    wide_em: float = SLACK
    narrow_em: float = NARROW_EM * SLACK
    wide_classes: str = "WF"


@dataclass(frozen=True)
class PageStyle:
    """Paper, margins (mm) and type sizes (pt) of a printed form."""

    landscape: bool = False
    margin_top: float = 18.0
    margin_bottom: float = 20.0
    margin_left: float = 15.0
    margin_right: float = 15.0
    body_pt: float = 10.5          # 五号
    title_pt: float = 18.0         # 小二
    subtitle_pt: float = 12.0      # 小四
    line_height: float = 1.35
    pad_v: float = 1.0             # cell padding, mm
    pad_h: float = 1.2
    text: TextSet = TextSet()

    @property
    def size(self) -> tuple[float, float]:
        return (A4[1], A4[0]) if self.landscape else A4

    @property
    def content_width(self) -> float:
        return self.size[0] - self.margin_left - self.margin_right

    @property
    def content_height(self) -> float:
        return self.size[1] - self.margin_top - self.margin_bottom


PT_MM = 25.4 / 72
