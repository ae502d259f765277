"""``render`` to PDF+DOCX+XLSX against a bare WeasyPrint render of the same HTML.

Both sides run in this process, warm, on the fifteen 2026 samples; the best of several rounds
counts. Target (issue 2): ratio ≤ 1.5.
"""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "target-2026"
ROUNDS = 3


def main() -> None:
    import weasyprint

    from reportgen.inputs import collect
    from reportgen.options import RenderOptions
    from reportgen.pipeline import render

    items, _ = collect([str(SAMPLES)])
    options = RenderOptions()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for item in items:  # warm up, and write the HTML the reference renders
            render(item, out, ["html"], options)
        html_files = sorted(out.rglob("*.html"))

        def bare() -> None:
            for path in html_files:
                weasyprint.HTML(filename=str(path)).write_pdf(out / "bare.pdf")

        def ours() -> None:
            for item in items:
                render(item, out, ["pdf", "docx", "xlsx"], options)

        bare_s, ours_s = _best(bare), _best(ours)
    print(f"render: {len(items)} forms | bare WeasyPrint {bare_s:.2f} s | "
          f"reportgen pdf+docx+xlsx {ours_s:.2f} s | ratio {ours_s / bare_s:.2f} (target ≤ 1.50)")


def _best(job) -> float:
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        job()
        times.append(time.perf_counter() - start)
    return min(times)
