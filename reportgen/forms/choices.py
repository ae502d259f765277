"""What a form's schema says of its fields by binding pattern (``[*]`` for indexes): the fixed
options of its ``choice`` fields, and the fields only a reviewer fills (``reviewer: true``).

Tick-box cells print the options (☑ the chosen one, □ the others) and fill-in workbooks offer
them as drop-down lists, and leave the reviewer's cells locked; all find a cell by its binding.
"""
from __future__ import annotations

import re

_INDEX = re.compile(r"\[\d+\]")


def choice_fields(fields: dict, prefix: str = "") -> dict[str, tuple[str, ...]]:
    """Return the ``choice`` fields below a schema's ``fields`` as binding pattern → choices."""
    out: dict[str, tuple[str, ...]] = {}
    for key, spec in fields.items():
        if not isinstance(spec, dict):
            continue
        kind = spec.get("type", "object" if "fields" in spec else None)
        if kind == "choice":
            out[prefix + key] = tuple(spec.get("choices") or ())
        elif "fields" in spec:
            out.update(choice_fields(spec["fields"], f"{prefix}{key}."))
        elif kind in ("list", "tree") and isinstance(spec.get("item"), dict):
            inner = f"{prefix}{key}[*]." + ("groups[*].items[*]." if kind == "tree" else "")
            out.update(choice_fields(spec["item"].get("fields") or {}, inner))
    return out


def reviewer_fields(fields: dict, prefix: str = "") -> set[str]:
    """Return the binding patterns of the fields a schema marks ``reviewer: true`` (审核意见, seals):
    the reviewer fills them, not the applicant."""
    out: set[str] = set()
    for key, spec in fields.items():
        if not isinstance(spec, dict):
            continue
        if spec.get("reviewer"):
            out.add(prefix + key)
        if "fields" in spec:
            out |= reviewer_fields(spec["fields"], f"{prefix}{key}.")
        elif spec.get("type") in ("list", "tree") and isinstance(spec.get("item"), dict):
            inner = f"{prefix}{key}[*]." + ("groups[*].items[*]." if spec.get("type") == "tree" else "")
            out |= reviewer_fields(spec["item"].get("fields") or {}, inner)
    return out


def pattern(binding: str) -> str:
    """Return a binding with its indexes as ``[*]``: ``tasks[2].kind`` → ``tasks[*].kind``."""
    return _INDEX.sub("[*]", binding)
