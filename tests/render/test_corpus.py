"""The long-text corpus (tests/corpus.py) in every format: nothing lost, pages filled, numbers whole,
XLSX within Excel's limits and its rows close to their text. One long form per form type is laid out;
LibreOffice opens two."""
import math
import re
import statistics
import subprocess

import pytest
from openpyxl import load_workbook

from reportgen import load
from reportgen.geometry import plan
from reportgen.geometry.pages import required_pages
from reportgen.geometry.widths import NUMERIC
from reportgen.inputs import collect
from reportgen.layout import layout_of
from reportgen.options import RenderOptions
from reportgen.pipeline import render
from tests.conftest import SAMPLES, engine_options, pdf_pages, pdf_text, printed_in_order, requires_office, squash
from tests.corpus import field_texts, text_paths, write_corpus
from tests.fill import page_fill, row_white, words_across_borders
from tests.render.office import calibri_at_its_width, convert_to_pdf

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("corpus")]  # the long-text corpus, rendered and opened in LibreOffice

PICKS = ("selfeval-2019/05-incubator-services", "selfeval-2020/01-incubator-base-operations",
         "target-2020/03-innovation-startup-competition", "target-2026/02-incubation-services-and-apjie")
OFFICE = PICKS[:2]  # the forms LibreOffice converts (a few seconds each)
MIN_FILL = 0.6
# The median row of running text of the long XLSX in LibreOffice with Calibri's digit width: at most
# this share of it white. Rows are counted for Excel's columns, 5 % narrower, so a row keeps about
# a line and its padding spare: 9 % white (lines of 1.5 em and CJK counted 1.06 em wide left 14 %).
MAX_ROW_WHITE = 0.12


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Write the whole corpus, render the picks to PDF, DOCX and XLSX: name → (input, format → path)."""
    root = tmp_path_factory.mktemp("corpus")
    files = write_corpus(root / "in")
    out = {}
    for path in files:
        name = f"{path.parent.name}/{path.stem}"
        formats = ["pdf", "docx", "xlsx"] if name in PICKS else ["xlsx"]
        items, _ = collect([str(path)])
        outcome = render(items[0], root / "out" / path.parent.name, formats, RenderOptions())
        assert not outcome.failed, (name, outcome.error, [p.format() for p in outcome.problems if p.severity == "error"])
        out[name] = (path, {p.suffix[1:]: p for p in outcome.written})
    return out


def texts_of(path) -> list[str]:
    import yaml

    return field_texts(yaml.safe_load(path.read_text(encoding="utf-8")), text_paths(path))


GAP = 4000  # between two parts of a cut text: the other cells' parts of its row, the page foot and head


QUOTES = re.compile("[“”‘’]")


def assert_all_printed(texts: list[str], document: str, where: str, quotes_anywhere: bool = False) -> None:
    """Assert each text is in ``document`` in order. LibreOffice draws curly quotes in a face of
    their own, which pdftotext places elsewhere on the line: with ``quotes_anywhere`` they are
    counted instead (every one must be there) and left out of the order."""
    if quotes_anywhere:
        assert len(QUOTES.findall(document)) >= sum(len(QUOTES.findall(t)) for t in texts), where
        texts, document = [QUOTES.sub("", t) for t in texts], QUOTES.sub("", document)
    for text in texts:
        assert printed_in_order(squash(text), document, 0, GAP) >= 0, (where, text[:60])


def test_corpus_is_long_as_promised(corpus):
    lengths = {name: [len(t) for t in texts_of(path)] for name, (path, _) in corpus.items()}
    assert max(lengths["selfeval-2019/01-high-tech-achievement-transformation"]) == 8000  # 主要绩效
    assert all(max(v) >= 2000 for name, v in lengths.items() if name.startswith("selfeval"))  # a note of 2,000
    original = {name: [len(t) for t in texts_of(SAMPLES / f"{name}.yaml")] for name in corpus}
    assert all(sum(lengths[n]) >= 3 * sum(original[n]) for n in corpus)


def test_every_character_of_the_corpus_is_in_the_pdf_in_order(corpus):
    for name in PICKS:
        path, files = corpus[name]
        assert_all_printed(texts_of(path), squash(pdf_text(files["pdf"])), name)


@pytest.fixture(scope="module")
def typst_pdfs(corpus, tmp_path_factory):
    """The picks of the corpus through the Typst engine: name → PDF."""
    options = engine_options("typst")
    out, result = tmp_path_factory.mktemp("corpus-typst"), {}
    for name in PICKS:
        items, _ = collect([str(corpus[name][0])])
        outcome = render(items[0], out / name.split("/")[0], ["pdf"], options)
        assert not outcome.failed, (name, outcome.error)
        result[name] = outcome.written[0]
    return result


def test_the_typst_pdf_of_the_corpus_has_every_character_in_order_on_weasyprints_pages(corpus, typst_pdfs):
    for name in PICKS:
        path, files = corpus[name]
        assert_all_printed(texts_of(path), squash(pdf_text(typst_pdfs[name])), f"{name} (typst)")
        assert len(pdf_pages(typst_pdfs[name])) == len(pdf_pages(files["pdf"])), name
        fills = page_fill(typst_pdfs[name])
        assert all(f >= MIN_FILL for f in fills[:-1]), (name, [round(f, 2) for f in fills])
        assert_numbers_whole(typst_pdfs[name], numbers_of(path), f"{name} (typst)")


def test_pages_are_filled(corpus):
    for name in PICKS:
        path, files = corpus[name]
        fills = page_fill(files["pdf"])
        assert all(f >= MIN_FILL for f in fills[:-1]), (name, [round(f, 2) for f in fills])
        planned = plan(layout_of(load(path)), RenderOptions())
        fitted, style = planned.layout, planned.style
        needed = math.ceil(required_pages(fitted, style))
        assert len(fills) <= max(1.25 * needed, needed + 1), (name, len(fills), needed)


def test_xlsx_rows_and_cells_stay_within_excels_limits(corpus):
    for name, (_, files) in corpus.items():
        sheet = load_workbook(files["xlsx"]).active
        assert max(d.height or 0 for d in sheet.row_dimensions.values()) <= 409, name
        assert max(len(str(c.value)) for row in sheet.iter_rows() for c in row if c.value is not None) <= 32767
        assert sheet.print_title_rows and sheet.print_area, name


def numbers_of(path) -> list[str]:
    fitted = plan(layout_of(load(path)), RenderOptions()).layout
    return sorted({cell.plain for table in fitted.tables for cell in table.cells
                   if cell.role in NUMERIC and cell.plain}, key=len, reverse=True)


def assert_numbers_whole(pdf, numbers: list[str], where: str) -> None:
    raw = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    lines = raw.splitlines()  # not squashed: neighbouring numbers would run together
    broken = [n for n in numbers if not any(re.search(rf"(?<![\d.,]){re.escape(n)}(?![\d.,])", line) for line in lines)]
    assert not broken, (where, broken)


@requires_office
@pytest.mark.parametrize("name", OFFICE)
def test_libreoffice_shows_every_character_and_whole_numbers(corpus, tmp_path, name):
    path, files = corpus[name]
    for fmt in ("docx", "xlsx"):
        pdf = convert_to_pdf(files[fmt], tmp_path)
        assert_all_printed(texts_of(path), squash(pdf_text(pdf)), f"{name}.{fmt}", quotes_anywhere=True)
        assert_numbers_whole(pdf, numbers_of(path), f"{name}.{fmt}")
        if fmt == "xlsx":  # pdftotext finds the text a row too short draws over the next one, too
            assert not words_across_borders(pdf, title_rows(files[fmt])), name


def title_rows(xlsx) -> int:
    """Return how many rows the sheet of ``xlsx`` repeats at the top of each page."""
    first, last = load_workbook(xlsx).active.print_title_rows.replace("$", "").split(":")
    return int(last) - int(first) + 1


@requires_office
def test_amounts_of_the_2020_self_evaluation_do_not_wrap_in_libreoffice(tmp_path):
    """7,500,000.00 at 9 pt wrapped in the 22 mm columns of the 2020 form ("7,500,000.0" / "0")."""
    sample = SAMPLES / "selfeval-2020" / "01-incubator-base-operations.yaml"
    items, _ = collect([str(sample)])
    outcome = render(items[0], tmp_path / "out", ["docx", "xlsx"], RenderOptions())
    for written in outcome.written:
        folder = tmp_path / written.suffix[1:]
        folder.mkdir()
        assert_numbers_whole(convert_to_pdf(written, folder), numbers_of(sample), written.name)


@requires_office
def test_xlsx_rows_hug_their_text_and_hide_none_of_it(corpus, tmp_path):
    """Rows tall enough for every character where columns are narrowest (as in Excel: Calibri's
    digits), and no taller than that by more than a line or so."""
    fonts = calibri_at_its_width(tmp_path)
    white = []
    for name in OFFICE:
        path, files = corpus[name]
        pdf = convert_to_pdf(files["xlsx"], tmp_path / name.replace("/", "-"), fonts)
        assert_all_printed(texts_of(path), squash(pdf_text(pdf)), f"{name}.xlsx", quotes_anywhere=True)
        assert not words_across_borders(pdf, title_rows(files["xlsx"])), name  # no text drawn over the next row
        white += row_white(pdf)
    assert len(white) >= 40 and statistics.median(white) <= MAX_ROW_WHITE, (len(white), statistics.median(white))
