"""``reportgen new FORM``: a commented starter file to fill in."""
from __future__ import annotations

import sys
from pathlib import Path

from ..cli import form_id, say
from ..forms import FORMS
from ..output import write_atomic


def run(args) -> int:
    form = form_id(args)
    starter = FORMS[form].definition.files.get("starter.yaml")
    if starter is None:
        print(say(args, f"表单 {form} 没有起始文件 starter.yaml", f"form {form} has no starter.yaml"), file=sys.stderr)
        return 1
    text = starter.read_text(encoding="utf-8")
    if args.output == "-":
        sys.stdout.write(text)
        return 0
    target = Path(args.output or f"{form}.yaml")
    if target.exists() and not args.force:
        print(say(args, f"{target} 已存在；加 --force 覆盖", f"{target} exists; use --force to overwrite"),
              file=sys.stderr)
        return 1
    write_atomic(target, text)
    print(say(args, f"已生成 {target}", f"wrote {target}"))
    return 0
