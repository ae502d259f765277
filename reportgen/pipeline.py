"""One input from file to outputs: read, check, lay out, write every format, then save.

Nothing is saved unless every requested format rendered: a failed input leaves the output
folder as it was.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from .fonts import check_glyphs
from .forms import form_type
from .inputs import Input
from .load import load_data, read_source
from .options import RenderOptions
from .output import safe_target, write_atomic
from .problems import Problem, ReportgenError
from .render.embed import with_source


@dataclass
class Outcome:
    """What became of one input."""

    input: Input
    problems: list[Problem] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    error: str = ""

    @property
    def failed(self) -> bool:
        return bool(self.error) or any(p.severity == "error" for p in self.problems)


def examine(path: Path, options: RenderOptions, source=None):
    """Return (form, problems) for ``path`` (read already as ``source``, if given): schema
    problems, missing glyphs, review findings."""
    source = read_source(path) if source is None else source
    form, problems = load_data(source)
    if form is not None:
        problems += check_glyphs(source, options.fonts.body)
        problems += review(form, source)
    return form, [replace(p, file=str(path)) for p in problems]


def review(form, source) -> list[Problem]:
    """Return the reviewer's findings for ``form`` (the rules of ``reportgen check``)."""
    from .checks import run

    return run(form, source)


def render(item: Input, out_dir: Path, formats: list[str], options: RenderOptions) -> Outcome:
    """Render ``item`` into ``out_dir`` in every format of ``formats``."""
    from .render import writer

    outcome = Outcome(item)
    form, outcome.problems = examine(item.path, options)
    if outcome.failed:
        return outcome
    try:
        layout = with_source(form_type(form.form).layout(form), form)
        rendered = {name: writer(name).write(layout, options) for name in formats}
        for name, data in rendered.items():
            target = safe_target(out_dir, item.relative.with_name(item.relative.name + writer(name).SUFFIX))
            write_atomic(target, data)
            outcome.written.append(target)
    except (ReportgenError, OSError) as exc:
        outcome.error = str(exc)
    return outcome
