"""A form file's bytes, read within the size limit, into data and positions."""
from __future__ import annotations

from pathlib import Path

from ..problems import Problem
from .limits import MAX_FILE_BYTES, limit
from .parse import Source, read_json, read_yaml


def read_source(path: Path, raw: bytes | None = None) -> Source:
    """Return the data and positions of ``path`` (``.json`` as JSON, anything else as YAML).

    ``raw``: the file's bytes, already read (by the process that has the file).
    """
    if raw is None:
        try:
            raw = read_bounded(path)
        except OSError as exc:
            return Source(None, problems=[Problem("RG106", "error", "", 0, 0, {"detail": exc.strerror or str(exc)})])
    if len(raw) > MAX_FILE_BYTES:
        return Source(None, problems=[limit("", 0, 0, "size")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return Source(None, problems=[Problem("RG101", "error", "", 1, 1)])
    return read_json(text) if path.suffix.lower() == ".json" else read_yaml(text)


def read_bounded(path: Path) -> bytes:
    """Return the bytes of ``path``, one more than the limit at most (enough to know it is too big)."""
    with path.open("rb") as handle:
        return handle.read(MAX_FILE_BYTES + 1)
