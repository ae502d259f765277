"""Every error the tool raises, and the exit code of each: the one table ``cli.main`` maps.

An error's text is a text of the message catalogue, shown in the language the user chose
(``--lang``) when it is printed. Anything that is not a ``ReportgenError`` reaching the CLI is a bug (exit 4).

    ReportgenError                  1  the run failed for an input; the others were done
    ├── InputError                  1  an input's problems, every one located
    ├── ImportFailure               1  a file that cannot be read back by ``import``
    ├── UsageError                  2  a bad option, no input, outputs that would clash
    ├── DefinitionError             2  a form folder that cannot be used, at its file and line
    │   ├── LayoutTemplateError     2  its layout template
    │   └── GeometryError           2  columns whose minimum widths do not fit the page
    ├── ClusterError                2  the Dask cluster (--executor) cannot be used or failed
    ├── OutputError                 5  the file system refused
    │   └── PartialWrite            5  renaming stopped part-way
    ├── Refused                        a request the workbench refuses, with its HTTP status
    │   └── OutsideFolder              a path that leaves the served folder
    └── the signals a module raises and its caller catches, never reaching the CLI:
        PathError, PrefillError, Overflow, Mismatch, Unreadable, FetchRefused, FileRefused, TooLarge,
        Inexact, SummaryError
"""
from __future__ import annotations

from enum import IntEnum
from pathlib import Path

from .messages import Text, language, msg
from .problems import Problem, in_file_order


class ExitCode(IntEnum):
    OK = 0
    FAILED = 1
    USAGE = 2
    STRICT = 3
    INTERNAL = 4
    OUTPUT = 5
    INTERRUPTED = 130


EXIT_CODES = {  # the README's table, word for word (tests/test_registries.py)
    ExitCode.OK: "everything done, no errors",
    ExitCode.FAILED: "an input had errors or failed to render (the others were done)",
    ExitCode.USAGE: "usage: a bad option or environment variable (`SOURCE_DATE_EPOCH`), no input (`render EMPTY_DIR` as "
                    "`check EMPTY_DIR`), outputs that would clash, a Dask cluster that cannot be used; a form definition "
                    "that cannot be used (its files, template, bindings or geometry), for every command",
    ExitCode.STRICT: "warnings (警告, not 提示) under `check --strict`",  # form words
    ExitCode.INTERNAL: "internal error: a bug, one line naming it (`REPORTGEN_TRACEBACK=1` shows the traceback)",
    ExitCode.OUTPUT: "output error: the file system refused (full, read-only, a name longer than 255 bytes)",
    ExitCode.INTERRUPTED: "interrupted (Ctrl-C); workers stop quietly and die with their parent",
}


class ReportgenError(Exception):
    """Base of the errors the CLI reports without a traceback: ``message`` says what is wrong, a text of
    the catalogue shown in the language chosen (a plain ``str`` only for a signal no user sees)."""

    exit_code = ExitCode.FAILED

    def __init__(self, message: Text | str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.shown()

    def shown(self, lang: str | None = None) -> str:
        return self.message.shown(lang) if isinstance(self.message, Text) else self.message


class InputError(ReportgenError):
    """An input file has problems that stop it; ``problems`` holds all of them."""

    def __init__(self, file: Path | str, problems: list[Problem]):
        super().__init__(msg("errors.problems", file=file, count=len(problems)))
        self.file, self.problems = str(file), problems

    def shown(self, lang: str | None = None) -> str:
        # Each problem on a line of its own: a command that stops here says what is wrong and where.
        lang = lang or language()
        lines = [p.format(lang) for p in in_file_order(self.problems)]
        return "\n".join([super().shown(lang), *lines])

    def __reduce__(self):
        return type(self), (self.file, self.problems)


class UsageError(ReportgenError):
    exit_code = ExitCode.USAGE


class DefinitionError(ReportgenError):
    """A form definition that cannot be used: its file, line, column and what is wrong (``detail``);
    ``others`` holds the further problems of the same folder, (file, line, detail, column) each."""

    exit_code = ExitCode.USAGE

    def __init__(self, file: Path | str, line: int, detail: Text, column: int = 0, others: tuple = ()):
        self.file, self.line, self.column, self.detail = str(file), line, column, detail
        self.others = tuple(others)
        super().__init__(detail)

    def shown(self, lang: str | None = None) -> str:
        problems = ((self.file, self.line, self.detail, self.column), *self.others)
        return "\n".join(_located(problem, lang) for problem in problems)

    def __reduce__(self):  # raised in worker processes: it must cross back to the parent
        return type(self), (self.file, self.line, self.detail, self.column, self.others)

    @classmethod
    def collected(cls, errors: list[DefinitionError]) -> DefinitionError:
        """Return one error reporting every problem of ``errors`` (in file and line order), each on a line."""
        ordered = sorted(errors, key=lambda e: (e.file, e.line, e.column))
        rest = tuple((e.file, e.line, e.detail, e.column) for e in ordered[1:])
        first = ordered[0]
        return cls(first.file, first.line, first.detail, first.column, rest)


def _located(problem: tuple, lang: str | None) -> str:
    """Return what is wrong after where it is: ``file:line:column: text``, as far as it is known."""
    file, line, detail, column = problem
    where = f"{file}:{line}:{column}" if column else f"{file}:{line}" if line else file
    shown = detail.shown(lang)
    return f"{where}: {shown}" if where else shown


class LayoutTemplateError(DefinitionError):
    """A layout template that cannot be rendered or read, located at its file and line."""

    def __init__(self, file: str, line: int, detail: Text):
        super().__init__(file, line, msg("errors.layout-template", detail=detail))
        self.cause = detail

    def __reduce__(self):
        return type(self), (self.file, self.line, self.cause)


class GeometryError(DefinitionError):
    """A form whose columns' minimum widths do not fit its page: a broken definition."""

    def __init__(self, detail: Text):
        super().__init__("", 0, msg("errors.layout-geometry", detail=detail))
        self.cause = detail

    def __reduce__(self):
        return type(self), (self.cause,)


class ImportFailure(ReportgenError):
    """The file cannot be imported at all; ``problem`` says why and what to do."""

    def __init__(self, problem: Problem):
        super().__init__(Text(problem.code, problem.params))
        self.problem = problem

    def __reduce__(self):
        return type(self), (self.problem,)


class ClusterError(ReportgenError):
    """The Dask cluster cannot be used or failed: unreachable, not a scheduler, no worker, a lost task."""

    exit_code = ExitCode.USAGE


class OutputError(ReportgenError):
    exit_code = ExitCode.OUTPUT


class PartialWrite(OutputError):
    """Renaming stopped part-way: ``written`` were replaced, the others left as they were."""

    def __init__(self, written: list[Path], missing: list[Path], reason: str):
        super().__init__(reason)
        self.written, self.missing = written, missing


class Refused(ReportgenError):
    """A request the workbench (``reportgen serve``) cannot carry out; ``status`` its HTTP status."""

    def __init__(self, message: Text, status: int = 400, **details):
        super().__init__(message)
        self.status, self.details = status, details


class OutsideFolder(Refused):
    """A path that is not a form file inside the served folder; ``missing``: allowed, but no file is there."""

    def __init__(self, message: Text, missing: bool = False):
        super().__init__(message, 404 if missing else 403)
        self.missing = missing


# -- signals: raised by one module, caught by its caller --

class PathError(ReportgenError, ValueError):
    """A field path that does not name a field of the form."""


class PrefillError(ReportgenError, ValueError):
    """The source form cannot fill this one (no prefill declared, or another kind of form)."""


class Overflow(ReportgenError, ValueError):
    """A cell that does not fit in its table's columns; ``index`` is its place in the row given."""

    def __init__(self, message: str, index: int):
        super().__init__(message)
        self.index = index


class Mismatch(ReportgenError):
    """A caption row of the form is not in the file: it was laid out differently."""

    def __init__(self, caption: str):
        super().__init__(caption)
        self.caption = caption


class Unreadable(ReportgenError, ValueError):
    """A cell's text is not a value of its kind: ``kind`` names the kind (a text of the catalogue)."""

    def __init__(self, kind: Text, cell: str):
        super().__init__(cell)
        self.kind, self.text = kind, cell


class FetchRefused(ReportgenError, ValueError):
    """WeasyPrint asked for a resource that is not one of the form's fonts."""


class FileRefused(ReportgenError):
    """A file a form folder may not use (a link leading out, a FIFO, too large), and why."""


class TooLarge(ReportgenError, ValueError):
    """A payload that inflates beyond the limit its reader set."""


class Inexact(ReportgenError, ValueError):
    """A figure in a money unit that is no whole number of 分 (fen) in 元."""


class SummaryError(ReportgenError, ValueError):
    """A profile's ``summary`` that cannot be used; ``path`` is where in it."""

    def __init__(self, path: tuple, message: Text):
        super().__init__(message)
        self.path = path
