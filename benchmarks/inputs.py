"""Benchmark inputs: N forms generated from the samples (names numbered so that each is distinct)."""
from __future__ import annotations

from pathlib import Path

from .render_ratio import ROOT

SAMPLES = ROOT / "samples"


def make_forms(count: int, directory: Path, folders: tuple[str, ...] = ("target-2026",)) -> Path:
    """Write ``count`` form files into ``directory`` (cycling through the samples) and return it."""
    sources = sorted(path for folder in folders for path in (SAMPLES / folder).glob("*.yaml"))
    directory.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        source = sources[index % len(sources)]
        text = source.read_text(encoding="utf-8")
        text = text.replace("  name: ", f"  name: {index + 1:04d} ", 1)  # the project name
        (directory / f"{index + 1:04d}-{source.stem}.yaml").write_text(text, encoding="utf-8")
    return directory
