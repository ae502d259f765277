"""User paths (``indicators[0].groups[1].items[2].target``) into plain data and back."""
from __future__ import annotations

from pydantic import BaseModel

from ..source.paths import parse as split


def get(data: object, path: str, default: object = None) -> object:
    for part in split(path):
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return default
    return data


def put(data: dict, path: str, value: object) -> None:
    """Set ``value`` at ``path``, making the mappings on the way (lists must exist)."""
    parts = split(path)
    for part in parts[:-1]:
        if isinstance(part, str) and not isinstance(data.get(part), (dict, list)):
            data[part] = {}
        data = data[part]
    data[parts[-1]] = value


def label(model: type, path: str) -> str:
    """Return the Chinese label of the field at ``path`` of a model class (年度资金申请总额), or ""."""
    current, description = model, ""
    for part in split(path):
        if isinstance(part, int) or part == "*":
            continue
        fields = getattr(current, "model_fields", {})
        if part not in fields:
            return ""
        description = fields[part].description or ""
        current = model_of(fields[part].annotation)
    return description


def model_of(annotation: object) -> object:
    """Return the model class inside ``list[Model]``, ``Model | None`` and the like."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = model_of(arg)
        if found is not None:
            return found
    return None
