"""``reportgen new FORM``: a commented starter file to fill in, or one filled from another form.

``--from-target FILE`` fills a form (the 运行监控表) from a project's target form, as the new
form's profile maps the fields across, so nobody retypes the project and its indicators.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from ..cli import form_id, say
from ..forms import FORMS
from ..output import write_atomic
from ..problems import UsageError


def run(args) -> int:
    form = form_id(args)
    text = _filled(args, form) if args.from_target else _starter(args, form)
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


def _starter(args, form: str) -> str:
    starter = FORMS[form].definition.files.get("starter.yaml")
    if starter is None:
        raise UsageError(say(args, f"表单 {form} 没有起始文件 starter.yaml", f"form {form} has no starter.yaml"))
    text = starter.read_text(encoding="utf-8")
    # A variant may inherit its parent's starter: the copy names the form asked for.
    return re.sub(r"(?m)^form:\s*\S+\s*$", f"form: {form}", text, count=1)


def _filled(args, form: str) -> str:
    """Return the YAML of ``form`` filled from the target form ``--from-target``, every field present."""
    from pydantic import ValidationError

    from ..dump import to_yaml
    from ..forms.prefill import PrefillError, prefill
    from ..load import load

    source = load(args.from_target)
    try:
        model = FORMS[form].model.model_validate(prefill(FORMS[form].definition, source))
    except (PrefillError, ValidationError) as exc:
        detail = str(exc).splitlines()[0]
        raise UsageError(say(args, f"无法由 {args.from_target} 生成 {form}：{detail}",
                             f"cannot fill {form} from {args.from_target}: {detail}")) from None
    return (f"# {FORMS[form].title} — 由 {Path(args.from_target).name} 生成 (filled from the target form)\n"
            "# 填写执行数、执行情况与完成目标可能性后运行 reportgen check 本文件.yaml\n" + to_yaml(model))
