"""The form's own standard wording: what its definition writes, not the person filling it in.

A form's starter (its standard 指标解释, its example sentences), its printed notes and the
defaults of its schema recur in every filing of it; a passage made of them is no copy. The
definition's texts are read once per form type and kept as the hashes of their clause-start
grams, the unit ``passages`` compares.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from ..forms.text import strings
from .cells import HALF

LONG = 30                                  # characters of a compared gram (passages.LONG)
RUN = re.compile(r"[^\W_]+")               # letters and digits between punctuation and spaces
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_TAG = re.compile(r"<[^<>]*>")


def normalise(text: str) -> tuple[str, list[int]]:
    """Return ``text`` lower-cased without spaces and punctuation, and where each run starts in it."""
    runs = [run.group() for run in RUN.finditer(text.translate(HALF).lower())]
    anchors, total = [], 0
    for run in runs:
        anchors.append(total)
        total += len(run)
    return "".join(runs), anchors


def grams(text: str) -> set[int]:
    """Return the hashes of ``text``'s grams of ``LONG`` characters that start at a clause start."""
    normal, anchors = normalise(text)
    return {hash(normal[at:at + LONG]) for at in anchors if at + LONG <= len(normal)}


def of_definition(definition) -> frozenset[int]:
    """Return the grams of the standard wording of ``definition`` (a form type's), read once."""
    key = (definition.id, str(definition.folder))
    if key not in _known:
        files = definition.files
        _known[key] = _grams(str(files.get("starter.yaml", "")), str(files.get("layout.html.j2", "")),
                             _defaults(definition.schema))
    return _known[key]


_known: dict[tuple[str, str], frozenset[int]] = {}


@lru_cache(maxsize=64)
def _grams(starter: str, layout: str, defaults: tuple[str, ...]) -> frozenset[int]:
    found: set[int] = set()
    for text in _starter_texts(starter) + _layout_texts(layout) + list(defaults):
        found |= grams(text)
    return frozenset(found)


def _starter_texts(file: str) -> list[str]:
    if not file or not Path(file).is_file():
        return []
    try:
        data = yaml.load(Path(file).read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return []  # the definition's own checks report a broken starter
    return [text for _, text in strings(data) if isinstance(text, str)]


def _layout_texts(file: str) -> list[str]:
    """Return the text a layout template prints itself (its notes and captions), markup removed."""
    if not file or not Path(file).is_file():
        return []
    try:
        template = Path(file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    return [part for part in _TAG.split(_JINJA.sub("\n", template)) if part.strip()]


def _defaults(schema: dict) -> tuple[str, ...]:
    """Return the schema's default texts (``default:`` of a field, at any depth)."""
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            default = node.get("default")
            found.extend(text for _, text in strings(default) if isinstance(text, str))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    return tuple(found)
