"""A form definition checked as it loads: closed key sets, rule and computation parameters.

Every problem is a ``DefinitionError`` at its file, line and column, Chinese first, and all of a
folder's are reported at once. The keys and parameter kinds are the tables of ``keys.py``.
Keys are checked in the files a folder holds itself (a variant's parent is checked as its own
folder); field paths in the merged definition, against the merged schema.
"""
from __future__ import annotations

import difflib
import re

from ..errors import DefinitionError
from ..messages import NOTHING, Text, msg
from ..money import UNITS
from ..source import paths
from . import keys
from .definition import Definition
from .stages import legacy_kinds, stage_of

CODE = re.compile(r"RG\d{3}")



class _Lint:
    def __init__(self, definition: Definition):
        self.definition = definition
        self.errors: list[DefinitionError] = []

    def fail(self, file: str, path: tuple, detail: Text, key: bool = False) -> None:
        self.errors.append(self.definition.fail(file, path, detail, key))

    def closed(self, file: str, data: object, allowed: tuple, path: tuple = (), hint: Text = NOTHING) -> bool:
        """Report every key of the mapping ``data`` outside ``allowed``; False if ``data`` is no mapping."""
        if not isinstance(data, dict):
            self.fail(file, path, msg("forms.lint.not-mapping"))
            return False
        for key in data:
            if key not in allowed:
                near = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
                hint = msg("forms.did-you-mean", name=near[0]) if near else hint
                self.fail(file, path + (key,), msg("forms.unknown-key", key=key, hint=hint, allowed=allowed), key=True)
        return True


def lint(definition: Definition) -> None:
    """Raise one DefinitionError naming every problem of ``definition``, or return."""
    check = _Lint(definition)
    own = {name: source.data for name, source in definition.sources.items()}
    _form_yaml(check, own.get("form.yaml"))
    if own.get("schema.yaml") is not None:
        _schema(check, own["schema.yaml"], definition.schema)
    if own.get("profile.yaml") is not None:
        _profile_keys(check, own["profile.yaml"])
    if not check.errors:  # paths are looked up only in a definition whose keys are sound
        _ParamCheck(check).profile(definition.profile)
    if check.errors:
        raise DefinitionError.collected(check.errors)


def _form_yaml(check: _Lint, meta) -> None:
    if meta is None or not check.closed("form.yaml", meta, keys.FORM_KEYS):
        return
    kinds = tuple(legacy_kinds())  # deprecated: profile.yaml's cycle.stage says it
    if meta.get("kind") is not None and not (isinstance(meta["kind"], str) and meta["kind"] in kinds):
        check.fail("form.yaml", ("kind",), msg("forms.lint.kind", kinds=kinds))
    unit = meta.get("money_unit")
    if unit is not None and unit not in UNITS:
        check.fail("form.yaml", ("money_unit",), msg("forms.unknown-money-unit", unit=unit, units=UNITS))


# -- schema.yaml: each field spec --

_OUTSIDE = Text("forms.lint.under-fields")


def _schema(check: _Lint, schema, merged: dict) -> None:
    """Check the field specs a folder writes; a variant's partial spec takes its type from the merged one."""
    if not check.closed("schema.yaml", schema, ("fields",)) or "fields" not in schema:
        return
    if isinstance(schema["fields"], dict):
        _fields(check, schema["fields"], ("fields",), merged)
    else:
        check.fail("schema.yaml", ("fields",), msg("forms.lint.fields-not-mapping"))


def _fields(check: _Lint, fields: dict, path: tuple, merged: dict) -> None:
    for name, spec in fields.items():
        if isinstance(spec, dict):
            _field(check, spec, path + (name,), merged)


def _merged_spec(merged: dict, path: tuple) -> dict:
    node: object = merged
    for part in path:
        node = node.get(part) if isinstance(node, dict) else None
    return node if isinstance(node, dict) else {}


def _field(check: _Lint, spec: dict, path: tuple, merged: dict) -> None:
    kind = _kind(_merged_spec(merged, path))
    if not isinstance(kind, str) or kind not in keys.FIELD_KEYS:
        check.fail("schema.yaml", path + ("type",), msg("forms.unknown-field-type", kind=kind, known=keys.FIELD_KEYS))
        return
    allowed = keys.FIELD_COMMON + keys.FIELD_KEYS[kind]
    check.closed("schema.yaml", spec, allowed, path, _OUTSIDE if kind == "object" else NOTHING)
    if "optional" in spec and spec["optional"] is not None and not isinstance(spec["optional"], bool):
        check.fail("schema.yaml", path + ("optional",), msg("forms.lint.optional"))
    if kind == "choice":
        choices = _merged_spec(merged, path).get("choices")
        if not isinstance(choices, list) or not choices or not all(isinstance(c, str) for c in choices):
            check.fail("schema.yaml", path + ("choices",), msg("forms.no-choices"))
    if kind == "object" and isinstance(spec.get("fields"), dict):
        _fields(check, spec["fields"], path + ("fields",), merged)
    item = spec.get("item")
    if kind in ("list", "tree") and isinstance(item, dict):
        check.closed("schema.yaml", item, keys.ITEM_KEYS, path + ("item",), _OUTSIDE)
        if isinstance(item.get("fields"), dict):
            _fields(check, item["fields"], path + ("item", "fields"), merged)


# -- profile.yaml: its keys --

def _profile_keys(check: _Lint, profile) -> None:
    if not check.closed("profile.yaml", profile, keys.PROFILE_KEYS):
        return
    for key, allowed in (("tree", keys.TREE_KEYS), ("summary", keys.SUMMARY_KEYS), ("prefill", keys.PREFILL_KEYS),
                         ("cycle", keys.CYCLE_KEYS)):
        if profile.get(key) is not None:
            check.closed("profile.yaml", profile[key], allowed, (key,))
    items = (profile.get("cycle") or {}).get("items") if isinstance(profile.get("cycle"), dict) else None
    if items is not None:
        check.closed("profile.yaml", items, keys.CYCLE_ITEM_KEYS, ("cycle", "items"))
    stage = (profile.get("cycle") or {}).get("stage") if isinstance(profile.get("cycle"), dict) else None
    if stage is not None and check.closed("profile.yaml", stage, keys.STAGE_KEYS, ("cycle", "stage")):
        _stage(check, stage_of(check.definition.profile) or {})  # as merged: a variant may change its order only
    taken = (profile.get("prefill") or {}).get("from") if isinstance(profile.get("prefill"), dict) else None
    if taken is not None and not (isinstance(taken, list) and taken and all(isinstance(v, str) for v in taken)):
        check.fail("profile.yaml", ("prefill", "from"), msg("forms.lint.not-form-ids"))
    section = (profile.get("summary") or {}).get("section") if isinstance(profile.get("summary"), dict) else None
    if section is not None and check.closed("profile.yaml", section, keys.SECTION_KEYS, ("summary", "section")):
        columns = section.get("columns")
        for n, column in enumerate(columns if isinstance(columns, list) else []):
            check.closed("profile.yaml", column, keys.COLUMN_KEYS, ("summary", "section", "columns", n))
    checks = profile.get("checks") or {}
    if not isinstance(checks, dict):
        check.fail("profile.yaml", ("checks",), msg("forms.lint.checks-not-mapping"))
        return
    for name in checks:
        if name not in keys.RULE_PARAMS:
            near = difflib.get_close_matches(str(name), keys.RULE_PARAMS, n=1, cutoff=0.6)
            hint = msg("forms.did-you-mean", name=near[0]) if near else NOTHING
            check.fail("profile.yaml", ("checks", name),
                       msg("forms.unknown-rule", name=name, hint=hint, known=keys.RULE_PARAMS), key=True)


def _stage(check: _Lint, stage: dict) -> None:
    """A stage of the budget cycle: a whole ``order``, names in both languages, ``reference`` true or false."""
    if isinstance(stage.get("order"), bool) or not isinstance(stage.get("order"), int):
        check.fail("profile.yaml", ("cycle", "stage", "order"), msg("forms.lint.stage-order"))
    for key in ("zh", "en"):
        if not (isinstance(stage.get(key), str) and stage[key].strip()):
            check.fail("profile.yaml", ("cycle", "stage", key), msg("forms.lint.stage-name", key=key))
    if not isinstance(stage.get("reference", False), bool):
        check.fail("profile.yaml", ("cycle", "stage", "reference"), msg("forms.lint.stage-reference"))


# -- field paths and parameters, against the merged schema --

def spec_at(fields: dict, parts: tuple) -> dict | None:
    """Return the field spec ``parts`` names in the schema's ``fields`` (``*``/index: a list's item), or None."""
    node: object = {"type": "object", "fields": fields}
    for part in parts:
        kind = _kind(node)
        if part == "*" or isinstance(part, int):
            node = node.get("item") if kind == "list" else _level1(node) if kind == "tree" else None
        else:
            inner = node.get("fields") if kind == "object" else None
            node = inner.get(part) if isinstance(inner, dict) else None
        if not isinstance(node, dict):
            return None
    return node


def _kind(spec: dict) -> str | None:
    return spec.get("type", "object" if "fields" in spec else None)


def _level1(tree: dict) -> dict:
    """A tree's element as the model has it: 一级 → groups of 二级 → items (the tree's ``item``)."""
    level2 = {"fields": {"level2": {"type": "text"}, "items": {"type": "list", "item": tree.get("item")}}}
    return {"fields": {"level1": {"type": "text"}, "groups": {"type": "list", "item": level2}}}


_TYPE_NAMES = {"money": Text("forms.type.amount"), "number": Text("forms.type.number"), "date": Text("forms.type.date"),
               "object": Text("forms.type.object")}


class _ParamCheck:
    """The merged profile's parameters: shapes, keys, and every path naming a field of a usable type."""

    def __init__(self, check: _Lint):
        self.check, self.definition = check, check.definition
        fields = self.definition.schema.get("fields")
        self.fields = fields if isinstance(fields, dict) else {}
        self.computed: set[str] = set()
        self.row_fields = self._row_fields()

    def fail(self, path: tuple, detail: Text) -> None:
        self.check.fail("profile.yaml", path, detail)

    def profile(self, profile: dict) -> None:
        self.computations(profile.get("computed"))
        for name, params in self._mapping(profile.get("checks"), ("checks",)).items():
            if name == "vocabulary":
                self.vocabulary(params)
            elif name in keys.RULE_PARAMS:
                for at, entry in self.entries(params, ("checks", name)):
                    self.params(entry, keys.RULE_PARAMS[name], at)
        self.summary(self._mapping(profile.get("summary"), ("summary",)))
        self.value(profile.get("required_texts") or [], "paths", ("required_texts",))
        self.tree(profile.get("tree"))
        for name, names in self._mapping(profile.get("taxonomy"), ("taxonomy",)).items():
            self.strings(names, ("taxonomy", name))
        self.strings(profile.get("required_level1") or [], ("required_level1",))

    def summary(self, summary: dict) -> None:
        """The booklet line: a name, and a section whose columns name fields (forms/summary.py)."""
        if summary.get("name") is None:  # the 汇总表's project name, and what names a form in a run
            self.fail(("summary",), msg("forms.lint.no-summary-name"))
        else:
            self.ref(summary["name"], "path", ("summary", "name"))
        columns = self._mapping(summary.get("section"), ("summary", "section")).get("columns") or []
        for n, column in enumerate(columns if isinstance(columns, list) else []):
            for key in ("value", "whole"):
                if isinstance(column, dict) and column.get(key) is not None:
                    self.ref(column[key], "path", ("summary", "section", "columns", n, key))

    def strings(self, value, at: tuple) -> None:
        if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            self.fail(at, msg("forms.lint.not-texts"))

    def tree(self, tree) -> None:
        """The indicator tree's steps, as the loader and the rules join them, must name the form's rows."""
        tree = self._mapping(tree, ("tree",))
        steps = [(key, tree.get(key, default)) for key, default in
                 (("level1", "indicators[*]"), ("level2", None), ("items", "items[*]"))]
        if not tree and "indicators" not in self.fields:
            return  # no tree, and none by default: the tree's rules have nothing to read
        for key, step in steps:
            if step is not None and not isinstance(step, str):
                self.fail(("tree", key), msg("forms.lint.step-not-a-path", step=step))
                return
        joined = ".".join(step for _, step in steps if step)
        if spec_at(self.fields, paths.parse(joined)) is None:
            self.fail(("tree",), msg("forms.lint.tree-no-field", joined=joined))

    def computations(self, computed) -> None:
        for name, spec in self._mapping(computed, ("computed",)).items():
            at = ("computed", name)
            if not isinstance(spec, dict) or not isinstance(spec.get("fn"), str) or spec["fn"] not in keys.COMPUTED_PARAMS:
                fn = spec.get("fn") if isinstance(spec, dict) else spec
                self.fail(at, msg("forms.lint.computed", computed_params=keys.COMPUTED_PARAMS, fn=fn))
            else:
                self.params({k: v for k, v in spec.items() if k != "fn"}, keys.COMPUTED_PARAMS[spec["fn"]], at)
            self.computed.add(str(name))  # named after its own check: a later figure may use it

    def entries(self, params, at: tuple) -> list[tuple[tuple, dict]]:
        """A rule's parameters: nothing, one mapping, or a list of mappings (one shape for every rule)."""
        if params is None:
            return [(at, {})]
        if isinstance(params, dict):
            return [(at, params)]
        if isinstance(params, list) and all(isinstance(entry, dict) for entry in params):
            return [(at + (i,), entry) for i, entry in enumerate(params)]
        self.fail(at, msg("forms.lint.parameters-not-mapping"))
        return []

    def params(self, entry: dict, table: dict[str, str], at: tuple) -> None:
        allowed = tuple(table)
        if not self.check.closed("profile.yaml", entry, allowed, at):
            return
        for key, kind in table.items():
            if key in entry and entry[key] is not None:
                self.value(entry[key], kind.rstrip("?"), at + (key,))
            elif not kind.endswith("?"):
                self.fail(at, msg("forms.lint.no-parameter", key=key))

    def value(self, value, kind: str, at: tuple) -> None:
        if kind in ("path", *_TYPE_NAMES):
            self.ref(value, kind, at)
        elif kind == "paths":
            if not isinstance(value, list):
                self.fail(at, msg("forms.lint.not-paths"))
            for i, ref in enumerate(value if isinstance(value, list) else ()):
                self.ref(ref, "path", at + (i,))
        elif kind == "code" and not (isinstance(value, str) and CODE.fullmatch(value)):
            self.fail(at, msg("forms.lint.not-a-code", value=value))
        elif kind == "literal" and (isinstance(value, bool) or not isinstance(value, (int, float))):
            self.fail(at, msg("forms.lint.not-a-number", value=value))
        elif kind == "name" and (not isinstance(value, str) or value not in self.row_fields):
            self.fail(at, msg("forms.lint.not-a-row-field", value=value))
        elif kind == "strings" and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            self.fail(at, msg("forms.lint.not-texts"))
        elif kind == "labels" and not (isinstance(value, dict) and all(isinstance(v, str) for v in value.values())):
            self.fail(at, msg("forms.lint.columns-not-mapping"))

    def ref(self, ref, kind: str, at: tuple) -> None:
        """One path parameter: ``calc.NAME`` computed before, or a field of the schema of a usable type."""
        if not isinstance(ref, str) or not ref:
            self.fail(at, msg("forms.lint.not-a-path", ref=ref))
            return
        if ref.startswith("calc."):
            if ref[5:] not in self.computed:
                self.fail(at, msg("forms.lint.not-computed-before", ref=ref))
            return
        spec = spec_at(self.fields, paths.parse(ref))
        if spec is None:
            self.fail(at, msg("forms.lint.no-field", ref=ref))
        elif kind in _TYPE_NAMES and _kind(spec) not in keys.TYPES_OF[kind]:
            self.fail(at, msg("forms.lint.wrong-field-type", ref=ref, kind=_kind(spec), needed=_TYPE_NAMES[kind]))

    def vocabulary(self, params) -> None:
        for path, known in self._mapping(params, ("checks", "vocabulary")).items():
            self.ref(path, "path", ("checks", "vocabulary", path))
            if not (isinstance(known, list) and all(isinstance(v, str) for v in known)):
                self.fail(("checks", "vocabulary", path), msg("forms.lint.not-texts"))

    def _mapping(self, value, at: tuple) -> dict:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.fail(at, msg("forms.lint.not-mapping"))
            return {}
        return value

    def _row_fields(self) -> set:
        """Names of the fields of every list or tree item, and of the tree's groups."""
        found = {"level1", "level2", "groups", "items"}
        stack = [self.fields]
        while stack:
            for spec in stack.pop().values():
                if not isinstance(spec, dict):
                    continue
                inner = spec.get("item") if isinstance(spec.get("item"), dict) else spec
                if isinstance(inner.get("fields"), dict):
                    if inner is not spec:
                        found.update(inner["fields"])
                    stack.append(inner["fields"])
        return found
