"""The field each built-in form prints beside a caption, written down by hand from the printed
forms (the seeds in ``../shared/seeds`` and the layouts they show), not read from the templates.

The round trip edits the cells beside these captions and expects the edit in these fields: a
template that bound the cell to another field would import the edit there and fail the test.
"""

NAME_AND_AMOUNT = {
    "target-2026": (("项目名称", "project.name"), ("年度资金申请总额:", "funds.annual")),
    "target-2020": (("项目名称：", "project.name"), ("项目当年预算（元）：", "previous_year.current_budget")),
    "selfeval-2019": (("项目名称：", "project.name"), ("预算执行数（元）：", "funds.executed")),
    "selfeval-2019-self": (("项目名称：", "project.name"), ("预算执行数（元）：", "funds.executed")),
    "selfeval-2020": (("项目名称", "project.name"), ("其中：当年财政拨款", "funds.fiscal.initial")),
    "selfeval-sichuan": (("项目名称", "project.name"), ("其中：财政资金", "funds.fiscal.initial")),
    "monitor": (("项目名称", "project.name"), ("年度资金总额", "funds.total.initial")),
}


def beside(layout, caption: str):
    """Return the cell right of the one printing ``caption`` in its row, in the first table that has it."""
    for table in layout.tables:
        label = next((c for c in table.cells if c.plain == caption), None)
        if label is not None:
            return next(c for c in table.cells if c.row == label.row and c.col == label.col + label.colspan)
    raise LookupError(f"no cell prints {caption!r}")


def walk(data: dict, path: str):
    """Return the value at a dotted ``path`` of plain data (no list indices: captions name fields)."""
    for part in path.split("."):
        data = data[part]
    return data
