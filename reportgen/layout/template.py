"""Form layouts as Jinja templates of HTML tables, read into the format-neutral grid.

A form's ``layout.html.j2`` is rendered with ``form`` (the validated model) and ``calc`` (the
figures its profile computes, ``reportgen.forms.calc``), then read by ``reader.read`` into a
``FormLayout``. The vocabulary, all of it:

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
  boxes (☑ the value, □ the rest), as many to a line as fit or ``data-per-row="4"``. The cell's text is its content, or one
  ``<p>`` per paragraph. ``colgroup``, ``thead``, ``tbody`` are allowed and ignored.

Text: what ``{{ … }}`` prints reaches the grid verbatim, every character; the template's own
text loses its white space at the ends of a cell or paragraph (indentation never leaks). None
prints as nothing. Filters ``amount``, ``rate``, ``points``, ``percent`` format numbers as
``reportgen.money`` does; globals ``tree_weight(node)`` and ``tree_rows(node)`` give a tree's
points and 三级 row count. Shared templates (``templates/forms/_macros``: the page to extend; cells, tree, funds, scores,
signoff macros) are found after the form's own folder.

Templates are untrusted: a sandbox with autoescape and ``StrictUndefined``; any failure is a
``LayoutTemplateError`` naming the template file and line.
"""
from __future__ import annotations

import bisect
import re
import traceback
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from ..money import format_amount, format_percent, format_points, format_rate, shown_rate
from ..resources import templates_dir
from .grid import FormLayout
from .reader import LayoutTemplateError, read

LAYOUT = "layout.html.j2"
MACROS = "_macros"

_values: ContextVar[list[str]] = ContextVar("layout_values")
# A start tag outside Jinja's own tags: it gets ``data-at`` naming its file and line.
_TAG = re.compile(r"(\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\})|<([a-zA-Z][a-zA-Z0-9]*)", re.DOTALL)


def render_layout(folder: Path, context: dict, money_unit: str = "",
                  choices: dict[str, tuple[str, ...]] | None = None,
                  ancestors: tuple[tuple[str, str], ...] = ()) -> FormLayout:
    """Return the FormLayout of ``folder``'s layout template rendered with ``context``; money
    cells print in ``money_unit`` (the form's ``money_unit``, 万元) unless they name their own;
    ``ticks`` cells print the options ``choices`` gives their binding (the schema's).
    ``ancestors`` name the layouts of a variant's parents (``selfeval-2020/layout.html.j2`` → its
    file), which the variant's layout may extend, overriding their blocks."""
    env = environment(str(folder), ancestors)
    values: list[str] = []
    token = _values.set(values)
    try:
        html = env.get_template(LAYOUT).render(context)
    except Exception as exc:  # a user's template may fail in any way: report where, not how
        raise located(exc, env.loader, folder) from None
    finally:
        _values.reset(token)
    return read(html, values, env.loader.files, money_unit, choices)


@lru_cache(maxsize=None)
def environment(folder: str, ancestors: tuple[tuple[str, str], ...] = ()) -> ImmutableSandboxedEnvironment:
    """Return the environment of one form folder; it compiles each template once."""
    from .trees import tree_rows, tree_weight

    env = ImmutableSandboxedEnvironment(
        loader=_LocatingLoader([folder, str(templates_dir() / "forms" / MACROS)], dict(ancestors)),
        autoescape=True, undefined=jinja2.StrictUndefined, finalize=_hold,
        trim_blocks=True, lstrip_blocks=True, auto_reload=False,
    )
    env.filters.update(amount=format_amount, rate=format_rate, points=format_points, percent=format_percent,
                       shown_rate=_shown_rate)
    env.globals.update(tree_weight=tree_weight, tree_rows=tree_rows)
    return env


def _shown_rate(ratio, whole: bool = False):
    """The rate as a form prints it (``money.shown_rate``); a blank stays blank."""
    return None if ratio is None else shown_rate(ratio, whole)


@jinja2.pass_eval_context  # else Jinja folds {{ " x " }} at compile time into template markup, trimmed
def _hold(eval_ctx, value: object) -> object:
    """Print a value as a reference to its exact text, which the reader puts back verbatim."""
    if isinstance(value, Markup):  # a macro's or caller's output: template markup
        return value
    values = _values.get()
    values.append("" if value is None else str(value))
    return f"\ufdd0{len(values) - 1}\ufdd1"


class _LocatingLoader(jinja2.FileSystemLoader):
    """Load templates with each start tag marked ``data-at="<file index>:<line>"`` for error messages."""

    def __init__(self, searchpath: list[str], named: dict[str, str] | None = None):
        super().__init__(searchpath)
        self.files: list[str] = []
        self.named = named or {}  # "<form-id>/layout.html.j2" → an ancestor's layout file

    def get_source(self, environment, template):
        if template in self.named:
            path = Path(self.named[template])
            source, filename, uptodate = path.read_text(encoding="utf-8"), str(path), lambda: True
        else:
            source, filename, uptodate = super().get_source(environment, template)
        if filename not in self.files:
            self.files.append(filename)
        return _mark_tags(source, self.files.index(filename)), filename, uptodate


def _mark_tags(source: str, index: int) -> str:
    starts = [0] + [m.end() for m in re.finditer("\n", source)]

    def mark(match: re.Match) -> str:
        if match[1]:
            return match[0]
        return f'<{match[2]} data-at="{index}:{bisect.bisect_right(starts, match.start())}"'

    return _TAG.sub(mark, source)


def located(exc: Exception, loader: _LocatingLoader, folder: Path) -> LayoutTemplateError:
    """Return ``exc`` of a render as an error at the template file and line it came from."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return LayoutTemplateError(exc.filename or str(folder / LAYOUT), exc.lineno,
                                   f"模板语法错误：{exc.message}", f"syntax error: {exc.message}")
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename in loader.files]
    file, line = (frames[-1].filename, frames[-1].lineno) if frames else (str(folder / LAYOUT), 0)
    if isinstance(exc, jinja2.TemplateNotFound):
        return LayoutTemplateError(file, line, f"找不到模板 {exc.name}", f"template {exc.name} not found")
    if isinstance(exc, jinja2.UndefinedError):
        return LayoutTemplateError(file, line, f"未定义的名称或字段：{exc}", f"undefined: {exc}")
    if isinstance(exc, jinja2.exceptions.SecurityError):
        return LayoutTemplateError(file, line, f"模板不允许的操作：{exc}", f"not allowed in a template: {exc}")
    return LayoutTemplateError(file, line, f"渲染失败：{exc}", f"rendering failed: {type(exc).__name__}: {exc}")
