"""The README's recipe, followed as a new user would: copy a form, change it, use it in every format."""
import re

import pytest
from docx import Document
from openpyxl import load_workbook

from reportgen.cli import main
from tests.conftest import docx_text, pdf_pages
from tests.forms.folders import copied_form, edit

EVIDENCE = "佐证材料：培训签到表 12 份"


@pytest.fixture
def my_form(tmp_path, monkeypatch):
    """forms/my-selfeval: selfeval-2020 with its own title, a relabelled column and a 佐证材料 column."""
    folder = copied_form(tmp_path, monkeypatch, "my-selfeval", "selfeval-2020")
    forms = folder.parent
    edit(folder / "form.yaml", r"(?m)^title: .*$", "title: 某省项目支出绩效自评表")
    edit(folder / "schema.yaml", r"(?m)^(        reason: .*\n)",
         r"\1        evidence: {type: text, label: 佐证材料, optional: true}\n")
    layout = folder / "layout.html.j2"
    edit(layout, r'<td class="head" colspan="2">偏差原因分析及改进措施</td>',
         '<td class="head">偏差原因</td>\n    <td class="head">佐证材料</td>')
    edit(layout, r'\{\{ field\(at ~ ".reason", "text", colspan=2\) \}\}',
         '{{ field(at ~ ".reason", "text") }}\n  {{ field(at ~ ".evidence", "text") }}')
    mine = tmp_path / "mine.yaml"
    assert main(["new", "my-selfeval", "--forms", str(forms), "-o", str(mine)]) == 0
    edit(mine, r"(?m)^(            reason: 无偏差.*\n)", rf"\1            evidence: {EVIDENCE}\n", count=1)
    return forms, mine


@pytest.mark.slow
def test_the_recipe_gives_a_form_that_lists_checks_renders_and_books(my_form, tmp_path, capsys):
    forms, mine = my_form
    assert main(["forms", "--forms", str(forms)]) == 0
    assert re.search(r"my-selfeval\s+自评表\s+某省项目支出绩效自评表\s+\[.*my-selfeval\]", capsys.readouterr().out)
    assert main(["check", str(mine), "--forms", str(forms), "--strict"]) == 0

    out = tmp_path / "out"
    assert main(["render", str(mine), "--forms", str(forms), "-o", str(out), "-f", "pdf,docx,xlsx"]) == 0
    pdf = re.sub(r"\s", "", "".join(pdf_pages(out / "mine.pdf")))  # narrow cells wrap their text
    assert "某省项目支出绩效自评表" in pdf and "偏差原因佐证材料" in pdf and re.sub(r"\s", "", EVIDENCE) in pdf
    docx = docx_text(out / "mine.docx")
    assert "佐证材料" in docx and EVIDENCE in docx
    sheet = load_workbook(out / "mine.xlsx").active
    values = [c.value for row in sheet.iter_rows() for c in row if c.value is not None]
    assert "某省项目支出绩效自评表" in values and EVIDENCE in values

    for suffix in ("pdf", "docx", "xlsx"):
        booklet = tmp_path / f"unit.{suffix}"
        assert main(["booklet", str(mine), "--forms", str(forms), "-o", str(booklet)]) == 0
        assert booklet.stat().st_size > 0
    assert EVIDENCE in [c.value for ws in load_workbook(tmp_path / "unit.xlsx") for row in ws.iter_rows()
                        for c in row]
    assert "某省项目支出绩效自评表" in "".join(p.text for p in Document(tmp_path / "unit.docx").paragraphs) + \
        docx_text(tmp_path / "unit.docx")


def test_the_new_field_is_checked_like_any_other(my_form, capsys):
    forms, mine = my_form
    edit(mine, r"evidence: ", "evidense: ", count=1)
    assert main(["check", str(mine), "--forms", str(forms)]) == 1
    err = capsys.readouterr()
    assert "RG111" in err.out + err.err and "evidence" in err.out + err.err
