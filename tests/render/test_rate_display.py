"""One display rule everywhere: whole-percent rates are the same figure in every format and in the 汇总表."""
from decimal import Decimal

import pytest
import yaml
from openpyxl import load_workbook

from reportgen.cli import main
from tests.conftest import SAMPLES, docx_text, pdf_text


def whole_percent_form(tmp_path):
    data = yaml.safe_load((SAMPLES / "selfeval-2019" / "05-incubator-services.yaml").read_text(encoding="utf-8"))
    data.setdefault("settings", {})["rate_display"] = "whole-percent"
    data["funds"]["executed"] = 9278826.00  # of 9,700,000.00: 95.658%, printed 96.00%
    data["funds"].pop("rate", None)
    path = tmp_path / "form.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def rates_in(sheet) -> list:
    return [c.value for row in sheet.iter_rows() for c in row if c.number_format == "0.00%" and c.value is not None]


@pytest.mark.slow
def test_whole_percent_is_one_figure_in_pdf_docx_xlsx_html_and_the_summary(tmp_path):
    form = whole_percent_form(tmp_path)
    assert main(["render", str(form), "-o", str(tmp_path / "out"), "-f", "pdf,docx,xlsx,html"]) == 0
    out = tmp_path / "out"
    assert "96.00%" in pdf_text(out / "form.pdf") and "95.66%" not in pdf_text(out / "form.pdf")
    assert "96.00%" in docx_text(out / "form.docx")
    assert "96.00%" in (out / "form.html").read_text(encoding="utf-8")
    assert [Decimal(str(v)) for v in rates_in(load_workbook(out / "form.xlsx").active)] == [Decimal("0.96")]  # not 0.95658
    for suffix in ("xlsx", "pdf"):
        assert main(["booklet", str(form), "-o", str(tmp_path / f"b.{suffix}"), "--date", "2026-11-24"]) == 0
    summary = load_workbook(tmp_path / "b.xlsx").worksheets[0]
    assert Decimal("0.96") in [Decimal(str(v)) for v in rates_in(summary)]
    assert "95.66%" not in pdf_text(tmp_path / "b.pdf").split("- 1 -")[0]
