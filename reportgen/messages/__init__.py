"""The message catalogue: every text a user reads, under a key, in Chinese and English.

The texts live in this folder's YAML files, one per area (``problems.yaml`` holds the problem
codes, ``cli.yaml`` the command line's help …); a key is unique across them. Code names a text by
its key with ``msg(key, **fields)`` and never holds the words itself. ``use_language`` (the CLI's
``--lang``) chooses the language shown, for problems, errors and every line a command prints
alike; ``both`` shows "中文 (English)". Chinese is the default.

A field may itself be a ``Text``: it is shown in the language of the text around it; so is a
``Pair``, words that data gives in both languages (a stage's name in a form folder). A list of
values is joined as each language writes a list: ``甲、乙`` and ``甲, 乙``.
"""
from __future__ import annotations

from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, NamedTuple

import yaml

LANGUAGES = ("zh", "en", "both")  # both: "中文 (English)", Chinese first
_LANGUAGE: ContextVar[str] = ContextVar("reportgen_language", default="zh")


def use_language(lang: str) -> None:
    """Show every message from now on in ``lang`` (``zh``, ``en`` or ``both``)."""
    _LANGUAGE.set(lang if lang in LANGUAGES else "zh")


def language() -> str:
    return _LANGUAGE.get()


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """Return every entry of the catalogue, ``{key: {"zh": …, "en": …}}``, read once."""
    entries: dict[str, dict[str, str]] = {}
    for file in sorted(resources.files(__name__).iterdir(), key=lambda f: f.name):
        if file.name.endswith(".yaml"):
            part = yaml.load(file.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
            clash = entries.keys() & part.keys()
            if clash:  # a programming error, caught by the suite
                raise KeyError(f"{file.name} repeats the keys {sorted(clash)}")
            entries.update(part)
    return entries


@dataclass(frozen=True, slots=True)
class Text:
    """A text of the catalogue with its fields, shown in a language when it is printed."""

    key: str
    fields: dict[str, Any] = field(default_factory=dict)

    def shown(self, lang: str | None = None) -> str:
        lang = lang or _LANGUAGE.get()
        if lang == "both":
            return _both(self.shown("zh"), self.shown("en"))
        values = {name: _shown(value, lang) for name, value in self.fields.items()}
        return catalogue()[self.key][lang].format(**values)

    def __str__(self) -> str:
        return self.shown()


class Pair(NamedTuple):
    """Words a form folder gives in both languages, shown in the language of the text around them."""

    zh: str
    en: str

    def shown(self, lang: str | None = None) -> str:
        lang = lang or _LANGUAGE.get()
        if lang == "both":
            return _both(self.zh, self.en)
        return self.en if lang == "en" else self.zh


def _both(zh: str, en: str) -> str:
    """Return a text shown in both languages: "中文 (English)", once where they are the same."""
    return f"{zh} ({en})" if en != zh else zh


class Lines(tuple):
    """Values shown one per line, where a plain tuple is shown as a list in a sentence."""


_SEPARATORS = {"zh": "、", "en": ", "}


def _shown(value: Any, lang: str) -> Any:
    """Return a field's value as the text around it shows it in ``lang`` (``zh`` or ``en``)."""
    if isinstance(value, (Text, Pair)):
        return value.shown(lang)
    if isinstance(value, BaseException) and value.args and isinstance(value.args[0], Text):
        return value.args[0].shown(lang)  # an error raised with a text of the catalogue
    if isinstance(value, tuple):
        separator = "\n" if isinstance(value, Lines) else _SEPARATORS[lang]
        return separator.join(str(_shown(part, lang)) for part in value)
    return value


def msg(key: str, /, **fields: Any) -> Text:
    """Return the catalogue's text ``key`` with ``fields``, to be shown later in the language chosen then.

    A field that is a collection (list, set, the keys of a mapping) is kept as a tuple, shown as a list."""
    _entry(key)
    return Text(key, {name: _kept(value) for name, value in fields.items()})


def _entry(key: str) -> dict[str, str]:
    try:
        return catalogue()[key]
    except KeyError:
        raise KeyError(f"no message {key!r} in the catalogue") from None


def _kept(value: Any) -> Any:
    if isinstance(value, (str, bytes, Text, Lines, Pair)) or not isinstance(value, Iterable):
        return value
    return tuple(value)


NOTHING = Text("nothing")  # an empty text, for a part of a message that is left out


def word(key: str, lang: str | None = None, **fields: Any) -> str:
    """Return a heading or label of the catalogue in one language: Chinese under ``both``, as tables and
    the workbench's pages are."""
    lang = lang or _LANGUAGE.get()
    return msg(key, **fields).shown("zh" if lang == "both" else lang)


def pattern(key: str, lang: str | None = None) -> str:
    """Return the text ``key`` in one language with its ``{fields}`` unfilled: the workbench's scripts
    fill them (``RG.t``). Chinese under ``both``."""
    lang = lang or _LANGUAGE.get()
    return _entry(key)["zh" if lang == "both" else lang]


def say(key: str, /, **fields: Any) -> str:
    """Return the catalogue's text ``key`` with ``fields``, in the language chosen."""
    return msg(key, **fields).shown()


def message(code: str, lang: str, params: dict) -> str:
    """Return the text of the problem ``code`` in ``lang`` (``zh``, ``en`` or ``both``) with ``params``."""
    return Text(code, params).shown(lang)


def wrong_type(kind: str) -> dict:
    """Return the message parameters of RG112 for a value that should be of ``kind``."""
    return {"expected": msg(f"type.{kind}")}
