"""Form layouts as Jinja templates of HTML tables, read into the format-neutral grid.

A form's ``layout.html.j2`` is rendered with ``form`` (the validated form as plain data) and
``calc`` (the figures its profile computes, ``reportgen.forms.calc``), then read by
``reader.read`` into a ``FormLayout``. The vocabulary, all of it:

- ``<body data-name="…" data-sheet-name="…" data-landscape="true" data-body-pt="9">``: the form;
  ``<head>`` is ignored (a title and a style there only help browsers).
- ``<h1>`` the title, ``<p class="subtitle">``, ``<p class="caption">``; ``<div class="notes">``
  with one ``<p>`` per note printed below the tables.
- ``<table data-header-rows="1">``: the header rows repeat on every page. ``<col data-mm="19">``
  per column (millimetres), before the first row; ``data-min``/``data-max`` on every column give
  ``Table.bounds``, else the widths are fixed.
- ``<tr>`` a row; ``<td class="ROLE" rowspan colspan data-bind="project.name" data-number="…">``
  a cell, placed in the next free slot as in HTML. ROLE is one of label, head, value, text,
  money, rate, points, section, ticks. ``data-bind`` names the field shown (user path), ``data-number``
  the exact value behind a number cell (blank: none); ``data-unit="万元"`` on a money cell prints
  its amount in 万元 (the form's ``money_unit`` in form.yaml is every money cell's default).
  ``class="ticks"`` on a cell bound to a ``choice`` field prints the schema's options as tick
  boxes (☑ the value, □ the rest), as many to a line as fit (laid again once the widths are fitted:
  ``geometry``) or ``data-per-row="4"``. The cell's text is its content, or one
  ``<p>`` per paragraph. ``colgroup``, ``thead``, ``tbody`` are allowed and ignored.
- ``{{ field("funds.annual", colspan=2) }}``: a whole cell printing and binding one field, its
  format and role from the field's type (``fields.py``).

Text: what ``{{ … }}`` prints reaches the grid verbatim, every character; the template's own
text loses its white space at the ends of a cell or paragraph (indentation never leaks). None
prints as nothing. Filters ``amount``, ``rate``, ``points``, ``percent`` format numbers as
``reportgen.money`` does, ``canonical``, ``normalised`` and ``indicator`` an indicator value;
globals ``tree_weight(node)`` and ``tree_rows(node)`` give a tree's points and 三级 row count.
Shared templates (``templates/forms/_macros``: the page to extend; cells, tree, funds, scores,
signoff macros) are found after the form's own folder.

Templates are untrusted (``sandbox.py``): they get plain data only (``forms/plain.py``), run bounded in
time and output, and read templates only inside their folder and ``_macros``, never through a
symbolic link that leaves them; any failure is a ``LayoutTemplateError`` naming the file and line.
"""
from __future__ import annotations

import bisect
import os
import re
import traceback
from decimal import Decimal
from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from ..errors import FileRefused, LayoutTemplateError
from ..files import read_inside
from ..messages import msg
from ..money import format_amount, format_percent, format_points, format_rate, shown_rate
from ..resources import templates_dir
from . import fields, sandbox
from .grid import FormLayout
from .reader import read
from .sandbox import LayoutSandbox, TemplateTimeout, bounded, budget
from .trees import tree_rows, tree_weight

LAYOUT = "layout.html.j2"
MACROS = "_macros"

# A start tag outside Jinja's own tags: it gets ``data-at`` naming its file and line.
_FIELD = re.compile(r"\{\{-?\s*field\(.*\)\s*-?\}\}$", re.DOTALL)
_TAG = re.compile(r"(\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\})|<([a-zA-Z][a-zA-Z0-9]*)", re.DOTALL)


def render_layout(folder: Path, context: dict, printing=None, strict: bool = False, money_unit: str = "",
                  choices: dict[str, tuple[str, ...]] | None = None,
                  ancestors: tuple[tuple[str, str], ...] = ()) -> FormLayout:
    """Return the FormLayout of ``folder``'s layout template rendered with ``context``.

    The context must be plain data (``forms/plain.py``): mappings, lists, text, numbers, ``None``;
    anything else (a path, a model, with methods that touch files) is refused before the template
    runs. ``printing`` (``forms.printing.Printing`` of the form's schema) gives ``field(path)`` its
    types and checks every binding (``fields.Bindings``); ``strict`` also compares each bound cell
    with its field's value (a form's starter). Money cells print in ``money_unit`` (the form's
    ``money_unit``, 万元) unless they name their own; ``ticks`` cells print the options ``choices``
    gives their binding (the schema's). ``ancestors`` name the layouts of a variant's parents
    (``selfeval-2020/layout.html.j2`` → its file), which the variant's layout may extend,
    overriding their blocks.
    """
    _plain_only(context)
    env = environment(str(folder), ancestors)
    tokens = (fields.values.set([]), fields.printing.set(printing), fields.form.set(context.get("form")))
    try:
        with bounded():
            html = _rendered(env, context)
        bindings = fields.Bindings(context.get("form"), strict)
        layout = read(html, fields.values.get(), env.loader.files, bindings, money_unit, choices)
    except LayoutTemplateError:
        raise
    except (Exception, TemplateTimeout) as exc:  # a user's template may fail in any way: report where, not how
        raise located(exc, env, folder) from None
    finally:
        fields.values.reset(tokens[0])
        fields.printing.reset(tokens[1])
        fields.form.reset(tokens[2])
    if strict and printing is not None:
        unbound_required(layout, context.get("form"), printing, str(folder / LAYOUT))
    return layout


_PLAIN = (str, int, bool, Decimal, type(None))  # exact types: a subclass may carry methods of its own


def _plain_only(value: object) -> None:
    """Refuse a context that is not plain data: a template must reach nothing with methods of its own."""
    stack = [value]
    while stack:
        item = stack.pop()
        if type(item) is dict:
            stack += item.values()
        elif type(item) is list:
            stack += item
        elif type(item) not in _PLAIN:
            raise TypeError(f"a layout template gets plain data only, not {type(item).__name__}")


def unbound_required(layout: FormLayout, form: object, printing, file: str) -> None:
    """Refuse a required field printed in a cell that binds nothing (an edit of it would be lost)."""
    bound = {cell.binding for table in layout.tables for cell in table.cells if cell.binding}
    loose = {cell.plain for table in layout.tables for cell in table.cells if not cell.binding and cell.plain}
    for path, kind in printing.required_texts(form):
        text = printing.shown(kind, printing.lookup(form, path))
        if path not in bound and len(text) >= 2 and text in loose:
            raise LayoutTemplateError(file, 0, msg("layout.unbound-required", path=path, text=text))


def _rendered(env: LayoutSandbox, context: dict) -> str:
    """Return the template's output, its size counted as it is made."""
    chunks = []
    for chunk in env.get_template(LAYOUT).generate(context):
        budget.get().spend(len(chunk))
        chunks.append(chunk)
    return "".join(chunks)


@cache
def environment(folder: str, ancestors: tuple[tuple[str, str], ...] = ()) -> LayoutSandbox:
    """Return the environment of one form folder; it compiles each template once."""
    filters = {"amount": format_amount, "rate": format_rate, "points": format_points, "percent": format_percent,
                   "shown_rate": _shown_rate, "canonical": _canonical, "normalised": _normalised, "indicator": _indicator,
                   "placed": _placed}
    return LayoutSandbox(
        {"tree_weight": tree_weight, "tree_rows": tree_rows, "field": fields.field}, filters,
        loader=_LocatingLoader([folder, str(templates_dir() / "forms" / MACROS)], dict(ancestors)),
        autoescape=True, undefined=jinja2.StrictUndefined, finalize=_hold,
        trim_blocks=True, lstrip_blocks=True, auto_reload=False,
    )


def _shown_rate(ratio, whole: bool = False):
    """The rate as a form prints it (``money.shown_rate``); a blank stays blank."""
    return None if ratio is None else shown_rate(ratio, whole)


def _canonical(value: object) -> str:
    """An indicator value (指标值) in the 2026 system's form ``≥500.00(件)``; a blank stays blank."""
    return fields.current().canonical(value)


def _normalised(value: object) -> str:
    """An indicator value as written, its operator spelled as printed (``>=90%`` → ``≥90%``)."""
    return fields.current().normalised(value)


def _indicator(value: object) -> dict | None:
    """An indicator value's parts as plain data: ``text``, ``quantitative``, ``op``, ``number``, ``unit``."""
    return fields.current().indicator(value)


def _placed(cell: Markup, at: str) -> Markup:
    """A cell ``field()`` wrote, marked with the template line that wrote it (as every start tag is)."""
    return Markup(str(cell).replace("<td", f'<td data-at="{at}"', 1))


@jinja2.pass_eval_context  # else Jinja folds {{ " x " }} at compile time into template markup, trimmed
def _hold(eval_ctx, value: object) -> object:
    """Print a value as a reference to its exact text, which the reader puts back verbatim."""
    if isinstance(value, Markup):  # a macro's or caller's output: template markup
        budget.get().spend(len(value))
        return value
    budget.get().spend(len(str(value)) if value is not None else 0)
    return fields.held(value)


class _LocatingLoader(jinja2.BaseLoader):
    """Load templates from the first folder that has them, each start tag marked
    ``data-at="<file index>:<line>"`` for error messages.

    A name is a path below a folder (no ``..``), and the file must stay inside that folder once
    symbolic links are followed and be a regular file: a template reads nothing else.
    """

    def __init__(self, searchpath: list[str], named: dict[str, str] | None = None):
        self.searchpath = [Path(folder) for folder in searchpath]
        self.files: list[str] = []
        self.names: dict[str, str] = {}  # file → template name
        self.named = named or {}  # "<form-id>/layout.html.j2" → an ancestor's layout file

    def get_source(self, environment, template):
        if template in self.named:  # a variant's parent: read inside the parent's own folder
            return self._source(Path(self.named[template]), Path(self.named[template]).parent, template)
        parts = jinja2.loaders.split_template_path(template)
        for folder in self.searchpath:
            path = folder.joinpath(*parts)
            if os.path.lexists(path):
                return self._source(path, folder, template)
        raise jinja2.TemplateNotFound(template)

    def _source(self, path: Path, folder: Path, template: str):
        """Return the source of ``path``, read only inside ``folder``, its tags marked with their place."""
        try:
            source = read_inside(path, folder)
        except FileRefused as exc:
            raise jinja2.TemplateNotFound(f"{template} ({exc})") from None
        filename = str(path)
        if filename not in self.files:
            self.files.append(filename)
            self.names[filename] = template
        return _mark_tags(source, self.files.index(filename)), filename, lambda: True


def _mark_tags(source: str, index: int) -> str:
    starts = [0] + [m.end() for m in re.finditer("\n", source)]

    def mark(match: re.Match) -> str:
        if match[1] and _FIELD.match(match[1]):  # field() writes its own <td>: it is placed at this line
            line = bisect.bisect_right(starts, match.start())
            inner = match[1][2:-2]
            lead, trail = ("-" if inner.startswith("-") else ""), ("-" if inner.endswith("-") else "")
            return f"{{{{{lead} ({inner.strip('- ')})|placed('{index}:{line}') {trail}}}}}"
        if match[1]:
            return match[0]
        return f'<{match[2]} data-at="{index}:{bisect.bisect_right(starts, match.start())}"'

    return _TAG.sub(mark, source)


def located(exc: BaseException, env: LayoutSandbox, folder: Path) -> LayoutTemplateError:
    """Return ``exc`` of a render as an error at the template file and line it came from."""
    loader = env.loader
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return LayoutTemplateError(exc.filename or str(folder / LAYOUT), exc.lineno,
                                   msg("layout.syntax", message=exc.message))
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename in loader.files]
    file, line = (frames[-1].filename, frames[-1].lineno) if frames else (str(folder / LAYOUT), 0)
    if isinstance(exc, TemplateTimeout):  # Jinja maps only an Exception's lines back to the template
        line = env.get_template(loader.names[file]).get_corresponding_lineno(line) if frames else 0
        return LayoutTemplateError(file, line, msg("layout.too-slow", time_limit=sandbox.TIME_LIMIT))
    if isinstance(exc, jinja2.TemplateNotFound):
        return LayoutTemplateError(file, line, msg("layout.no-template", name=exc.name))
    if isinstance(exc, jinja2.UndefinedError):
        return LayoutTemplateError(file, line, msg("layout.undefined", exc=exc))
    if isinstance(exc, jinja2.exceptions.SecurityError):
        return LayoutTemplateError(file, line, msg("layout.not-allowed", exc=exc))
    return LayoutTemplateError(file, line, msg("layout.failed", exc=exc, error=type(exc).__name__))
