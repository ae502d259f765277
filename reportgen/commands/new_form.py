"""``reportgen new-form NEW_ID --from FORM``: a form's definition folder copied as a starting point.

The copy holds the source folder's own files with the new id; what the source inherits
(a variant's ``extends``) stays inherited. ``--forms DIR`` then makes the new form known.
"""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from ..errors import ExitCode, UsageError
from ..forms import FORMS
from ..forms.definition import DATA_FILES, OTHER_FILES, starter_for
from ..messages import say
from ..output import write_atomic
from .common import form_id

ID = re.compile(r"[a-z0-9][a-z0-9-]{0,62}")


def run(args) -> int:
    source = FORMS[form_id(args, args.source)].definition
    if not ID.fullmatch(args.new_id):
        raise UsageError(f"表单编号 {args.new_id!r} 只能含小写字母、数字和连字符",
                             f"form id {args.new_id!r}: lower-case letters, digits and hyphens only")
    target = Path(args.output) / args.new_id
    if target.exists():
        print(say(f"{target} 已存在", f"{target} exists"), file=sys.stderr)
        return ExitCode.FAILED
    copies = {name: source.text(source.folder / name) for name in DATA_FILES + OTHER_FILES
              if os.path.lexists(source.folder / name)}  # every file read (inside its folder) before one is written
    for name, text in copies.items():
        write_atomic(target / name, _renamed(name, text, args.new_id))
    print(say(f"已生成 {target}；使用时加 --forms {args.output}",
              f"wrote {target}; use it with --forms {args.output}"))
    return ExitCode.OK


def _renamed(name: str, text: str, new: str) -> str:
    """Return a copied file with the form id changed where it names the form."""
    if name == "form.yaml":
        text, count = re.subn(r"(?m)^id:\s*\S+", f"id: {new}", text)
        return text if count else f"id: {new}\n{text}"
    if name == "starter.yaml":
        return starter_for(text, new)
    return text
