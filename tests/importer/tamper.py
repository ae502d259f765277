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
