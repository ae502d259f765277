"""The command line: ``reportgen render | booklet | check | rules | import | schema | new | forms | new-form | doctor | serve``.

``main(argv) -> int`` returns an exit code of ``errors.EXIT_CODES``, the README's table. Every error
ends here as one line: ours (ReportgenError) with its own code, file-system errors as output
errors, anything else as an internal error (its traceback only with REPORTGEN_TRACEBACK=1).
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys
from datetime import date

from . import __version__
from .errors import ExitCode, ReportgenError
from .forms import add_user_folders
from .messages import LANGUAGES, say, use_language
from .options import ENGINES, PDF_VARIANTS
from .terminal import visible

COMMANDS = ("render", "booklet", "check", "rules", "import", "schema", "new", "forms", "new-form", "doctor", "serve")


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # a surrogate or a Latin-1 terminal never crashes a print
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed why
        return ExitCode.OK if exc.code == 0 else ExitCode.USAGE
    if not args.command:
        parser.print_help()
        return ExitCode.USAGE
    use_language(getattr(args, "lang", "zh"))
    try:
        if getattr(args, "forms", None):
            add_user_folders(args.forms)
        # Each command's module is imported on use: ``check`` never pays for WeasyPrint.
        module = importlib.import_module(f"reportgen.commands.{args.command.replace('-', '_')}")
        return module.run(args)
    except KeyboardInterrupt:
        print(say("已中断", "interrupted"), file=sys.stderr)
        return ExitCode.INTERRUPTED
    except BaseException as exc:  # noqa: BLE001 (the one place that turns every error into an exit code)
        return _report(exc)


def _report(exc: BaseException) -> int:
    """Print one line for ``exc`` and return its exit code."""
    if isinstance(exc, SystemExit):
        return exc.code if isinstance(exc.code, int) else ExitCode.USAGE
    if isinstance(exc, ReportgenError):
        print("reportgen: " + "\n  ".join(visible(line) for line in str(exc).splitlines()), file=sys.stderr)
        return exc.exit_code
    if isinstance(exc, OSError):
        where = f": {exc.filename}" if exc.filename else ""
        print(say("reportgen: 无法写入或读取", "reportgen: cannot write or read")
              + f"{visible(where)}: {visible(exc.strerror or exc)}", file=sys.stderr)
        return ExitCode.OUTPUT
    if isinstance(exc, MemoryError):
        print(say("reportgen: 内存不足", "reportgen: out of memory"), file=sys.stderr)
        return ExitCode.OUTPUT
    if os.environ.get("REPORTGEN_TRACEBACK"):
        raise exc
    print(say("reportgen: 内部错误，请报告：", "reportgen: internal error, please report: ")
          + f"{type(exc).__name__}: {visible(exc)}", file=sys.stderr)
    return ExitCode.INTERNAL


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reportgen",
        description="财政项目支出绩效表单：YAML → PDF / DOCX / XLSX，并按评审要求检查数据。"
                    " (Fiscal performance forms from YAML to PDF, DOCX and XLSX, checked as a reviewer would.)",
    )
    parser.add_argument("--version", action="version", version=f"reportgen {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    render = sub.add_parser("render", help="渲染表单 (render forms to PDF, DOCX, XLSX, HTML)")
    render.add_argument("inputs", nargs="+", metavar="FILE_OR_DIR")
    render.add_argument("-o", "--output", default="output", metavar="DIR", help="输出目录 (default: output)")
    render.add_argument("-f", "--formats", default="pdf,docx,xlsx", metavar="LIST",
                        help="pdf,docx,xlsx,html (default: pdf,docx,xlsx)")
    render.add_argument("--landscape", action="store_true", default=None, help="A4 横向 (landscape)")
    render.add_argument("--portrait", dest="landscape", action="store_false", help="A4 纵向 (portrait)")
    render.add_argument("--profile", choices=("form", "gbt9704"), help="版式：form（默认）或 gbt9704（公文附件）")
    render.add_argument("--watermark", metavar="TEXT", help="PDF 水印，如 征求意见稿")
    _engine(render)
    _batch(render)
    _common(render, fonts=True)

    booklet = sub.add_parser("booklet", help="生成单位汇总册 (a unit's booklet: cover, summary, contents, forms)")
    booklet.add_argument("inputs", nargs="+", metavar="INPUT", help="表单文件、目录或汇总册清单 (forms, folders, a manifest)")
    booklet.add_argument("-o", "--output", required=True, metavar="FILE", help="FILE.pdf | FILE.docx | FILE.xlsx")
    booklet.add_argument("--profile", choices=("form", "gbt9704"), help="版式：form（默认）或 gbt9704（公文附件）")
    booklet.add_argument("--odd-pages", action="store_true", help="每份表单从奇数页开始（双面打印）")
    booklet.add_argument("--watermark", metavar="TEXT", help="水印，如 征求意见稿 (on every page)")
    booklet.add_argument("--root", metavar="DIR", help="清单中的路径须在此目录内 (default: the manifest's folder)")
    booklet.add_argument("--pdf-variant", metavar="VARIANT", type=_variant, help="如 pdf/a-2b（存档）")
    _engine(booklet)
    _batch(booklet)
    _common(booklet, fonts=True)

    check = sub.add_parser("check", help="检查表单数据 (check forms as a finance reviewer would)")
    check.add_argument("inputs", nargs="+", metavar="FILE_OR_DIR")
    check.add_argument("--format", dest="output_format", choices=("text", "json"), default="text")
    check.add_argument("--strict", action="store_true",
                       help="有警告时退出码为 3，提示不计 (exit 3 on warnings; notes do not count)")
    check.add_argument("--min-severity", choices=("error", "warning", "note"), default="note",
                       help="只报告此级别及以上：error 错误 / warning 警告 / note 提示 (default: note, all)")
    check.add_argument("--report", metavar="FILE", help="另写审核报告：FILE.pdf | FILE.html | FILE.xlsx "
                       "(a review report: the forms marked, the findings listed)")
    _common(check, fonts=True)

    rules = sub.add_parser("rules", help="列出全部检查规则及审核说明 (the rule catalogue: code, severity, why)")
    rules.add_argument("--format", dest="output_format", choices=("text", "json"), default="text")
    rules.add_argument("--min-severity", choices=("error", "warning", "note"), default="note")
    _common(rules)

    imp = sub.add_parser("import", help="把编辑过的 PDF/DOCX/XLSX 读回 YAML (read edited files back into YAML)")
    imp.add_argument("inputs", nargs="+", metavar="FILE")
    imp.add_argument("-o", "--output", default=".", metavar="DIR", help="YAML 输出目录 (default: .)")
    imp.add_argument("--form", metavar="FORM", help="要求文件是这种表单 (the form the file must hold)")
    imp.add_argument("--force", action="store_true", help="有错误时仍写出可读部分 (write what was read despite errors)")
    imp.add_argument("--overwrite", action="store_true", help="覆盖已有的 YAML (replace existing YAML files)")
    _common(imp)

    schema = sub.add_parser("schema", help="输出 JSON Schema (print the JSON Schema of a form type)")
    schema.add_argument("form", metavar="FORM")
    _common(schema)

    new = sub.add_parser("new", help="生成带注释的起始文件 (write a commented starter file)")
    new.add_argument("form", metavar="FORM")
    new.add_argument("-o", "--output", metavar="FILE", help="文件名 (default: FORM.yaml; - for stdout)")
    new.add_argument("--force", action="store_true", help="覆盖已有文件 (overwrite)")
    new.add_argument("--from-target", metavar="FILE", help="由项目的申报表预填（如运行监控表）(fill from a target form)")
    _common(new)

    forms = sub.add_parser("forms", help="列出全部表单类型及其来源 (list every form type and where it comes from)")
    forms.add_argument("--check", metavar="DIR", help="逐项检查一个表单目录（或其中每个表单）：定义、规则参数、绑定、"
                       "起始文件的各格式输出 (check a form folder end to end before sharing it)")
    _common(forms)

    new_form = sub.add_parser("new-form", help="复制表单定义作为新表单或变体的起点 (copy a form definition to start a new form)")
    new_form.add_argument("new_id", metavar="NEW_ID", help="新表单编号，如 selfeval-sichuan")
    origin = new_form.add_mutually_exclusive_group(required=True)
    origin.add_argument("--from", dest="source", metavar="FORM", help="复制哪个表单 (the form to copy)")
    origin.add_argument("--extends", dest="parent", metavar="FORM",
                        help="继承哪个表单，只写差异 (a variant: a stub that inherits the rest from FORM)")
    new_form.add_argument("-o", "--output", default="forms", metavar="DIR", help="表单定义目录 (default: forms)")
    _common(new_form)

    doctor = sub.add_parser("doctor", help="检查运行环境 (report the environment: WeasyPrint, fonts, LibreOffice)")
    _common(doctor, fonts=True)

    serve = sub.add_parser("serve", help="本机网页工作台：填写、检查、预览、打印 (a local web workbench)")
    serve.add_argument("folder", nargs="?", default=".", metavar="DIR", help="表单所在目录 (default: .)")
    serve.add_argument("--port", type=_port, default=0, metavar="N", help="端口 (default: a free one)")
    serve.add_argument("--host", default="127.0.0.1", metavar="ADDR",
                       help="监听地址 (default: 127.0.0.1; another address exposes the folder to that network)")
    serve.add_argument("--open", action="store_true", help="打开浏览器 (open the browser)")
    _common(serve, fonts=True)
    return parser


def _port(text: str) -> int:
    if not text.isdigit() or not 0 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"not a port (0-65535): {text}")
    return int(text)


def _batch(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-j", "--jobs", type=_jobs, default=0, metavar="N", help="并行进程数 (default: CPU cores)")
    parser.add_argument("--executor", metavar="dask://HOST:PORT",
                        help="在 Dask 集群上运行 (run the jobs on a Dask cluster; pip install 'reportgen[dask]')")
    parser.add_argument("--date", type=_day, metavar="YYYY-MM-DD",
                        help="文档日期，保证相同输入得到相同文件 (default: SOURCE_DATE_EPOCH, else today)")


def _engine(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--engine", choices=ENGINES, metavar="ENGINE",
                        help="PDF 排版引擎：weasyprint（默认）或 typst（快约十倍；pip install 'reportgen[typst]'）"
                             " (default: REPORTGEN_ENGINE, else weasyprint)")


def _day(text: str):
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from None


def _jobs(text: str) -> int:
    if not text.isdigit() or not 0 <= int(text) <= 1024:
        raise argparse.ArgumentTypeError(f"not a number of jobs (0-1024): {text}")
    return int(text)


def _variant(text: str) -> str:
    if text.lower() not in PDF_VARIANTS:
        raise argparse.ArgumentTypeError(f"not one of {', '.join(PDF_VARIANTS)}: {text}")
    return text.lower()


def _common(parser: argparse.ArgumentParser, fonts: bool = False) -> None:
    parser.add_argument("--lang", choices=LANGUAGES, default="zh", help="消息语言 (message language)")
    parser.add_argument("--forms", action="append", metavar="DIR",
                        help="另加表单定义目录，可多次给出 (more form definitions; also REPORTGEN_FORMS)")
    if fonts:
        parser.add_argument("--font-body", metavar="FAMILY", help="正文字体，如 仿宋_GB2312 (body face)")
        parser.add_argument("--font-title", metavar="FAMILY", help="标题字体，如 黑体 (title face)")
