"""Form folders made as a bureau makes them in the tests: a built-in form copied, then edited."""
import re
from pathlib import Path

from reportgen.cli import main


def copied_form(tmp_path: Path, monkeypatch, new_id: str, source: str) -> Path:
    """Return the folder of ``new_id``, a copy of ``source`` made by ``reportgen new-form`` under tmp_path/forms."""
    monkeypatch.setenv("REPORTGEN_FORMS", "")
    forms = tmp_path / "forms"
    assert main(["new-form", new_id, "--from", source, "-o", str(forms)]) == 0
    return forms / new_id


def edit(path, pattern: str, replacement: str, count: int = 0) -> None:
    """Replace ``pattern`` in the file ``path``; it must be there."""
    text = path.read_text(encoding="utf-8")
    changed, n = re.subn(pattern, replacement, text, count=count)
    assert n, f"{pattern!r} not in {path}"
    path.write_text(changed, encoding="utf-8")
