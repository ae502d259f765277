"""The house's rules, kept by machines: layers and no circles (import-linter), imports at the top, lint."""
import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# Libraries imported where they are used, not at the top: each costs a command that never needs it
# (WeasyPrint ~0.5 s; Dask's client; pypdf, fontTools and cffi when no PDF or font is touched).
LAZY = {"weasyprint", "pypdf", "fontTools", "distributed", "cffi"}


def lint_imports(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "lint-imports"), "--no-cache"], cwd=folder, capture_output=True, text=True,
                          env={"PYTHONPATH": str(folder), "PATH": ""}, timeout=120)


def test_no_module_imports_a_layer_above_its_own_or_runs_in_a_circle():
    run = lint_imports(ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "2 kept, 0 broken" in run.stdout


@pytest.mark.parametrize("file, line, broken", [
    ("reportgen/geometry/measure.py", "from ..render import WRITERS", "Layers"),
    ("reportgen/source/paths.py", "from . import limits", "No circle"),
])
def test_the_contract_fails_on_an_upward_import_or_a_circle(tmp_path, file, line, broken):
    shutil.copytree(ROOT / "reportgen", tmp_path / "reportgen")
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    with (tmp_path / file).open("a", encoding="utf-8") as handle:
        handle.write(f"\n{line}  # noqa\n")
    run = lint_imports(tmp_path)
    assert run.returncode != 0 and f"{broken}" in run.stdout.split("Broken contracts")[-1], run.stdout


def test_imports_sit_at_the_top_of_modules_but_for_heavy_libraries():
    inside = []
    for file in sorted((ROOT / "reportgen").rglob("*.py")):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.FunctionDef):
                continue
            for sub in ast.walk(node):
                if isinstance(sub, ast.ImportFrom) and (sub.level or (sub.module or "").split(".")[0] not in LAZY) \
                        or isinstance(sub, ast.Import) and any(a.name.split(".")[0] not in LAZY for a in sub.names):
                    inside.append(f"{file.relative_to(ROOT)}:{sub.lineno}")
    assert inside == [], "imports inside functions: " + ", ".join(inside)


def test_the_code_passes_ruff():
    run = subprocess.run([str(BIN / "ruff"), "check", "reportgen", "tests", "benchmarks"], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout
