"""DOCX and XLSX booklets: one document with the same parts; a workbook with a live summary."""
import pytest
from docx import Document
from openpyxl import load_workbook

from reportgen import load
from reportgen.cli import main
from reportgen.geometry import plan
from reportgen.layout import layout_of
from reportgen.options import RenderOptions
from tests.conftest import SAMPLES, pdf_text, requires_office, squash

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("office_booklet")]  # booklets of the fifteen 2026 forms


def planned_parts() -> int:
    """Return how many table parts the PDF plan cuts the fifteen 2026 forms into (a table per page part)."""
    total = 0
    for path in sorted((SAMPLES / "target-2026").glob("*.yaml")):
        planned = plan(layout_of(load(path), "target-2026"), RenderOptions())
        total += sum(len(page.tables) for page in planned.pages)
    return total


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    out = tmp_path_factory.mktemp("office")
    for suffix in ("docx", "xlsx", "pdf"):
        assert main(["booklet", str(SAMPLES / "target-2026"), "-o", str(out / f"unit.{suffix}"),
                     "--date", "2026-11-24"]) == 0
    return out


def test_docx_booklet_has_cover_summary_contents_and_every_form(office):
    document = Document(office / "unit.docx")
    texts = [p.text for p in document.paragraphs if p.text]
    assert texts[:2] == ["上海市科技创业中心", "上海市科技创业中心 2026 年度项目绩效目标汇总表"]
    assert len(document.tables) == 2 + planned_parts()  # summary, contents, each form's table parts
    body = document.element.body.xml
    assert body.count("PAGEREF form-") == 15 and body.count("<w:bookmarkStart") == 15
    assert "PAGE" in document.sections[0].footer._element.xml


def test_docx_contents_carry_the_pages_of_the_pdf_plan(office):
    import re

    from pypdf import PdfReader

    reader = PdfReader(office / "unit.pdf")
    pdf_pages = [reader.get_destination_page_number(item) + 1 for item in reader.outline[-1]]
    body = Document(office / "unit.docx").element.body.xml
    cached = [int(n) for n in re.findall(r"PAGEREF form-\d+.*?<w:t>(\d+)</w:t>", body, re.S)]
    assert cached == pdf_pages  # forms that run onto extra pages (06, 08, 11, 12) count them


def test_xlsx_booklet_has_a_live_summary_then_a_sheet_per_project(office):
    workbook = load_workbook(office / "unit.xlsx")
    names = workbook.sheetnames
    assert names[0] == "汇总表" and len(names) == 16
    assert len(set(names)) == 16 and all(len(name) <= 31 for name in names)
    summary = workbook["汇总表"]
    last = [cell.value for cell in summary[summary.max_row]]
    assert last[0] == "合计" and last[3].startswith("=SUM(D") and last[6].startswith("=SUM(G")


@requires_office
def test_libreoffice_computes_the_xlsx_totals(office, tmp_path):
    from tests.render.office import convert_to_pdf

    text = squash(pdf_text(convert_to_pdf(office / "unit.xlsx", tmp_path)))
    assert "合计41,092,453.00" in text and "Err:" not in text
