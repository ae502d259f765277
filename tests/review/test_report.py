"""The review report: the same findings as the terminal, each at its cell, as PDF, HTML and XLSX."""
import html
import json
import re
import subprocess
import sys

import pytest
from openpyxl import load_workbook

from reportgen.cli import main
from tests.checks.test_cycle import SELFEVAL
from tests.conftest import ROOT, SAMPLES
from tests.minimal import TARGET_2026, variant

FORMS = {
    "clean.yaml": TARGET_2026.replace("测试项目", "干净项目"),
    "warned.yaml": variant("    - 第一段。", "    - 第一段, 第二句。\n    - 第二段?有问题",
                           variant('target: "≥10(场)"', 'target: "10场"', TARGET_2026.replace("测试项目", "另一项目"))),
    "selfeval.yaml": variant("total: {initial: 1000.50", "total: {initial: 900.00", SELFEVAL),
}


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "forms"
    folder.mkdir()
    for name, text in FORMS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def terminal(capsys, *argv) -> list[dict]:
    capsys.readouterr()
    main(["check", *map(str, argv), "--format", "json"])
    return json.loads(capsys.readouterr().out)


def test_the_html_report_marks_each_finding_at_its_cell_and_lists_it(inputs, tmp_path, capsys):
    findings = terminal(capsys, inputs)
    assert main(["check", str(inputs), "--report", str(tmp_path / "r.html")]) == 0
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    for problem in findings:  # every finding of the terminal, with its message
        assert html.escape(problem["message"], quote=True) in page.replace("&#34;", "&quot;").replace("&#39;", "&#x27;"), problem
    warned = [p for p in findings if p["file"].endswith("warned.yaml")]
    # the value without an operator is marked in its cell, the half-width comma and the lost character in their paragraphs
    cell = re.search(r"<td class=\"value\" colspan=\"2\">=10\.00\(场\)<span class=\"finding-mark\">\[(\d+)\]</span></td>", page)
    assert cell, "no mark on the value's cell"
    numbers = [p["code"] for p in warned]
    assert numbers[int(cell.group(1)) - 1] == "RG702"
    assert re.search(r"第一段, 第二句。<span class=\"finding-mark\">\[\d\]</span>", page)
    assert re.search(r"第二段\?有问题<span class=\"finding-mark\">\[\d\]</span>", page)
    assert page.count("本表未发现问题") == 1  # clean.yaml
    assert "\ue0f0" not in page and "\ue0f1" not in page


def test_the_pdf_report_opens_with_the_summary_then_every_form_and_its_findings(inputs, tmp_path, capsys):
    findings = terminal(capsys, inputs)
    assert main(["check", str(inputs), "--report", str(tmp_path / "r.pdf")]) == 0
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "r.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    first = text.split("\f")[0]
    assert "绩效表单审核报告" in first and "按单位汇总" in first and "按表单汇总" in first
    assert "测试单位" in first and "1,000.50" in first
    assert text.count("财政项目支出绩效目标申报表") == 2 and "财政项目支出绩效自评表" in text
    assert "本表未发现问题" in text
    for problem in findings:
        assert problem["code"] in text
    assert "[1]" in text


def test_the_xlsx_report_is_a_findings_table_a_reviewer_can_filter(inputs, tmp_path, capsys):
    findings = terminal(capsys, inputs)
    assert main(["check", str(inputs), "--report", str(tmp_path / "r.xlsx")]) == 0
    book = load_workbook(tmp_path / "r.xlsx")
    sheet = book["审核发现"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("文件", "项目", "字段", "行", "编码", "级别", "名称", "错误信息", "审核说明")
    assert sheet.auto_filter.ref == f"A1:I{len(rows)}"
    assert sorted((r[0], r[2], r[3], r[4], r[7]) for r in rows[1:]) == sorted(
        (p["file"], p["path"], p["line"], p["code"], p["message"]) for p in findings)
    assert {r[5] for r in rows[1:]} <= {"错误", "警告", "提示"} and all(r[8] for r in rows[1:])
    forms = list(book["表单"].iter_rows(values_only=True))
    assert [r[3] for r in forms[1:] if r[0].endswith("clean.yaml")] == ["未发现问题"]


def test_data_that_looks_like_a_formula_stays_text_in_the_xlsx_report(tmp_path):
    form = tmp_path / "f.yaml"
    form.write_text(variant("  name: 测试项目", '  name: "=HYPERLINK(\\"http://x\\",\\"y\\")"',
                            variant('target: "≥10(场)"', 'target: "10场"')), encoding="utf-8")
    assert main(["check", str(form), "--report", str(tmp_path / "r.xlsx")]) == 0
    cell = load_workbook(tmp_path / "r.xlsx")["审核发现"]["B2"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_min_severity_gives_the_report_the_same_findings_as_the_terminal(inputs, tmp_path, capsys):
    findings = terminal(capsys, inputs, "--min-severity", "warning")
    assert main(["check", str(inputs), "--min-severity", "warning", "--report", str(tmp_path / "r.xlsx")]) == 0
    rows = list(load_workbook(tmp_path / "r.xlsx")["审核发现"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(findings) and "提示" not in {r[5] for r in rows}


def test_text_cannot_pose_as_a_mark(tmp_path):
    form = tmp_path / "f.yaml"
    form.write_text(variant("    - 第一段。", "    - 第一段\ue0f07\ue0f1。"), encoding="utf-8")
    main(["check", str(form), "--report", str(tmp_path / "r.html")])
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "[7]" not in page and "第一段\ufffd7\ufffd。" in page


def test_a_file_that_cannot_be_read_gets_its_problems_without_a_form(inputs, tmp_path):
    (inputs / "broken.yaml").write_text("form: target-2026\nyear: [2026\n", encoding="utf-8")
    assert main(["check", str(inputs), "--report", str(tmp_path / "r.html")]) == 1
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    section = page[page.index("broken.yaml</h2>"):]
    assert "文件无法读取" in section and "RG100" in section


def test_a_report_of_another_kind_is_refused_before_any_work(inputs, tmp_path):
    assert main(["check", str(inputs), "--report", str(tmp_path / "r.docx")]) == 2
    assert not (tmp_path / "r.docx").exists()


@pytest.mark.slow
def test_only_a_pdf_report_imports_weasyprint(tmp_path):
    probe = ("import sys; from reportgen.cli import main\n"
             f"main(['check', {str(SAMPLES / 'target-2026')!r}, '--report', sys.argv[1]])\n"
             "print('weasyprint' in sys.modules, 'openpyxl' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", probe, str(tmp_path / "r.xlsx")], capture_output=True,
                            text=True, cwd=ROOT)
    assert result.stdout.strip().splitlines()[-1] == "False True", result.stderr
