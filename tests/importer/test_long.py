"""Round trip of a long-text corpus form (tests/corpus.py): the rows the writers cut come back whole.

The XLSX cuts a row of long text to stay within Excel's row height, the DOCX follows the page
plan with one table per page part, a cut row going on in the next with its labels printed
again. Both must import as their source, and a colleague's edits must come back exactly.
"""
from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document
from openpyxl import load_workbook

from reportgen.dump import to_yaml
from reportgen.forms.access import put
from reportgen.importer import import_file
from reportgen.inputs import collect
from reportgen.layout import layout_of
from reportgen.load import load
from reportgen.options import RenderOptions
from reportgen.pipeline import render
from reportgen.render import embed
from tests.conftest import SAMPLES, requires_office
from tests.corpus import write_corpus

from .apply import _text, edit_docx, edit_xlsx
from .edit import set_tc_text
from .plan import Plan, expected_yaml, plan
from .test_roundtrip import libreoffice_resave

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("long")]  # a long form rendered in every format

SAMPLE = SAMPLES / "target-2026" / "12-tech-transfer-policy-services.yaml"


@pytest.fixture(scope="module")
def long_form(tmp_path_factory):
    """The corpus version of SAMPLE, in XLSX and DOCX: (input, format → path)."""
    root = tmp_path_factory.mktemp("long")
    [path] = write_corpus(root / "in", [SAMPLE])
    [item] = collect([str(path)])[0]
    outcome = render(item, root / "out", ["xlsx", "docx"], RenderOptions())
    assert not outcome.failed, [p.format() for p in outcome.problems] + [outcome.error]
    return path, {p.suffix[1:]: p for p in outcome.written}


def test_the_writers_cut_rows_of_the_long_form(long_form):
    """The form is one whose rows are cut, in both formats: else the round trips below prove little."""
    path, files = long_form
    sheet = load_workbook(files["xlsx"]).worksheets[0]
    texts = {str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None}
    paragraphs = "\n".join(load(path).goals.annual)
    assert paragraphs not in texts and any(t and paragraphs.startswith(t) for t in texts)
    [entry] = embed.from_package(zipfile.ZipFile(io.BytesIO(files["docx"].read_bytes())))["forms"]
    assert len(entry["continued"]) >= 2 and len(set(entry["parts"])) < entry["tables"]


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_an_untouched_long_form_imports_as_its_source(long_form, fmt):
    path, files = long_form
    [imported] = import_file(files[fmt])
    assert not imported.problems, [p.format() for p in imported.problems]
    assert imported.yaml == to_yaml(load(path)) and not imported.changes


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_edits_of_a_long_form_come_back_exactly(long_form, fmt, tmp_path):
    """Texts are rewritten (one the writer cut over rows), rows added and deleted: exactly that comes back."""
    path, files = long_form
    edits = _edits(load(path))
    edited = tmp_path / f"edited.{fmt}"
    (edit_xlsx if fmt == "xlsx" else edit_docx)(files[fmt], edited, edits)
    [imported] = import_file(edited)
    assert not imported.failed, [p.format() for p in imported.problems]
    assert imported.yaml == expected_yaml(edits)
    assert {"goals.overall", "goals.annual"} <= {c.path for c in imported.changes}


@requires_office
@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_an_edited_long_form_saved_again_by_libreoffice_comes_back_exactly(long_form, fmt, tmp_path):
    path, files = long_form
    edits = _edits(load(path))
    (tmp_path / "edited").mkdir()
    edited = tmp_path / "edited" / f"long.{fmt}"
    (edit_xlsx if fmt == "xlsx" else edit_docx)(files[fmt], edited, edits)
    [resaved] = libreoffice_resave([edited], fmt, tmp_path / "lo")
    [imported] = import_file(resaved)
    assert not imported.failed, [p.format() for p in imported.problems]
    assert imported.yaml == expected_yaml(edits)


def _edits(form) -> Plan:
    """The round trip's plan of edits, and the rewrite of goals.annual, a text the writers cut."""
    edits = plan(form)
    annual = next(c for t in layout_of(form).tables for c in t.cells if c.binding == "goals.annual")
    edits.texts.append((annual.plain, "改写的年度目标。\n第二段。"))
    put(edits.expected, "goals.annual", ["改写的年度目标。", "第二段。"])
    return edits


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_an_edit_in_the_last_piece_of_a_cut_text_comes_back_exactly(long_form, fmt, tmp_path):
    """Text added to the part a cut row goes on with: the paragraph the writer cut is whole again."""
    path, files = long_form
    form = load(path)
    last = form.goals.annual[-1]
    edited = tmp_path / f"edited.{fmt}"
    if fmt == "xlsx":
        book = load_workbook(files["xlsx"])
        cell = next(c for row in book.worksheets[0].iter_rows() for c in row
                    if isinstance(c.value, str) and last.endswith(c.value) and c.value != last)
        cell.value += "（补）"
        book.save(edited)
    else:
        document = Document(files["docx"])
        tc = next(tc for table in document.tables for tr in table._tbl.tr_lst for tc in tr.tc_lst
                  if (text := _text(tc)) and last.endswith(text) and text != last)
        set_tc_text(tc, _text(tc) + "（补）")
        document.save(edited)
    [imported] = import_file(edited)
    assert not imported.failed, [p.format() for p in imported.problems]
    [change] = imported.changes
    assert change.path == "goals.annual"
    assert list(imported.model.goals.annual) == [*form.goals.annual[:-1], last + "（补）"]
