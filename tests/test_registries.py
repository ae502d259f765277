"""One registry per kind of thing, and everything that lists them reads them: README, CLI, booklet."""
import inspect

from reportgen.booklet.formats import BUILDERS
from reportgen.errors import EXIT_CODES, ExitCode
from reportgen.geometry import PlannedForm
from reportgen.render import WRITERS
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def table_rows(first_header: str) -> list[list[str]]:
    """Return the body rows of the README table whose header starts with ``first_header``."""
    lines = README.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"| {first_header} |"))
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip().strip("|").split(" | ")])
    return rows


def test_the_readme_lists_every_exit_code_as_the_errors_module_says():
    assert {int(code): meaning for code, meaning in table_rows("exit code")} == {
        int(code): meaning for code, meaning in EXIT_CODES.items()}
    assert set(EXIT_CODES) == set(ExitCode)


def test_the_readme_lists_every_format_as_the_writers_registry_says():
    yes = {True: "yes", False: "no"}
    assert table_rows("format") == [[w.name, yes[w.single], yes[w.booklet], w.holds] for w in WRITERS.values()]


def test_every_booklet_format_has_a_builder_and_no_other_has_one():
    assert set(BUILDERS) == {name for name, writer in WRITERS.items() if writer.booklet}


def test_every_writer_takes_a_planned_form():
    for writer in WRITERS.values():
        parameters = inspect.signature(writer.module().write).parameters
        assert list(parameters) == ["form", "options"], writer.name
        assert parameters["form"].annotation in (PlannedForm, "PlannedForm"), writer.name
