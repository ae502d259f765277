"""Text: required texts present; no markup or extraction debris left in the data."""
from __future__ import annotations

import re

from ..forms import paths
from ..forms.text import strings
from .base import Context, Finding, rule

# <p>, </p>, <br/>, <span …>; LaTeX such as $\geq 90\%$; the replacement character of bad decoding.
DEBRIS = re.compile(
    r"</?\s*(p|br|span|div|strong|b|i|font)\b[^>]*>"  # HTML from the budget system
    r"|\$[^$]*\\[a-zA-Z]+[^$]*\$|\\(geq|leq|times)\b"  # LaTeX from PDF extraction
    r"|\ufffd",  # a character lost in decoding
    re.IGNORECASE,
)


@rule("no_debris", codes={"RG802": "error"}, always=True)
def no_debris(ctx: Context):
    data = ctx.form.model_dump(mode="python", exclude={"settings", "notes"})
    for path, text in strings(data):
        match = DEBRIS.search(text)
        if match:
            yield Finding("RG802", path, {"debris": match.group(0)[:30]})


@rule("required_texts", codes={"RG803": "error"}, always=True)
def required_texts(ctx: Context):
    """The profile's ``required_texts``: paragraphs the reviewer needs."""
    for path in ctx.profile.get("required_texts") or ():
        value = ctx.figure(path)
        if not any(paragraph.strip() for paragraph in value or ()):
            yield Finding("RG803", paths.parse(path), {"field": path}, at_key=True)

