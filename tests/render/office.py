"""LibreOffice headless, for the tests that open DOCX and XLSX as a user would."""
import atexit
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

# Digits of 0.5 em, as Calibri's (0.507) and SimSun's: set for Calibri, it gives LibreOffice the
# columns Excel and a LibreOffice with Carlito give.
NARROW_DIGITS = "Noto Sans Mono CJK SC"
_CONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <match target="pattern">
    <test name="family"><string>Calibri</string></test>
    <edit name="family" mode="assign" binding="strong"><string>{face}</string></edit>
  </match>
</fontconfig>
"""


# One LibreOffice profile for each test process: making a profile costs LibreOffice seconds at its
# first start, and a process converts one file at a time, so its conversions can share one.
_PROFILE = Path(tempfile.mkdtemp(prefix="reportgen-lo-profile-"))
atexit.register(shutil.rmtree, _PROFILE, ignore_errors=True)


def soffice(*args: str, fonts: Path | None = None) -> None:
    """Run headless LibreOffice with ``args`` in this process's profile; ``fonts``: a fontconfig file."""
    env = dict(os.environ, FONTCONFIG_FILE=str(fonts)) if fonts else None
    subprocess.run(["soffice", f"-env:UserInstallation=file://{_PROFILE}", "--headless", *args],
                   capture_output=True, check=True, timeout=180, env=env)


def convert_to_pdf(path: Path, out_dir: Path, fonts: Path | None = None) -> Path:
    """Convert ``path`` to PDF with LibreOffice and return the PDF.

    ``fonts``: a fontconfig file LibreOffice finds its faces through (``calibri_at_its_width``).
    """
    work = out_dir / f"lo-{path.suffix[1:]}"
    work.mkdir(parents=True, exist_ok=True)
    source = work / path.name
    shutil.copy(path, source)
    soffice("--convert-to", "pdf", "--outdir", str(work), str(source), fonts=fonts)
    return source.with_suffix(".pdf")


def calibri_at_its_width(folder: Path) -> Path | None:
    """Return a fontconfig file that sets Calibri in a face with its digit width, or None when
    Calibri or Carlito is installed (nothing to do); skip the test when that face is missing.

    A spreadsheet's column widths count digits of its default font, Calibri. Where neither it
    nor its metric twin Carlito is installed, LibreOffice counts DejaVu Sans's digits, a quarter
    wider: the sheet is then wider, printed smaller, and every row looks roomier than in Excel.
    """
    found = _family("Calibri")
    if found in ("Calibri", "Carlito"):
        return None
    config = folder / "fonts.conf"
    config.write_text(_CONFIG.format(face=NARROW_DIGITS), encoding="utf-8")
    if _family("Calibri", config) != NARROW_DIGITS:
        pytest.skip(f"neither Calibri, Carlito nor {NARROW_DIGITS} is installed")
    return config


def _family(name: str, config: Path | None = None) -> str:
    env = dict(os.environ, FONTCONFIG_FILE=str(config)) if config else None
    return subprocess.run(["fc-match", "--format", "%{family[0]}", name], capture_output=True, text=True,
                          check=False, env=env).stdout
