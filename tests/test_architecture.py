"""The house's rules, kept by machines: layers and no circles (import-linter), imports at the top, lint."""
import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


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


def test_imports_sit_at_the_top_of_modules_or_say_why_not():
    """An import inside a function hides the direction of a dependency; one that must (a heavy or
    optional library, a rendering stage a command needs only sometimes) says why on its line."""
    silent = []
    for file in sorted((ROOT / "reportgen").rglob("*.py")):
        lines = file.read_text(encoding="utf-8").splitlines()
        for node in ast.walk(ast.parse("\n".join(lines))):
            if not isinstance(node, ast.FunctionDef):
                continue
            for sub in ast.walk(node):
                if isinstance(sub, (ast.Import, ast.ImportFrom)) and "#" not in lines[sub.lineno - 1]:
                    silent.append(f"{file.relative_to(ROOT)}:{sub.lineno}")
    assert silent == [], "imports inside functions with no reason given: " + ", ".join(silent)


def test_the_code_passes_ruff():
    run = subprocess.run([str(BIN / "ruff"), "check", "reportgen", "tests", "benchmarks"], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout
