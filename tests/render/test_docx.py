"""The DOCX read back with python-docx: real merged cells, widths, repeated header, fonts, A4."""
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from reportgen import load
from reportgen.geometry import plan
from reportgen.layout import layout_of
from reportgen.options import RenderOptions
from tests.conftest import SAMPLES, docx_text, printed_in_order, requires_office, squash, written
from tests.render.test_pdf import expected_strings

W_TC = qn("w:tc")


def table_grid(table) -> list[list[dict]]:
    """Return each row's ``w:tc`` elements as text, gridSpan and vMerge: merges as Word stores them."""
    out = []
    for tr in table._tbl.tr_lst:
        row = []
        for tc in tr.iter(W_TC):
            pr = tc.tcPr
            span = pr.find(qn("w:gridSpan")) if pr is not None else None
            merge = pr.find(qn("w:vMerge")) if pr is not None else None
            row.append({
                "text": "".join(t.text or "" for t in tc.iter(qn("w:t"))),
                "span": int(span.get(qn("w:val"))) if span is not None else 1,
                "vmerge": None if merge is None else (merge.get(qn("w:val")) or "continue"),
            })
        out.append(row)
    return out


def by_column(row: list[dict]) -> dict[int, dict]:
    """Return a row's cells keyed by the grid column each starts in."""
    out, col = {}, 0
    for tc in row:
        out[col] = tc
        col += tc["span"]
    return out


def test_every_field_indicator_value_amount_and_date_is_in_the_document(rendered_2026):
    for stem, paths in rendered_2026.items():
        text = squash(docx_text(paths["docx"]))
        missing = [t for t in expected_strings(stem) if printed_in_order(squash(t), text) < 0]
        assert not missing, (stem, missing)


def test_tables_match_the_layout_cell_for_cell(rendered_2026):
    stem = "01-incubation-base-operation"
    layout = layout_of(load(SAMPLES / "target-2026" / f"{stem}.yaml"), "target-2026")
    document = Document(rendered_2026[stem]["docx"])
    planned = [table for page in plan(layout, RenderOptions()).pages for table in page.tables]  # a table per page part
    assert len(document.tables) == len(planned) == 3
    for table, expected in zip(document.tables, planned):
        grid = table_grid(table)
        assert len(grid) == expected.n_rows
        for cell in expected.cells:
            origin = by_column(grid[cell.row])[cell.col]
            assert (origin["text"], origin["span"]) == ("".join(cell.text), cell.colspan), cell
            assert origin["vmerge"] == ("restart" if cell.rowspan > 1 else None), cell
            for below in grid[cell.row + 1:cell.row + cell.rowspan]:
                assert by_column(below)[cell.col]["vmerge"] == "continue", cell
        for row in grid:  # every row covers the whole grid
            assert sum(tc["span"] for tc in row) == 7


def test_indicator_header_repeats_and_rows_do_not_split(rendered_2026):
    document = Document(rendered_2026["06-innovation-service-capacity"]["docx"])
    header, body = document.tables[1].rows[0]._tr, document.tables[1].rows[1]._tr
    assert header.trPr.find(qn("w:tblHeader")) is not None
    assert body.trPr.find(qn("w:tblHeader")) is None
    assert body.trPr.find(qn("w:cantSplit")) is not None


def test_widths_are_absolute_in_grid_and_cells(rendered_2026):
    document = Document(rendered_2026["01-incubation-base-operation"]["docx"])
    tbl = document.tables[1]._tbl
    grid = [int(c.get(qn("w:w"))) for c in tbl.tblGrid.iter(qn("w:gridCol"))]
    assert len(grid) == 7 and abs(sum(grid) - 180 * 1440 / 25.4) < 10
    assert tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    for tc in tbl.iter(W_TC):
        assert tc.tcPr.find(qn("w:tcW")).get(qn("w:type")) == "dxa"


def test_page_fonts_and_footer(rendered_2026):
    document = Document(rendered_2026["01-incubation-base-operation"]["docx"])
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    fonts = document.styles["Normal"].element.rPr.rFonts
    assert fonts.get(qn("w:eastAsia")) == "宋体" and fonts.get(qn("w:ascii")) == "宋体"
    title_run = document.paragraphs[0].runs[0]
    assert title_run.text == "财政项目支出绩效目标申报表"
    assert title_run._r.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    footer = section.footer._element.xml
    assert "PAGE" in footer and "- " in footer
    # a paragraph between the two tables, or Word and LibreOffice join them
    body = [child.tag for child in document.element.body]
    first = body.index(qn("w:tbl"))
    assert body[first + 1] == qn("w:p") and body[first + 2] == qn("w:tbl")


def test_golden_cells_of_a_form(rendered_2026, golden):
    document = Document(rendered_2026["05-project-management-fee"]["docx"])
    golden("target-2026/05.docx.json", [table_grid(t) for t in document.tables])


@requires_office
def test_libreoffice_opens_and_converts_the_docx(rendered_2026, tmp_path):
    from tests.render.office import convert_to_pdf

    paths = rendered_2026["06-innovation-service-capacity"]
    pdf = convert_to_pdf(paths["docx"], tmp_path)
    from tests.conftest import pdf_pages

    pages = pdf_pages(pdf)
    assert len(pages) >= 2
    assert "创新创业服务能力建设" in squash(pages[0])


def test_rows_of_long_text_may_break_across_pages_and_short_rows_may_not(rendered_older):
    document = Document(rendered_older["selfeval-2019/02-international-incubator"]["docx"])
    rows = document.tables[0].rows
    by_caption = {row.cells[0].text: row._tr.trPr.find(qn("w:cantSplit")) for row in rows}
    assert by_caption["主要绩效："] is None        # pages of text: it may continue on the next page
    assert by_caption["项目名称："] is not None


def test_gbt9704_puts_page_numbers_outside_on_odd_and_even_pages(tmp_path):
    from reportgen.cli import main

    sample = SAMPLES / "target-2026" / "06-innovation-service-capacity.yaml"
    assert main(["render", str(sample), "-o", str(tmp_path), "-f", "docx,pdf", "--profile", "gbt9704"]) == 0
    document = Document(tmp_path / f"{sample.stem}.docx")
    section = document.sections[0]
    assert document.settings.odd_and_even_pages_header_footer
    assert (round(section.top_margin.mm), round(section.left_margin.mm)) == (37, 28)
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert (odd.alignment, even.alignment) == (WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.LEFT)
    assert "— " in odd._p.xml and "PAGE" in even._p.xml
    from tests.conftest import pdf_pages

    assert "—2—" in squash(pdf_pages(tmp_path / f"{sample.stem}.pdf")[1])


POINTS_LABELS = ("产出指标(36分)", "效益指标（30分）", "项目决策(15.5分)", "满意度指标(10分)")


def points_labels_layout():
    """Four 一级 labels with points in columns from 18 mm (the widest points just fit) to 32 mm."""
    from reportgen.layout import Cell, FormLayout, Role, Table

    tables = []
    for width in (w / 2 for w in range(36, 65)):
        cells = tuple(c for i, label in enumerate(POINTS_LABELS) for c in (
            Cell(2 * i, 0, (label,), Role.LABEL, rowspan=2),
            Cell(2 * i, 1, (f"第 {width} 毫米",), Role.TEXT), Cell(2 * i + 1, 1, ("正文",), Role.TEXT)))
        tables.append(Table(widths=(width, 170 - width), cells=cells, n_rows=2 * len(POINTS_LABELS)))
    return FormLayout("一级指标的分值", tables=tuple(tables))


@requires_office
def test_a_labels_points_never_break_inside_in_libreoffice(tmp_path):
    """LibreOffice broke "产出指标(36分)" as "产出指标(36" / "分)" in a 19 mm column."""
    import re
    import subprocess

    from tests.render.office import convert_to_pdf

    layout = points_labels_layout()
    path = tmp_path / "points.docx"
    path.write_bytes(written("docx", layout))
    document = Document(path)
    labels = ["".join(t.text for t in tc.iter(qn("w:t"))) for table in document.tables for tc in table._tbl.iter(W_TC)]
    assert labels.count(POINTS_LABELS[0]) == len(layout.tables)  # the text is unchanged: a break is no character
    pdf = convert_to_pdf(path, tmp_path)
    lines = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout.splitlines()
    points = [re.sub(r"\s", "", m) for line in lines for m in re.findall(r"[(（][\d.\s]+分[)）]", line)]
    assert len(points) == len(POINTS_LABELS) * len(layout.tables), [line for line in lines if "分" in line][:8]
