"""The smaller faults of issue 18, one test each."""
from __future__ import annotations

import subprocess
import sys

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from reportgen.cli import main
from tests.conftest import SAMPLES

DEPT = SAMPLES / "dept-target" / "01-municipal-science-centre.yaml"


def test_docx_prints_a_forms_notes_below_its_tables(tmp_path):
    assert main(["render", str(SAMPLES / "monitor"), "-o", str(tmp_path), "-f", "docx"]) == 0
    body = Document(next(tmp_path.glob("*.docx"))).element.body
    children = list(body)
    note = next(n for n, e in enumerate(children) if e.tag == qn("w:p") and "完成目标可能性" in "".join(e.itertext()))
    last_table = max(n for n, e in enumerate(children) if e.tag == qn("w:tbl"))
    assert note > last_table


def test_xlsx_repeats_only_the_header_of_the_block_that_runs_to_the_end(tmp_path):
    """dept-target: the 年度主要任务 header is not repeated above the indicator pages."""
    assert main(["render", str(DEPT), "-o", str(tmp_path), "-f", "xlsx"]) == 0
    sheet = load_workbook(next(tmp_path.glob("*.xlsx"))).active
    first, last = (int(part.strip("$")) for part in sheet.print_title_rows.split(":"))
    heads = {c.value for r in range(first, last + 1) for c in sheet[r] if c.value}
    assert "一级指标" in heads and "任务名称" not in heads


def test_the_fill_in_shows_no_starter_values_in_its_caption_or_tab(tmp_path):
    path = tmp_path / "fill.xlsx"
    assert main(["new", "target-2020", "-o", str(path)]) == 0
    book = load_workbook(path)
    sheet = book.worksheets[0]
    assert sheet.title == "财政项目支出绩效目标表"
    texts = [str(c.value) for row in sheet.iter_rows() for c in row if c.value]
    assert not [t for t in texts if "某某" in t]
    asked = [str(c.value) for c in book["填写说明"]["A"] if c.value]
    assert "申报单位名称" in asked  # asked where it can be typed


def test_import_names_a_booklets_forms_by_what_their_profile_names_them(tmp_path):
    booklet = tmp_path / "unit.xlsx"
    project = sorted((SAMPLES / "target-2026").glob("*.yaml"))[0]
    assert main(["booklet", str(DEPT), str(project), "-o", str(booklet)]) == 0
    assert main(["import", str(booklet), "-o", str(tmp_path / "back")]) == 0
    names = sorted(p.name for p in (tmp_path / "back" / "unit").iterdir())
    assert names[0] == "01-上海市科技创业中心.yaml" and names[1].startswith("02-创业孵化基地运行保障")


@pytest.mark.slow
def test_forms_into_a_closed_pipe_ends_quietly():
    result = subprocess.run(["bash", "-c", f"'{sys.executable}' -m reportgen forms | true; echo ${{PIPESTATUS[0]}}"],
                            capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "0" and "Broken pipe" not in result.stderr and "Traceback" not in result.stderr
