"""Running text in office files: justified in wide cells, left-aligned in narrow ones, where
Word, WPS and LibreOffice would justify CJK by spreading its characters apart."""
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from reportgen.layout import Cell, FormLayout, Role, Table
from tests.conftest import written

NARROW, WIDE = "窄列中的正文，完成率 95% 以上", "宽列中的正文，完成率 95% 以上"


def layout() -> FormLayout:
    cells = (Cell(0, 0, (NARROW,), Role.TEXT), Cell(0, 1, (WIDE,), Role.TEXT))
    return FormLayout("对齐", tables=(Table(widths=(30.0, 140.0), cells=cells, n_rows=1),))


def test_docx_aligns_narrow_running_text_left(tmp_path):
    path = tmp_path / "a.docx"
    path.write_bytes(written("docx", layout()))
    paragraphs = {p.text: p._p.find(f"{qn('w:pPr')}/{qn('w:jc')}").get(qn("w:val"))
                  for table in Document(path).tables for cell in table._cells for p in cell.paragraphs}
    assert (paragraphs[NARROW], paragraphs[WIDE]) == ("left", "both")


def test_xlsx_aligns_narrow_running_text_left(tmp_path):
    path = tmp_path / "a.xlsx"
    path.write_bytes(written("xlsx", layout()))
    cells = {c.value: c.alignment.horizontal for row in load_workbook(path).active.iter_rows() for c in row if c.value}
    assert (cells[NARROW], cells[WIDE]) == ("left", "justify")


def test_xlsx_sets_a_merged_label_taller_than_a_quarter_page_at_its_top(tmp_path):
    """Centred on a range that crosses a page break, the label can print on the break itself."""
    rows = 30
    cells = (Cell(0, 0, ("绩效指标",), Role.LABEL, rowspan=rows), Cell(0, 1, ("成本指标",), Role.LABEL, rowspan=2),
             *(Cell(r, 2, (f"第 {r} 行",), Role.TEXT) for r in range(rows)))
    table = Table(widths=(20.0, 30.0, 120.0), cells=cells, n_rows=rows)
    path = tmp_path / "a.xlsx"
    path.write_bytes(written("xlsx", FormLayout("对齐", tables=(table,))))
    cells = {c.value: c.alignment.vertical for row in load_workbook(path).active.iter_rows() for c in row if c.value}
    assert (cells["绩效指标"], cells["成本指标"]) == ("top", "center")
