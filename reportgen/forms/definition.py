"""A form definition: a folder of data files, read into one merged, located description.

A folder ``<form-id>/`` holds ``form.yaml`` (id, title, ``extends``, ``money_unit``), ``schema.yaml`` (the
fields), ``profile.yaml`` (the rules), ``layout.html.j2`` and ``starter.yaml``. A variant names
its parent in ``extends`` and holds only what differs: its YAML files are merged into the
parent's (mappings key by key, ``null`` drops a key, anything else replaces), files it lacks
are the parent's.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DefinitionError, FileRefused
from ..files import read_inside
from ..messages import Text, msg
from ..source.parse import Source, read_yaml
from ..source.paths import dotted

DATA_FILES = ("form.yaml", "schema.yaml", "profile.yaml")
OTHER_FILES = ("layout.html.j2", "starter.yaml")




@dataclass(frozen=True)
class Definition:
    """One form type as its folder (and its parents') declare it."""

    id: str
    title: str
    folder: Path                              # the form's own folder
    origin: str                               # "built-in" or the --forms folder it came from
    schema: dict
    profile: dict
    meta: dict = field(default_factory=dict)  # the whole form.yaml, merged
    files: dict[str, Path] = field(default_factory=dict)  # layout / starter → the file used
    parent: str | None = None
    lineage: tuple[str, ...] = ()             # its id, its parent's, and so on up
    sources: dict[str, Source] = field(default_factory=dict)  # the form's own data files, for locations

    def where(self, file: str, path: tuple, key: bool = False) -> tuple[Path, int, int]:
        """Return the file, line and column that declare ``path`` of data file ``file`` (the nearest one).

        ``key``: the position of the key of ``path`` rather than of its value.
        """
        source = self.sources.get(file)
        if source is None or not path:
            return self.folder / file, 1, 0
        return (self.folder / file, *(source.where_key(path) if key else source.where(path)))

    def text(self, path: Path) -> str:
        """Return the text of one of the form's files, read only inside its folder (``files.read_inside``)."""
        try:
            return read_inside(path, path.parent)
        except FileRefused as exc:
            raise DefinitionError(path, 1, exc.message) from None

    def fail(self, file: str, path: tuple, detail: Text, key: bool = False) -> DefinitionError:
        where, line, column = self.where(file, path, key)
        return DefinitionError(where, line, msg("definition.at", path=dotted(path), detail=detail) if path else detail, column)


def read_data(path: Path) -> tuple[dict, Source | None]:
    """Return the mapping in ``path`` with its source map; an absent file is empty.

    The file is read only inside its folder, as a regular file (``files.read_inside``).
    """
    if not os.path.lexists(path):
        return {}, None
    try:
        text = read_inside(path, path.parent)
    except FileRefused as exc:
        raise DefinitionError(path, 1, exc.message) from None
    source = read_yaml(text)
    if source.problems:
        first = source.problems[0]
        raise DefinitionError(path, first.line, Text(first.code, first.params))
    if source.data is None:
        return {}, source
    if not isinstance(source.data, dict):
        raise DefinitionError(path, 1, msg("forms.top-not-mapping"))
    return source.data, source


def merge(parent: object, child: object) -> object:
    """Return ``child`` laid over ``parent``: mappings merge key by key, ``None`` drops a key."""
    if not (isinstance(parent, dict) and isinstance(child, dict)):
        return child
    out = dict(parent)
    for key, value in child.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = merge(parent.get(key), value)
    return out


def starter_for(text: str, form_id: str) -> str:
    """Return a starter's text naming the form ``form_id``: a copied or inherited starter names its source.

    Its ``form:`` key and its editor schema (``# yaml-language-server: $schema=<id>.schema.json``).
    """
    text = re.sub(r"(?m)^form:[ \t]*\S+[ \t]*$", f"form: {form_id}", text, count=1)
    return re.sub(r"\$schema=\S+\.schema\.json", f"$schema={form_id}.schema.json", text, count=1)
