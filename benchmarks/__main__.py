"""Run the benchmarks named on the command line (default: all) and print their figures."""
from __future__ import annotations

import sys

from . import booklet_scale, check_scale, fill, hostile, hostile_import, render_ratio, serve, typst_engine

BENCHMARKS = {
    "render": render_ratio.main,
    "booklet": booklet_scale.booklet_ratio,
    "jobs": booklet_scale.jobs_throughput,
    "thousand": booklet_scale.thousand,
    "check": booklet_scale.check_speed,
    "check-rows": check_scale.main,
    "hostile": hostile.main,
    "hostile-import": hostile_import.main,
    "fill": fill.main,
    "serve": serve.main,
    "typst": typst_engine.main,
}


def main(argv: list[str]) -> int:
    names = argv or list(BENCHMARKS)
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(BENCHMARKS)}", file=sys.stderr)
        return 2
    for name in names:
        BENCHMARKS[name]()
    return 0


sys.exit(main(sys.argv[1:]))
