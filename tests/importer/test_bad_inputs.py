"""Bad inputs to reportgen import: each a clear, located message and a non-zero exit, never a traceback."""
from __future__ import annotations

import io
import os
import re
import time
import zipfile
import zlib
from pathlib import Path

import pytest
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from openpyxl import Workbook, load_workbook

from reportgen.cli import main
from reportgen.errors import ImportFailure
from reportgen.importer import import_file
from reportgen.importer.package import MAX_FILE_BYTES, MAX_MEMBER_BYTES, MAX_PAYLOAD_BYTES
from reportgen.load import load
from reportgen.render import embed
from tests.conftest import SAMPLES

from .edit import find
from .tamper import bomb, custom_xml, members, patch_central, payload_xml, pdf_attaching, rezip, set_cell, with_member

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


# -- hostile files: bounded work, located errors, never exit 4 (issue 19) --

XLSX, DOCX = SAMPLE.stem + ".xlsx", SAMPLE.stem + ".docx"
SHEET = "xl/worksheets/sheet1.xml"


def refused(path: Path, code: str, *words: str, seconds: float = 5) -> str:
    """Import ``path``: it must be refused with ``code`` within ``seconds``; return the message."""
    start = time.perf_counter()
    with pytest.raises(ImportFailure) as caught:
        import_file(path)
    assert time.perf_counter() - start < seconds
    problem = caught.value.problem
    message = problem.message("zh") + " | " + problem.message("en")
    assert problem.code == code and all(word in message for word in words), message
    return message


def test_a_merged_range_to_the_sheets_end_is_refused_in_a_second(files, tmp_path):
    """Was 137 s and 3.5 GB: openpyxl makes every cell of a merged range."""
    path = with_member(files[XLSX], tmp_path / "merge.xlsx", SHEET, lambda xml: xml.replace(
        b'<mergeCell ref="', b'<mergeCell ref="A40:XFD1048576"/><mergeCell ref="', 1))
    refused(path, "RG107", "1,048,576")


def test_one_cell_at_the_last_row_is_refused(files, tmp_path):
    """Was 141 s and 4.0 GB: the grid asked for 1,048,576 × 7 cells."""
    path = with_member(files[XLSX], tmp_path / "far.xlsx", SHEET, lambda xml: xml.replace(
        b"</sheetData>", b'<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'))
    refused(path, "RG107", "1,048,576", "50,000")


def test_many_rows_of_one_letter_are_refused_at_the_row_limit(files, tmp_path):
    rows = b"".join(b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>x</t></is></c></row>' % (n, n)
                    for n in range(21, 60_021))
    path = with_member(files[XLSX], tmp_path / "rows.xlsx", SHEET,
                       lambda xml: xml.replace(b"</sheetData>", rows + b"</sheetData>"))
    refused(path, "RG107", "50,001")


@pytest.mark.parametrize("name", [XLSX, DOCX])
def test_a_payload_that_inflates_past_its_limit_is_refused(files, tmp_path, name):
    """Was 30-40 s and 3.1 GB for 1 GiB: the payload inflates in one bounded step."""
    path = with_member(files[name], tmp_path / ("bomb" + Path(name).suffix), "docProps/custom.xml",
                       lambda _: custom_xml(bomb(MAX_PAYLOAD_BYTES + 2 ** 20)))
    refused(path, "RG107", f"{MAX_PAYLOAD_BYTES:,}")


def test_a_sheet_that_inflates_past_its_limit_is_refused_by_its_declared_size(files, tmp_path):
    """Was imported in 47 s and 2.1 GB (2 GiB of spaces)."""
    path = with_member(files[XLSX], tmp_path / "spaces.xlsx", SHEET,
                       lambda xml: xml.replace(b"<sheetData>", b"<sheetData>" + b" " * (MAX_MEMBER_BYTES + 1)))
    refused(path, "RG107", SHEET, f"{MAX_MEMBER_BYTES:,}")


def test_a_member_that_inflates_past_what_it_declares_stops_there(files, tmp_path):
    """The central directory says 100 bytes: inflating stops at 100 and the checksum refuses the rest."""
    path = with_member(files[XLSX], tmp_path / "lie.xlsx", SHEET, lambda xml: xml)
    refused(patch_central(path, SHEET, 24, "<I", 100), "RG904", SHEET, "damaged")


@pytest.mark.parametrize("offset, fmt, value, words", [
    (8, "<H", 0x1, ("已加密", "encrypted")),
    (10, "<H", 9, ("压缩方式 9", "method 9")),
    (16, "<I", 0xDEADBEEF, ("已损坏", "bad checksum")),
])
def test_a_tampered_zip_header_is_a_located_damage_report(files, tmp_path, offset, fmt, value, words):
    """Were exit 4: RuntimeError (encrypted), NotImplementedError (method 9), BadZipFile (CRC)."""
    path = with_member(files[XLSX], tmp_path / "tampered.xlsx", SHEET, lambda xml: xml)
    refused(patch_central(path, SHEET, offset, fmt, value), "RG904", SHEET, *words)


LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
          b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>')


@pytest.mark.parametrize("name, member", [(XLSX, SHEET), (DOCX, "word/document.xml")])
def test_entities_and_undefined_entities_in_a_part_are_refused(files, tmp_path, name, member):
    suffix = Path(name).suffix
    laughs = with_member(files[name], tmp_path / f"laughs{suffix}", member,
                         lambda xml: LAUGHS + xml[xml.index(b"?>") + 2:] if xml.startswith(b"<?xml") else LAUGHS + xml)
    refused(laughs, "RG904", member, "DTD")
    undefined = with_member(files[name], tmp_path / f"undefined{suffix}", member,
                            lambda xml: re.sub(rb"</(w:)?t>", rb"&undefined;\g<0>", xml, count=1))
    refused(undefined, "RG904", member, "XML")


def test_a_payload_of_the_wrong_shape_is_damaged_embedded_data(files, tmp_path):
    """Was AttributeError (exit 4) and ValueError for a DOCX entry's "table": "x"."""
    wrong = with_member(files[XLSX], tmp_path / "shape.xlsx", "docProps/custom.xml",
                        lambda _: payload_xml({"reportgen": 1, "forms": [1, None, "x", [2]]}))
    refused(wrong, "RG909", "forms[0]")
    entry = embed.from_package(zipfile.ZipFile(files[DOCX]))["forms"][0]
    table = with_member(files[DOCX], tmp_path / "table.docx", "docProps/custom.xml",
                        lambda _: payload_xml({"reportgen": 1, "forms": [{**entry, "table": "x"}]}))
    refused(table, "RG909", "table")


def test_an_empty_payload_is_an_error_that_says_so(files, tmp_path, capsys):
    """Was exit 0, writing and saying nothing."""
    empty = with_member(files[XLSX], tmp_path / "empty.xlsx", "docProps/custom.xml",
                        lambda _: payload_xml({"reportgen": 1, "forms": []}))
    refused(empty, "RG914", "没有任何表单", "no form")
    assert main(["import", str(empty), "-o", str(tmp_path / "y")]) == 1
    assert "RG914" in capsys.readouterr().err and not (tmp_path / "y").exists()


def test_special_files_are_named_and_not_read(tmp_path):
    """/dev/zero was read to 1.8 GB; a FIFO named p.xlsx blocked for ever."""
    fifo = tmp_path / "p.xlsx"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero")):
        refused(path, "RG106", "管道、设备或套接字", "not a regular file")


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "big.xlsx"
    with open(big, "wb") as handle:
        handle.write(b"PK")
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: no disk used
    refused(big, "RG107", f"{MAX_FILE_BYTES:,}")


def test_a_damaged_pdf_is_a_damage_report(tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Names << /EmbeddedFiles 2 0 R >> >> endobj\n"
                       b"2 0 obj << /Names [(reportgen.json) 3 0 R] >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF")
    with pytest.raises(ImportFailure) as caught:
        import_file(broken)
    assert caught.value.problem.code in ("RG903", "RG904")


def with_amount(files, tmp_path, typed):
    """Return the 2026 form's XLSX read back with ``typed`` in its 年度资金申请总额 cell."""
    book = load_workbook(files[XLSX])
    sheet = book.worksheets[0]
    row, col = find(sheet, "年度资金申请总额:")
    sheet.cell(row, col + 2).value = typed
    book.save(tmp_path / "amount.xlsx")
    [imported] = import_file(tmp_path / "amount.xlsx")
    return imported


@pytest.mark.parametrize("typed", ["1e30", "1e400", "1_000", "１２３", "١٢٣", "4,08,7500", 1e300, 1e-300, 1e15])
def test_amounts_are_read_only_in_the_forms_the_readme_lists_and_within_yaml_bounds(files, tmp_path, typed):
    """1e30, 1e400 and an Excel 1e300 were InvalidOperation (exit 4); 1_000, １２３ and ١٢٣ were taken
    as numbers; an Excel 1e-300 became a 300-digit amount."""
    imported = with_amount(files, tmp_path, typed)
    [problem] = [p for p in imported.problems if p.severity == "error"]
    assert problem.code == "RG901" and problem.path == "funds.annual", problem.message()
    assert imported.failed


@pytest.mark.parametrize("typed, expected", [("4,100,000.00", "4100000.00"), ("¥4100000 元", "4100000.00"),
                                             (4100000.5, "4100000.50")])
def test_amounts_in_the_listed_forms_still_read(files, tmp_path, typed, expected):
    imported = with_amount(files, tmp_path, typed)
    assert str(imported.model.funds.annual) == expected


HYPERLINK = '<c r="B3"STYLE t="str"><f>HYPERLINK("http://example.invalid/x","点此查看")</f><v>点此查看</v></c>'
NO_CACHE = '<c r="B3"STYLE><f>CONCATENATE("a","b")</f></c>'


def test_a_formula_in_a_cell_is_an_error_showing_its_cached_value(files, tmp_path, capsys):
    """Was imported silently: =HYPERLINK(…,"点此查看") became the project's name."""
    path = with_member(files[XLSX], tmp_path / "formula.xlsx", SHEET, lambda xml: set_cell(xml, "B3", HYPERLINK))
    [imported] = import_file(path)
    [problem] = [p for p in imported.problems if p.severity == "error"]
    assert problem.code == "RG913" and problem.path == "project.name"
    assert "B3" in problem.message("zh") and "HYPERLINK" in problem.message("zh") and "点此查看" in problem.message("zh")
    assert main(["import", str(path), "-o", str(tmp_path / "y"), "--force"]) == 1
    assert "--force" in capsys.readouterr().out
    assert load(tmp_path / "y" / "formula.yaml").project.name == load(SAMPLE).project.name  # never the cached value


def test_a_formula_without_a_cached_value_is_not_called_empty(files, tmp_path):
    """Was RG911 必填，尚未填写."""
    path = with_member(files[XLSX], tmp_path / "nocache.xlsx", SHEET, lambda xml: set_cell(xml, "B3", NO_CACHE))
    [imported] = import_file(path)
    codes = [p.code for p in imported.problems if p.severity == "error"]
    assert codes == ["RG913"] and "没有计算过的值" in imported.problems[0].message("zh")


def test_force_says_it_cannot_write_when_what_was_read_is_no_whole_form(files, tmp_path, capsys):
    """Was: "--force writes what could be read", and --force wrote nothing."""
    book = load_workbook(files[XLSX])
    book.worksheets[0]["B3"].value = None  # 项目名称, required
    book.save(tmp_path / "noname.xlsx")
    assert main(["import", str(tmp_path / "noname.xlsx"), "-o", str(tmp_path / "y"), "--force"]) == 1
    err = capsys.readouterr().err
    assert "RG911" in err and "--force 也无法写出" in err and not (tmp_path / "y").exists()


def test_new_refuses_a_suffix_it_does_not_write(tmp_path, capsys):
    """Was: YAML written into x.pdf."""
    for name in ("x.pdf", "x.json", "x"):
        assert main(["new", "target-2026", "-o", str(tmp_path / name)]) == 2
        assert ".yaml" in capsys.readouterr().err and not (tmp_path / name).exists()


def test_a_word_field_in_a_docx_cell_is_a_formula_too(files, tmp_path):
    """A DDEAUTO field shows its last result; that result is never imported."""
    from .edit import set_tc_text

    document = Document(files[DOCX])
    name_cell = next(tc for tr in document.tables[0]._tbl.tr_lst for tc in tr.tc_lst
                     if "".join(t.text or "" for t in tc.iter(qn("w:t"))) == load(SAMPLE).project.name)
    set_tc_text(name_cell, "")
    paragraph = name_cell.find(qn("w:p"))
    paragraph.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe x">'
                               '<w:r><w:t>项目管理费</w:t></w:r></w:fldSimple>'))
    document.save(tmp_path / "field.docx")
    [imported] = import_file(tmp_path / "field.docx")
    [problem] = [p for p in imported.problems if p.severity == "error"]
    assert problem.code == "RG913" and problem.path == "project.name" and "DDEAUTO" in problem.message("zh")
    assert "项目管理费" in problem.message("zh")


def test_a_sheet_under_another_name_is_counted_all_the_same(files, tmp_path):
    """openpyxl follows the workbook's relationships, not member names: a sheet renamed
    ``data.bin`` is still read as XML, so it is still parsed and counted first."""
    parts = members(files[XLSX])
    sheet = parts.pop(SHEET).replace(b"</sheetData>", b'<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x'
                                                       b"</t></is></c></row></sheetData>")
    parts["xl/data.bin"] = sheet
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(b"worksheets/sheet1.xml",
                                                                                      b"data.bin")
    refused(rezip(parts, tmp_path / "renamed.xlsx"), "RG107", "xl/data.bin", "1,048,576")


def test_a_pdf_attachment_that_inflates_without_bound_is_refused(tmp_path):
    """pypdf stops a stream at 75 MB (a damaged file); a payload past 32 MiB is over the limit."""
    flate = tmp_path / "bomb.pdf"
    flate.write_bytes(pdf_attaching(bomb(80 * 2 ** 20)))
    refused(flate, "RG904", "PDF")
    large = tmp_path / "large.pdf"
    large.write_bytes(pdf_attaching(zlib.compress(b'{"reportgen": 1, "forms": []}' + b" " * (MAX_PAYLOAD_BYTES + 1))))
    refused(large, "RG107", f"{MAX_PAYLOAD_BYTES:,}")


def test_xml_elements_are_counted_in_every_part(files, tmp_path, monkeypatch):
    """Styles or a theme can be bloated as well as a sheet: every element of every part counts."""
    from reportgen.importer import package

    styles = members(files[XLSX])["xl/styles.xml"].count(b"<")
    monkeypatch.setattr(package, "MAX_ELEMENTS", styles // 2)
    bloated = with_member(files[XLSX], tmp_path / "styles.xlsx", "xl/styles.xml", lambda xml: xml)
    refused(bloated, "RG107", "XML")
