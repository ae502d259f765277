"""Untrusted input stays inert: escaped markup, no fetching, no path outside the output folder."""
from pathlib import Path

import pytest

from reportgen import load
from reportgen.errors import OutputError
from reportgen.layout import layout_of
from reportgen.options import RenderOptions
from reportgen.output import safe_target, write_atomic
from reportgen.render import pdf
from tests.conftest import written
from tests.minimal import TARGET_2026, variant


def test_markup_in_data_is_escaped(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text(variant("  name: 测试项目", '  name: "<img src=file:///etc/passwd>测试"'), encoding="utf-8")
    page = written("html", layout_of(load(path), "target-2026"))
    assert "<img" not in page and "&lt;img src=file:///etc/passwd&gt;测试" in page


def test_the_pdf_writer_fetches_nothing(tmp_path, monkeypatch):
    import base64

    image = tmp_path / "dot.png"  # a real image WeasyPrint would embed, were it fetched
    image.write_bytes(base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="))
    asked = []

    def spy(url, *args, **kwargs):
        asked.append(url)
        raise pdf.FetchRefused(url)

    monkeypatch.setattr(pdf, "refuse_fetch", spy)
    page = f'<html><body><img src="{image.as_uri()}"><p>x</p></body></html>'
    data = pdf.html_to_pdf(page)
    assert asked == [image.as_uri()]  # WeasyPrint asked our fetcher, which refused
    assert data.startswith(b"%PDF") and b"/Image" not in data  # the page renders without the image


def test_font_names_cannot_break_out_of_the_stylesheet():
    from reportgen.fonts import FontConfig, css_stack

    stack = css_stack(FontConfig().with_overrides(body='x"; } body { display:none } "').body, "serif")
    assert "}" not in stack and ";" not in stack


@pytest.mark.parametrize("relative", ["../evil", "a/../../evil", "/etc/passwd"])
def test_output_paths_cannot_escape_the_output_folder(tmp_path, relative):
    with pytest.raises(OutputError):
        safe_target(tmp_path / "out", Path(relative))


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(tmp_path, monkeypatch):
    target = tmp_path / "form.pdf"
    target.write_bytes(b"old")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr("os.replace", broken_replace)
    with pytest.raises(OutputError, match="disk full"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["form.pdf"]


def test_a_writer_failure_writes_no_format_at_all(tmp_path, monkeypatch):
    from reportgen.inputs import Input
    from reportgen.pipeline import render
    from reportgen.render import xlsx

    source = tmp_path / "f.yaml"
    source.write_text(TARGET_2026, encoding="utf-8")

    def broken(*args, **kwargs):
        raise OutputError("xlsx writer failed")

    monkeypatch.setattr(xlsx, "write", broken)
    outcome = render(Input(source, Path("f")), tmp_path / "out", ["html", "xlsx"], RenderOptions())
    assert outcome.failed and not (tmp_path / "out").exists()
