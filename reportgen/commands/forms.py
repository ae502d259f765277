"""``reportgen forms``: every form type, its title and where its definition comes from."""
from __future__ import annotations

from ..cli import say
from ..forms import FORMS
from ..terminal import visible


def run(args) -> int:
    rows = []
    for form_id in FORMS:
        definition = FORMS[form_id].definition
        origin = say(args, "内置", "built-in") if definition.origin == "built-in" else str(definition.folder)
        extends = f" ← {definition.parent}" if definition.parent else ""
        rows.append((form_id, definition.kind, definition.title, origin + extends))
    width = max(len(r[0]) for r in rows)
    for form_id, kind, title, origin in rows:
        # A definition comes from anyone: its escapes are shown, never obeyed (terminal.py).
        print(visible(f"{form_id:<{width}}  {kind:<8}  {title}  [{origin}]"))
    return 0
