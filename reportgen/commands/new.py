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
from ..messages import say
from ..options import RenderOptions
from ..output import write_atomic
from ..render.fillin import workbook
from ..source.parse import read_yaml
from .common import form_id

NO_DOCX = ("不提供 DOCX 填报文件：Word 中干净的做法是内容控件，但 LibreOffice 另存时会丢掉控件的标记（w:tag）、"
           "甚至重复其中的文字，读回时无法可靠对应字段。请用 XLSX 填报工作簿（-o 文件.xlsx）；或用 reportgen "
           "render 生成 DOCX 后直接在表格中修改，reportgen import 同样能读回。",
           "no DOCX fill-in form: the clean way in Word is content controls, but LibreOffice saves them "
           "without their tags (w:tag) and even repeats their text, so they cannot be read back reliably. "
           "Use the XLSX fill-in workbook (-o FILE.xlsx), or edit a DOCX written by reportgen render: "
           "reportgen import reads that back too.")


WRITES = (".yaml", ".yml", ".xlsx")


def run(args) -> int:
    form = form_id(args)
    text = _filled(args, form) if args.from_target else _starter(args, form)
    if args.output == "-":
        sys.stdout.write(text)
        return ExitCode.OK
    target = Path(args.output or f"{form}.yaml")
    if target.is_dir():
        raise UsageError(f"{target} 是目录，请给出文件名", f"{target} is a folder; name a file")
    suffix = target.suffix.lower()
    if suffix == ".docx":
        print(say(*NO_DOCX), file=sys.stderr)
        return ExitCode.USAGE
    if suffix not in WRITES:
        raise UsageError(f"{target}：reportgen new 只写 YAML（.yaml、.yml）或填报工作簿（.xlsx），不写 {suffix or '无后缀的文件'}",
                         f"{target}: reportgen new writes YAML (.yaml, .yml) or a fill-in workbook (.xlsx), "
                         f"not {suffix or 'a file without a suffix'}")
    if target.exists() and not args.force:
        print(say(f"{target} 已存在；加 --force 覆盖", f"{target} exists; use --force to overwrite"),
              file=sys.stderr)
        return ExitCode.FAILED
    if suffix == ".xlsx":
        write_atomic(target, _workbook(args, text))
        print(say(f"已生成填报工作簿 {target}；填好后运行 reportgen import {target}",
                  f"wrote the fill-in workbook {target}; when filled in, run reportgen import {target}"))
        return ExitCode.OK
    write_atomic(target, text)
    print(say(f"已生成 {target}", f"wrote {target}"))
    return ExitCode.OK


def _starter(args, form: str) -> str:
    starter = FORMS[form].definition.files.get("starter.yaml")
    if starter is None:
        raise UsageError(f"表单 {form} 没有起始文件 starter.yaml", f"form {form} has no starter.yaml")
    return starter_for(FORMS[form].definition.text(starter), form)  # a variant may inherit its parent's


def _filled(args, form: str) -> str:
    """Return the YAML of ``form`` filled from the target form ``--from-target``, every field present."""


    source = load(args.from_target)
    try:
        model = FORMS[form].model.model_validate(prefill(FORMS[form].definition, source))
    except (PrefillError, ValidationError) as exc:
        detail = str(exc).splitlines()[0]
        raise UsageError(f"无法由 {args.from_target} 生成 {form}：{detail}",
                             f"cannot fill {form} from {args.from_target}: {detail}") from None
    return (f"# {FORMS[form].title} — 由 {Path(args.from_target).name}（{source.definition.title}）生成 "
            f"(filled from {Path(args.from_target).name})\n"
            "# 填写其余各项后运行 reportgen check 本文件.yaml (fill in the rest, then run reportgen check)\n"
            + to_yaml(model))


def _workbook(args, text: str) -> bytes:
    """Return the fill-in workbook of the form whose starter (or prefilled) YAML is ``text``."""

    form, problems = load_data(read_yaml(text))
    if form is None:
        raise InputError(args.form, problems)
    return workbook(form, RenderOptions(date=getattr(args, "date", None)))
