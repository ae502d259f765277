"""Width fitting (render/widths.py) on small grids: what must stay on one line gets the room."""
import pickle

import pytest

from reportgen.errors import GeometryError
from reportgen.geometry import page_style, plan
from reportgen.geometry.measure import line_mm
from reportgen.geometry.widths import MIN_COLUMN
from reportgen.layout import Cell, FormLayout, Role, Table
from reportgen.options import RenderOptions

LONG = "资金使用合规，" * 120


def fitted_widths(label: str) -> tuple[float, ...]:
    cells = (Cell(0, 0, (label,), Role.LABEL, rowspan=2), Cell(0, 1, (LONG,), Role.TEXT),
             Cell(1, 1, (LONG,), Role.TEXT))
    table = Table(widths=(20.0, 150.0), cells=cells, n_rows=2, bounds=((6.0, 30.0), (20.0, 164.0)))
    fitted = plan(FormLayout("测试", tables=(table,)), RenderOptions()).layout
    return fitted.tables[0].widths


def test_long_text_takes_the_width_a_plain_label_gives_up():
    assert fitted_widths("产出指标产出指标")[0] < 12


def test_a_column_keeps_room_for_its_labels_points_on_one_line():
    options = RenderOptions()
    points = line_mm("(15.5分)", page_style(FormLayout(""), options).body_pt, options.fonts.body, options.fonts.office_body)
    assert fitted_widths("产出指标产出指标(15.5分)")[0] > points + 2


def money_table(columns: int, minimum: float = 6.0, texts: int = 0) -> FormLayout:
    """A table of ``columns`` amount columns and ``texts`` text columns, 180 mm wide."""
    cells = tuple(Cell(0, c, ("7,500,000.00",), Role.MONEY) for c in range(columns)) + \
        tuple(Cell(0, c, (LONG[:200],), Role.TEXT) for c in range(columns, columns + texts))
    width = 180.0 / (columns + texts)
    table = Table(widths=(width,) * (columns + texts), cells=cells, n_rows=1,
                  bounds=((minimum, 60.0),) * (columns + texts))
    return FormLayout("测试", tables=(table,))


def test_columns_whose_numbers_cannot_fit_the_page_are_a_definition_error_naming_each_minimum():
    with pytest.raises(GeometryError) as caught:
        plan(money_table(10), RenderOptions())
    message = str(caught.value)
    assert "超过页面可用的" in message and message.count("版式几何错误") == 1, message
    assert "1: " in message and "10: " in message and "mm" in message and caught.value.exit_code == 2
    assert str(pickle.loads(pickle.dumps(caught.value))) == message  # it crosses from worker processes


def test_declared_minimums_over_the_page_are_refused_too():
    with pytest.raises(GeometryError, match="data-min"):
        plan(money_table(4, minimum=50.0), RenderOptions())


def test_no_column_is_ever_narrower_than_its_minimum_when_numbers_squeeze_the_others():
    fitted = plan(money_table(5, minimum=20.0, texts=2), RenderOptions()).layout
    assert all(w >= MIN_COLUMN for w in fitted.tables[0].widths), fitted.tables[0].widths
    assert abs(sum(fitted.tables[0].widths) - 180.0) < 0.1
