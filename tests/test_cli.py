"""The command line as users meet it: exit codes, messages with locations, nothing clobbered."""
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reportgen.cli import main
from tests.conftest import ROOT, SAMPLES
from tests.minimal import TARGET_2026, variant

SAMPLE = SAMPLES / "target-2026" / "05-project-management-fee.yaml"


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run ``python -m reportgen`` in a fresh process, as a user would."""
    return subprocess.run([sys.executable, "-m", "reportgen", *args], capture_output=True, text=True,
                          cwd=cwd, env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_render_writes_each_format_and_prints_a_summary(tmp_path, capsys):
    assert main(["render", str(SAMPLE), "-o", str(tmp_path), "-f", "pdf,docx,xlsx,html"]) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    stem = SAMPLE.stem
    assert names == sorted(f"{stem}.{ext}" for ext in ("pdf", "docx", "xlsx", "html"))
    assert "1 份成功，0 份失败" in capsys.readouterr().out


def test_a_folder_keeps_its_subfolders_so_same_names_do_not_collide(tmp_path):
    for sub in ("a", "b"):
        (tmp_path / "in" / sub).mkdir(parents=True)
        (tmp_path / "in" / sub / "x.yaml").write_text(TARGET_2026, encoding="utf-8")
    assert main(["render", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-f", "html"]) == 0
    assert (tmp_path / "out" / "a" / "x.html").exists() and (tmp_path / "out" / "b" / "x.html").exists()


def test_bad_input_fails_with_location_and_leaves_existing_output_alone(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text(variant("  nature: 其他一次性项目", "  natrue: 其他一次性项目"), encoding="utf-8")
    good = tmp_path / "good.yaml"
    good.write_text(TARGET_2026, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "bad.html").write_text("previous version")
    assert main(["render", str(bad), str(good), "-o", str(out), "-f", "html"]) == 1
    err = capsys.readouterr()
    assert f"{bad}:6:3  project.natrue  错误 RG111" in err.err
    assert "1 份成功，1 份失败" in err.out
    assert (out / "bad.html").read_text() == "previous version"
    assert (out / "good.html").exists()
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_english_messages_on_request(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text(variant("year: 2026", "year: soon"), encoding="utf-8")
    assert main(["render", str(bad), "-o", str(tmp_path), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "error RG112: wrong type: expected a year such as 2026" in err


@pytest.mark.slow
@pytest.mark.parametrize("text, code", [
    ("form: target-2026\nyear: [\n", "RG100"),
    ("- just\n- a list\n", "RG102"),
    ("form: nope\n", "RG103"),
])
def test_each_error_class_exits_1_without_a_traceback(tmp_path, text, code):
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    result = run_cli("render", str(bad), "-o", str(tmp_path / "out"))
    assert result.returncode == 1
    assert code in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_usage_errors_exit_2(tmp_path, capsys):
    assert main(["render", str(SAMPLE), "-f", "pdf,odt", "-o", str(tmp_path)]) == 2
    assert "odt" in capsys.readouterr().err
    assert main(["schema", "target-1999"]) == 2
    assert main(["render"]) == 2
    assert main(["booklet", str(SAMPLE), "-o", str(tmp_path / "b.pdf"), "--pdf-variant", "x"]) == 2


def test_a_missing_input_is_reported_and_fails(tmp_path, capsys):
    assert main(["render", str(tmp_path / "nope.yaml"), "-o", str(tmp_path)]) == 2  # no input at all, as for check
    assert "找不到输入" in capsys.readouterr().err


def test_a_character_no_font_draws_is_an_error_naming_it(tmp_path, capsys):
    bad = tmp_path / "tofu.yaml"
    bad.write_text(variant("  name: 测试项目", "  name: 测试\U000F0000项目"), encoding="utf-8")
    assert main(["render", str(bad), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:5:9  project.name  错误 RG801" in err and "U+F0000" in err
    assert not (tmp_path / "out").exists()


def test_schema_is_json_schema_for_editors(capsys):
    assert main(["schema", "target-2026"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["additionalProperties"] is False
    assert {"project", "funds", "goals", "indicators"} <= set(schema["properties"])
    assert schema["required"][:1] == ["form"]
    assert schema["title"] == "财政项目支出绩效目标申报表 (target-2026)"


@pytest.mark.parametrize("form", ["target-2026", "selfeval-2020", "selfeval-2019", "target-2020"])
def test_new_writes_a_starter_that_checks_clean_and_renders(tmp_path, capsys, form):
    from reportgen import FORMS

    assert form in FORMS
    starter = tmp_path / "mine.yaml"
    assert main(["new", form, "-o", str(starter)]) == 0
    assert starter.read_text(encoding="utf-8").count("#") > 10
    assert main(["new", form, "-o", str(starter)]) == 1  # refuses to overwrite
    assert main(["check", str(starter), "--strict"]) == 0
    assert main(["render", str(starter), "-o", str(tmp_path / "out"), "-f", "html"]) == 0


def test_every_form_type_has_a_starter(tmp_path):
    from reportgen import FORMS

    for form_id in FORMS:
        assert main(["new", form_id, "-o", str(tmp_path / f"{form_id}.yaml")]) == 0
        assert f"\nform: {form_id}\n" in (tmp_path / f"{form_id}.yaml").read_text(encoding="utf-8")


def test_doctor_reports_subsetter_fonts_office_and_formats(capsys):
    assert main(["doctor"]) == 0
    out = capsys.readouterr().out
    assert "HarfBuzz" in out and "Noto Serif CJK SC" in out
    office = shutil.which("soffice") or shutil.which("libreoffice")
    assert re.search(rf"^LibreOffice\s+{re.escape(office)}$", out, re.MULTILINE), out  # where it is, not a caption
    assert re.search(r"^pango\s+1\.\d+\.\d+$", out, re.MULTILINE)
    assert re.search(r"^输出格式\s+pdf docx xlsx html$", out, re.MULTILINE)
    assert re.search(r"^汇总册格式\s+pdf docx xlsx$", out, re.MULTILINE)


@pytest.mark.slow
def test_commands_that_do_not_render_do_not_import_weasyprint():
    probe = ("import sys; from reportgen.cli import main\n"
             "for argv in (['--help'], ['schema', 'target-2026'], ['check', 'samples/target-2026']):\n"
             "    try: main(argv)\n"
             "    except SystemExit: pass\n"
             "print('weasyprint' in sys.modules, 'docx' in sys.modules, 'openpyxl' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.strip().splitlines()[-1] == "False False False", result.stderr


def test_check_exit_codes_and_json(tmp_path, capsys):
    clean = tmp_path / "clean.yaml"
    clean.write_text(TARGET_2026, encoding="utf-8")
    warned = tmp_path / "warned.yaml"
    warned.write_text(variant('target: "≥10(场)"', 'target: "10场"'), encoding="utf-8")
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(variant("  annual_fiscal: 1000.50", "  annual_fiscal: 1"), encoding="utf-8")
    assert main(["check", str(clean)]) == 0
    assert main(["check", str(warned)]) == 0
    assert main(["check", str(warned), "--strict"]) == 3
    assert main(["check", str(wrong), str(clean)]) == 1
    capsys.readouterr()
    assert main(["check", str(wrong), "--format", "json", "--lang", "en"]) == 1
    found = json.loads(capsys.readouterr().out)
    assert found[0].keys() >= {"file", "line", "column", "path", "code", "severity", "message"}
    assert (found[0]["code"], found[0]["line"], found[0]["path"]) == ("RG201", 13, "funds.annual")
    assert "is not the sum" in found[0]["message"]


def test_render_stops_on_check_errors_and_prints_warnings(tmp_path, capsys):
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(variant("  annual_fiscal: 1000.50", "  annual_fiscal: 1"), encoding="utf-8")
    warned = tmp_path / "warned.yaml"
    warned.write_text(variant('target: "≥10(场)"', 'target: "10场"'), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["render", str(wrong), str(warned), "-o", str(out), "-f", "html"]) == 1
    err = capsys.readouterr().err
    assert "错误 RG201" in err and "警告 RG702" in err
    assert sorted(p.name for p in out.iterdir()) == ["warned.html"]


@pytest.mark.parametrize("argv", [
    ["render", "samples/target-2026", "-f", "bogus"],                 # a usage error, from a command
    ["booklet", "samples/target-2026", "-o", "x.txt"],                 # another command's
    ["render", "no/such/folder"],                                      # a line a command prints
])
def test_every_message_is_in_the_language_chosen(argv, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    main(argv)
    chinese = capsys.readouterr().err
    main([*argv, "--lang", "en"])
    english = capsys.readouterr().err
    assert re.search(r"[\u4e00-\u9fff]", chinese) and english.strip(), chinese
    assert not re.search(r"[\u4e00-\u9fff]", english), english


def test_both_languages_on_request_chinese_first(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    main(["render", "samples/target-2026", "-f", "bogus", "--lang", "both"])
    err = capsys.readouterr().err
    assert err.index("未知的输出格式") < err.index("unknown format"), err
