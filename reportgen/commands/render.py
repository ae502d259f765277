"""``reportgen render``: forms to PDF, DOCX, XLSX and HTML."""
from __future__ import annotations

import sys
from pathlib import Path

from ..cli import say
from ..inputs import collect
from ..parallel import Progress, default_jobs, map_jobs
from ..pipeline import Outcome, render
from ..problems import UsageError
from ..render import FORMATS
from .common import options_from, print_problems, warn_slow_subsetter


def run(args) -> int:
    formats = _formats(args)
    items, missing = collect(args.inputs)
    for argument in missing:
        print(say(args, f"找不到输入：{argument}", f"no such input: {argument}"), file=sys.stderr)
    if "pdf" in formats:
        warn_slow_subsetter(args)
    options = options_from(args)
    out_dir = Path(args.output)
    ok = failed = 0
    progress = Progress(len(items), say(args, "渲染", "render"), quiet=True)
    tasks = [(item, out_dir, formats, options) for item in items]
    for item, outcome in zip(items, map_jobs(_render_task, tasks, args.jobs or default_jobs())):
        progress.step(item.path.name)
        print_problems(outcome.problems, args)
        if outcome.error:
            print(f"{item.path}: {outcome.error}", file=sys.stderr)
        if outcome.failed:
            failed += 1
            print(say(args, f"✗ {item.path}：未生成输出", f"✗ {item.path}: nothing written"), file=sys.stderr)
        else:
            ok += 1
            print(f"✓ {item.path} → {', '.join(str(p.relative_to(out_dir.resolve())) for p in outcome.written)}")
    failed += len(missing)
    print(say(args, f"渲染完成：{ok} 份成功，{failed} 份失败，输出目录 {out_dir}",
              f"rendered: {ok} ok, {failed} failed, into {out_dir}"))
    return 1 if failed or not (ok or failed) else 0


def _render_task(task) -> "Outcome":
    return render(*task)


def _formats(args) -> list[str]:
    formats = [f.strip().lower() for f in args.formats.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise UsageError(say(args, f"未知的输出格式：{', '.join(unknown)}（可用：{', '.join(FORMATS)}）",
                             f"unknown format: {', '.join(unknown)} (known: {', '.join(FORMATS)})"))
    return list(dict.fromkeys(formats))
