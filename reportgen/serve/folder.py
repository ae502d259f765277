"""The folder the workbench serves: every path a request names is confined to it.

A request names files by their path relative to the folder (``target-2026/01-x.yaml``). That
path must stay inside the folder once resolved: absolute paths, ``..``, and symbolic links that
lead out are refused, as are hidden names and anything but form files (``.yaml``, ``.yml``,
``.json``). Writes go through ``output.write_atomic``.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..errors import OutsideFolder
from ..inputs import SUFFIXES, gather
from ..messages import msg
from ..output import NAME_MAX, write_atomic
from ..source import read_bounded


@dataclass(frozen=True)
class Folder:
    """The served folder (resolved once, at start)."""

    root: Path

    @classmethod
    def at(cls, path: Path | str) -> Folder:
        return cls(Path(path).resolve())

    def file(self, relative: str, must_exist: bool = True) -> Path:
        """Return the form file ``relative`` names inside the folder; OutsideFolder if it names no such file."""
        parts = PurePosixPath(str(relative).replace("\\", "/")).parts
        if not parts or PurePosixPath(relative).is_absolute() or any(p in ("..", ".") or p.startswith(".")
                                                                     for p in parts):
            raise OutsideFolder(msg("serve.outside", relative=relative))
        if Path(parts[-1]).suffix.lower() not in SUFFIXES:
            raise OutsideFolder(msg("serve.not-a-form-file", relative=relative))
        if any(len(p.encode("utf-8", "surrogateescape")) > NAME_MAX for p in parts):
            raise OutsideFolder(msg("serve.name-too-long", relative=relative))
        path = self.root.joinpath(*parts)
        real = path.resolve()
        if self.root not in real.parents:  # a symbolic link on the way leads out
            raise OutsideFolder(msg("serve.link-outside", relative=relative))
        if must_exist and not real.is_file():
            raise OutsideFolder(msg("serve.no-such-file", relative=relative), missing=True)
        return path

    def relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def filings(self) -> list[Path]:
        """Return the form files below the folder, in order; links that lead out are left out."""
        found = gather([str(self.root)]).inputs
        return [item.path for item in found if self.root in item.path.resolve().parents]

    def read(self, path: Path) -> bytes:
        return read_bounded(path)

    def write(self, path: Path, text: str) -> None:
        write_atomic(path, text)


def version(data: bytes) -> str:
    """Return the fingerprint of a file's content: a save names the one it started from."""
    return hashlib.sha256(data).hexdigest()[:32]


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')


def file_name(text: str, suffix: str = ".yaml") -> str:
    """Return a user's name for a new filing as a safe file name in the folder itself."""
    stem = _UNSAFE.sub("_", str(text)).strip(" ._")[:80]
    if not stem:
        raise OutsideFolder(msg("serve.no-name"))
    return stem if stem.lower().endswith(SUFFIXES) else stem + suffix
