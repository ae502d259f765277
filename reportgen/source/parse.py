"""Read YAML and JSON into plain data plus a source map: field path → (line, column).

Floats become ``Decimal`` straight from the text (money never passes through float), and
YAML 1.1's ``yes``/``no``/``on``/``off`` stay strings; a folded scalar (``>-``) joins wrapped
Chinese lines without a space. Positions are 1-based.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import yaml

from ..problems import Problem
from .limits import MAX_DEPTH, MAX_VALUES, limit, shape_problem
from .paths import dotted

Path_ = tuple  # a field path: keys and list indexes


@dataclass
class Source:
    """Data read from one file, with where each path was written."""

    data: object
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)  # where each value starts
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)       # where each mapping key is
    problems: list[Problem] = field(default_factory=list)

    def where(self, path: Path_) -> tuple[int, int]:
        """Return the position of the value at ``path``, or of its nearest written ancestor."""
        path = tuple(path)
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, (1, 1))

    def where_key(self, path: Path_) -> tuple[int, int]:
        """Return the position of the key of ``path`` (of its nearest written ancestor)."""
        path = tuple(path)
        while path not in self.keys and path:
            path = path[:-1]
        return self.keys.get(path, (1, 1))


# libyaml's parser when PyYAML has it: ten times faster, with the same node positions.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):
    """SafeLoader that reads floats as Decimal and keeps yes/no as text."""


def _construct_float(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    text = loader.construct_scalar(node)
    try:
        value = Decimal(text.replace("_", ""))
    except InvalidOperation:
        return text  # .inf / .nan: let the schema reject it as a non-number
    return value if value.is_finite() else text


def _construct_bool(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    text = loader.construct_scalar(node)
    return {"true": True, "false": False}.get(text.lower(), text)


def _construct_timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)  # 2026-13-01: the schema says what is wrong


def _construct_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    try:
        return yaml.SafeLoader.construct_yaml_int(loader, node)
    except ValueError:
        return loader.construct_scalar(node)  # !!int 二零二六, 5,000 digits: the schema says what is wrong


# Wide characters: CJK, its punctuation, full-width forms. Chinese text has no spaces between them.
_FOLDED_GAP = re.compile(r"(?<=[\u2e80-\u303f\u3400-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]) "
                         r"(?=[\u2e80-\u303f\u3400-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef])")


def _construct_str(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    """A folded scalar (``>``, ``>-``) joins its lines with a space, which Chinese text does not
    have: a line break between two wide characters folds to nothing."""
    text = loader.construct_scalar(node)
    return _FOLDED_GAP.sub("", text) if node.style == ">" else text


_Loader.add_constructor("tag:yaml.org,2002:str", _construct_str)
_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_Loader.add_constructor("tag:yaml.org,2002:bool", _construct_bool)


def read_yaml(text: str) -> Source:
    """Return the data of a YAML document with its positions, or the syntax problem."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Source(None)
        source = Source(None)
        too_much = _map_positions(node, source)
        if too_much:
            source.problems.append(too_much)
            return source
        source.data = loader.construct_document(node)
        return source
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        context = exc.context
        if context and exc.context_mark and exc.context_mark is not mark:
            context += f" (line {exc.context_mark.line + 1}, column {exc.context_mark.column + 1})"
        detail = ", ".join(filter(None, [context, exc.problem]))
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return Source(None, problems=[Problem("RG100", "error", "", line, col, {"detail": detail})])
    except (yaml.YAMLError, ValueError, TypeError) as exc:  # a tag's constructor refusing its value
        return Source(None, problems=[Problem("RG100", "error", "", 1, 1, {"detail": str(exc)})])
    finally:
        loader.dispose()


def _map_positions(root: yaml.Node, source: Source) -> Problem | None:
    """Record where every value and key starts; return the problem if the input is too deep or too big.

    Aliases are walked as often as they are used, so a "billion laughs" file stops at the limit.
    """
    stack: list[tuple[yaml.Node, Path_]] = [(root, ())]
    count = 0
    while stack:
        node, path = stack.pop()
        count += 1
        at = (node.start_mark.line + 1, node.start_mark.column + 1)
        if count > MAX_VALUES or len(path) > MAX_DEPTH:
            return limit(dotted(path), *at, "values" if count > MAX_VALUES else "depth")
        source.positions.setdefault(path, at)
        if isinstance(node, yaml.MappingNode):
            stack.extend(reversed(_map_keys(node, path, source)))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, path + (index,)) for index, item in reversed(list(enumerate(node.value))))
    return None


def _map_keys(node: yaml.MappingNode, path: Path_, source: Source) -> list[tuple[yaml.Node, Path_]]:
    """Record the keys of a mapping (a repeated key is RG104); return its values with their paths."""
    seen: dict[object, int] = {}
    children = []
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
        line = key_node.start_mark.line + 1
        if key in seen:
            source.problems.append(Problem(
                "RG104", "error", dotted(path + (key,)), line, key_node.start_mark.column + 1,
                {"key": key, "first": seen[key]}))
        seen.setdefault(key, line)
        source.keys.setdefault(path + (key,), (line, key_node.start_mark.column + 1))
        children.append((value_node, path + (key,)))
    return children


def read_json(text: str) -> Source:
    """Return the data of a JSON document, with positions read through the YAML parser.

    JSON is checked strictly first (a repeated key is an error, as in YAML); YAML (a superset)
    then gives the positions, and its duplicate-key problems their lines.
    """
    repeated: list[str] = []
    try:
        data = json.loads(text, parse_float=Decimal, parse_constant=_no_constant,
                          object_pairs_hook=lambda pairs: _object(pairs, repeated))
    except json.JSONDecodeError as exc:
        return Source(None, problems=[Problem("RG105", "error", "", exc.lineno, exc.colno, {"detail": exc.msg})])
    except RecursionError:
        return Source(None, problems=[limit("", 1, 1, "depth")])
    except ValueError as exc:  # an integer of more than 4,300 digits, NaN, Infinity
        return Source(None, problems=[Problem("RG105", "error", "", 1, 1, {"detail": str(exc)[:200]})])
    located = read_yaml(text)
    if any(p.code == "RG107" for p in located.problems):
        return Source(None, problems=located.problems)
    problems = [p for p in located.problems if p.code == "RG104"]
    if located.data is None and (too_much := shape_problem(data)):
        return Source(None, problems=[too_much])
    if repeated and not problems:  # YAML could not read it: name the keys without a line
        problems = [Problem("RG104", "error", key, 1, 1, {"key": key, "first": "?"}) for key in repeated]
    return Source(data, located.positions, located.keys, problems)


def _object(pairs: list[tuple[str, object]], repeated: list[str]) -> dict:
    result: dict = {}
    for key, value in pairs:
        if key in result:
            repeated.append(key)
        result.setdefault(key, value)
    return result


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not a number JSON allows")
