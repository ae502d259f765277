"""RG211: an amount (元 in the data) that a form prints in 万元 and that is not exact at the printed
precision is a warning at its line and field, so printing never changes a figure silently."""
from __future__ import annotations

import json

from reportgen.cli import main
from tests.checks.test_reader import changed
from tests.conftest import SAMPLES
from tests.forms.folders import copied_form, edit

DEPT = "dept-target/01-municipal-science-centre"
HUBEI = next(p.stem for p in (SAMPLES / "selfeval-hubei").glob("*.yaml"))


def findings(capsys, path, *extra: str) -> list[dict]:
    assert main(["check", str(path), "--format", "json", *extra]) in (0, 3)
    return [p for p in json.loads(capsys.readouterr().out) if p["code"] == "RG211"]


def test_an_amount_not_exact_in_the_forms_wan_yuan_is_a_warning_at_its_field(tmp_path, capsys):
    path = tmp_path / "dept.yaml"
    path.write_text(changed(DEPT, ("    total: 8450000.00", "    total: 1234567.89")), encoding="utf-8")
    found = findings(capsys, path)
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "1234567.89" in text)
    assert [(p["path"], p["line"], p["column"], p["severity"]) for p in found] == [("tasks[0].total", line, 12, "warning")]
    assert "1,234,567.89 元打印为 123.46 万元，不是精确值（差 32.11 元）" in found[0]["message"]
    assert main(["check", str(path), "--lang", "both"]) == 0
    line_out = next(li for li in capsys.readouterr().out.splitlines() if "RG211" in li)
    assert line_out.index("打印为") < line_out.index("prints as")  # Chinese first


def test_amounts_exact_at_the_printed_precision_are_quiet(tmp_path, capsys):
    path = tmp_path / "dept.yaml"
    path.write_text(changed(DEPT, ("    total: 8450000.00", "    total: 8450100.00")), encoding="utf-8")
    assert findings(capsys, path) == []
    for sample in ("dept-target", "dept-selfeval", "selfeval-hubei", "transfer-selfeval"):
        assert findings(capsys, SAMPLES / sample) == [], sample


def test_the_hubei_forms_executed_amount_in_fen_is_reported(tmp_path, capsys):
    path = tmp_path / "hubei.yaml"
    text = (SAMPLES / "selfeval-hubei" / f"{HUBEI}.yaml").read_text(encoding="utf-8")
    start = text.index("executed: ", text.index("  total:")) + len("executed: ")
    end = text.index("}", start)
    path.write_text(text[:start] + "5626000.50" + text[end:], encoding="utf-8")
    assert [p["path"] for p in findings(capsys, path)] == ["funds.total.executed"]


def test_a_cell_in_wan_yuan_on_a_form_in_yuan_is_checked_alone(tmp_path, monkeypatch, capsys):
    folder = copied_form(tmp_path, monkeypatch, "cell-wan", "target-2026")
    edit(folder / "layout.html.j2", r'\{\{ field\("funds.annual", colspan=2\) \}\}',
         '{{ field("funds.annual", colspan=2, unit="万元") }}')
    mine = tmp_path / "mine.yaml"
    assert main(["new", "cell-wan", "--forms", str(folder.parent), "-o", str(mine)]) == 0
    edit(mine, r"(?m)^(  annual|  annual_fiscal): 1000000.00", r"\1: 4087512.34")
    capsys.readouterr()
    assert [p["path"] for p in findings(capsys, mine, "--forms", str(folder.parent))] == ["funds.annual"]
