"""PDF writer: the HTML writer's page, laid out by WeasyPrint (``engine="typst"``: ``render.typst``).

WeasyPrint fetches nothing: the HTML carries its stylesheet, fonts come from fontconfig, and
the URL fetcher refuses every request, so a hostile input cannot reach the network or disk.
"""
from __future__ import annotations

import ctypes.util
import logging
import sys
from functools import lru_cache
from pathlib import Path

from ..errors import FetchRefused
from ..fonts import css_family
from ..geometry import PlannedForm
from ..options import RenderOptions
from ..reproducible import document_date
from . import embed, html, typst


def load_weasyprint():
    """Import WeasyPrint without the library search its start-up would run.

    WeasyPrint tries several names for each library (Pango, HarfBuzz …); through cffi each name
    that does not load at once goes to ``ctypes.util.find_library``, which runs ``ldconfig``,
    then ``gcc`` and ``ld``, at every start. Its list also holds each file name proper
    (``libpango-1.0.so.0``, ``.dylib``, ``.dll``), which loads directly; so the search is switched
    off while it imports, and used only if the import fails without it.
    """
    if "weasyprint.text.ffi" in sys.modules:
        return sys.modules["weasyprint"]
    search = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        import weasyprint.text.ffi  # noqa: F401
    except OSError:
        for name in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
            del sys.modules[name]
        ctypes.util.find_library = search
        import weasyprint.text.ffi  # noqa: F401
    finally:
        ctypes.util.find_library = search
    return sys.modules["weasyprint"]


def refuse_fetch(url: str, *args: object, **kwargs: object) -> dict:
    raise FetchRefused(f"reportgen does not fetch resources while rendering: {url}")


@lru_cache(maxsize=8)
def _fetcher(allowed: frozenset[str] = frozenset()):
    """Return a WeasyPrint URL fetcher that refuses every URL but our own font files."""
    load_weasyprint()
    from weasyprint.urls import URLFetcher  # WeasyPrint: loaded through load_weasyprint, on first use

    class RefusingFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url in allowed:
                return super().fetch(url, headers)
            return refuse_fetch(url)

    return RefusingFetcher(fail_on_errors=False)


def font_urls(options: RenderOptions) -> frozenset[str]:
    return frozenset(Path(path).as_uri() for _, path in options.fonts.embedded)


@lru_cache(maxsize=1)
def _font_config():
    load_weasyprint()
    from weasyprint.text.fonts import FontConfiguration  # WeasyPrint: loaded through load_weasyprint, on first use

    return FontConfiguration()


def write(form: PlannedForm, options: RenderOptions) -> bytes:
    if options.engine == "typst":
        return typst.write(form, options)
    document = layout_document(html.write(form, options), options)
    attachments = embed.pdf_attachments([form.layout], document_date(options.date), options.pdf_variant)
    return document.write_pdf(attachments=attachments, **pdf_arguments(options))


def html_to_pdf(source: str, options: RenderOptions | None = None) -> bytes:
    """Return the PDF of an HTML document made by the HTML writer."""
    return layout_document(source, options or RenderOptions()).write_pdf(**pdf_arguments(options))


def layout_document(source: str, options: RenderOptions):
    """Return the WeasyPrint document (pages laid out) of an HTML document of ours."""
    weasyprint = load_weasyprint()

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    fetcher = _fetcher(font_urls(options))
    return weasyprint.HTML(string=source, url_fetcher=fetcher, base_url=None).render(font_config=_font_config())


_registered: set[tuple] = set()


def register_faces(options: RenderOptions) -> None:
    """Load the pre-subset faces into this process's font configuration, once.

    Every ``@font-face`` rule makes WeasyPrint reconfigure fontconfig and Pango, which costs
    about half a second a document; a booklet's chunks declare none and find the faces here.
    """
    if not options.fonts.embedded or options.fonts.embedded in _registered:
        return

    rules = "".join(f'@font-face {{ font-family: {css_family(family)}; src: url("{Path(path).as_uri()}"); }}'
                    for family, path in options.fonts.embedded)
    layout_document(f"<html><head><style>{rules}</style></head><body></body></html>", options)
    _registered.add(options.fonts.embedded)


def pdf_arguments(options: RenderOptions | None) -> dict:
    """Return write_pdf's arguments: pre-subset faces are embedded whole, as they are."""
    if options is None:
        return {}
    arguments = {"full_fonts": bool(options.fonts.embedded)}
    if options.pdf_variant:
        arguments["pdf_variant"] = options.pdf_variant
    return arguments


def fast_subsetter_available() -> bool:
    """Return True when WeasyPrint can subset fonts with HarfBuzz (libharfbuzz-subset0).

    Asks WeasyPrint, which has tried to load the library already: ``ctypes.util.find_library``
    would run ``ldconfig``, and ``gcc`` and ``ld`` where that finds nothing, at every start.
    """
    load_weasyprint()
    from weasyprint.text import ffi  # WeasyPrint: loaded through load_weasyprint, on first use

    return getattr(ffi, "harfbuzz_subset", None) is not None
