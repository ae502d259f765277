"""The workbench's operations on its folder, apart from HTTP: list, open, check, save, create.

Saving never overwrites a file silently: a save names the version (content fingerprint) the
editor opened, and a file changed on disk since then is refused (409) unless the user asks to
overwrite it. 暂存 writes the draft as it is; 保存 writes only a form without errors.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import OutsideFolder, PrefillError, Refused
from ..forms import FORMS, form_type
from ..forms.definition import starter_for
from ..forms.prefill import fills as fills_from
from ..forms.prefill import prefill
from ..forms.summary import figures_of
from ..messages import msg
from ..options import RenderOptions
from ..source import read_source
from . import data as editing
from .folder import Folder, file_name, version
from .review import Review, review

SAVING = threading.Lock()  # a version check and the write after it, one save at a time




@dataclass
class Saved:
    file: str
    version: str
    review: Review


@dataclass
class Workbench:
    folder: Folder
    options: RenderOptions = field(default_factory=RenderOptions)

    def fields(self, form_id: str) -> dict:
        kind = form_type(str(form_id))
        if kind is None:
            raise Refused(msg("serve.unknown-form", form_id=form_id))
        return kind.definition.schema.get("fields", {})

    def path(self, relative: str, must_exist: bool = True) -> Path:
        return self.folder.file(relative, must_exist)  # OutsideFolder: 404 or 403

    def text_of(self, form_id: str, relative: str, raw: object, original: str = "") -> str:
        """Return the file text of the editor's values ``raw`` for a ``form_id`` filing at ``relative``."""
        fields = self.fields(form_id)
        data = editing.typed(raw, fields)
        if original:
            data = editing.like_file(data, read_source(Path(relative), original.encode("utf-8")).data, fields)
        return editing.to_text(data, form_id, Path(relative).suffix, original)

    def check(self, form_id: str, relative: str, raw: object) -> Review:
        text = self.text_of(form_id, relative, raw)
        return review(self.path(relative, must_exist=False), text.encode("utf-8"), self.options)

    def check_file(self, path: Path) -> Review:
        return review(path, self.folder.read(path), self.options)

    def save(self, form_id: str, relative: str, raw: object, opened: str, final: bool, force: bool) -> Saved:
        """Write the editor's values over ``relative`` if it is still the version ``opened``."""
        with SAVING:
            return self._save(form_id, relative, raw, opened, final, force)

    def _save(self, form_id: str, relative: str, raw: object, opened: str, final: bool, force: bool) -> Saved:
        path = self.path(relative, must_exist=False)
        current = self.folder.read(path) if path.is_file() else b""
        if version(current) != opened and not force:
            raise Refused(msg("serve.changed-on-disk"), 409, conflict=True)
        text = self.text_of(form_id, relative, raw, current.decode("utf-8", "replace"))
        checked = review(path, text.encode("utf-8"), self.options)
        if final and checked.counts["error"]:
            raise Refused(msg("serve.not-saved", error=checked.counts['error']), 422, review=checked.as_json())
        self.folder.write(path, text)
        return Saved(relative, version(text.encode("utf-8")), checked)

    def copy_name(self, relative: str) -> str:
        """Return a free name beside ``relative`` for a copy (``x-副本2.yaml``)."""
        stem, suffix = Path(relative).with_suffix(""), Path(relative).suffix
        for n in range(1, 1000):
            candidate = f"{stem.as_posix()}-副本{n if n > 1 else ''}{suffix}"  # form words
            if not self.path(candidate, must_exist=False).exists():
                return candidate
        raise Refused(msg("serve.too-many-copies"))

    def create(self, form_id: str, name: str, target: str | None = None) -> str:
        """Write a new filing from ``form_id``'s starter, or filled from the target filing ``target``."""
        self.fields(form_id)
        try:
            relative = file_name(name)
        except OutsideFolder as exc:
            raise Refused(exc.message) from None
        path = self.path(relative, must_exist=False)
        text = self._filled(form_id, target) if target else self._starter(form_id)
        with SAVING:
            if path.exists():
                raise Refused(msg("serve.file-exists", relative=relative), 409)
            self.folder.write(path, text)
        return relative

    def _starter(self, form_id: str) -> str:
        starter = FORMS[form_id].definition.files.get("starter.yaml")
        if starter is None:
            raise Refused(msg("serve.no-starter", form_id=form_id))
        return starter_for(starter.read_text(encoding="utf-8"), form_id)

    def _filled(self, form_id: str, target: str) -> str:
        path = self.path(target)
        checked = review(path, self.folder.read(path), self.options)
        if checked.form is None:
            raise Refused(msg("serve.source-has-errors", target=target), 422)
        try:
            data = prefill(FORMS[form_id].definition, checked.form)
        except PrefillError as exc:
            raise Refused(msg("serve.cannot-fill", target=target, form_id=form_id, exc=exc), 422) from None
        data.pop("form", None)
        head = f"# {FORMS[form_id].title} — 由 {Path(target).name} 生成 (filled from {checked.form.definition.title})\n"  # form words
        return head + editing.to_text(editing.english(data, self.fields(form_id)), form_id, ".yaml")

    def opened(self, relative: str) -> dict:
        """Return what the editor shows of ``relative``: its form, data, version and review."""
        path = self.path(relative)
        raw = self.folder.read(path)
        source = read_source(path, raw)
        data = source.data if isinstance(source.data, dict) else {}
        form_id = str(data.get("form", ""))
        if form_type(form_id) is None:
            raise Refused(msg("serve.unknown-file", relative=relative), 422,
                          review=review(path, raw, self.options).as_json())
        return {"form": form_id, "data": editing.english(data, self.fields(form_id)), "version": version(raw),
                "review": review(path, raw, self.options)}

    def listing(self) -> list[dict]:
        """Return one line per filing of the folder: form, project, year, amounts, grade, findings."""
        return [self._line(path) for path in self.folder.filings()]

    def _line(self, path: Path) -> dict:
        checked = review(path, self.folder.read(path), self.options)
        line = {"file": self.folder.relative(path), "counts": checked.counts, "form": "", "title": "", "name": "",
                "year": "", "amount": None, "executed": None, "grade": "", "fills": False}
        form = checked.form
        if form is not None:
            summary = form.summary()
            figures = figures_of(summary, form.calc.get("grade"))
            fills = any(fills_from(FORMS[fid].definition, form.definition) for fid in FORMS)  # can start another form
            line.update(form=form.form, title=form_type(form.form).title, name=summary.name, fills=fills,
                        year=getattr(form, "year", "") or "", amount=figures.amount, executed=figures.executed,
                        grade=figures.grade)
        return line

    def forms(self) -> list[dict]:
        """Return every form type a new filing can start from, and whether it fills from a target."""
        return [{"id": fid, "title": FORMS[fid].title, "prefill": bool(FORMS[fid].definition.profile.get("prefill"))}
                for fid in FORMS]
