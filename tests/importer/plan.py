"""A colleague's edits, planned from a form's own layout so that one plan fits every form.

The plan renames the project, changes an amount, rewrites a paragraphs field as two paragraphs,
adds an indicator row after one row and deletes another; ``expected`` is the form's data with
exactly those edits, for comparison with what ``reportgen import`` reads back. The name and the
amount are found beside their printed captions and expected in the fields ``fields.py`` names by
hand, so a template that binds them to other fields fails the round trip.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from decimal import Decimal

from reportgen.dump import to_yaml
from reportgen.forms import form_type
from reportgen.forms.access import get, put
from reportgen.forms.choices import choice_fields, pattern
from reportgen.importer.align import ITEM
from reportgen.layout import Role, layout_of
from reportgen.money import format_amount, from_unit, round2
from reportgen.source.parse import read_yaml
from tests.importer.fields import AMOUNTS, NAME, beside, walk

NEW_VALUES = {Role.TEXT: "新增{}", Role.VALUE: "≥5(个)", Role.POINTS: 1}


@dataclass
class Plan:
    data: dict                                  # the original data
    expected: dict
    texts: list[tuple[str, str]] = field(default_factory=list)  # (printed, new) text replacements
    amount: tuple[Decimal, Decimal] | None = None                # (printed number, new number)
    amount_caption: str = ""                    # the caption the changed amount is printed beside
    after: str = ""                             # the printed name of the row a new row goes after
    new_cells: dict[int, object] = field(default_factory=dict)  # layout column → value of the new row
    delete: str = ""                            # the printed name of the row to delete
    name_col: int = 0                           # the layout column of item names
    table: int = 0                              # the layout table of the indicator rows


def plan(form) -> Plan:
    data = read_yaml(to_yaml(form)).data
    result = Plan(data, copy.deepcopy(data))
    layout = layout_of(form)
    cells = [c for t in layout.tables for c in t.cells]
    texts = [c.plain for c in cells]
    name_caption, name_field = NAME[form.form]
    _rename(result, beside(layout, name_caption), name_field)
    _amount(result, layout, AMOUNTS[form.form])
    _paragraphs(result, cells, texts)
    _rows(result, form, cells, texts)
    result.table = next(n for n, t in enumerate(layout.tables) if any(c.plain == result.after for c in t.cells))
    return result


def _rename(result: Plan, cell, field: str) -> None:
    """Rename the project in the cell beside its caption; expect it in ``field`` (fields.py)."""
    new = cell.plain + "（修订）"
    result.texts.append((cell.plain, new))
    set_at(result.expected, field, new)


def _amount(result: Plan, layout, amounts) -> None:
    """Change the first amount the form prints beside one of ``amounts``' captions, by 1,000 in
    the unit it prints (元, 万元): the field gains that many 元, read back in cents."""
    caption, field = next((caption, field) for caption, field in amounts if beside(layout, caption).number is not None)
    cell = beside(layout, caption)
    result.amount, result.amount_caption = (cell.number, cell.number + 1000), caption
    set_at(result.expected, field, round2(Decimal(walk(result.data, field)) + from_unit(Decimal(1000), cell.unit)))


def set_at(data: dict, path: str, value) -> None:
    *parents, last = path.split(".")
    for part in parents:
        data = data[part]
    data[last] = value


def _paragraphs(result: Plan, cells, texts) -> None:
    for cell in cells:
        original = get(result.data, cell.binding) if cell.binding else None
        if cell.role is Role.TEXT and isinstance(original, list) and original and texts.count(cell.plain) == 1:
            new = ["改写的第一段。", "新增的第二段。"]
            result.texts.append((cell.plain, "\n".join(new)))
            put(result.expected, cell.binding, new)
            return


def _rows(result: Plan, form, cells, texts) -> None:
    """Add a row after one indicator row and delete another, preferring rows not first in their group."""
    names = [c for c in cells if (m := ITEM.match(c.binding)) and m.group("field") == "name"
             and texts.count(c.plain) == 1]
    later = [c for c in names if _index(c, "k") > 0]
    single = [c for c in names if _index(c, "k") == 0 and len(_parent(result.data, _item(c))) == 1
              and (_index(c, "j") > 0 or len(_parent(result.data, _item(c).rsplit(".items[", 1)[0])) == 1)]
    delete = (later or single or [None])[-1]
    assert delete is not None, "the sample needs an indicator row that can be deleted"
    after = next(c for c in later + names if c is not delete)
    row_cells = [c for c in cells if c.binding.startswith(_item(after) + ".")]
    result.after, result.delete, result.name_col = after.plain, delete.plain, after.col
    new_item = {}
    choices = choice_fields(form.definition.schema.get("fields") or {})
    for cell in row_cells:
        name = cell.binding.rsplit(".", 1)[1]
        options = choices.get(pattern(cell.binding))
        value = options[0] if options else NEW_VALUES[cell.role]  # a choice field takes one of its options
        value = value.format(name) if isinstance(value, str) and cell.role is Role.TEXT else value
        result.new_cells[cell.col] = value
        new_item[name] = Decimal(value) if isinstance(value, int) else value
    deleted, anchor = get(result.expected, _item(delete)), get(result.expected, _item(after))
    _parent(result.expected, _item(delete)).remove(deleted)
    siblings = _parent(result.expected, _item(after))
    siblings.insert(next(i for i, x in enumerate(siblings) if x is anchor) + 1, new_item)
    _prune(result.expected)


def _index(cell, name: str) -> int:
    return int(ITEM.match(cell.binding).group(name) or 0)


def _item(cell) -> str:
    return ITEM.match(cell.binding).group("item")


def _parent(data: dict, item: str) -> list:
    return get(data, item.rsplit("[", 1)[0])


def _prune(data: dict) -> None:
    """Drop the groups a deleted row left empty."""
    for key in ("indicators", "scores"):
        tree = data.get(key)
        if not isinstance(tree, list):
            continue
        for level1 in tree:
            if "groups" in level1:
                level1["groups"] = [g for g in level1["groups"] if g["items"]]
        data[key] = [g for g in tree if g.get("groups", g.get("items"))]


def expected_yaml(plan: Plan) -> str:
    kind = form_type(plan.expected["form"])
    return to_yaml(kind.model.model_validate(plan.expected))


def printed_amount(number: Decimal) -> str:
    return format_amount(number)
