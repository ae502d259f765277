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
from ..messages import msg, say
from ..terminal import visible


def run(args) -> int:
    if args.check:
        return _check(args, Path(args.check))
    rows = []
    for form_id in FORMS:
        definition = FORMS[form_id].definition
        origin = say("commands.forms.built") if definition.origin == "built-in" else str(definition.folder)
        extends = f" ← {definition.parent}" if definition.parent else ""
        stage = name(stage_of(definition.profile)).shown() or "—"  # its place in the budget cycle
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
        raise UsageError(msg("commands.not-a-folder", folder=folder))
    ids = forms_in(folder)
    if not ids:
        raise UsageError(msg("commands.forms.no-form-folder", folder=folder))
    add_user_folders([str(folder.parent if (folder / "form.yaml").exists() else folder)])
    failed = 0
    for form_id in ids:
        report = check_form(form_id, args.lang)
        for line in report.lines:
            print(visible(line), file=sys.stderr)
        if report.failed:
            failed += 1
            print(say("commands.forms.failed", form_id=form_id), file=sys.stderr)
        else:
            done = ", ".join(report.formats)
            print(say("commands.forms.checked", form_id=form_id, done=done))
    return ExitCode.USAGE if failed else ExitCode.OK
