"""Writing results: every path planned before anything is written, then all-or-nothing per input.

A run's outputs are planned first (``plan``): two inputs on one path, an output that is an input,
or a path that leaves the output folder through a symlink stop the run before it writes a byte.
An input's files are then written to temporary names beside their targets and renamed only once
all of them are complete (``write_all``), so a full disk leaves the old files, never half a set.
"""
from __future__ import annotations

import os
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path

from .errors import OutputError, PartialWrite, UsageError
from .messages import Lines, Text, msg

TEMP_PREFIX = ".rg-"  # temporary names: short (a long stem must still fit), with the writer's pid
NAME_MAX = 255        # bytes of one file name on ext4, XFS, APFS and NTFS


@dataclass(frozen=True)
class Planned:
    """One input and the file each of its formats goes to."""

    input: object  # an inputs.Input
    targets: dict  # format → Path


def safe_target(out_dir: Path, relative: Path, inputs: dict | None = None) -> Path:
    """Return ``out_dir / relative``, refusing any path that would leave ``out_dir``.

    ``inputs``: the run's input files by real path; a target that is one of them is a usage error.
    """
    root = out_dir.resolve()
    target = (root / relative).resolve()
    if inputs and str(target) in inputs:
        raise UsageError(msg("output.overwrites-input", target=root / relative, path=inputs[str(target)].path))
    if relative.is_absolute() or root not in target.parents:
        raise OutputError(msg("output.escapes", relative=relative))
    if any(len(part.encode("utf-8", "surrogateescape")) > NAME_MAX for part in target.parts):
        raise OutputError(msg("output.name-too-long", name_max=NAME_MAX, name=target.name))
    return target


def plan(items: list, out_dir: Path, suffixes: dict[str, str]) -> list[Planned]:
    """Return where every format of every input goes; raise UsageError on any clash.

    ``suffixes`` maps each format to its file suffix. Inputs are already distinct files.
    """
    inputs = {os.path.realpath(item.path): item for item in items}
    owner: dict[Path, object] = {}
    clashes: list[Text] = []
    planned = []
    for item in items:
        targets = {}
        for name, suffix in suffixes.items():
            target = safe_target(out_dir, item.relative.with_name(item.relative.name + suffix), inputs)
            if target in owner:
                clashes.append(msg("output.would-both-write", first=owner[target].path, second=item.path, target=target))
            owner.setdefault(target, item)
            targets[name] = target
        planned.append(Planned(item, targets))
    if clashes:
        raise UsageError(msg("output.clashes", clashes=Lines(clashes)))
    return planned



def write_all(files: dict[Path, bytes | str]) -> list[Path]:
    """Write every file of ``files`` or none: temporaries first, renamed when all are complete."""
    for target in files:
        _refuse_special(target)
    temps: list[tuple[Path, Path]] = []
    try:
        for target, data in files.items():
            temps.append((_write_temp(target, data), target))
    except BaseException:
        for temp, _ in temps:
            temp.unlink(missing_ok=True)
        raise
    written: list[Path] = []
    for index, (temp, target) in enumerate(temps):
        try:
            os.replace(temp, target)
        except OSError as exc:
            for left, _ in temps[index:]:
                left.unlink(missing_ok=True)
            raise PartialWrite(written, [t for _, t in temps[index:]], exc.strerror or str(exc)) from None
        written.append(target)
    return written


def _refuse_special(target: Path) -> None:
    """Refuse a target that exists and is no regular file: renaming onto ``/dev/null`` would replace the device."""
    if os.path.lexists(target) and not os.path.islink(target) and not stat.S_ISREG(os.lstat(target).st_mode):
        raise OutputError(msg("output.not-regular", target=target))


def write_atomic(target: Path, data: bytes | str) -> None:
    """Write ``data`` to ``target`` so that readers see the old file or the whole new one."""
    write_all({target: data})


def _write_temp(target: Path, data: bytes | str) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    temp = target.parent / f"{TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(4)}.tmp"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def remove_stale(folders: set[Path]) -> None:
    """Remove temporaries left in ``folders`` by runs that were killed (their process is gone)."""
    for folder in folders:
        for temp in folder.glob(f"{TEMP_PREFIX}*.tmp") if folder.is_dir() else ():
            pid = temp.name[len(TEMP_PREFIX):].split("-", 1)[0]
            if pid.isdigit() and not process_alive(int(pid)):
                temp.unlink(missing_ok=True)


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
