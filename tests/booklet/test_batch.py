"""Batch work: manifests, a bad input among good ones, jobs, progress."""
import io

import pytest

from reportgen.cli import main
from reportgen.parallel import Progress
from tests.conftest import SAMPLES, pdf_pages, squash
from tests.minimal import TARGET_2026, variant

pytestmark = pytest.mark.slow  # batches of every sample, in worker processes


def test_a_manifest_orders_titles_and_prints(tmp_path):
    manifest = tmp_path / "booklet.yaml"
    folder = SAMPLES / "target-2026"
    manifest.write_text(
        "booklet:\n  unit: 测试单位\n  year: 2026\n  title: 测试汇总册\n  date: 2026-10-01\n"
        "  cover_lines: [财务处编]\n"
        f"  projects:\n    - {folder / '05-project-management-fee.yaml'}\n    - {folder / '01-incubation-base-operation.yaml'}\n"
        "  print: {watermark: 内部资料}\n", encoding="utf-8")
    target = tmp_path / "b.pdf"
    assert main(["booklet", str(manifest), "-o", str(target)]) == 1  # the projects lie outside its folder
    assert main(["booklet", str(manifest), "-o", str(target), "--root", str(SAMPLES)]) == 0
    pages = [squash(p) for p in pdf_pages(target)]
    assert "测试汇总册" in pages[0] and "财务处编" in pages[0] and "2026年10月1日" in pages[0]
    assert pages[2].index("项目管理费") < pages[2].index("创业孵化基地运行保障")
    assert all("内部资料" in page for page in pages)


def test_a_bad_input_is_left_out_and_fails_the_run(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text(variant("  annual_fiscal: 1000.50", "  annual_fiscal: 5"), encoding="utf-8")
    good = tmp_path / "good.yaml"
    good.write_text(TARGET_2026, encoding="utf-8")
    target = tmp_path / "b.xlsx"
    assert main(["booklet", str(bad), str(good), "-o", str(target)]) == 1
    err = capsys.readouterr()
    assert "RG201" in err.err and "bad.yaml" in err.err
    assert target.exists()


def test_render_with_two_jobs_writes_the_same_files_as_one(tmp_path):
    for jobs in ("1", "2"):
        assert main(["render", str(SAMPLES / "selfeval-2020"), "-o", str(tmp_path / jobs), "-j", jobs,
                     "--date", "2026-11-24"]) == 0
    for path in sorted((tmp_path / "1").iterdir()):
        assert path.read_bytes() == (tmp_path / "2" / path.name).read_bytes(), path.name


def test_progress_is_plain_lines_when_not_a_terminal():
    stream = io.StringIO()
    progress = Progress(20, "渲染", stream=stream)
    for _ in range(20):
        progress.step()
    lines = stream.getvalue().splitlines()
    assert lines[-1] == "渲染 20/20" and "\r" not in stream.getvalue() and len(lines) <= 11


def test_booklet_output_must_be_pdf_docx_or_xlsx(tmp_path, capsys):
    assert main(["booklet", str(SAMPLES / "target-2026"), "-o", str(tmp_path / "b.odt")]) == 2
