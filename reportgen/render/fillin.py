"""Fill-in workbooks (``reportgen new FORM -o FILE.xlsx``): the printed form, ready to type into.

The sheet is the form's own grid, written by the XLSX writer from the form's starter data with
every input cell emptied, plus blank rows after each indicator group. Labels and computed
cells are locked, input cells unlocked and typed (amounts and points as numbers with
validation, dates as dates, text as text so that ``=100%`` never becomes a formula), fixed
vocabularies offered as drop-down lists. Fields the form does not print (年度, 申报单位) are
asked on the instructions sheet. ``reportgen import`` reads the workbook back like any other.

Input cells are found in the written sheet by a token written into them, so nothing here
repeats the writer's geometry.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, replace
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.protection import SheetProtection

from ..dump import to_yaml
from ..forms import form_type
from ..forms.access import get
from ..forms.choices import choice_fields, reviewer_fields
from ..geometry import plan
from ..layout import Cell, FormLayout, Role, Table, layout_of
from ..options import RenderOptions
from ..reproducible import document_date, normalise_zip
from . import embed
from .xlsx import sheet_title, write_sheet

SPARE = 3  # blank rows after each indicator group and each list of records
INPUT_COLOUR = "FFF6D5"  # a pale yellow: where to type
TEXT_ROW_PT = 90  # a goals or texts row: room for a few paragraphs
SHEET = "填写说明"
_TOKEN = re.compile(r"^⟦(\d+)⟧$")
_CAPTIONS = (Role.LABEL, Role.HEAD, Role.SECTION)
_ITEM = re.compile(r"\.items\[\d+\]\.\w+$")
_GROUP = re.compile(r"\.(level[12])$")
_RECORD = re.compile(r"^([\w.]+)\[\d+\]\.\w+$")  # a field of a plain list's record: tasks[0].name


_INDEX = re.compile(r"\[\d+\]")


@dataclass(frozen=True)
class Input:
    """An input cell: how to type it, and the text it keeps (a group's 一级/二级 name)."""

    role: Role
    binding: str
    is_date: bool = False
    choices: tuple[str, ...] = ()
    text: str = ""
    unit: str = ""  # a money cell's unit other than 元


def vocabularies(definition) -> dict[str, tuple[str, ...]]:
    """Return a form's fixed vocabularies by binding pattern (``[*]`` for indexes), and ``level1``/``level2``.

    They come from its definition: the profile's ``vocabulary`` rule and taxonomy, and the
    schema's ``choice`` fields (完成目标可能性).
    """
    profile = definition.profile
    out = {path: tuple(values) for path, values in ((profile.get("checks") or {}).get("vocabulary") or {}).items()}
    out.update(choice_fields(definition.schema.get("fields") or {}))
    taxonomy = profile.get("taxonomy") or {}
    if taxonomy:
        out["level1"] = tuple(taxonomy)
        out["level2"] = tuple(dict.fromkeys(name for names in taxonomy.values() for name in names or ()))
    return {k: v for k, v in out.items() if v}


def workbook(form, options: RenderOptions) -> bytes:
    """Return the fill-in workbook of ``form`` (a starter model) as XLSX bytes."""
    layout = layout_of(form)
    data = form.model_dump()
    definition = form_type(form.form).definition
    reviewer = reviewer_fields(definition.schema.get("fields") or {})
    blank, inputs = _blank(layout, data, vocabularies(definition), reviewer)
    # The caption line and the tab show the starter's values (申报单位名称：某某中心, 某某项目):
    # the form's title names the tab, and what the caption says is asked on the instructions sheet.
    blank = replace(blank, caption="", sheet_name=layout.title)
    book = Workbook()
    book.remove(book.active)
    sheet = book.create_sheet(sheet_title(blank.sheet_name, set()))
    columns = write_sheet(sheet, plan(blank, options), options)
    _prepare_inputs(sheet, inputs)
    fields = _extra_fields(form, layout)
    units = sorted({spec.unit or "元" for spec in inputs.values() if spec.role is Role.MONEY})
    _instructions(book.create_sheet(SHEET), fields, data, units)
    book.active = 0
    book.properties.title, book.properties.creator = f"{layout.title}（填报）", "reportgen"
    when = document_date(options.date)
    book.properties.created = book.properties.modified = when
    out = io.BytesIO()
    book.save(out)
    entry = {"yaml": to_yaml(form), "sheet": sheet.title, "columns": columns,
             "fields": {"sheet": SHEET, "rows": [[path, label] for path, label in fields]}}
    return normalise_zip(embed.into_package(out.getvalue(), [entry]), when)


def _blank(layout: FormLayout, data: dict, vocab: dict,
           reviewer: set[str] = frozenset()) -> tuple[FormLayout, dict[int, Input]]:
    """Return the layout with inputs tokenised (and spare indicator rows), and the inputs by token;
    a ``reviewer`` field's cell stays locked and empty (审核意见 is not the applicant's)."""
    inputs: dict[int, Input] = {}

    def token(cell: Cell, keep: str = "") -> Cell:
        n = len(inputs)
        level = _GROUP.search(cell.binding)
        choices = vocab.get(level.group(1) if level else _INDEX.sub("[*]", cell.binding), ())
        inputs[n] = Input(cell.role, cell.binding, isinstance(get(data, cell.binding), date), choices, keep, cell.unit)
        return replace(cell, text=(f"⟦{n}⟧",), number=None)

    tables = []
    for table in layout.tables:
        table = _with_spare_rows(table, SPARE)
        cells = []
        for cell in table.cells:
            if cell.binding and _INDEX.sub("[*]", cell.binding) in reviewer:
                cells.append(replace(cell, text=("",), number=None))
            elif cell.binding == "spare" or _ITEM.search(cell.binding):
                cells.append(token(replace(cell, binding="" if cell.binding == "spare" else cell.binding)))
            elif _GROUP.search(cell.binding):
                cells.append(token(cell, keep=cell.plain))
            elif cell.binding:
                cells.append(token(cell))
            elif _computed(cell):
                cells.append(replace(cell, text=("",), number=None))  # computed from what is typed
            else:
                cells.append(cell)
        tables.append(replace(table, cells=tuple(cells)))
    return replace(layout, tables=tuple(tables)), inputs


def _computed(cell: Cell) -> bool:
    """Return True for a cell the tool fills from the data (执行率, 总分, 绩效等级), not a fixed mark like —."""
    if cell.total_of is not None or cell.binding or cell.role in _CAPTIONS:
        return False
    return cell.number is not None or any(ch.isalnum() for ch in cell.plain)


def _region(binding: str) -> str:
    """Return the rows ``binding`` grows with: an indicator's group, a record's list; "" for none."""
    if _ITEM.search(binding):
        return binding.rsplit(".items[", 1)[0]
    match = _RECORD.match(binding)
    return match.group(1) if match and not _GROUP.search(binding) else ""


def _with_spare_rows(table: Table, count: int) -> Table:
    """Return ``table`` with ``count`` blank rows after each indicator group's and each list's last row.

    Cells running on below that row (the 一级 label of a group that goes on, a caption over the
    whole table) grow over the new rows; elsewhere the new rows get blank cells shaped like the
    row above, marked ``binding="spare"``, their 一级/二级 cells free for a new group's name.
    """
    groups = {c.row: _region(c.binding) for c in table.cells if _region(c.binding)}
    ends = [r for r in sorted(groups) if groups.get(r + 1) != groups[r]]
    cells, n_rows = list(table.cells), table.n_rows
    for r in reversed(ends):
        cells, n_rows = _insert_after(cells, n_rows, r, count, len(table.widths))
    return replace(table, cells=tuple(cells), n_rows=n_rows)


def _insert_after(cells: list[Cell], n_rows: int, r: int, count: int, n_cols: int) -> tuple[list[Cell], int]:
    covering = {col: c for c in cells for col in range(c.col, c.col + c.colspan) if c.row <= r < c.row + c.rowspan}
    grows = {id(c) for c in covering.values()
             if c.row + c.rowspan - 1 > r or (c.row < r and not c.binding and c.role in _CAPTIONS)}
    out = []
    for c in cells:
        if c.row > r:
            out.append(replace(c, row=c.row + count))
        elif id(c) in grows:
            out.append(replace(c, rowspan=c.rowspan + count))
        else:
            out.append(c)
    col = 0
    while col < n_cols:
        above = covering[col]
        span = above.col + above.colspan - col
        if id(above) not in grows:
            role = Role.LABEL if _GROUP.search(above.binding) else above.role
            out += [Cell(r + 1 + k, col, ("",), role, colspan=span, binding="spare") for k in range(count)]
        col += span
    return out, n_rows + count


def _prepare_inputs(sheet, inputs: dict[int, Input]) -> None:
    """Empty, unlock and type each input cell; lock everything else and protect the sheet."""

    validations: dict[tuple, DataValidation] = {}
    for row in sheet.iter_rows():
        for cell in row:
            match = _TOKEN.match(cell.value) if isinstance(cell.value, str) else None
            if not match:
                continue
            spec = inputs[int(match.group(1))]
            cell.value = spec.text or None
            if spec.text:
                cell.data_type = "s"
            cell.protection = Protection(locked=False)
            cell.fill = PatternFill("solid", fgColor=INPUT_COLOUR)
            cell.number_format = _format(spec)
            if spec.role is Role.TEXT and spec.binding and not _region(spec.binding):
                height = sheet.row_dimensions[cell.row].height or 0
                sheet.row_dimensions[cell.row].height = max(height, TEXT_ROW_PT)  # room for paragraphs
            rule = _validation(spec)
            if rule:
                if rule not in validations:
                    validations[rule] = _make_validation(DataValidation, rule)
                validations[rule].add(cell.coordinate)
    for validation in validations.values():
        sheet.add_data_validation(validation)
    sheet.protection = SheetProtection(sheet=True, formatCells=False, formatRows=False, formatColumns=False,
                                       insertRows=False, deleteRows=False)


def _format(spec: Input) -> str:
    if spec.role is Role.MONEY:
        return "#,##0.00"
    if spec.role is Role.POINTS:
        return "0.##"
    if spec.role is Role.RATE:
        return "0.00%"
    return "yyyy-mm-dd" if spec.is_date else "@"  # text: what is typed stays text, never a formula


def _validation(spec: Input) -> tuple | None:
    if spec.choices:
        return ("list", '"' + ",".join(spec.choices) + '"')
    if spec.role is Role.MONEY and spec.unit:
        return ("decimal", "0", f"请填写金额数字（单位：{spec.unit}），如 100.00，不要写单位或汉字")
    if spec.role is Role.MONEY:
        return ("decimal", "0", "请填写金额数字（元），如 1000000.00，不要写“万元”或汉字")
    if spec.role is Role.POINTS:
        return ("decimal", "0", "请填写分值数字，如 10 或 9.5")
    if spec.is_date:
        return ("date", "1", "请填写日期，如 2026-01-01")
    return None


def _make_validation(DataValidation, rule: tuple):
    if rule[0] == "list":
        # A warning, not a stop: the names are the usual ones, and a new one may be typed after confirming.
        return DataValidation(type="list", formula1=rule[1], allow_blank=True, showErrorMessage=True,
                              errorStyle="warning", errorTitle="不在常用列表中", error="该名称不在常用列表中，确认要使用吗？")
    kind, bound, message = rule
    return DataValidation(type=kind, operator="greaterThanOrEqual", formula1=bound, allow_blank=True,
                          showErrorMessage=True, errorTitle="无法识别的数值", error=message,
                          showInputMessage=True, promptTitle="填写提示", prompt=message)


def _extra_fields(form, layout: FormLayout) -> list[tuple[str, str]]:
    """Return (field, label) of the form's top-level scalars the grid does not show (年度, 申报单位)."""
    bound = {c.binding.split(".")[0].split("[")[0] for t in layout.tables for c in t.cells if c.binding}
    out = []
    for name, info in type(form).model_fields.items():
        value = getattr(form, name)
        if name in bound or name == "form" or isinstance(value, (list, tuple, dict)) or hasattr(value, "model_dump"):
            continue
        if value is not None:
            out.append((name, info.description or name))
    return out


INSTRUCTIONS = (
    "填写说明",
    "1. 只在浅黄色（未锁定）单元格中填写；标题、栏目名称和计算结果已锁定。金额以{unit}为单位填数字，不写单位；"
    "日期填 2026-01-01 这样的日期。",
    "2. 指标值、实际完成值等按文字填写，如 ≥90%、=100%、≥500(件)；以等号开头也不会变成公式。",
    "3. 每组指标和每个可增减的表格（如年度主要任务）下留有空行，可直接填写。需要更多行：在该组的行上右键“插入行”"
    "（插在合并的一级/二级单元格范围内即属于该组）；在空行的一级或二级栏填写新名称，即开始新的一组（可从下拉列表选择常用名称）。",
    "4. 不需要的行：清空该行的内容或删除该行即可。",
    "5. 下表填写表上不显示的信息。",
    "6. 填好后保存（可用 Excel、WPS 或 LibreOffice），运行：reportgen import 本文件.xlsx，"
    "再运行 reportgen check 检查、reportgen render 生成正式表单。",
    "如需修改受保护的部分，可在“审阅”中撤销工作表保护（无密码）。",
)


def _instructions(sheet, fields: list[tuple[str, str]], data: dict, units: list[str]) -> None:
    """Write the instructions, saying the unit amounts are typed in (元, 万元, or each as its caption says)."""

    sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width = 18, 70
    unit = units[0] if len(units) == 1 else "各栏注明的单位（元或万元）" if units else "元"
    for row, line in enumerate(INSTRUCTIONS, start=1):
        cell = sheet.cell(row=row, column=1, value=line.replace("{unit}", unit))
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.font = Font(bold=row == 1, size=14 if row == 1 else 11)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        sheet.row_dimensions[row].height = 22 if row == 1 else 17 * (len(line) // 42 + 1)
    row = len(INSTRUCTIONS) + 2
    for name, label in fields:
        sheet.cell(row=row, column=1, value=label).font = Font(bold=True)
        value = data.get(name)
        cell = sheet.cell(row=row, column=2, value=value if isinstance(value, int) else None)
        cell.protection = Protection(locked=False)
        cell.fill = PatternFill("solid", fgColor=INPUT_COLOUR)
        if not isinstance(value, int):
            cell.number_format = "@"
        row += 1
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.protection = SheetProtection(sheet=True)
