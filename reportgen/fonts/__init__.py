"""Font stacks and the no-tofu check: every character must have a glyph in a configured font.

Fonts are found through fontconfig (``fc-list``); their character maps are read once with
fontTools and cached per file, so a check over hundreds of forms stays fast.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from ..forms.text import strings
from ..problems import Problem
from ..source.paths import dotted
from .subset import subset

# Song-style serif for the body, Hei-style sans for titles; first installed family wins.
BODY_STACK = ("Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "宋体", "Songti SC")
TITLE_STACK = ("Noto Sans CJK SC", "Source Han Sans SC", "SimHei", "黑体", "Heiti SC")


@dataclass(frozen=True)
class FontConfig:
    """The faces a render uses: PDF stacks (installed families) and the DOCX/XLSX face names."""

    body: tuple[str, ...] = BODY_STACK
    title: tuple[str, ...] = TITLE_STACK
    office_body: str = "宋体"
    office_title: str = "黑体"
    embedded: tuple[tuple[str, str], ...] = ()  # (family, file) of pre-subset faces, embedded whole

    def with_overrides(self, body: str | None = None, title: str | None = None) -> FontConfig:
        """Return a config whose stacks start with the user's faces (they fall back to ours)."""
        return FontConfig(
            body=((body,) + self.body) if body else self.body,
            title=((title,) + self.title) if title else self.title,
            office_body=body or self.office_body,
            office_title=title or self.office_title,
        )


def with_subsets(config: FontConfig, codepoints: set[int], directory: Path) -> FontConfig:
    """Return ``config`` led by faces cut down to ``codepoints`` and written into ``directory``.

    Every part of a booklet then embeds the same font bytes, which the merge keeps once.
    """


    embedded, stacks = [], {}
    for role, stack in (("body", config.body), ("title", config.title)):
        found = resolve(stack)
        if not found:
            stacks[role] = stack
            continue
        _, file, index = found[0]
        data = subset(file, index, codepoints)
        # A name of its own per subset: WeasyPrint keeps faces by family for the whole process.
        family = f"reportgen {role} {hashlib.sha1(data).hexdigest()[:10]}"
        path = directory / f"{family.replace(' ', '-')}.otf"
        path.write_bytes(data)
        embedded.append((family, str(path)))
        stacks[role] = (family,) + stack
    return replace(config, body=stacks["body"], title=stacks["title"], embedded=tuple(embedded))


def css_family(name: str) -> str:
    """Return a quoted CSS family name without any character that could end the string or rule."""
    return '"' + re.sub(r"[\"'\\;{}<>\n\r]", "", name) + '"'


def css_stack(families: tuple[str, ...], generic: str) -> str:
    """Return a CSS font-family value: the families in order, then the generic family."""
    return ", ".join(css_family(name) for name in families if name.strip()) + f", {generic}"


@lru_cache(maxsize=1)
def installed() -> dict[str, list[tuple[str, int]]]:
    """Return family → [(file, face index)] of the fonts fontconfig knows."""
    if not shutil.which("fc-list"):
        return {}
    out = subprocess.run(["fc-list", "--format", "%{family}\t%{file}\t%{index}\t%{weight}\n"],
                         capture_output=True, text=True, check=False).stdout
    found: dict[str, list[tuple[int, str, int]]] = {}
    for line in out.splitlines():
        families, file, index, weight = (line.split("\t") + ["", "", "0", "80"])[:4]
        for family in families.split(","):
            distance = abs(int(weight or 80) - 80)  # fontconfig weight 80 is Regular
            found.setdefault(family.strip(), []).append((distance, file, int(index or 0)))
    # The regular face first: a booklet subsets it, and a bold default would make every page bold.
    return {family: [(file, index) for _, file, index in sorted(faces)] for family, faces in found.items()}


def resolve(families: tuple[str, ...]) -> list[tuple[str, str, int]]:
    """Return (family, file, index) for each family of the stack that is installed."""
    fonts = installed()
    return [(name, *fonts[name][0]) for name in families if name in fonts]


def fallback_faces(families: tuple[str, ...], generic: str, chars: str) -> list[tuple[str, int]]:
    """Return (file, index) of the faces that draw those of ``chars`` no face of the stack has:
    for each, the first face that has it in fontconfig's order for the stack and its generic
    family, the face WeasyPrint (Pango) falls back to (☑ in OpenSymbol or DejaVu Sans)."""
    covered = coverage(families)
    missing = [char for char in chars if ord(char) not in covered]
    faces = _sorted_faces(families + (generic,)) if missing else ()
    found: list[tuple[str, int]] = []
    for char in missing:
        face = next((face for face in faces if ord(char) in _cmap(*face)), None)
        if face and face not in found:
            found.append(face)
    return found


@lru_cache(maxsize=8)
def _sorted_faces(families: tuple[str, ...]) -> tuple[tuple[str, int], ...]:
    """Return the faces fontconfig offers for ``families``, best first (``fc-match --sort``)."""
    if not shutil.which("fc-match"):
        return ()
    pattern = ",".join(re.sub(r"([\\\-:,])", r"\\\1", family) for family in families)
    out = subprocess.run(["fc-match", "--sort", "--format", "%{file}\t%{index}\n", pattern],
                         capture_output=True, text=True, check=False).stdout
    return tuple((file, int(index or 0)) for file, _, index in (line.partition("\t") for line in out.splitlines())
                 if file)


@lru_cache(maxsize=8)
def coverage(families: tuple[str, ...]) -> frozenset[int]:
    """Return the code points that some installed font of the stack can draw (once per stack)."""
    points: set[int] = set()
    for _, file, index in resolve(families):
        points |= _cmap(file, index)
    return frozenset(points)


@lru_cache(maxsize=16)
def _cmap(file: str, index: int) -> frozenset[int]:
    key, cache = _cached(file, index, "cmap")
    if cache.exists():
        try:
            data = json.loads(cache.read_text())
            if data["key"] == key:
                return frozenset(_expand(data["ranges"]))
        except (ValueError, KeyError):
            pass
    points = _read_cmap(file, index)
    _write_cache(cache, {"key": key, "ranges": _ranges(points)})
    return frozenset(points)


@lru_cache(maxsize=8)
def advances(file: str, index: int) -> dict[int, float]:
    """Return code point → advance (em) of a face, cached on disk as its character map is: reading
    the advances of a CJK face takes a fifth of a second, a cached copy a hundredth."""
    key, cache = _cached(file, index, "advances")
    if cache.exists():
        try:
            data = json.loads(cache.read_text())
            if data["key"] == key:
                return {point: float(em) for em, ranges in data["advances"].items() for point in _expand(ranges)}
        except (ValueError, KeyError):
            pass
    found = _read_advances(file, index)
    by_em: dict[float, set[int]] = {}
    for point, em in found.items():
        by_em.setdefault(em, set()).add(point)
    _write_cache(cache, {"key": key, "advances": {repr(em): _ranges(points) for em, points in by_em.items()}})
    return found


def _cached(file: str, index: int, kind: str) -> tuple[list, Path]:
    """Return the key of a face as it is now and the file a ``kind`` read from it is cached in."""
    stat = os.stat(file)
    key = [file, index, stat.st_size, int(stat.st_mtime)]
    # A digest, not hash(): str hashes differ from process to process, and the cache must outlive one.
    return key, _cache_dir() / f"{kind}-{hashlib.sha1(json.dumps(key).encode()).hexdigest()[:16]}.json"


def _read_advances(file: str, index: int) -> dict[int, float]:
    from fontTools.ttLib import TTFont  # fontTools: only when a face is measured or subset

    font = TTFont(file, fontNumber=index, lazy=True)
    try:
        per_em = font["head"].unitsPerEm
        metrics, cmap = font["hmtx"].metrics, font.getBestCmap() or {}
        return {point: metrics[glyph][0] / per_em for point, glyph in cmap.items()}
    finally:
        font.close()


def _read_cmap(file: str, index: int) -> set[int]:
    from fontTools.ttLib import TTFont  # fontTools: only when a face is measured or subset

    font = TTFont(file, fontNumber=index, lazy=True)
    try:
        return set(font.getBestCmap() or {})
    finally:
        font.close()


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "reportgen"


def _write_cache(path: Path, data: dict) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data))
        os.replace(tmp, path)
    except OSError:
        pass  # a cache we cannot write only costs time


def _ranges(points: set[int]) -> list[list[int]]:
    out: list[list[int]] = []
    for point in sorted(points):
        if out and out[-1][1] == point - 1:
            out[-1][1] = point
        else:
            out.append([point, point])
    return out


def _expand(ranges: list[list[int]]) -> set[int]:
    return {p for start, end in ranges for p in range(start, end + 1)}


def check_glyphs(source, families: tuple[str, ...]) -> list[Problem]:
    """Return an RG801 problem for each distinct character of ``source`` no font of the stack draws."""

    covered = coverage(families)
    names = ", ".join(name for name, _, _ in resolve(families)) or "—"
    if not has_cjk(covered):  # a bare pip install: say what to install, once, not per character
        return [Problem("RG800", "error", "", 0, 0, {"fonts": names})]
    problems: list[Problem] = []
    seen: set[str] = set()
    for path, text in strings(source.data):
        for char in text:
            if char in seen or ord(char) in covered or _invisible(char):
                continue
            seen.add(char)
            line, col = source.where(path)
            problems.append(Problem("RG801", "error", dotted(path), line, col,
                                    {"char": char, "code": ord(char), "fonts": names}))
    return problems


def has_cjk(covered: frozenset[int]) -> bool:
    """Return True when ``covered`` holds the common Chinese characters (中文 at least)."""
    return all(ord(char) in covered for char in "中文年度")


def _invisible(char: str) -> bool:
    return char in "\n\r\t " or unicodedata.category(char) in ("Cc", "Cf", "Zs")
