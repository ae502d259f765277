"""A form folder checked end to end, as a bureau checks a form before sending it out.

``reportgen forms --check DIR`` runs every stage a form goes through: its definition (keys,
rule and computation parameters: ``forms/lint.py``), its model, its starter read and reviewed
like a user's file, its layout rendered from the starter with every binding compared to the
field it names (``layout/fields.py``), and the starter written in every format, which fits the
columns to the page (``geometry/widths.py``). Each stage's problems are reported; a form whose
stages all pass is ready to be shared.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import ReportgenError
from .forms import FORMS
from .forms.definition import starter_for
from .geometry import plan
from .layout import layout_of
from .load import load_data
from .messages import say
from .options import RenderOptions
from .pipeline import review
from .render import WRITERS
from .render.embed import with_source
from .source.parse import read_yaml


@dataclass
class Report:
    """What the check of one form found: lines to print, and whether any is an error."""

    form_id: str
    lines: list[str] = field(default_factory=list)
    failed: bool = False
    formats: list[str] = field(default_factory=list)

    def error(self, text: str) -> None:
        self.lines += text.splitlines()  # a definition error names each of its problems on a line
        self.failed = True


def check_form(form_id: str, lang: str = "zh") -> Report:
    """Return the report of every stage of ``form_id``'s definition, stopping at the first that fails."""
    report = Report(form_id)
    try:
        form = _starter(form_id, report, lang)
        if form is None:
            return report
        planned = plan(with_source(layout_of(form, form_id, strict=True), form), RenderOptions())
        for name, writer in WRITERS.items():
            writer.write(planned, RenderOptions())
            report.formats.append(name)
    except ReportgenError as exc:  # a definition, template, binding or geometry error: located already
        report.error(str(exc))
    return report


def _starter(form_id: str, report: Report, lang: str):
    """Return the form's starter, read and reviewed as a user's file is; None if it cannot be used."""
    definition = FORMS[form_id].definition
    FORMS[form_id].model  # noqa: B018 (building the model reports the schema's errors)
    path = definition.files.get("starter.yaml")
    if path is None:
        report.error(say("formcheck.no-starter", folder=definition.folder))
        return None
    source = read_yaml(starter_for(definition.text(path), form_id))
    form, problems = load_data(source)
    if form is not None:
        problems += review(form, source)
    for problem in problems:
        line = replace(problem, file=str(path)).format(lang)
        report.error(line) if problem.severity == "error" else report.lines.append(line)
    return None if any(p.severity == "error" for p in problems) else form


def forms_in(folder: Path) -> list[str]:
    """Return the ids of the forms ``folder`` holds: itself if it is a form folder, else its form folders."""
    if (folder / "form.yaml").exists():
        return [folder.name]
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and (p / "form.yaml").exists()
                  and not p.name.startswith(("_", ".")))
