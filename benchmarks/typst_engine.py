"""The Typst engine (issue 22), measured side by side in one run.

- a 150-form booklet with ``--engine typst`` against the default engine (WeasyPrint), both with
  one job (target: ≥ 8× faster), and against bare Typst compiling the same content: our program
  and the data of each chunk the booklet gave it, in turn, with the same faces and options (no
  tagged PDF), in a process of its own (target: within 2×). The three sides take turns, round
  after round (this machine's speed drifts by a third within minutes); each side's best of its
  rounds, wall clock, and the CPU time of its process (user + system), which a machine shared
  with others disturbs less;
- a 1,000-form booklet with ``--engine typst``: peak memory of the process tree (target: < 1 GiB).
"""
from __future__ import annotations

import json
import resource
import shutil
import sys
import tempfile
from pathlib import Path

from .booklet_scale import CLI, _peak, _timed
from .inputs import make_forms

BARE = """
import json, sys, typst
files, program, root, fonts, out = sys.argv[1:6]
for data in json.loads(files):
    typst.compile(program, output=out, root=root, font_paths=json.loads(fonts), ignore_system_fonts=True,
                  sys_inputs={"data": open(data, encoding="utf-8").read()}, pdf_tags=False)
"""


def main(rounds: int = 3) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        forms_dir = make_forms(150, Path(tmp) / "forms")
        bare_command = _bare_command(forms_dir, Path(tmp))
        booklet = CLI + ["booklet", str(forms_dir), "-o", f"{tmp}/booklet.pdf", "-j", "1"]
        bare, typst, weasy = [], [], []
        for _ in range(rounds):
            bare.append(_cpu_timed(bare_command))
            typst.append(_cpu_timed(booklet + ["--engine", "typst"]))
            weasy.append(_cpu_timed(booklet + ["--engine", "weasyprint"]))
        thousand, peak = _thousand(Path(tmp))
    for what, side in (("wall", 0), ("CPU", 1)):
        w, t, b = (min(run[side] for run in runs) for runs in (weasy, typst, bare))
        print(f"typst: 150-form booklet -j 1, {what} | WeasyPrint {w:.1f} s ({_spread(weasy, side)}) | "
              f"Typst {t:.2f} s ({_spread(typst, side)}) | {w / t:.1f}× faster (target ≥ 8) | "
              f"bare Typst, same content {b:.2f} s ({_spread(bare, side)}) | ratio {t / b:.2f} (target ≤ 2)")
    print(f"typst: 1000-form booklet --engine typst | {thousand:.1f} s | peak memory {peak / 2**20:.0f} MiB "
          f"(target < 1024)")


def _spread(runs: list[tuple[float, float]], side: int) -> str:
    """Return the range of a side's rounds, the drift a ratio of best rounds hides."""
    values = [run[side] for run in runs]
    return f"{min(values):.2f}–{max(values):.2f}"


def _cpu_timed(command: list[str]) -> tuple[float, float]:
    """Return the wall-clock seconds of ``command`` and the CPU seconds of its processes."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = _timed(command)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def _bare_command(forms_dir: Path, tmp: Path) -> list[str]:
    """Return the command that compiles, with nothing of reportgen, what the booklet gives Typst:
    each chunk's data in turn, in one process, with the booklet's subset faces."""
    from reportgen.booklet import typst as booklet_typst
    from reportgen.render import typst as writer

    captured, fonts = [], tmp / "fonts"

    def keep_fonts(options) -> None:  # the booklet's subsets live in a folder removed at its end
        fonts.mkdir(exist_ok=True)
        for faces in writer._faces(options).values():
            for _, file, _ in faces:
                shutil.copy(file, fonts / Path(file).name)

    def capture(tasks, jobs=1):
        captured[:] = tasks
        keep_fonts(tasks[0][1])
        return compile_apart(tasks, jobs)

    def capture_one(data, options):
        captured[:] = [(data, options)]
        keep_fonts(options)
        return compile_pdf(data, options)

    compile_apart, compile_pdf = booklet_typst.compile_apart, booklet_typst.compile_pdf
    booklet_typst.compile_apart, booklet_typst.compile_pdf = capture, capture_one
    try:
        booklet_typst.build(*_booklet_parts(forms_dir))
    finally:
        booklet_typst.compile_apart, booklet_typst.compile_pdf = compile_apart, compile_pdf
    files = []
    for index, (data, _) in enumerate(captured):
        files.append(str(tmp / f"data-{index}.json"))
        Path(files[-1]).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    program = writer.templates_dir().joinpath(*writer.PROGRAM)
    return [sys.executable, "-c", BARE, json.dumps(files), str(program), str(program.parent),
            json.dumps([str(fonts)]), str(tmp / "bare.pdf")]


def _booklet_parts(forms_dir: Path):
    from dataclasses import replace

    from reportgen.booklet import cover_of, entries_of, layouts_of, plan
    from reportgen.options import RenderOptions
    from reportgen.parallel import Workers

    options = RenderOptions(engine="typst")
    result = plan([str(forms_dir)], options)
    options = replace(options, date=result.booklet.date)
    return (layouts_of(result.members), entries_of(result.members), cover_of(result, options.date), options,
            Workers(jobs=1))


def _thousand(tmp: Path) -> tuple[float, int]:
    forms_dir = make_forms(1000, tmp / "thousand")
    return _peak(CLI + ["booklet", str(forms_dir), "-o", str(tmp / "thousand.pdf"), "--engine", "typst"])
