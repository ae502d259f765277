"""The 2019 and 2020 forms in every format: recomputed figures printed, layouts as on paper."""
import subprocess
from decimal import Decimal

from reportgen import load
from reportgen.cli import main
from tests.conftest import SAMPLES, docx_text, pdf_pages, pdf_text, squash, xlsx_cells


def test_seed_002_recomputed_figures_appear_in_every_format(rendered_older):
    paths = rendered_older["selfeval-2020/01-incubator-base-operations"]
    pdf = squash(pdf_text(paths["pdf"]))
    assert "10 99.94% 9.99".replace(" ", "") in pdf and "总分10095.99" in pdf
    docx = docx_text(paths["docx"])
    assert "99.94%" in docx and "9.99" in docx and "95.99" in docx
    cells = {value: fmt for _, value, fmt in xlsx_cells(paths["xlsx"])}
    rates = [v for v in cells if isinstance(v, (float, Decimal)) and 0.999 < float(v) < 1]
    assert rates and cells[rates[0]] == "0.00%"
    assert any(v == Decimal("95.99") or v == 95.99 for v in cells)


def test_seed_000_totals_and_grade_are_the_recomputed_ones(rendered_older):
    paths = rendered_older["selfeval-2019/02-international-incubator"]
    pdf = squash(pdf_text(paths["pdf"]))
    assert "合计9992" in pdf                      # weights as filed add up to 99, not 100
    assert "产出目标(33分)" in pdf                 # the label states 34; its rows add up to 33
    assert "绩效等级：优秀" in pdf
    assert "说明：1、依据本项目应实现的绩效目标" in pdf and "75（含）-90分为良好" in pdf
    rate = squash(pdf_text(rendered_older["selfeval-2019/05-incubator-services"]["pdf"]))
    assert "预算执行率（%）：99.90%" in rate          # stated 100.00%, recomputed


def test_every_indicator_of_the_older_forms_is_printed(rendered_older):
    for key, paths in rendered_older.items():
        folder, stem = key.split("/")
        form = load(SAMPLES / folder / f"{stem}.yaml")
        names = ([i.name for g in form.scores for i in g.items] if folder == "selfeval-2019" else
                 [i.name for l1 in form.indicators for l2 in l1.groups for i in l2.items])
        for text in (squash(pdf_text(paths["pdf"])), squash(docx_text(paths["docx"])),
                     squash("".join(str(v) for _, v, _ in xlsx_cells(paths["xlsx"])))):
            assert not [n for n in names if squash(n) not in text], key


def test_target_2020_prints_its_caption_sections_and_values_as_written(rendered_older):
    pdf = squash(pdf_text(rendered_older["target-2020/02-startup-carrier-service-system"]["pdf"]))
    assert "申报单位名称：上海市科技创业中心" in pdf
    assert "本项目上年度市级财政资金使用情况" in pdf and "2020年绩效目标" in pdf
    assert "≥80%" in pdf and ">=" not in pdf      # operators normalised, values not reformatted


def test_score_table_header_repeats_on_each_page(rendered_older):
    for key in ("selfeval-2019/02-international-incubator", "selfeval-2020/01-incubator-base-operations"):
        pages = [squash(p) for p in pdf_pages(rendered_older[key]["pdf"])]
        header = "一级指标指标名称指标解释权重自评分备注" if "2019" in key else "一级指标二级指标三级指标年度指标值"
        later = [p for p in pages[1:] if header in p]
        assert later, key


def test_selfeval_2020_in_landscape(tmp_path):
    sample = SAMPLES / "selfeval-2020" / "01-incubator-base-operations.yaml"
    assert main(["render", str(sample), "-o", str(tmp_path), "--landscape", "-f", "pdf,xlsx"]) == 0
    info = subprocess.run(["pdfinfo", str(tmp_path / f"{sample.stem}.pdf")], capture_output=True, text=True).stdout
    assert "841.89 x 595.276 pts (A4)" in info
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / f"{sample.stem}.xlsx").active
    assert sheet.page_setup.orientation == "landscape"


def test_golden_outputs_of_each_older_form(rendered_older, golden):
    from docx import Document

    from tests.render.test_docx import table_grid

    for key in ("selfeval-2019/01-high-tech-achievement-transformation", "selfeval-2020/03-innovation-startup-competition",
                "target-2020/03-innovation-startup-competition"):
        paths = rendered_older[key]
        folder, stem = key.split("/")
        name = f"{folder}/{stem[:2]}"
        golden(f"{name}.pdf.json", [page.splitlines() for page in pdf_pages(paths["pdf"])])
        golden(f"{name}.docx.json", [table_grid(t) for t in Document(paths["docx"]).tables])
        golden(f"{name}.xlsx.json", [[c, str(v), f] for c, v, f in xlsx_cells(paths["xlsx"])])
