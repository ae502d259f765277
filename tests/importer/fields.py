"""The field each built-in form prints beside a caption, written down by hand from the printed
forms (the seeds in ``../shared/seeds`` and the layouts they show), not read from the templates.

The round trip edits the cells beside these captions and expects the edit in these fields: a
template that bound the cell to another field would import the edit there and fail the test.
``NAME``: the project's name; ``AMOUNTS``: amounts, any of which the round trip may edit.
"""

NAME = {form_id: ("项目名称：" if form_id in ("target-2020", "selfeval-2019", "selfeval-2019-self") else "项目名称",
               "project.name") for form_id in ("target-2026", "target-2020", "selfeval-2019", "selfeval-2019-self",
                                                "selfeval-2020", "selfeval-sichuan", "selfeval-hubei", "monitor")}
NAME |= {"dept-target": ("部门（单位）名称", "department.name"), "dept-selfeval": ("部门（单位）名称", "department.name"),
         "transfer-selfeval": ("转移支付（项目）名称", "project.name")}
# Amount captions in the order the round trip tries them: it edits the first whose number is printed once.
AMOUNTS = {
    "target-2026": (("年度资金申请总额:", "funds.annual"), ("项目资金总额:", "funds.total"),
                    ("上年结转资金", "funds.annual_carryover")),
    "target-2020": (("项目当年预算（元）：", "previous_year.current_budget"),
                    ("项目总预算（元）：", "previous_year.total_budget"),
                    ("同名项目上年预算额（元）：", "previous_year.previous_budget")),
    "selfeval-2019": (("预算执行数（元）：", "funds.executed"), ("当年预算数（元）：", "funds.budget"),
                      ("上年预算金额（元）：", "funds.previous_budget")),
    "selfeval-2020": (("其中：当年财政拨款", "funds.fiscal.initial"), ("年度资金总额", "funds.total.initial"),
                      ("上年结转资金", "funds.carryover.initial")),
    "selfeval-sichuan": (("其中：财政资金", "funds.fiscal.initial"), ("总额", "funds.total.initial")),
    "monitor": (("年度资金总额", "funds.total.initial"), ("其中：当年财政拨款", "funds.fiscal.initial")),
}
AMOUNTS["selfeval-2019-self"] = AMOUNTS["selfeval-2019"]
AMOUNTS |= {
    "selfeval-hubei": (("其中：当年财政拨款", "funds.fiscal.initial"), ("年度资金总额", "funds.total.initial")),
    "dept-target": (("财政拨款收入", "income.fiscal"), ("基本支出", "expenditure.basic")),
    "dept-selfeval": (("其中：基本支出", "funds.basic.initial"), ("年度资金总额", "funds.total.initial")),
    "transfer-selfeval": (("其中：中央补助", "funds.central.budget"), ("年度资金总额", "funds.total.budget")),
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
