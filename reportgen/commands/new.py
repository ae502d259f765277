"""``reportgen new FORM``: a commented starter file, or a fill-in workbook (``-o FILE.xlsx``)."""
from __future__ import annotations

import sys
from pathlib import Path

from ..cli import form_id, say
from ..output import write_atomic
from ..resources import templates_dir


def run(args) -> int:
    form = form_id(args)
    starter = templates_dir() / "starters" / f"{form}.yaml"
    text = starter.read_text(encoding="utf-8")
    if args.output == "-":
        sys.stdout.write(text)
        return 0
    target = Path(args.output or f"{form}.yaml")
    suffix = target.suffix.lower()
    if suffix == ".docx":
        print(say(args, "不提供 DOCX 填报文件：Word 中干净的做法是内容控件，但 LibreOffice 另存时会丢掉控件的标记（w:tag）、"
                        "甚至重复其中的文字，读回时无法可靠对应字段。请用 XLSX 填报工作簿（-o 文件.xlsx）；或用 reportgen "
                        "render 生成 DOCX 后直接在表格中修改，reportgen import 同样能读回。",
                  "no DOCX fill-in form: the clean way in Word is content controls, but LibreOffice saves them "
                  "without their tags (w:tag) and even repeats their text, so they cannot be read back reliably. "
                  "Use the XLSX fill-in workbook (-o FILE.xlsx), or edit a DOCX written by reportgen render: "
                  "reportgen import reads that back too."),
              file=sys.stderr)
        return 2
    if target.exists() and not args.force:
        print(say(args, f"{target} 已存在；加 --force 覆盖", f"{target} exists; use --force to overwrite"),
              file=sys.stderr)
        return 1
    if suffix == ".xlsx":
        from ..load import load
        from ..render.fillin import workbook

        write_atomic(target, workbook(load(starter), _options(args)))
        print(say(args, f"已生成填报工作簿 {target}；填好后运行 reportgen import {target}",
                  f"wrote the fill-in workbook {target}; when filled in, run reportgen import {target}"))
        return 0
    write_atomic(target, text)
    print(say(args, f"已生成 {target}", f"wrote {target}"))
    return 0


def _options(args):
    from ..options import RenderOptions

    return RenderOptions(date=getattr(args, "date", None))
