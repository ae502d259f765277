"""The hostile and careless user's probes: nothing overwritten or counted twice, no formula,
no traceback, bounded work. Each probe ends in a clear message or a correct file."""
from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from reportgen.cli import main
from reportgen.errors import EXIT_CODES
from tests.conftest import ROOT, SAMPLES
from tests.minimal import SELFEVAL_2020, TARGET_2026, variant

FORM = SAMPLES / "target-2026" / "01-incubation-base-operation.yaml"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def files_in(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


# -- 1. never overwrite, never two results on one path, never one input twice --

@pytest.mark.slow
def test_two_inputs_on_one_output_path_are_refused_naming_both(tmp_path, capsys):
    a, b = write(tmp_path / "a" / "form.yaml", TARGET_2026), write(tmp_path / "b" / "form.yaml", TARGET_2026)
    assert main(["render", str(a), str(b), "-o", str(tmp_path / "out"), "-f", "html"]) == 2
    err = capsys.readouterr().err
    assert str(a) in err and str(b) in err and "共同的上级目录" in err
    assert files_in(tmp_path / "out") == []
    assert main(["render", str(tmp_path), "-o", str(tmp_path / "out"), "-f", "html"]) == 0  # the folder keeps them apart
    assert files_in(tmp_path / "out") == ["a/form.html", "b/form.html"]


def test_the_same_stem_in_yaml_and_json_is_refused(tmp_path, capsys):
    write(tmp_path / "in" / "x.yaml", TARGET_2026)
    write(tmp_path / "in" / "x.yml", TARGET_2026)
    assert main(["render", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-f", "html"]) == 2
    assert "x.yml" in capsys.readouterr().err and files_in(tmp_path / "out") == []


def test_a_file_reached_twice_is_rendered_once_with_a_warning(tmp_path, capsys):
    form = write(tmp_path / "in" / "f.yaml", TARGET_2026)
    assert main(["render", str(form), str(tmp_path / "in"), str(tmp_path / "in" / ".." / "in" / "f.yaml"),
                 "-o", str(tmp_path / "out"), "-f", "html"]) == 0
    out = capsys.readouterr()
    assert out.out.count("✓") == 1 and out.err.count("只使用一次") == 2 and "1 份成功" in out.out


def test_an_output_that_is_an_input_through_a_symlink_is_refused(tmp_path, capsys):
    form = write(tmp_path / "f.yaml", TARGET_2026)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "f.html").symlink_to(form)
    assert main(["render", str(form), "-o", str(tmp_path / "out"), "-f", "html"]) == 2
    assert form.read_text(encoding="utf-8") == TARGET_2026
    (tmp_path / "b.pdf").symlink_to(form)
    assert main(["booklet", str(form), "-o", str(tmp_path / "b.pdf")]) == 2
    assert "不会覆盖" in capsys.readouterr().err and form.read_text(encoding="utf-8") == TARGET_2026


def test_an_output_folder_leaving_through_a_symlink_is_refused(tmp_path):
    form = write(tmp_path / "in" / "sub" / "f.yaml", TARGET_2026)
    (tmp_path / "out").mkdir()
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "out" / "sub").symlink_to(tmp_path / "elsewhere")
    assert main(["render", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-f", "html"]) == 5
    assert files_in(tmp_path / "elsewhere") == []
    del form


def test_a_full_disk_writes_no_format_and_says_so(tmp_path, monkeypatch, capsys):
    from reportgen import output

    real, calls = output._write_temp, []

    def full_after_one(target, data):
        calls.append(target)
        if len(calls) > 1:
            raise OSError(28, "No space left on device")
        return real(target, data)

    monkeypatch.setattr(output, "_write_temp", full_after_one)
    form = write(tmp_path / "f.yaml", TARGET_2026)
    assert main(["render", str(form), "-o", str(tmp_path / "out"), "-f", "html,xlsx", "-j", "1"]) == 5
    err = capsys.readouterr().err
    assert "No space left on device" in err and "未生成输出" in err
    assert files_in(tmp_path / "out") == []  # the first temporary was removed too


def test_stale_temporaries_of_a_killed_run_are_removed(tmp_path):
    stale = write(tmp_path / "out" / ".rg-999999999-abcd.tmp", "half")
    mine = write(tmp_path / "out" / f".rg-{os.getpid()}-abcd.tmp", "in use")
    form = write(tmp_path / "f.yaml", TARGET_2026)
    assert main(["render", str(form), "-o", str(tmp_path / "out"), "-f", "html"]) == 0
    assert not stale.exists() and mine.exists()


def test_a_long_chinese_stem_fits_its_temporary_name(tmp_path):
    form = write(tmp_path / ("项" * 80 + ".yaml"), TARGET_2026)  # 240 bytes + .docx: no room for a long temp name
    assert main(["render", str(form), "-o", str(tmp_path / "out"), "-f", "docx,xlsx"]) == 0
    assert files_in(tmp_path / "out") == ["项" * 80 + ".docx", "项" * 80 + ".xlsx"]


# -- booklets: nothing counted twice, manifests in their folder --

def summary_rows(path: Path) -> list[tuple]:
    sheet = load_workbook(path).worksheets[0]
    return [tuple(c.value for c in row) for row in sheet.iter_rows() if str(row[0].value).isdigit()]


@pytest.mark.slow
def test_the_readme_manifest_gives_fifteen_forms(tmp_path, capsys):
    shutil.copytree(SAMPLES / "target-2026", tmp_path / "target-2026")
    manifest = write(tmp_path / "booklet.yaml", "booklet:\n  unit: 上海市科技创业中心\n  year: 2026\n"
                     "  projects: [target-2026/05-project-management-fee.yaml, target-2026, target-2026]\n")
    assert main(["booklet", str(manifest), "-o", str(tmp_path / "b.xlsx")]) == 0
    rows = summary_rows(tmp_path / "b.xlsx")
    assert len(rows) == 15 and len({row[1] for row in rows}) == 15
    assert "项目管理费" in rows[0][1]  # the named file keeps its first place
    assert "只使用一次" in capsys.readouterr().err


def test_manifest_paths_stay_in_the_manifest_folder(tmp_path, capsys):
    write(tmp_path / "outside.yaml", TARGET_2026)
    manifest = write(tmp_path / "m" / "booklet.yaml",
                     f"booklet:\n  projects: [../outside.yaml, {tmp_path / 'outside.yaml'}, /etc]\n")
    assert main(["booklet", str(manifest), "-o", str(tmp_path / "b.xlsx")]) == 1
    err = capsys.readouterr().err
    assert err.count("RG116") == 3 and "booklet.yaml:2:" in err
    assert main(["booklet", str(manifest), "-o", str(tmp_path / "b.xlsx"), "--root", str(tmp_path)]) == 1  # /etc still out
    assert len(summary_rows(tmp_path / "b.xlsx")) == 1  # the two spellings of one file count once


def test_booklet_summary_text_is_never_a_formula(tmp_path):
    payload = '=HYPERLINK("http://example.invalid","点此查看")'
    form = write(tmp_path / "f.yaml", variant("unit: 测试单位", f"unit: '{payload}'"))
    assert main(["booklet", str(form), "-o", str(tmp_path / "b.xlsx")]) == 0
    workbook = load_workbook(tmp_path / "b.xlsx")
    texts = [c for sheet in workbook for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert [c.data_type for c in texts if "HYPERLINK" in c.value] == ["s", "s"]  # the title and the unit
    formulas = [c.value for sheet in workbook for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert formulas and all(f.startswith("=SUM(") for f in formulas)


@pytest.mark.slow
def test_front_matter_of_any_length(tmp_path):
    for index in range(30):
        write(tmp_path / "in" / f"{index:02}.yaml", variant("  name: 测试项目", f"  name: {'很长的项目名称' * 12}{index}"))
    assert main(["booklet", str(tmp_path / "in"), "-o", str(tmp_path / "b.pdf"), "-j", "1"]) == 0


# -- 2./3. what check passes, every writer writes; one bad input does not stop the batch --

@pytest.mark.parametrize("char", ["\\x01", "\\v", "\\b", "\\e", "\\0", "\\x1f", "\\uFFFE"])
def test_characters_xml_cannot_hold_are_located_errors(tmp_path, capsys, char):
    form = write(tmp_path / "f.yaml", variant("  name: 测试项目", f'  name: "测试{char}项目"'))
    assert main(["check", str(form)]) == 1
    line = capsys.readouterr().out
    assert "f.yaml:5:9  project.name  错误 RG810" in line and "\x1b" not in line


def test_one_bad_input_among_good_ones_leaves_the_others_written(tmp_path, capsys, monkeypatch):
    for index in range(3):
        write(tmp_path / "in" / f"good{index}.yaml", TARGET_2026)
    write(tmp_path / "in" / "bad.yaml", variant("  name: 测试项目", '  name: "测试\\x01项目"'))
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        assert main(["render", str(tmp_path / "in"), "-o", str(out), "-f", "docx,xlsx", "-j", jobs]) == 1
        assert files_in(out) == [f"good{i}.{ext}" for i in range(3) for ext in ("docx", "xlsx")]
    assert "3 份成功，1 份失败" in capsys.readouterr().out


def test_a_writer_crash_fails_that_input_only(tmp_path, capsys, monkeypatch):
    from reportgen.render import docx

    def broken(form, options):
        if "坏" in form.layout.tables[0].cells[1].plain:
            raise ValueError("All strings must be XML compatible")
        return real(form, options)

    real = docx.write
    monkeypatch.setattr(docx, "write", broken)
    write(tmp_path / "in" / "a.yaml", TARGET_2026)
    write(tmp_path / "in" / "b.yaml", variant("  name: 测试项目", "  name: 坏项目"))
    assert main(["render", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-f", "docx", "-j", "1"]) == 1
    out = capsys.readouterr()
    assert "ValueError: All strings must be XML compatible" in out.err and "1 份成功，1 份失败" in out.out
    assert files_in(tmp_path / "out") == ["a.docx"]


@pytest.mark.parametrize("old, new, path", [
    ("  annual: 1000.50\n  annual_fiscal: 1000.50", "  annual: 1.0e+30\n  annual_fiscal: 1.0e+30", "funds.annual"),
    ('            target: "≤200(元/人)"', '            target: "≤1234567890123456789012345678901(元/人)"',
     "indicators[0].groups[0].items[0].target"),
    ("  annual_other: 0", "  annual_other: -5", "funds.annual_other"),
])
def test_numbers_no_form_can_print_are_located_errors(tmp_path, capsys, old, new, path):
    assert main(["check", str(write(tmp_path / "f.yaml", variant(old, new)))]) == 1
    assert f"  {path}  错误 RG113" in capsys.readouterr().out


def test_a_rate_beyond_printing_is_an_error(tmp_path, capsys):
    form = write(tmp_path / "f.yaml", variant('  rate: "99.94%"', '  rate: "1e40%"', SELFEVAL_2020))
    assert main(["check", str(form)]) == 1
    assert "RG113" in capsys.readouterr().out


def test_minus_zero_prints_as_zero(tmp_path):
    form = write(tmp_path / "f.yaml", variant("  annual_other: 0", "  annual_other: -0.00"))
    assert main(["render", str(form), "-o", str(tmp_path / "out"), "-f", "html"]) == 0
    assert "-0.00" not in (tmp_path / "out" / "f.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("year", ["true", "1", "20260", "2026.5", "!!int 二零二六"])
def test_a_year_must_be_plausible(tmp_path, capsys, year):
    assert main(["check", str(write(tmp_path / "f.yaml", variant("year: 2026", f"year: {year}")))]) == 1
    assert "f.yaml:2:7  year  错误 RG112" in capsys.readouterr().out


# -- 4./5. every bad input a located error, strict where the data is wrong --

@pytest.mark.parametrize("text, code", [
    ('{"form": "target-2026", "form": "target-2026"}', "RG104"),
    ('{"form": "target-2026", "year": "\\ud800"}', "RG810"),
    ('{"form": "target-2026", "year": ' + "9" * 4301 + "}", "RG105"),
    ("[" * 100_000 + "]" * 100_000, "RG107"),
    ('{"form": "target-2026", "year": NaN}', "RG105"),
])
def test_hostile_json_is_a_located_error(tmp_path, capsys, text, code):
    assert main(["check", str(write(tmp_path / "f.json", text))]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert any(f" {code}:" in line for line in lines) and all(line.startswith(str(tmp_path)) for line in lines)


def test_billion_laughs_stop_at_the_limit(tmp_path, capsys):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"{chr(97 + i)}: &{chr(97 + i)} [{', '.join(['*' + chr(96 + i)] * 9)}]" for i in range(1, 10)]
    assert main(["check", str(write(tmp_path / "f.yaml", "form: target-2026\n" + "\n".join(lines)))]) == 1
    assert "RG107" in capsys.readouterr().out


@pytest.mark.slow
def test_limits_on_size_text_and_indicators(tmp_path, capsys):
    from reportgen.source import limits

    big = write(tmp_path / "big.yaml", TARGET_2026 + "#" * limits.MAX_FILE_BYTES)
    long_text = write(tmp_path / "text.yaml", variant("    - 第一段。", "    - " + "长" * (limits.MAX_TEXT + 1)))
    item = '          - name: 指标{n}\n            target: "≤200(元/人)"\n'
    many = variant('          - name: 人均培训成本\n            target: "≤200(元/人)"\n',
                   "".join(item.format(n=n) for n in range(limits.MAX_INDICATORS + 1)))
    assert main(["check", str(big), str(long_text), str(write(tmp_path / "many.yaml", many))]) == 1
    out = capsys.readouterr().out
    assert "big.yaml  错误 RG107" in out and "text.yaml:19:7  goals.annual[0]  错误 RG107" in out
    assert "many.yaml:20:1  indicators  错误 RG107" in out


def test_check_of_nothing_is_a_usage_error_saying_why(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert main(["check", str(tmp_path / "empty")]) == 2
    (tmp_path / "odd").mkdir()
    os.mkfifo(tmp_path / "odd" / "pipe.yaml")
    (tmp_path / "odd" / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    (tmp_path / "odd" / "loop").symlink_to(tmp_path / "odd")
    assert main(["check", str(tmp_path / "odd")]) == 2
    err = capsys.readouterr().err
    assert "管道" in err and "不存在" in err and "不跟随" in err and "没有可检查的表单文件" in err


def test_control_characters_are_shown_not_obeyed_on_the_terminal(tmp_path, capsys):
    form = write(tmp_path / "f.yaml", TARGET_2026.replace("  name: 测试项目", '  "na\\e[2Kme": x\n  name: 测试项目'))
    assert main(["check", str(form)]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out and "na\\x1b[2Kme" in out


def test_no_chinese_font_is_said_once_with_what_to_install(tmp_path, capsys):
    form = write(tmp_path / "f.yaml", TARGET_2026)
    assert main(["check", str(form), "--font-body", "No Such Face"]) == 0  # ours remain as fallback
    from reportgen.fonts import FontConfig, check_glyphs
    from reportgen.source import read_source

    problems = check_glyphs(read_source(form), FontConfig(body=("No Such Face",)).body)
    assert [p.code for p in problems] == ["RG800"]
    assert "fonts-noto-cjk" in problems[0].message() and "macOS" in problems[0].message("en")


@pytest.mark.slow
@pytest.mark.parametrize("argv, env, code", [
    (["render", str(FORM), "-o", "{tmp}/o", "-f", "pdf,odt"], {}, 2),
    (["booklet", str(FORM), "-o", "{tmp}/b.pdf", "--pdf-variant", "x"], {}, 2),
    (["render", str(FORM), "-o", "{tmp}/o", "-f", "html"], {"SOURCE_DATE_EPOCH": "99999999999999"}, 2),
    (["render", str(FORM), "-o", "{tmp}/o", "-f", "docx", "--font-body", "\x01宋体"], {}, 2),
    (["new", "target-2026", "-o", "{tmp}", "--force"], {}, 2),
    (["render", str(FORM), "-o", "{tmp}/file/o", "-f", "html"], {}, 5),
    (["booklet", str(FORM), "-o", "{tmp}/file/b.xlsx"], {}, 5),
    (["render", str(FORM), "-o", "{tmp}/o", "-j", "-3"], {}, 2),
    (["check", "{tmp}/none"], {}, 2),
])
def test_no_command_prints_a_traceback(tmp_path, argv, env, code):
    write(tmp_path / "file", "a file where a folder should be")
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    run = subprocess.run([sys.executable, "-m", "reportgen", *argv], capture_output=True, text=True,
                         env={**os.environ, **env}, cwd=ROOT, timeout=120)
    assert "Traceback" not in run.stderr and run.returncode == code, run.stderr
    assert run.returncode in EXIT_CODES and run.stderr.strip()


def test_a_long_project_name_renders_to_docx(tmp_path):
    form = write(tmp_path / "f.yaml", variant("  name: 测试项目", "  name: " + "名" * 300))
    assert main(["render", str(form), "-o", str(tmp_path / "out"), "-f", "docx"]) == 0


@pytest.mark.slow
def test_ctrl_c_stops_the_workers_quietly(tmp_path):
    import signal
    import time

    for index in range(80):  # far more work than the wait below: the run is still going when interrupted
        write(tmp_path / "in" / f"{index:02}.yaml", TARGET_2026)
    # A test worker may ignore SIGINT, and an ignored signal stays ignored across exec: the run
    # starts with Ctrl-C as a terminal gives it.
    run = subprocess.Popen([sys.executable, "-m", "reportgen", "render", str(tmp_path / "in"), "-o",
                            str(tmp_path / "out"), "-f", "pdf", "-j", "2"], cwd=ROOT,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 30
    while len(_children(run.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(1)  # the workers are rendering
    workers = _children(run.pid)
    assert workers and run.poll() is None
    run.send_signal(signal.SIGINT)
    _, err = run.communicate(timeout=60)
    assert run.returncode == 130 and "Traceback" not in err and "KeyboardInterrupt" not in err
    time.sleep(0.5)
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()]


def _children(pid: int) -> list[int]:
    found = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in found.read_text().split()] if found.exists() else []


# -- 8. clean up --

def test_font_folders_of_killed_booklets_are_removed(tmp_path, monkeypatch):
    import tempfile

    from reportgen.booklet.pdf import FONTS_PREFIX, remove_stale_folders

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    stale = tmp_path / f"{FONTS_PREFIX}999999999-x"
    alive = tmp_path / f"{FONTS_PREFIX}{os.getpid()}-x"
    stale.mkdir(), alive.mkdir()
    remove_stale_folders()
    assert not stale.exists() and alive.exists()
    form = write(tmp_path / "f.yaml", TARGET_2026)
    assert main(["booklet", str(form), "-o", str(tmp_path / "b.pdf")]) == 0
    assert [p.name for p in tmp_path.glob(f"{FONTS_PREFIX}*")] == [alive.name]  # its own folder is gone


@pytest.mark.slow
def test_pdf_start_up_runs_no_library_search():
    code = ("import ctypes.util, sys\n"
            "calls = []\n"
            "real = ctypes.util.find_library\n"
            "ctypes.util.find_library = lambda name: calls.append(name) or real(name)\n"
            "from reportgen.render import pdf\n"
            "pdf.load_weasyprint(); pdf.fast_subsetter_available()\n"
            "print(calls)\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert run.stdout.strip() == "[]"


# -- 11. layers --


# -- issue 19: no input at all is the same for render as for check --

def test_render_of_an_empty_folder_is_no_input_as_for_check(tmp_path, capsys):
    """Was exit 1 for render and 2 for check; the README says 2 for no input."""
    (tmp_path / "empty").mkdir()
    assert main(["check", str(tmp_path / "empty")]) == 2
    assert main(["render", str(tmp_path / "empty"), "-o", str(tmp_path / "out")]) == 2
    assert "没有可渲染的表单文件" in capsys.readouterr().err and not (tmp_path / "out").exists()


@pytest.mark.parametrize("command, name", [("booklet", "out.pdf"), ("new", "out.yaml")])
def test_an_output_that_is_a_pipe_is_refused_and_left_as_it_is(tmp_path, capsys, command, name):
    """Writing atomically renames a temporary onto the target: onto a pipe or a device it would replace it."""
    target = tmp_path / name
    os.mkfifo(target)
    argv = {"booklet": ["booklet", str(SAMPLES / "target-2026" / "01-incubation-base-operation.yaml")],
            "new": ["new", "target-2026", "--force"]}[command]
    assert main([*argv, "-o", str(target)]) in (2, 5)
    assert "不是普通文件" in capsys.readouterr().err and stat.S_ISFIFO(target.lstat().st_mode)
