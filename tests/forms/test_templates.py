"""Layout templates: each form's template gives the grid of its Python layout; the reader's vocabulary."""
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.cli import main
from reportgen.errors import LayoutTemplateError
from reportgen.forms.plain import plain
from reportgen.layout import layout_of
from reportgen.layout.grid import Role
from reportgen.layout.template import render_layout
from reportgen.load.loader import load
from reportgen.messages import use_language
from reportgen.resources import templates_dir
from tests.conftest import SAMPLES

SAMPLE_FILES = sorted(SAMPLES.rglob("*.yaml"))


# The four forms' templates replaced Python layouts; every sample's grid was equal to its Python
# layout's (tests of commit b839e6c) before those were deleted. The goldens keep the grids now.

def test_selfeval_2020_settings_reach_the_template():
    form = load(SAMPLES / "selfeval-2020" / "01-incubator-base-operations.yaml")
    national = form.model_copy(update={"settings": form.settings.model_copy(
        update={"goal_label": "预期目标", "level1_points": True})})
    layout = layout_of(national, "selfeval-2020")
    labels = [cell.plain for cell in layout.tables[1].cells if cell.binding.endswith("].level1")]
    assert labels == ["产出指标(49分)", "效益指标(26分)", "满意度指标(15分)"]
    assert "预期目标" in [cell.plain for cell in layout.tables[0].cells]


def test_selfeval_2019_whole_percent_and_a_blank_date():
    form = load(SAMPLES / "selfeval-2019" / "05-incubator-services.yaml")
    variant = form.model_copy(update={"evaluation_date": None, "settings": form.settings.model_copy(
        update={"rate_display": "whole-percent"})})
    cells = {cell.binding or cell.plain: cell for cell in layout_of(variant, "selfeval-2019").tables[0].cells}
    assert cells["evaluation_date"].plain == ""
    assert [c.plain for c in cells.values() if c.role is Role.RATE] == ["100.00%"]  # 99.90% in whole percent


def test_a_variant_prints_its_own_title():
    form = load(SAMPLES / "selfeval-2019" / "05-incubator-services.yaml")
    assert layout_of(form, "selfeval-2019").title == "项目绩效自评价"
    assert layout_of(form, "selfeval-2019-self").title == "项目绩效自我评价"


# -- the reader's vocabulary, on small templates --

def grid_of(tmp_path: Path, body: str, head: str = "", **context):
    """Return the FormLayout of a one-off template whose <body> holds ``body``."""
    folder = tmp_path / "form"
    folder.mkdir(exist_ok=True)
    (folder / "layout.html.j2").write_text(f"{head}<html><body>\n<h1>表</h1>\n{body}\n</body></html>\n",
                                           encoding="utf-8")
    return render_layout(folder, context)


def error_of(tmp_path: Path, body: str, **context) -> str:
    """Return the error's text in Chinese, then (after a blank line) as ``--lang en`` shows it."""
    with pytest.raises(LayoutTemplateError) as caught:
        grid_of(tmp_path, body, **context)
    chinese = str(caught.value)
    use_language("en")
    try:
        return f"{chinese}\n\n{caught.value}"
    finally:
        use_language("zh")


def test_cells_take_the_next_free_slot_as_in_html(tmp_path):
    table = grid_of(tmp_path, """
<table data-header-rows="1">
  <col data-mm="10"><col data-mm="20"><col data-mm="30">
  <tr><td class="head" rowspan="2">A</td><td class="head" colspan="2">B</td></tr>
  <tr><td class="value">C</td><td class="value">D</td></tr>
  <tr><td class="section" colspan="3">E</td></tr>
</table>""").tables[0]
    assert [(c.text[0], c.row, c.col, c.rowspan, c.colspan) for c in table.cells] == [
        ("A", 0, 0, 2, 1), ("B", 0, 1, 1, 2), ("C", 1, 1, 1, 1), ("D", 1, 2, 1, 1), ("E", 2, 0, 1, 3)]
    assert (table.widths, table.n_rows, table.header_rows, table.bounds) == ((10.0, 20.0, 30.0), 3, 1, ())


def test_roles_bindings_and_exact_numbers(tmp_path):
    body = """
{% from "cells.html.j2" import money, rate, points %}
<table>
  <col data-mm="30"><col data-mm="30"><col data-mm="30"><col data-mm="30">
  <tr><td class="label">金额</td>{{ money(amount, "funds.total") }}{{ rate(ratio) }}{{ points(none, "x.score") }}</tr>
</table>"""
    cells = grid_of(tmp_path, body, amount=Decimal("4087500.005"), ratio=Decimal(2) / 3).tables[0].cells
    assert [(c.role, c.text, c.binding) for c in cells] == [
        (Role.LABEL, ("金额",), ""), (Role.MONEY, ("4,087,500.01",), "funds.total"), (Role.RATE, ("66.67%",), ""),
        (Role.POINTS, ("",), "x.score")]
    # a rate cell holds the rate as printed (66.67%), so a spreadsheet shows the figure on paper
    assert [c.number for c in cells] == [None, Decimal("4087500.005"), Decimal("0.6667"), None]


def test_column_bounds_when_every_column_gives_them(tmp_path):
    table = grid_of(tmp_path, """
<table><col data-mm="19" data-min="12" data-max="40"><col data-mm="20" data-min="20" data-max="20">
<tr><td class="value">a</td><td class="value">b</td></tr></table>""").tables[0]
    assert table.bounds == ((12.0, 40.0), (20.0, 20.0))


def test_form_attributes_titles_and_notes(tmp_path):
    folder = tmp_path / "form"
    folder.mkdir()
    (folder / "layout.html.j2").write_text("""<html><head><title>ignored</title></head>
<body data-name="{{ name }}" data-sheet-name="表 {{ name }}" data-landscape="true" data-body-pt="8.5">
  <h1>
    标题
  </h1>
  <p class="subtitle">({{ year }} 年度)</p>
  <p class="caption">申报单位名称：{{ unit }}</p>
  <table><col data-mm="180"><tr><td class="text"></td></tr></table>
  <div class="notes">
    <p>说明：一</p>
    <p>二</p>
  </div>
</body></html>""", encoding="utf-8")
    layout = render_layout(folder, {"name": "项目", "year": 2026, "unit": None})
    assert (layout.title, layout.subtitle, layout.caption, layout.notes) == (
        "标题", "(2026 年度)", "申报单位名称：", ("说明：一", "二"))
    assert (layout.name, layout.sheet_name, layout.landscape, layout.body_pt) == ("项目", "表 项目", True, 8.5)
    assert layout.tables[0].cells[0].text == ("",)


def test_template_white_space_stays_out_and_data_keeps_every_character(tmp_path):
    body = """
{% from "cells.html.j2" import paras %}
<table>
  <col data-mm="90"><col data-mm="90">
  <tr>
    <td class="label">
      项目名称
    </td>
    <td class="value">
      {{ padded }}
    </td>
  </tr>
  <tr>
    <td class="text">
      {{ paras(paragraphs) }}
    </td>
    <td class="text">
      <p> 前 {{ padded }} 后 </p>
    </td>
  </tr>
</table>"""
    cells = grid_of(tmp_path, body, padded="  两端有空格\t ", paragraphs=[" 第一段 ", "第二段\n续行"]).tables[0].cells
    assert [c.text for c in cells] == [
        ("项目名称",), ("  两端有空格\t ",), (" 第一段 ", "第二段\n续行"), ("前   两端有空格\t  后",)]


@pytest.mark.parametrize("data", ["<b>x</b>", "&amp;", "a & b < c", "{{ 7*7 }}", "{% raw %}x{% endraw %}",
                                  "<td class=\"label\">y</td>", "\ufdd0" + "0\ufdd1", "</table>"])
def test_data_that_looks_like_markup_or_jinja_stays_literal(tmp_path, data):
    body = '<table><col data-mm="90"><tr><td class="value" data-bind="{{ data }}">{{ data }}</td></tr></table>'
    cell = grid_of(tmp_path, body, data=data).tables[0].cells[0]
    assert (cell.text, cell.binding) == ((data,), data)


def test_template_text_is_html_and_raw_blocks_print_as_written(tmp_path):
    body = ('<table><col data-mm="90"><tr><td class="label">A &amp; B &lt;c&gt;</td>'
            '<td class="label">{% raw %}{{ x }}{% endraw %}</td></tr></table>')
    body = body.replace('<col data-mm="90">', '<col data-mm="90"><col data-mm="90">')
    assert [c.text for c in grid_of(tmp_path, body).tables[0].cells] == [("A & B <c>",), ("{{ x }}",)]


def test_comments_styles_case_and_quoting_read_as_a_browser_reads_them(tmp_path):
    body = """<!-- <td class="label">not a cell</td> -->
<TABLE><COL DATA-MM='9'><col data-mm=9 />
  <style>td > p { color: red }</style>
  <tr><TD CLASS='label' data-bind='a &amp; b'>x &gt; y</TD><td class=value data-bind="q&quot;t">&#x4e2d;</td></tr>
</TABLE>"""
    cells = grid_of(tmp_path, body).tables[0].cells
    assert [(c.text, c.binding, c.col) for c in cells] == [(("x > y",), "a & b", 0), (("中",), 'q"t', 1)]


def test_the_indicator_tree_merges_its_labels_and_binds_every_cell(tmp_path):
    form = load(SAMPLES / "selfeval-2020" / "01-incubator-base-operations.yaml")
    body = """
{% from "tree.html.j2" import tree %}
<table><col data-mm="20"><col data-mm="20"><col data-mm="20">
{% call(item, at) tree(form.indicators, level1_points=true) %}
  <td class="text" data-bind="{{ at }}.name">{{ item.name }}</td>
{% endcall %}
</table>"""
    table = grid_of(tmp_path, body, form=plain(form)).tables[0]
    first = form.indicators[0]
    items = sum(len(group.items) for group in first.groups)
    assert table.cells[0].binding == "indicators[0].level1" and table.cells[0].rowspan == items
    assert table.cells[1].binding == "indicators[0].groups[0].level2"
    assert table.cells[1].rowspan == len(first.groups[0].items)
    assert table.cells[2].binding == "indicators[0].groups[0].items[0].name"
    assert table.cells[2].text == (first.groups[0].items[0].name,)
    weight = sum(item.weight for group in first.groups for item in group.items)
    assert table.cells[0].text == (f"{first.level1}({weight:f}分)",)
    assert table.n_rows == sum(len(g.items) for level1 in form.indicators for g in level1.groups)


def test_the_signoff_line_pairs_captions_with_bound_values(tmp_path):
    body = """
{% from "signoff.html.j2" import signoff %}
<table>{% for _ in range(6) %}<col data-mm="30">{% endfor %}
{{ signoff([("项目负责人：", "张三", "signoff.lead"), ("日期：", none, "signoff.date")], span=2) }}
</table>"""
    cells = grid_of(tmp_path, body).tables[0].cells
    assert [(c.role, c.text[0], c.colspan, c.binding) for c in cells] == [
        (Role.LABEL, "项目负责人：", 1, ""), (Role.VALUE, "张三", 2, "signoff.lead"),
        (Role.LABEL, "日期：", 1, ""), (Role.VALUE, "", 2, "signoff.date")]


def test_each_template_is_compiled_once(tmp_path):
    from reportgen.layout.template import environment

    body = '<table><col data-mm="9"><col data-mm="9"><tr><td class="value">{{ " 常量 " }}</td>' \
           '<td class="value">{{ x }}</td></tr></table>'
    grid_of(tmp_path, body, x=1)
    env = environment(str(tmp_path / "form"))
    template = env.get_template("layout.html.j2")
    again = grid_of(tmp_path, "", x=2).tables[0].cells  # the file changed, the compiled template did not
    assert [c.text for c in again] == [(" 常量 ",), ("2",)]  # a printed constant is data too: verbatim
    assert env.get_template("layout.html.j2") is template


# -- broken templates: located, bilingual, no traceback --

CELL = '<td class="value">x</td>'
BROKEN = [
    ("syntax error", 4, "<table>\n{% for x in %}\n</table>", "模板语法错误", "syntax error"),
    ("undefined variable", 4, "<table>\n<col data-mm=\"9\"><tr><td class=\"value\">{{ nothing.here }}</td></tr>",
     "未定义", "undefined"),
    ("unknown cell class", 5, "<table><col data-mm=\"9\">\n<tr>\n<td class=\"cell\">x</td></tr></table>",
     "未知的单元格类型", "unknown cell class"),
    ("overflow", 5, f"<table><col data-mm=\"9\"><col data-mm=\"9\">\n<tr>{CELL}\n{CELL}{CELL}</tr></table>",
     "超出表格的 2 列", "overflows the table's 2 columns"),
    ("zero span", 4, "<table><col data-mm=\"9\"><tr>\n<td class=\"value\" colspan=\"0\">x</td></tr></table>",
     "应为正整数", "at least 1"),
    ("word span", 4, "<table><col data-mm=\"9\"><tr>\n<td class=\"value\" rowspan=\"two\">x</td></tr></table>",
     "应为正整数", "at least 1"),
    ("rowspan past the end", 4, "<table><col data-mm=\"9\"><tr>\n<td class=\"value\" rowspan=\"3\">x</td></tr>",
     "超出表格的最后一行", "past the last row"),
    ("non-numeric number", 5, "<table><col data-mm=\"9\"><tr>\n\n<td class=\"money\" data-number=\"1,0\">x</td></tr>",
     "不是数字", "is not a number"),
    ("non-numeric width", 4, "<table>\n<col data-mm=\"wide\"><tr>" + CELL + "</tr></table>", "不是数字", "is not a number"),
    ("unknown element", 4, "<table>\n<span>x</span></table>", "未知的元素 <span>", "unknown element <span>"),
    ("text outside cells", 4, "<table><col data-mm=\"9\">\n<tr>stray" + CELL + "</tr></table>", "单元格之外的文字",
     "outside a cell"),
    ("unknown attribute", 4, "<table><col data-mm=\"9\"><tr>\n<td class=\"value\" data-bnd=\"x\">x</td></tr></table>",
     "未知属性 data-bnd", "unknown attribute data-bnd"),
    ("sandbox", 4, "<table>\n<col data-mm=\"9\"><tr><td class=\"value\">{{ ''.__class__.__mro__ }}</td></tr></table>",
     "不允许", "not allowed"),
    ("missing macro file", 3, "{% from \"nope.html.j2\" import x %}", "找不到模板 nope.html.j2", "not found"),
]


@pytest.mark.parametrize("case, line, body, zh, en", BROKEN, ids=[case[0] for case in BROKEN])
def test_a_broken_template_is_an_error_at_its_file_and_line(tmp_path, case, line, body, zh, en):
    message = error_of(tmp_path, body)
    where = f"{tmp_path / 'form' / 'layout.html.j2'}:{line}: 布局模板错误："
    assert message.startswith(where), message
    assert zh in message and en in message and message.index(zh) < message.index(en), message


def test_an_error_in_a_shared_macro_names_the_macro_file(tmp_path):
    message = error_of(tmp_path, '{% from "cells.html.j2" import money %}<table><col data-mm="9"><tr>'
                                 '{{ money("12 元") }}</tr></table>')
    assert message.startswith(f"{templates_dir() / 'forms' / '_macros' / 'cells.html.j2'}:"), message
    assert "渲染失败" in message and "rendering failed" in message


def test_render_reports_a_broken_form_template_without_a_traceback(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("REPORTGEN_FORMS", "")
    broken = tmp_path / "forms"
    shutil.copytree(templates_dir() / "forms" / "target-2026", broken / "target-2026")
    layout = broken / "target-2026" / "layout.html.j2"
    layout.write_text(layout.read_text(encoding="utf-8").replace('class="label">项目名称', 'class="lable">项目名称'),
                      encoding="utf-8")
    sample = SAMPLES / "target-2026" / "05-project-management-fee.yaml"
    argv = ["render", str(sample), "--forms", str(broken), "-o", str(tmp_path / "out"), "-f", "html"]
    assert main(argv) == 2  # a broken definition (README: exit codes)
    err = capsys.readouterr().err
    line = layout.read_text(encoding="utf-8").splitlines().index('    <td class="lable">项目名称</td>') + 1
    assert f"{layout}:{line}: 布局模板错误：未知的单元格类型 class=\"lable\"" in err
    assert "Traceback" not in err and not (tmp_path / "out" / f"{sample.stem}.html").exists()
