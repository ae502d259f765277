"""``reportgen import`` of issue 19's hostile files: each must end in a located error, fast and small.

The files are made here from a form reportgen writes (nothing large is kept anywhere): a merged
range to the sheet's end, one cell in the last row, a million rows of ``x``, a payload and a
sheet that inflate to 1 GiB and 2 GiB, ``/dev/zero``. Each import runs as a process of its own;
its time and peak memory (the process tree's summed RSS) are printed.
"""
from __future__ import annotations

import io
import subprocess
import tempfile
import zipfile
import zlib
from pathlib import Path

from reportgen.render import embed

from .booklet_scale import CLI, _peak
from .inputs import SAMPLES

SHEET = "xl/worksheets/sheet1.xml"
CUSTOM = "docProps/custom.xml"


def make_reproducers(folder: Path) -> dict[str, Path]:
    """Write the hostile files into ``folder``; return description → path."""
    sample = SAMPLES / "target-2026" / "05-project-management-fee.yaml"
    subprocess.run(CLI + ["render", str(sample), "-o", str(folder), "-f", "xlsx,docx"], check=True, capture_output=True)
    xlsx, docx = folder / f"{sample.stem}.xlsx", folder / f"{sample.stem}.docx"
    rows = b"".join(b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>x</t></is></c></row>' % (n, n)
                    for n in range(21, 1_000_021))
    return {
        "merged range A40:XFD1048576 (10 KB XLSX)": _rewrite(xlsx, folder / "merge.xlsx", {SHEET: lambda x: x.replace(
            b'<mergeCell ref="', b'<mergeCell ref="A40:XFD1048576"/><mergeCell ref="', 1)}),
        "one cell at A1048576 (10 KB XLSX)": _rewrite(xlsx, folder / "far.xlsx", {SHEET: lambda x: x.replace(
            b"</sheetData>", b'<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>')}),
        "1,000,000 rows of x": _rewrite(xlsx, folder / "rows.xlsx", {SHEET: lambda x: x.replace(
            b"</sheetData>", rows + b"</sheetData>")}),
        "XLSX payload inflating to 1 GiB": _rewrite(xlsx, folder / "bomb.xlsx", {CUSTOM: lambda _: _bomb_xml(2 ** 30)}),
        "DOCX payload inflating to 1 GiB": _rewrite(docx, folder / "bomb.docx", {CUSTOM: lambda _: _bomb_xml(2 ** 30)}),
        "sheet XML inflating to 2 GiB of spaces": _spaces(xlsx, folder / "spaces.xlsx", 2 * 2 ** 30),
    }


def _rewrite(source: Path, target: Path, changes: dict) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for name in old.namelist():
            data = old.read(name)
            new.writestr(name, changes[name](data) if name in changes else data)
    return target


def _spaces(source: Path, target: Path, size: int) -> Path:
    """Write ``source`` with its sheet's data preceded by ``size`` spaces, streamed (never in memory)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for name in old.namelist():
            data = old.read(name)
            if name != SHEET:
                new.writestr(name, data)
                continue
            head, tail = data.split(b"<sheetData>", 1)
            with new.open(name, "w", force_zip64=True) as stream:
                stream.write(head + b"<sheetData>")
                block = b" " * 2 ** 24
                for _ in range(size // len(block)):
                    stream.write(block)
                stream.write(tail)
    return target


def _bomb_xml(size: int) -> bytes:
    packer = zlib.compressobj(9)
    block = b" " * 2 ** 24
    compressed = io.BytesIO()
    for _ in range(size // len(block)):
        compressed.write(packer.compress(block))
    compressed.write(packer.flush())
    return embed.custom_part(compressed.getvalue())


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = make_reproducers(folder)
        files["/dev/zero"] = Path("/dev/zero")
        for what, path in files.items():
            size = path.stat().st_size if path.is_file() else 0
            seconds, peak = _peak(CLI + ["import", str(path), "-o", str(folder / "yaml")], ok_codes=(1,))
            print(f"hostile import: {what} ({size / 1e6:.2f} MB) | {seconds:.2f} s, peak {peak / 2 ** 20:.0f} MiB, "
                  "exit 1 (target: a located error in seconds, < a few hundred MB)")
