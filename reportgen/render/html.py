"""HTML writer: the print view of a form, paginated, with its stylesheet inline.

The HTML is self-contained (fonts by family name through fontconfig), so a plain
``weasyprint out.html out.pdf`` gives the same PDF as ``reportgen render -f pdf``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from ..fonts import css_family, css_stack
from ..geometry import PlannedForm, page_style
from ..geometry.measure import LABEL_POINTS, width_em
from ..layout import FormLayout
from ..layout.grid import splittable
from ..options import RenderOptions
from ..resources import templates_dir
from ..style import PT_MM


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir()),
        autoescape=True,  # every text comes from user files
        undefined=jinja2.StrictUndefined,
    )
    env.filters["splittable"] = splittable
    env.filters["breakable"] = breakable
    env.filters["whole_points"] = whole_points
    return env


RUN_PIECE = 12  # characters of one piece of a long unbroken run
_LONG_RUN = re.compile(r"[!-~]{64,}")  # printable ASCII without a space: no line break in it


def breakable(text: str) -> Markup:
    """Return ``text`` escaped, its long unbroken ASCII runs cut into pieces laid out one by one.

    WeasyPrint measures a run with no break opportunity by laying out the rest of it again at
    every position, quadratic in its length (a 64k-character run took minutes). Pieces in
    ``span.run`` (inline blocks, between which a line may break) keep every character in order
    in the text layer, and add none.
    """
    if not _LONG_RUN.search(text):
        return Markup(escape(text))
    out, position = [], 0
    for match in _LONG_RUN.finditer(text):
        run = match.group(0)
        out.append(escape(text[position:match.start()]))
        out += [f'<span class="run">{escape(run[i:i + RUN_PIECE])}</span>' for i in range(0, len(run), RUN_PIECE)]
        position = match.end()
    out.append(escape(text[position:]))
    return Markup("".join(out))


def whole_points(text: str) -> Markup:
    """Return ``text`` escaped, a label's points such as "(36分)" kept on one line."""
    out, last = [], 0
    for match in LABEL_POINTS.finditer(text):
        out += [escape(text[last:match.start()]), Markup('<span class="nobreak">'), escape(match.group()),
                Markup("</span>")]
        last = match.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


WATERMARK_PT = 60.0


def watermark_box(text: str, style) -> dict:
    """Return where the watermark sits: a box as wide as its text, in the middle of the page."""
    width = width_em(text) * WATERMARK_PT * PT_MM
    return {"left": (style.content_width - width) / 2, "width": width, "size": WATERMARK_PT}


def write(form: PlannedForm, options: RenderOptions) -> str:
    return write_many([form], options, title=form.layout.name or form.layout.title)


def write_many(forms: list[PlannedForm], options: RenderOptions, title: str, cover=None,
               declare_faces: bool = True) -> str:
    """Return one HTML document holding every form of ``forms``, each starting a page.

    ``cover`` (a booklet's ``Cover``) is printed first, on a page of its own. Without
    ``declare_faces`` the pre-subset faces are left to ``pdf.register_faces``.
    """
    printed = []
    for form in forms:
        orientation = "landscape" if form.style.landscape else "portrait"
        pages = [(page, orientation) for page in form.pages]
        printed.append({"layout": form.layout, "name": form.layout.name, "style": form.style, "pages": pages})
    style = forms[0].style if forms else page_style(FormLayout(""), options)
    return environment().get_template("form.html.j2").render(
        mark=watermark_box(options.watermark or "", style),
        title=title,
        forms=printed,
        cover=cover,
        options=options,
        faces=[(Markup(css_family(family)), Path(path).as_uri())
               for family, path in (options.fonts.embedded if declare_faces else ())],
        style=style,
        # Stylesheet values, not text: css_stack() has removed anything that could end a rule.
        body_font=Markup(css_stack(options.fonts.body, "serif")),
        title_font=Markup(css_stack(options.fonts.title, "sans-serif")),
    )
