"""Read the HTML a layout template renders into the grid: tables, rows, cells, spans, roles, bindings.

The vocabulary is described in ``reportgen.layout.template``. Text the template printed with
``{{ … }}`` arrives here as references (``REF``) to the exact strings, so the data's characters
never pass through HTML escaping or white-space rules; only the template's own text is trimmed.
What remains is the template author's markup: one regular expression (``_MARKUP``) splits it
into tags and text, comments and ``<style>`` skipped, entities decoded; about 2.5 times faster
than ``html.parser`` on these pages, which matters as every render reads one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from html import unescape

from ..errors import LayoutTemplateError, Overflow
from ..messages import Text, msg
from ..money import UNITS, format_amount, in_unit
from ..style import PageStyle
from .grid import FormLayout, Role, Slot, Table, TableBuilder
from .ticks import pattern, per_row, tick_lines

REF = re.compile("\ufdd0(\\d+)\ufdd1")  # a printed value: its index among the values of the render
_MARKUP = re.compile(
    r"<!--.*?(?:-->|\Z)"                                     # a comment
    r"|<(style|script)\b[^>]*>.*?(?:</\1\s*>|\Z)"            # raw text, skipped whole
    r"|<[!?][^>]*>"                                          # <!DOCTYPE html>, <?…?>
    r"|</([a-zA-Z][^\s/>]*)\s*>"                             # an end tag
    r"|<([a-zA-Z][^\s/>]*)((?:\s+[^\s\"'>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?)*)\s*(/?)>",
    re.DOTALL | re.IGNORECASE)
_ATTRIBUTE = re.compile(r"([^\s\"'>/=]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?")
ROLES = {role.value: role for role in Role}
FORM_ATTRIBUTES = {"data-landscape", "data-body-pt", "data-sheet-name", "data-name"}
CELL_ATTRIBUTES = {"data-bind", "data-number", "data-unit", "data-per-row"}
COL_ATTRIBUTES = {"data-mm", "data-min", "data-max"}
IGNORED = {"html", "colgroup", "thead", "tbody", "tfoot"}  # allowed for browsers, meaningless here




@dataclass
class _Text:
    """The raw text of one paragraph, title or note, references unresolved."""

    parts: list[str] = field(default_factory=list)


@dataclass
class _Cell:
    slot_args: dict
    where: tuple[str, int]
    loose: list[str] = field(default_factory=list)  # text outside <p>
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class _Table:
    header_rows: int
    where: tuple[str, int]
    cols: list[tuple[float, float | None, float | None]] = field(default_factory=list)
    rows: list[list[tuple[Slot, tuple[str, int]]]] = field(default_factory=list)
    open_row: list[tuple[Slot, tuple[str, int]]] | None = None


def read(html: str, values: list[str], files: list[str], bindings=None, money_unit: str = "",
         choices: dict[str, tuple[str, ...]] | None = None) -> FormLayout:
    """Return the FormLayout the rendered ``html`` describes; ``values`` are its printed values.

    ``bindings(binding, text)`` may refuse a bound cell: it returns what is wrong (a ``Text``), reported at the cell.
    ``money_unit`` (the form's, 万元) is the unit of every money cell without a ``data-unit``
    of its own; a money cell in a unit other than 元 shows its ``data-number`` (元) in it.
    ``choices`` (binding pattern → options, from the schema) are what a ``ticks`` cell prints.
    """
    reader = _Reader(values, files, money_unit, choices or {})
    reader.bindings = bindings
    at = 0
    for match in _MARKUP.finditer(html):
        if match.start() > at:
            reader.handle_data(_unescape(html[at:match.start()]))
        at = match.end()
        if match[2]:
            reader.handle_endtag(match[2].lower())
        elif match[3]:
            tag = match[3].lower()
            reader.handle_starttag(tag, [(name.lower(), value) for name, value in _ATTRIBUTE.findall(match[4])])
            if match[5]:
                reader.handle_endtag(tag)
    if at < len(html):
        reader.handle_data(_unescape(html[at:]))
    return reader.layout()


def _unescape(text: str) -> str:
    return unescape(text) if "&" in text else text


class _Reader:
    def __init__(self, values: list[str], files: list[str], money_unit: str = "",
                 choices: dict[str, tuple[str, ...]] | None = None):
        self.values, self.files, self.money_unit, self.choices = values, files, money_unit, choices or {}
        self.has_ticks = False
        self.where: tuple[str, int] = (files[0] if files else "", 0)
        self.form: dict = {}
        self.texts: dict[str, str] = {}       # title, subtitle, caption
        self.in_notes = False                 # inside <div class="notes">
        self.notes: list[str] = []
        self.tables: list[Table] = []
        self.table: _Table | None = None
        self.cell: _Cell | None = None
        self.text: _Text | None = None
        self.text_for = ""
        self.in_head = False
        self.bindings = None

    # -- errors and values --

    def fail(self, detail: Text, where: tuple[str, int] | None = None):
        file, line = where or self.where
        raise LayoutTemplateError(file, line, detail)

    def attribute(self, raw: str) -> str:
        """Return an attribute's value unquoted, entities decoded, every printed value put back verbatim."""
        if raw[:1] in ("'", '"'):
            raw = raw[1:-1]
        raw = _unescape(raw)
        return REF.sub(lambda m: self.values[int(m[1])], raw) if "\ufdd0" in raw else raw

    def paragraph(self, raw: str) -> str:
        """Return a paragraph's text: the template's white space at its ends dropped, values verbatim."""
        parts = REF.split(raw)
        parts[0] = parts[0].lstrip()
        parts[-1] = parts[-1].rstrip()
        return "".join(self.values[int(p)] if i % 2 else p for i, p in enumerate(parts))

    # -- the HTML events --

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str]]) -> None:
        attributes = {name: self.attribute(value) for name, value in attrs}
        at = attributes.pop("data-at", "")
        if at:
            index, _, line = at.partition(":")
            self.where = (self.files[int(index)], int(line))
        if self.in_head or tag in IGNORED:
            return
        if tag == "head":
            self.in_head = True
        elif tag == "body":
            self.start_body(attributes)
        elif tag == "h1":
            self.open_text("title")
        elif tag == "p":
            self.start_p(attributes)
        elif tag == "div" and attributes.get("class") == "notes":
            self.in_notes = True
        elif tag == "table":
            self.start_table(attributes)
        elif tag == "col":
            self.add_col(attributes)
        elif tag == "tr":
            self.start_row()
        elif tag == "td":
            self.start_cell(attributes)
        else:
            self.fail(msg("layout.unknown-element", tag=tag))

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.in_head = False
        if self.in_head:
            return
        if tag in ("h1", "p"):
            self.close_text()
        elif tag == "div":
            self.in_notes = False
        elif tag == "td":
            self.end_cell()
        elif tag == "tr":
            self.end_row()
        elif tag == "table":
            self.end_table()

    def handle_data(self, data: str) -> None:
        if self.in_head:
            return
        if self.text is not None:
            self.text.parts.append(data)
        elif self.cell is not None:
            self.cell.loose.append(data)
        elif data.strip():
            shown = self.paragraph(data)[:20]
            self.fail(msg("layout.text-outside-cells", shown=shown))

    # -- the form --

    def start_body(self, attributes: dict) -> None:
        self.check_attributes(attributes, FORM_ATTRIBUTES, "body")
        if "data-landscape" in attributes:
            flag = attributes["data-landscape"].strip().lower()
            if flag not in ("", "true", "false"):
                self.fail(msg("layout.landscape-not-bool", flag=flag))
            self.form["landscape"] = flag != "false"
        if attributes.get("data-body-pt", "").strip():
            self.form["body_pt"] = float(self.number(attributes["data-body-pt"], "data-body-pt"))
        for name, key in (("data-sheet-name", "sheet_name"), ("data-name", "name")):
            if name in attributes:
                self.form[key] = attributes[name]

    def start_p(self, attributes: dict) -> None:
        if self.cell is not None:
            self.close_text()
            self.open_text("cell")
        elif self.in_notes:
            self.open_text("note")
        elif attributes.get("class") in ("subtitle", "caption"):
            self.open_text(attributes["class"])
        else:
            self.fail(msg("layout.loose-p"))

    def open_text(self, purpose: str) -> None:
        self.close_text()
        self.text, self.text_for = _Text(), purpose

    def close_text(self) -> None:
        if self.text is None:
            return
        text, self.text = self.paragraph("".join(self.text.parts)), None
        if self.text_for == "cell":
            self.cell.paragraphs.append(text)
        elif self.text_for == "note":
            self.notes.append(text)
        else:
            self.texts[self.text_for] = text

    def layout(self) -> FormLayout:
        self.end_table()
        if "title" not in self.texts:
            self.fail(msg("layout.no-title"))
        return FormLayout(self.texts["title"], self.texts.get("subtitle", ""), self.texts.get("caption", ""),
                          tuple(self.tables), tuple(self.notes), **self.form)

    # -- tables --

    def start_table(self, attributes: dict) -> None:
        self.end_table()
        self.check_attributes(attributes, {"data-header-rows"}, "table")
        rows = attributes.get("data-header-rows", "0")
        if not rows.strip().isdigit():
            self.fail(msg("layout.header-rows-not-number", rows=rows))
        self.table = _Table(int(rows), self.where)

    def add_col(self, attributes: dict) -> None:
        if self.table is None or self.table.rows or self.table.open_row is not None:
            self.fail(msg("layout.col-outside"))
        self.check_attributes(attributes, COL_ATTRIBUTES, "col")
        if "data-mm" not in attributes:
            self.fail(msg("layout.col-no-width"))
        mm, low, high = (float(self.number(attributes[name], name)) if attributes.get(name, "").strip() else None
                         for name in ("data-mm", "data-min", "data-max"))
        if (low is None) != (high is None) or (low is not None and not low <= high):
            self.fail(msg("layout.min-max"))
        self.table.cols.append((mm, low, high))

    def start_row(self) -> None:
        if self.table is None:
            self.fail(msg("layout.tr-outside"))
        self.end_row()
        self.table.open_row = []

    def start_cell(self, attributes: dict) -> None:
        if self.table is None or self.table.open_row is None:
            self.fail(msg("layout.td-outside"))
        self.end_cell()
        self.check_attributes(attributes, CELL_ATTRIBUTES, "td")
        role = attributes.get("class", "")
        if role not in ROLES:
            self.fail(msg("layout.unknown-class", role=role, roles=ROLES))
        number = attributes.get("data-number", "").strip()
        self.cell = _Cell({"role": ROLES[role], "rowspan": self.span(attributes, "rowspan"),
                           "colspan": self.span(attributes, "colspan"), "binding": attributes.get("data-bind", ""),
                           "number": self.number(number, "data-number") if number else None,
                           "unit": self.unit(attributes, ROLES[role]), "per_row": self.whole(attributes, "data-per-row")},
                          self.where)

    def end_cell(self) -> None:
        if self.cell is None:
            return
        self.close_text()
        cell, self.cell = self.cell, None
        loose = "".join(cell.loose)
        if cell.paragraphs and (REF.search(loose) or loose.strip()):
            self.fail(msg("layout.mixed-cell"),
                      cell.where)
        text = tuple(cell.paragraphs) if cell.paragraphs else (self.paragraph(loose),)
        args = cell.slot_args
        wrong = self.bindings(args["binding"], text) if self.bindings and args["binding"] else None
        if wrong:  # compared as the template printed it, in 元, before a unit or ticks change it
            self.fail(wrong, cell.where)
        if args["unit"] and args["number"] is not None:  # the amount (元) shown in the cell's unit
            args = {**args, "number": in_unit(args["number"], args["unit"])}
            text = (format_amount(args["number"]),)
        made = Slot(text, **args)
        if made.role is Role.TICKS:
            if pattern(made.binding) not in self.choices:
                self.fail(msg("layout.ticks-unbound"), cell.where)
            self.has_ticks = True
        self.table.open_row.append((made, cell.where))

    def end_row(self) -> None:
        self.end_cell()
        if self.table is not None and self.table.open_row is not None:
            self.table.rows.append(self.table.open_row)
            self.table.open_row = None

    def end_table(self) -> None:
        if self.table is None:
            return
        self.end_row()
        draft, self.table = self.table, None
        if not draft.cols:
            self.fail(msg("layout.no-widths"), draft.where)
        widths = tuple(mm for mm, _, _ in draft.cols)
        bounds = tuple((low, high) for _, low, high in draft.cols if low is not None)
        if bounds and len(bounds) != len(widths):
            self.fail(msg("layout.min-max-partial"),
                      draft.where)
        self.tables.append(self.build(draft, TableBuilder(widths, draft.header_rows, bounds)))

    def build(self, draft: _Table, builder: TableBuilder) -> Table:
        places = [where for row in draft.rows for _, where in row]
        for row in draft.rows:
            try:
                builder.row(*(slot for slot, _ in row))
            except Overflow as exc:
                slot, where = row[exc.index]
                self.fail(msg("layout.cell-overflows", text=slot.text[0][:20], columns=len(builder.widths)), where)
        table = builder.build()
        for cell, where in zip(table.cells, places):
            if cell.row + cell.rowspan > len(draft.rows):
                self.fail(msg("layout.rowspan-past-end", rowspan=cell.rowspan),
                          where)
        return self.ticked(table)

    def ticked(self, table: Table) -> Table:
        """Return ``table`` with each ticks cell's value printed as its options, on as many per line as
        fit (or its ``data-per-row``); ``geometry`` lays them again once the widths are fitted."""
        if not self.has_ticks:
            return table
        body_pt = self.form.get("body_pt") or PageStyle.body_pt
        cells = []
        for cell in table.cells:
            if cell.role is Role.TICKS:
                options = self.choices[pattern(cell.binding)]
                columns = cell.per_row or per_row(sum(table.widths[cell.col:cell.col + cell.colspan]), options, body_pt)
                cell = replace(cell, text=tick_lines(cell.plain.strip(), options, columns))
            cells.append(cell)
        return replace(table, cells=tuple(cells))

    # -- attribute values --

    def check_attributes(self, attributes: dict, known: set[str], tag: str) -> None:
        for name in attributes:
            if name.startswith("data-") and name not in known:
                self.fail(msg("layout.unknown-attribute", tag=tag, name=name, known=sorted(known)))

    def unit(self, attributes: dict, role: Role) -> str:
        """Return a money cell's unit other than 元 ("" for 元): its ``data-unit``, else the form's."""
        unit = attributes.get("data-unit", "").strip()
        if unit and role is not Role.MONEY:
            self.fail(msg("layout.unit-not-money"))
        if unit and unit not in UNITS:
            self.fail(msg("layout.unknown-unit", unit=unit, units=UNITS))
        unit = unit or (self.money_unit if role is Role.MONEY else "")
        return "" if unit == "元" else unit  # form words

    def whole(self, attributes: dict, name: str) -> int:
        """Return an optional whole-number attribute (0 when absent)."""
        text = attributes.get(name, "").strip()
        if text and not (text.isdigit() and int(text) > 0):
            self.fail(msg("layout.not-positive", name=name, text=text))
        return int(text) if text else 0

    def span(self, attributes: dict, name: str) -> int:
        text = attributes.get(name, "1").strip()
        if not text.isdigit() or int(text) < 1:
            self.fail(msg("layout.not-positive", name=name, text=text))
        return int(text)

    def number(self, text: str, name: str) -> Decimal:
        try:
            number = Decimal(text.strip())
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            self.fail(msg("layout.not-a-number", name=name, text=text))
        return number
