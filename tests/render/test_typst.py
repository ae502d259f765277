"""The Typst engine: the same pages as WeasyPrint, text printed as text, everything a PDF of ours carries."""
import io
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from pypdf import PdfReader

from reportgen import load
from reportgen.cli import main
from reportgen.dump import to_yaml
from reportgen.geometry import plan
from reportgen.importer import import_file
from reportgen.inputs import collect
from reportgen.layout import FormLayout, TableBuilder, layout_of
from reportgen.layout.grid import label, text
from reportgen.layout.numbers import money
from reportgen.pipeline import render
from reportgen.render import typst as typst_writer
from tests.conftest import OLDER, SAMPLES, crammed, engine_options, pdf_pages, printed_in_order, squash
from tests.minimal import TARGET_2026, variant

pytest.importorskip("typst")
TYPST = engine_options("typst")

# Every character Typst markup, code or math gives a meaning, and the payloads of the other tests.
SPECIAL = ["# $ * _ @ < > [ ] \\ / ~ ` \" '", "// 注释", "/* 块注释 */", "= 标题", "- 列表", "+ 编号", "100% 完成",
           "#read(\"/etc/passwd\")", "#import \"@preview/cetz:0.3.0\": *", "]#panic(\"逃逸\")[", "#{sys.inputs}",
           "$x^2$ 与 $\\geq 90\\%$", "*粗体* _斜体_ `代码` <label> @ref", "\\u{41} \\#", "```raw```",
           '=HYPERLINK("http://example.invalid","x")', "<p>段落</p>", "<img src=file:///etc/passwd>测试",
           "１２３", "≥1e40(件)", "-0.00", "9" * 40]


def special_layout() -> FormLayout:
    t = TableBuilder((40.0, 140.0), header_rows=1)
    t.row(label("字符"), label("内容 (10分)"))
    for index, payload in enumerate(SPECIAL):
        t.row(label(str(index)), text(payload))
    t.row(label("多段"), text(tuple(SPECIAL[:6])))
    t.row(label("金额"), money(None))
    return FormLayout(title="# 标题 $x$ [", subtitle="= 副标题 //", caption="*说明* _x_", tables=(t.build(),),
                      notes=("/* 说明 */", "#emph[x]"), name="#set page(width: 1mm)")


def test_every_character_typst_treats_specially_is_printed_literally(tmp_path):
    target = tmp_path / "special.pdf"
    target.write_bytes(typst_writer.write(plan(special_layout(), TYPST), TYPST))
    printed = squash("".join(pdf_pages(target)))
    for payload in SPECIAL + ["# 标题 $x$ [", "= 副标题 //", "*说明* _x_", "/* 说明 */", "#emph[x]"]:
        assert printed_in_order(squash(payload), printed) >= 0, payload
    assert [item.title for item in PdfReader(target).outline] == ["#set page(width: 1mm)"]
    info = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True).stdout
    assert "595.276 x 841.89 pts (A4)" in info  # the name did not set the page


def test_a_long_unbroken_run_breaks_inside_its_cell_with_every_character_kept(tmp_path):
    run = "".join(chr(0x41 + i % 26) for i in range(3000))
    t = TableBuilder((40.0, 140.0))
    t.row(label("长串"), text(f"前文{run}后文"))
    target = tmp_path / "run.pdf"
    target.write_bytes(typst_writer.write(plan(FormLayout(title="长串", tables=(t.build(),)), TYPST), TYPST))
    lines = [line for page in pdf_pages(target) for line in page.splitlines() if line[-1:].isupper()]
    assert len(lines) >= 3000 / 60  # broken into lines of the cell's width…
    assert printed_in_order(f"前文{run}后文", squash("".join(pdf_pages(target)))) >= 0  # …none lost
    words = subprocess.run(["pdftotext", "-bbox", str(target), "-"], capture_output=True, text=True).stdout
    right = max(float(line.split('xMax="')[1].split('"')[0]) for line in words.splitlines() if 'xMax="' in line)
    assert right <= (15 + 180) / 25.4 * 72  # within the text area: nothing runs off the cell


def rendered_both(tmp_path, folder: str, made: dict[str, Path]) -> list[tuple[Path, Path]]:
    """Return (WeasyPrint PDF, Typst PDF) of each sample of ``folder``; ``made`` holds the
    WeasyPrint PDFs the session rendered already, by stem."""
    pairs = []
    items, _ = collect([str(SAMPLES / folder)])
    for item in items:
        paths = []
        for engine in ("weasyprint", "typst"):
            if engine == "weasyprint" and item.path.stem in made:
                paths.append(made[item.path.stem])
                continue
            outcome = render(item, tmp_path / engine, ["pdf"], engine_options(engine))
            assert not outcome.failed, outcome.error
            paths.append(outcome.written[0])
        pairs.append(tuple(paths))
    return pairs


def session_pdfs(request, folder: str) -> dict[str, Path]:
    """Return the WeasyPrint PDFs of ``folder``'s samples that the session's renders hold, by stem."""
    if folder == "target-2026":
        return {stem: paths["pdf"] for stem, paths in request.getfixturevalue("rendered_2026").items()}
    if folder in OLDER:
        return {key.split("/")[1]: paths["pdf"] for key, paths in request.getfixturevalue("rendered_older").items()
                if key.startswith(f"{folder}/")}
    return {}


def characters(page: str) -> Counter:
    return Counter(squash(page))


@pytest.mark.slow
@pytest.mark.parametrize("folder", [path.name for path in sorted(SAMPLES.iterdir()) if path.is_dir()])
def test_both_engines_print_the_same_pages_and_bookmarks_for_every_sample(tmp_path, folder, request):
    """Page by page, every character WeasyPrint prints is on the same page of the Typst PDF.

    Typst's text layer may hold a few characters more: WeasyPrint's loses some (the "fi" of a
    ligature, a digit here and there), which the two PDFs drawn side by side show in both.
    """
    for weasy, typst in rendered_both(tmp_path, folder, session_pdfs(request, folder)):
        a, b = pdf_pages(weasy), pdf_pages(typst)
        assert len(a) == len(b), weasy.name
        for number, (one, other) in enumerate(zip(a, b), start=1):
            assert not characters(one) - characters(other), (weasy.name, number)
            assert sum((characters(other) - characters(one)).values()) <= 8, (weasy.name, number)
        assert [i.title for i in PdfReader(weasy).outline] == [i.title for i in PdfReader(typst).outline]


def test_import_reads_a_typst_pdf_as_its_source(rendered_typst):
    for stem, path in rendered_typst.items():
        forms = import_file(path)
        assert len(forms) == 1 and not forms[0].failed, stem
        assert forms[0].yaml == to_yaml(load(SAMPLES / "target-2026" / f"{stem}.yaml")), stem


def test_same_input_same_bytes_dated_by_the_form_or_source_date_epoch(tmp_path, monkeypatch):
    sample = SAMPLES / "target-2026" / "06-innovation-service-capacity.yaml"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    outputs = []
    for run in ("a", "b"):
        assert main(["render", str(sample), "-o", str(tmp_path / run), "-f", "pdf", "--engine", "typst"]) == 0
        outputs.append((tmp_path / run / f"{sample.stem}.pdf").read_bytes())
    assert outputs[0] == outputs[1]
    assert PdfReader(io.BytesIO(outputs[0])).metadata["/CreationDate"].startswith("D:20261118110640")


def test_the_engine_comes_from_the_environment_and_a_wrong_one_is_a_usage_error(tmp_path, monkeypatch, capsys):
    sample = SAMPLES / "target-2026" / "06-innovation-service-capacity.yaml"
    monkeypatch.setenv("REPORTGEN_ENGINE", "typst")
    assert main(["render", str(sample), "-o", str(tmp_path), "-f", "pdf"]) == 0
    assert PdfReader(tmp_path / f"{sample.stem}.pdf").metadata["/Creator"].startswith("Typst")
    monkeypatch.setenv("REPORTGEN_ENGINE", "latex")
    assert main(["render", str(sample), "-o", str(tmp_path), "-f", "pdf"]) == 2
    assert "REPORTGEN_ENGINE" in capsys.readouterr().err


def test_a_character_no_font_draws_is_an_error_before_typst_writes(tmp_path, capsys):
    form = tmp_path / "tofu.yaml"
    form.write_text(variant("  name: 测试项目", "  name: 测试\U000F0000项目", TARGET_2026), encoding="utf-8")
    assert main(["render", str(form), "-o", str(tmp_path / "out"), "-f", "pdf", "--engine", "typst"]) == 1
    assert "RG801" in capsys.readouterr().err and not (tmp_path / "out" / "tofu.pdf").exists()


def test_doctor_names_the_engines(capsys):
    main(["doctor", "--lang", "en"])
    line = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("PDF engines"))
    assert "weasyprint" in line and f"typst {typst_writer.version()}" in line


def test_a_watermark_under_pdf_a_1b_is_opaque_grey_under_the_content(tmp_path):
    """PDF/A-1 allows no transparency: the stylesheet's 12 % black is drawn as the grey it makes on white."""
    target = tmp_path / "archive.pdf"
    args = ["booklet", str(SAMPLES / "target-2020"), "-o", str(target), "--engine", "typst", "--pdf-variant", "pdf/a-1b",
            "--watermark", "样稿", "--date", "2026-11-24"]
    assert main(args) == 0
    pages = pdf_pages(target)
    assert all(page.startswith("样\n稿") for page in pages)  # drawn first, under the page's text
    xmp = PdfReader(target).trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert "<pdfaid:part>1</pdfaid:part>" in xmp


@pytest.mark.slow
def test_a_booklet_led_by_a_department_form_bookmarks_its_summary_by_its_title_in_both_engines(tmp_path, monkeypatch):
    """The summary's bookmark is the page's own title (绩效汇总表 with two sections), never 项目汇总表,
    also when Typst compiles the booklet in chunks (made small here) and joins them."""
    from reportgen.booklet import typst as typst_booklet

    monkeypatch.setattr(typst_booklet, "ALONE", 1)
    monkeypatch.setattr(typst_booklet, "CHUNK", 1)
    project = sorted((SAMPLES / "selfeval-2020").glob("*.yaml"))[0]
    titles = []
    for engine in ("weasyprint", "typst"):
        out = tmp_path / f"{engine}.pdf"
        assert main(["booklet", str(project), str(SAMPLES / "dept-selfeval"), "-o", str(out),
                     "--engine", engine, "--date", "2026-03-01"]) == 0
        titles.append([item.title for item in PdfReader(out).outline[:3]])
    assert titles[0] == titles[1] == ["封面", "绩效汇总表", "目录"]


def test_pages_typst_adds_to_the_plan_are_numbered_by_the_page_counter(tmp_path, monkeypatch):
    """Pages are numbered from the plan (one layout pass); where Typst's pages are not the plan's,
    the form is compiled again with Typst counting, so no number repeats and none is skipped."""
    layout = layout_of(load(SAMPLES / "target-2026" / "06-innovation-service-capacity.yaml"))
    planned = len(plan(layout, TYPST).pages)
    monkeypatch.setattr(typst_writer, "form_pages", crammed(typst_writer.form_pages))
    target = tmp_path / "crammed.pdf"
    target.write_bytes(typst_writer.write(plan(layout, TYPST), TYPST))
    pages = [squash(page) for page in pdf_pages(target)]
    assert planned >= 2 and len(pages) >= planned
    assert all(page.endswith(f"-{n}-") for n, page in enumerate(pages, start=1)), [page[-6:] for page in pages]


def cell_text(path: Path) -> str:
    return "".join(text for table in layout_of(load(path)).tables for cell in table.cells for text in cell.text)


def test_tick_boxes_are_drawn_and_read_as_ticks_in_a_form_and_a_booklet(tmp_path):
    """No CJK face has ☑: Typst takes it from the face WeasyPrint falls back to (fontconfig's
    first for the stack that has it), so it is drawn as a tick box, not as a missing glyph, and
    pdftotext reads it, in a form and in a booklet (whose faces are subset)."""
    paths = sorted((SAMPLES / "selfeval-hubei").glob("*.yaml"))
    single = tmp_path / "form.pdf"
    single.write_bytes(typst_writer.write(plan(layout_of(load(paths[0])), TYPST), TYPST))
    booklet = tmp_path / "booklet.pdf"
    assert main(["booklet", str(SAMPLES / "selfeval-hubei"), "-o", str(booklet), "--engine", "typst"]) == 0
    for pdf, expected in ((single, cell_text(paths[0])), (booklet, "".join(map(cell_text, paths)))):
        printed = "".join(pdf_pages(pdf))
        assert printed.count("☑") == expected.count("☑") > 0, pdf.name
        assert printed.count("□") == expected.count("□") > 0, pdf.name


def test_a_typst_booklet_refuses_a_dask_cluster_before_reading_anything(tmp_path, capsys, monkeypatch):
    """Typst lays a booklet out in seconds here, and keeps what it laid out for the life of a process
    (a cluster's workers live long): the combination is a usage error, said before any input is read
    or the cluster is reached."""
    target = tmp_path / "booklet.pdf"
    args = ["booklet", str(SAMPLES / "target-2026"), "-o", str(target), "--executor", "dask://127.0.0.1:9", "--lang", "both"]
    assert main(args + ["--engine", "typst"]) == 2
    err = capsys.readouterr().err
    assert "Typst 汇总册在本机生成" in err and "without --executor" in err and "Dask" not in err and not target.exists()
    monkeypatch.setenv("REPORTGEN_ENGINE", "typst")
    assert main(args) == 2 and "--engine weasyprint" in capsys.readouterr().err


def test_a_watermark_character_the_title_face_lacks_is_drawn_from_the_face_weasyprint_takes(tmp_path):
    sample = SAMPLES / "target-2026" / "06-innovation-service-capacity.yaml"
    args = ["render", str(sample), "-f", "pdf", "--watermark", "♔样稿"]  # no CJK face has the king
    for engine in ("weasyprint", "typst"):
        assert main(args + ["-o", str(tmp_path / engine), "--engine", engine]) == 0
        pages = pdf_pages(tmp_path / engine / f"{sample.stem}.pdf")
        assert all("♔" in page for page in pages), engine
