"""The bounds of one input, each a located error instead of unbounded work or a writer's crash.

The figures are in the README (section "Limits"). Characters XML cannot hold are refused here,
before any model is built, so what ``check`` passes every writer can write.
"""
from __future__ import annotations

import re

from ..messages import msg
from ..problems import Problem
from .paths import dotted

MAX_FILE_BYTES = 2 * 1024 * 1024  # a form of 10,000 indicators is about 0.7 MB of YAML
MAX_DEPTH = 32                    # the deepest form nests 8 levels
MAX_VALUES = 200_000              # keys, values and list items, YAML aliases expanded
MAX_TEXT = 32_767                 # characters of one text: what an Excel cell holds
MAX_INDICATORS = 10_000           # 三级指标 rows of one form

# XML 1.0 allows tab, line feed, carriage return, U+0020–U+D7FF, U+E000–U+FFFD and above.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Return ``text`` without the characters XML cannot hold (the writers' last line of defence)."""
    return NOT_XML.sub("", text) if NOT_XML.search(text) else text


def limit(path: str, line: int, col: int, what: str, **params) -> Problem:
    """Return the RG107 problem for the limit ``what`` (a key of ``LIMITS``)."""
    return Problem("RG107", "error", path, line, col, {"detail": msg(f"limit.{what}", **LIMITS[what], **params)})


LIMITS = {  # each limit's message and the figures it names
    "size": {"limit": MAX_FILE_BYTES},
    "depth": {"limit": MAX_DEPTH},
    "values": {"limit": MAX_VALUES},
    "text": {"limit": MAX_TEXT},
    "indicators": {"limit": MAX_INDICATORS},
}


def shape_problem(data: object) -> Problem | None:
    """Return RG107 if ``data`` (already read) nests too deep or holds too many values."""
    stack, count = [(data, 0)], 0
    while stack:
        value, depth = stack.pop()
        count += 1
        if depth > MAX_DEPTH or count > MAX_VALUES:
            return limit("", 1, 1, "depth" if depth > MAX_DEPTH else "values")
        if isinstance(value, dict):
            stack.extend((item, depth + 1) for item in value.values())
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value)
    return None


def text_problems(data: object, where) -> list[Problem]:
    """Return RG810 (a character XML cannot hold) and RG107 (text too long) for every key and text.

    ``where(path)`` gives the (line, column) of a path.
    """
    problems = []
    stack = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str):
                    problems += _text(path + (key,), key, where)
                stack.append((path + (key,), item))
        elif isinstance(value, list):
            stack.extend((path + (index,), item) for index, item in enumerate(value))
        elif isinstance(value, str):
            problems += _text(path, value, where)
    return sorted(problems, key=lambda p: (p.line, p.column))


def _text(path: tuple, text: str, where) -> list[Problem]:
    if len(text) > MAX_TEXT:
        return [limit(dotted(path), *where(path), "text", length=len(text))]
    bad = NOT_XML.search(text)
    if bad is None:
        return []
    char = bad.group(0)
    return [Problem("RG810", "error", dotted(path), *where(path), {"code": ord(char), "offset": bad.start() + 1})]
