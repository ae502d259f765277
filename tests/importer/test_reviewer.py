"""A field the schema marks ``reviewer: true`` (审核意见) is locked and empty in the fill-in."""
from openpyxl import load_workbook

from reportgen.cli import main
from tests.forms.folders import copied_form, edit

from .edit import find


def test_the_reviewers_cell_is_locked_and_empty_in_the_fill_in(tmp_path, monkeypatch):
    folder = copied_form(tmp_path, monkeypatch, "reviewed", "target-2026")
    forms = folder.parent
    edit(folder / "schema.yaml", r"(?m)^  indicators:\n",
         "  review: {type: paragraphs, label: 审核意见, optional: true, reviewer: true}\n  indicators:\n")
    edit(folder / "starter.yaml", r"(?m)^indicators:", "review: [同意申报。]\nindicators:")
    edit(folder / "layout.html.j2", r"</body>", '<table>\n  {{ cols([40, 140]) }}\n  <tr>\n'
         '    <td class="label">审核意见</td>\n    <td class="text" data-bind="review">{{ paras(form.review) }}</td>\n'
         '  </tr>\n</table>\n</body>')
    path = tmp_path / "fill.xlsx"
    assert main(["new", "reviewed", "--forms", str(forms), "-o", str(path)]) == 0
    sheet = load_workbook(path).worksheets[0]
    row, col = find(sheet, "审核意见")
    merged = next((m for m in sheet.merged_cells.ranges if (m.min_row, m.min_col) == (row, col)), None)
    cell = sheet.cell(row, (merged.max_col if merged else col) + 1)
    assert cell.value is None and cell.protection.locked
    name_row, name_col = find(sheet, "项目名称")
    assert not sheet.cell(name_row, name_col + 1).protection.locked  # the applicant's cells stay open
