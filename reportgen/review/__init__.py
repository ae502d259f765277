"""The review report: ``reportgen check … --report FILE.pdf|.html|.xlsx``, for reviewers without a terminal.

It holds exactly the located findings ``check`` prints, nothing more: a summary per unit and per
form, then (PDF, HTML) every form as ``render`` prints it with numbered marks on the cells that
have findings and the findings listed below it, or (XLSX) one sortable row per finding. The
rendering libraries are imported here, only when a report is asked for.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UsageError
from ..messages import msg
from ..options import RenderOptions
from ..output import write_atomic
from ..problems import Problem, in_file_order

SUFFIXES = (".pdf", ".html", ".xlsx")


@dataclass
class Reviewed:
    """One input of the run: its file, its form (None when it could not be read) and its findings."""

    file: str
    form: object | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def project(self) -> str:
        return self.form.summary().name if self.form is not None else ""

    @property
    def unit(self) -> str:
        return str(getattr(self.form, "unit", "") or "") if self.form is not None else ""


def check_target(path: str) -> Path:
    """Return the report's path, or refuse a kind of file the report cannot be (before any work)."""
    target = Path(path)
    if target.suffix.lower() not in SUFFIXES:
        raise UsageError(msg("review.report-suffix", path=path))
    return target


def gather(problems: list[Problem], forms: dict[str, object]) -> list[Reviewed]:
    """Return one ``Reviewed`` per input file (in the order given), each with its findings in file order."""
    found = {file: Reviewed(file, form) for file, form in forms.items()}
    for problem in in_file_order(problems):
        found.setdefault(problem.file, Reviewed(problem.file, None)).problems.append(problem)
    return list(found.values())


def write_report(target: Path, reviewed: list[Reviewed], options: RenderOptions, lang: str = "zh") -> None:
    """Write the report of ``reviewed`` to ``target`` (its suffix says the format), atomically."""
    suffix = target.suffix.lower()
    if suffix == ".xlsx":
        from .table import xlsx  # openpyxl: only for a report

        write_atomic(target, xlsx(reviewed, options, lang))
        return
    from .document import html  # the form layouts and the HTML writer: only for a report

    source = html(reviewed, options, lang)
    if suffix == ".html":
        write_atomic(target, source)
    else:
        from ..render.pdf import html_to_pdf  # WeasyPrint: only for a PDF report

        write_atomic(target, html_to_pdf(source, options))
