"""``reportgen doctor``: what this machine renders with, and what is missing."""
from __future__ import annotations

import shutil
import unicodedata
from importlib import metadata

from ..cli import say
from ..fonts import coverage, has_cjk, resolve
from ..messages import message
from .common import options_from


def run(args) -> int:
    options = options_from(args)
    ok = True
    for package in ("weasyprint", "python-docx", "openpyxl", "pydantic", "jinja2"):
        _line(package, _version(package))
    _line("pango", _pango())
    _line(say(args, "PDF 引擎", "PDF engines"), _engines(args))
    fast = _fast_subsetter()
    ok &= fast
    _line(say(args, "字体子集化", "font subsetter"), (
        "HarfBuzz (libharfbuzz-subset0)" if fast else say(args, "fontTools（慢约 25 倍，请安装 libharfbuzz-subset0）",
                                                          "fontTools (~25x slower: install libharfbuzz-subset0)")))
    for role, stack in (("body", options.fonts.body), ("title", options.fonts.title)):
        found = resolve(stack)
        ok &= bool(found)
        used = f"{found[0][0]} ({found[0][1]})" if found else say(args, "未找到！", "NONE FOUND!")
        caption = say(args, "正文字体", "body font") if role == "body" else say(args, "标题字体", "title font")
        _line(caption, used)
    _line("DOCX/XLSX", f"{options.fonts.office_body} / {options.fonts.office_title}")
    if not has_cjk(coverage(options.fonts.body)):
        ok = False
        print(message("RG800", args.lang, {"fonts": ", ".join(n for n, _, _ in resolve(options.fonts.body)) or "—"}))
    office = shutil.which("soffice") or shutil.which("libreoffice")
    _line("LibreOffice", office or say(args, "未安装（仅测试需要）", "not installed (needed by the tests only)"))
    return 0 if ok else 1


def _line(caption: str, value: str) -> None:
    """Print ``caption`` padded to 16 columns (a Chinese character takes two), then ``value``."""
    width = sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in caption)
    print(caption + " " * max(1, 16 - width) + value)


def _engines(args) -> str:
    """Return the PDF engines this install has: WeasyPrint always, Typst with reportgen[typst]."""
    from ..render.typst import version

    typst = version()
    found = f"weasyprint ({say(args, '默认', 'default')}), typst {typst}" if typst else \
        f"weasyprint; typst {say(args, '未安装', 'not installed')} (pip install 'reportgen[typst]')"
    return found


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "-"


def _pango() -> str:
    try:
        from ..render.pdf import load_weasyprint

        load_weasyprint()
        from weasyprint.text.ffi import pango

        number = pango.pango_version()  # e.g. 15012 for 1.50.12
        return f"{number // 10000}.{number // 100 % 100}.{number % 100}"
    except Exception as exc:  # doctor reports a broken install instead of crashing on it
        return f"unavailable ({exc})"


def _fast_subsetter() -> bool:
    from ..render.pdf import fast_subsetter_available

    return fast_subsetter_available()
