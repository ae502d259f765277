"""A form planned for print: its page, its columns fitted, its pages and its sheet rows."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ..layout import FormLayout
from ..options import RenderOptions
from ..style import GBT9704_MARGINS, PageStyle
from .pages import Page, paginate
from .sheet import SheetPlan, sheet_plan
from .widths import fit_form


@dataclass(frozen=True, eq=False)
class PlannedForm:
    """What every writer receives: the grid with its widths fitted to the page and the content,
    that page, and (planned when first asked) its printed pages and its spreadsheet rows."""

    layout: FormLayout
    style: PageStyle

    @cached_property
    def pages(self) -> tuple[Page, ...]:
        return paginate(self.layout, self.style)

    @cached_property
    def sheet(self) -> SheetPlan:
        return sheet_plan(self.layout, self.style)


def page_style(layout: FormLayout, options: RenderOptions) -> PageStyle:
    """Return the page of ``layout``: its own orientation and type size unless ``options`` override."""
    landscape = layout.landscape if options.landscape is None else options.landscape
    margins = GBT9704_MARGINS if options.profile == "gbt9704" else {}
    sizes = {"body_pt": layout.body_pt} if layout.body_pt else {}
    return PageStyle(landscape=landscape, **margins, **sizes)


def plan(layout: FormLayout, options: RenderOptions) -> PlannedForm:
    """Return ``layout`` fitted to its page's width and its columns to their content, on that page."""
    style = page_style(layout, options)
    fitted = fit_form(layout.fitted(style.content_width), style, options.fonts.body, options.fonts.office_body)
    return PlannedForm(fitted, style)


def plan_all(layouts: list[FormLayout], options: RenderOptions) -> list[PlannedForm]:
    """Return every layout of ``layouts`` planned: the parts of one document (a booklet, a report)."""
    return [plan(layout, options) for layout in layouts]


def page_count(forms: list[PlannedForm], options: RenderOptions, cover: bool = False) -> int:
    """Return how many pages ``forms`` print as one document, blank left-hand pages included."""
    number = options.first_page + (1 if cover else 0)
    for form in forms:
        for page in form.pages:
            if page.first and options.odd_pages and number % 2 == 0:
                number += 1
            number += 1 + page.spill
    return number - options.first_page
