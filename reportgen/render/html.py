"""HTML writer: the print view of a form, paginated, with its stylesheet inline.

The HTML is self-contained (fonts by family name through fontconfig), so a plain
``weasyprint out.html out.pdf`` gives the same PDF as ``reportgen render -f pdf``.
"""
from __future__ import annotations

from functools import lru_cache

import jinja2
from markupsafe import Markup

from ..fonts import css_stack
from ..layout import Cell, FormLayout, Role
from ..options import RenderOptions
from ..resources import templates_dir
from .pages import paginate

NAME, SUFFIX, BINARY = "html", ".html", False


LONG_TEXT = 80  # characters: a row holding more running text than this may break across pages


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir()),
        autoescape=True,  # every text comes from user files
        undefined=jinja2.StrictUndefined,
    )
    env.filters["splittable"] = splittable
    return env


def splittable(row: list[Cell]) -> bool:
    """Return True for a row whose long running text may continue on the next page.

    Other rows are kept whole; a tall goals row kept whole would leave a page nearly empty.
    """
    return any(cell.role is Role.TEXT and sum(map(len, cell.text)) > LONG_TEXT for cell in row)


def write(layout: FormLayout, options: RenderOptions) -> str:
    return write_many([layout], options, title=layout.name or layout.title)


def write_many(layouts: list[FormLayout], options: RenderOptions, title: str) -> str:
    """Return one HTML document holding every form of ``layouts``, each starting a page."""
    forms = []
    for layout in layouts:
        fitted, style = options.prepare(layout)
        forms.append({"layout": fitted, "name": layout.name, "style": style, "pages": paginate(fitted, style)})
    return environment().get_template("form.html.j2").render(
        title=title,
        forms=forms,
        style=forms[0]["style"],
        # Stylesheet values, not text: css_stack() has removed anything that could end a rule.
        body_font=Markup(css_stack(options.fonts.body, "serif")),
        title_font=Markup(css_stack(options.fonts.title, "sans-serif")),
    )
