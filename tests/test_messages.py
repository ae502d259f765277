"""The message catalogue: every text in both languages, every key code names there, no words in the code."""
from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from reportgen.messages import Lines, catalogue, msg, say, use_language

PACKAGE = Path(__file__).parents[1] / "reportgen"
EMPTY = {"nothing"}  # texts that stand for a left-out part of a sentence
# Keys code builds from a stem: the limits (source/limits.py), the value types (RG112, RG901), the review
# report's words (review/), the severities.
FAMILIES = ("limit.", "type.", "report.", "severity.")
CJK = re.compile(r"[\u4e00-\u9fff]")
MARK = "# form words"  # a line whose Chinese is the forms' own: a caption, a unit, a grade, a file name
# Modules whose Chinese words are the forms' own vocabulary (captions, units, taxonomy, the words a
# rule looks for) or a Chinese document's fixed text (the fill-in workbook, the booklet's front
# matter, the review report), not a message to the user.
VOCABULARY = {
    "booklet/front.py", "checks/catalogue.py", "checks/cells.py", "checks/cycle.py", "checks/dates.py",
    "checks/debris.py", "checks/figures.py", "checks/scores.py", "checks/taxonomy.py", "checks/values.py",
    "forms/schema.py", "geometry/measure.py", "money.py", "render/fillin.py", "review/document.py",
    "review/table.py", "serve/data.py", "serve/review.py", "values.py", "fonts/__init__.py",
}


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_text_has_both_languages_with_the_same_fields():
    for key, entry in catalogue().items():
        assert set(entry) == {"zh", "en"}, key
        assert (entry["zh"] and entry["en"]) or key in EMPTY, key
        assert _fields(entry["zh"]) == _fields(entry["en"]), key


def _literals() -> dict[str, set[str]]:
    """Return each string literal of the package's code with the modules it is in."""
    found: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.setdefault(node.value, set()).add(path.relative_to(PACKAGE).as_posix())
    return found


PAGES = [*(PACKAGE / "serve" / "templates").glob("*.j2"), *(PACKAGE / "serve" / "static").glob("*.js")]
PAGE_KEY = re.compile(r"""["']((?:ui|severity)\.[\w.-]*[\w-])["']""")  # t("ui.save") in a page, RG.t("ui.js.saved") in a script


def test_every_key_the_code_names_is_in_the_catalogue_and_every_text_is_used():
    literals = _literals()
    for page in PAGES:
        for key in PAGE_KEY.findall(page.read_text(encoding="utf-8")):
            literals.setdefault(key, set()).add(page.name)
    named = {text for text in literals if re.fullmatch(r"[a-z][a-z0-9-]*(\.[a-z0-9-]+)+", text)}
    calls = set()
    for path in PACKAGE.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        calls |= set(re.findall(r"""\b(?:msg|say|word|Text)\(\s*["']([^"']+)["']""", source))
    named_in_pages = {key for key, where in literals.items() if where & {page.name for page in PAGES}}
    assert (calls | named_in_pages) - set(catalogue()) == set()
    unused = {key for key in catalogue() if key not in literals and key not in named and not key.startswith(FAMILIES)}
    assert unused == set()


def test_no_message_is_written_in_the_code():
    """A Chinese word in a module outside the vocabulary ones is a message that bypasses the catalogue."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        module = path.relative_to(PACKAGE).as_posix()
        if module in VOCABULARY or module.startswith("messages/"):
            continue
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        tree = ast.parse(source)
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                      and node.body and isinstance(node.body[0], ast.Expr)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings \
                    and CJK.search(node.value) and not any(MARK in line for line in lines[node.lineno - 1:node.end_lineno]):
                offenders.append(f"{module}:{node.lineno}: {node.value[:40]}")
    assert offenders == []


def test_a_text_is_shown_in_the_language_chosen_and_its_parts_with_it():
    inner = msg("debris.etc")
    text = msg("debris.elsewhere", count=3, at=[4, 5], etc=inner)
    assert text.shown("zh") == "本段共 3 处，另见第 4、5 字等"
    assert text.shown("en") == "3 in this paragraph, also at 4, 5, …"
    assert text.shown("both") == "本段共 3 处，另见第 4、5 字等 (3 in this paragraph, also at 4, 5, …)"
    use_language("en")
    assert str(text) == text.shown("en") and say("cli.interrupted") == "interrupted"
    assert msg("output.clashes", clashes=Lines(["a", "b"])).shown("en").startswith("a\nb\n")


def test_a_key_not_in_the_catalogue_is_refused_where_it_is_named():
    with pytest.raises(KeyError, match="no-such"):
        msg("cli.no-such")


def test_every_call_gives_the_fields_its_text_names():
    """``msg("key", a=…)`` with a literal key passes exactly the fields of its text (a missing one would fail
    only when the message is shown, often on an error path no other test takes)."""
    wrong = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("msg", "say")
                    and node.args and isinstance(node.args[0], ast.Constant)):
                continue
            if any(k.arg is None for k in node.keywords):  # **fields: checked where they are built
                continue
            given = {k.arg for k in node.keywords}
            entry = catalogue()[node.args[0].value]
            if given != _fields(entry["zh"]):
                wrong.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {node.args[0].value} {sorted(given)}")
    assert wrong == []


def test_the_workbench_pages_hold_no_words_of_their_own():
    """Its templates and scripts name catalogue texts: the workbench speaks the language serve was started in."""
    assert [page.name for page in PAGES if CJK.search(page.read_text(encoding="utf-8"))] == []
