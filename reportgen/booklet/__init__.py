"""``reportgen booklet``: a unit's forms as one print-ready booklet, in PDF, DOCX or XLSX."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from pydantic import ValidationError

from ..forms import form_type
from ..inputs import Collected, gather
from ..layout import FormLayout, layout_of
from ..load.loader import schema_problem
from ..options import RenderOptions
from ..parallel import map_jobs
from ..pipeline import examine
from ..problems import Problem
from ..render.embed import with_source
from ..source import read_source
from ..source.limits import text_problems
from .front import Cover, Entry
from .manifest import Booklet, Manifest, default_date, is_manifest


@dataclass(frozen=True)
class Member:
    """A form made ready for a booklet, as plain data that crosses between processes (a form's
    model does not: its class is built from the schema at run time): its line in the summary, its
    grid with its source, and the unit and year it names."""

    entry: Entry
    layout: FormLayout
    unit: str
    year: object


@dataclass
class Plan:
    """What goes into a booklet, and what was left out with the problems that kept it out."""

    booklet: Booklet
    members: list[Member] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    found: Collected = field(default_factory=Collected)  # what the inputs reached, skipped or repeated
    files: list[Path] = field(default_factory=list)      # every file read (the manifest too)


def plan(arguments: list[str], options: RenderOptions, root: Path | None = None, jobs: int = 1) -> Plan:
    """Return the booklet's manifest (given or implied) and its checked forms, in order, read,
    checked and laid out in ``jobs`` processes.

    A manifest's projects must lie inside its folder (or inside ``root``); a file reached
    twice is used once, where it first appears.
    """
    booklet, inputs, problems, manifest = _manifest(arguments, root)
    result = Plan(booklet, problems=problems)
    result.failed += [p.params["project"] for p in problems if p.code == "RG116"]
    result.found = gather(inputs)
    items = result.found.inputs
    result.failed += result.found.missing + [path for path, _ in result.found.skipped]
    result.files = [item.path for item in items] + ([manifest] if manifest else [])
    prepared = map_jobs(partial(_member, options=options), [item.path for item in items], jobs)
    for item, (member, found) in zip(items, prepared):
        result.problems += found
        if member is None:
            result.failed.append(str(item.path))
        else:
            result.members.append(member)
    return result


def _member(path: Path, options: RenderOptions) -> tuple[Member | None, list[Problem]]:
    """Return ``path`` made ready for the booklet (None when it has errors) and its problems."""
    form, found = examine(path, options)
    if form is None or any(p.severity == "error" for p in found):
        return None, found
    entry = Entry(form.summary(), form_type(form.form).title)
    return Member(entry, with_source(layout_of(form), form), getattr(form, "unit", None) or "",
                  getattr(form, "year", "")), found


def _manifest(arguments: list[str], root: Path | None):
    """Return the manifest named among ``arguments`` (or an empty one), the form inputs, the
    manifest's problems and its path."""
    for argument in arguments:
        path = Path(argument)
        if path.is_file() and path.suffix.lower() in (".yaml", ".yml", ".json"):
            source = read_source(path)
            if is_manifest(source.data):
                unsafe = [replace(p, file=str(path)) for p in text_problems(source.data, source.where)]
                if unsafe:
                    return Booklet(projects=["-"]), [], unsafe, path
                try:
                    booklet = Manifest.model_validate(source.data).booklet
                except ValidationError as exc:
                    problems = [replace(schema_problem(e, source, Manifest), file=str(path)) for e in exc.errors()]
                    return Booklet(projects=["-"]), [], problems, path
                projects, problems = _confined(booklet.projects, path, source, root)
                others = [a for a in arguments if a != argument]
                return booklet, others + projects, problems, path
    return Booklet(projects=list(arguments)), list(arguments), [], None


def _confined(projects: list[str], manifest: Path, source, root: Path | None) -> tuple[list[str], list[Problem]]:
    """Return the manifest's projects that lie inside its folder (or ``root``), and a problem for each other."""
    home = (root or manifest.parent).resolve()
    inside, problems = [], []
    for index, project in enumerate(projects):
        target = (manifest.parent / project).resolve()
        if target != home and home not in target.parents:  # absolute, ../ or a symlink leading out
            line, col = source.where(("booklet", "projects", index))
            problems.append(Problem("RG116", "error", f"booklet.projects[{index}]", line, col,
                                    {"project": project, "home": str(home)}, file=str(manifest)))
        else:
            inside.append(str(manifest.parent / project))
    return inside, problems


def cover_of(result: Plan, day=None) -> Cover:
    """Return the cover: the manifest's words, else what the forms say; ``day`` as its date."""

    b = result.booklet
    first = result.members[0] if result.members else None
    unit = b.unit or (first.unit if first else "")
    year = b.year or (first.year if first else "")
    covers = {m.entry.summary.section.cover for m in result.members}  # the words the forms' sections give
    words = covers.pop() if len(covers) == 1 else "绩效"  # form words
    title = b.title or f"{unit} {year} 年度{words}汇总表".strip()  # form words
    day = day or b.date or default_date()
    return Cover(title=title, unit=unit, year=year, date=f"{day.year} 年 {day.month} 月 {day.day} 日",  # form words
                 lines=tuple(b.cover_lines))


def entries_of(members: list[Member]) -> list[Entry]:
    return [member.entry for member in members]


def layouts_of(members: list[Member]) -> list[FormLayout]:
    return [member.layout for member in members]
