"""``render`` to PDF+DOCX+XLSX against a bare WeasyPrint render of the same HTML.

Both sides run in this process, warm, on the fifteen 2026 samples, a round of each in turn (the
machine's speed drifts within minutes); the best round of each counts. Target (issue 8): ratio ≤ 1.3.
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

        bare_s, ours_s = _best_in_turn(bare, ours)
    print(f"render: {len(items)} forms | bare WeasyPrint {bare_s:.2f} s | "
          f"reportgen pdf+docx+xlsx {ours_s:.2f} s | ratio {ours_s / bare_s:.2f} (target ≤ 1.30)")


def _best_in_turn(*jobs) -> list[float]:
    """Run each job ROUNDS times, in turn; return each one's best time."""
    times = [[] for _ in jobs]
    for _ in range(ROUNDS):
        for job, spent in zip(jobs, times):
            start = time.perf_counter()
            job()
            spent.append(time.perf_counter() - start)
    return [min(spent) for spent in times]
