"""The indicator tree: known 一级/二级 names in the form's order, required groups, no duplicates."""
from __future__ import annotations

from ..forms.schema import rows
from .base import Finding, rule
from .taxonomy import REQUIRED, TAXONOMIES, level1_of, normal


def _groups(form):
    """Yield (path, 一级 name, [(path, 二级 name)]) for either tree shape."""
    if form.form == "selfeval-2019":
        for g, group in enumerate(form.scores):
            yield ("scores", g, "level1"), group.level1, []
        return
    for i1, level1 in enumerate(form.indicators):
        children = [(("indicators", i1, "groups", i2, "level2"), l2.level2) for i2, l2 in enumerate(level1.groups)]
        yield ("indicators", i1, "level1"), level1.level1, children


@rule(codes={"RG601": "error", "RG602": "error", "RG603": "warning", "RG604": "error", "RG605": "warning"})
def taxonomy(form):
    known = TAXONOMIES[form.form]
    order = list(known)
    seen: list[str] = []
    for path, name, children in _groups(form):
        level1 = normal(name)
        if level1 not in known:
            yield Finding("RG601", path, {"name": name, "known": "、".join(known)})
            continue
        if seen and order.index(level1) < order.index(seen[-1]):
            yield Finding("RG603", path, {"name": name, "order": "、".join(order)})
        seen.append(level1)
        for child_path, child in children:
            if normal(child) in known[level1]:
                continue
            home = level1_of(form.form, child)
            if home:
                yield Finding("RG602", child_path, {"name": child, "level1": name, "home": home})
            else:
                yield Finding("RG605", child_path, {"name": child, "level1": name, "known": "、".join(known[level1])})
    for required in REQUIRED[form.form]:
        if required not in seen:
            yield Finding("RG604", ("indicators" if form.form != "selfeval-2019" else "scores",),
                          {"name": required}, at_key=True)


@rule("target-2026", "target-2020", "selfeval-2020", codes={"RG606": "warning"})
def unique_names(form):
    first: dict[str, tuple] = {}
    for i1, i2, i3, *_, item in rows(form.indicators):
        path = ("indicators", i1, "groups", i2, "items", i3, "name")
        key = normal(item.name)
        if key in first:
            yield Finding("RG606", path, {"name": item.name, "first": _human(first[key])})
        else:
            first[key] = (i1, i2, i3)


@rule("selfeval-2019", codes={"RG606": "warning"})
def unique_names_2019(form):
    first: dict[str, tuple] = {}
    for g, group in enumerate(form.scores):
        for i, item in enumerate(group.items):
            key = normal(item.name)
            if key in first:
                yield Finding("RG606", ("scores", g, "items", i, "name"), {"name": item.name, "first": first[key]})
            else:
                first[key] = f"scores[{g}].items[{i}]"


def _human(index: tuple) -> str:
    i1, i2, i3 = index
    return f"indicators[{i1}].groups[{i2}].items[{i3}]"
