"""``reportgen booklet``: a unit's forms as one booklet (PDF, DOCX or XLSX)."""
from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path

from ..booklet import cover_of, entries_of, layouts_of, plan
from ..booklet.formats import BUILDERS
from ..errors import ExitCode, UsageError
from ..messages import msg, say
from ..output import write_atomic
from ..parallel import Progress, Workers, default_jobs, executor_from
from ..render import WRITERS
from ..terminal import visible
from .common import options_from, print_problems, report_inputs, warn_slow_subsetter

FORMATS = {writer.suffix: name for name, writer in WRITERS.items() if writer.booklet}


def run(args) -> int:
    target = Path(args.output)
    if target.suffix.lower() not in FORMATS:
        raise UsageError(msg("commands.booklet.suffix", formats=FORMATS, target=target))
    options = options_from(args)
    if args.executor and options.engine == "typst" and FORMATS[target.suffix.lower()] == "pdf":
        raise UsageError(msg("commands.booklet.typst-no-executor"))
    result = plan(args.inputs, options, Path(args.root) if args.root else None, args.jobs or default_jobs())
    _refuse_overwriting_an_input(target, result.files, args)
    report_inputs(result.found, args)
    print_problems(result.problems, args)
    for name in result.failed:
        print(say("commands.booklet.left-out", name=visible(name)),
              file=sys.stderr)
    if not result.members:
        print(say("commands.booklet.no-form"), file=sys.stderr)
        return ExitCode.FAILED
    options = _print_options(args, result.booklet.print, options, result.booklet.date)
    cover = cover_of(result, options.date)
    entries, layouts = entries_of(result.members), layouts_of(result.members)
    data = _build(FORMATS[target.suffix.lower()], layouts, entries, cover, options, args)
    write_atomic(target, data)
    print(say("commands.booklet.done", count=len(result.members), target=visible(target), failed=len(result.failed)))
    return ExitCode.FAILED if result.failed else ExitCode.OK


def _refuse_overwriting_an_input(target: Path, files: list[Path], args) -> None:
    real = os.path.realpath(target)
    for file in files:
        if os.path.realpath(file) == real:
            raise UsageError(msg("commands.booklet.output-is-input", target=target, file=file))


def _print_options(args, printing, options, printing_date):
    return replace(options, profile=args.profile or printing.profile,
                   odd_pages=args.odd_pages or printing.odd_pages,
                   pdf_variant=args.pdf_variant or printing.pdf_variant,
                   watermark=args.watermark or printing.watermark,
                   date=options.date or printing_date)


def _build(name, layouts, entries, cover, options, args) -> bytes:
    if name == "pdf" and options.engine != "typst":
        warn_slow_subsetter(args)
    with executor_from(args.executor) as executor:
        workers = Workers(args.jobs or default_jobs(), Progress(len(layouts), say("commands.booklet.progress")), executor)
        return BUILDERS[name](layouts, entries, cover, options, workers)
