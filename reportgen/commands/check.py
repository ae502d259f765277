"""``reportgen check``: review forms as a finance reviewer would, without rendering anything."""
from __future__ import annotations

import json
import sys

from .. import review
from ..checks import cycle, passages
from ..errors import ExitCode, UsageError
from ..inputs import gather
from ..messages import msg, say
from ..pipeline import examine
from ..problems import LEVELS, in_file_order, rank
from ..source import read_source
from .common import options_from, report_inputs


def run(args) -> int:
    found = gather(args.inputs)
    report_inputs(found, args)
    if not found.inputs:
        raise UsageError(msg("commands.check.no-input"))
    target = review.check_target(args.report) if args.report else None
    options = options_from(args)
    problems, entries, filings, forms = [], [], [], {}
    for item in found.inputs:
        source = read_source(item.path)
        form, problems_of_item = examine(item.path, options, source=source)
        problems += problems_of_item
        if target is not None:  # only a report keeps every form (the run's memory otherwise holds none)
            forms[str(item.path)] = form
        if form is not None:
            entries.append(passages.entry(item.path, form, source))
            filings.append(cycle.filing(item.path, form, source))
    problems += passages.across(entries)  # passages copied between the forms of this run
    problems += cycle.across([f for f in filings if f is not None])  # a project's forms of one year
    problems = [p for p in problems if rank(p.severity) <= rank(args.min_severity)]
    if target is not None:  # the same findings as printed below, for reviewers without a terminal
        review.write_report(target, review.gather(problems, forms), options, args.lang)
    if args.output_format == "json":
        print(json.dumps([p.as_json(args.lang) for p in problems], ensure_ascii=False, indent=2))
    else:
        for problem in in_file_order(problems):
            print(problem.format(args.lang))
        print(_summary(len(found.inputs), problems), file=sys.stderr)
    if found.missing or found.skipped or any(p.severity == "error" for p in problems):
        return ExitCode.FAILED
    return ExitCode.STRICT if args.strict and any(p.severity == "warning" for p in problems) else ExitCode.OK


def _summary(files: int, problems: list) -> str:
    count = {level: sum(p.severity == level for p in problems) for level in LEVELS}
    return say("commands.check.done", files=files, error=count['error'], warning=count['warning'], note=count['note'])
