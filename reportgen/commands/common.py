"""What several commands share: options from arguments, printing problems, environment warnings."""
from __future__ import annotations

import os
import sys

from ..errors import UsageError
from ..fonts import FontConfig
from ..forms import FORMS
from ..messages import say
from ..options import ENGINES, RenderOptions
from ..problems import Problem, in_file_order
from ..render.pdf import fast_subsetter_available
from ..render.typst import version
from ..reproducible import document_date
from ..terminal import visible


def options_from(args) -> RenderOptions:
    for name in ("font_body", "font_title", "watermark"):
        value = getattr(args, name, None)
        if value is not None and (visible(value) != value or not value.strip()):
            option = "--" + name.replace("_", "-")
            raise UsageError(f"{option} 含控制字符或为空：{visible(value)}",
                                 f"{option} holds a control character or nothing: {visible(value)}")
    document_date(getattr(args, "date", None))  # a bad SOURCE_DATE_EPOCH is a usage error, before any work
    fonts = FontConfig().with_overrides(getattr(args, "font_body", None), getattr(args, "font_title", None))
    return RenderOptions(fonts=fonts, landscape=getattr(args, "landscape", None), date=getattr(args, "date", None),
                         profile=getattr(args, "profile", None) or "form", watermark=getattr(args, "watermark", None),
                         engine=engine_from(args))


def engine_from(args) -> str:
    """Return the PDF engine: --engine, else REPORTGEN_ENGINE, else WeasyPrint; Typst only when installed."""
    engine = getattr(args, "engine", None) or os.environ.get("REPORTGEN_ENGINE", "").strip().lower() or ENGINES[0]
    if engine not in ENGINES:
        raise UsageError(f"REPORTGEN_ENGINE 应为 {'、'.join(ENGINES)} 之一：{visible(engine)}",
                             f"REPORTGEN_ENGINE must be one of {', '.join(ENGINES)}: {visible(engine)}")
    if engine == "typst" and version() is None:
        raise UsageError("未安装 Typst 引擎：pip install 'reportgen[typst]'（或 ./dev test）",
                             "the Typst engine is not installed: pip install 'reportgen[typst]' (or ./dev test)")
    return engine


def report_inputs(found, args) -> None:
    """Print, on stderr, what the arguments reached but will not be used, and why."""
    for argument in found.missing:
        print(say(f"找不到输入：{visible(argument)}", f"no such input: {visible(argument)}"), file=sys.stderr)
    for path, reason in found.skipped:
        print(say(f"跳过 {visible(path)}：{reason}", f"skipped {visible(path)}: {reason}"), file=sys.stderr)
    for path, first in found.repeated:
        print(say(f"警告：{visible(path)} 与 {visible(first)} 是同一个文件，只使用一次",
                  f"warning: {visible(path)} is the same file as {visible(first)}; used once"), file=sys.stderr)


def print_problems(problems: list[Problem], args) -> None:
    for problem in in_file_order(problems):
        print(problem.format(args.lang), file=sys.stderr)


def warn_slow_subsetter(args) -> None:

    if not fast_subsetter_available():
        print(say("警告：未找到 libharfbuzz-subset0，WeasyPrint 将改用 fontTools 子集化，PDF 生成会慢约 25 倍。"
                  "请运行 apt-get install libharfbuzz-subset0（或 ./dev samples）。",
                  "WARNING: libharfbuzz-subset0 is missing; WeasyPrint falls back to fontTools and PDFs "
                  "render ~25x slower. Install it: apt-get install libharfbuzz-subset0 (or ./dev samples)."),
              file=sys.stderr)


def form_id(args, name: str | None = None) -> str:
    """Return the form type the user named, or raise UsageError listing the known ones."""
    name = args.form if name is None else name
    if name not in FORMS:
        known = ", ".join(FORMS)
        raise UsageError(f"未知的表单类型 {name!r}，可用：{known}", f"unknown form type {name!r}; known: {known}")
    return name
