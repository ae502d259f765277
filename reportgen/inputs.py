"""Finding input files: files as given, folders searched for form files in a stable order.

Each file is used once, however often the arguments reach it; what is not a readable form
file is reported with the reason, never silently passed over.
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .messages import say

SUFFIXES = (".yaml", ".yml", ".json")


@dataclass(frozen=True)
class Input:
    """A form file and the path of its outputs relative to the output folder (no suffix)."""

    path: Path
    relative: Path


@dataclass
class Collected:
    """What the arguments named: the inputs, and what was left out and why."""

    inputs: list[Input] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)               # arguments that name nothing
    skipped: list[tuple[str, str]] = field(default_factory=list)   # (path, reason in both languages)
    repeated: list[tuple[str, str]] = field(default_factory=list)  # (path, the first path of that file)


def gather(arguments: list[str]) -> Collected:
    """Return the inputs named by ``arguments``, each file once, in the order first reached.

    A folder's files keep their place below it (``samples/a/01.yaml`` → ``a/01``), so forms of
    the same name in different folders do not overwrite each other. Symbolic links to folders
    are not followed (no loops); links to files are.
    """
    result = Collected()
    first: dict[str, Path] = {}
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            found = [(p, p.relative_to(path).with_suffix("")) for p in _walk(path, result)]
        elif path.is_file():
            found = [(path, Path(path.stem))]
        else:
            reason = _unusable(path)
            (result.skipped.append((argument, reason)) if reason else result.missing.append(argument))
            continue
        for file, relative in found:
            real = os.path.realpath(file)
            if real in first:
                result.repeated.append((str(file), str(first[real])))
                continue
            first[real] = file
            result.inputs.append(Input(file, relative))
    return result


def collect(arguments: list[str]) -> tuple[list[Input], list[str]]:
    """Return the inputs named by ``arguments`` and the arguments that name nothing usable."""
    found = gather(arguments)
    return found.inputs, found.missing + [path for path, _ in found.skipped]


def _walk(folder: Path, result: Collected) -> list[Path]:
    files = []
    for root, dirs, names in os.walk(folder):
        here = Path(root)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not _skip_link(here / d, result))
        for name in sorted(names):
            path = here / name
            if name.startswith(".") or path.suffix.lower() not in SUFFIXES:
                continue
            reason = None if path.is_file() else _unusable(path)
            if reason:
                result.skipped.append((str(path), reason))
            else:
                files.append(path)
    return sorted(files, key=lambda p: p.relative_to(folder).parts)


def _skip_link(path: Path, result: Collected) -> bool:
    if path.is_symlink():
        result.skipped.append((str(path), say("inputs.link-to-folder")))
        return True
    return False


def _unusable(path: Path) -> str | None:
    """Return why ``path`` (not a regular file or folder) is not read, or None if nothing is there."""
    try:
        mode = path.lstat().st_mode
    except OSError:
        return None
    if stat.S_ISLNK(mode):
        try:
            path.stat()
        except RuntimeError:
            return say("inputs.link-loop")
        except OSError:
            return say("inputs.broken-link")
    return say("inputs.not-regular")
