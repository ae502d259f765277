"""The PDF booklet as a review meeting uses it: cover, summary, contents, numbering, bookmarks."""
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from reportgen import load
from reportgen.cli import main
from reportgen.money import format_amount
from tests.conftest import ENGINES, SAMPLES, crammed, engine_options, pdf_pages, squash

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("pdf_booklet")]  # booklets of the fifteen 2026 forms

DATE = "2026-11-24"


@pytest.fixture(scope="module", params=ENGINES)
def engine(request) -> list[str]:
    """The arguments that choose each PDF engine in turn."""
    engine_options(request.param)
    return ["--engine", request.param]


@pytest.fixture(scope="module")
def booklet(tmp_path_factory, engine) -> Path:
    target = tmp_path_factory.mktemp("booklet") / "unit.pdf"
    assert main(["booklet", str(SAMPLES / "target-2026"), "-o", str(target), "--date", DATE, "-j", "1", *engine]) == 0
    return target


def forms_2026():
    return [load(path) for path in sorted((SAMPLES / "target-2026").glob("*.yaml"))]


def test_cover_summary_and_contents_come_first(booklet):
    pages = [squash(p) for p in pdf_pages(booklet)]
    assert "上海市科技创业中心2026年度项目绩效目标汇总表" in pages[0] and "2026年11月24日" in pages[0]
    assert pages[1].startswith("项目汇总表") and pages[2].startswith("目录")


def test_summary_totals_are_the_sums_of_the_forms(booklet):
    summary = squash(pdf_pages(booklet)[1])
    forms = forms_2026()
    total = sum(form.funds.annual for form in forms)
    fiscal = sum(form.funds.annual_fiscal for form in forms)
    assert total == Decimal("41092453.00")
    assert f"合计{format_amount(total)}{format_amount(fiscal)}" in summary
    one_line = [form.project.name for form in forms if len(form.project.name) <= 12]  # longer names wrap
    assert one_line and all(squash(name) in summary for name in one_line)


def test_contents_point_at_each_forms_first_page(booklet):
    pages = [squash(p) for p in pdf_pages(booklet)]
    reader = PdfReader(booklet)
    children = reader.outline[-1]
    assert [item.title for item in reader.outline[:3]] == ["封面", "项目汇总表", "目录"]
    assert len(children) == 15
    for form, item in zip(forms_2026(), children):
        index = reader.get_destination_page_number(item)
        assert item.title == form.project.name
        assert pages[index].startswith("财政项目支出绩效目标申报表") and squash(form.project.name) in pages[index]
        assert f"{squash(form.project.name)}财政项目支出绩效目标申报表{index + 1}" in pages[2]


def test_page_numbers_run_on_through_the_booklet(booklet):
    pages = [squash(p) for p in pdf_pages(booklet)]
    assert not pages[0].endswith("-1-")  # the cover carries none
    for number, page in enumerate(pages[1:], start=2):
        assert page.endswith(f"-{number}-"), number


def test_metadata_fonts_and_a4(booklet):
    info = subprocess.run(["pdfinfo", str(booklet)], capture_output=True, text=True).stdout
    assert "上海市科技创业中心 2026 年度项目绩效目标汇总表" in info and "Author:          上海市科技创业中心" in info
    assert "595.276 x 841.89 pts (A4)" in info
    fonts = subprocess.run(["pdffonts", str(booklet)], capture_output=True, text=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts)


def font_files(path: Path) -> set:
    """Return the distinct embedded font programs of a PDF (by object)."""
    reader, found = PdfReader(path), set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            for descendant in font.get_object().get("/DescendantFonts", []):
                descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                for key in ("/FontFile", "/FontFile2", "/FontFile3"):
                    if key in descriptor:
                        found.add(descriptor.raw_get(key).idnum)
    return found


def test_fonts_are_embedded_once_however_many_chunks(tmp_path, monkeypatch, engine):
    from reportgen.booklet import pdf

    monkeypatch.setattr(pdf, "CHUNK", 4)  # 15 forms → 4 chunks
    target = tmp_path / "chunked.pdf"
    assert main(["booklet", str(SAMPLES / "target-2026"), "-o", str(target), "--date", DATE, "-j", "1", *engine]) == 0
    assert len(font_files(target)) == 2  # the body face and the title face, once each
    pages = [squash(p) for p in pdf_pages(target)]
    assert all(page.endswith(f"-{n}-") for n, page in enumerate(pages[1:], start=2))


def test_same_input_same_bytes_whatever_the_jobs(tmp_path, booklet, engine):
    again = tmp_path / "again.pdf"
    assert main(["booklet", str(SAMPLES / "target-2026"), "-o", str(again), "--date", DATE, "-j", "2", *engine]) == 0
    assert again.read_bytes() == booklet.read_bytes()


def test_odd_page_starts_watermark_and_gbt9704(tmp_path, engine):
    target = tmp_path / "print.pdf"
    args = ["booklet", str(SAMPLES / "selfeval-2019"), "-o", str(target), "--date", DATE, "--odd-pages",
            "--profile", "gbt9704", "--watermark", "征求意见稿", *engine]
    assert main(args) == 0
    reader = PdfReader(target)
    starts = [reader.get_destination_page_number(item) + 1 for item in reader.outline[-1]]
    assert starts and all(page % 2 == 1 for page in starts)
    front = [(item.title, reader.get_destination_page_number(item) + 1) for item in reader.outline[:3]]
    assert front == [("封面", 1), ("项目汇总表", 3), ("目录", 5)]  # each part on a right-hand page
    pages = [squash(p) for p in pdf_pages(target)]
    assert all("征求意见稿" in page for page in pages)
    assert pages[1] == "征求意见稿"                      # the cover's back: blank, unnumbered
    assert "—3—" in pages[2] and "-3-" not in pages[2]


def test_pdf_a_variant_keeps_its_conformance_entries(tmp_path, engine):
    target = tmp_path / "archive.pdf"
    args = ["booklet", str(SAMPLES / "target-2020"), "-o", str(target), "--date", DATE, "--pdf-variant", "pdf/a-2b",
            *engine]
    assert main(args) == 0
    root = PdfReader(target).trailer["/Root"]
    assert "/OutputIntents" in root
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert "<pdfaid:part>2</pdfaid:part>" in xmp and "<pdfaid:conformance>B</pdfaid:conformance>" in xmp


def test_a_booklet_of_self_evaluations_sums_budgets_and_grades(tmp_path, engine):
    target = tmp_path / "selfeval.pdf"
    assert main(["booklet", str(SAMPLES / "selfeval-2020"), "-o", str(target), "--date", DATE, *engine]) == 0
    pages = [squash(p) for p in pdf_pages(target)]
    assert "项目绩效自评汇总表" in pages[0]
    assert "99.94%95.99优" in pages[1]          # 执行率, 总分, 绩效等级 of the first project
    assert "合计14,502,000.0014,497,544.0099.97%" in pages[1]  # Σ budgets, Σ executed, their ratio


def test_a_typst_booklet_in_chunks_numbers_on_and_bookmarks_every_form(tmp_path, monkeypatch):
    from reportgen.booklet import typst

    engine_options("typst")
    monkeypatch.setattr(typst, "ALONE", 4)
    monkeypatch.setattr(typst, "CHUNK", 4)  # 15 forms → 4 compiles, joined
    target = tmp_path / "chunked.pdf"
    args = ["booklet", str(SAMPLES / "target-2026"), "-o", str(target), "--date", DATE, "--engine", "typst", "--odd-pages"]
    assert main(args) == 0
    reader = PdfReader(target)
    pages = [squash(p) for p in pdf_pages(target)]
    starts = [reader.get_destination_page_number(item) + 1 for item in reader.outline[-1]]
    assert [item.title for item in reader.outline[-1]] == [form.project.name for form in forms_2026()]
    assert all(page % 2 == 1 and pages[page - 1].startswith("财政项目支出绩效目标申报表") for page in starts)
    numbered = [n for n, page in enumerate(pages, start=1) if page]
    assert all(pages[n - 1].endswith(f"-{n}-") for n in numbered[1:])  # blank pages carry no number
    # each compile embeds its own subset of the two faces; identical subsets (the forms' titles) are kept once
    assert 2 < len(font_files(target)) <= 2 * 4
    assert "reportgen.json" in reader.attachments


def test_a_typst_booklet_whose_pages_are_not_the_plans_is_numbered_by_its_pages(tmp_path, monkeypatch):
    """Typst numbers pages from the plan; a booklet whose forms come out longer is compiled again
    with the page counter, so the numbers, the contents and the bookmarks follow the pages."""
    from reportgen.booklet import typst

    engine_options("typst")
    monkeypatch.setattr(typst, "form_pages", crammed(typst.form_pages))
    target = tmp_path / "crammed.pdf"
    assert main(["booklet", str(SAMPLES / "target-2026"), "-o", str(target), "--date", DATE, "--engine", "typst"]) == 0
    reader = PdfReader(target)
    pages = [squash(p) for p in pdf_pages(target)]
    assert all(page.endswith(f"-{n}-") for n, page in enumerate(pages[1:], start=2))
    for form, item in zip(forms_2026(), reader.outline[-1]):
        index = reader.get_destination_page_number(item)
        assert squash(form.project.name) in pages[index]
        assert f"{squash(form.project.name)}财政项目支出绩效目标申报表{index + 1}" in pages[2]
