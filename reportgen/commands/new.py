"""``reportgen new FORM``: a commented starter file, a fill-in workbook (``-o FILE.xlsx``), or a
form filled from another one.

``--from-target FILE`` fills a form (the 运行监控表) from a project's target form, as the new
form's profile maps the fields across, so nobody retypes the project and its indicators.
"""
from __future__ import annotations

import sys
from pathlib import Path

from pydantic import ValidationError

from ..dump import to_yaml
from ..errors import ExitCode, InputError, PrefillError, UsageError
from ..forms import FORMS
from ..forms.definition import starter_for
from ..forms.prefill import prefill
from ..load import load, load_data
from ..messages import Text, msg, say
from ..options import RenderOptions
from ..output import write_atomic
from ..render.fillin import workbook
from ..source.parse import read_yaml
from .common import form_id

NO_DOCX = Text("commands.new.no-docx")


WRITES = (".yaml", ".yml", ".xlsx")


def run(args) -> int:
    form = form_id(args)
    text = _filled(args, form) if args.from_target else _starter(args, form)
    if args.output == "-":
        sys.stdout.write(text)
        return ExitCode.OK
    target = Path(args.output or f"{form}.yaml")
    if target.is_dir():
        raise UsageError(msg("commands.new.folder", target=target))
    suffix = target.suffix.lower()
    if suffix == ".docx":
        print(NO_DOCX, file=sys.stderr)
        return ExitCode.USAGE
    if suffix not in WRITES:
        raise UsageError(msg("commands.new.writes", target=target, suffix=suffix or msg("commands.new.no-suffix")))
    if target.exists() and not args.force:
        print(say("commands.new.exists", target=target),
              file=sys.stderr)
        return ExitCode.FAILED
    if suffix == ".xlsx":
        write_atomic(target, _workbook(args, text))
        print(say("commands.new.wrote-workbook", target=target))
        return ExitCode.OK
    write_atomic(target, text)
    print(say("commands.new.wrote", target=target))
    return ExitCode.OK


def _starter(args, form: str) -> str:
    starter = FORMS[form].definition.files.get("starter.yaml")
    if starter is None:
        raise UsageError(msg("commands.new.no-starter", form=form))
    return starter_for(FORMS[form].definition.text(starter), form)  # a variant may inherit its parent's


def _filled(args, form: str) -> str:
    """Return the YAML of ``form`` filled from the target form ``--from-target``, every field present."""


    source = load(args.from_target)
    try:
        model = FORMS[form].model.model_validate(prefill(FORMS[form].definition, source))
    except (PrefillError, ValidationError) as exc:
        detail = str(exc).splitlines()[0]
        raise UsageError(msg("commands.new.cannot-fill", from_target=args.from_target, form=form, detail=detail)) from None
    return (f"# {FORMS[form].title} — 由 {Path(args.from_target).name}（{source.definition.title}）生成 "  # form words
            f"(filled from {Path(args.from_target).name})\n"
            "# 填写其余各项后运行 reportgen check 本文件.yaml (fill in the rest, then run reportgen check)\n"  # form words
            + to_yaml(model))


def _workbook(args, text: str) -> bytes:
    """Return the fill-in workbook of the form whose starter (or prefilled) YAML is ``text``."""

    form, problems = load_data(read_yaml(text))
    if form is None:
        raise InputError(args.form, problems)
    return workbook(form, RenderOptions(date=getattr(args, "date", None)))
