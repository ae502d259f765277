"""Tampering with an OOXML package as a hostile tool would: members rewritten, zip headers patched."""
from __future__ import annotations

import io
import json
import re
import struct
import zipfile
import zlib
from pathlib import Path

from reportgen.render import embed

_CENTRAL = b"PK\x01\x02"


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rezip(parts: dict[str, bytes], path: Path, method: int = zipfile.ZIP_DEFLATED) -> Path:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    path.write_bytes(out.getvalue())
    return path


def with_member(source: Path, target: Path, name: str, change) -> Path:
    """Write ``source`` as ``target`` with member ``name`` replaced by ``change(old bytes)``."""
    parts = members(source)
    parts[name] = change(parts.get(name, b""))
    return rezip(parts, target)


def patch_central(path: Path, name: str, offset: int, fmt: str, value: int) -> Path:
    """Overwrite a field of ``name``'s central directory entry (offset from its signature)."""
    data = bytearray(path.read_bytes())
    at = data.find(_CENTRAL)
    while at >= 0:
        length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46:at + 46 + length].decode() == name:
            struct.pack_into(fmt, data, at + offset, value)
            path.write_bytes(bytes(data))
            return path
        at = data.find(_CENTRAL, at + 4)
    raise LookupError(name)


def custom_xml(compressed: bytes) -> bytes:
    """Return a docProps/custom.xml carrying ``compressed`` (zlib) as reportgen's properties do."""
    return embed.custom_part(compressed)


def payload_xml(payload: object) -> bytes:
    return custom_xml(zlib.compress(json.dumps(payload, ensure_ascii=False).encode()))


def bomb(size: int) -> bytes:
    """Return zlib data that inflates to ``size`` spaces."""
    packer = zlib.compressobj(9)
    block = b" " * 2 ** 20
    out = [packer.compress(block) for _ in range(size // len(block))]
    return b"".join(out) + packer.flush()


def set_cell(sheet_xml: bytes, ref: str, cell: str) -> bytes:
    """Return ``sheet_xml`` with the ``<c r=ref>`` element replaced by ``cell`` (its style kept)."""
    pattern = re.compile(rf'<c r="{ref}"( s="\d+")?[^>]*?(/>|>.*?</c>)'.encode())
    match = pattern.search(sheet_xml)
    style = match.group(1).decode() if match.group(1) else ""
    return sheet_xml[:match.start()] + cell.replace("STYLE", style).encode() + sheet_xml[match.end():]


def pdf_attaching(stream: bytes) -> bytes:
    """Return a one-page PDF whose embedded file ``reportgen.json`` is the Flate ``stream``."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [(reportgen.json) 4 0 R] >> >> >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>",
               b"<< /Type /Filespec /F (reportgen.json) /UF (reportgen.json) /EF << /F 5 0 R >> >>",
               b"<< /Type /EmbeddedFile /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream +
               b"\nendstream"]
    out, offsets = b"%PDF-1.7\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    table = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, table)
