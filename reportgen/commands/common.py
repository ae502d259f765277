"""What several commands share: options from arguments, printing problems, environment warnings."""
from __future__ import annotations

import os
import sys

from ..errors import UsageError
from ..fonts import FontConfig
from ..forms import FORMS
from ..messages import msg, say
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
            raise UsageError(msg("commands.control-character", option=option, value=visible(value)))
    document_date(getattr(args, "date", None))  # a bad SOURCE_DATE_EPOCH is a usage error, before any work
    fonts = FontConfig().with_overrides(getattr(args, "font_body", None), getattr(args, "font_title", None))
    return RenderOptions(fonts=fonts, landscape=getattr(args, "landscape", None), date=getattr(args, "date", None),
                         profile=getattr(args, "profile", None) or "form", watermark=getattr(args, "watermark", None),
                         engine=engine_from(args))


def engine_from(args) -> str:
    """Return the PDF engine: --engine, else REPORTGEN_ENGINE, else WeasyPrint; Typst only when installed."""
    engine = getattr(args, "engine", None) or os.environ.get("REPORTGEN_ENGINE", "").strip().lower() or ENGINES[0]
    if engine not in ENGINES:
        raise UsageError(msg("commands.engine-unknown", engines=ENGINES, engine=visible(engine)))
    if engine == "typst" and version() is None:
        raise UsageError(msg("commands.typst-missing"))
    return engine


def report_inputs(found, args) -> None:
    """Print, on stderr, what the arguments reached but will not be used, and why."""
    for argument in found.missing:
        print(say("commands.no-such-input", argument=visible(argument)), file=sys.stderr)
    for path, reason in found.skipped:
        print(say("commands.skipped", path=visible(path), reason=reason), file=sys.stderr)
    for path, first in found.repeated:
        print(say("commands.same-file", path=visible(path), first=visible(first)), file=sys.stderr)


def print_problems(problems: list[Problem], args) -> None:
    for problem in in_file_order(problems):
        print(problem.format(args.lang), file=sys.stderr)


def warn_slow_subsetter(args) -> None:

    if not fast_subsetter_available():
        print(say("commands.slow-subsetter"),
              file=sys.stderr)


def form_id(args, name: str | None = None) -> str:
    """Return the form type the user named, or raise UsageError listing the known ones."""
    name = args.form if name is None else name
    if name not in FORMS:
        known = ", ".join(FORMS)
        raise UsageError(msg("commands.unknown-form", name=name, known=known))
    return name
