"""``reportgen import``: forms read back from reportgen's own PDF, DOCX and XLSX, edits included.

Every file reportgen writes embeds its forms' canonical YAML (``render.embed``). Importing
starts from that data, finds the form's grid in the visible cells by the form's own layout
(``align``), reads each bound cell by its role and rebuilds the indicator rows (``assemble``);
the visible cells win where they differ from what was printed. Nothing here knows a form.
"""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook
from pydantic import BaseModel

from ..dump import to_yaml
from ..errors import ImportFailure, Mismatch, TooLarge
from ..forms.access import get, label, put
from ..layout import FormLayout, layout_of
from ..layout.columns import remapped
from ..load import load_data
from ..messages import Text, msg
from ..problems import Problem
from ..render import embed
from ..source.parse import Source, read_yaml
from .align import place
from .assemble import assemble, formula_problem
from .diff import Change, changes
from .package import MAX_PAYLOAD_BYTES, MAX_PAYLOAD_FORMS, Scan, damaged, open_package, over, read_file, sheet_parts
from .shape import UNREADABLE, entry_problem
from .visible import Formula, from_docx_tables, from_sheet


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




def import_file(path: Path) -> list[Imported]:
    """Return every form of ``path`` read back; raise ImportFailure when the file cannot be imported."""
    data = read_file(path)
    if data.startswith(b"%PDF"):
        return _from_pdf(data)
    if data.startswith(b"PK"):
        archive, scan = open_package(data)
        names = set(archive.namelist())
        if "word/document.xml" in names:
            return _from_office(archive, lambda: _Document(data))
        if "xl/workbook.xml" in names:
            return _from_office(archive, lambda: _Workbook(data, archive, scan))
    raise ImportFailure(Problem("RG907", "error", ""))


def _not_ours() -> ImportFailure:
    return ImportFailure(Problem("RG903", "error", ""))


def _from_pdf(data: bytes) -> list[Imported]:
    try:
        payload = embed.from_pdf(data, MAX_PAYLOAD_BYTES)
    except TooLarge:
        raise _payload_too_big() from None
    except Exception as exc:  # noqa: BLE001 (pypdf raises many kinds on a damaged file)
        raise damaged(msg("importer.pdf-unreadable", error=type(exc).__name__)) from None
    if payload is None:
        raise _not_ours()
    out = []
    for entry in _entries(payload):
        imported, _ = _embedded(entry)
        if imported.model is not None:
            imported.problems.append(Problem("RG908", "warning", ""))
        out.append(imported)
    return out


def _from_office(archive: zipfile.ZipFile, reader) -> list[Imported]:
    try:
        payload = embed.from_package(archive, MAX_PAYLOAD_BYTES)
    except TooLarge:
        raise _payload_too_big() from None
    except UNREADABLE as exc:
        raise damaged(msg("importer.payload-unreadable", error=type(exc).__name__)) from None
    if payload is None:
        raise _not_ours()
    entries = _entries(payload)
    try:
        reader = reader()
    except UNREADABLE as exc:
        raise damaged(msg("importer.content-unreadable", error=type(exc).__name__, exc=exc)) from None
    out = []
    for entry in entries:
        imported, original = _embedded(entry)
        if original is not None:
            try:
                _read_visible(imported, original, entry, reader)
            except UNREADABLE as exc:
                imported.model = None
                imported.problems.append(damaged(msg("importer.tables-unreadable", error=type(exc).__name__))
                                         .problem)
        out.append(imported)
    return out


def _payload_too_big() -> ImportFailure:
    return over(msg("importer.payload-too-large", max_payload_bytes=MAX_PAYLOAD_BYTES))


def _entries(payload: dict) -> list[dict]:
    """Return the payload's forms, each checked for the shape the writers give it (the file may be tampered with)."""
    forms = payload["forms"]
    if len(forms) > MAX_PAYLOAD_FORMS:
        raise over(msg("importer.payload-too-many", count=len(forms), max_payload_forms=MAX_PAYLOAD_FORMS))
    if not forms:
        raise ImportFailure(Problem("RG914", "error", ""))
    for number, entry in enumerate(forms, start=1):
        wrong = entry_problem(entry)
        if wrong:
            raise ImportFailure(Problem("RG909", "error", "", params={"detail": f"forms[{number - 1}]: {wrong}"}))
    return forms


def _embedded(entry: dict) -> tuple[Imported, BaseModel | None]:
    """Return the form as embedded, checked by its model (the file may have been tampered with)."""
    source = read_yaml(str(entry.get("yaml", "")))
    model, problems = load_data(source)
    form_id = getattr(model, "form", "") if model is not None else ""
    name = model.summary().name if model is not None else ""  # the form's subject, as its profile names it
    if model is None and any(p.code == "RG103" for p in problems):  # intact, but made with a form not known here
        unknown = str(source.data.get("form")) if isinstance(source.data, dict) else ""
        return Imported(unknown, name, problems=[Problem("RG912", "error", "form", params={"form": unknown})]), None
    if model is None:
        damage = Problem("RG909", "error", "", params={"detail": "YAML"})
        return Imported(form_id, name, problems=[damage] + problems), None
    return Imported(form_id, name, model=model), model


def _read_visible(imported: Imported, original: BaseModel, entry: dict, reader) -> None:
    """Read the visible cells over the embedded data; on success, the model and the changes."""
    layout = reader.layout(layout_of(original), entry)
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
        result.located[path] = where
        if isinstance(value, Formula):
            result.problems.append(formula_problem(path, where, value))
        else:
            put(result.data, path, value)
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
        return Problem("RG911", problem.severity, problem.path, params={"where": where})
    return Problem("RG902", problem.severity, problem.path,
                   params={"where": where, "detail": Text(problem.code, problem.params)})


def _labelled(problem: Problem, model: type) -> Problem:
    """Return ``problem`` with its cell followed by the field's Chinese label: F6（年度资金申请总额）."""
    name = label(model, problem.path) if problem.path else ""
    if not name or "where" not in problem.params:
        return problem
    return replace(problem, params={**problem.params, "where": msg("importer.where-labelled",
                                                                   where=problem.params["where"], label=name)})


class _Workbook:
    """An XLSX's sheets: per form its own sheet by name first, then every other one."""

    def __init__(self, data: bytes, archive: zipfile.ZipFile, scan: Scan):

        self.book = load_workbook(io.BytesIO(data), data_only=True)
        parts = sheet_parts(archive)
        self.formulas = {title: scan.formulas.get(part, {}) for title, part in parts.items()}

    @staticmethod
    def layout(layout: FormLayout, entry: dict) -> FormLayout:
        """Return the form's layout on the sheet's columns, as the writer recorded them."""
        columns = entry.get("columns")
        return remapped(layout, columns) if _is_column_map(columns) else layout

    def candidates(self, entry: dict, original: BaseModel):
        layout = self.layout(layout_of(original), entry)
        n_cols = max(len(t.widths) for t in layout.tables)
        sheets = sorted(self.book.worksheets, key=lambda s: s.title != entry.get("sheet"))
        return (from_sheet(sheet, n_cols, self.formulas.get(sheet.title)) for sheet in sheets)

    def fields(self, entry: dict) -> dict[str, tuple[object, tuple[str, str]]]:
        """Return the fields a fill-in workbook asks beside the form: label in column A, value in B."""
        spec = entry.get("fields") or {}
        if spec.get("sheet") not in self.book.sheetnames:
            return {}
        sheet = self.book[spec["sheet"]]
        formulas = self.formulas.get(sheet.title, {})
        labels = {str(row[0].value).strip(): row[0].row for row in sheet.iter_rows(max_col=1) if row[0].value}
        out = {}
        for path, caption in spec.get("rows", []):
            if caption in labels:
                cell = sheet.cell(row=labels[caption], column=2)
                value = _scalar(cell.value)
                if cell.coordinate in formulas:
                    value = Formula(formulas[cell.coordinate], value)
                out[path] = (value, msg("importer.sheet", title=sheet.title, ref=cell.coordinate))
        return out


def _scalar(value: object) -> object:
    """Return a typed value as the YAML holds it: whole numbers as int, others exact (never float)."""
    if isinstance(value, float):
        return int(value) if value == int(value) else Decimal(repr(value))
    if isinstance(value, str):
        return value.strip() or None
    return value


MAX_TABLES_TRIED = 20_000  # DOCX tables read while looking for one form's place
def _is_column_map(columns: object) -> bool:
    """Return True for a list of increasing lists of small column numbers (the payload may be tampered with)."""
    return isinstance(columns, list) and all(
        isinstance(edges, list) and edges and all(type(e) is int and 0 <= e <= 16384 for e in edges)
        and all(b > a for a, b in zip(edges, edges[1:])) for edges in columns)


class _Document:
    """A DOCX's tables: per form its tables where the writer put them, then any other run of tables."""

    def __init__(self, data: bytes):

        body = Document(io.BytesIO(data)).element.body
        self.tables = list(enumerate(body.findall(qn("w:tbl"))))

    def candidates(self, entry: dict, original: BaseModel):
        tables = layout_of(original).tables
        widths = entry.get("widths") or [t.widths for t in tables]
        heads = [t.header_rows for t in tables]
        parts = entry.get("parts")
        first, count = int(entry.get("table", 0)), max(int(entry.get("tables", 1)), 1)
        # Where the writer put the form first, then ever farther from there (a table inserted
        # before it shifts it by one), and only so many: a hostile entry costs bounded work.
        starts = sorted(range(len(self.tables) - count + 1), key=lambda s: (abs(s - first), s))
        continued = set(entry.get("continued") or ())
        return (from_docx_tables(self.tables[s:s + count], widths, parts, heads, continued)
                for s in starts[:max(1, MAX_TABLES_TRIED // count)])

    @staticmethod
    def layout(layout: FormLayout, entry: dict) -> FormLayout:
        return layout  # DOCX tables keep their own columns

    def fields(self, entry: dict) -> dict:
        return {}


