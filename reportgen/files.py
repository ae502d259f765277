"""Reading a file of a form folder: only inside its folder, only a regular file, bounded in size.

A form folder comes from anyone. A symbolic link in it may lead anywhere (``starter.yaml →
/etc/shadow``), a FIFO would block a read, a device never ends: each is refused, before a byte
is read, with the reason in both languages.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import FileRefused
from .messages import msg

MAX_BYTES = 2 * 1024 * 1024  # a definition file or template; the largest built-in one is 7 KB




def inside(path: Path | str, root: Path | str) -> str:
    """Return the real path of ``path``, refused unless it lies inside ``root`` once links are followed."""
    real, top = os.path.realpath(path), os.path.realpath(root)
    if real != top and os.path.commonpath([real, top]) != top:
        raise FileRefused(msg("files.link-outside", name=Path(root).name))
    return real


def read_inside(path: Path | str, root: Path | str, limit: int = MAX_BYTES) -> str:
    """Return the UTF-8 text of ``path``, a regular file inside ``root`` of at most ``limit`` bytes."""
    real = inside(path, root)
    try:
        fd = os.open(real, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        raise FileRefused(msg("files.cannot-read", strerror=exc.strerror)) from None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise FileRefused(msg("files.not-regular"))
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise FileRefused(msg("files.too-large", limit=limit))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FileRefused(msg("files.not-utf8", start=exc.start)) from None
