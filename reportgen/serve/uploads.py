"""Uploads of edited XLSX, DOCX or PDF: read back like ``reportgen import``, shown as a diff to accept.

The upload is read from a temporary folder outside the served folder (its name is used for
nothing but matching a filing of the same stem). Each form read back is compared field by
field with the filing it updates; the user accepts or rejects each changed value. Rows added or
deleted are accepted or rejected together, since the other changes' row numbers depend on them.
"""
from __future__ import annotations

import secrets
import tempfile
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..errors import ImportFailure, Refused
from ..forms.access import get, label, put
from ..importer import Imported, import_file
from ..importer.diff import Change, changes
from ..load import load_data
from ..messages import Text, msg
from ..source import read_source
from ..source.parse import read_yaml
from . import data as editing
from .folder import file_name, version
from .review import finding
from .workbench import SAVING, Workbench

MAX_UPLOAD = 20 * 1024 * 1024  # bytes: a booklet of a few hundred forms as DOCX
KEPT = 16                      # uploads waiting for a decision


@dataclass
class Pending:
    """One form read back from an upload, the filing it would update and the changes against it."""

    imported: Imported
    target: str
    opened: str                # the target's version when the diff was made ("" for a new file)
    changes: list[Change] = field(default_factory=list)
    before: dict = field(default_factory=dict)  # the target's data, where rejected changes come from
    original: str = ""                          # the target's text: its key order and comments are kept

    @property
    def structural(self) -> bool:
        return any(c.old is None or c.new is None for c in self.changes)


class Uploads:
    def __init__(self, bench: Workbench):
        self.bench = bench
        self.pending: OrderedDict[str, list[Pending]] = OrderedDict()

    def add(self, name: str, content: bytes) -> tuple[str, list[Pending]]:
        """Read ``content`` (the file ``name``) back; return its id and its forms with their diffs."""
        suffix = PurePosixPath(name.replace("\\", "/")).suffix.lower()
        with tempfile.TemporaryDirectory(prefix="rg-upload-") as folder:
            path = Path(folder) / ("upload" + (suffix if suffix in (".xlsx", ".docx", ".pdf") else ".bin"))
            path.write_bytes(content)
            try:
                forms = import_file(path)
            except ImportFailure as exc:
                raise Refused(exc.message, 422) from None
        stem = PurePosixPath(name.replace("\\", "/")).stem
        lines = self.bench.listing()
        taken: set[str] = set()
        items = [self._pending(form, self._target(form, stem, len(forms) > 1, lines, taken)) for form in forms]
        key = secrets.token_urlsafe(12)
        self.pending[key] = items
        while len(self.pending) > KEPT:
            self.pending.popitem(last=False)
        return key, items

    def _pending(self, imported: Imported, target: str) -> Pending:
        item = Pending(imported, target, "")
        path = self.bench.path(target, must_exist=False)
        if imported.model is None:
            return item
        before = None
        if path.is_file():
            raw = self.bench.folder.read(path)
            item.opened, item.original = version(raw), raw.decode("utf-8", "replace")
            before, _ = load_data(read_source(path, raw))
        if before is not None and before.form == imported.model.form:
            item.changes, item.before = changes(before, imported.model), _plain(before)
        else:
            item.changes = imported.changes
        return item

    def _target(self, imported: Imported, stem: str, several: bool, lines: list[dict], taken: set[str]) -> str:
        """Return the filing a form read back updates: of the same form, named like the upload (one
        form) or holding the same project (a booklet's forms); else a new file beside them."""
        for line in lines:
            same = line["name"] == imported.name if several else PurePosixPath(line["file"]).stem == stem
            if same and line["form"] == imported.form_id and line["file"] not in taken:
                taken.add(line["file"])
                return line["file"]
        wanted = f"{stem}-{imported.name}" if several else stem
        for n in range(1, 1000):
            candidate = file_name((wanted or "imported") + (f"-{n}" if n > 1 else ""))
            if candidate not in taken and not self.bench.path(candidate, must_exist=False).exists():
                taken.add(candidate)
                return candidate
        raise Refused(msg("serve.no-free-name"))

    def accept(self, key: str, index: int, accepted: set[int]) -> tuple[str, str]:
        """Write the filing with the accepted changes of form ``index`` of upload ``key``; return it and its version."""
        items = self.pending.get(key)
        if items is None or not 0 <= index < len(items):
            raise Refused(msg("serve.upload-expired"), 410)
        item = items[index]
        if item.imported.failed:
            raise Refused(msg("serve.upload-has-errors"), 422)
        text = self._merged(item, accepted)
        path = self.bench.path(item.target, must_exist=False)
        with SAVING:
            current = self.bench.folder.read(path) if path.is_file() else b""
            if (version(current) if current else "") != item.opened:
                raise Refused(msg("serve.changed-since-upload"), 409)
            self.bench.folder.write(path, text)
        return item.target, version(text.encode("utf-8"))

    def _merged(self, item: Pending, accepted: set[int]) -> str:
        data = _plain(item.imported.model)
        if not item.before and len(accepted) < len(item.changes):
            raise Refused(msg("serve.accept-all-new"))
        if item.structural and len(accepted) < len(item.changes):
            if accepted:
                raise Refused(msg("serve.accept-all-rows"))
            data = item.before
        for number, change in enumerate(item.changes):
            if number not in accepted and not item.structural:
                put(data, change.path, get(item.before, change.path))
        form_id = item.imported.model.form
        if item.original:
            fields = self.bench.fields(form_id)
            data = editing.like_file(data, read_source(Path(item.target), item.original.encode("utf-8")).data, fields)
        text = editing.to_text(data, form_id, ".yaml", item.original)
        form, problems = load_data(read_yaml(text))
        if form is None:
            raise Refused(msg("serve.merged-unreadable", problems=[Text(p.code, p.params) for p in problems[:3]]),
                          422)
        return text


def described(item: Pending) -> dict:
    """Return what the page shows of one form read back: its target, changes and problems."""
    model = type(item.imported.model) if item.imported.model is not None else None
    return {"form": item.imported.form_id, "name": item.imported.name, "target": item.target,
            "failed": item.imported.failed, "structural": item.structural, "new": not item.opened,
            "problems": [finding(p) for p in item.imported.problems],
            "changes": [{"path": c.path, "label": label(model, c.path) if model else "", "old": c.old, "new": c.new}
                        for c in item.changes]}


def _plain(model) -> dict:
    data = model.model_dump(mode="python", round_trip=True)
    data.pop("form", None)
    return data

