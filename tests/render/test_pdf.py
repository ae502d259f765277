"""The PDF as a reviewer reads it: A4, embedded fonts, page numbers, headers and labels on every page."""
import re
import subprocess

import pytest

from reportgen import load
from reportgen.forms.schema import rows
from tests.conftest import ENGINES, SAMPLES, engine_options, pdf_pages, pdf_text, printed_in_order, squash


def expected_strings(stem: str) -> list[str]:
    """Return what a reader must find of the sample ``stem``: every field, amount, date and indicator."""
    from reportgen.money import format_amount

    form = load(SAMPLES / "target-2026" / f"{stem}.yaml")
    p, f = form.project, form.funds
    texts = [p.name, p.nature, p.category, p.department, p.implementer,
             p.start_date.isoformat(), p.end_date.isoformat(), *form.goals.annual, *form.goals.overall]
    texts += [format_amount(v) for v in (f.total, f.total_fiscal, f.total_other, f.annual,
                                         f.annual_fiscal, f.annual_carryover, f.annual_other) if v is not None]
    for _, _, _, level1, level2, item in rows(form.indicators):
        texts += [level1.level1, level2.level2, item.name]
        if item.target is not None:
            texts.append(item.target.canonical())
    return texts


def test_every_field_indicator_value_amount_and_date_is_printed(rendered_pdf):
    for stem, path in rendered_pdf.items():
        text = squash(pdf_text(path))
        missing = [t for t in expected_strings(stem) if printed_in_order(squash(t), text) < 0]
        assert not missing, (stem, missing)


def test_pages_are_a4_with_centred_page_numbers(rendered_pdf):
    for stem, path in rendered_pdf.items():
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
        assert "595.276 x 841.89 pts (A4)" in info, stem
        pages = pdf_pages(path)
        for number, page in enumerate(pages, start=1):
            assert page.rstrip().endswith(f"- {number} -"), (stem, number)


def test_every_font_is_embedded_as_a_subset(rendered_pdf):
    for stem, path in rendered_pdf.items():
        out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
        fonts = out.splitlines()[2:]
        assert fonts, stem
        for line in fonts:
            emb, sub = line.split()[-5:-3]
            assert (emb, sub) == ("yes", "yes"), line
        assert any(re.search("Serif-?CJK", line) for line in fonts) and any(re.search("Sans-?CJK", line) for line in fonts)


def test_header_row_and_group_labels_repeat_on_every_page(rendered_pdf):
    multi_page = 0
    for stem, path in rendered_pdf.items():
        form = load(SAMPLES / "target-2026" / f"{stem}.yaml")
        pages = [squash(p) for p in pdf_pages(path)]
        multi_page += len(pages) > 1
        header = "一级指标二级指标三级指标年度(/项目)指标值"
        seen = set()
        every = [squash(item.name) for *_, item in rows(form.indicators)]
        # a name inside another name ("科技企业数据量" in "在库科技企业数据量") cannot be told apart in text
        distinct = [(l1.level1, l2.level2, item.name) for _, _, _, l1, l2, item in rows(form.indicators)
                    if not any(squash(item.name) in other and squash(item.name) != other for other in every)]
        for page in pages:
            table = page.split(header, 1)[1] if header in page else ""
            names = [entry for entry in distinct if squash(entry[2]) in table]
            seen.update(name for _, _, name in names)
            for level1, level2, name in names:
                assert squash(level1) in table and squash(level2) in table, (stem, name)
        # every indicator was found below a header row, so the header is on each of its pages
        assert seen == {name for _, _, name in distinct}, stem
    assert multi_page >= 5


def test_the_written_html_renders_to_the_same_pdf_with_plain_weasyprint(rendered_2026, tmp_path):
    weasyprint = pytest.importorskip("weasyprint")
    paths = rendered_2026["06-innovation-service-capacity"]
    bare = tmp_path / "bare.pdf"
    weasyprint.HTML(filename=str(paths["html"])).write_pdf(bare)
    assert pdf_pages(bare) == pdf_pages(paths["pdf"])


def test_golden_text_of_a_two_page_form(rendered_2026, golden):
    pages = pdf_pages(rendered_2026["01-incubation-base-operation"]["pdf"])
    golden("target-2026/01.pdf.json", [page.splitlines() for page in pages])


@pytest.mark.parametrize("engine", ENGINES)
def test_a_watermark_crosses_every_page(tmp_path, engine):
    from reportgen.cli import main

    engine_options(engine)
    sample = SAMPLES / "target-2026" / "06-innovation-service-capacity.yaml"
    assert main(["render", str(sample), "-o", str(tmp_path), "-f", "pdf", "--watermark", "样稿", "--engine", engine]) == 0
    pages = pdf_pages(tmp_path / f"{sample.stem}.pdf")
    # rotated over the table, its characters come out between the cells' text
    assert len(pages) > 1 and all("样" in page and "稿" in page for page in pages)
