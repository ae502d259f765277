"""Comments of a YAML file carried over to the file the editor writes in its place.

PyYAML drops comments, so they are taken from the original text by position: the comment lines
right above a key, a comment after a key's value on its line (``annual: 4087500.00  # 元``), and
the comment lines that close the file. They go back above, or after, the same key in the new
text, and at its end. Only keys outside lists are
followed: rows can be added, moved and deleted, so a row's number names no particular row.
"""
from __future__ import annotations

import yaml

Marks = dict[tuple, tuple[int, bool]]  # a key's path → (its line, 0-based; whether its line may take a comment)


def carry(original: str, new: str) -> str:
    """Return ``new`` with the comments ``original`` has above and after its keys, where both have the key."""
    if "#" not in original:
        return new  # nothing to carry (the editor's checks: no original at all)
    old_keys, new_keys = _keys(original), _keys(new)
    if not old_keys or not new_keys:
        return new
    old_lines, lines = original.splitlines(), new.splitlines()
    above: dict[int, list[str]] = {}
    after: dict[int, str] = {}
    for path, (key_line, _) in old_keys.items():
        if path not in new_keys:
            continue
        where, open_line = new_keys[path]
        indent = " " * (len(lines[where]) - len(lines[where].lstrip()))
        above[where] = [indent + line.strip() for line in _comments_above(old_lines, key_line)]
        trailing = _trailing(old_lines[key_line])
        if trailing and open_line:
            after[where] = trailing
    out = []
    for number, line in enumerate(lines):
        out += above.get(number, [])
        out.append(line + ("  " + after[number] if number in after else ""))
    carried = "\n".join(out + _comments_at_end(old_lines)) + "\n"
    return carried if _same(carried, new) else new


def _same(one: str, other: str) -> bool:
    """True when both texts hold the same data (a comment placed wrongly would change it)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(one, Loader=loader) == yaml.load(other, Loader=loader)
    except yaml.YAMLError:
        return False


def _keys(text: str) -> Marks:
    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return {}
    found: Marks = {}
    _walk(root, (), found)
    return found


def _walk(node, path: tuple, found: Marks) -> None:
    if not isinstance(node, yaml.MappingNode):
        return  # lists are not followed (see the module's note)
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode):
            continue
        here = path + (key.value,)
        line = key.start_mark.line
        # a comment may follow a value that ends on the key's line, or a key that opens a block
        single = isinstance(value, yaml.ScalarNode) and value.end_mark.line == line
        found[here] = (line, single or (not isinstance(value, yaml.ScalarNode) and value.start_mark.line > line))
        _walk(value, here, found)


def _comments_above(lines: list[str], key_line: int) -> list[str]:
    block = []
    number = key_line - 1
    while number >= 0 and lines[number].lstrip().startswith("#"):
        block.append(lines[number])
        number -= 1
    if number < 0:
        return []  # the file's opening comments: data.head_comments keeps those
    return block[::-1]


def _comments_at_end(lines: list[str]) -> list[str]:
    """Return the comment lines that close the file (with the blank line before them, if any)."""
    number = len(lines)
    while number > 0 and (not lines[number - 1].strip() or lines[number - 1].lstrip().startswith("#")):
        number -= 1
    tail = lines[number:]
    while tail and not tail[-1].strip():
        tail.pop()
    return tail if any(line.strip() for line in tail) else []


def _trailing(line: str) -> str:
    """Return the ``# comment`` ending ``line``, outside quotes, or ""."""
    quote = ""
    for index, char in enumerate(line):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "#" and index and line[index - 1] in " \t":
            return line[index:].strip()
    return ""
