"""The registry of form types. A form type is a folder of data: schema, profile, layout, starter.

Built-in forms live in ``templates/forms/<id>/``; users add or override forms with ``--forms DIR``
(see ``registry``). Nothing here knows a form by name.
"""
from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property

from pydantic import BaseModel

from ..errors import DefinitionError
from .build import build_model
from .definition import Definition
from .registry import add_user_folders, discover, resolve


@dataclass(frozen=True)
class FormType:
    """What the tool knows of one form type, built from its definition when first used."""

    definition: Definition

    @property
    def id(self) -> str:
        return self.definition.id

    @property
    def title(self) -> str:
        return self.definition.title

    @cached_property
    def model(self) -> type[BaseModel]:
        return build_model(self.definition)


class _Registry(Mapping):
    """Form id → FormType over the current search path; folders are read once, models built on use."""

    def __init__(self) -> None:
        self._key: str | None = None
        self._found: list = []
        self._types: dict[str, FormType] = {}

    def _refresh(self) -> None:
        key = os.environ.get("REPORTGEN_FORMS", "")
        if key != self._key:
            self._key, self._found, self._types = key, discover(), {}

    def __getitem__(self, form_id: str) -> FormType:
        self._refresh()
        if form_id not in self._types:
            definition = resolve(form_id, self._found)
            if definition is None:
                raise KeyError(form_id)
            self._types[form_id] = FormType(definition)
        return self._types[form_id]

    def __iter__(self) -> Iterator[str]:
        self._refresh()
        return iter(dict.fromkeys(fid for fid, _, _ in self._found))

    def __len__(self) -> int:
        return sum(1 for _ in self)


FORMS = _Registry()


def form_type(form_id: str) -> FormType | None:
    """Return the form type called ``form_id``, or None."""
    try:
        return FORMS[form_id]
    except KeyError:
        return None


__all__ = ["FORMS", "FormType", "Definition", "DefinitionError", "add_user_folders", "form_type"]
