"""``reportgen check``: review forms as a finance reviewer would, without rendering anything."""
from __future__ import annotations

import json
import sys

from ..checks import passages
from ..cli import say
from ..inputs import collect
from ..load import read_source
from ..pipeline import examine
from ..problems import in_file_order
from .common import options_from


def run(args) -> int:
    items, missing = collect(args.inputs)
    options = options_from(args)
    problems, entries = [], []
    for item in items:
        source = read_source(item.path)
        form, found = examine(item.path, options, source)
        problems += found
        if form is not None:
            entries.append(passages.entry(item.path, form, source))
    problems += passages.across(entries)  # passages copied between the forms of this run
    for argument in missing:
        print(say(args, f"找不到输入：{argument}", f"no such input: {argument}"), file=sys.stderr)
    if args.output_format == "json":
        print(json.dumps([p.as_json(args.lang) for p in problems], ensure_ascii=False, indent=2))
    else:
        for problem in in_file_order(problems):
            print(problem.format(args.lang))
        errors = sum(p.severity == "error" for p in problems)
        print(say(args, f"检查了 {len(items)} 个文件：{errors} 个错误，{len(problems) - errors} 个警告",
                  f"checked {len(items)} file(s): {errors} error(s), {len(problems) - errors} warning(s)"),
              file=sys.stderr)
    if missing or any(p.severity == "error" for p in problems):
        return 1
    return 3 if args.strict and problems else 0
