"""``reportgen forms``: every form type, its title and where its definition comes from."""
from __future__ import annotations

import os
import sys

from ..cli import say
from ..forms import FORMS


def run(args) -> int:
    rows = []
    for form_id in FORMS:
        definition = FORMS[form_id].definition
        origin = say(args, "内置", "built-in") if definition.origin == "built-in" else str(definition.folder)
        extends = f" ← {definition.parent}" if definition.parent else ""
        rows.append((form_id, definition.kind, definition.title, origin + extends))
    width = max(len(r[0]) for r in rows)
    try:
        for form_id, kind, title, origin in rows:
            print(f"{form_id:<{width}}  {kind:<8}  {title}  [{origin}]", flush=True)
    except BrokenPipeError:  # `reportgen forms | head`: the reader has all it wants
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # so the exit's flush does not fail again
    return 0
