"""A form whose blocks have column grids of their own, in XLSX: the sheet's columns are the union
of every block's column edges, each cell merged over the columns between its own edges."""
from itertools import accumulate

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from reportgen.cli import main
from reportgen.geometry import plan
from reportgen.layout import FormLayout, TableBuilder
from reportgen.layout.columns import common_columns
from reportgen.layout.grid import label, text, value
from reportgen.options import RenderOptions
from reportgen.render import xlsx
from tests.conftest import pdf_pages, printed_in_order, requires_office, squash, written
from tests.forms.folders import edit

INDICATOR_WIDTHS = "[26, 30, 74, 50]"  # the header block keeps [40, 50, 48, 42]


def test_the_union_of_two_grids_has_every_edge_once_and_maps_each_table_onto_it():
    first = TableBuilder((40.0, 50.0, 48.0, 42.0)).row(label("a"), value("b"), label("c"), value("d")).build()
    second = TableBuilder((26.0, 30.0, 74.0, 50.2)).row(label("x"), label("y"), text("z"), value("w")).build()
    widths, index = common_columns([first, second])
    assert list(accumulate(widths)) == pytest.approx([26, 40, 56, 90, 130, 138, 180])
    assert index == [[0, 2, 4, 6, 7], [0, 1, 3, 5, 7]]  # 180.2 and 180 are one edge (SNAP)


def test_edges_of_one_table_are_never_snapped_together():
    narrow = TableBuilder((0.3, 10.0)).row(label("a"), label("b")).build()
    other = TableBuilder((0.2, 10.1)).row(label("c"), label("d")).build()
    widths, index = common_columns([narrow, other])
    assert all(b > a for edges in index for a, b in zip(edges, edges[1:]))
    assert len(widths) == 3


def _two_grid_layout() -> FormLayout:
    long = "项目实施过程中严格执行预算管理制度，" * 6
    first = (TableBuilder((40.0, 50.0, 48.0, 42.0))
             .row(label("项目名称"), value("某某项目", span=3))
             .row(label("主管部门"), value("某某局"), label("实施单位"), value("某某中心")).build())
    second = (TableBuilder((26.0, 30.0, 74.0, 50.0), header_rows=1)
              .row(label("一级"), label("二级"), label("偏差原因分析及改进措施"), label("指标值"))
              .row(value("产出"), value("数量"), text(long), value("≥90%")).build())
    return FormLayout(title="两种栏宽的表", tables=(first, second))


def test_a_cell_of_every_block_spans_exactly_its_own_width_in_the_sheet(tmp_path):
    layout = _two_grid_layout()
    path = tmp_path / "f.xlsx"
    path.write_bytes(written("xlsx", layout))
    sheet = load_workbook(path).active
    fitted = plan(layout, RenderOptions()).layout
    widths = [sheet.column_dimensions[get_column_letter(c)].width * xlsx.MM_PER_WIDTH_UNIT for c in range(1, 8)]
    assert len([w for w in widths if w > 0.5]) == 7
    merges = {(m.min_row, m.min_col): m for m in sheet.merged_cells.ranges}
    top = 2  # the title line
    for table in fitted.tables:
        edges = [0.0, *accumulate(table.widths)]
        for cell in table.cells:
            found = next(c for c in range(1, 8) if sheet.cell(row=top + cell.row, column=c).value == cell.plain)
            span = merges.get((top + cell.row, found))
            right = span.max_col if span else found
            assert sum(widths[found - 1:right]) == pytest.approx(edges[cell.col + cell.colspan] - edges[cell.col],
                                                                 abs=0.6), cell.plain
        top += table.n_rows


@pytest.fixture
def two_grid_form(tmp_path, monkeypatch):
    """target-2020 with its indicator table on a grid of its own."""
    monkeypatch.setenv("REPORTGEN_FORMS", "")
    forms = tmp_path / "forms"
    assert main(["new-form", "two-grids", "--from", "target-2020", "-o", str(forms)]) == 0
    layout = forms / "two-grids" / "layout.html.j2"
    edit(layout, r"\{\{ cols\(widths, bounds\) \}\}", f"{{{{ cols({INDICATOR_WIDTHS}) }}}}")
    mine = tmp_path / "mine.yaml"
    assert main(["new", "two-grids", "--forms", str(forms), "-o", str(mine)]) == 0
    return forms, mine


def test_an_indicator_edited_in_a_block_of_its_own_grid_is_imported(two_grid_form, tmp_path):
    forms, mine = two_grid_form
    out = tmp_path / "out"
    assert main(["render", str(mine), "--forms", str(forms), "-o", str(out), "-f", "xlsx"]) == 0
    book = load_workbook(out / "mine.xlsx")
    sheet = book.active
    assert sheet.max_column > 4  # the two grids' union
    head = next(row for row in sheet.iter_rows() if any(c.value == "三级目标" for c in row))
    name_col = next(c.column for c in head if c.value == "三级目标")
    names = [sheet.cell(row=r, column=name_col) for r in range(head[0].row + 1, sheet.max_row + 1)]
    first = next(c for c in names if isinstance(c.value, str) and c.value)
    first.value = "新的三级目标名称"
    book.save(tmp_path / "edited.xlsx")
    assert main(["import", str(tmp_path / "edited.xlsx"), "--forms", str(forms), "-o", str(tmp_path / "back")]) == 0
    back = (tmp_path / "back" / "edited.yaml").read_text(encoding="utf-8")
    assert "新的三级目标名称" in back


@pytest.mark.slow
@requires_office
def test_libreoffice_prints_every_character_of_both_blocks_inside_its_cell(two_grid_form, tmp_path):
    from tests.fill import words_across_borders
    from tests.render.office import convert_to_pdf

    forms, mine = two_grid_form
    # Long in the indicator block's 74 mm column: in the header block's 48 mm it would need more rows.
    edit(mine, r"\{name: 培训场次", "{name: " + "面向科技型中小企业开展创业辅导与政策宣讲培训" * 4, count=1)
    out = tmp_path / "out"
    assert main(["render", str(mine), "--forms", str(forms), "-o", str(out), "-f", "xlsx"]) == 0
    sheet = load_workbook(out / "mine.xlsx").active
    texts = [str(c.value) for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    pdf = convert_to_pdf(out / "mine.xlsx", tmp_path)
    printed = squash("".join(pdf_pages(pdf)))
    assert [t for t in texts if printed_in_order(squash(t), printed) < 0] == []
    first, last = sheet.print_title_rows.replace("$", "").split(":")
    assert words_across_borders(pdf, int(last) - int(first) + 1) == []
