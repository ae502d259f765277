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
    use_language(_language_asked(sys.argv[1:] if argv is None else argv))  # the help is said in it too
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
        print(say("cli.interrupted"), file=sys.stderr)
        return ExitCode.INTERRUPTED
    except BaseException as exc:  # noqa: BLE001 (the one place that turns every error into an exit code)
        return _report(exc)


def _language_asked(argv: list[str]) -> str:
    """Return the language ``--lang`` asks for, read before the parser is built; Chinese if none."""
    for n, arg in enumerate(argv):
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
        if arg == "--lang" and n + 1 < len(argv):
            return argv[n + 1]
    return "zh"


def _report(exc: BaseException) -> int:
    """Print one line for ``exc`` and return its exit code."""
    if isinstance(exc, SystemExit):
        return exc.code if isinstance(exc.code, int) else ExitCode.USAGE
    if isinstance(exc, ReportgenError):
        print("reportgen: " + "\n  ".join(visible(line) for line in str(exc).splitlines()), file=sys.stderr)
        return exc.exit_code
    if isinstance(exc, OSError):
        where = f": {exc.filename}" if exc.filename else ""
        print(say("cli.os-error")
              + f"{visible(where)}: {visible(exc.strerror or exc)}", file=sys.stderr)
        return ExitCode.OUTPUT
    if isinstance(exc, MemoryError):
        print(say("cli.out-of-memory"), file=sys.stderr)
        return ExitCode.OUTPUT
    if os.environ.get("REPORTGEN_TRACEBACK"):
        raise exc
    print(say("cli.internal-error")
          + f"{type(exc).__name__}: {visible(exc)}", file=sys.stderr)
    return ExitCode.INTERNAL


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reportgen",
        description=say("cli.description"),
    )
    parser.add_argument("--version", action="version", version=f"reportgen {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    render = sub.add_parser("render", help=say("cli.render"))
    render.add_argument("inputs", nargs="+", metavar="FILE_OR_DIR")
    render.add_argument("-o", "--output", default="output", metavar="DIR", help=say("cli.output-dir"))
    render.add_argument("-f", "--formats", default="pdf,docx,xlsx", metavar="LIST",
                        help="pdf,docx,xlsx,html (default: pdf,docx,xlsx)")
    render.add_argument("--landscape", action="store_true", default=None, help=say("cli.landscape"))
    render.add_argument("--portrait", dest="landscape", action="store_false", help=say("cli.portrait"))
    render.add_argument("--profile", choices=("form", "gbt9704"), help=say("cli.profile"))
    render.add_argument("--watermark", metavar="TEXT", help=say("cli.watermark"))
    _engine(render)
    _batch(render)
    _common(render, fonts=True)

    booklet = sub.add_parser("booklet", help=say("cli.booklet"))
    booklet.add_argument("inputs", nargs="+", metavar="INPUT", help=say("cli.booklet.inputs"))
    booklet.add_argument("-o", "--output", required=True, metavar="FILE", help="FILE.pdf | FILE.docx | FILE.xlsx")
    booklet.add_argument("--profile", choices=("form", "gbt9704"), help=say("cli.profile"))
    booklet.add_argument("--odd-pages", action="store_true", help=say("cli.booklet.odd-pages"))
    booklet.add_argument("--watermark", metavar="TEXT", help=say("cli.booklet.watermark"))
    booklet.add_argument("--root", metavar="DIR", help=say("cli.booklet.root"))
    booklet.add_argument("--pdf-variant", metavar="VARIANT", type=_variant, help=say("cli.booklet.pdf-variant"))
    _engine(booklet)
    _batch(booklet)
    _common(booklet, fonts=True)

    check = sub.add_parser("check", help=say("cli.check"))
    check.add_argument("inputs", nargs="+", metavar="FILE_OR_DIR")
    check.add_argument("--format", dest="output_format", choices=("text", "json"), default="text")
    check.add_argument("--strict", action="store_true",
                       help=say("cli.check.strict"))
    check.add_argument("--min-severity", choices=("error", "warning", "note"), default="note",
                       help=say("cli.check.min-severity"))
    check.add_argument("--report", metavar="FILE", help=say("cli.check.report"))
    _common(check, fonts=True)

    rules = sub.add_parser("rules", help=say("cli.rules"))
    rules.add_argument("--format", dest="output_format", choices=("text", "json"), default="text")
    rules.add_argument("--min-severity", choices=("error", "warning", "note"), default="note")
    _common(rules)

    imp = sub.add_parser("import", help=say("cli.import"))
    imp.add_argument("inputs", nargs="+", metavar="FILE")
    imp.add_argument("-o", "--output", default=".", metavar="DIR", help=say("cli.import.output"))
    imp.add_argument("--form", metavar="FORM", help=say("cli.import.form"))
    imp.add_argument("--force", action="store_true", help=say("cli.import.force"))
    imp.add_argument("--overwrite", action="store_true", help=say("cli.import.overwrite"))
    _common(imp)

    schema = sub.add_parser("schema", help=say("cli.schema"))
    schema.add_argument("form", metavar="FORM")
    _common(schema)

    new = sub.add_parser("new", help=say("cli.new"))
    new.add_argument("form", metavar="FORM")
    new.add_argument("-o", "--output", metavar="FILE", help=say("cli.new.output"))
    new.add_argument("--force", action="store_true", help=say("cli.new.force"))
    new.add_argument("--from-target", metavar="FILE", help=say("cli.new.from-target"))
    _common(new)

    forms = sub.add_parser("forms", help=say("cli.forms"))
    forms.add_argument("--check", metavar="DIR", help=say("cli.forms.check"))
    _common(forms)

    new_form = sub.add_parser("new-form", help=say("cli.new-form"))
    new_form.add_argument("new_id", metavar="NEW_ID", help=say("cli.new-form.new-id"))
    origin = new_form.add_mutually_exclusive_group(required=True)
    origin.add_argument("--from", dest="source", metavar="FORM", help=say("cli.new-form.from"))
    origin.add_argument("--extends", dest="parent", metavar="FORM",
                        help=say("cli.new-form.extends"))
    new_form.add_argument("-o", "--output", default="forms", metavar="DIR", help=say("cli.new-form.output"))
    _common(new_form)

    doctor = sub.add_parser("doctor", help=say("cli.doctor"))
    _common(doctor, fonts=True)

    serve = sub.add_parser("serve", help=say("cli.serve"))
    serve.add_argument("folder", nargs="?", default=".", metavar="DIR", help=say("cli.serve.folder"))
    serve.add_argument("--port", type=_port, default=0, metavar="N", help=say("cli.serve.port"))
    serve.add_argument("--host", default="127.0.0.1", metavar="ADDR",
                       help=say("cli.serve.host"))
    serve.add_argument("--open", action="store_true", help=say("cli.serve.open"))
    _common(serve, fonts=True)
    return parser


def _port(text: str) -> int:
    if not text.isdigit() or not 0 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(say("cli.not-a-port", text=text))
    return int(text)


def _batch(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-j", "--jobs", type=_jobs, default=0, metavar="N", help=say("cli.jobs"))
    parser.add_argument("--executor", metavar="dask://HOST:PORT",
                        help=say("cli.executor"))
    parser.add_argument("--date", type=_day, metavar="YYYY-MM-DD",
                        help=say("cli.date"))


def _engine(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--engine", choices=ENGINES, metavar="ENGINE",
                        help=say("cli.engine"))


def _day(text: str):
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(say("cli.not-a-date", text=text)) from None


def _jobs(text: str) -> int:
    if not text.isdigit() or not 0 <= int(text) <= 1024:
        raise argparse.ArgumentTypeError(say("cli.not-jobs", text=text))
    return int(text)


def _variant(text: str) -> str:
    if text.lower() not in PDF_VARIANTS:
        raise argparse.ArgumentTypeError(say("cli.not-a-variant", text=text, known=PDF_VARIANTS))
    return text.lower()


def _common(parser: argparse.ArgumentParser, fonts: bool = False) -> None:
    parser.add_argument("--lang", choices=LANGUAGES, default="zh", help=say("cli.lang"))
    parser.add_argument("--forms", action="append", metavar="DIR",
                        help=say("cli.forms-folder"))
    if fonts:
        parser.add_argument("--font-body", metavar="FAMILY", help=say("cli.font-body"))
        parser.add_argument("--font-title", metavar="FAMILY", help=say("cli.font-title"))
