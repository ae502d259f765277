"""Render options: plain data, documented field by field in one place."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .fonts import FontConfig

PROFILES = ("form", "gbt9704")
# The PDF variants of WeasyPrint a booklet or form may ask for (its other ones are for debugging).
# The PDF engines: WeasyPrint (the default and the reference) and Typst (reportgen[typst]).
ENGINES = ("weasyprint", "typst")
PDF_VARIANTS = ("pdf/a-1b", "pdf/a-2b", "pdf/a-3b", "pdf/a-2u", "pdf/a-3u", "pdf/a-4u", "pdf/ua-1")


@dataclass(frozen=True)
class RenderOptions:
    """How to render.

    fonts         faces for PDF (installed family stacks) and for DOCX/XLSX (names Word/Excel use)
    landscape     A4 landscape instead of the form's default orientation (None: the form decides)
    date          the date written into documents (None: SOURCE_DATE_EPOCH, else today)
    profile       "form" (as the seeds print) or "gbt9704" (GB/T 9704-2012 margins and page numbers)
    page_numbers  print "- N -" at the foot (a booklet stamps its own, continuous numbers instead)
    odd_pages     start every form on an odd (right-hand) page, for double-sided printing
    pdf_variant   a WeasyPrint PDF variant such as "pdf/a-2b"
    watermark     a text across every page, such as 征求意见稿
    first_page    the number of the first page (a booklet's chunks continue the numbering)
    engine        the PDF engine, one of ENGINES: both draw the same planned pages
    """

    fonts: FontConfig = field(default_factory=FontConfig)
    landscape: bool | None = None
    date: date | None = None
    profile: str = "form"
    page_numbers: bool = True
    odd_pages: bool = False
    pdf_variant: str | None = None
    watermark: str | None = None
    first_page: int = 1
    engine: str = "weasyprint"
