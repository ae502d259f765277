"""Paragraph text: what users write as one string or a list, kept as a tuple of paragraphs."""
from __future__ import annotations

import re

_BLANK_LINE = re.compile(r"\n\s*\n")


def to_paragraphs(value: object) -> list[str]:
    """Return ``value`` as a list of paragraphs.

    A string is split at blank lines (a YAML ``|`` block reads naturally that way); a list is kept.
    None means no text. Lines inside one paragraph are joined without spaces, as Chinese prose is.
    """
    if value is None:
        return []
    if isinstance(value, str):
        parts = _BLANK_LINE.split(value.replace("\r\n", "\n"))
    elif isinstance(value, (list, tuple)):
        parts = list(value)
    else:
        return value  # let the schema report the wrong type
    return [_join_lines(str(part)) for part in parts if part is not None and str(part).strip()]


def _join_lines(text: str) -> str:
    return "".join(line.strip() for line in text.strip().splitlines())


def strings(data: object, path: tuple = ()):
    """Yield (path, text) for every string in nested mappings and lists (indicator values too)."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from strings(value, path + (key,))
    elif isinstance(data, (list, tuple)):
        for index, value in enumerate(data):
            yield from strings(value, path + (index,))
    elif data is not None and hasattr(data, "source"):  # an IndicatorValue: the text as written
        yield path, data.source
