"""Where form definitions come from: the built-in folder and the user's ``--forms`` folders.

User folders come first, so a folder of the same id overrides the built-in form; ``extends``
names any form found further down the search path (a user's ``selfeval-2020`` may extend the
built-in ``selfeval-2020``). The folders are named by ``REPORTGEN_FORMS`` (``os.pathsep``
separated), which ``--forms`` extends, so worker processes see the same forms.
"""
from __future__ import annotations

import os
from pathlib import Path

from ..errors import DefinitionError, FileRefused
from ..files import inside
from ..messages import msg
from ..resources import templates_dir
from .definition import DATA_FILES, OTHER_FILES, Definition, merge, read_data
from .lint import lint
from .stages import with_legacy_kind

ENV = "REPORTGEN_FORMS"
BUILT_IN = "built-in"


def add_user_folders(folders: list[str]) -> None:
    """Put ``folders`` first in the search path of this process and its workers."""
    current = [p for p in os.environ.get(ENV, "").split(os.pathsep) if p]
    os.environ[ENV] = os.pathsep.join(dict.fromkeys([str(Path(f).resolve()) for f in folders] + current))


def search_path() -> list[tuple[Path, str]]:
    """Return the folders holding form folders, first wins, each with its origin."""
    user = [Path(p) for p in os.environ.get(ENV, "").split(os.pathsep) if p]
    for folder in user:
        if not folder.is_dir():
            raise DefinitionError(folder, 0, msg("forms.no-folder"))
    return [(folder, str(folder)) for folder in user] + [(templates_dir() / "forms", BUILT_IN)]


def discover() -> list[tuple[str, Path, str]]:
    """Return (form id, folder, origin) of every form folder on the search path, in search order."""
    found = []
    for root, origin in search_path():
        for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))):
            if os.path.lexists(folder / "form.yaml"):
                _confined(folder, root)
                found.append((_folder_id(folder), folder, origin))
    return found


def _confined(folder: Path, root: Path) -> None:
    """Refuse a form folder that is a symbolic link leading out of the folder that lists it."""
    try:
        inside(folder, root)
    except FileRefused as exc:
        raise DefinitionError(folder, 0, exc.message) from None


def _folder_id(folder: Path) -> str:
    """Return the form id of ``folder``: its name, which ``id:`` in form.yaml must repeat if given."""
    meta, source = read_data(folder / "form.yaml")
    if "id" in meta and str(meta["id"]) != folder.name:
        line = source.where(("id",))[0] if source else 1
        raise DefinitionError(folder / "form.yaml", line, msg("forms.id-not-folder", id=meta['id'], name=folder.name))
    return folder.name


def resolve(form_id: str, found: list[tuple[str, Path, str]], skip: tuple[Path, ...] = ()) -> Definition | None:
    """Return the merged definition of ``form_id``: the first folder of that id not in ``skip``."""
    for fid, folder, origin in found:
        if fid == form_id and folder not in skip:
            return _read(fid, folder, origin, found, skip + (folder,))
    return None


def _read(form_id: str, folder: Path, origin: str, found, chain: tuple[Path, ...]) -> Definition:
    own = {name: read_data(folder / name) for name in DATA_FILES}
    meta = own["form.yaml"][0]
    parent_id = meta.get("extends")
    parent = None
    if parent_id:
        parent = resolve(str(parent_id), found, chain)
        if parent is None:
            line = own["form.yaml"][1].where(("extends",))[0] if own["form.yaml"][1] else 1
            raise DefinitionError(folder / "form.yaml", line, msg("forms.unknown-parent", parent_id=parent_id))
    data = {name: merge(_parent_data(parent, name), own[name][0]) for name in DATA_FILES}
    meta = {key: value for key, value in data["form.yaml"].items() if key != "extends"}
    files = dict(parent.files) if parent else {}
    if parent is not None and "layout.html.j2" in parent.files:  # {% extends "<parent>/layout.html.j2" %}
        files[f"{parent.id}/layout.html.j2"] = parent.files["layout.html.j2"]
    files.update({name: folder / name for name in OTHER_FILES if os.path.lexists(folder / name)})
    definition = Definition(
        id=form_id, title=str(meta.get("title") or form_id),
        folder=folder, origin=origin, schema=data["schema.yaml"], profile=with_legacy_kind(meta, data["profile.yaml"]),
        meta=meta, files=files, parent=str(parent_id) if parent_id else None,
        lineage=(form_id, *(parent.lineage if parent else ())),
        sources={name: source for name, (_, source) in own.items() if source is not None},
    )
    lint(definition)
    return definition


def _parent_data(parent: Definition | None, name: str) -> dict:
    if parent is None:
        return {}
    return {"form.yaml": {**parent.meta, "id": parent.id}, "schema.yaml": parent.schema,
            "profile.yaml": parent.profile}[name]
