"""Property: any mutation of any sample ends in located problems or files in every format.

Every sample is mutated (values of other types, deletions, renamed keys, Unicode with control
characters and surrogates, huge numbers, markup and formulas, aliases, duplicate keys, other
encodings, truncation) and written as YAML or JSON; then:

- reading and checking raise nothing, and every problem is located (file, line ≥ 1);
- ``reportgen check`` exits 1 when there are errors, else 0, and prints no traceback;
- whatever ``check`` passes renders to HTML, PDF, DOCX and XLSX;

- every visible character a cell prints is found in each file read back as a client reads it
  (pdftotext, python-docx, openpyxl), and the PDF carries the form's YAML whole.

The suite runs ``REPORTGEN_FUZZ_EXAMPLES`` examples (default 300, the same ones each run, in four
shards that the suite's workers share); ``./dev fuzz N`` runs N fresh ones.

The files ``reportgen import`` reads are mutated too (a third as many examples): bytes flipped
and cut, a zip header field overwritten (flags, method, CRC, sizes), an XML part given entities,
broken markup, huge references and spans, formulas and odd numbers, the embedded payload given
wrong shapes and damaged YAML. Every one must end in exit 0 or 1 within seconds, never a
traceback or an internal error.
"""
from __future__ import annotations

import contextlib
import html
import io
import json
import os
import re
import subprocess
import tempfile
import time
import unicodedata
import zipfile
from collections import Counter
from datetime import date
from pathlib import Path

import docx
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from reportgen.cli import main
from reportgen.geometry import plan
from reportgen.layout import layout_of
from reportgen.options import RenderOptions
from reportgen.pipeline import examine
from reportgen.render import writer
from reportgen.render.embed import from_pdf, with_source
from tests.conftest import SAMPLES

pytestmark = pytest.mark.slow  # hypothesis over hundreds of mutated files, each checked and rendered in every format

EXAMPLES = int(os.environ.get("REPORTGEN_FUZZ_EXAMPLES", "300"))
SHARDS = 4  # the examples in four tests, each over a quarter of the samples: the suite's workers share them
SAMPLE_DATA = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(SAMPLES.rglob("*.yaml"))]
UNLOCATED = {"RG106", "RG107", "RG800"}  # unreadable, too big as a whole, no font at all

HOSTILE = ['=HYPERLINK("http://example.invalid","x")', "<p>段落</p>", "$\\geq 90\\%$", "\x1b[31m红\x1b[0m",
           "\ud800", "\x00", "\x0b", "\u202e反向", "１２３", "≥1e40(件)", "-0.00", "1e999", "9" * 40, " ", ""]
texts = st.text(st.characters(codec=None, exclude_categories=()), max_size=40) | st.sampled_from(HOSTILE)
numbers = (st.integers(-10 ** 40, 10 ** 40) | st.floats(allow_nan=True, allow_infinity=True)
           | st.decimals(allow_nan=False, allow_infinity=False).map(str))
scalars = texts | numbers | st.booleans() | st.none() | st.dates(date(1, 1, 1), date(9999, 12, 31))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
                      max_leaves=6)


def paths(data, prefix=()):
    """Yield the path of every value in ``data``."""
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from paths(value, prefix + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from paths(value, prefix + (index,))


def mutate(data, path, operation, value):
    """Return ``data`` with the value at ``path`` replaced, deleted, or its key renamed."""
    if not path:
        return value if operation == "replace" else data
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if operation == "replace":
        parent[last] = value
    elif operation == "delete":
        del parent[last]
    elif isinstance(parent, dict):
        parent[f"{last}{value}" if isinstance(value, str) else f"_{last}"] = parent.pop(last)
    return data


@st.composite
def documents(draw, samples: list) -> tuple[bytes, str]:
    """Draw a mutated sample of ``samples`` as (bytes, suffix). Most mutations keep a value's type
    (a text for a text), so that many documents pass ``check`` and reach the writers."""
    data = json.loads(json.dumps(draw(st.sampled_from(samples)), default=str))
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.sampled_from(list(paths(data))[1:]))
        current = _at(data, where)
        if isinstance(current, str) and draw(st.integers(0, 3)):
            data = mutate(data, where, "replace", draw(texts.filter(str.strip) | st.sampled_from(HOSTILE)))
        elif isinstance(current, (int, float)) and not isinstance(current, bool) and draw(st.booleans()):
            data = mutate(data, where, "replace", draw(numbers))
        else:
            operation = draw(st.sampled_from(["replace", "delete", "rename"]))
            data = mutate(data, where, operation, draw(values))
    suffix = draw(st.sampled_from([".yaml", ".json"]))
    if suffix == ".json":
        text = json.dumps(data, ensure_ascii=draw(st.booleans()), default=str)
    else:
        text = yaml.safe_dump(data, allow_unicode=draw(st.booleans()), sort_keys=False)
    text = draw(st.sampled_from([text] * 6 + [_duplicate_first_key(text), _with_aliases(text), text[:len(text) // 2]]))
    encoding = draw(st.sampled_from(["utf-8"] * 6 + ["utf-8-sig", "utf-16", "gb18030"]))
    return text.encode(encoding, "surrogatepass" if encoding.startswith("utf") else "replace"), suffix


def _at(data, path):
    for part in path:
        data = data[part]
    return data


def _duplicate_first_key(text: str) -> str:
    lines = text.splitlines(keepends=True)
    return "".join(lines[:2] + lines[1:2] + lines[2:]) if len(lines) > 2 else text


def _with_aliases(text: str) -> str:
    bomb = "".join(f"x{i}: &x{i} [{', '.join([f'*x{i - 1}'] * 6)}]\n" for i in range(1, 9))
    return "x0: &x0 [lol, lol]\n" + bomb + text


def check_exit_code(path: Path) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", str(path)])
    return code, out.getvalue() + err.getvalue()


@pytest.mark.skipif(EXAMPLES <= 0, reason="REPORTGEN_FUZZ_EXAMPLES=0")
@pytest.mark.parametrize("shard", range(SHARDS))
@settings(max_examples=max(EXAMPLES // SHARDS, 1), deadline=None, database=None,
          derandomize="REPORTGEN_FUZZ_EXAMPLES" not in os.environ,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])
@given(data=st.data())
def test_any_mutated_sample_is_located_problems_or_every_format(shard, data):
    content, suffix = data.draw(documents(SAMPLE_DATA[shard::SHARDS]))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"form{suffix}"
        path.write_bytes(content)
        options = RenderOptions()
        form, problems = examine(path, options)
        for problem in problems:
            assert problem.file == str(path) and (problem.line >= 1 or problem.code in UNLOCATED), problem
            problem.format(), problem.format("en")  # every message fills in
        errors = [p for p in problems if p.severity == "error"]
        code, printed = check_exit_code(path)
        assert code == (1 if errors else 0) and "Traceback" not in printed, printed
        if errors:
            return
        layout = with_source(layout_of(form), form)
        planned = plan(layout, options)
        for name in ("html", "pdf", "docx", "xlsx"):
            assert_all_there(name, writer(name).write(planned, options), layout, Path(folder))


def visible_characters(text: str) -> Counter:
    """Return the characters of ``text`` a reader sees: no spaces, controls or format marks."""
    return Counter(c for c in text if unicodedata.category(c) not in ("Cc", "Cf", "Zs", "Zl", "Zp") and not c.isspace())


def assert_all_there(name: str, written, layout, folder: Path) -> None:
    """Read ``written`` back as its clients would and find every character each cell printed
    (in XLSX, the cells that hold text; amounts there are numbers, formatted by the client)."""
    cells = [c for t in layout.tables for c in t.cells if name != "xlsx" or c.number is None]
    expected = visible_characters("".join("".join(c.text) for c in cells) + layout.title)
    read = {"html": _html_text, "pdf": _pdf_text, "docx": _docx_text, "xlsx": _xlsx_text}[name](written, folder)
    missing = expected - visible_characters(read)
    assert not missing, f"{name} lost {dict(missing)}"
    if name == "pdf":
        assert from_pdf(written)["forms"][0]["yaml"] == layout.source  # the source it carries, whole


def _html_text(page: str, folder: Path) -> str:
    return html.unescape(re.sub(r"<style.*?</style>|<[^>]+>", "", page, flags=re.S))


def _pdf_text(data: bytes, folder: Path) -> str:
    (folder / "out.pdf").write_bytes(data)
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(folder / "out.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout


def _docx_text(data: bytes, folder: Path) -> str:
    document = docx.Document(io.BytesIO(data))
    return "".join(p.text for p in document.paragraphs) + "".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells)


def _xlsx_text(data: bytes, folder: Path) -> str:
    book = load_workbook(io.BytesIO(data))
    return "".join(str(cell.value) for sheet in book for row in sheet.iter_rows() for cell in row
                   if cell.value is not None)


# -- form definitions: folders mutated as bureaus break them, on purpose or not --

DEFINITION_EXAMPLES = int(os.environ.get("REPORTGEN_FUZZ_DEFINITIONS", "60"))
FORM_FILES = ("form.yaml", "schema.yaml", "profile.yaml")
TEMPLATE_SNIPPETS = [
    "{{ form.nothing }}", "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "{{ 'x' * 99999999 }}", "{% include 'nope.j2' %}", "{{ field('nope') }}", "{{ field('project.name') }}",
    "</td>", '<td class="money">', "<tr>", "</table>", "{{ form.__class__ }}", "{% if %}", "{{ calc.x }}",
    '<td class="value" data-bind="project.nmae">x</td>', "{{ form.project.name|amount }}", "{{ 1/0 }}",
]
KEY_TYPOS = {"checks": "chekcs", "summary": "summay", "label": "lable", "optional": "optinal", "type": "tpye",
             "fields": "feilds", "title": "titel", "fn": "fun", "default": "defualt"}


@st.composite
def broken_folders(draw) -> tuple[str, dict[str, str]]:
    """Draw a built-in form and the changed texts of its folder's files."""
    from reportgen.resources import templates_dir

    form_id = draw(st.sampled_from(["target-2026", "selfeval-2020", "selfeval-2019", "monitor", "target-2020"]))
    folder = templates_dir() / "forms" / form_id
    files = {name: (folder / name).read_text(encoding="utf-8") for name in FORM_FILES + ("layout.html.j2",)}
    for _ in range(draw(st.integers(1, 3))):
        name = draw(st.sampled_from(FORM_FILES + ("layout.html.j2",) * 2))
        files[name] = draw(_broken_template(files[name]) if name.endswith(".j2") else _broken_data(files[name]))
    return form_id, files


@st.composite
def _broken_data(draw, text: str) -> str:
    data = yaml.safe_load(text) or {}
    if draw(st.booleans()):
        typo = draw(st.sampled_from(sorted(KEY_TYPOS)))
        return text.replace(f"{typo}:", f"{KEY_TYPOS[typo]}:", 1)
    path = draw(st.sampled_from(list(paths(data))))
    operation = draw(st.sampled_from(["replace", "delete", "rename"]))
    value = draw(values if operation == "replace" else texts)
    return yaml.safe_dump(mutate(data, path, operation, value), allow_unicode=True)


@st.composite
def _broken_template(draw, text: str) -> str:
    lines = text.splitlines(keepends=True)
    at = draw(st.integers(0, len(lines) - 1))
    choice = draw(st.sampled_from(["delete", "insert", "rebind", "duplicate"]))
    if choice == "delete":
        del lines[at]
    elif choice == "insert":
        lines.insert(at, draw(st.sampled_from(TEMPLATE_SNIPPETS)) + "\n")
    elif choice == "duplicate":
        lines.insert(at, lines[at])
    else:
        lines[at] = re.sub(r'(data-bind="|field\(")([^"]*)', lambda m: m[1] + draw(texts).replace('"', ""), lines[at])
    return "".join(lines)


@pytest.mark.slow
@pytest.mark.skipif(DEFINITION_EXAMPLES <= 0, reason="REPORTGEN_FUZZ_DEFINITIONS=0")
@settings(max_examples=DEFINITION_EXAMPLES, deadline=None, database=None,
          derandomize="REPORTGEN_FUZZ_DEFINITIONS" not in os.environ,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])
@given(broken_folders())
def test_any_broken_form_folder_is_a_located_error_never_exit_4(folder_files):
    from reportgen.layout import sandbox

    form_id, files = folder_files
    limit, sandbox.TIME_LIMIT = sandbox.TIME_LIMIT, 1.0
    try:
        with tempfile.TemporaryDirectory() as root:
            folder = Path(root) / "forms" / form_id
            folder.mkdir(parents=True)
            for name, text in files.items():  # a lone surrogate makes a file that is not UTF-8: refused
                (folder / name).write_text(text, encoding="utf-8", errors="surrogatepass")
            starter = Path(root) / "x.yaml"
            (starter).write_text(_starter(form_id), encoding="utf-8")
            for argv in (["check", str(starter)], ["render", str(starter), "-o", root, "-f", "html", "-j", "1"]):
                code, printed = _run([*argv, "--forms", str(folder.parent)])
                assert code in (0, 1, 2, 3) and "Traceback" not in printed and "内部错误" not in printed, printed
    finally:
        sandbox.TIME_LIMIT = limit
        os.environ["REPORTGEN_FORMS"] = ""


def _starter(form_id: str) -> str:
    from reportgen.resources import templates_dir

    return (templates_dir() / "forms" / form_id / "starter.yaml").read_text(encoding="utf-8")


def _run(argv: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue() + err.getvalue()


# -- the files ``import`` reads: zip structure, XML parts and the embedded payload mutated --

IMPORT_EXAMPLES = int(os.environ.get("REPORTGEN_FUZZ_IMPORT_EXAMPLES", str(max(EXAMPLES // 3, 0))))
IMPORT_SOURCES = [SAMPLES / "target-2026" / "05-project-management-fee.yaml",
                  SAMPLES / "selfeval-2020" / "01-incubator-base-operations.yaml"]
XML_HOSTILE = [b'<!DOCTYPE x [<!ENTITY a "aaaa">]>', b"&a;", b"&undefined;", b"<", b"]]>", b"\x00", b'r="A1048576"',
               b'ref="A1:XFD1048576"', b'w:val="99999999"', b'w:val="x"', b"<f>HYPERLINK(\"x\",\"y\")</f>",
               b"<v>1e300</v>", b"<v>1e-300</v>", b"<v>NaN</v>", "１２３".encode(), b"1_000"]
PAYLOAD_HOSTILE = [[], [1, None, "x", [2]], {"table": "x"}, {"yaml": 5}, {"yaml": "form: target-2026\n"},
                   {"table": -1, "tables": 10 ** 9}, {"widths": [[float("inf")]]}, {"fields": {"sheet": 1}}]


class Files(list):
    """(suffix, bytes) of files to damage; a short repr, since Hypothesis prints its strategies' arguments."""

    def __repr__(self) -> str:
        return f"Files({', '.join(suffix for suffix, _ in self)})"


@pytest.fixture(scope="module")
def import_files(tmp_path_factory) -> Files:
    """Return (suffix, bytes) of files reportgen writes: DOCX, XLSX, PDF and a fill-in workbook."""
    out = tmp_path_factory.mktemp("import-fuzz")
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert main(["render", *map(str, IMPORT_SOURCES), "-o", str(out), "-f", "docx,xlsx,pdf", "-j", "1"]) == 0
        assert main(["new", "target-2026", "-o", str(out / "fillin.xlsx")]) == 0
    return Files((p.suffix, p.read_bytes()) for p in sorted(out.iterdir()))


class Damaged(bytes):
    """A damaged file's bytes; its repr says how it was made (the bytes would be tens of kB)."""

    def __new__(cls, data: bytes, suffix: str, recipe: str):
        made = super().__new__(cls, data)
        made.suffix, made.recipe = suffix, recipe
        return made

    def __repr__(self) -> str:
        return f"Damaged({self.suffix}: {self.recipe})"


@st.composite
def damaged_files(draw, files) -> Damaged:
    """Draw a file ``import`` reads with its zip structure, an XML part or its payload mutated."""
    index = draw(st.integers(0, len(files) - 1))
    suffix, data = files[index]
    kind = "bytes" if suffix == ".pdf" else draw(st.sampled_from(["bytes", "header", "xml", "xml", "payload", "payload"]))
    recipe = f"file {index}, {kind}"
    if kind == "bytes":
        return Damaged(_flip(draw, data), suffix, recipe)
    if kind == "header":
        return Damaged(_header(draw, data), suffix, recipe)
    parts = _members(data)
    if kind == "xml":
        name = draw(st.sampled_from(sorted(n for n in parts if n.endswith(".xml"))))
        at = draw(st.integers(0, len(parts[name])))
        cut = draw(st.integers(0, 40))
        insert = draw(st.sampled_from(XML_HOSTILE) | st.binary(max_size=20))
        parts[name] = parts[name][:at] + insert + parts[name][at + cut:]
        recipe += f" {name} at {at}, {cut} bytes replaced by {insert!r}"
    else:
        parts["docProps/custom.xml"] = _payload(draw, parts)
    return Damaged(_zipped(parts), suffix, recipe)


def _flip(draw, data: bytes) -> bytes:
    data = bytearray(data)
    for _ in range(draw(st.integers(1, 8))):
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(data[:draw(st.integers(len(data) // 2, len(data)))])


def _header(draw, data: bytes) -> bytes:
    """Overwrite one field of one central directory entry: flags, method, CRC or sizes."""
    import struct

    data = bytearray(data)
    entries = [at for at in range(len(data) - 4) if data[at:at + 4] == b"PK\x01\x02"]
    at = draw(st.sampled_from(entries))
    offset, fmt = draw(st.sampled_from([(8, "<H"), (10, "<H"), (16, "<I"), (20, "<I"), (24, "<I")]))
    struct.pack_into(fmt, data, at + offset, draw(st.integers(0, 2 ** (16 if fmt == "<H" else 32) - 1)))
    return bytes(data)


def _payload(draw, parts: dict[str, bytes]) -> bytes:
    import zlib

    from reportgen.render import embed
    from tests.importer.tamper import custom_xml

    payload = embed.from_package(zipfile.ZipFile(io.BytesIO(_zipped(parts))))
    forms = payload["forms"]
    where = draw(st.integers(0, len(forms) - 1))
    choice = draw(st.sampled_from(["entry", "key", "yaml", "forms"]))
    if choice == "forms":
        payload["forms"] = draw(st.sampled_from(PAYLOAD_HOSTILE))
    elif choice == "entry":
        forms[where] = draw(st.sampled_from(PAYLOAD_HOSTILE) | values)
    elif choice == "key":
        forms[where] = {**forms[where], **draw(st.sampled_from([e for e in PAYLOAD_HOSTILE if isinstance(e, dict)]))}
    else:
        text = forms[where]["yaml"]
        at = draw(st.integers(0, len(text)))
        forms[where]["yaml"] = text[:at] + draw(texts) + text[at + draw(st.integers(0, 30)):]
    return custom_xml(zlib.compress(json.dumps(payload, ensure_ascii=False, default=str).encode("utf-8", "replace")))


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zipped(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


@pytest.mark.slow
@pytest.mark.skipif(IMPORT_EXAMPLES <= 0, reason="no import examples asked for")
def test_any_damaged_file_import_reads_ends_in_located_problems_within_seconds(import_files, tmp_path_factory):
    folder = tmp_path_factory.mktemp("damaged")

    @settings(max_examples=IMPORT_EXAMPLES, deadline=None, database=None,
              derandomize="REPORTGEN_FUZZ_EXAMPLES" not in os.environ,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])
    @given(damaged_files(import_files))
    def imports(document):
        path = folder / f"damaged{document.suffix}"
        path.write_bytes(document)
        out, err = io.StringIO(), io.StringIO()
        start = time.perf_counter()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["import", str(path), "-o", str(folder / "yaml"), "--overwrite"])
        printed = out.getvalue() + err.getvalue()
        assert code in (0, 1) and "Traceback" not in printed and "内部错误" not in printed, printed
        assert time.perf_counter() - start < 20, printed
        assert code == 0 or " RG" in printed, printed  # a failure names its problem

    imports()
