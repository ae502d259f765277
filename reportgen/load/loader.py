"""Turn a file into a form model; report every problem of the file at once, with its location."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pydantic import BaseModel, ValidationError

from ..errors import InputError
from ..forms import FORMS, form_type
from ..forms.access import model_of
from ..messages import msg, wrong_type
from ..problems import Problem
from ..source import Source, paths, read_source
from ..source.limits import MAX_INDICATORS, limit, text_problems
from ..source.paths import dotted


def load(path: Path | str) -> BaseModel:
    """Return the form model of ``path``; raise InputError with all its problems."""
    path = Path(path)
    source = read_source(path)
    form, problems = load_data(source)
    if problems:
        raise InputError(path, [replace(p, file=str(path)) for p in problems])
    return form


def load_data(source: Source) -> tuple[BaseModel | None, list[Problem]]:
    """Return the model built from ``source`` and the problems found on the way."""
    if source.problems and source.data is None:
        return None, source.problems
    data = source.data
    if not isinstance(data, dict):
        return None, source.problems + [Problem("RG102", "error", "", 1, 1)]
    problems = source.problems + text_problems(data, source.where)
    known = ", ".join(FORMS)
    if "form" not in data:
        return None, problems + [Problem("RG115", "error", "form", 1, 1, {"known": known})]
    kind = form_type(str(data["form"]))
    if kind is None:
        line, col = source.where_key(("form",))
        found = Problem("RG103", "error", "form", line, col, {"form": data["form"], "known": known})
        return None, problems + [found]
    try:
        form = kind.model.model_validate(data)
    except ValidationError as exc:
        return None, problems + [schema_problem(error, source, kind.model) for error in exc.errors()]
    count = _indicator_count(form)
    if count > MAX_INDICATORS:
        line, col = source.where_key(("indicators",))
        problems.append(limit("indicators", line, col, "indicators", count=count))
    if any(p.severity == "error" for p in problems[len(source.problems):]):
        return None, problems
    return form, problems


def _indicator_count(form: BaseModel) -> int:
    """Return the number of rows of ``form``'s indicator tree, where its profile says it is."""
    tree = form.definition.profile.get("tree") or {}
    if not tree.get("level1"):
        return 0
    steps = [tree["level1"], tree.get("level2"), tree.get("items", "items[*]")]
    return len(paths.select(form, ".".join(step for step in steps if step)))


# pydantic error types → (our code, message parameters)
_TYPE_KINDS = {
    "string_type": "text", "string_too_short": "text",
    "decimal_type": "number", "decimal_parsing": "number", "float_type": "number", "float_parsing": "number",
    "int_type": "integer", "int_parsing": "integer", "int_from_float": "integer",
    "date_type": "date", "date_parsing": "date", "date_from_datetime_parsing": "date",
    "date_from_datetime_inexact": "date", "date_value": "date",
    "list_type": "list", "tuple_type": "list",
    "dict_type": "mapping", "model_type": "mapping", "model_attributes_type": "mapping",
    "money": "money", "indicator_value": "value", "percent": "percent", "bool_type": "bool", "bool_parsing": "bool",
    "year": "year",
}

# Values of the right type that no form can hold → the RG113 detail.
_VALUE_KINDS = {"negative": "load.negative", "too_large": "load.too-large"}


def schema_problem(error: dict, source: Source, model: type[BaseModel]) -> Problem:
    """Return the problem of one pydantic ``error``, located in ``source``, in our words."""
    loc = tuple(part for part in error["loc"] if not _is_tag(part))
    kind = error["type"]
    line, col = source.where(loc)
    path = dotted(loc)
    if kind == "missing":
        line, col = source.where_key(loc[:-1])
        return Problem("RG110", "error", path, line, col, {"field": loc[-1]})
    if kind == "extra_forbidden":
        line, col = source.where_key(loc)
        return Problem("RG111", "error", path, line, col, {"field": loc[-1], "known": _known_fields(model, loc[:-1])})
    if kind == "too_short":
        return Problem("RG114", "error", path, line, col, {"min": error.get("ctx", {}).get("min_length", 1)})
    if kind == "string_too_short" and error.get("input") is not None:
        return Problem("RG110", "error", path, line, col, {"field": loc[-1] if loc else ""})
    if kind in _TYPE_KINDS:
        return Problem("RG112", "error", path, line, col, wrong_type(_TYPE_KINDS[kind]))
    if kind in _VALUE_KINDS:
        return Problem("RG113", "error", path, line, col, {"detail": msg(_VALUE_KINDS[kind])})
    detail = error.get("msg", kind)
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return Problem("RG113", "error", path, line, col, {"detail": msg("load.expected", expected=expected)})
    return Problem("RG113", "error", path, line, col, {"detail": detail})


def _is_tag(part: object) -> bool:
    # pydantic puts union/function tags such as "function-before[...]" into error locations.
    return isinstance(part, str) and ("[" in part and part.endswith("]") or part in {"str", "int", "decimal"})


def _known_fields(model: type[BaseModel], path: tuple) -> str:
    """Return the field names allowed at ``path`` of ``model``, for the unknown-field message."""
    current: object = model
    for part in path:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", {})
        if part not in fields:
            return ""
        current = model_of(fields[part].annotation)
    return ", ".join(getattr(current, "model_fields", {}))
