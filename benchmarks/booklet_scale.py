"""Booklets and batches at scale (issue 5), measured side by side in one run.

- booklet: a 150-form booklet with 1 job against a bare WeasyPrint render of the same forms as
  one document, both from a process of their own (target: ratio ≤ 1.2);
- jobs: batch ``render -f pdf`` of 150 forms with 2 jobs against 1 job (target: ≥ 1.7× throughput);
- thousand: a 1,000-form booklet with the default jobs: peak memory of the whole process tree
  (target: < 1 GiB), pages, outline entries, file size.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .inputs import make_forms
from .render_ratio import ROOT

CLI = [sys.executable, "-m", "reportgen"]


def booklet_ratio(rounds: int = 3) -> None:
    """Each side ``rounds`` times, in turn, the best of each: the machine's speed drifts by a
    fifth within minutes, which one run of each side would read as a change of ratio. Both sides
    run in a process of their own: laid out next to the 150 forms' grids, WeasyPrint's garbage
    collections walk them too and the bare side took up to a third longer."""
    from reportgen import load
    from reportgen.geometry import plan
    from reportgen.layout import layout_of
    from reportgen.options import RenderOptions
    from reportgen.render import html

    with tempfile.TemporaryDirectory() as tmp:
        forms_dir = make_forms(150, Path(tmp) / "forms")
        layouts = [layout_of(load(path)) for path in sorted(forms_dir.glob("*.yaml"))]
        page = Path(tmp) / "bare.html"
        planned = [plan(layout, RenderOptions()) for layout in layouts]
        page.write_text(html.write_many(planned, RenderOptions(), title="bare"), encoding="utf-8")
        del layouts
        bare_command = [sys.executable, "-c", "import sys, weasyprint; weasyprint.HTML(sys.argv[1]).write_pdf(sys.argv[2])",
                        str(page), f"{tmp}/bare.pdf"]
        bare, ours = [], []
        for _ in range(rounds):
            bare.append(_timed(bare_command))
            ours.append(_timed(CLI + ["booklet", str(forms_dir), "-o", f"{tmp}/booklet.pdf", "-j", "1"]))
    print(f"booklet: 150 forms, best of {rounds} | bare WeasyPrint, one document {min(bare):.1f} s | "
          f"reportgen booklet -j 1 {min(ours):.1f} s | ratio {min(ours) / min(bare):.2f} (target ≤ 1.20)")


def jobs_throughput() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        forms_dir = make_forms(150, Path(tmp) / "forms")
        one = _timed(CLI + ["render", str(forms_dir), "-o", f"{tmp}/one", "-f", "pdf", "-j", "1"])
        two = _timed(CLI + ["render", str(forms_dir), "-o", f"{tmp}/two", "-f", "pdf", "-j", "2"])
    print(f"jobs: render 150 forms to PDF | 1 job {one:.1f} s | 2 jobs {two:.1f} s | "
          f"throughput {one / two:.2f}× (target ≥ 1.70 on 2 cores)")


def thousand() -> None:
    from pypdf import PdfReader

    with tempfile.TemporaryDirectory() as tmp:
        forms_dir = make_forms(1000, Path(tmp) / "forms")
        target = Path(tmp) / "booklet.pdf"
        seconds, peak = _peak(CLI + ["booklet", str(forms_dir), "-o", str(target)])
        reader = PdfReader(target)
        outline = _count(reader.outline)
        size = target.stat().st_size
        last = reader.pages[-1].extract_text().strip().splitlines()[-1]
    print(f"thousand: 1000-form booklet | {seconds:.0f} s | peak memory {peak / 2**20:.0f} MiB (target < 1024) | "
          f"{len(reader.pages)} pages, last page reads {last!r} | {outline} outline entries | {size / 2**20:.1f} MiB")


def check_speed() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        forms_dir = make_forms(300, Path(tmp) / "forms")
        seconds = _timed(CLI + ["check", str(forms_dir)], ok_codes=(0, 1, 3))
    print(f"check: 300 forms | {seconds:.1f} s, process start included (target: seconds)")


def _timed(command: list[str], ok_codes: tuple[int, ...] = (0,)) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True)
    if result.returncode not in ok_codes:
        raise RuntimeError(f"{command} exited {result.returncode}: {result.stderr.decode()[-500:]}")
    return time.perf_counter() - start


def _peak(command: list[str], ok_codes: tuple[int, ...] = (0,)) -> tuple[float, int]:
    """Run ``command``; return its seconds and the peak summed RSS of its process tree."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while process.poll() is None:
        peak = max(peak, _tree_rss(process.pid))
        time.sleep(0.2)
    if process.returncode not in ok_codes:
        raise RuntimeError(f"{command} failed")
    return time.perf_counter() - start, peak


def _tree_rss(root: int) -> int:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    parent = int(handle.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(parent, []).append(int(entry))
            except (OSError, ValueError, IndexError):
                pass
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        try:
            with open(f"/proc/{pid}/statm") as handle:
                total += int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except OSError:
            pass
        stack += children.get(pid, [])
    return total


def _count(outline) -> int:
    return sum(_count(item) if isinstance(item, list) else 1 for item in outline)
