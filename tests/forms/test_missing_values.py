"""Values the tool itself can produce (an empty cell read back as null) never crash a command."""
import re
import shutil

import pytest

from reportgen.cli import main
from reportgen.resources import templates_dir
from tests.conftest import SAMPLES

BUILT_IN = templates_dir() / "forms"
SELFEVAL = SAMPLES / "selfeval-2020" / "01-incubator-base-operations.yaml"


@pytest.fixture(autouse=True)
def no_user_forms(monkeypatch):
    monkeypatch.setenv("REPORTGEN_FORMS", "")


def test_a_default_also_fills_an_explicit_null(tmp_path, capsys):
    text = SELFEVAL.read_text(encoding="utf-8")
    assert "  weight: 10\n" in text
    data = tmp_path / "x.yaml"
    data.write_text(text.replace("  weight: 10\n", "  weight: null\n", 1), encoding="utf-8")
    assert main(["check", str(data)]) in (0, 3)
    assert main(["render", str(data), "-o", str(tmp_path), "-f", "html"]) == 0
    html = (tmp_path / "x.html").read_text(encoding="utf-8")
    assert 'data-number="10"' in html or ">10<" in html


def test_a_rule_that_meets_a_missing_value_gives_a_located_finding(tmp_path, capsys):
    folder = tmp_path / "forms" / "selfeval-2020"
    shutil.copytree(BUILT_IN / "selfeval-2020", folder)
    profile = folder / "profile.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace(
        "    - {code: RG403, stated: total_score, computed: calc.score_total}",
        "    - {code: RG403, stated: \"indicators[9].groups[0].items[0].score\", computed: calc.score_total}"),
        encoding="utf-8")
    code = main(["check", str(SELFEVAL), "--forms", str(tmp_path / "forms")])
    out = capsys.readouterr().out
    assert code in (0, 3) and "RG117" in out and "stated_points" in out, out
    finding = next(line for line in out.splitlines() if "RG117" in line)
    assert re.match(rf"{re.escape(str(SELFEVAL))}:[1-9]\d*:[1-9]\d*  indicators\[9\]", finding), finding


def test_an_import_of_a_file_made_with_an_unknown_form_names_the_form_and_the_way_to_supply_it(tmp_path, capsys,
                                                                                              monkeypatch):
    assert main(["new-form", "my-form", "--from", "target-2026", "-o", str(tmp_path / "forms")]) == 0
    data = tmp_path / "x.yaml"
    sample = (SAMPLES / "target-2026" / "05-project-management-fee.yaml").read_text(encoding="utf-8")
    data.write_text(sample.replace("form: target-2026", "form: my-form"), encoding="utf-8")
    assert main(["render", str(data), "-o", str(tmp_path), "-f", "xlsx", "--forms", str(tmp_path / "forms")]) == 0
    capsys.readouterr()
    monkeypatch.setenv("REPORTGEN_FORMS", "")  # --forms above put the folder on this process's search path
    assert main(["import", str(tmp_path / "x.xlsx"), "-o", str(tmp_path / "back")]) == 1
    said = capsys.readouterr()
    text = said.out + said.err
    assert "RG912" in text and "my-form" in text and "--forms" in text and "RG909" not in text, text
