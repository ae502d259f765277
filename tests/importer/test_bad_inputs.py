"""Bad inputs to reportgen import: each a clear, located message and a non-zero exit, never a traceback."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document
from openpyxl import Workbook, load_workbook

from reportgen.cli import main
from reportgen.errors import ImportFailure
from reportgen.importer import import_file
from reportgen.load import load
from tests.conftest import SAMPLES

from .edit import find

pytestmark = pytest.mark.xdist_group("bad_inputs")  # its module fixtures are made once, on one worker

SAMPLE = SAMPLES / "target-2026" / "05-project-management-fee.yaml"


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("bad")
    assert main(["render", str(SAMPLE), str(SAMPLES / "selfeval-2020" / "01-incubator-base-operations.yaml"),
                 "-o", str(out), "-f", "docx,xlsx", "-j", "1"]) == 0
    return {p.name: p for p in out.iterdir()}


def test_an_unreadable_amount_names_sheet_cell_and_field_and_writes_nothing(files, tmp_path, capsys):
    book = load_workbook(files[SAMPLE.stem + ".xlsx"])
    sheet = book.worksheets[0]
    row, col = find(sheet, "年度资金申请总额:")
    sheet.cell(row, col + 2).value = "四百万"
    edited = tmp_path / "edited.xlsx"
    book.save(edited)
    [imported] = import_file(edited)
    [problem] = [p for p in imported.problems if p.severity == "error"]
    ref = sheet.cell(row, col + 2).coordinate
    assert problem.code == "RG901" and problem.path == "funds.annual"
    assert problem.message("zh") == f"工作表「{sheet.title}」{ref}（年度资金申请总额）：“四百万”不是金额（数字，如 4087500.00），无法读取"
    assert ref in problem.message("en") and "amount" in problem.message("en")
    assert main(["import", str(edited), "-o", str(tmp_path / "yaml")]) == 1
    err = capsys.readouterr().err
    assert "funds.annual  错误 RG901" in err and "未写出 YAML" in err
    assert not (tmp_path / "yaml" / "edited.yaml").exists()
    assert main(["import", str(edited), "-o", str(tmp_path / "yaml"), "--force"]) == 1  # written, still an error
    kept = load(tmp_path / "yaml" / "edited.yaml")
    assert kept.funds.annual == load(SAMPLE).funds.annual  # the unreadable cell keeps the value the file carried


def test_an_unreadable_cell_in_a_docx_names_table_row_and_column(files, tmp_path):
    from .edit import set_tc_text

    document = Document(files[SAMPLE.stem + ".docx"])
    table = document.tables[0]
    amount = next(tc for tr in table._tbl.tr_lst for tc in tr.tc_lst if "," in "".join(tc.itertext()))
    set_tc_text(amount, "约 40 万")
    edited = tmp_path / "edited.docx"
    document.save(edited)
    [imported] = import_file(edited)
    [problem] = [p for p in imported.problems if p.code == "RG901"]
    assert problem.message("zh").startswith("表 1 第 ") and "“约 40 万”不是金额" in problem.message("zh")


def test_a_bad_date_and_a_bad_score_are_located(files, tmp_path):
    book = load_workbook(files["01-incubator-base-operations.xlsx"])
    sheet = book.worksheets[0]
    row, col = find(sheet, "分值")
    sheet.cell(row + 1, col).value = "十分"
    edited = tmp_path / "edited.xlsx"
    book.save(edited)
    [imported] = import_file(edited)
    [problem] = [p for p in imported.problems if p.code == "RG901"]
    assert problem.path == "funds.weight" and "不是分值" in problem.message("zh")


def test_a_workbook_of_another_form_is_refused_by_its_captions(files, tmp_path, capsys):
    """The data of one form over the sheet of another: its caption rows are not where the form has them."""
    other = load_workbook(files["01-incubator-base-operations.xlsx"])
    mixed = tmp_path / "mixed.xlsx"
    other.save(mixed)
    carrier = zipfile.ZipFile(files[SAMPLE.stem + ".xlsx"])
    _swap_custom(mixed, carrier.read("docProps/custom.xml"))
    [imported] = import_file(mixed)
    assert imported.failed and imported.problems[0].code == "RG905"
    assert "找不到表单中" in imported.problems[0].message("zh")
    assert main(["import", str(files[SAMPLE.stem + ".xlsx"]), "--form", "selfeval-2020",
                 "-o", str(tmp_path / "y")]) == 1
    assert "RG910" in capsys.readouterr().err


def _swap_custom(path: Path, custom: bytes) -> None:
    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, custom if info.filename == "docProps/custom.xml" else source.read(info.filename))
    path.write_bytes(out.getvalue())


def test_a_file_reportgen_did_not_write_says_which_why_and_what_to_do(tmp_path, capsys):
    plain = tmp_path / "plain.xlsx"
    book = Workbook()
    book.active["A1"] = "项目名称"
    book.save(plain)
    with pytest.raises(ImportFailure) as caught:
        import_file(plain)
    assert caught.value.problem.code == "RG903"
    assert main(["import", str(plain), "-o", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert str(plain) in err and "不是 reportgen 生成的" in err and "请导入" in err
    assert main(["import", str(plain), "-o", str(tmp_path), "--lang", "en"]) == 1
    assert "reportgen did not write it" in capsys.readouterr().err


def test_a_truncated_zip_and_a_foreign_file_are_reported(files, tmp_path, capsys):
    data = files[SAMPLE.stem + ".docx"].read_bytes()
    cut = tmp_path / "cut.docx"
    cut.write_bytes(data[: len(data) // 2])
    text = tmp_path / "notes.txt"
    text.write_text("hello", encoding="utf-8")
    assert main(["import", str(cut), str(text), str(tmp_path / "missing.xlsx"), "-o", str(tmp_path / "y")]) == 1
    err = capsys.readouterr().err
    assert f"{cut}  错误 RG904: 文件已损坏或不完整" in err
    assert f"{text}  错误 RG907" in err and "RG106" in err
    assert "Traceback" not in err and not (tmp_path / "y").exists()


def test_import_prints_the_changes_and_check_reviews_the_yaml(files, tmp_path, capsys):
    book = load_workbook(files[SAMPLE.stem + ".xlsx"])
    sheet = book.worksheets[0]
    row, col = find(sheet, "年度资金申请总额:")
    sheet.cell(row, col + 2).value = 4100000
    edited = tmp_path / "colleague.xlsx"
    book.save(edited)
    assert main(["import", str(edited), "-o", str(tmp_path / "y")]) == 0
    out = capsys.readouterr().out
    assert f"✓ {edited} → " in out and "~ funds.annual: " in out and "→ 4,100,000.00" in out
    written = tmp_path / "y" / "colleague.yaml"
    assert written.read_text(encoding="utf-8").startswith("form: target-2026\nyear: 2026\n")
    assert main(["check", str(written)]) == 1  # the sum no longer adds up: RG201, as for any YAML
    assert "funds.annual  错误 RG201" in capsys.readouterr().out
    assert main(["import", str(edited), "-o", str(tmp_path / "y")]) == 1  # an existing YAML is not replaced
    assert "--overwrite" in capsys.readouterr().err
    assert main(["import", str(edited), "-o", str(tmp_path / "y"), "--overwrite"]) == 0


@pytest.mark.slow
@pytest.mark.parametrize("suffix", [".xlsx", ".docx", ".pdf"])
def test_a_booklet_gives_a_folder_of_forms(tmp_path, suffix):
    """Booklets hold summary sheets and tables before the forms: each form is found where it is."""
    booklet = tmp_path / f"booklet{suffix}"
    assert main(["booklet", str(SAMPLES / "selfeval-2020"), "-o", str(booklet), "-j", "1"]) == 0
    assert main(["import", str(booklet), "-o", str(tmp_path / "y")]) == 0
    written = sorted((tmp_path / "y" / "booklet").iterdir())
    assert [p.name[:3] for p in written] == ["01-", "02-", "03-"]
    for path, sample in zip(written, sorted((SAMPLES / "selfeval-2020").iterdir())):
        assert load(path) == load(sample)


def test_a_percentage_excel_turned_into_a_number_reads_as_typed(files, tmp_path):
    """Typing 90% into a General cell makes Excel store 0.9 in a percent format: it reads back as 90%."""
    book = load_workbook(files[SAMPLE.stem + ".xlsx"])
    sheet = book.worksheets[0]
    form = load(SAMPLE)
    item = form.indicators[-1].groups[-1].items[-1]
    row, col = find(sheet, item.target.canonical())
    sheet.cell(row, col).value = 0.9
    sheet.cell(row, col).number_format = "0%"
    book.save(tmp_path / "percent.xlsx")
    [imported] = import_file(tmp_path / "percent.xlsx")
    [change] = imported.changes
    assert change.path.endswith(".target") and change.new == "90%"
