"""The hand-written table of fields beside captions (fields.py) holds for every built-in form's starter."""
from decimal import Decimal

import pytest
import yaml

from reportgen.forms import FORMS
from reportgen.layout import Role, layout_of
from reportgen.load import load_data
from reportgen.money import format_amount, in_unit
from reportgen.source import read_source
from tests.importer.fields import AMOUNTS, NAME, beside, walk


def test_the_tables_cover_every_built_in_form():
    assert set(NAME) == set(AMOUNTS) == set(FORMS)


@pytest.mark.parametrize("form_id", sorted(NAME))
def test_each_form_prints_and_binds_the_fields_beside_its_captions(form_id):
    starter = FORMS[form_id].definition.files["starter.yaml"]
    form, _ = load_data(read_source(starter))
    data = yaml.safe_load(starter.read_text(encoding="utf-8"))
    layout = layout_of(form)
    for caption, field in (NAME[form_id], *AMOUNTS[form_id]):
        cell = beside(layout, caption)
        value = walk(data, field)
        shown = str(value) if cell.role is not Role.MONEY else \
            format_amount(in_unit(Decimal(str(value)), cell.unit)) if value is not None else ""
        assert (cell.binding, cell.plain) == (field, shown), caption
