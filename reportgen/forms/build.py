"""The validating model of a form, built from the fields its ``schema.yaml`` declares.

A field is ``{type, label, optional, default, …}``; objects nest ``fields``, lists and trees
declare their ``item``. Every type is one of the annotated types of ``schema.py``, so a form
made of data validates, reports and serialises exactly like the built-in ones.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, create_model

from ..messages import Text, msg
from . import schema as types
from .definition import Definition
from .model import FormModel

# type name → (annotation when required, annotation when optional, default when optional)
SCALARS: dict[str, tuple[Any, Any, Any]] = {
    "text": (types.Text, types.OptionalText, None),
    "paragraphs": (types.Paragraphs, types.Paragraphs, ()),
    "date": (types.Day, types.Day | None, None),
    "money": (types.Money, types.Money, None),
    "signed_money": (types.SignedMoney, types.SignedMoney, None),  # a field that may be negative
    "percent": (types.Percent, types.Percent, None),
    "points": (types.Points, types.OptionalPoints, None),
    "value": (types.Value, types.OptionalValue, None),
    "integer": (int, int | None, None),
    "year": (types.Year, types.Year | None, None),
    "bool": (bool, bool | None, None),
}
STRUCTURES = ("object", "list", "tree", "choice")
KINDS = SCALARS.keys() | set(STRUCTURES)


def build_model(definition: Definition) -> type[FormModel]:
    """Return the model class of ``definition`` (its ``form:`` key takes the form's own id)."""
    fields = definition.schema.get("fields")
    if not isinstance(fields, dict) or not fields:
        raise definition.fail("schema.yaml", ("fields",), msg("forms.no-fields"))
    builder = _Builder(definition)
    declared = {"form": (Literal[definition.id], Field(...)), **builder.fields(fields, ("fields",))}
    name = _class_name(definition.id)
    model = create_model(name, __base__=FormModel, __doc__=definition.title, **declared)
    model.definition = definition
    return model


class _Builder:
    def __init__(self, definition: Definition):
        self.definition = definition

    def fields(self, spec: dict, path: tuple) -> dict[str, tuple]:
        return {key: self.field(key, value, path + (key,)) for key, value in spec.items()}

    def field(self, key: str, spec: object, path: tuple) -> tuple:
        if not isinstance(spec, dict):
            raise self._fail(path, msg("forms.field-not-mapping"))
        kind = spec.get("type", "object" if "fields" in spec else None)
        if not isinstance(kind, str) or kind not in KINDS:
            raise self._fail(path + ("type",), msg("forms.unknown-field-type", kind=kind, known=sorted(KINDS)))
        annotation, default = self._annotation(kind, spec, path)
        label = str(spec.get("label") or key)
        extra = {"min_length": spec["min_items"]} if "min_items" in spec else {}
        if "min_items" not in spec and kind in ("list", "tree") and not spec.get("optional"):
            extra = {"min_length": 1}
        if isinstance(default, _Factory):
            return annotation, Field(default_factory=default.make, description=label,
                                     json_schema_extra={"zh": label}, **extra)
        return annotation, types.field(label, default, **extra)

    def _annotation(self, kind: str, spec: dict, path: tuple) -> tuple[Any, Any]:
        optional = bool(spec.get("optional")) or "default" in spec
        if kind in SCALARS:
            required, loose, empty = SCALARS[kind]
            default = self._default(kind, spec, empty) if optional else ...
            return _null_is_default(loose, spec) if optional else required, default
        if kind == "choice":
            return self._choice(spec, path, optional)
        if kind == "object":
            model = self._object(spec, path)
            return model, (_Factory(model) if optional else ...)
        item = self._object(spec.get("item"), path + ("item",))
        annotation = list[types.Level1[item]] if kind == "tree" else list[item]
        return annotation, ([] if optional else ...)

    def _choice(self, spec: dict, path: tuple, optional: bool) -> tuple[Any, Any]:
        choices = spec.get("choices")
        if not isinstance(choices, list) or not choices or not all(isinstance(c, str) for c in choices):
            raise self._fail(path + ("choices",), msg("forms.no-choices"))
        annotation = Literal[tuple(choices)]
        if not optional:
            return annotation, ...
        default = spec.get("default")
        if default is not None and default not in choices:
            raise self._fail(path + ("default",), msg("forms.default-not-a-choice", default=default))
        return (_null_is_default(annotation, spec) if default is not None else annotation | None), default

    def _object(self, spec: object, path: tuple) -> type:
        if not isinstance(spec, dict) or not isinstance(spec.get("fields"), dict):
            raise self._fail(path, msg("forms.object-without-fields"))
        name = _class_name(self.definition.id, *[p for p in path if p not in ("fields", "item")])
        return create_model(name, __base__=types.StrictModel, __doc__=str(spec.get("label", "")),
                            **self.fields(spec["fields"], path + ("fields",)))

    def _default(self, kind: str, spec: dict, empty: Any) -> Any:
        if "default" not in spec:
            return empty
        value = spec["default"]
        if kind == "paragraphs" and isinstance(value, list):
            return tuple(str(v) for v in value)
        if kind == "points" and value is not None:
            return Decimal(str(value))
        return value

    def _fail(self, path: tuple, detail: Text):
        return self.definition.fail("schema.yaml", path, detail)


def _null_is_default(annotation: Any, spec: dict) -> Any:
    """A field with a default takes it for an explicit null too (a fill-in cell left empty)."""
    if spec.get("default") is None:
        return annotation
    default = spec["default"]
    return Annotated[annotation, BeforeValidator(lambda value: default if value is None else value)]


class _Factory:
    """A default made anew for each form: an optional object's empty instance."""

    def __init__(self, make: type):
        self.make = make


def _class_name(*parts: str) -> str:
    words = "-".join(str(p) for p in parts).replace("_", "-").split("-")
    return "".join(word[:1].upper() + word[1:] for word in words if word) or "Form"
