"""Field paths as profiles write them: ``funds.total.executed``, ``indicators[*].groups[*].items[*]``.

``[*]`` walks every element of a list; ``[2]`` one. A path names fields of a form model, so a
profile can point its rules and computations at any form's data without Python.
"""
from __future__ import annotations

import re
from typing import Iterator

_PART = re.compile(r"([^.\[\]]+)|\[(\*|\d+)\]")


def label(model: type, path: str) -> str:
    """Return the label (the schema's Chinese name) of the field at ``path`` of a model class, or ""."""
    current, description = model, ""
    for part in parse(path):
        if isinstance(part, int) or part == "*":
            continue
        fields = getattr(current, "model_fields", {})
        if part not in fields:
            return ""
        description = fields[part].description or ""
        current = _inner_model(fields[part].annotation)
    return description


def _inner_model(annotation: object) -> object:
    """Return the model class inside ``list[Model]``, ``Model | None`` and the like (None if none)."""
    if isinstance(annotation, type) and hasattr(annotation, "model_fields"):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


class PathError(ValueError):
    """A path that does not name a field of the form."""


def parse(path: str) -> tuple:
    """Return ``a.b[*].c[2]`` as ("a", "b", "*", "c", 2); "" is the root, ()."""
    return tuple(name if name else ("*" if index == "*" else int(index)) for name, index in _PART.findall(path))


def select(root: object, path: str | tuple) -> list[tuple[tuple, object]]:
    """Return every (concrete path, value) that ``path`` names below ``root``."""
    parts = parse(path) if isinstance(path, str) else path
    return list(_walk(root, parts, ()))


def get(root: object, path: str | tuple) -> object:
    """Return the one value at ``path`` (no wildcards); PathError if it names no field."""
    found = select(root, path)
    if len(found) != 1:
        raise PathError(path)
    return found[0][1]


def _walk(node: object, parts: tuple, at: tuple) -> Iterator[tuple[tuple, object]]:
    if not parts:
        yield at, node
        return
    head, rest = parts[0], parts[1:]
    if head == "*":
        for index, child in enumerate(_sequence(node, at)):
            yield from _walk(child, rest, at + (index,))
    elif isinstance(head, int):
        items = _sequence(node, at)
        if head >= len(items):
            return
        yield from _walk(items[head], rest, at + (head,))
    else:
        if node is None:
            return
        fields = getattr(type(node), "model_fields", None)
        if fields is None or head not in fields:
            raise PathError(".".join(str(p) for p in at + (head,)))
        yield from _walk(getattr(node, head), rest, at + (head,))


def _sequence(node: object, at: tuple) -> list | tuple:
    if not isinstance(node, (list, tuple)):
        raise PathError(".".join(str(p) for p in at) + "[*]")
    return node
