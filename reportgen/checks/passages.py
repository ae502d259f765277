"""Long passages copied verbatim: within one form, and between the forms of one ``check`` run.

Texts compare normalised (full-width as half-width, no white space or punctuation, lower case);
a copy is a passage of ``LONG`` characters or more, so normalised, that makes up at least half
of the shorter of its two paragraphs. What is meant to repeat is left alone: the rows of one
indicator name (a standard 指标解释 reads the same everywhere), the forms of one project (a
self-evaluation quotes its target form), texts nobody wrote (printed defaults), the form's own
standard wording (``boilerplate``: its starter, printed notes, schema defaults), text most forms
of a run share, and a row's note quoting its own form's narrative (how such notes are written).
Two rows with the same long note, or narrative copied into narrative, still are copies.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..problems import Problem
from ..source.paths import dotted
from . import boilerplate
from .base import Context, Finding, rule, run_level
from .catalogue import SEVERITY
from .cells import grid

LONG = boilerplate.LONG
RUN = boilerplate.RUN  # letters, digits and characters between punctuation and spaces
QUOTED = 16  # characters of a passage quoted in the message
SHARED = 3   # text shared by more than half of a run's projects, and by this many at least, is boilerplate


@dataclass(frozen=True, eq=False)
class Place:
    """A paragraph of running text, normalised, and what it belongs to."""

    path: tuple
    text: str
    normal: str
    anchors: tuple[int, ...]  # where each run of ``normal`` starts: a clause may start there
    origins: tuple[int, ...]  # where each run starts in ``text``
    topic: str                # the indicator name of its row, or "" outside the rows

    def origin(self, at: int) -> int:
        """Return where the normalised character ``at`` stands in ``text``."""
        run = bisect_right(self.anchors, at) - 1
        return self.origins[run] + at - self.anchors[run]


_last: tuple[object, list[Place]] | None = None


def places(form) -> list[Place]:
    """Return every paragraph of ``form``'s running text long enough to hold a copy (last form kept)."""
    global _last
    if _last is None or _last[0] is not form:
        view = grid(form)
        _last = (form, [place for text in view.texts
                        if (place := _place(text.path, text.flat, text.text, view.rows)) is not None])
    return _last[1]


def _place(path: tuple, flat: str, text: str, rows: dict) -> Place | None:
    if len(flat) < LONG:
        return None
    runs = list(RUN.finditer(flat.lower()))
    normal = "".join(run.group() for run in runs)
    if len(normal) < LONG:
        return None
    anchors, total = [], 0
    for run in runs:
        anchors.append(total)
        total += len(run.group())
    return Place(path, text, normal, tuple(anchors), tuple(run.start() for run in runs), _topic(rows, path))


def _topic(rows: dict, path: tuple) -> str:
    for length in range(len(path) - 1, 0, -1):
        fields = rows.get(path[:length])
        if fields is not None:
            name = fields.get("name")
            return re.sub(r"\s+", "", name) if isinstance(name, str) else ""
    return ""


def _extent(a: Place, at_a: int, b: Place, at_b: int) -> tuple[int, int]:
    """Return where the common passage through (at_a, at_b) starts in ``a`` and its length."""
    back = _common(a.normal[:at_a][::-1], b.normal[:at_b][::-1])
    return at_a - back, back + _common(a.normal[at_a:], b.normal[at_b:])


def _common(a: str, b: str) -> int:
    """Return the length of the common start of ``a`` and ``b`` (slices compare in C)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _quote(place: Place, start: int, length: int) -> str:
    """Return the passage's first ``QUOTED`` characters as the text writes them."""
    shown = min(length, QUOTED)
    text = place.text[place.origin(start):place.origin(start + shown - 1) + 1]
    return text + ("…" if length > shown else "")


def scan(index: dict, owner, place: Place, exempt, skip: frozenset[int] | set[int] = frozenset()):
    """Yield (owner, place, start, length) of each earlier place ``place`` copies; then index it.

    ``index`` maps the hash of a clause-start gram to its first (owner, place, position);
    ``exempt(hit_owner, hit_place, place)`` tells the pairs whose copies are meant to be; grams
    whose hash is in ``skip`` are standard wording and start no copy. A copy counts when it is
    at least half of the shorter paragraph: a sentence quoted from another paragraph is
    writing, a paragraph made of another one is a copy.
    """
    reported, measured = set(), set()
    normal = place.normal
    for at in place.anchors:
        if at + LONG > len(normal):
            break
        gram = hash(normal[at:at + LONG])
        if gram in skip:
            continue
        other_owner, other, other_at = index.setdefault(gram, (owner, place, at))
        key = (other_owner, other.path)
        if key in reported or (key, at - other_at) in measured or (other is place and abs(other_at - at) < LONG):
            continue  # reported, measured, or the passage itself
        measured.add((key, at - other_at))
        if (other.topic and other.topic == place.topic) or exempt(other_owner, other, place):
            continue
        start, length = _extent(place, at, other, other_at)
        if length >= LONG and 2 * length >= min(len(normal), len(other.normal)):
            reported.add(key)
            yield other_owner, other, start, length


def _quotes_narrative(_owner, other: Place, place: Place) -> bool:
    """Return True when one of the two is a row's text and the other the form's narrative."""
    return bool(other.topic) != bool(place.topic)


@rule("repeated_passages", codes=("RG808",), always=True)
def repeated_passages(ctx: Context):
    form = ctx.form
    index: dict = {}
    standard = boilerplate.of_definition(form.definition)
    for place in places(form):
        for _, earlier, start, length in scan(index, None, place, _quotes_narrative, standard):
            yield Finding("RG808", place.path, {"quote": _quote(place, start, length), "length": length,
                                                "first": dotted(earlier.path)})


run_level("copies_between_projects", ("RG809",))


@dataclass(frozen=True, eq=False)
class Entry:
    """What the run-level comparison keeps of one form: its places and where they were written."""

    file: str
    project: str
    places: tuple[Place, ...]
    lines: dict  # place path → (line, column)
    standard: frozenset[int] = frozenset()  # the grams of its form type's standard wording


def entry(file: Path | str, form, source) -> Entry:
    """Return the run-level record of ``form`` read from ``file`` through ``source``."""
    found = tuple(places(form))
    project = re.sub(r"\s+", "", form.summary().name)
    return Entry(str(file), project, found, {place.path: source.where(place.path) for place in found},
                 boilerplate.of_definition(form.definition))


def across(entries: list[Entry]) -> list[Problem]:
    """Return RG809 for each passage a form copies from another project's form of the same run.

    Each copy is reported once, at the later place, naming the earlier file, line and field.
    Text that most projects of the run share (``SHARED`` of them at least) is their standard
    wording, no copy.
    """
    index: dict = {}
    problems = []
    shared = _shared(entries)
    for this in entries:
        exempt = lambda other, _o, _p, this=this: other.file == this.file or other.project == this.project  # noqa: E731
        for place in this.places:
            for other, earlier, start, length in scan(index, this, place, exempt, this.standard | shared):
                line, column = this.lines[place.path]
                first = f"{other.file}:{other.lines[earlier.path][0]} {dotted(earlier.path)}"
                problems.append(Problem("RG809", SEVERITY["RG809"], dotted(place.path), line, column,
                                        {"quote": _quote(place, start, length), "length": length,
                                         "first": first}, file=this.file))
    return problems


def _shared(entries: list[Entry]) -> set[int]:
    """Return the grams found in more than half of the run's projects, and in ``SHARED`` at least."""
    by_project: dict[str, set[int]] = {}
    for this in entries:
        grams = by_project.setdefault(this.project, set())
        for place in this.places:
            grams.update(hash(place.normal[at:at + LONG]) for at in place.anchors if at + LONG <= len(place.normal))
    if len(by_project) < SHARED:
        return set()
    counts = Counter(gram for grams in by_project.values() for gram in grams)
    return {gram for gram, count in counts.items() if count >= SHARED and 2 * count > len(by_project)}
