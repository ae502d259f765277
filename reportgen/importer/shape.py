"""The shape of an embedded payload's form entry, and the errors a tampered file's parts raise.

The writers give every entry the same keys and types (``render.embed``); a file edited by hand
or by a hostile tool may hold anything there, so each entry is checked before it is used.
"""
from __future__ import annotations

import zipfile
import zlib
from xml.etree.ElementTree import ParseError

from docx.exceptions import InvalidXmlError
from docx.opc.exceptions import PackageNotFoundError
from openpyxl.utils.exceptions import InvalidFileException

from ..source.limits import MAX_FILE_BYTES

# What openpyxl, python-docx and lxml raise on parts that are well-formed XML but not what
# their schema says (a cell span of "x", a sheet without its relationships), and what zipfile
# raises reading a member whose header lies in a way only some read sizes meet (EOFError): a
# damaged file. lxml's XMLSyntaxError is a SyntaxError. openpyxl raises OSError for a package
# without a workbook part; it reads from memory here, so no OSError is the file system's.
UNREADABLE = (ValueError, TypeError, KeyError, IndexError, AttributeError, SyntaxError, ParseError, EOFError,
              OSError, zlib.error, zipfile.BadZipFile, InvalidXmlError, PackageNotFoundError, InvalidFileException)

_INTS = ("table", "tables")
_INT_LISTS = ("parts", "continued")


def entry_problem(entry: object) -> str | None:
    """Return what is wrong with a payload entry (in English, the keys' names), or None."""
    if not isinstance(entry, dict):
        return "not a mapping"
    text = entry.get("yaml")
    if not isinstance(text, str) or len(text) > MAX_FILE_BYTES:
        return "yaml: not a text of at most 2 MiB"
    for key in _INTS:
        if key in entry and not _count(entry[key]):
            return f"{key}: not a whole number"
    for key in _INT_LISTS:
        if key in entry and not (isinstance(entry[key], list) and all(map(_count, entry[key]))):
            return f"{key}: not a list of whole numbers"
    if "sheet" in entry and not isinstance(entry["sheet"], str):
        return "sheet: not a text"
    if "widths" in entry and not _widths(entry["widths"]):
        return "widths: not lists of numbers"
    if "fields" in entry and not _fields(entry["fields"]):
        return "fields: not a sheet and its rows"
    return None


def _count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10 ** 6


def _widths(value: object) -> bool:
    return isinstance(value, list) and all(
        isinstance(table, list) and all(isinstance(w, (int, float)) and not isinstance(w, bool) and 0 <= w < 10 ** 4
                                        for w in table) for table in value)


def _fields(value: object) -> bool:
    if not isinstance(value, dict) or not isinstance(value.get("sheet", ""), str):
        return False
    rows = value.get("rows", [])
    return isinstance(rows, list) and all(isinstance(r, list) and len(r) == 2 and all(isinstance(x, str) for x in r)
                                          for r in rows)
