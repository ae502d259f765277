"""PDF writer: the HTML writer's page, laid out by WeasyPrint.

WeasyPrint fetches nothing: the HTML carries its stylesheet, fonts come from fontconfig, and
the URL fetcher refuses every request, so a hostile input cannot reach the network or disk.
"""
from __future__ import annotations

import logging
from functools import lru_cache

from ..layout import FormLayout
from ..options import RenderOptions
from . import html

NAME, SUFFIX, BINARY = "pdf", ".pdf", True


class FetchRefused(ValueError):
    pass


def refuse_fetch(url: str, *args: object, **kwargs: object) -> dict:
    raise FetchRefused(f"reportgen does not fetch resources while rendering: {url}")


@lru_cache(maxsize=1)
def _fetcher():
    """Return a WeasyPrint URL fetcher that refuses every URL (WeasyPrint ≥ 70 wants an object)."""
    from weasyprint.urls import URLFetcher

    class RefusingFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            return refuse_fetch(url)

    return RefusingFetcher(fail_on_errors=False)


@lru_cache(maxsize=1)
def _font_config():
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def write(layout: FormLayout, options: RenderOptions) -> bytes:
    return html_to_pdf(html.write(layout, options), title=layout.name or layout.title)


def html_to_pdf(source: str, title: str = "") -> bytes:
    """Return the PDF of an HTML document made by the HTML writer."""
    import weasyprint

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    document = weasyprint.HTML(string=source, url_fetcher=_fetcher(), base_url=None)
    return document.write_pdf(font_config=_font_config())


def fast_subsetter_available() -> bool:
    """Return True when WeasyPrint can subset fonts with HarfBuzz (libharfbuzz-subset0)."""
    import ctypes.util

    return ctypes.util.find_library("harfbuzz-subset") is not None
