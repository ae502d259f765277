"""``reportgen forms``: every form type, its title and where its definition comes from.

``--check DIR`` checks a form folder (or each form folder in DIR) end to end (``formcheck.py``).
"""
from __future__ import annotations

import os
import sys
import unicodedata
from pathlib import Path

from ..errors import ExitCode, UsageError
from ..formcheck import check_form, forms_in
from ..forms import FORMS, add_user_folders
from ..forms.stages import name, stage_of
from ..messages import say
from ..terminal import visible


def run(args) -> int:
    if args.check:
        return _check(args, Path(args.check))
    rows = []
    for form_id in FORMS:
        definition = FORMS[form_id].definition
        origin = say("内置", "built-in") if definition.origin == "built-in" else str(definition.folder)
        extends = f" ← {definition.parent}" if definition.parent else ""
        stage = say(*name(stage_of(definition.profile))) or "—"  # its place in the budget cycle
        rows.append((form_id, stage, definition.title, origin + extends))
    width = max(len(r[0]) for r in rows)
    stages = max(_columns(r[1]) for r in rows)
    try:
        for form_id, stage, title, origin in rows:
            padded = stage + " " * (stages - _columns(stage))
            # A definition comes from anyone: its escapes are shown, never obeyed (terminal.py).
            print(visible(f"{form_id:<{width}}  {padded}  {title}  [{origin}]"), flush=True)
    except BrokenPipeError:  # `reportgen forms | head`: the reader has all it wants
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # so the exit's flush does not fail again
    return ExitCode.OK


def _columns(text: str) -> int:
    """Return the terminal columns ``text`` takes (a Chinese character two)."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _check(args, folder: Path) -> int:
    """Check every form of ``folder``; exit 2 if any stage of any form fails."""
    if not folder.is_dir():
        raise UsageError(f"不是目录：{folder}", f"not a folder: {folder}")
    ids = forms_in(folder)
    if not ids:
        raise UsageError(f"{folder} 中没有表单目录（含 form.yaml 的目录）",
                         f"{folder} holds no form folder (a folder with a form.yaml)")
    add_user_folders([str(folder.parent if (folder / "form.yaml").exists() else folder)])
    failed = 0
    for form_id in ids:
        report = check_form(form_id, args.lang)
        for line in report.lines:
            print(visible(line), file=sys.stderr)
        if report.failed:
            failed += 1
            print(say(f"✗ {form_id}：未通过", f"✗ {form_id}: failed"), file=sys.stderr)
        else:
            done = ", ".join(report.formats)
            print(say(f"✓ {form_id}：定义、规则参数、绑定、起始文件（{done}）均通过",
                      f"✓ {form_id}: definition, rule parameters, bindings, starter ({done}) all pass"))
    return ExitCode.USAGE if failed else ExitCode.OK
