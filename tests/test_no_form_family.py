"""No Python names a form: the built-in forms' ids, the old kind words and the forms' field labels
and choices are data of the form folders, never literals the code compares against."""
import ast
from pathlib import Path

import yaml

import reportgen
from reportgen.forms.definition import Definition
from reportgen.resources import templates_dir

PACKAGE = Path(reportgen.__file__).parent
FORMS = templates_dir() / "forms"
IDS = {p.name for p in FORMS.iterdir() if (p / "form.yaml").exists()}
KINDS = set(yaml.safe_load((FORMS / "_kinds.yaml").read_text(encoding="utf-8")))
# "target" is also the indicator row's 年度指标值 field, which rules read by that name: banned as a kind
# only where code compares with it. The other kind words are not field names anywhere.
FIELD_NAMED = {"target"}
# Allowed, each with its reason: none so far ({(file relative to reportgen/, literal): reason}).
ALLOWED: dict[tuple[str, str], str] = {}


def _schema_words() -> set[str]:
    """Every Chinese label and choice of the built-in schemas (项目名称, 年度资金申请总额, 不可能 …).

    An ASCII choice (``whole-percent``, ``ratio``) is a library function's own parameter word."""
    words: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "label" and isinstance(value, str):
                    words.add(value)
                elif key == "choices" and isinstance(value, list):
                    words.update(v for v in value if isinstance(v, str))
                else:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for schema in FORMS.glob("*/schema.yaml"):
        walk(yaml.safe_load(schema.read_text(encoding="utf-8")))
    return {word for word in words if not word.isascii()}


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _compared(tree: ast.AST) -> set[int]:
    """The string constants a comparison (==, !=, in) or a match case uses, directly or in a tuple/list/set."""
    found = set()
    for node in ast.walk(tree):
        sides = []
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
        elif isinstance(node, ast.MatchValue):
            sides = [node.value]
        for side in sides:
            for inner in ast.walk(side) if isinstance(side, (ast.Tuple, ast.List, ast.Set)) else [side]:
                if isinstance(inner, ast.Constant):
                    found.add(id(inner))
    return found


def offences(package: Path = PACKAGE) -> list[str]:
    labels = _schema_words()
    found = []
    for file in sorted(package.rglob("*.py")):
        tree = ast.parse(file.read_text(encoding="utf-8"))
        docs, compared = _docstrings(tree), _compared(tree)
        where = file.relative_to(package).as_posix()
        for node in ast.walk(tree):
            if not isinstance(node, ast.Constant) or not isinstance(node.value, str) or id(node) in docs:
                continue
            text = node.value
            named = (text in IDS or any(text.startswith(f"{i}/") for i in IDS)
                     or (text in KINDS - FIELD_NAMED) or (id(node) in compared and text in KINDS | labels))
            if named and (where, text) not in ALLOWED:
                found.append((where, node.lineno, text))
    return [f"{where}:{line}: {text!r}" for where, line, text in sorted(found)]


def test_no_python_file_names_a_form_id_a_kind_or_a_compared_label():
    assert offences() == []


def test_the_scan_finds_what_it_looks_for(tmp_path):
    """The scan is not vacuous: the code this replaced would be caught, line by line."""
    bad = tmp_path / "reportgen"
    bad.mkdir()
    (bad / "old.py").write_text('"""selfeval-2020 in a docstring is fine."""\n'
                                'LATER = {"monitor": 1}\n'
                                'def f(x):\n    return x.kind == "target" or x.likelihood != "不可能"\n'
                                'FORM = "target-2026"\nFIELD = "target"\n', encoding="utf-8")
    assert offences(bad) == ["old.py:2: 'monitor'", "old.py:4: 'target'", "old.py:4: '不可能'", "old.py:5: 'target-2026'"]


def test_a_definition_has_no_kind():
    assert "kind" not in Definition.__dataclass_fields__
