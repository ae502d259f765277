"""``reportgen rules``: the rule catalogue, the 审核说明 a reviewer reads beside each finding."""
from __future__ import annotations

import json

from ..checks import CATALOGUE, CODES
from ..messages import word
from ..problems import rank
from ..terminal import visible

# The catalogue's texts are Chinese, as the budget systems' 审核说明; the headings follow --lang.
HEADS = ("rules.checks", "rules.why", "rules.example")


def rows(lang: str = "zh") -> list[dict]:
    """Return one entry per code: code, severity, rule, name, what it checks, why, an example."""
    return [{"code": code, "severity": info.severity, "label": word(f"severity.{info.severity}", lang), "rule": CODES[code],
             "name": info.name, "checks": info.checks, "why": info.why, "example": info.example}
            for code, info in sorted(CATALOGUE.items())]


def run(args) -> int:
    found = [row for row in rows(args.lang) if rank(row["severity"]) <= rank(args.min_severity)]
    if args.output_format == "json":
        print(json.dumps(found, ensure_ascii=False, indent=2))
        return 0
    checks, why, example = (word(head, args.lang) for head in HEADS)
    for row in found:
        print(visible(f"{row['code']}  {row['label']}  {row['name']}  ({row['rule']})"))
        print(visible(f"    {checks}{row['checks']}"))
        print(visible(f"    {why}{row['why']}"))
        print(visible(f"    {example}{row['example']}"))
    return 0
