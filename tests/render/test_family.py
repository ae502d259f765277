"""The wider family as data only: the department form (and samples for monitor and the Sichuan
variant) render in every format, check clean, book with the right sections, and keep goldens."""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from reportgen import load
from reportgen.cli import main
from reportgen.inputs import collect
from reportgen.money import format_amount, in_unit
from reportgen.options import RenderOptions
from reportgen.pipeline import render
from tests.conftest import FAST, SAMPLES, pdf_pages, pdf_text, shared, squash, xlsx_cells

FAMILY = [name for name in ("dept-target", "dept-selfeval", "monitor", "selfeval-sichuan", "selfeval-hubei",
                            "transfer-selfeval") if (SAMPLES / name).is_dir()]


@pytest.fixture(scope="session")
def rendered_family(tmp_path_factory) -> dict[str, dict[str, Path]]:
    """Every sample of the family in PDF, DOCX and XLSX, rendered once in a run: 'folder/stem' → format → path."""
    return shared(tmp_path_factory, "family", _render_family)


def _render_family(out: Path) -> dict[str, dict[str, Path]]:
    result = {}
    for name in FAMILY:
        items, _ = collect([str(SAMPLES / name)])
        for item in items:
            outcome = render(item, out / name, ["pdf", "docx", "xlsx"], RenderOptions())
            assert not outcome.failed, [p.format() for p in outcome.problems] + [outcome.error]
            result[f"{name}/{item.path.stem}"] = {p.suffix[1:]: p for p in outcome.written}
    return result


def test_every_sample_of_the_family_checks_without_errors(capsys):
    assert FAMILY == ["dept-target", "dept-selfeval", "monitor", "selfeval-sichuan", "selfeval-hubei", "transfer-selfeval"]
    assert main(["check", *(str(SAMPLES / name) for name in FAMILY)]) in (0, 3)  # warnings are the reviewer's


def test_golden_outputs_of_each_form_of_the_family(rendered_family, golden):
    from docx import Document

    from tests.render.test_docx import table_grid

    for name in FAMILY:
        key = next(k for k in sorted(rendered_family) if k.startswith(name + "/"))
        paths = rendered_family[key]
        stem = f"{name}/{key.split('/')[1][:2]}"
        golden(f"{stem}.pdf.json", [page.splitlines() for page in pdf_pages(paths["pdf"])])
        golden(f"{stem}.docx.json", [table_grid(t) for t in Document(paths["docx"]).tables])
        golden(f"{stem}.xlsx.json", [[c, str(v), f] for c, v, f in xlsx_cells(paths["xlsx"])])


def test_the_department_form_prints_wan_yuan_and_its_tasks_total(rendered_family):
    key = next(k for k in rendered_family if k.startswith("dept-target/"))
    form = load(SAMPLES / "dept-target" / f"{key.split('/')[1]}.yaml")
    pdf = squash(pdf_text(rendered_family[key]["pdf"]))
    assert "部门收支预算（万元）" in pdf and format_amount(in_unit(form.income.total, "万元")) in pdf
    total = sum((t.total for t in form.tasks), Decimal(0))
    assert f"金额合计{format_amount(in_unit(total, '万元'))}" in pdf
    assert all(squash(t.name) in pdf for t in form.tasks)


def test_a_booklet_of_a_department_and_its_projects_has_both_sections(tmp_path):
    out = tmp_path / "unit.pdf"
    inputs = [str(SAMPLES / "dept-target"), *map(str, sorted((SAMPLES / "target-2026").glob("*.yaml"))[:3])]
    assert main(["booklet", *inputs, "-o", str(out), "--date", "2026-11-24", "-j", "1", *FAST]) == 0
    summary = squash(pdf_pages(out)[1])
    projects = [load(p) for p in sorted((SAMPLES / "target-2026").glob("*.yaml"))[:3]]
    total = sum((p.funds.annual for p in projects), Decimal(0))
    assert summary.index("部门整体绩效目标") < summary.index("项目绩效目标")
    assert f"合计{format_amount(total)}" in summary and len(re.findall(r"合计\d", summary)) == 1  # projects only


def test_the_hubei_form_scores_execution_out_of_20_in_wan_yuan_with_tick_boxes(rendered_family):
    key = next(k for k in rendered_family if k.startswith("selfeval-hubei/"))
    pdf = squash(pdf_text(rendered_family[key]["pdf"]))
    assert "项目资金（万元）" in pdf and "580.00580.00562.602097.00%19.4" in pdf  # 20 × 97%
    assert "☑部门预算项目□专项转移支付项目" in pdf and "□新增项目☑延续项目" in pdf
    assert "年初目标值(A)实际完成值(B)" in pdf


def test_a_unit_booklet_puts_the_department_first_projects_next_and_transfers_summed_by_region(tmp_path):
    out = tmp_path / "unit.pdf"
    project = sorted((SAMPLES / "target-2026").glob("*.yaml"))[0]
    inputs = [str(SAMPLES / "transfer-selfeval"), str(project), str(SAMPLES / "dept-target")]
    assert main(["booklet", *inputs, "-o", str(out), "--date", "2026-11-24", "-j", "1", *FAST]) == 0
    summary = squash(pdf_pages(out)[1])
    assert summary.index("部门整体绩效目标") < summary.index("项目绩效目标") < summary.index("转移支付区域绩效")
    transfers = [load(p) for p in sorted((SAMPLES / "transfer-selfeval").glob("*.yaml"))]
    langzhong = [t for t in transfers if t.region == "阆中市"]
    assert len(langzhong) == 2  # two transfers of one region: one line, their amounts summed
    budget = sum((t.funds.total.budget for t in langzhong), Decimal(0))
    executed = sum((t.funds.total.executed for t in langzhong), Decimal(0))
    assert f"阆中市{format_amount(budget)}{format_amount(executed)}" in summary
    everything = sum((t.funds.total.budget for t in transfers), Decimal(0))
    assert f"合计{format_amount(everything)}" in summary


def test_the_department_self_evaluation_scores_and_grades_and_leads_its_booklet(rendered_family, tmp_path):
    key = next(k for k in rendered_family if k.startswith("dept-selfeval/"))
    pdf = squash(pdf_text(rendered_family[key]["pdf"]))
    assert "部门预算资金（万元）" in pdf and "年度资金总额4,980.005,125.005,041.231098.37%9.84" in pdf
    # the provinces' score sheet (寿县 2023): its columns, 一级 / 二级 labels with their points, 序号 counting rows
    assert "序号一级指标（分值）二级指标（分值）三级指标指标分值指标解释指标说明及评分标准自评得分" in pdf
    assert "1规划(15分)目标设定(8分)绩效目标合理性4部门整体绩效目标依据是否充分" in pdf and "15社会满意度(10分)" in pdf
    assert "总分（含部门预算资金执行率）100自评得分合计97.54绩效等级优" in pdf  # 9.84 + 87.70 points of the rows
    out = tmp_path / "unit.pdf"
    project = sorted((SAMPLES / "selfeval-2020").glob("*.yaml"))[0]
    assert main(["booklet", str(project), str(SAMPLES / "dept-selfeval"), "-o", str(out), "--date", "2026-03-01"]) == 0
    summary = squash(pdf_pages(out)[1])
    assert summary.index("部门整体绩效自评") < summary.index("项目绩效自评")
    assert format_amount(load(project).funds.total.adjusted + Decimal("51250000.00")) not in summary
