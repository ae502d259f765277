"""Bounded work on hostile inputs: each must end fast, in a located error or a file.

- ``check`` of a 1 MB form (7,000 indicators, 8 paragraphs of 19,800 characters) and its peak memory;
- a YAML "billion laughs" (refused at the alias limit);
- RG802's debris patterns over 256 KiB of ``$\\a\\a…``;
- a 32k-character unbroken ASCII run to PDF.
"""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

from .booklet_scale import CLI, _peak, _timed
from .inputs import SAMPLES

ITEM = '          - name: 指标{n}\n            target: "≤200(元/人)"\n'
FIRST_ITEM = '          - name: "人均会议成本"\n            target: "≤210.00(元/人)"\n'


def main() -> None:
    sample = (SAMPLES / "target-2026" / "01-incubation-base-operation.yaml").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        big = folder / "big.yaml"
        paragraphs = "".join(f"    - {'根据基地实际需求，完善孵化服务体系。' * 1100}\n" for _ in range(8))
        text = sample.replace(FIRST_ITEM, "".join(ITEM.format(n=n) for n in range(7000)), 1)
        big.write_text(text.replace("  annual:\n", "  annual:\n" + paragraphs, 1), encoding="utf-8")
        seconds, peak = _peak(CLI + ["check", str(big)], ok_codes=(0, 1, 3))
        print(f"hostile: check of a {big.stat().st_size / 1e6:.1f} MB form | {seconds:.2f} s, "
              f"peak {peak / 2 ** 20:.0f} MiB (target: < 2 s, < 200 MB)")
        laughs = folder / "laughs.yaml"
        lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
        lines += [f"{chr(97 + i)}: &{chr(97 + i)} [{', '.join(['*' + chr(96 + i)] * 9)}]" for i in range(1, 10)]
        laughs.write_text("form: target-2026\n" + "\n".join(lines), encoding="utf-8")
        print(f"hostile: billion laughs (4.7 KB) | {_timed(CLI + ['check', str(laughs)], ok_codes=(1,)):.2f} s "
              "(target: < 1 s of work)")
        from reportgen.checks.text import DEBRIS

        start = time.perf_counter()
        DEBRIS.search("$" + "\\a" * 131072)
        print(f"hostile: RG802 over 256 KiB of $\\a\\a… | {time.perf_counter() - start:.3f} s (was 20.6 s)")
        run = folder / "run.yaml"
        run.write_text(sample.replace("  annual:\n    - ", "  annual:\n    - " + "A" * 32000 + " ", 1), encoding="utf-8")
        seconds = _timed(CLI + ["render", str(run), "-o", str(folder / "out"), "-f", "pdf"], ok_codes=(0,))
        print(f"hostile: a 32k-character ASCII run to PDF | {seconds:.1f} s (was 28 s)")
