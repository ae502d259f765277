"""``reportgen new FORM``: a commented starter file to fill in."""
from __future__ import annotations

import sys
from pathlib import Path

from ..cli import form_id, say
from ..output import write_atomic
from ..problems import UsageError
from ..resources import templates_dir


def run(args) -> int:
    form = form_id(args)
    text = (templates_dir() / "starters" / f"{form}.yaml").read_text(encoding="utf-8")
    if args.output == "-":
        sys.stdout.write(text)
        return 0
    target = Path(args.output or f"{form}.yaml")
    if target.is_dir():
        raise UsageError(say(args, f"{target} 是目录，请给出文件名", f"{target} is a folder; name a file"))
    if target.exists() and not args.force:
        print(say(args, f"{target} 已存在；加 --force 覆盖", f"{target} exists; use --force to overwrite"),
              file=sys.stderr)
        return 1
    write_atomic(target, text)
    print(say(args, f"已生成 {target}", f"wrote {target}"))
    return 0
