"""Fill-in workbooks: filled by a script through openpyxl, saved again by LibreOffice, imported,
checked and rendered; and what the workbook offers a person filling it in."""
from __future__ import annotations

import copy
import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from reportgen.cli import main
from reportgen.dump import to_yaml
from reportgen.forms import FORMS, form_type
from reportgen.forms.access import get
from reportgen.forms.definition import starter_for
from reportgen.importer import import_file
from reportgen.importer.align import GROUP, ITEM, expected_rows
from reportgen.inputs import collect
from reportgen.layout import layout_of
from reportgen.load import load_data
from reportgen.money import in_unit
from reportgen.options import RenderOptions
from reportgen.pipeline import examine, render
from reportgen.source.parse import read_yaml
from tests.conftest import requires_office

from .edit import find
from .test_roundtrip import libreoffice_resave


def starter(form_id: str):
    """The form's starter as ``reportgen new`` gives it (a variant's inherited starter names the variant)."""
    text = form_type(form_id).definition.files["starter.yaml"].read_text(encoding="utf-8")
    form, problems = load_data(read_yaml(starter_for(text, form_id)))
    assert form is not None, problems
    return form


def fill(path: Path, form) -> dict:
    """Type the starter's values into the blank workbook, plus one indicator in a spare row; return the data."""
    data = read_yaml(to_yaml(form)).data
    expected = copy.deepcopy(data)
    book = load_workbook(path)
    sheet = book.worksheets[0]
    columns = _columns(path)  # the sheet's columns are the union of every table's: layout column → sheet column
    located_row = 0
    for row in expected_rows(layout_of(form)):
        captions = row.captions()
        if row.tree and not row.flat:
            continue
        if captions and not row.tree:
            caption = next(c for c in row.cells if c.col == captions[0][0])
            located_row = find(sheet, caption.plain)[0]
        else:
            located_row += 1  # a row without captions, or a record of a list: the row below
        for cell in row.cells:
            if cell.binding and not GROUP.match(cell.binding):
                put_typed(sheet.cell(located_row, 1 + columns[row.table][cell.col]), shown(cell, get(data, cell.binding)))
    layout = layout_of(form)
    table_of = {id(c): n for n, t in enumerate(layout.tables) for c in t.cells}
    labels = [c for t in layout.tables for c in t.cells if GROUP.match(c.binding)]
    innermost = [c for c in labels if c.binding.endswith("level2")] or labels
    for n, label in enumerate(innermost):
        top, col = find(sheet, label.plain)
        items = get(data, label.binding.rsplit(".", 1)[0] + ".items")
        cells = [c for t in layout.tables for c in t.cells if ITEM.match(c.binding)
                 and ITEM.match(c.binding).group("item").startswith(label.binding.rsplit(".", 1)[0] + ".items[")]
        for cell in cells:
            k = int(ITEM.match(cell.binding).group("k"))
            put_typed(sheet.cell(top + k, 1 + columns[table_of[id(cell)]][cell.col]), shown(cell, get(data, cell.binding)))
        if n == 0:  # one more indicator in the spare row below the group
            new = {}
            for cell in cells:
                if ITEM.match(cell.binding).group("k") == "0":
                    name = ITEM.match(cell.binding).group("field")
                    # as a person adds a row: a new name, the rest like the row above (a choice stays valid)
                    value = "新增指标" if name == "name" else get(data, cell.binding)
                    new[name] = value
                    put_typed(sheet.cell(top + len(items), 1 + columns[table_of[id(cell)]][cell.col]), value)
            get(expected, label.binding.rsplit(".", 1)[0] + ".items").append(new)
    notes = book["填写说明"]
    asked = {str(c.value) for c in notes["A"] if c.value}
    for name, info in type(form).model_fields.items():
        label = info.description
        if label in asked:  # the fields the form does not print (年度, 申报单位 …)
            notes.cell(find(notes, label)[0], 2).value = data[name]
    book.save(path)
    return expected


def _columns(path: Path) -> list[list[int]]:
    """Return the fill-in's map of each table's column edges to the sheet's columns (0-based)."""
    import zipfile

    from reportgen.render.embed import from_package

    with zipfile.ZipFile(path) as archive:
        return from_package(archive)["forms"][0]["columns"]


def shown(cell, value):
    """Return a value as a person types it into ``cell``: an amount in the cell's unit (万元)."""
    return in_unit(value, cell.unit) if cell.unit and isinstance(value, Decimal) else value


def put_typed(cell, value) -> None:
    """Type ``value`` into ``cell``; text stays text, as in the workbook's text-formatted input cells."""
    cell.value = typed(value)
    if isinstance(cell.value, str):
        cell.data_type = "s"


def typed(value):
    """The value as a person types it into Excel: numbers, dates, text (paragraphs on lines)."""
    if isinstance(value, Decimal):
        return int(value) if value == int(value) else float(value)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, list):
        return "\n".join(value) or None
    return value


@requires_office
def test_a_filled_workbook_saved_by_libreoffice_imports_checks_and_renders(tmp_path):
    (tmp_path / "filled").mkdir()
    files, expected = [], []
    for form_id in FORMS:
        path = tmp_path / "filled" / f"{form_id}.xlsx"
        assert main(["new", form_id, "-o", str(path)]) == 0
        expected.append(fill(path, starter(form_id)))
        files.append(path)
    for resaved, data in zip(libreoffice_resave(files, "xlsx", tmp_path / "lo"), expected):
        [imported] = import_file(resaved)
        assert not imported.failed, [p.format() for p in imported.problems]
        model = form_type(data["form"]).model.model_validate(data)
        assert imported.yaml == to_yaml(model), resaved.name
        saved = tmp_path / f"{resaved.stem}.yaml"
        saved.write_text(imported.yaml, encoding="utf-8")
        _, problems = examine(saved, RenderOptions())
        assert not [p for p in problems if p.severity == "error"], [p.format() for p in problems]
        [item], _ = collect([str(saved)])
        assert not render(item, tmp_path / "out", ["xlsx"], RenderOptions()).failed


def test_the_blank_workbook_is_typed_protected_and_explained(tmp_path):
    path = tmp_path / "blank.xlsx"
    assert main(["new", "target-2026", "-o", str(path)]) == 0
    book = load_workbook(path)
    sheet = book.worksheets[0]
    assert sheet.protection.sheet and not sheet.protection.insertRows  # protected, rows may be added
    row, col = find(sheet, "年度资金申请总额:")
    amount = sheet.cell(row, col + 2)
    assert amount.value is None and not amount.protection.locked and amount.number_format == "#,##0.00"
    assert sheet.cell(row, col).protection.locked  # the caption is locked
    lists = [v for v in sheet.data_validations.dataValidation if v.type == "list"]
    assert any("其他一次性项目" in v.formula1 for v in lists) and any("经济成本指标" in v.formula1 for v in lists)
    assert any(v.type == "decimal" and amount.coordinate in str(v.sqref) for v in sheet.data_validations.dataValidation)
    assert any(v.type == "date" for v in sheet.data_validations.dataValidation)
    texts = [c for r in sheet.iter_rows() for c in r if not c.protection.locked and c.number_format == "@"]
    assert texts, "text inputs are typed as text, so =100% stays text"
    assert "填写说明" in book.sheetnames and "reportgen import" in str(book["填写说明"]["A7"].value)


def test_an_unfilled_workbook_names_the_missing_fields_by_cell(tmp_path):
    path = tmp_path / "blank.xlsx"
    assert main(["new", "selfeval-2020", "-o", str(path)]) == 0
    [imported] = import_file(path)
    assert imported.failed and imported.model is None
    by_path = {p.path: p for p in imported.problems}
    assert by_path["project.name"].code == "RG911"
    assert re.match(r"工作表「财政项目支出绩效自评表」[A-Z]+\d+（项目名称）：必填", by_path["project.name"].message("zh"))
    assert by_path["indicators"].code == "RG911"  # no indicator row filled in


def test_a_docx_fill_in_form_is_declined_with_the_reason(tmp_path, capsys):
    assert main(["new", "target-2026", "-o", str(tmp_path / "x.docx")]) == 2
    assert "内容控件" in capsys.readouterr().err and not (tmp_path / "x.docx").exists()
