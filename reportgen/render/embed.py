"""Files carry their source: the canonical YAML of each form, embedded where clients keep it.

``reportgen import`` reads it back to know the form, the fields the grid does not show and
what was printed, so that the visible cells it reads are compared with what was written.

- PDF: an embedded file ``reportgen.json`` (PDF/A-3 allows attachments).
- DOCX and XLSX: custom document properties ``reportgen.1``, ``reportgen.2`` … in
  ``docProps/custom.xml``. Word, Excel, WPS and LibreOffice keep them when they save again
  (customXml parts and veryHidden sheets do not all survive: LibreOffice drops the first and
  makes the second merely hidden). Word limits a text property to 255 characters, so the
  payload is compressed, base64-encoded and cut into pieces of ``PIECE``.

Nothing here depends on time or order of dict iteration: the same input gives the same bytes.
"""
from __future__ import annotations

import base64
import io
import json
import logging
import zipfile
import zlib
from dataclasses import replace
from xml.etree import ElementTree
from xml.sax.saxutils import escape

from ..dump import to_yaml
from ..errors import TooLarge

NAME = "reportgen.json"
PROPERTY = "reportgen"
PIECE = 240
VERSION = 1
_CUSTOM = "docProps/custom.xml"
_CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


def with_source(layout, form):
    """Return ``layout`` carrying the canonical YAML of ``form``, for the writers to embed."""
    return replace(layout, source=to_yaml(form))


def payload(forms: list[dict]) -> bytes:
    """Return the JSON payload: every form's YAML with where the writer put it (sheet, table)."""
    return json.dumps({"reportgen": VERSION, "forms": forms}, ensure_ascii=False, sort_keys=True).encode("utf-8")




def inflate(data: bytes, limit: int) -> bytes:
    """Return ``data`` decompressed, refusing (TooLarge) to produce more than ``limit`` bytes."""
    inflater = zlib.decompressobj()
    out = inflater.decompress(data, limit + 1)
    if len(out) > limit or inflater.unconsumed_tail:
        raise TooLarge(f"more than {limit} bytes")
    return out


def decode(data: bytes) -> dict:
    """Return the payload read back; raise ValueError when it is not ours."""
    try:
        parsed = json.loads(data.decode("utf-8"))
    except RecursionError:
        raise ValueError("nested too deep") from None
    if not isinstance(parsed, dict) or parsed.get("reportgen") != VERSION or not isinstance(parsed.get("forms"), list):
        raise ValueError("not a reportgen payload")
    return parsed


# -- OOXML packages (DOCX, XLSX) --

def into_package(data: bytes, forms: list[dict]) -> bytes:
    """Return the OOXML package ``data`` with the payload of ``forms`` as custom properties."""
    if not forms:
        return data
    custom = custom_part(zlib.compress(payload(forms), 9))
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    # Stored, not compressed: normalise_zip compresses the package once, after this.
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        for info in source.infolist():
            if info.filename == _CUSTOM:
                continue
            content = source.read(info.filename)
            if info.filename == "[Content_Types].xml" and _CUSTOM.encode() not in content:
                content = content.replace(b"</Types>", f'<Override PartName="/{_CUSTOM}" ContentType="{_CUSTOM_TYPE}"/>'
                                          "</Types>".encode())
            elif info.filename == "_rels/.rels" and _CUSTOM_REL.encode() not in content:
                content = content.replace(b"</Relationships>", f'<Relationship Id="rIdReportgen" Type="{_CUSTOM_REL}" '
                                          f'Target="{_CUSTOM}"/></Relationships>'.encode())
            target.writestr(info.filename, content)
        target.writestr(_CUSTOM, custom)
    return out.getvalue()


def custom_part(compressed: bytes) -> bytes:
    """Return ``docProps/custom.xml`` carrying ``compressed`` (the zlib payload) in base64 pieces."""
    text = base64.b64encode(compressed).decode("ascii")
    pieces = [text[i:i + PIECE] for i in range(0, len(text), PIECE)]
    props = "".join(f'<property fmtid="{_FMTID}" pid="{n + 2}" name="{PROPERTY}.{n + 1}"><vt:lpwstr>{escape(p)}'
                    f"</vt:lpwstr></property>" for n, p in enumerate(pieces))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats'
            '.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
            f'2006/docPropsVTypes">{props}</Properties>').encode()


def from_package(archive: zipfile.ZipFile, limit: int = 2 ** 31) -> dict | None:
    """Return the payload of an OOXML package, or None when it carries none; TooLarge past ``limit`` bytes."""
    try:
        custom = archive.read(_CUSTOM).decode("utf-8")
    except KeyError:
        return None
    pieces = {}
    try:
        root = ElementTree.fromstring(custom)
    except ElementTree.ParseError:
        return None
    for prop in root:
        name = prop.get("name", "")
        if name.startswith(PROPERTY + ".") and name[len(PROPERTY) + 1:].isdigit():
            pieces[int(name[len(PROPERTY) + 1:])] = "".join(prop.itertext()).strip()
    if not pieces:
        return None
    text = "".join(pieces[n] for n in sorted(pieces))
    try:
        return decode(inflate(base64.b64decode(text), limit))
    except TooLarge:
        raise
    except (ValueError, zlib.error):
        return None


def xlsx_forms(placed) -> list[dict]:
    """Return the payload entries of (layout, sheet title, column map) triples: forms only, not
    summary sheets. The column map (``layout.columns.one_grid``) gives, per table of the form, the
    sheet column each of its column edges fell on: the importer places the form's cells by it."""
    return [{"yaml": layout.source, "sheet": title, "columns": columns}
            for layout, title, columns in placed if layout.source]


def docx_forms(written) -> list[dict]:
    """Return the payload entries of a DOCX's (layout, parts, widths) triples, in the order written.

    Each form's entry holds its first table, how many it wrote (a table per page part), which
    of the form's tables each one is a part of, the parts whose first row continues a row cut
    by the page, and the fitted column widths (mm) of the form's tables: the importer joins the
    parts and maps their columns by these.
    """
    out, first = [], 0
    for layout, parts, widths in written:
        if layout.source:
            out.append({"yaml": layout.source, "table": first, "tables": len(parts),
                        "parts": [table for table, _ in parts],
                        "continued": [n for n, (_, continued) in enumerate(parts) if continued],
                        "widths": [[round(w, 2) for w in table] for table in widths]})
        first += len(parts)
    return out


# -- PDF --

def pdf_allows(variant: str | None) -> bool:
    """Return True when a PDF of ``variant`` may carry the source: PDF/A-1 and A-2 allow no such attachment."""
    return not variant or not variant.lower().startswith(("pdf/a-1", "pdf/a-2"))


def pdf_attachments(layouts, when, variant: str | None = None) -> list:
    """Return the WeasyPrint attachments of ``layouts``: one ``reportgen.json``, dated ``when``."""
    forms = [{"yaml": layout.source} for layout in layouts if layout.source]
    if not forms or not pdf_allows(variant):
        return []
    from weasyprint import Attachment  # WeasyPrint: loaded through load_weasyprint, on first use

    return [Attachment(string=payload(forms).decode("utf-8"), name=NAME, description="reportgen source",
                       created=when, modified=when, relationship="Source")]


def from_pdf(data: bytes, limit: int = 2 ** 31) -> dict | None:
    """Return the payload attached to a PDF, or None; TooLarge past ``limit`` bytes."""
    from pypdf import PdfReader  # pypdf: only when PDFs are joined or read

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # a damaged file is reported once, by the caller
    reader = PdfReader(io.BytesIO(data))
    for name, contents in reader.attachments.items():
        if name == NAME and contents:
            if len(contents[0]) > limit:
                raise TooLarge(f"more than {limit} bytes")
            try:
                return decode(contents[0])
            except ValueError:
                return None
    return None
