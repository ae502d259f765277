"""What every file carries: its forms' canonical YAML, where Word, Excel and LibreOffice keep it."""
from __future__ import annotations

import re
import zipfile

from reportgen.cli import main
from reportgen.dump import to_yaml
from reportgen.layout import layout_of
from reportgen.load import load
from reportgen.render import embed
from tests.conftest import SAMPLES, written

SAMPLE = SAMPLES / "target-2020" / "01-incubator-base-operations.yaml"


def test_office_files_carry_the_yaml_as_custom_properties_within_words_limit(tmp_path):
    assert main(["render", str(SAMPLE), "-o", str(tmp_path), "-f", "docx,xlsx"]) == 0
    for suffix in (".docx", ".xlsx"):
        archive = zipfile.ZipFile(tmp_path / f"{SAMPLE.stem}{suffix}")
        custom = archive.read("docProps/custom.xml").decode("utf-8")
        pieces = re.findall(r"<vt:lpwstr>([^<]*)</vt:lpwstr>", custom)
        assert len(pieces) > 1 and all(len(p) <= 255 for p in pieces)
        assert "custom-properties" in archive.read("[Content_Types].xml").decode()
        [entry] = embed.from_package(archive)["forms"]
        assert entry["yaml"] == to_yaml(load(SAMPLE))


def test_a_pdf_carries_the_yaml_as_an_attachment(tmp_path):
    from pypdf import PdfReader

    assert main(["render", str(SAMPLE), "-o", str(tmp_path), "-f", "pdf"]) == 0
    pdf = tmp_path / f"{SAMPLE.stem}.pdf"
    assert list(PdfReader(pdf).attachments) == [embed.NAME]
    [entry] = embed.from_pdf(pdf.read_bytes())["forms"]
    assert entry["yaml"] == to_yaml(load(SAMPLE))


def test_a_fill_in_workbook_is_the_same_bytes_each_time(tmp_path):
    for name in ("a.xlsx", "b.xlsx"):
        assert main(["new", "selfeval-2019", "-o", str(tmp_path / name)]) == 0
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()


def test_pdf_a_2_carries_no_attachment_it_would_not_allow(tmp_path):
    from pypdf import PdfReader

    from reportgen.options import RenderOptions

    form = load(SAMPLE)
    layout = embed.with_source(layout_of(form), form)
    (tmp_path / "a.pdf").write_bytes(written("pdf", layout, RenderOptions(pdf_variant="pdf/a-2b")))
    assert not PdfReader(tmp_path / "a.pdf").attachments
    assert embed.pdf_allows("pdf/a-3b") and embed.pdf_allows(None) and not embed.pdf_allows("pdf/a-1b")
