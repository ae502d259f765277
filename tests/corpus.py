"""A long-text corpus made from the samples, as real filings are: every running text lengthened
3–10 times, notes (备注, 偏差原因, 说明) up to 2,000 characters, 主要绩效 up to 8,000.

Used by the tests and by ``./dev bench fill``. Deterministic: the same corpus on every machine.
The text fields are those the form's layout shows as running text (``Role.TEXT`` cells, found
through their bindings), so the generator follows any form without a list of fields.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import yaml

from reportgen.layout import Role, layout_of
from reportgen.load import load_data, read_source

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
NOTE_KEYS = ("note", "reason", "notes")   # 备注, 偏差原因分析及改进措施, 说明: up to NOTE_MAX
NOTE_MAX = 2000
LONGEST_KEY, LONGEST = "achievements", 8000   # 主要绩效
FILLER = "根据年度工作计划，项目组按季度推进各项任务，2019 年完成 98.5% 的既定目标（详见附件 3）。"


def text_paths(path: Path) -> list[tuple]:
    """Return the data paths of the running texts the form of ``path`` prints."""
    form, _ = load_data(read_source(path))
    layout = layout_of(form)
    found = []
    for table in layout.tables:
        for cell in table.cells:
            if cell.role is Role.TEXT and cell.binding and cell.binding not in found:
                found.append(cell.binding)
    return [_parse(binding) for binding in found]


def _parse(dotted: str) -> tuple:
    return tuple(int(part) if part.isdigit() else part for part in re.findall(r"[^.\[\]]+", dotted))


def _seed(*parts) -> int:
    return int(hashlib.sha1(repr(parts).encode()).hexdigest()[:8], 16)


def lengthen(text: str, target: int, seed: int) -> str:
    """Return ``text`` grown to ``target`` characters with numbered, distinct sentences."""
    base = text.strip() or FILLER
    parts, n = [base], 0
    while sum(map(len, parts)) < target:
        n += 1
        parts.append(f"（{n}）{base[(seed + n) % len(base):]}{base[:(seed + n) % len(base)]}")
    return "".join(parts)[:target]


def _target(key: str, length: int, seed: int) -> int:
    if key == LONGEST_KEY:
        return LONGEST
    if key in NOTE_KEYS:
        return 300 + seed % (NOTE_MAX - 299)
    return max(length, 20) * (3 + seed % 8)


def long_data(path: Path) -> dict:
    """Return the data of sample ``path`` with every running text lengthened."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    longest_note = None
    for key_path in text_paths(path):
        parent = data
        for part in key_path[:-1]:
            parent = parent[part]
        key = key_path[-1]
        if key not in parent and key in NOTE_KEYS:
            parent[key] = ""
        value = parent.get(key)
        seed = _seed(path.name, key_path)
        if isinstance(value, list):
            per = _target(key, sum(map(len, value)), seed) // max(len(value), 1)
            parent[key] = [lengthen(p, per, seed + i) for i, p in enumerate(value or [""])]
        else:
            parent[key] = lengthen(value or "", _target(key, len(value or ""), seed), seed)
        if key in NOTE_KEYS and longest_note is None and not isinstance(parent[key], list):
            longest_note = (parent, key)
    if longest_note:  # one note per form at the limit
        parent, key = longest_note
        parent[key] = lengthen(parent[key], NOTE_MAX, 7)
    return data


def write_corpus(directory: Path, samples: list[Path] | None = None) -> list[Path]:
    """Write the long version of each sample (default: all) into ``directory``; return the files."""
    out = []
    for path in samples or sorted(SAMPLES.glob("*/*.yaml")):
        target = directory / path.parent.name / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(yaml.safe_dump(long_data(path), allow_unicode=True, sort_keys=False), encoding="utf-8")
        out.append(target)
    return out


def field_texts(data, key_paths: list[tuple]) -> list[str]:
    """Return the texts at ``key_paths`` of ``data``, paragraphs joined."""
    out = []
    for key_path in key_paths:
        value = data
        for part in key_path:
            value = value[part] if isinstance(value, list) else (value.get(part) or "")
        out.append("".join(value) if isinstance(value, list) else value)
    return out
