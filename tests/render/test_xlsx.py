"""The XLSX read back with openpyxl: merges, borders, number formats, text never a formula, print set-up."""
from decimal import Decimal

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from reportgen import load
from reportgen.layout import layout_of
from tests.conftest import SAMPLES, pdf_pages, printed_in_order, requires_office, squash, written
from tests.render.test_pdf import expected_strings


def sheet_of(path):
    workbook = load_workbook(path)
    assert len(workbook.worksheets) == 1
    return workbook.worksheets[0]


def test_every_field_indicator_value_amount_and_date_is_in_the_sheet(rendered_2026):
    for stem, paths in rendered_2026.items():
        sheet = sheet_of(paths["xlsx"])
        values = [c.value for row in sheet.iter_rows() for c in row if c.value is not None]
        text = squash("".join(f"{v:,.2f}" if isinstance(v, (int, float)) else str(v) for v in values))
        missing = [t for t in expected_strings(stem) if printed_in_order(squash(t), text) < 0]
        assert not missing, (stem, missing)


def test_merges_match_the_layout(rendered_2026):
    stem = "01-incubation-base-operation"
    layout = layout_of(load(SAMPLES / "target-2026" / f"{stem}.yaml"), "target-2026")
    sheet = sheet_of(rendered_2026[stem]["xlsx"])
    top = 3  # title and year lines
    expected = {"A1:G1", "A2:G2"}
    for table in layout.tables:
        for cell in table.cells:
            if cell.rowspan > 1 or cell.colspan > 1:
                expected.add(f"{get_column_letter(cell.col + 1)}{top + cell.row}:"
                             f"{get_column_letter(cell.col + cell.colspan)}{top + cell.row + cell.rowspan - 1}")
        top += table.n_rows
    assert {str(r) for r in sheet.merged_cells.ranges} == expected


def test_amounts_are_numbers_and_values_are_text(rendered_2026):
    sheet = sheet_of(rendered_2026["01-incubation-base-operation"]["xlsx"])
    annual = sheet["F6"]
    assert annual.value == 4087500 and annual.data_type == "n" and annual.number_format == "#,##0.00"
    texts = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("=")]
    assert texts and all(c.data_type == "s" for c in texts)


def test_every_edge_of_a_merged_range_has_a_border(rendered_2026):
    sheet = sheet_of(rendered_2026["01-incubation-base-operation"]["xlsx"])
    for merged in sheet.merged_cells.ranges:
        if merged.min_row <= 2:
            continue  # the title lines have no frame
        right = sheet.cell(row=merged.min_row, column=merged.max_col).border.right.style
        bottom = sheet.cell(row=merged.max_row, column=merged.min_col).border.bottom.style
        assert right == "thin" and bottom == "thin", merged


def test_print_setup_is_a4_one_page_wide_with_header_titles(rendered_2026):
    sheet = sheet_of(rendered_2026["06-innovation-service-capacity"]["xlsx"])
    assert int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    title_row = int(sheet.print_title_rows.split(":")[0].lstrip("$"))
    assert sheet.cell(row=title_row, column=2).value == "一级指标"
    assert all(sheet.column_dimensions[get_column_letter(c)].width > 5 for c in range(1, 8))
    tall = [sheet.row_dimensions[r].height for r in range(3, sheet.max_row + 1)]
    assert all(h and h >= 15 for h in tall)


def test_golden_cells_of_a_form(rendered_2026, golden):
    sheet = sheet_of(rendered_2026["05-project-management-fee"]["xlsx"])
    cells = [[c.coordinate, str(c.value), c.data_type, c.number_format]
             for row in sheet.iter_rows() for c in row if c.value is not None]
    golden("target-2026/05.xlsx.json", {"cells": cells, "merges": sorted(map(str, sheet.merged_cells.ranges))})


def test_decimal_amounts_survive_exactly(tmp_path):
    from tests.minimal import variant

    path = tmp_path / "f.yaml"
    path.write_text(variant("annual: 1000.50", "annual: 123456789.01"), encoding="utf-8")
    form = load(path)
    (tmp_path / "f.xlsx").write_bytes(written("xlsx", layout_of(form, "target-2026")))
    sheet = sheet_of(tmp_path / "f.xlsx")
    assert Decimal(str(sheet["F6"].value)) == Decimal("123456789.01")
    assert sheet["F6"].data_type == "n" and sheet["F6"].number_format == "#,##0.00"  # a number, not text


@requires_office
def test_libreoffice_opens_and_converts_the_xlsx(rendered_2026, tmp_path):
    from tests.render.office import convert_to_pdf

    pdf = convert_to_pdf(rendered_2026["01-incubation-base-operation"]["xlsx"], tmp_path)
    text = squash("".join(pdf_pages(pdf)))
    assert "创业孵化基地运行保障" in text and "4,087,500.00" in text and "Err:" not in text
