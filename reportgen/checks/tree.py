"""The indicator tree: known 一级/二级 names in the form's order, required groups, no duplicates."""
from __future__ import annotations

from ..source import paths
from ..source.paths import dotted
from .base import Context, Finding, rule
from .taxonomy import level1_of, normal, taxonomy_of


def _groups(ctx: Context):
    """Yield (path, 一级 name, [(path, 二级 name)]) over the profile's tree."""
    level2 = ctx.profile.get("tree", {}).get("level2")
    for path, node in ctx.level1_nodes():
        children = [(path + rel + ("level2",), child.level2) for rel, child in paths.select(node, level2)] \
            if level2 else []
        yield path + ("level1",), node.level1, children


@rule("taxonomy", codes=("RG601", "RG602", "RG603", "RG604", "RG605"))
def taxonomy(ctx: Context):
    known = taxonomy_of(ctx.profile)
    order = list(known)
    seen: list[str] = []
    for path, name, children in _groups(ctx):
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
            home = level1_of(known, child)
            if home:
                yield Finding("RG602", child_path, {"name": child, "level1": name, "home": home})
            else:
                yield Finding("RG605", child_path, {"name": child, "level1": name, "known": "、".join(known[level1])})
    tree_key = paths.parse(ctx.profile.get("tree", {}).get("level1", "indicators[*]"))[:1]
    for required in ctx.profile.get("required_level1") or ():
        if normal(required) not in seen:
            yield Finding("RG604", tree_key, {"name": required}, at_key=True)


@rule("unique_names", codes=("RG606",))
def unique_names(ctx: Context):
    first: dict[str, tuple] = {}
    for path, _, _, item in ctx.tree_rows():
        key = normal(item.name)
        if key in first:
            yield Finding("RG606", path + ("name",), {"name": item.name, "first": dotted(first[key])})
        else:
            first[key] = path
