"""``reportgen new-form NEW_ID --from FORM | --extends FORM``: a new form's definition folder.

``--from`` copies the source folder's own files with the new id; what the source inherits
(a variant's ``extends``) stays inherited. ``--extends`` writes a variant's stub instead: a
``form.yaml`` naming its parent and a ``layout.html.j2`` that extends the parent's layout,
listing the blocks it may override; everything else is inherited. ``--forms DIR`` then makes
the new form known.
"""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from ..errors import ExitCode, UsageError
from ..forms import FORMS
from ..forms.definition import DATA_FILES, OTHER_FILES, starter_for
from ..messages import msg, say
from ..output import write_atomic
from .common import form_id

ID = re.compile(r"[a-z0-9][a-z0-9-]{0,62}")


def run(args) -> int:
    source = FORMS[form_id(args, args.source or args.parent)].definition
    if not ID.fullmatch(args.new_id):
        raise UsageError(msg("commands.new-form.bad-id", new_id=args.new_id))
    target = Path(args.output) / args.new_id
    if target.exists():
        print(say("commands.new-form.exists", target=target), file=sys.stderr)
        return ExitCode.FAILED
    if args.parent:
        copies = _stub(source, args.new_id)
    else:  # every file read (inside its folder) before one is written
        copies = {name: _renamed(name, source.text(source.folder / name), args.new_id)
                  for name in DATA_FILES + OTHER_FILES if os.path.lexists(source.folder / name)}
    for name, text in copies.items():
        write_atomic(target / name, text)
    print(say("commands.new-form.wrote", target=target, output=args.output))
    return ExitCode.OK


def _stub(parent, new: str) -> dict[str, str]:
    """Return a variant's files: form.yaml naming the parent, a layout extending the parent's."""
    layout = parent.text(parent.files["layout.html.j2"])  # read inside its folder, as every definition file
    blocks = [b for b in dict.fromkeys(re.findall(r"\{%-?\s*block\s+(\w+)", layout)) if b not in ("title", "body")]
    form = (f"# A variant of {parent.id}: only what differs from it is written here; the rest is inherited.\n"
            f"id: {new}\nextends: {parent.id}\ntitle: {parent.title}\n")
    example = blocks[0] if blocks else "body"
    listed = ", ".join(blocks) or "body"
    layout = (f"{{#- {new}: {parent.id}'s layout, with the blocks that differ overridden.\n"
              f"    Blocks of {parent.id}: {listed}. Override one by writing it here, e.g.\n"
              f"    {{% block {example} %}} … {{% endblock %}}; {{{{ super() }}}} prints the parent's. -#}}\n"
              f'{{% extends "{parent.id}/layout.html.j2" %}}\n')
    return {"form.yaml": form, "layout.html.j2": layout}


def _renamed(name: str, text: str, new: str) -> str:
    """Return a copied file with the form id changed where it names the form."""
    if name == "form.yaml":
        text, count = re.subn(r"(?m)^id:\s*\S+", f"id: {new}", text)
        return text if count else f"id: {new}\n{text}"
    if name == "starter.yaml":
        return starter_for(text, new)
    return text
