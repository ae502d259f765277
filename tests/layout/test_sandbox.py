"""Layout templates are untrusted: what they may call, make and print is bounded."""
import time

import pytest

from reportgen.layout import sandbox
from reportgen.layout.reader import LayoutTemplateError
from reportgen.layout.template import render_layout

CELL = '<table><col data-mm="9"><tr><td class="value">{}</td></tr></table>'


def render(tmp_path, body: str, **context):
    folder = tmp_path / "form"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "layout.html.j2").write_text(f"<html><body>\n<h1>表</h1>\n{body}\n</body></html>\n", encoding="utf-8")
    return render_layout(folder, context)


def refused(tmp_path, body: str, **context) -> str:
    """Return the refusal as ``--lang both`` prints it: Chinese, then English."""
    with pytest.raises(LayoutTemplateError) as caught:
        render(tmp_path, body, **context)
    return caught.value.shown("both")


def printed(tmp_path, expression: str, **context) -> str:
    return render(tmp_path, CELL.format("{{ " + expression + " }}"), **context).tables[0].cells[0].text[0]


@pytest.mark.parametrize("expression", [
    "'x' * 2000000000", "[1] * 2000000000", "2 ** 2000000000", "(10 ** 40000) * (10 ** 40000)",
    "'%0999999999d' % 1", "'{:>999999999}'.format(1)", "'x'.ljust(999999999)", "'x'.center(999999999)",
    "'ab'.replace('a', 'x')", "lipsum(100000)", "namespace()", "range(100001)|list",
])
def test_growing_calls_and_operators_are_refused_before_they_run(tmp_path, expression):
    started = time.monotonic()
    message = refused(tmp_path, CELL.format("{{ " + expression + " }}"))
    assert time.monotonic() - started < 5, expression
    assert f"{tmp_path / 'form' / 'layout.html.j2'}:3" in message, message


def test_concatenation_that_doubles_is_refused_at_the_bound(tmp_path):
    doubling = "{% set a = 'x' * 600000 %}{% set b = a ~ a %}{{ b|length }}"
    assert "1,000,000" in refused(tmp_path, CELL.format(doubling))
    assert "1,000,000" in refused(tmp_path, CELL.format("{% set a = 'x' * 600000 %}{{ (a + a)|length }}"))


def test_a_template_that_loops_without_calling_anything_stops_at_the_time_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(sandbox, "TIME_LIMIT", 0.5)
    loop = "{% set r = range(100000)|list %}{% for i in r %}{% for j in r %}{% endfor %}{% endfor %}"
    started = time.monotonic()
    message = refused(tmp_path, CELL.format(loop))
    assert time.monotonic() - started < 5
    assert "layout.html.j2:3: " in message, message
    assert "渲染超过 0.5 秒" in message and "longer than 0.5 s" in message, message
    time.sleep(0.6)
    assert printed(tmp_path / "next", "'x' * 3") == "xxx"  # the next render is not interrupted late


def test_a_template_that_prints_too_much_is_stopped(tmp_path, monkeypatch):
    monkeypatch.setattr(sandbox, "MAX_OUTPUT", 1_000_000)
    body = "{% set a = 'x' * 100000 %}{% for i in range(100) %}" + CELL.format("{{ a }}") + "{% endfor %}"
    assert "1,000,000" in refused(tmp_path, body)


def test_growing_by_recursion_is_stopped_at_each_call(tmp_path):
    body = "{% macro f(s) %}{{ f(s ~ s) }}{% endmacro %}" + CELL.format("{{ f('x') }}")
    assert "1,000,000" in refused(tmp_path, body)


def test_ordinary_template_work_still_runs(tmp_path):
    assert printed(tmp_path, "'ab' * 2 ~ [1, 2]|join('-') ~ 'X'.lower() ~ (3 ** 2)|string") == "abab1-2x9"
    assert printed(tmp_path / "2", "{'items': [1, 2]}.items|length") == "2"  # the field, not dict.items
    assert printed(tmp_path / "3", "form.project.name", form={"project": {"name": "项目"}}) == "项目"


def test_a_template_gets_plain_data_only(tmp_path):
    from reportgen.forms.plain import plain
    from reportgen.load.loader import load
    from tests.conftest import SAMPLES

    form = load(SAMPLES / "target-2026" / "05-project-management-fee.yaml")
    for thing in (form, tmp_path, {"folder": tmp_path}, [form.project]):
        with pytest.raises(TypeError, match="plain data only"):
            render(tmp_path, CELL.format("{{ x }}"), x=thing)
    assert printed(tmp_path / "2", "form.project.start_date", form=plain(form)) == "2026-01-01"
    message = refused(tmp_path / "3", CELL.format("{{ form.definition.folder }}"), form=plain(form))
    assert "未定义" in message and "definition" in message, message
