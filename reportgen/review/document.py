"""The review report as one HTML document (also the PDF's source): summary, then each form marked.

The forms are laid out by the HTML writer exactly as ``render`` prints them (``write_many``),
their cells carrying the marks of ``marks``; the summary goes before them and each form's list
of findings below its last table.
"""
from __future__ import annotations

import re

from markupsafe import escape

from ..checks.catalogue import CATALOGUE
from ..forms import form_type
from ..forms.summary import figures_of
from ..geometry import plan_all
from ..layout import layout_of
from ..messages import word
from ..money import format_amount, format_points, format_rate
from ..options import RenderOptions
from ..problems import LEVELS
from ..render.html import write_many
from ..reproducible import document_date
from . import Reviewed
from .marks import MARKED, marked, place

WORDS = (  # the report's headings and labels: report.NAME in the catalogue
    "title", "units", "forms", "unit", "count", "file", "project", "form", "amount", "executed", "rate",
    "score", "grade", "mark", "level", "code", "field", "line", "message", "why", "clean", "unread", "none",
    "findings", "files",
)
REPORT_CSS = """
span.finding-mark { color: #c00000; font-weight: bold; font-size: 80%; vertical-align: super; line-height: 0;
                    white-space: nowrap; text-indent: 0; }
section.review h1 { margin-bottom: 2mm; }
section.review h2, div.review-list h2 { font-size: 11pt; font-weight: bold; margin: 4mm 0 1.5mm 0; }
table.review { width: 100%; table-layout: fixed; font-size: 8.5pt; line-height: 1.35; }
table.review th { border: 0.6pt solid #000; padding: 0.8mm 1mm; background: #eee; font-weight: bold; }
table.review td { padding: 0.8mm 1mm; word-break: normal; overflow-wrap: anywhere; vertical-align: top; }
table.review td.n { text-align: right; white-space: nowrap; }
table.review td.k { white-space: nowrap; }
td.error, span.error { color: #c00000; } td.warning, span.warning { color: #a05a00; } td.note, span.note { color: #555; }
div.review-list { margin-top: 4mm; break-before: auto; }
p.clean { margin: 2mm 0; }
"""
_FORM_START = re.compile(r'(?=<section class="page [a-z]+ form-start")')


def html(reviewed: list[Reviewed], options: RenderOptions, lang: str = "zh") -> str:
    """Return the report's HTML: the summary, then every form with its marks and findings."""
    words = _words(lang)
    layouts, placed = [], []
    for item in reviewed:
        layout = _layout(item)
        where = place(layout, item.problems) if layout is not None else None
        placed.append(where)
        if layout is not None:
            layouts.append(marked(layout, where))
    document = write_many(plan_all(layouts, options), options, title=words["title"]) if layouts else _empty(words["title"])
    head, body = document.split("<body>", 1)
    body, tail = body.rsplit("</body>", 1)
    before, *forms = _FORM_START.split(body)
    parts = [before, _summary(reviewed, options, lang)]
    for item, where in zip(reviewed, placed):
        listing = _listing(item, where, lang)
        if where is None:
            parts.append(f'<section class="page portrait review"><h2>{escape(item.file)}</h2>'
                         f'<p class="clean">{words["unread"]}</p>{listing}</section>')
            continue
        form = forms.pop(0)
        cut = form.rindex("</section>")
        parts.append(form[:cut] + listing + form[cut:])
    head = head.replace("</style>", REPORT_CSS + "</style>", 1)
    page = head + "<body>" + "".join(parts) + "</body>" + tail
    return MARKED.sub(lambda m: f'<span class="finding-mark">[{m.group(1)}]</span>', page)


def _layout(item: Reviewed):
    """Return the printed layout of ``item``'s form, or None when there is no form to print."""
    if item.form is None or form_type(item.form.form) is None:
        return None
    return layout_of(item.form)


def _empty(title: str) -> str:
    return (f"<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{escape(title)}</title>"
            "<style></style></head><body></body></html>")


def _counts(problems) -> dict[str, int]:
    return {level: sum(p.severity == level for p in problems) for level in LEVELS}


def _cells(values, numeric=(), keep=()) -> str:
    """Return ``values`` as cells: ``numeric`` ones right-aligned, ``keep`` ones on one line."""
    return "".join(f'<td class="{"n" if i in numeric else "k" if i in keep else ""}">{escape(v)}</td>'
                   for i, v in enumerate(values))


def _words(lang: str) -> dict[str, str]:
    return {name: word(f"report.{name}", lang) for name in WORDS}


def _labels(lang: str) -> dict[str, str]:
    """The severities' names, most severe first."""
    return {level: word(f"severity.{level}", lang) for level in LEVELS}


def _head(names) -> str:
    return "<tr>" + "".join(f"<th>{escape(name)}</th>" for name in names) + "</tr>"


def _summary(reviewed: list[Reviewed], options: RenderOptions, lang: str) -> str:
    words, labels = _words(lang), _labels(lang)
    everything = [p for item in reviewed for p in item.problems]
    total = _counts(everything)
    line = f"{document_date(options.date):%Y-%m-%d} · {len(reviewed)} {words['files']} · " + " · ".join(
        f"{labels[level]} {total[level]}" for level in LEVELS)
    units: dict[str, list[Reviewed]] = {}
    for item in reviewed:
        units.setdefault(item.unit or words["none"], []).append(item)
    rows = ["".join(_cells([unit, str(len(items)), *map(str, _counts([p for i in items for p in i.problems]).values())],
                           numeric=(1, 2, 3, 4))) for unit, items in units.items()]
    by_unit = _table([words["unit"], words["count"], *labels.values()], rows, (52, 12, 12, 12, 12))
    rows = [_cells([str(n), item.file, item.project, _form_title(item), *_figures(item),
                    *map(str, _counts(item.problems).values())], numeric=(0, 4, 5, 6, 7, 9, 10, 11))
            for n, item in enumerate(reviewed, 1)]
    by_form = _table(["", words["file"], words["project"], words["form"], words["amount"], words["executed"],
                      words["rate"], words["score"], words["grade"], *labels.values()], rows,
                     (4, 18, 14, 14, 11, 11, 7, 5, 4, 4, 4, 4))
    return (f'<section class="page portrait review"><h1>{words["title"]}</h1><p class="subtitle">{escape(line)}</p>'
            f'<h2>{words["units"]}</h2>{by_unit}<h2>{words["forms"]}</h2>{by_form}</section>')


def _table(head: list[str], rows: list[str], widths: tuple[float, ...]) -> str:
    columns = "".join(f'<col style="width:{w}%">' for w in widths)
    return (f'<table class="review"><colgroup>{columns}</colgroup>{_head(head)}'
            + "".join(f"<tr>{row}</tr>" for row in rows) + "</table>")


def _form_title(item: Reviewed) -> str:
    return item.form.definition.title if item.form is not None else ""


def _figures(item: Reviewed) -> list[str]:
    """Return the form's totals as its booklet line has them: budget (or application), executed, rate, score, grade."""
    if item.form is None:
        return ["", "", "", "", ""]
    line = figures_of(item.form.summary(), item.form.calc.get("grade"))
    return [format_amount(line.amount) if line.amount is not None else "", format_amount(line.executed)
            if line.executed is not None else "", format_rate(line.rate) if line.rate is not None else "",
            format_points(line.score) if line.score is not None else "", line.grade]


def _listing(item: Reviewed, where: dict | None, lang: str) -> str:
    """Return the list of ``item``'s findings, numbered as the marks, each with its 审核说明."""
    words, labels = _words(lang), _labels(lang)
    title = f"{words['findings']}：{item.file}" + (f"（{item.project}）" if item.project else "")
    if not item.problems:
        return f'<div class="review-list"><h2>{escape(title)}</h2><p class="clean">{words["clean"]}</p></div>'
    rows = []
    for number, problem in enumerate(item.problems, 1):
        mark = f"[{number}]" if where and number in where else "—"
        info = CATALOGUE.get(problem.code)
        rows.append(f'<td class="n">{mark}</td><td class="k {problem.severity}">{labels[problem.severity]}</td>'
                    + _cells([problem.code, problem.path, str(problem.line or ""), problem.message(lang),
                              info.why if info else ""], numeric=(2,), keep=(0,)))
    head = [words["mark"], words["level"], words["code"], words["field"], words["line"], words["message"], words["why"]]
    table = _table(head, rows, (6, 6, 8, 18, 5, 37, 20))
    return f'<div class="review-list"><h2>{escape(title)}</h2>{table}</div>'
