"""``reportgen doctor``: what this machine renders with, and what is missing."""
from __future__ import annotations

import shutil
import unicodedata
from importlib import metadata

from ..errors import ExitCode
from ..fonts import coverage, has_cjk, resolve
from ..messages import message, say
from ..render import WRITERS
from ..render.pdf import fast_subsetter_available, load_weasyprint
from ..render.typst import version
from .common import options_from


def run(args) -> int:
    options = options_from(args)
    ok = True
    for package in ("weasyprint", "python-docx", "openpyxl", "pydantic", "jinja2"):
        _line(package, _version(package))
    _line("pango", _pango())
    _line(say("commands.doctor.pdf-engines"), _engines(args))
    fast = _fast_subsetter()
    ok &= fast
    _line(say("commands.doctor.font-subsetter"), (
        "HarfBuzz (libharfbuzz-subset0)" if fast else say("commands.doctor.fonttools")))
    for role, stack in (("body", options.fonts.body), ("title", options.fonts.title)):
        found = resolve(stack)
        ok &= bool(found)
        used = f"{found[0][0]} ({found[0][1]})" if found else say("commands.doctor.none-found")
        caption = say("commands.doctor.body-font") if role == "body" else say("commands.doctor.title-font")
        _line(caption, used)
    _line("DOCX/XLSX", f"{options.fonts.office_body} / {options.fonts.office_title}")
    if not has_cjk(coverage(options.fonts.body)):
        ok = False
        print(message("RG800", args.lang, {"fonts": ", ".join(n for n, _, _ in resolve(options.fonts.body)) or "—"}))
    _line(say("commands.doctor.formats"), " ".join(WRITERS))
    _line(say("commands.doctor.booklet-formats"), " ".join(name for name, w in WRITERS.items() if w.booklet))
    office = shutil.which("soffice") or shutil.which("libreoffice")
    _line("LibreOffice", office or say("commands.doctor.no-office"))
    return ExitCode.OK if ok else ExitCode.FAILED


def _line(caption: str, value: str) -> None:
    """Print ``caption`` padded to 16 columns (a Chinese character takes two), then ``value``."""
    width = sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in caption)
    print(caption + " " * max(1, 16 - width) + value)


def _engines(args) -> str:
    """Return the PDF engines this install has: WeasyPrint always, Typst with reportgen[typst]."""
    typst = version()
    found = f"weasyprint ({say('commands.doctor.default')}), typst {typst}" if typst else \
        f"weasyprint; typst {say('commands.doctor.not-installed')} (pip install 'reportgen[typst]')"
    return found


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "-"


def _pango() -> str:
    try:
        load_weasyprint()
        from weasyprint.text.ffi import pango  # WeasyPrint: loaded through load_weasyprint, on first use

        number = pango.pango_version()  # e.g. 15012 for 1.50.12
        return f"{number // 10000}.{number // 100 % 100}.{number % 100}"
    except Exception as exc:  # doctor reports a broken install instead of crashing on it
        return f"unavailable ({exc})"


def _fast_subsetter() -> bool:
    return fast_subsetter_available()
