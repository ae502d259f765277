"""``reportgen booklet``: a unit's forms as one print-ready booklet, in PDF, DOCX or XLSX."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from pydantic import ValidationError

from ..forms import form_type
from ..inputs import collect
from ..load import read_source
from ..load.loader import schema_problem
from ..options import RenderOptions
from ..pipeline import examine
from ..problems import Problem
from .front import Cover, Entry
from .manifest import Booklet, Manifest, is_manifest


@dataclass
class Plan:
    """What goes into a booklet, and what was left out with the problems that kept it out."""

    booklet: Booklet
    forms: list = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def plan(arguments: list[str], options: RenderOptions) -> Plan:
    """Return the booklet's manifest (given or implied) and its checked forms, in order."""
    booklet, inputs, problems = _manifest(arguments)
    result = Plan(booklet, problems=problems)
    items, missing = collect(inputs)
    result.failed += missing
    for item in items:
        form, found = examine(item.path, options)
        result.problems += found
        if form is None or any(p.severity == "error" for p in found):
            result.failed.append(str(item.path))
        else:
            result.forms.append(form)
    return result


def _manifest(arguments: list[str]) -> tuple[Booklet, list[str], list[Problem]]:
    """Return the manifest named among ``arguments`` (or an empty one) and the form inputs."""
    for argument in arguments:
        path = Path(argument)
        if path.is_file() and path.suffix.lower() in (".yaml", ".yml", ".json"):
            source = read_source(path)
            if is_manifest(source.data):
                try:
                    booklet = Manifest.model_validate(source.data).booklet
                except ValidationError as exc:
                    problems = [replace(schema_problem(e, source, Manifest), file=str(path)) for e in exc.errors()]
                    return Booklet(projects=["-"]), [], problems
                others = [a for a in arguments if a != argument]
                return booklet, others + [str(path.parent / p) for p in booklet.projects], []
    return Booklet(projects=list(arguments)), list(arguments), []


KIND_WORDS = {"target": "绩效目标", "selfeval": "绩效自评", "monitor": "绩效运行监控"}  # the cover's title


def cover_of(result: Plan, day=None) -> Cover:
    """Return the cover: the manifest's words, else what the forms say; ``day`` as its date."""
    from .manifest import default_date

    b = result.booklet
    first = result.forms[0] if result.forms else None
    unit = b.unit or (getattr(first, "unit", None) or "")
    year = b.year or (first.year if first else "")
    kinds = {f.definition.kind for f in result.forms}
    kind = KIND_WORDS.get(kinds.pop(), "绩效") if len(kinds) == 1 else "绩效"
    title = b.title or f"{unit} {year} 年度项目{kind}汇总表".strip()
    day = day or b.date or default_date()
    return Cover(title=title, unit=unit, year=year, date=f"{day.year} 年 {day.month} 月 {day.day} 日",
                 lines=tuple(b.cover_lines))


def entries_of(forms: list) -> list[Entry]:
    return [Entry(form.summary(), form_type(form.form).title) for form in forms]


def layouts_of(forms: list) -> list:
    from ..render.embed import with_source

    return [with_source(form_type(form.form).layout(form), form) for form in forms]
