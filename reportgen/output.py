"""Writing results: atomically (temp file, then rename) and only inside the output folder."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .problems import OutputError


def safe_target(out_dir: Path, relative: Path) -> Path:
    """Return ``out_dir / relative``, refusing any path that would leave ``out_dir``."""
    root = out_dir.resolve()
    target = (root / relative).resolve()
    if relative.is_absolute() or root not in target.parents:
        raise OutputError(f"输出路径越出输出目录 (output path escapes the output folder): {relative}")
    return target


def write_atomic(target: Path, data: bytes | str) -> None:
    """Write ``data`` to ``target`` so that readers see the old file or the whole new one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
