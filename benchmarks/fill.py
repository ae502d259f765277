"""``fill``: pages per form and how full they are, for the samples and the long-text corpus.

For each form: pages printed, the pages its content strictly needs (its laid-out height over
the text area, rounded up), their ratio, and the emptiest page but the last. Target (issue 9):
every page but a form's last at least 60% full; the corpus in at most 1.25× the pages needed.
Both PDF engines are measured when Typst is installed (issue 22: its pages must stay as full).
Also times the XLSX writer on one form of 10,000 indicators (issue 11: seconds, linear).
"""
from __future__ import annotations

import math
import sys
import tempfile
import time
from pathlib import Path

from reportgen.layout import layout_of

from .render_ratio import ROOT

SAMPLES = ROOT / "samples"


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from reportgen.render.typst import version
    from tests.corpus import write_corpus

    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_corpus(Path(tmp) / "corpus")
        for engine in ("weasyprint", "typst") if version() else ("weasyprint",):
            for title, files in (("samples", sorted(SAMPLES.glob("*/*.yaml"))), ("corpus", corpus)):
                _report(title, files, Path(tmp) / engine / title, engine)
    _large_xlsx()


def _report(title: str, files: list[Path], out: Path, engine: str = "weasyprint") -> None:
    from reportgen import load
    from reportgen.geometry import plan
    from reportgen.geometry.pages import required_pages
    from reportgen.inputs import collect
    from reportgen.options import RenderOptions
    from reportgen.pipeline import render
    from tests.fill import page_fill

    options = RenderOptions(engine=engine)
    pages = needed = 0
    low = []
    print(f"fill: {title} ({engine})")
    for path in files:
        items, _ = collect([str(path)])
        outcome = render(items[0], out / path.parent.name, ["pdf"], options)
        fills = page_fill(outcome.written[0])
        form = load(path)
        planned = plan(layout_of(form), options)
        fitted, style = planned.layout, planned.style
        need = math.ceil(required_pages(fitted, style))
        emptiest = f"{min(fills[:-1]):.0%}" if len(fills) > 1 else "—"  # a form's last page may be short
        low += [f for f in fills[:-1] if f < 0.6]
        pages, needed = pages + len(fills), needed + need
        print(f"  {path.parent.name}/{path.stem[:34]:34} {len(fills):3} pages, needs {need:3} "
              f"({len(fills) / need:.2f}x), emptiest {emptiest}")
    print(f"  {title} ({engine}): {pages} pages for {needed} needed, ratio {pages / needed:.2f} (target ≤ 1.25); "
          f"pages under 60% but a form's last: {len(low)}")


def _large_xlsx() -> None:
    import yaml

    from reportgen.geometry import plan
    from reportgen.load import load_data, read_source
    from reportgen.options import RenderOptions
    from reportgen.render import writer
    from reportgen.source.limits import MAX_INDICATORS

    data = yaml.safe_load((SAMPLES / "target-2026" / "01-incubation-base-operation.yaml").read_text(encoding="utf-8"))
    group = data["indicators"][1]["groups"][0]
    others = sum(len(g["items"]) for level1 in data["indicators"] for g in level1["groups"]) - len(group["items"])
    for count in (2_000, MAX_INDICATORS):  # the whole form at the limit of load/limits.py
        group["items"] = [dict(group["items"][0], name=f"指标{i}") for i in range(count - others)]
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "large.yaml"
            path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
            form, _ = load_data(read_source(path))
        layout = layout_of(form)
        start = time.perf_counter()
        writer("xlsx").write(plan(layout, RenderOptions()), RenderOptions())
        print(f"fill: XLSX of one form with {count:,} indicators: {time.perf_counter() - start:.1f} s")
