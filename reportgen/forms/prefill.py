"""A new form filled from another one, as its profile's ``prefill:`` maps fields across.

```yaml
prefill:
  from: [target-2026]                # the forms it is made from (or their variants)
  fields: {project.name: project.name, funds.total.adjusted: funds.annual}
  tree: {from: indicators, to: indicators, items: {name: name, target: target}}
  defaults: {month: 6}
```

A folder written before ``from`` says ``kind:`` (a word of ``templates/forms/_kinds.yaml``): a form
of that stage of the budget cycle.
"""
from __future__ import annotations

from ..errors import PrefillError
from ..source import paths
from .stages import legacy_kinds, stage_of


def prefill(definition, source) -> dict:
    """Return the data of a new ``definition`` form taken from the validated form ``source``."""
    spec = definition.profile.get("prefill")
    if not spec:
        raise PrefillError(f"{definition.id} declares no prefill")
    if not fills(definition, source.definition):
        raise PrefillError(f"{source.form} cannot fill {definition.id} (it is filled from {_sources(spec)})")
    data: dict = {"form": definition.id, **(spec.get("defaults") or {})}
    for target, origin in (spec.get("fields") or {}).items():
        value = _plain(paths.get(source, origin))
        if value not in (None, (), []):
            _put(data, paths.parse(target), value)
    tree = spec.get("tree")
    if tree:
        data[tree["to"]] = [_level1(node, tree["items"]) for node in getattr(source, tree["from"])]
    return data


def fills(definition, source) -> bool:
    """Return True when a form of the definition ``source`` can fill a new ``definition`` form."""
    spec = definition.profile.get("prefill")
    if not spec:
        return False
    if spec.get("from"):
        return any(form_id in spec["from"] for form_id in source.lineage)
    if spec.get("kind"):  # deprecated: a form of that stage
        stage = stage_of(source.profile) or {}
        return stage.get("order") == (legacy_kinds().get(spec["kind"]) or {}).get("order")
    return True


def _sources(spec: dict) -> str:
    return ", ".join(spec.get("from") or []) or f"a {spec.get('kind')} form"


def _level1(node, items: dict) -> dict:
    return {"level1": node.level1, "groups": [
        {"level2": group.level2, "items": [_item(item, items) for item in group.items]} for group in node.groups]}


def _item(item, mapping: dict) -> dict:
    return {new: _plain(getattr(item, old)) for new, old in mapping.items() if getattr(item, old) is not None}


def _plain(value: object) -> object:
    """Return a model value as the data a YAML file holds (indicator values as written)."""
    if hasattr(value, "source"):
        return value.source
    if isinstance(value, tuple):
        return list(value)
    return value


def _put(data: dict, path: tuple, value: object) -> None:
    for key in path[:-1]:
        data = data.setdefault(key, {})
    data[path[-1]] = value
