"""``reportgen check``: review forms as a finance reviewer would, without rendering anything."""
from __future__ import annotations

import json
import sys

from ..checks import passages
from ..errors import ExitCode, UsageError
from ..inputs import gather
from ..messages import say
from ..pipeline import examine
from ..problems import in_file_order
from ..source import read_source
from .common import options_from, report_inputs


def run(args) -> int:
    found = gather(args.inputs)
    report_inputs(found, args)
    if not found.inputs:
        raise UsageError("没有可检查的表单文件（.yaml、.yml、.json）；原因见上",
                             "no form file (.yaml, .yml, .json) to check; see above for why")
    options = options_from(args)
    problems, entries = [], []
    for item in found.inputs:
        source = read_source(item.path)
        form, problems_of_item = examine(item.path, options, source=source)
        problems += problems_of_item
        if form is not None:
            entries.append(passages.entry(item.path, form, source))
    problems += passages.across(entries)  # passages copied between the forms of this run
    if args.output_format == "json":
        print(json.dumps([p.as_json(args.lang) for p in problems], ensure_ascii=False, indent=2))
    else:
        for problem in in_file_order(problems):
            print(problem.format(args.lang))
        errors = sum(p.severity == "error" for p in problems)
        print(say(f"检查了 {len(found.inputs)} 个文件：{errors} 个错误，{len(problems) - errors} 个警告",
                  f"checked {len(found.inputs)} file(s): {errors} error(s), {len(problems) - errors} warning(s)"),
              file=sys.stderr)
    if found.missing or found.skipped or any(p.severity == "error" for p in problems):
        return ExitCode.FAILED
    return ExitCode.STRICT if args.strict and problems else ExitCode.OK
