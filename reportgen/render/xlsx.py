"""XLSX writer: the form's grid as merged ranges on one sheet, numbers as numbers, A4 print set-up.

Amounts are written as Decimal with ``#,##0.00``; text is forced to the string type, so an
indicator value like ``=100.00(%)`` never turns into a formula. Row heights are set from the
height model, since neither Excel nor LibreOffice grows merged wrapped cells by itself.
"""
from __future__ import annotations

import io
import re
from copy import copy

from openpyxl import Workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.worksheet import Worksheet

from ..geometry import PlannedForm
from ..geometry.sheet import SheetTable
from ..layout import Cell, FormLayout, Role, Table
from ..options import RenderOptions
from ..reproducible import document_date, normalise_zip
from ..source.limits import xml_safe
from ..style import NARROW_TEXT, PT_MM, PageStyle
from . import embed

SHORT_TAIL = 3           # rows of a block after the repeated header that may share its pages (a sign-off)

# Rows are as tall as the client that needs the tallest ones, since a row too short hides text:
# the narrowest columns any client gives, the widest characters and the loosest line pitch.
# Columns: a width unit is one digit of the default font, Calibri 11, which Excel at 96 dpi rounds
# to 7 px (1.852 mm; 1.905 at 120 dpi); LibreOffice takes the digit's advance: 1.967 mm in
# Carlito, 2.469 where Calibri falls back to DejaVu Sans (its sheet is then a third wider, printed
# smaller, and its rows hold fewer lines than set: white, never cut). Calibri stays the default
# font for this: the faces that replace it have digits as wide (Carlito) or wider (Liberation
# Sans, DejaVu Sans), so no client's columns are narrower than Excel's. Widths are written in
# Excel's unit, so there they are the model's.
MM_PER_WIDTH_UNIT = 1.852
_FORMATS = {Role.MONEY: "#,##0.00", Role.RATE: "0.00%", Role.POINTS: "0.##"}
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_ALIGN = {
    Role.TEXT: Alignment(horizontal="justify", vertical="center", wrap_text=True),
    Role.MONEY: Alignment(horizontal="right", vertical="center", wrap_text=True),
    Role.RATE: Alignment(horizontal="right", vertical="center", wrap_text=True),
    Role.TICKS: Alignment(horizontal="left", vertical="center", wrap_text=True),
}
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def write(form: PlannedForm, options: RenderOptions) -> bytes:
    return write_many([form], options, title=form.layout.name or form.layout.title)


def write_many(forms: list[PlannedForm], options: RenderOptions, title: str) -> bytes:
    """Return a workbook with one sheet per form of ``forms``."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    names: set[str] = set()
    placed = []
    for form in forms:
        sheet = workbook.create_sheet(sheet_title(form.layout.sheet_name or form.layout.title, names))
        placed.append((form.layout, sheet.title, write_sheet(sheet, form, options)))
    workbook.properties.title = title
    workbook.properties.creator = "reportgen"
    when = document_date(options.date)
    workbook.properties.created = workbook.properties.modified = when
    out = io.BytesIO()
    workbook.save(out)
    return normalise_zip(embed.into_package(out.getvalue(), embed.xlsx_forms(placed)), when)


def sheet_title(name: str, taken: set[str]) -> str:
    """Return ``name`` made a valid, unique sheet title (no []:*?/\\, at most 31 characters)."""
    base = re.sub(r"[\[\]:*?/\\']", "_", xml_safe(name)).strip() or "Sheet"
    title, n = base[:31], 1
    while title.lower() in taken:
        n += 1
        suffix = f"({n})"
        title = base[: 31 - len(suffix)] + suffix
    taken.add(title.lower())
    return title


def write_sheet(sheet: Worksheet, form: PlannedForm, options: RenderOptions) -> list[list[int]]:
    """Write ``form`` on ``sheet``; return where each table's column edges fell among the sheet's
    columns (the union of every table's edges), which the importer maps cells by."""
    layout, style, planned = form.layout, form.style, form.sheet
    fonts = _Fonts(options, style)
    n_cols = len(planned.widths) or 1
    for index, width in enumerate(planned.widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = round(width / MM_PER_WIDTH_UNIT, 2)
    row = _write_titles(sheet, layout, fonts, n_cols)
    repeat: tuple[int, int] | None = None
    for table in planned.tables:
        # A sheet repeats one range above every page: the header of the last block with one, so
        # that it never prints above a later block (a sign-off of a row or two may follow).
        if table.table.header_rows:
            repeat = (row, row + table.table.header_rows - 1)
        elif table.table.n_rows > SHORT_TAIL:
            repeat = None
        row = _write_table(sheet, table, row, fonts, style)
    for note in layout.notes:
        _text_cell(sheet, row, 1, note).font = fonts.body
        row += 1
    _page_setup(sheet, style, repeat, n_cols, row - 1)
    return planned.columns


class _Fonts:
    """The sheet's fonts, and each grid cell's style made once per role and copied from then on.

    Assigning font, border and alignment hashes each style against the workbook's (a third of
    the time on a large form); a cell's style is an array of those indices, cheap to copy.
    """

    def __init__(self, options: RenderOptions, style: PageStyle):
        self.body = Font(name=options.fonts.office_body, size=style.body_pt)
        self.title = Font(name=options.fonts.office_title, size=style.title_pt)
        self.subtitle = Font(name=options.fonts.office_body, size=style.subtitle_pt)
        self._styles: dict[tuple[Role, str], object] = {}

    def apply(self, target, role: Role, number_format: str, variant: str = "") -> None:
        """Style a grid cell; ``variant`` (see ``_alignment``) moves its text left or to the top."""
        key = (role, number_format, variant)
        if key not in self._styles:
            target.font, target.border = self.body, _BORDER
            align = _ALIGN.get(role, _CENTER)
            if variant == "left":
                align = copy(align)
                align.horizontal = "left"
            elif variant == "top":
                align = copy(align)
                align.vertical = "top"
            target.alignment = align
            target.number_format = number_format
            self._styles[key] = copy(target._style)
        target._style = copy(self._styles[key])

    def covered(self, target) -> None:
        """Style a cell a merged range covers: the border only."""
        if "covered" not in self._styles:
            target.border = _BORDER
            self._styles["covered"] = copy(target._style)
        target._style = copy(self._styles["covered"])


def _write_titles(sheet: Worksheet, layout: FormLayout, fonts: _Fonts, n_cols: int) -> int:
    row = 1
    for text, font, height in ((layout.title, fonts.title, 30), (layout.subtitle, fonts.subtitle, 20),
                               (layout.caption, fonts.subtitle, 20)):
        if not text:
            continue
        cell = _text_cell(sheet, row, 1, text)
        cell.font, cell.alignment = font, _CENTER
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=n_cols)  # a few: no cost
        sheet.row_dimensions[row].height = height
        row += 1
    return row


def _write_table(sheet: Worksheet, planned: SheetTable, top: int, fonts: _Fonts, style: PageStyle) -> int:
    table, heights = planned.table, planned.heights
    for offset, height in enumerate(heights):
        sheet.row_dimensions[top + offset].height = round(height / PT_MM, 1)
    tall = style.content_height * TALL_MERGE
    for cell in table.cells:
        _write_cell(sheet, cell, top, fonts, _alignment(cell, table, heights, tall))
    return top + table.n_rows


# A merged range taller than this share of the page may cross a page break. The clients centre its
# text on the whole range, which can fall on the break (cut in two) or on the other page; at the
# top it prints on the page the range starts on, in its first rows.
TALL_MERGE = 0.25


def _alignment(cell: Cell, table: Table, heights: list[float], tall: float) -> str:
    """Return the alignment variant of ``cell``: "top" for a merged range taller than ``tall`` mm,
    "left" for running text in a narrow cell, "" for the role's own."""
    if cell.rowspan > 1 and sum(heights[cell.row:cell.row + cell.rowspan]) > tall:
        return "top"
    if cell.role is Role.TEXT and sum(table.widths[cell.col:cell.col + cell.colspan]) < NARROW_TEXT:
        return "left"
    return ""


def _write_cell(sheet: Worksheet, cell: Cell, top: int, fonts: _Fonts, variant: str) -> None:
    row, col = top + cell.row, cell.col + 1
    target = sheet.cell(row=row, column=col)
    number_format = "General"
    if cell.total_of is not None:
        letter = get_column_letter(col)
        target.value = f"=SUM({letter}{top + cell.total_of[0]}:{letter}{top + cell.total_of[1]})"
        number_format = _FORMATS[cell.role]
    elif cell.number is not None and cell.role in _FORMATS:
        target.value = cell.number
        number_format = _FORMATS[cell.role]
    else:
        _set_text(target, cell.plain)
    fonts.apply(target, cell.role, number_format, variant)
    if cell.rowspan > 1 or cell.colspan > 1:
        merge(sheet, row, col, row + cell.rowspan - 1, col + cell.colspan - 1, fonts)


def merge(sheet: Worksheet, top: int, left: int, bottom: int, right: int, fonts: _Fonts) -> None:
    """Merge a range every cell of which gets the full thin border, in time linear in its size.

    ``Worksheet.merge_cells`` tests the new range against every range merged before (quadratic:
    28 s for 4,000 indicators) and rebuilds each edge cell's border; a grid's spans never overlap.
    """
    span = MergedCellRange(sheet, f"{get_column_letter(left)}{top}:{get_column_letter(right)}{bottom}")
    sheet.merged_cells.ranges.add(span)
    for row in range(top, bottom + 1):
        for col in range(left, right + 1):
            if (row, col) != (top, left):
                covered = sheet._cells[row, col] = MergedCell(sheet, row, col)
                fonts.covered(covered)


def _text_cell(sheet: Worksheet, row: int, col: int, text: str):
    cell = sheet.cell(row=row, column=col)
    _set_text(cell, text)
    return cell


def _set_text(cell, text: str) -> None:
    """Store ``text`` as a string, never a formula, whatever it starts with (``=HYPERLINK(…)``).

    Characters XML cannot hold are refused by ``check`` (RG810); any that reach here from
    elsewhere are dropped rather than crash the writer.
    """
    cell.value = xml_safe(text)
    cell.data_type = "s"


def _page_setup(sheet: Worksheet, style: PageStyle, repeat, n_cols: int, last_row: int) -> None:
    setup = sheet.page_setup
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.orientation = "landscape" if style.landscape else "portrait"
    setup.fitToWidth, setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    margins = sheet.page_margins
    margins.left, margins.right = style.margin_left / 25.4, style.margin_right / 25.4
    margins.top, margins.bottom = style.margin_top / 25.4, style.margin_bottom / 25.4
    sheet.print_options.horizontalCentered = True
    sheet.print_area = f"A1:{get_column_letter(n_cols)}{last_row}"
    if repeat:
        sheet.print_title_rows = f"{repeat[0]}:{repeat[1]}"
    sheet.oddFooter.center.text = "- &P -"
