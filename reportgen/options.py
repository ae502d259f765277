"""Render options, documented field by field in one place."""
from __future__ import annotations

from dataclasses import dataclass, field

from .fonts import FontConfig
from .style import PageStyle


@dataclass(frozen=True)
class RenderOptions:
    """How to render.

    fonts      faces for PDF (installed family stacks) and for DOCX/XLSX (names Word/Excel use)
    landscape  A4 landscape instead of the form's default orientation (None: the form decides)
    """

    fonts: FontConfig = field(default_factory=FontConfig)
    landscape: bool | None = None

    def page_style(self, form_landscape: bool) -> PageStyle:
        return PageStyle(landscape=form_landscape if self.landscape is None else self.landscape)
