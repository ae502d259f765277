"""The booklet's summary is data: each form's profile puts its line in a section; a department's
own form gets a section of its own, first, and is never added to its projects' total."""
from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl import load_workbook

from reportgen import load
from reportgen.cli import main
from reportgen.money import format_amount
from tests.conftest import FAST, SAMPLES, pdf_pages, squash
from tests.forms.folders import edit

DEPARTMENT_SECTION = """summary:
  name: project.implementer
  section:
    id: department
    title: 部门整体绩效目标
    heading: 部门整体绩效汇总表
    cover: 部门整体绩效目标
    order: 10
    totals: false
    columns:
      - {head: 部门（单位）名称, value: project.implementer, type: text}
      - {head: 年度预算总额（元）, value: funds.annual, type: money}
"""


@pytest.fixture
def unit(tmp_path, monkeypatch):
    """Two projects of target-2026 and a department form (target-2026's fields, a section of its own)."""
    monkeypatch.setenv("REPORTGEN_FORMS", "")
    forms = tmp_path / "forms"
    assert main(["new-form", "dept", "--extends", "target-2026", "-o", str(forms)]) == 0
    (forms / "dept" / "layout.html.j2").unlink()  # the parent's layout, as it is
    (forms / "dept" / "profile.yaml").write_text(DEPARTMENT_SECTION, encoding="utf-8")
    folder = tmp_path / "unit"
    folder.mkdir()
    projects = sorted((SAMPLES / "target-2026").glob("*.yaml"))[:2]
    for path in projects:
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    dept = folder / "00-dept.yaml"
    dept.write_text(projects[0].read_text(encoding="utf-8").replace("form: target-2026", "form: dept"),
                    encoding="utf-8")
    edit(dept, r"(?m)^  annual: .*$", "  annual: 52400000.00")
    edit(dept, r"(?m)^  annual_fiscal: .*$", "  annual_fiscal: 52400000.00")
    edit(dept, r"(?m)^  annual_carryover: .*$", "  annual_carryover: 0.00")
    edit(dept, r"(?m)^  annual_other: .*$", "  annual_other: 0.00")
    monkeypatch.setenv("REPORTGEN_FORMS", str(forms))
    return folder, [load(p) for p in projects]


def test_the_department_section_comes_first_and_stays_out_of_the_projects_total(unit, tmp_path):
    folder, projects = unit
    out = tmp_path / "unit.pdf"
    assert main(["booklet", str(folder), "-o", str(out), "--date", "2026-11-24", "-j", "1", *FAST]) == 0
    pages = [squash(p) for p in pdf_pages(out)]
    assert "年度绩效汇总表" in pages[0] and "项目绩效目标汇总表" not in pages[0]  # the cover: not 项目 only
    summary = pages[1]
    assert summary.startswith("绩效汇总表")
    assert summary.index("部门整体绩效目标") < summary.index("项目绩效目标")
    total = sum((p.funds.annual for p in projects), Decimal(0))
    assert f"合计{format_amount(total)}" in summary
    assert format_amount(total + Decimal("52400000.00")) not in summary
    assert summary.count("合计") == 1  # the department's section adds nothing up


def test_the_xlsx_summary_sums_only_the_projects_rows(unit, tmp_path):
    folder, projects = unit
    out = tmp_path / "unit.xlsx"
    assert main(["booklet", str(folder), "-o", str(out), "--date", "2026-11-24"]) == 0
    sheet = load_workbook(out)["汇总表"]
    formulas = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("=SUM")]
    department = next(c.row for row in sheet.iter_rows() for c in row if c.value == 52400000)
    for formula in formulas:
        first, last = (int("".join(ch for ch in part if ch.isdigit())) for part in formula[5:-1].split(":"))
        assert not first <= department <= last, formula


def test_a_summary_column_of_an_unknown_type_is_a_definition_error(unit, tmp_path, capsys):
    folder, _ = unit
    forms = folder.parent / "forms"
    edit(forms / "dept" / "profile.yaml", r"type: money", "type: amount", count=1)
    assert main(["booklet", str(folder / "00-dept.yaml"), "-o", str(tmp_path / "x.pdf")]) != 0
    assert "profile.yaml" in capsys.readouterr().err
