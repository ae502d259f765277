"""A form's own notes, printed below its tables, are not text outside the fields (RG906)."""
from reportgen.importer import import_file
from reportgen.inputs import collect
from reportgen.options import RenderOptions
from reportgen.pipeline import render
from tests.conftest import SAMPLES


def test_an_untouched_form_with_notes_imports_without_a_warning(tmp_path):
    items, _ = collect([str(SAMPLES / "monitor")])
    outcome = render(items[0], tmp_path, ["xlsx", "docx"], RenderOptions())
    assert not outcome.failed
    for path in outcome.written:
        [imported] = import_file(path)
        assert [p.code for p in imported.problems] == [], path.suffix
