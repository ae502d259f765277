"""Text: required texts present; no markup or extraction debris left in the data."""
from __future__ import annotations

import re

from ..forms.text import strings
from ..source import paths
from ..source.paths import dotted
from .base import Context, Finding, rule

# <p>, </p>, <br/>, <span …>; LaTeX such as $\geq 90\%$; the replacement character of bad decoding.
# Linear in the text: no part can scan past the next "<" or "$", so no start is tried twice over.
DEBRIS = re.compile(
    r"</?\s*(p|br|span|div|strong|b|i|font)\b[^<>]*>"  # HTML from the budget system
    r"|\$(?=[^$]*\$)[^$]*?\\[a-zA-Z][^$]*\$|\\(geq|leq|times)\b"  # LaTeX from PDF extraction
    r"|\ufffd",  # a character lost in decoding
    re.IGNORECASE,
)


@rule("no_debris", codes=("RG802",), always=True)
def no_debris(ctx: Context):
    data = ctx.form.model_dump(mode="python", exclude={"settings", "notes"})
    for path, text in strings(data):
        match = DEBRIS.search(text)
        if match:
            yield Finding("RG802", path, {"debris": match.group(0)[:30]})


@rule("required_texts", codes=("RG803",), always=True)
def required_texts(ctx: Context):
    """The profile's ``required_texts``: paragraphs the reviewer needs."""
    for path in ctx.profile.get("required_texts") or ():
        value = ctx.figure(path)
        if not any(paragraph.strip() for paragraph in value or ()):
            yield Finding("RG803", paths.parse(path), {"field": path}, at_key=True)



@rule("required_when", codes=("RG811",))
def required_when(ctx: Context):
    """Texts required once any indicator row's ``field`` takes one of ``values`` (有可能 / 不可能)."""
    field, values = ctx.params["field"], ctx.params["values"]
    rows = [(path, item) for path, _, _, item in ctx.tree_rows() if getattr(item, field) in values]
    if not rows:
        return
    path, item = rows[0]
    for text in ctx.params["texts"]:
        if not any(paragraph.strip() for paragraph in ctx.figure(text) or ()):
            yield Finding("RG811", paths.parse(text), {"field": text, "value": getattr(item, field),
                                                       "row": dotted(path), "count": len(rows)}, at_key=True)
