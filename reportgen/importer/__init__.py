"""``reportgen import``: forms read back from reportgen's own PDF, DOCX and XLSX, edits included.

Every file reportgen writes embeds its forms' canonical YAML (``render.embed``). Importing
starts from that data, finds the form's grid in the visible cells by the form's own layout
(``align``), reads each bound cell by its role and rebuilds the indicator rows (``assemble``);
the visible cells win where they differ from what was printed. Nothing here knows a form.
"""
from __future__ import annotations

import io
import zipfile
from decimal import Decimal
from dataclasses import dataclass, field, replace
from pathlib import Path

from pydantic import BaseModel

from ..dump import to_yaml
from ..forms import form_type
from ..layout import FormLayout
from ..layout.columns import remapped
from ..load import load_data
from ..load.source import Source, read_yaml
from ..problems import Problem
from ..render import embed
from .align import Mismatch, place
from .assemble import assemble
from .diff import Change, changes
from .paths import get, label, put
from .visible import from_docx_tables, from_sheet


@dataclass
class Imported:
    """One form read back: its YAML (None when it has errors), what changed, what went wrong."""

    form_id: str
    name: str
    model: BaseModel | None = None
    problems: list[Problem] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return self.model is None or any(p.severity == "error" for p in self.problems)

    @property
    def yaml(self) -> str:
        return to_yaml(self.model) if self.model is not None else ""


class ImportFailure(Exception):
    """The file cannot be imported at all; ``problem`` says why and what to do."""

    def __init__(self, problem: Problem):
        super().__init__(problem.code)
        self.problem = problem


def import_file(path: Path) -> list[Imported]:
    """Return every form of ``path`` read back; raise ImportFailure when the file is not one of ours."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFailure(Problem("RG106", "error", "", params={"detail": exc.strerror or str(exc)})) from None
    if data.startswith(b"%PDF"):
        return _from_pdf(data)
    if data.startswith(b"PK"):
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            archive.testzip()
        except (zipfile.BadZipFile, EOFError, ValueError, zipfile.LargeZipFile) as exc:
            raise ImportFailure(Problem("RG904", "error", "", params={"detail": str(exc)})) from None
        names = set(archive.namelist())
        if "word/document.xml" in names:
            return _from_office(archive, _Document(data))
        if "xl/workbook.xml" in names:
            return _from_office(archive, _Workbook(data))
    raise ImportFailure(Problem("RG907", "error", ""))


def _not_ours() -> ImportFailure:
    return ImportFailure(Problem("RG903", "error", ""))


def _from_pdf(data: bytes) -> list[Imported]:
    try:
        payload = embed.from_pdf(data)
    except Exception as exc:  # pypdf raises many kinds on a damaged file
        raise ImportFailure(Problem("RG904", "error", "", params={"detail": str(exc)})) from None
    if payload is None:
        raise _not_ours()
    out = []
    for entry in payload["forms"]:
        imported, _ = _embedded(entry)
        if imported.model is not None:
            imported.problems.append(Problem("RG908", "warning", ""))
        out.append(imported)
    return out


def _from_office(archive: zipfile.ZipFile, reader) -> list[Imported]:
    payload = embed.from_package(archive)
    if payload is None:
        raise _not_ours()
    out = []
    for entry in payload["forms"]:
        imported, original = _embedded(entry)
        if original is not None:
            _read_visible(imported, original, entry, reader)
        out.append(imported)
    return out


def _embedded(entry: dict) -> tuple[Imported, BaseModel | None]:
    """Return the form as embedded, checked by its model (the file may have been tampered with)."""
    source = read_yaml(str(entry.get("yaml", "")))
    model, problems = load_data(source)
    form_id = getattr(model, "form", "") if model is not None else ""
    name = model.summary().name if model is not None else ""  # the form's subject, as its profile names it
    if model is None:
        return Imported(form_id, name, problems=[Problem("RG909", "error", "")] + problems), None
    return Imported(form_id, name, model=model), model


def _read_visible(imported: Imported, original: BaseModel, entry: dict, reader) -> None:
    """Read the visible cells over the embedded data; on success, the model and the changes."""
    layout = reader.layout(form_type(original.form).layout(original), entry)
    source = read_yaml(entry["yaml"])
    placed = grid = None
    missing = ""
    for candidate in reader.candidates(entry, original):
        try:
            placed, grid = place(layout, candidate), candidate
            break
        except Mismatch as exc:
            missing = missing or exc.caption
    if placed is None:
        imported.model = None
        imported.problems.append(Problem("RG905", "error", "", params={"caption": missing}))
        return
    result = assemble(source.data, grid, placed)
    for path, (value, where) in reader.fields(entry).items():
        put(result.data, path, value)
        result.located[path] = where
    imported.problems += result.problems
    model, problems = load_data(Source(result.data))
    imported.problems += [_located(p, result.located, result.data) for p in problems]
    imported.problems = [_labelled(p, type(original)) for p in imported.problems]
    imported.model = model
    if model is not None:
        imported.changes = changes(original, model)


def _located(problem: Problem, located: dict, data: dict) -> Problem:
    """Return a schema problem of the data read back, pointing at the cell the field came from."""
    path = problem.path
    while path and path not in located:
        path = path.rsplit(".", 1)[0] if "." in path else ""
    if not path:
        return problem
    where = located[path]
    if path == problem.path and get(data, path) in (None, "", []):
        return Problem("RG911", problem.severity, problem.path, params={"where_zh": where[0], "where_en": where[1]})
    return Problem("RG902", problem.severity, problem.path,
                   params={"where_zh": where[0], "where_en": where[1], "detail_zh": problem.message("zh"),
                           "detail_en": problem.message("en")})


def _labelled(problem: Problem, model: type) -> Problem:
    """Return ``problem`` with its cell followed by the field's Chinese label: F6（年度资金申请总额）."""
    name = label(model, problem.path) if problem.path else ""
    if not name or "where_zh" not in problem.params:
        return problem
    params = {**problem.params, "where_zh": f"{problem.params['where_zh']}（{name}）",
              "where_en": f"{problem.params['where_en']} ({name})"}
    return replace(problem, params=params)


class _Workbook:
    """An XLSX's sheets: per form its own sheet by name first, then every other one."""

    def __init__(self, data: bytes):
        from openpyxl import load_workbook

        self.book = load_workbook(io.BytesIO(data), data_only=True)

    @staticmethod
    def layout(layout: FormLayout, entry: dict) -> FormLayout:
        """Return the form's layout on the sheet's columns, as the writer recorded them."""
        columns = entry.get("columns")
        return remapped(layout, columns) if _is_column_map(columns) else layout

    def candidates(self, entry: dict, original: BaseModel):
        layout = self.layout(form_type(original.form).layout(original), entry)
        n_cols = max(len(t.widths) for t in layout.tables)
        sheets = sorted(self.book.worksheets, key=lambda s: s.title != entry.get("sheet"))
        return (from_sheet(sheet, n_cols) for sheet in sheets)

    def fields(self, entry: dict) -> dict[str, tuple[object, tuple[str, str]]]:
        """Return the fields a fill-in workbook asks beside the form: label in column A, value in B."""
        spec = entry.get("fields") or {}
        if spec.get("sheet") not in self.book.sheetnames:
            return {}
        sheet = self.book[spec["sheet"]]
        labels = {str(row[0].value).strip(): row[0].row for row in sheet.iter_rows(max_col=1) if row[0].value}
        out = {}
        for path, caption in spec.get("rows", []):
            if caption in labels:
                cell = sheet.cell(row=labels[caption], column=2)
                out[path] = (_scalar(cell.value), (f"工作表「{sheet.title}」{cell.coordinate}",
                                                   f"sheet '{sheet.title}' {cell.coordinate}"))
        return out


def _scalar(value: object) -> object:
    """Return a typed value as the YAML holds it: whole numbers as int, others exact (never float)."""
    if isinstance(value, float):
        return int(value) if value == int(value) else Decimal(repr(value))
    if isinstance(value, str):
        return value.strip() or None
    return value


def _is_column_map(columns: object) -> bool:
    """Return True for a list of increasing lists of small column numbers (the payload may be tampered with)."""
    return isinstance(columns, list) and all(
        isinstance(edges, list) and edges and all(type(e) is int and 0 <= e <= 16384 for e in edges)
        and all(b > a for a, b in zip(edges, edges[1:])) for edges in columns)


class _Document:
    """A DOCX's tables: per form its tables where the writer put them, then any other run of tables."""

    def __init__(self, data: bytes):
        from docx import Document
        from docx.oxml.ns import qn

        body = Document(io.BytesIO(data)).element.body
        self.tables = list(enumerate(body.findall(qn("w:tbl"))))

    def candidates(self, entry: dict, original: BaseModel):
        tables = form_type(original.form).layout(original).tables
        widths = entry.get("widths") or [t.widths for t in tables]
        heads = [t.header_rows for t in tables]
        parts = entry.get("parts")
        first, count = int(entry.get("table", 0)), int(entry.get("tables", 1))
        starts = [first] + [s for s in range(len(self.tables) - count + 1) if s != first]
        continued = set(entry.get("continued") or ())
        return (from_docx_tables(self.tables[s:s + count], widths, parts, heads, continued) for s in starts
                if 0 <= s <= len(self.tables) - count)

    @staticmethod
    def layout(layout: FormLayout, entry: dict) -> FormLayout:
        return layout  # DOCX tables keep their own columns

    def fields(self, entry: dict) -> dict:
        return {}


