"""Text: required texts present; no markup or extraction debris left in the data."""
from __future__ import annotations

import re

from ..forms.text import strings
from .base import Finding, rule

# <p>, </p>, <br/>, <span …>; LaTeX such as $\geq 90\%$; the replacement character of bad decoding.
# Linear in the text: no part can scan past the next "<" or "$", so no start is tried twice over.
DEBRIS = re.compile(
    r"</?\s*(p|br|span|div|strong|b|i|font)\b[^<>]*>"  # HTML from the budget system
    r"|\$(?=[^$]*\$)[^$]*?\\[a-zA-Z][^$]*\$|\\(geq|leq|times)\b"  # LaTeX from PDF extraction
    r"|\ufffd",  # a character lost in decoding
    re.IGNORECASE,
)
REQUIRED_TEXTS = {
    "target-2026": (("goals", "annual"),),
    "selfeval-2020": (("goals", "target"), ("goals", "actual")),
    "selfeval-2019": (("goal",),),
    "target-2020": (("texts", "goals"),),
}


@rule(codes={"RG802": "error"})
def no_debris(form):
    data = form.model_dump(mode="python", exclude={"settings", "notes"})
    for path, text in strings(data):
        match = DEBRIS.search(text)
        if match:
            yield Finding("RG802", path, {"debris": match.group(0)[:30]})


@rule(codes={"RG803": "error"})
def required_texts(form):
    for path in REQUIRED_TEXTS.get(form.form, ()):
        value = form
        for key in path:
            value = getattr(value, key)
        if not any(paragraph.strip() for paragraph in value):
            yield Finding("RG803", path, {"field": ".".join(path)}, at_key=True)

