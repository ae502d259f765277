"""Render options, documented field by field in one place."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .fonts import FontConfig
from .style import PageStyle

if TYPE_CHECKING:
    from .layout import FormLayout


@dataclass(frozen=True)
class RenderOptions:
    """How to render.

    fonts      faces for PDF (installed family stacks) and for DOCX/XLSX (names Word/Excel use)
    landscape  A4 landscape instead of the form's default orientation (None: the form decides)
    """

    fonts: FontConfig = field(default_factory=FontConfig)
    landscape: bool | None = None

    def page_style(self, layout: "FormLayout") -> PageStyle:
        """Return the page of ``layout``: its own orientation and type size unless overridden."""
        landscape = layout.landscape if self.landscape is None else self.landscape
        if layout.body_pt:
            return PageStyle(landscape=landscape, body_pt=layout.body_pt)
        return PageStyle(landscape=landscape)

    def prepare(self, layout: "FormLayout") -> tuple["FormLayout", PageStyle]:
        """Return ``layout`` fitted to its page's width, and that page."""
        style = self.page_style(layout)
        return layout.fitted(style.content_width), style
