"""User paths (``indicators[0].groups[1].items[2].target``) into plain data and back."""
from __future__ import annotations

import re

_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def split(path: str) -> tuple:
    return tuple(int(index) if index else key for key, index in _PART.findall(path))


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
