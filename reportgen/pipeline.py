"""One input from file to outputs: read, check, lay out, write every format, then save.

Nothing is saved unless every requested format rendered and was written: a failed input leaves
the output folder as it was. Any failure of one input is caught here and carried back as text
(it crosses process boundaries), so a batch goes on with the others.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from .checks import run as run_checks
from .errors import PartialWrite, ReportgenError
from .fonts import check_glyphs
from .geometry import plan
from .inputs import Input
from .layout import layout_of
from .load import load_data, read_source
from .options import RenderOptions
from .output import Planned, write_all
from .output import plan as plan_outputs
from .problems import Problem
from .render import WRITERS, writer
from .render.embed import with_source


@dataclass
class Outcome:
    """What became of one input."""

    input: Input
    problems: list[Problem] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    unwritten: list[Path] = field(default_factory=list)
    error: str = ""
    exit_code: int = 1  # of the error: 2 for a broken form definition or template
    files: dict[str, bytes | str] = field(default_factory=dict)  # format → content, until saved

    @property
    def failed(self) -> bool:
        return bool(self.error) or any(p.severity == "error" for p in self.problems)


def examine(path: Path, options: RenderOptions, raw: bytes | None = None, source=None):
    """Return (form, problems) for ``path`` (or its content ``raw``, or its ``source`` read
    already): schema problems, missing glyphs, review findings."""
    source = read_source(path, raw) if source is None else source
    form, problems = load_data(source)
    if form is not None:
        problems += check_glyphs(source, options.fonts.body)
        problems += review(form, source)
    return form, [replace(p, file=str(path)) for p in problems]


def review(form, source) -> list[Problem]:
    """Return the reviewer's findings for ``form`` (the rules of ``reportgen check``)."""
    return run_checks(form, source)


def render(item: Input, out_dir: Path, formats: list[str], options: RenderOptions) -> Outcome:
    """Render one input into ``out_dir`` in every format of ``formats`` (planned as a run of one)."""
    job = plan_outputs([item], out_dir, {name: WRITERS[name].suffix for name in formats})[0]
    return save(produce(job, options), job)


def produce(job: Planned, options: RenderOptions, raw: bytes | None = None) -> Outcome:
    """Check ``job.input`` and render every format of ``job.targets`` into ``Outcome.files``.

    This is what a worker does (a local process or a Dask worker: ``raw`` then holds the file's
    bytes, read where the file is). Nothing is written here.
    """
    outcome = Outcome(job.input)
    try:
        form, outcome.problems = examine(job.input.path, options, raw)
        if not outcome.failed:
            layout = with_source(layout_of(form), form)
            planned = plan(layout, options)  # once: every format prints the same widths and pages
            outcome.files = {name: writer(name).write(planned, options) for name in job.targets}
    except ReportgenError as exc:  # a user's form definition or template: its located message
        outcome.error, outcome.exit_code = str(exc), exc.exit_code
    except Exception as exc:  # a writer's bug must not take the batch down
        outcome.error = f"{type(exc).__name__}: {exc}"
    return outcome


def save(outcome: Outcome, job: Planned) -> Outcome:
    """Write the files of ``outcome`` to their targets, all of them or none; say which in ``outcome``."""
    if outcome.failed:
        return outcome
    try:
        outcome.written = write_all({job.targets[name]: data for name, data in outcome.files.items()})
    except PartialWrite as exc:
        outcome.written, outcome.unwritten = exc.written, exc.missing
        outcome.error = str(exc)
    except OSError as exc:
        outcome.unwritten = list(job.targets.values())
        outcome.error = f"{exc.strerror or exc}" + (f": {exc.filename}" if exc.filename else "")
    outcome.files = {}
    return outcome
