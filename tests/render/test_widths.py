"""Width fitting (render/widths.py) on small grids: what must stay on one line gets the room."""
from reportgen.geometry import page_style, plan
from reportgen.geometry.measure import line_mm
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
