"""``reportgen render``: forms to PDF, DOCX, XLSX and HTML."""
from __future__ import annotations

import sys
from pathlib import Path

from ..errors import ExitCode, UsageError
from ..inputs import gather
from ..messages import msg, say
from ..output import plan, remove_stale
from ..parallel import Progress, default_jobs, executor_from, map_jobs
from ..pipeline import Outcome, produce, save
from ..render import WRITERS
from ..source import read_bounded
from ..terminal import visible
from .common import options_from, print_problems, report_inputs, warn_slow_subsetter


def run(args) -> int:
    formats = _formats(args)
    found = gather(args.inputs)
    report_inputs(found, args)
    if not found.inputs:
        raise UsageError(msg("commands.render.no-input"))
    out_dir = Path(args.output)
    jobs = plan(found.inputs, out_dir, {name: WRITERS[name].suffix for name in formats})
    remove_stale({target.parent for job in jobs for target in job.targets.values()})
    if "pdf" in formats and jobs:
        warn_slow_subsetter(args)
    options = options_from(args)
    ok = failed = unwritable = 0
    broken = False
    progress = Progress(len(jobs), say("commands.render.progress"), quiet=True)
    root = out_dir.resolve()
    with executor_from(args.executor) as executor:
        tasks = [(job, options, _content(job) if executor else None) for job in jobs]
        for job, outcome in zip(jobs, map_jobs(_produce, tasks, args.jobs or default_jobs(), executor)):
            outcome = save(outcome, job)
            progress.step(visible(job.input.path.name))
            if _report(args, job, outcome, root):
                ok += 1
            else:
                failed += 1
                unwritable += bool(outcome.unwritten)
                broken = broken or (outcome.error and outcome.exit_code == 2)  # a form definition, not the data
    failed += len(found.missing) + len(found.skipped)
    print(say("commands.render.done", ok=ok, failed=failed, out_dir=visible(out_dir)))
    if unwritable:
        return ExitCode.OUTPUT
    return ExitCode.USAGE if broken else ExitCode.FAILED if failed or not ok else ExitCode.OK


def _content(job) -> bytes | None:
    """The input's bytes, for a worker on another machine (None: let the worker report it)."""
    try:
        return read_bounded(job.input.path)
    except OSError:
        return None


def _produce(task) -> Outcome:
    return produce(*task)


def _report(args, job, outcome: Outcome, root: Path) -> bool:
    """Print what became of one input; return whether it rendered."""
    print_problems(outcome.problems, args)
    name = visible(job.input.path)
    if outcome.error:
        print(f"{name}: {visible(outcome.error)}", file=sys.stderr)
    if outcome.failed:
        print(_failure(args, name, outcome, root), file=sys.stderr)
        return False
    print(f"✓ {name} → {', '.join(visible(p.relative_to(root)) for p in outcome.written)}")
    return True


def _failure(args, name: str, outcome: Outcome, root: Path) -> str:
    """Say exactly what of a failed input was written (usually nothing) and what was not."""
    if not outcome.written:
        return say("commands.render.nothing", name=name)
    done = ", ".join(visible(p.relative_to(root)) for p in outcome.written)
    left = ", ".join(visible(p.relative_to(root)) for p in outcome.unwritten)
    return say("commands.render.partial", name=name, done=done, left=left)


def _formats(args) -> list[str]:
    formats = [f.strip().lower() for f in args.formats.split(",") if f.strip()]
    unknown = [f for f in formats if f not in WRITERS or not WRITERS[f].single]
    if unknown or not formats:
        raise UsageError(msg("commands.render.unknown-format", unknown=unknown, writers=WRITERS))
    return list(dict.fromkeys(formats))
