"""Finding input files: files as given, folders searched for form files in a stable order."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

SUFFIXES = (".yaml", ".yml", ".json")


@dataclass(frozen=True)
class Input:
    """A form file and the path of its outputs relative to the output folder (no suffix)."""

    path: Path
    relative: Path


def collect(arguments: list[str]) -> tuple[list[Input], list[str]]:
    """Return the inputs named by ``arguments`` and the arguments that name nothing usable.

    A folder's files keep their place below it (``samples/a/01.yaml`` → ``a/01``), so forms of
    the same name in different folders do not overwrite each other.
    """
    found: list[Input] = []
    missing: list[str] = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file()
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            found += [Input(p, p.relative_to(path).with_suffix("")) for p in files]
        elif path.is_file():
            found.append(Input(path, Path(path.stem)))
        else:
            missing.append(argument)
    return found, missing
