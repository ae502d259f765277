"""The review report as a workbook: one row per finding, with filters, the way a reviewer sorts them."""
from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from ..checks.catalogue import CATALOGUE
from ..messages import word
from ..options import RenderOptions
from ..problems import LEVELS
from ..reproducible import document_date, normalise_zip
from ..source.limits import xml_safe
from . import Reviewed

COLUMNS = ("file", "project", "field", "line", "code", "severity", "name", "message", "why")  # report.column.NAME
WIDTHS = (36, 24, 34, 6, 8, 6, 16, 70, 40)
LINE_PT = 15  # a wrapped line of 11 pt text
SUMMARY = ("file", "project", "form", "result")  # report.summary.NAME


def xlsx(reviewed: list[Reviewed], options: RenderOptions, lang: str = "zh") -> bytes:
    """Return the workbook: the findings sheet (filters on every column), then one line per form."""
    book = Workbook()
    sheet = book.active
    sheet.title = word("report.sheet.findings", lang)
    _header(sheet, tuple(word(f"report.column.{name}", lang) for name in COLUMNS), WIDTHS)
    row = 1
    for item in reviewed:
        for problem in item.problems:
            row += 1
            info = CATALOGUE.get(problem.code)
            values = (item.file, item.project, problem.path, problem.line or None, problem.code,
                      word(f"severity.{problem.severity}", lang), info.name if info else "", problem.message(lang),
                      info.why if info else "")
            for col, value in enumerate(values, 1):
                _put(sheet, row, col, value)
            sheet.row_dimensions[row].height = LINE_PT * max(_lines(str(v or ""), w) for v, w in zip(values, WIDTHS))
    sheet.auto_filter.ref = f"A1:{chr(ord('A') + len(WIDTHS) - 1)}{max(row, 2)}"
    sheet.freeze_panes = "A2"
    _print_setup(sheet)
    _forms(book.create_sheet(word("report.sheet.forms", lang)), reviewed, lang)
    stamp = document_date(options.date)
    book.properties.created = book.properties.modified = stamp.replace(tzinfo=None)
    out = BytesIO()
    book.save(out)
    return normalise_zip(out.getvalue(), stamp)


def _forms(sheet, reviewed: list[Reviewed], lang: str) -> None:
    heads = [word(f"report.summary.{name}", lang) for name in SUMMARY] + [word(f"severity.{level}", lang) for level in LEVELS]
    _header(sheet, tuple(heads), (36, 24, 30, 16, 8, 8, 8))
    clean = word("report.no-finding", lang)
    for row, item in enumerate(reviewed, 2):
        counts = [sum(p.severity == level for p in item.problems) for level in LEVELS]
        title = item.form.definition.title if item.form is not None else ""
        for col, value in enumerate((item.file, item.project, title, "" if item.problems else clean, *counts), 1):
            _put(sheet, row, col, value)
    sheet.auto_filter.ref = f"A1:G{max(len(reviewed) + 1, 2)}"


def _lines(text: str, width: float) -> int:
    """Return the lines ``text`` wraps to in a column ``width`` characters wide (a CJK character is two)."""
    units = sum(2 if ord(char) > 0x2E7F else 1.1 for char in text)
    return max(1, -int(-units // max(width - 1, 1)))


def _print_setup(sheet) -> None:
    """Print the table landscape, all columns on one page's width, the header on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"


def _header(sheet, names, widths) -> None:
    for col, (name, width) in enumerate(zip(names, widths), 1):
        cell = sheet.cell(row=1, column=col, value=name)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDDDDD")
        sheet.column_dimensions[cell.column_letter].width = width


def _put(sheet, row: int, col: int, value) -> None:
    """Write a number as a number, any text as a string, never a formula (``=HYPERLINK(…)`` stays text)."""
    cell = sheet.cell(row=row, column=col)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    if isinstance(value, int):
        cell.value = value
        return
    cell.value = xml_safe(str(value))
    cell.data_type = "s"
