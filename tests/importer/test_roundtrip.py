"""Render → edit as a colleague would → import: the YAML is the original with exactly those edits."""
from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.dump import to_yaml
from reportgen.importer import import_file
from reportgen.inputs import collect
from reportgen.load import load
from reportgen.options import RenderOptions
from reportgen.pipeline import render
from tests.conftest import SAMPLES, requires_office
from tests.render.office import soffice

from .apply import edit_docx, edit_xlsx
from .plan import expected_yaml, plan

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("roundtrip")]  # every sample rendered, edited and imported

SAMPLE_FILES = sorted(SAMPLES.glob("*/*.yaml"))
IDS = [f"{p.parent.name}/{p.stem}" for p in SAMPLE_FILES]


REPRESENTATIVE = [next(p for p in SAMPLE_FILES if p.parent.name == form)
                  for form in sorted({p.parent.name for p in SAMPLE_FILES})]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, rendered_2026) -> dict[Path, dict[str, Path]]:
    """Every sample in DOCX and XLSX, one of each form in PDF too (a PDF is not edited in place).

    The 2026 samples come from the session's render of them; the other forms are rendered here.
    """
    out = tmp_path_factory.mktemp("roundtrip")
    result = {SAMPLES / "target-2026" / f"{stem}.yaml": paths for stem, paths in rendered_2026.items()}
    items, _ = collect([str(SAMPLES)])
    for item in items:
        if item.path in result:
            continue
        formats = ["pdf", "docx", "xlsx"] if item.path in REPRESENTATIVE else ["docx", "xlsx"]
        outcome = render(item, out, formats, RenderOptions())
        assert not outcome.failed, [p.format() for p in outcome.problems] + [outcome.error]
        result[item.path] = {p.suffix[1:]: p for p in outcome.written}
    return result


def only(path: Path):
    forms = import_file(path)
    assert len(forms) == 1
    imported = forms[0]
    assert not imported.failed, [p.format() for p in imported.problems]
    return imported


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=IDS)
def test_an_untouched_file_of_each_format_imports_as_its_source(rendered, sample):
    original = to_yaml(load(sample))
    for fmt, path in rendered[sample].items():
        if fmt == "html":
            continue
        imported = only(path)
        assert imported.yaml == original, fmt
        assert imported.changes == [], fmt


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=IDS)
def test_edits_come_back_exactly(rendered, sample, fmt, tmp_path):
    edits = plan(load(sample))
    edited = tmp_path / f"edited.{fmt}"
    (edit_xlsx if fmt == "xlsx" else edit_docx)(rendered[sample][fmt], edited, edits)
    imported = only(edited)
    assert imported.yaml == expected_yaml(edits)
    paths = {c.path for c in imported.changes}
    assert load(sample).definition.profile["summary"]["name"] in paths and any(".items[" in p and c.old is None for p, c in
                                           ((c.path, c) for c in imported.changes))


def libreoffice_resave(files: list[Path], fmt: str, out: Path) -> list[Path]:
    """Open and save ``files`` again with LibreOffice headless, in one call (about 2 s each call)."""
    out.mkdir()
    soffice("--convert-to", fmt, "--outdir", str(out), *map(str, files))
    return [out / f.name for f in files]


@requires_office
@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_edited_files_saved_again_by_libreoffice_come_back_exactly(rendered, fmt, tmp_path):
    plans, edited = [], []
    (tmp_path / "edited").mkdir()
    for sample in REPRESENTATIVE:
        edits = plan(load(sample))
        target = tmp_path / "edited" / f"{sample.parent.name}.{fmt}"
        (edit_xlsx if fmt == "xlsx" else edit_docx)(rendered[sample][fmt], target, edits)
        plans.append(edits)
        edited.append(target)
    for resaved, edits in zip(libreoffice_resave(edited, fmt, tmp_path / "lo"), plans):
        assert only(resaved).yaml == expected_yaml(edits), resaved.name
