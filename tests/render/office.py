"""LibreOffice headless, for the tests that open DOCX and XLSX as a user would."""
import shutil
import subprocess
from pathlib import Path


def convert_to_pdf(path: Path, out_dir: Path) -> Path:
    """Convert ``path`` to PDF with LibreOffice, in a profile of its own, and return the PDF."""
    work = out_dir / f"lo-{path.suffix[1:]}"
    work.mkdir(exist_ok=True)
    source = work / path.name
    shutil.copy(path, source)
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{out_dir}/lo-profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(work), str(source)],
        capture_output=True, check=True, timeout=180,
    )
    return source.with_suffix(".pdf")
