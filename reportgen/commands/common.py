"""What several commands share: options from arguments, printing problems, environment warnings."""
from __future__ import annotations

import sys

from ..cli import say
from ..fonts import FontConfig
from ..options import RenderOptions
from ..problems import Problem, in_file_order


def options_from(args) -> RenderOptions:
    fonts = FontConfig().with_overrides(getattr(args, "font_body", None), getattr(args, "font_title", None))
    return RenderOptions(fonts=fonts, landscape=getattr(args, "landscape", None), date=getattr(args, "date", None),
                         profile=getattr(args, "profile", None) or "form", watermark=getattr(args, "watermark", None))


def print_problems(problems: list[Problem], args) -> None:
    for problem in in_file_order(problems):
        print(problem.format(args.lang), file=sys.stderr)


def warn_slow_subsetter(args) -> None:
    from ..render.pdf import fast_subsetter_available

    if not fast_subsetter_available():
        print(say(args,
                  "警告：未找到 libharfbuzz-subset0，WeasyPrint 将改用 fontTools 子集化，PDF 生成会慢约 25 倍。"
                  "请运行 apt-get install libharfbuzz-subset0（或 ./dev samples）。",
                  "WARNING: libharfbuzz-subset0 is missing; WeasyPrint falls back to fontTools and PDFs "
                  "render ~25x slower. Install it: apt-get install libharfbuzz-subset0 (or ./dev samples)."),
              file=sys.stderr)
