"""Every key a form definition may write, in one place: what is not here is a typo.

``form.yaml``, each field spec of ``schema.yaml``, ``profile.yaml`` and its parts, the
parameters of every rule (``checks:``) and computation (``computed:``). A definition check
(``lint.py``) reports any other key at its file, line and column with the nearest known one.

A new key is one line here: ``FIELD_KEYS["money"]`` gains ``"unit"``, ``RULE_PARAMS`` a rule.

Parameter kinds: ``path`` a field path or ``calc.NAME``; ``paths`` a list of them; ``money``,
``number``, ``date``, ``object`` a path whose field has that type (``calc.NAME`` always fits);
``name`` a field of each indicator row or group; ``code`` one of the rule's RG codes;
``literal`` a number; ``labels`` a mapping of column → caption; ``strings`` a list of texts;
``any`` anything. A kind ending in ``?`` may be left out.
"""
from __future__ import annotations

FORM_KEYS = ("id", "title", "kind", "extends", "money_unit")  # kind: deprecated, read through templates/forms/_kinds.yaml

FIELD_COMMON = ("type", "label", "optional", "reviewer")  # reviewer: 审核意见, locked in the fill-in
FIELD_KEYS: dict[str, tuple[str, ...]] = {   # per type, beside FIELD_COMMON
    "text": ("default",), "paragraphs": ("default",), "date": ("default",), "money": ("default",),
    "signed_money": ("default",), "percent": ("default",), "points": ("default",), "value": ("default",),
    "integer": ("default",), "year": ("default",), "bool": ("default",),
    "choice": ("choices", "default"),
    "object": ("fields",),
    "list": ("item", "min_items"),
    "tree": ("item", "min_items"),
}
ITEM_KEYS = ("fields", "label", "type")   # the ``item:`` of a list or tree: an object

PROFILE_KEYS = ("tree", "taxonomy", "required_level1", "required_texts", "computed", "checks", "summary",
                "prefill", "cycle")
TREE_KEYS = ("level1", "level2", "items")
SUMMARY_KEYS = ("name", "section")
# A section of the booklet's 汇总表 (forms/summary.py), and each of its columns.
SECTION_KEYS = ("id", "title", "heading", "cover", "order", "totals", "group_by", "columns")
COLUMN_KEYS = ("head", "value", "type", "mm", "ratio", "whole")
PREFILL_KEYS = ("from", "kind", "fields", "tree", "defaults")  # from: form ids; kind: deprecated (a stage)
# The budget cycle (checks/cycle.py): how forms pair, their figures, and each indicator row's fields.
CYCLE_KEYS = ("stage", "project", "code", "year", "month", "budget", "initial", "executed", "items", "unlikely")
# A form's place in the cycle: its order in the year, its name in messages, whether the others are held to it.
STAGE_KEYS = ("order", "zh", "en", "reference")
CYCLE_ITEM_KEYS = ("name", "target", "actual", "score", "weight", "reason", "progress", "likelihood", "note")

NUMBERS = ("money", "signed_money", "points", "percent", "integer")
TYPES_OF = {"money": ("money", "signed_money"), "number": NUMBERS, "date": ("date",), "object": ("object",)}

RULE_PARAMS: dict[str, dict[str, str]] = {
    "project_dates": {"start": "date", "end": "date", "kind": "path?", "multi_year": "strings?"},
    "plan_covers_the_year": {"start": "date", "end": "date"},
    "self_evaluation_dates": {},
    "lost_points_explained": {"problems": "path?"},
    "sums": {"code": "code", "total": "money", "parts": "paths"},
    "covers": {"code": "code", "whole": "money", "part": "money"},
    "columns_add_up": {"total": "object", "parts": "paths", "columns": "labels"},
    "execution": {"executed": "money", "budget": "money", "at": "path"},
    "time_progress": {"rate": "number", "month": "number", "reason": "path?", "at": "path"},
    "stated_rate": {"stated": "path", "computed": "number", "display": "path?"},
    "stated_points": {"code": "code", "stated": "number", "computed": "number"},
    "stated_grade": {"stated": "path", "computed": "path", "total": "number", "scheme": "path"},
    "group_points": {"stated": "name", "computed": "path"},
    "weights_total": {"total": "number", "at": "path", "full": "literal?"},
    "score_bounds": {"reason": "name?"},
    "qualitative_bands": {},
    "suggested_scores": {"reverse_rule": "path?"},
    "execution_weight": {"weight": "number", "expected": "literal?"},
    "taxonomy": {},
    "unique_names": {},
    "indicator_values": {"target": "name?"},
    "required_when": {"field": "name", "values": "strings", "texts": "paths"},
    "province_thresholds": {"name": "path", "rate": "number", "month": "number", "at": "path", "items": "any"},
    "vocabulary": {},   # open: field path → its usual values (checked in lint.py)
}

# A rule reading indicator rows may name their fields otherwise (``fields: {score: points}``).
for _params in RULE_PARAMS.values():
    _params.setdefault("fields", "any?")

COMPUTED_PARAMS: dict[str, dict[str, str]] = {
    "ratio": {"of": "paths"},
    "capped_score": {"weight": "number", "rate": "number"},
    "total": {"of": "paths"},
    "grade": {"score": "number", "scheme": "path"},
    "rate_shown": {"rate": "number", "display": "path?"},
    "group_totals": {"groups": "path", "items": "any", "field": "any?"},
    "equals": {"value": "path", "to": "any"},
}
for _params in COMPUTED_PARAMS.values():  # what the workbench calls the figure (执行率); its name without one
    _params.setdefault("label", "any?")
