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

MAX_BYTES = 2 * 1024 * 1024  # a definition file or template; the largest built-in one is 7 KB




def inside(path: Path | str, root: Path | str) -> str:
    """Return the real path of ``path``, refused unless it lies inside ``root`` once links are followed."""
    real, top = os.path.realpath(path), os.path.realpath(root)
    if real != top and os.path.commonpath([real, top]) != top:
        raise FileRefused(f"符号链接指向 {Path(root).name}/ 之外，不予读取",
                          f"a symbolic link that leads outside {Path(root).name}/ is not followed")
    return real


def read_inside(path: Path | str, root: Path | str, limit: int = MAX_BYTES) -> str:
    """Return the UTF-8 text of ``path``, a regular file inside ``root`` of at most ``limit`` bytes."""
    real = inside(path, root)
    try:
        fd = os.open(real, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        raise FileRefused(f"无法读取：{exc.strerror}", f"cannot read: {exc.strerror}") from None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise FileRefused("不是普通文件，不予读取", "not a regular file; not read")
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise FileRefused(f"文件超过 {limit:,} 字节", f"the file is larger than {limit:,} bytes")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FileRefused(f"不是 UTF-8 文本（第 {exc.start} 字节）", f"not UTF-8 text (byte {exc.start})") from None
