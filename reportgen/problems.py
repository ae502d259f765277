"""Problems found in an input file: a code, where it is, and its message in either language."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .messages import message, word
from .terminal import visible

Severity = Literal["error", "warning", "note"]
LEVELS = ("error", "warning", "note")  # most severe first; the rules' levels: checks/catalogue.py


def rank(severity: str) -> int:
    """Return 0 for an error, 1 for a warning, 2 for a note: lower is more severe."""
    return LEVELS.index(severity)


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding: a stable ``code``, where it is, and the parameters of its message."""

    code: str
    severity: Severity
    path: str
    line: int = 0
    column: int = 0
    params: dict = field(default_factory=dict)
    file: str = ""

    def message(self, lang: str = "zh") -> str:
        return message(self.code, lang, self.params)

    def format(self, lang: str = "zh") -> str:
        """Return the compiler-style line ``file:line:col  path  severity CODE: message``.

        Control characters of the data are written as escapes, so a line is one line on a terminal.
        """
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        path = f"  {self.path}" if self.path else ""
        label = word(f"severity.{self.severity}", lang)
        return visible(f"{where}{path}  {label} {self.code}: {self.message(lang)}")

    def as_json(self, lang: str = "zh") -> dict:
        return {
            "file": self.file, "line": self.line, "column": self.column, "path": self.path,
            "code": self.code, "severity": self.severity, "message": self.message(lang),
        }


def in_file_order(problems: list[Problem]) -> list[Problem]:
    """Return problems as a reader goes through them: by file, line, column, then code."""
    return sorted(problems, key=lambda p: (p.file, p.line, p.column, p.code))
