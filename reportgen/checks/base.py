"""The rule library: each rule looks at a form and yields findings at field paths.

A form's profile (``profile.yaml``) names the rules that apply to it under ``checks:``, each
with its parameters (field paths, computed names, codes); rules registered ``always`` apply to
every form. No rule knows a form by name.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from ..errors import PathError
from ..forms.access import label
from ..messages import NOTHING, msg
from ..problems import Problem
from ..source import paths
from ..source.parse import Source
from ..source.paths import dotted
from .catalogue import SEVERITY


@dataclass(frozen=True)
class Finding:
    """What a rule found: a code, the path of the field it concerns, the message parameters."""

    code: str
    path: tuple
    params: dict = field(default_factory=dict)
    at_key: bool = False  # point at the key (a missing or misplaced entry) rather than its value


class Context:
    """A rule's view of one form: its data, its profile and the parameters the profile gives the rule."""

    def __init__(self, form, params: object):
        self.form = form
        self.profile: dict = form.definition.profile
        self.params = params if params is not None else {}

    def figure(self, ref: object) -> object:
        """Return a computed figure, a field's value, or ``ref`` itself (a number)."""
        return self.form.figure(ref)

    def tree_rows(self) -> Iterator[tuple[tuple, object, object, object]]:
        """Yield (item path, 一级 node, 二级 node or None, item) over the profile's indicator tree."""
        tree = self.profile.get("tree", {})
        for l1_path, level1 in paths.select(self.form, tree.get("level1", "indicators[*]")):
            if tree.get("level2"):
                for l2_rel, level2 in paths.select(level1, tree["level2"]):
                    for rel, item in paths.select(level2, tree.get("items", "items[*]")):
                        yield l1_path + l2_rel + rel, level1, level2, item
            else:
                for rel, item in paths.select(level1, tree.get("items", "items[*]")):
                    yield l1_path + rel, level1, None, item

    def label(self, path: str) -> str:
        """Return the schema's label of the field at ``path`` (年度资金申请总额), else the path's last name."""
        return label(type(self.form), path) or str(paths.parse(path)[-1])

    def row(self, item) -> Row:
        """Return an indicator row's fields under the names rules use, read through the profile's
        ``fields`` mapping (``{score: points}``) where a form names them otherwise."""
        return Row({key: getattr(item, self.name_of(key), None) for key in ROW_FIELDS})

    def name_of(self, key: str) -> str:
        """Return the form's name of an indicator row's field (``score`` unless the profile maps it)."""
        names = (self.params.get("fields") or {}) if isinstance(self.params, dict) else {}
        return str(names.get(key, key))

    def level1_nodes(self) -> list[tuple[tuple, object]]:
        return paths.select(self.form, self.profile.get("tree", {}).get("level1", "indicators[*]"))


ROW_FIELDS = ("name", "target", "actual", "weight", "score", "reason")


class Row(dict):
    """An indicator row's fields by the names rules use: ``row.score``."""

    __getattr__ = dict.get


Rule = Callable[[Context], Iterable[Finding]]
RULES: dict[str, Rule] = {}
ALWAYS: list[str] = []
CODES: dict[str, str] = {}  # code → the rule that yields it


def rule(name: str, codes: Iterable[str], always: bool = False) -> Callable[[Rule], Rule]:
    """Register the rule ``name`` yielding ``codes``; ``always``: for every form, no parameters.

    Each code's severity and explanation are in the catalogue (``catalogue.py``), the one place
    they are set: a code missing there is a mistake of this module, caught at import.
    """
    missing = [code for code in codes if code not in SEVERITY]
    if missing:
        raise KeyError(f"rule {name}: codes not in checks/catalogue.py: {', '.join(missing)}")

    def register(function: Rule) -> Rule:
        RULES[name] = function
        if always:
            ALWAYS.append(name)
        CODES.update(dict.fromkeys(codes, name))
        return function

    return register


def run_level(name: str, codes: Iterable[str]) -> None:
    """Register ``codes`` as yielded by ``name``, a check over all the files of a run (not a form's rule)."""
    missing = [code for code in codes if code not in SEVERITY]
    if missing:
        raise KeyError(f"check {name}: codes not in checks/catalogue.py: {', '.join(missing)}")
    CODES.update(dict.fromkeys(codes, name))


def entries(params: object) -> list:
    """Return a rule's parameters as a list of entries (one mapping, or a list of them)."""
    return params if isinstance(params, list) else [params]


def run_rules(form, source: Source | None) -> list[Problem]:
    """Return the problems every rule of ``form``'s profile finds, located through ``source``."""
    problems = []
    selected = form.definition.profile.get("checks") or {}
    for name in ALWAYS + [n for n in selected if n not in ALWAYS]:
        if name not in RULES:
            raise form.definition.fail("profile.yaml", ("checks", name),
                                       msg("forms.unknown-rule", name=name, hint=NOTHING, known=sorted(RULES)))
        if name in ALWAYS:
            problems += [_locate(finding, source) for finding in RULES[name](Context(form, None))]
            continue
        for params in entries(selected.get(name)):  # every rule: a mapping, or a list of mappings
            try:
                problems += [_locate(finding, source) for finding in RULES[name](Context(form, params))]
            except (PathError, LookupError, TypeError, ArithmeticError, AttributeError, ValueError) as exc:
                # The parameters were checked when the profile loaded (forms/lint.py): what fails now
                # is a value of this form's data.
                problems.append(_unchecked(name, params, exc, source))
    return problems


def _unchecked(name: str, params: object, exc: Exception, source: Source | None) -> Problem:
    """RG117 at the first field the rule names: it could not be applied to this form's values."""
    refs = [v for key, v in (params.items() if isinstance(params, dict) else ()) if isinstance(v, str) and key != "code"]
    path = paths.parse(next((r for r in refs if not r.startswith("calc.")), ""))
    line, col = source.where(path) if source is not None else (0, 0)
    detail = f"{type(exc).__name__}: {exc}"
    return Problem("RG117", "warning", dotted(path), line, col, {"rule": name, "detail": detail})


def _locate(finding: Finding, source: Source | None) -> Problem:
    if source is None:
        line, col = 0, 0
    elif finding.at_key:
        line, col = source.where_key(finding.path)
    else:
        line, col = source.where(finding.path)
    return Problem(finding.code, SEVERITY[finding.code], dotted(finding.path), line, col, finding.params)
