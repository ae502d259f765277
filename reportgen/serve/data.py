"""A filing as the editor holds it: plain data in the form's schema order, and back to file text.

The browser sends what its inputs hold (text, and lists of rows); ``typed`` turns that into the
data a YAML file holds, by the field types of the form's ``schema.yaml``: amounts become exact
Decimals (separators dropped), paragraphs a list of lines, blanks are left out. A value that is
not what its type wants is kept as typed, so the checks report it at its field.
"""
from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal, InvalidOperation

from ..dump import dump_data
from .comments import carry

NUMBERS = ("money", "signed_money", "points")
TREE_LABELS = ("一级指标", "二级指标", "二级指标组")


def expand(spec: dict) -> dict:
    """Return a field spec with a ``tree`` written out as the lists it is (一级 → 二级 → items)."""
    if kind(spec) != "tree":
        return spec
    level2 = {"type": "list", "label": "二级指标", "item": {"fields": {
        "level2": {"type": "text", "label": "二级指标"},
        "items": {"type": "list", "label": "三级指标", "item": spec.get("item", {"fields": {}})}}}}
    return {**spec, "type": "list", "tree": True, "item": {"fields": {
        "level1": {"type": "text", "label": "一级指标"}, "groups": level2}}}


def kind(spec: dict) -> str:
    return spec.get("type", "object" if "fields" in spec else "text")


def english(data: object, fields: dict) -> dict:
    """Return ``data`` with every known field under its English key (files may use the Chinese label)."""
    data = data if isinstance(data, dict) else {}
    out = {}
    for key, spec in fields.items():
        spec = expand(spec)
        value = data.get(key, data.get(spec.get("label"))) if isinstance(spec, dict) else data.get(key)
        if value is None or not isinstance(spec, dict):
            continue
        if kind(spec) == "object":
            value = english(value, spec.get("fields", {}))
        elif kind(spec) == "list" and isinstance(value, list):
            value = [english(row, spec["item"].get("fields", {})) for row in value]
        out[key] = value
    return out


def typed(raw: object, fields: dict) -> dict:
    """Return the editor's values ``raw`` as file data, in schema order, blanks left out."""
    raw = raw if isinstance(raw, dict) else {}
    out = {}
    for key, spec in fields.items():
        if key in raw and isinstance(spec, dict):
            value = _typed(raw[key], expand(spec))
            if value not in (None, {}):
                out[key] = value
    return out


def _typed(value: object, spec: dict) -> object:
    what = kind(spec)
    if what == "object":
        return typed(value, spec.get("fields", {}))
    if what == "list":
        rows = value if isinstance(value, list) else []
        return [typed(row, spec["item"].get("fields", {})) for row in rows]
    if what == "bool":
        return bool(value) if isinstance(value, bool) else None
    text = str(value).strip() if isinstance(value, (str, int, Decimal)) and not isinstance(value, bool) else ""
    if not text:
        return [] if what == "paragraphs" else None
    return _scalar(text, what)


def _scalar(text: str, what: str) -> object:
    if what in NUMBERS:
        return _number(text.replace(",", "").replace("，", "").replace(" ", ""), text)
    if what in ("integer", "year"):
        return int(text) if re.fullmatch(r"-?\d{1,12}", text) else text
    if what == "paragraphs":
        return [line.strip() for line in text.splitlines() if line.strip()]
    if what == "date":
        try:
            return date.fromisoformat(text)
        except ValueError:
            return text
    return text


def _number(text: str, typed_text: str) -> object:
    try:
        number = Decimal(text)
    except InvalidOperation:
        return typed_text
    return number if number.is_finite() else typed_text


def like_file(data: dict, old: object, fields: dict) -> dict:
    """Return ``data`` in the key order of the file's data ``old``, with the keys the form does not
    know (typos the checks report) kept where the file had them; lists are taken as edited."""
    if not isinstance(old, dict):
        return data
    names = {key: key for key in fields} | {spec.get("label"): key for key, spec in fields.items()
                                            if isinstance(spec, dict) and spec.get("label")}
    order = [names.get(key, key) for key in old]
    out = {key: data[key] if key in data else old[key] for key in order
           if key in data or (key not in fields and key != "form")}
    out |= {key: value for key, value in data.items() if key not in out}
    for key, value in out.items():
        spec = fields.get(key)
        if isinstance(value, dict) and isinstance(spec, dict) and kind(spec) == "object":
            original = old.get(key, old.get(spec.get("label")))
            out[key] = like_file(value, original, spec.get("fields", {}))
    return out


def to_text(data: dict, form_id: str, suffix: str, original: str = "") -> str:
    """Return the file text of ``data``: ``form:`` first, the original file's comments kept where they fit."""
    data = {"form": form_id, **data}
    if suffix.lower() == ".json":
        return json.dumps(data, ensure_ascii=False, indent=2, default=_json_value) + "\n"
    return carry(original, head_comments(original) + dump_data(data))


def head_comments(text: str) -> str:
    """Return the comment lines that open ``text`` (a starter's title, its ``$schema`` line)."""
    head = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        head.append(line + "\n")
    return "".join(head)


def _json_value(value: object) -> object:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    raise TypeError(type(value).__name__)
