"""Opening a file to import, bounded: size, zip members, inflated bytes, XML, cells and tables.

``import`` receives files from other people, so nothing here trusts what a file declares. The
file is read only if it is a regular file and at most ``MAX_FILE_BYTES``; a zip package is
checked member by member (count, encryption, compression method, declared size) and then
every member is inflated once, streamed and stopped at its limit (which also checks its CRC),
while its XML is parsed by expat: no DTD (so no entities), and for sheets and Word documents
the rows, cells, merged ranges and table sizes counted against the limits below. Only then do
openpyxl and python-docx see the file. Every refusal is an ``ImportFailure`` carrying its problem.
"""
from __future__ import annotations

import io
import os
import posixpath
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree
from xml.parsers import expat

from ..errors import ImportFailure
from ..messages import Text, msg
from ..problems import Problem

MAX_FILE_BYTES = 64 * 2 ** 20      # a 1,000-form booklet is about 11 MB as PDF
MAX_MEMBERS = 10_000               # zip members: a booklet XLSX has about two per form
MAX_MEMBER_BYTES = 64 * 2 ** 20    # one member inflated
MAX_TOTAL_BYTES = 256 * 2 ** 20    # all members inflated
MAX_PAYLOAD_BYTES = 32 * 2 ** 20   # the embedded forms' JSON, inflated
MAX_PAYLOAD_FORMS = 5_000          # forms in one file's payload
MAX_SHEET_ROWS = 50_000            # a sheet's used range, in rows (10,000 indicators need about 10,100)
MAX_ROWS = 500_000                 # all sheets' used ranges, or all DOCX table rows
MAX_CELLS = 1_000_000              # cells of a workbook or a document's tables
MAX_MERGED_CELLS = 1_000_000       # cells covered by merged ranges (openpyxl makes each one)
MAX_ELEMENTS = 4_000_000          # XML elements of all parts (a 6,000-indicator DOCX has 0.8 million)
MAX_SPAN = 63                      # a DOCX cell's w:gridSpan / w:gridBefore (Word's column limit)
_CHUNK = 2 ** 20
_ZIP_METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflate"}
_CELL_REF = re.compile(r"\$?([A-Z]{1,3})\$?(\d{1,7})$")




def over(detail: Text) -> ImportFailure:
    """Return the refusal of a file over an import limit (RG107)."""
    return ImportFailure(Problem("RG107", "error", "", params={"detail": detail}))


def damaged(detail: Text) -> ImportFailure:
    """Return the refusal of a damaged, unsupported or tampered file (RG904)."""
    return ImportFailure(Problem("RG904", "error", "", params={"detail": detail}))


def read_file(path: Path) -> bytes:
    """Return the bytes of ``path``: a regular file of at most ``MAX_FILE_BYTES`` (pipes and devices are not read)."""
    try:
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode):
            what = msg("importer.a-folder" if stat.S_ISDIR(mode) else "inputs.not-regular")
            raise ImportFailure(Problem("RG106", "error", "", params={"detail": what}))
        with open(path, "rb") as handle:
            if os.fstat(handle.fileno()).st_size > MAX_FILE_BYTES:
                raise _too_big()
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ImportFailure(Problem("RG106", "error", "", params={"detail": exc.strerror or str(exc)})) from None
    if len(data) > MAX_FILE_BYTES:
        raise _too_big()
    return data


def _too_big() -> ImportFailure:
    return over(msg("importer.file-too-large", max_file_bytes=MAX_FILE_BYTES))


@dataclass
class Scan:
    """What the members of a package hold: per worksheet part, its formula cells (ref → formula)."""

    formulas: dict[str, dict[str, str]] = field(default_factory=dict)
    rows: int = 0
    cells: int = 0
    merged: int = 0
    elements: int = 0


def open_package(data: bytes) -> tuple[zipfile.ZipFile, Scan]:
    """Return the zip ``data`` once every member has been checked and inflated within the limits."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError) as exc:
        raise damaged(msg("importer.not-zip", exc=exc)) from None
    _check_directory(infos)
    scan = Scan()
    for info in infos:
        _inflate(archive, info, scan)
    return archive, scan


def _check_directory(infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_MEMBERS:
        raise over(msg("importer.too-many-members", count=len(infos), max_members=MAX_MEMBERS))
    total = 0
    for info in infos:
        name = info.filename
        if info.flag_bits & 0x1:
            raise damaged(msg("importer.encrypted", name=name))
        if info.compress_type not in _ZIP_METHODS:
            raise damaged(msg("importer.compression", name=name, compress_type=info.compress_type))
        if info.file_size > MAX_MEMBER_BYTES:
            raise _member_too_big(name, info.file_size)
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise over(msg("importer.zip-too-large", total=total, max_total_bytes=MAX_TOTAL_BYTES))


def _member_too_big(name: str, size: int) -> ImportFailure:
    return over(msg("importer.member-too-large", name=name, size=size, max_member_bytes=MAX_MEMBER_BYTES))


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, scan: Scan) -> None:
    """Inflate one member in chunks, stopping at its limit; feed its XML to a parser that counts."""
    parser = None
    size = 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                if not size and _looks_like_xml(chunk):
                    parser = _parser_for(info.filename, scan)
                size += len(chunk)
                if size > MAX_MEMBER_BYTES:
                    raise _member_too_big(info.filename, size)
                if parser is not None:
                    parser.feed(chunk)
        if parser is not None:
            parser.close()
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, RuntimeError, NotImplementedError) as exc:
        raise damaged(msg("importer.member-damaged", filename=info.filename, exc=exc)) from None
    except expat.ExpatError as exc:
        raise damaged(msg("importer.bad-xml", filename=info.filename, lineno=exc.lineno,
                          error=expat.ErrorString(exc.code))) from None
    except (LookupError, UnicodeError) as exc:  # an XML declaration naming an encoding there is none of
        raise damaged(msg("importer.xml-encoding", filename=info.filename, exc=exc)) from None


def _looks_like_xml(head: bytes) -> bool:
    """Return True for a member that starts as XML does, whatever its name: openpyxl and python-docx
    follow relationships, so a sheet named ``sheet1.bin`` is still read as XML (images are not)."""
    head = head[:64].lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n")
    return head.startswith((b"<", b"\x00<"))


def _parser_for(name: str, scan: Scan):
    """Return the bounded XML parser of member ``name``; every member counts, whatever its name
    (a package's relationships, not its names, say which part is a sheet or the document)."""
    return _XmlCount(name, _Counter(_SheetCounter(name, scan), _TableCounter(scan)))


class _Counter:
    """Counts every element of a package (styles or a theme can be bloated too) and hands each to
    the sheet counter and to the table counter (each ignores the other's)."""

    def __init__(self, sheet: _SheetCounter, tables: _TableCounter):
        self.sheet, self.tables = sheet, tables

    def start(self, tag: str, attrs: dict) -> None:
        scan = self.tables.scan
        scan.elements += 1
        if scan.elements > MAX_ELEMENTS:
            raise over(msg("importer.too-many-elements", max_elements=MAX_ELEMENTS))
        self.sheet.start(tag, attrs)
        self.tables.start(tag, attrs)

    def end(self, tag: str) -> None:
        self.sheet.end(tag)

    def text(self, data: str) -> None:
        self.sheet.text(data)


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Return each sheet's title → its part (``xl/worksheets/sheet1.xml``), as the workbook's relationships say."""
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
    out = {}
    for sheet in book.iter(f"{{{_SHEET.strip()}}}sheet"):
        target = targets.get(sheet.get(f"{{{_RELS}}}id"), "")
        out[sheet.get("name", "")] = target.lstrip("/") if target.startswith("/") else posixpath.normpath("xl/" + target)
    return out


class _XmlCount:
    """An expat parser that refuses any DTD (OOXML has none: entities are the only use) and hands
    the start and end of each element to ``counter``."""

    def __init__(self, name: str, counter: _Counter):
        self.name = name
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.StartDoctypeDeclHandler = self._doctype
        self.parser.EntityDeclHandler = self._doctype
        self.parser.StartElementHandler = counter.start
        self.parser.EndElementHandler = counter.end
        self.parser.CharacterDataHandler = counter.text

    def feed(self, chunk: bytes) -> None:
        self.parser.Parse(chunk, False)

    def close(self) -> None:
        self.parser.Parse(b"", True)

    def _doctype(self, *args) -> None:
        raise damaged(msg("importer.dtd", name=self.name))


_SHEET = "http://schemas.openxmlformats.org/spreadsheetml/2006/main "
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WORD = "http://schemas.openxmlformats.org/wordprocessingml/2006/main "


class _SheetCounter:
    """Counts a worksheet's rows, cells and merged cells and notes its formulas, refusing past the limits."""

    def __init__(self, name: str, scan: Scan):
        self.name, self.scan = name, scan
        self.row = self.col = self.height = 0
        self.cell: str | None = None
        self.formula: list[str] | None = None

    def start(self, tag: str, attrs: dict) -> None:
        if not tag.startswith(_SHEET):
            return
        local = tag[len(_SHEET):]
        if local == "row":
            self.row = _number(attrs.get("r"), self.row + 1)
            self.col = 0
            self._rows(self.row)
        elif local == "c":
            self._cell(attrs.get("r"))
        elif local == "f" and self.cell is not None:
            self.formula = []
        elif local == "mergeCell":
            self._merge(attrs.get("ref", ""))

    def end(self, tag: str) -> None:
        local = tag[len(_SHEET):] if tag.startswith(_SHEET) else ""
        if local == "f" and self.formula is not None and self.cell is not None:
            text = "".join(self.formula).strip()
            self.scan.formulas.setdefault(self.name, {})[self.cell] = "=" + text[:200] if text else "="
            self.formula = None
        elif local == "c":
            self.cell = None

    def text(self, data: str) -> None:
        if self.formula is not None and sum(map(len, self.formula)) < 200:
            self.formula.append(data)

    def _cell(self, ref: str | None) -> None:
        self.scan.cells += 1
        if self.scan.cells > MAX_CELLS:
            raise over(msg("importer.too-many-cells", max_cells=MAX_CELLS))
        match = _CELL_REF.match(ref or "")
        row = int(match.group(2)) if match else max(self.row, 1)
        self.col = _column(match.group(1)) if match else self.col + 1
        self._rows(row)
        self.cell = f"{_letters(self.col)}{row}"

    def _rows(self, row: int) -> None:
        if row > self.height:
            self.scan.rows += row - self.height
            self.height = row
        if self.height > MAX_SHEET_ROWS or self.scan.rows > MAX_ROWS:
            raise over(msg("importer.too-many-rows", name=self.name, row=row,
                           max_sheet_rows=MAX_SHEET_ROWS, max_rows=MAX_ROWS))

    def _merge(self, ref: str) -> None:
        first, _, last = ref.partition(":")
        a, b = _CELL_REF.match(first), _CELL_REF.match(last or first)
        if not a or not b:
            raise damaged(msg("importer.bad-merge", name=self.name, ref=ref))
        rows = abs(int(b.group(2)) - int(a.group(2))) + 1
        cols = abs(_column(b.group(1)) - _column(a.group(1))) + 1
        self._rows(max(int(a.group(2)), int(b.group(2))))
        self.scan.merged += rows * cols
        if self.scan.merged > MAX_MERGED_CELLS:
            raise over(msg("importer.too-many-merged", ref=ref, max_merged_cells=MAX_MERGED_CELLS))


def _number(text: str | None, default: int) -> int:
    return int(text) if text and text.isdigit() and len(text) <= 9 else default


def _column(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _letters(column: int) -> str:
    out = ""
    while column:
        column, rest = divmod(column - 1, 26)
        out = chr(65 + rest) + out
    return out


class _TableCounter:
    """Counts a Word document's table rows and cells and checks the spans the importer reads."""

    def __init__(self, scan: Scan):
        self.scan = scan

    def start(self, tag: str, attrs: dict) -> None:
        if not tag.startswith(_WORD):
            return
        local = tag[len(_WORD):]
        if local == "tr":
            self.scan.rows += 1
            if self.scan.rows > MAX_ROWS:
                raise over(msg("importer.too-many-table-rows", max_rows=MAX_ROWS))
        elif local == "tc":
            self.scan.cells += 1
            if self.scan.cells > MAX_CELLS:
                raise over(msg("importer.too-many-table-cells", max_cells=MAX_CELLS))
        elif local in ("gridSpan", "gridBefore"):
            value = attrs.get(_WORD + "val", "")
            if not value.isdigit() or int(value) > MAX_SPAN:
                raise damaged(msg("importer.bad-span", local=local, value=value, max_span=MAX_SPAN))
