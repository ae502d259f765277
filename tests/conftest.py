"""Shared fixtures: samples, one render of each sample folder per run, readers of outputs."""
from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from reportgen.geometry import plan
from reportgen.inputs import collect
from reportgen.messages import use_language
from reportgen.options import RenderOptions
from reportgen.pipeline import render
from reportgen.render import WRITERS

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.fixture(autouse=True)
def chinese_messages():
    """Each test starts with messages in Chinese: a command run with --lang en before it in the
    same worker leaves its language chosen for the process."""
    use_language("zh")
    yield
    use_language("zh")


@pytest.fixture(autouse=True)
def built_in_forms_only(monkeypatch):
    """Each test starts with the built-in forms only: ``--forms DIR`` adds DIR to REPORTGEN_FORMS for
    the process, and a folder one test made (broken on purpose, say) must not reach the next."""
    monkeypatch.setenv("REPORTGEN_FORMS", "")


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from this run")


def shared(tmp_path_factory, name: str, make) -> dict:
    """Return ``make(folder)``, made once in a run however many workers ask: the first renders
    into ``folder`` under a lock, the others wait and read its index (a session fixture of
    pytest-xdist is made once per worker). Its value maps names to paths or to format → path;
    the files are read, never changed."""
    root = tmp_path_factory.getbasetemp()
    root = root.parent if os.environ.get("PYTEST_XDIST_WORKER") else root  # the run's, above each worker's
    index = root / f"shared-{name}.json"
    with open(root / f"shared-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not index.exists():
            made = make(root / f"shared-{name}")
            index.write_text(json.dumps({key: str(v) if isinstance(v, Path) else {k: str(p) for k, p in v.items()}
                                         for key, v in made.items()}))
    return {key: Path(v) if isinstance(v, str) else {k: Path(p) for k, p in v.items()}
            for key, v in json.loads(index.read_text()).items()}


@pytest.fixture(scope="session")
def rendered_2026(tmp_path_factory) -> dict[str, dict[str, Path]]:
    """Every 2026 sample in all four formats, rendered once: stem → format → path."""
    return shared(tmp_path_factory, "2026", _render_2026)


def _render_2026(out: Path) -> dict[str, dict[str, Path]]:
    items, _ = collect([str(SAMPLES / "target-2026")])
    result = {}
    for item in items:
        outcome = render(item, out, ["pdf", "docx", "xlsx", "html"], RenderOptions())
        assert not outcome.failed, [p.format() for p in outcome.problems] + [outcome.error]
        result[item.path.stem] = {p.suffix[1:]: p for p in outcome.written}
    return result


ENGINES = ("weasyprint", "typst")
# A booklet whose test reads its front matter only: both engines print the same plan, Typst in a sixth of the time.
FAST = ("--engine", "typst")


def engine_options(engine: str) -> RenderOptions:
    """Return the default options with ``engine``; skip the test when Typst is not installed."""
    if engine == "typst":
        pytest.importorskip("typst")
    return RenderOptions(engine=engine)


@pytest.fixture(scope="session")
def rendered_typst(tmp_path_factory) -> dict[str, Path]:
    """Every 2026 sample in PDF through the Typst engine, rendered once: stem → path."""
    pytest.importorskip("typst")  # skipped before ``shared`` takes its lock, not inside the render
    return shared(tmp_path_factory, "typst", _render_typst)


def _render_typst(out: Path) -> dict[str, Path]:
    options = engine_options("typst")
    items, _ = collect([str(SAMPLES / "target-2026")])
    result = {}
    for item in items:
        outcome = render(item, out, ["pdf"], options)
        assert not outcome.failed, [p.format() for p in outcome.problems] + [outcome.error]
        result[item.path.stem] = outcome.written[0]
    return result


@pytest.fixture(params=ENGINES)
def rendered_pdf(request) -> dict[str, Path]:
    """The 2026 samples' PDFs of each engine: stem → path."""
    if request.param == "typst":
        return request.getfixturevalue("rendered_typst")
    return {stem: paths["pdf"] for stem, paths in request.getfixturevalue("rendered_2026").items()}


@pytest.fixture
def golden(request):
    """Compare a JSON-able value with ``tests/golden/<name>``; rewrite it under --update-golden."""

    def check(name: str, actual) -> None:
        path = GOLDEN / name
        text = json.dumps(actual, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        if request.config.getoption("--update-golden") or not path.exists():
            if not request.config.getoption("--update-golden"):
                pytest.fail(f"golden file {path} is missing: run pytest --update-golden and review it")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            return
        assert json.loads(path.read_text(encoding="utf-8")) == json.loads(text), f"differs from {path}"

    return check


def written(name: str, layout, options: RenderOptions | None = None) -> bytes | str:
    """Return ``layout`` planned and written by the writer ``name``, as ``render`` writes a form."""
    options = options or RenderOptions()
    return WRITERS[name].write(plan(layout, options), options)


def pdf_pages(path: Path) -> list[str]:
    """Return the text of each page of a PDF, in drawing order (``pdftotext -raw``)."""
    text = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"],
                          capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def pdf_text(path: Path) -> str:
    """Return the text of a whole PDF without its page numbers, so text that runs over pages joins."""
    import re

    return "".join(re.sub(r"\s*[-—] \d+ [-—]\s*$", "", page) for page in pdf_pages(path))


def squash(text: str) -> str:
    """Return ``text`` without white space: cells wrap differently in each format."""
    return "".join(text.split())


def printed_in_order(needle: str, haystack: str, start: int = 0, gap: int = 600) -> int:
    """Return where ``needle`` ends in ``haystack`` (both squashed) when every character of it is
    there in order, and -1 otherwise.

    A text cut across pages has the page foot, the repeated header rows and labels between its
    parts: up to ``gap`` characters may come between two of its characters, no more.
    """
    at = haystack.find(needle, start)
    if at >= 0:
        return at + len(needle)
    anchor = haystack.find(needle[:8], start)
    for _ in range(5000):  # texts repeat themselves: try each place the text could start
        if anchor < 0:
            return -1
        end = _follow(needle, haystack, anchor, gap)
        if end >= 0:
            return end
        anchor = haystack.find(needle[:8], anchor + 1)
    return -1


def _follow(needle: str, haystack: str, at: int, gap: int) -> int:
    """Return where ``needle`` ends when it starts at ``at`` and continues in parts, each after at
    most ``gap`` other characters; -1 if it does not."""
    done, pos = 0, at
    while done < len(needle):
        probe = needle[done:done + 8]
        found = haystack.find(probe, pos, pos + gap + len(probe))
        if found < 0:
            return -1
        length = len(probe)
        while done + length < len(needle) and found + length < len(haystack) \
                and haystack[found + length] == needle[done + length]:
            length += 1
        done, pos = done + length, found + length
    return pos


def requires_office(test):
    """Mark ``test`` as one that opens files in LibreOffice: slow, and skipped where it is missing."""
    return pytest.mark.slow(pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")(test))


# The renders of every sample (tens of seconds, made once per run: ``shared``) put the tests that
# read them in the slow tier, and ``rendered_pdf`` of WeasyPrint with them (it reads
# ``rendered_2026`` by name, which ``fixturenames`` does not list).
SLOW_FIXTURES = {"rendered_2026", "rendered_older", "rendered_typst", "rendered_family"}


def pytest_collection_modifyitems(items):
    for item in items:
        params = getattr(item, "callspec", None) and item.callspec.params
        if SLOW_FIXTURES & set(item.fixturenames) or params and params.get("rendered_pdf") == "weasyprint":
            item.add_marker(pytest.mark.slow)


def pytest_runtest_setup(item):
    """Fail a grouped test that pytest-xdist did not group (its name lacks "…@group" in a worker of
    ``--dist loadgroup``: pytest 9.2, pytest-xdist#1386): every worker would render the samples again."""
    if getattr(item.config.option, "loadgroup", False) and item.get_closest_marker("xdist_group") and "@" not in item.nodeid:
        pytest.fail("--dist loadgroup does not group with this pytest (pytest-xdist#1386): "
                    "install the versions pyproject.toml names", pytrace=False)


@pytest.fixture(scope="session")
def rendered_older(tmp_path_factory) -> dict[str, dict[str, Path]]:
    """Every sample of the 2019 and 2020 forms, rendered once: 'folder/stem' → format → path."""
    return shared(tmp_path_factory, "older", _render_older)


OLDER = ("selfeval-2019", "selfeval-2020", "target-2020")  # the sample folders rendered_older holds


def _render_older(out: Path) -> dict[str, dict[str, Path]]:
    folders = [str(SAMPLES / name) for name in OLDER]
    result = {}
    for folder in folders:
        items, _ = collect([folder])
        for item in items:
            outcome = render(item, out / Path(folder).name, ["pdf", "docx", "xlsx"], RenderOptions())
            assert not outcome.failed, [p.format() for p in outcome.problems] + [outcome.error]
            result[f"{Path(folder).name}/{item.path.stem}"] = {p.suffix[1:]: p for p in outcome.written}
    return result


def docx_text(path: Path) -> str:
    from docx import Document
    from docx.oxml.ns import qn

    return "".join(t.text or "" for t in Document(path).element.body.iter(qn("w:t")))


def xlsx_cells(path: Path) -> list[tuple[str, object, str]]:
    """Return (coordinate, value, number format) of every non-empty cell of every sheet."""
    from openpyxl import load_workbook

    return [(c.coordinate, c.value, c.number_format) for sheet in load_workbook(path).worksheets
            for row in sheet.iter_rows() for c in row if c.value is not None]


def crammed(form_pages):
    """Return ``form_pages`` with the last two pages of every form made one: a plan Typst's pages
    do not follow (the tables of that page run onto a page the plan did not count)."""
    def wrapper(*args, **kwargs):
        pages = form_pages(*args, **kwargs)
        if len(pages) > 1:
            pages[-2] = {**pages[-2], "tables": pages[-2]["tables"] + pages[-1]["tables"], "notes": pages[-1]["notes"]}
            del pages[-1]
        return pages
    return wrapper
