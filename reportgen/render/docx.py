"""DOCX writer: the form's grid as real Word tables (gridSpan / vMerge), A4, page numbers.

Tables are built as WordprocessingML directly, row by row: python-docx's ``table.cell()`` in
a loop costs more than the PDF layout itself. Column widths go into ``tblGrid`` *and* every
``tcW`` (LibreOffice reads one, Word the other); East Asian faces are set in ``w:eastAsia``.
"""
from __future__ import annotations

import io
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

from ..geometry import PlannedForm
from ..geometry.measure import LABEL_POINTS, line_mm
from ..geometry.widths import NUMERIC
from ..layout import Cell, Role, Table
from ..layout.grid import splittable
from ..options import RenderOptions
from ..reproducible import document_date, normalise_zip
from ..source.limits import xml_safe
from ..style import NARROW_TEXT, PageStyle
from . import embed

TWIPS_PER_MM = 1440 / 25.4
CELL_MARGIN = 68    # twips left and right, as tblCellMar below (the PDF's 1.2 mm)
MIN_ROW = 400  # twips, about 7 mm: the forms' row height for one line
_ALIGN = {Role.MONEY: "right", Role.RATE: "right", Role.TEXT: "both", Role.TICKS: "left"}


def write(form: PlannedForm, options: RenderOptions) -> bytes:
    return write_many([form], options, title=form.layout.name or form.layout.title)


def write_many(forms: list[PlannedForm], options: RenderOptions, title: str, cover=None) -> bytes:
    """Return one DOCX holding every form of ``forms``, each starting a page, after ``cover``."""
    style = forms[0].style
    document = Document()
    _setup_page(document, style)
    _setup_styles(document, options, style)
    _add_page_number(document, options)
    body = document.element.body
    if cover is not None:
        _add_cover(document, cover, options)
    written = []
    for index, form in enumerate(forms):
        parts = _add_form(document, body, form, options, index > 0 or cover is not None, index + 1)
        written.append((form.layout, parts, [t.widths for t in form.layout.tables]))
    when = document_date(options.date)
    _set_properties(document, title, when)
    out = io.BytesIO()
    document.save(out)
    return normalise_zip(embed.into_package(out.getvalue(), embed.docx_forms(written)), when)


def _setup_page(document, style: PageStyle) -> None:
    section = document.sections[0]
    width, height = style.size
    section.orientation = WD_ORIENT.LANDSCAPE if style.landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(width), Mm(height)
    section.top_margin, section.bottom_margin = Mm(style.margin_top), Mm(style.margin_bottom)
    section.left_margin, section.right_margin = Mm(style.margin_left), Mm(style.margin_right)
    section.footer_distance = Mm(8)


def _setup_styles(document, options: RenderOptions, style: PageStyle) -> None:
    normal = document.styles["Normal"]
    normal.font.size = Pt(style.body_pt)
    _set_faces(normal.element.get_or_add_rPr(), options.fonts.office_body)
    fmt = normal.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0


def _set_faces(rpr, face: str) -> None:
    fonts = rpr.get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), face)


def _add_page_number(document, options: RenderOptions) -> None:
    """Put the page number in the footer: ``- N -`` centred, or GB/T 9704's ``— N —`` outside."""
    section = document.sections[0]
    if options.profile != "gbt9704":
        _page_field(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.CENTER, "-", None)
        return
    document.settings.odd_and_even_pages_header_footer = True
    _page_field(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT, "—", "right")
    _page_field(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT, "—", "left")


def _page_field(paragraph, alignment, dash: str, indent_side: str | None) -> None:
    """Write ``dash PAGE dash`` into ``paragraph``; GB/T 9704 wants 14 pt and a character's indent."""
    paragraph.alignment = alignment
    size = '<w:rPr><w:sz w:val="28"/></w:rPr>' if indent_side else ""
    if indent_side:
        paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = None
        setattr(paragraph.paragraph_format, f"{indent_side}_indent", Pt(14))
    runs = [f'<w:t xml:space="preserve">{dash} </w:t>', '<w:fldChar w:fldCharType="begin"/>',
            '<w:instrText xml:space="preserve"> PAGE </w:instrText>', '<w:fldChar w:fldCharType="separate"/>',
            "<w:t>1</w:t>", '<w:fldChar w:fldCharType="end"/>', f'<w:t xml:space="preserve"> {dash}</w:t>']
    for run in runs:
        paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}>{size}{run}</w:r>'))


def _add_form(document, body, form: PlannedForm, options, new_page: bool, number: int) -> list[tuple[int, bool]]:
    """Write the form; return its page parts (``pages.Page.parts``), one for each DOCX table written."""
    layout, style = form.layout, form.style
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.page_break_before = new_page
    title.paragraph_format.space_after = Pt(4)
    if layout.anchor:
        _bookmark(title, layout.anchor, number)
    run = title.add_run(xml_safe(layout.title))
    run.font.size = Pt(style.title_pt)
    _set_faces(run._r.get_or_add_rPr(), options.fonts.office_title)
    for line in (layout.subtitle, layout.caption):
        if line:
            paragraph = document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.space_after = Pt(4)
            paragraph.add_run(xml_safe(line)).font.size = Pt(style.subtitle_pt)
    # The PDF's page plan: each page's part of a table is a table of its own, after a page break,
    # so a row cut by the page continues with its 一级/二级 labels, as in the PDF.
    parts: list[tuple[int, bool]] = []
    for page in form.pages:
        for index, (table, part) in enumerate(zip(page.tables, page.parts)):
            if parts:
                _add_spacer(body, page_break=index == 0)  # without it the two tables would join
            parts.append(part)
            body.append(parse_xml(_table_xml(table, style, options.fonts.office_body)))
    _move_sect_pr_last(body)  # the tables went after it: add_paragraph writes before it, so now below them
    for note in layout.notes:
        document.add_paragraph(xml_safe(note))
    return parts


def _add_cover(document, cover, options: RenderOptions) -> None:
    """Write the booklet's cover: unit, title, extra lines and date, centred on the first page."""
    for text, size, before in ((cover.unit, 18, 160), (cover.title, 26, 24), *((line, 14, 8) for line in cover.lines),
                               (cover.date, 14, 120)):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_before = Pt(before)
        run = paragraph.add_run(xml_safe(text))
        run.font.size = Pt(size)
        _set_faces(run._r.get_or_add_rPr(), options.fonts.office_title)


def _add_spacer(body, page_break: bool = False) -> None:
    brk = "<w:pageBreakBefore/>" if page_break else ""
    body.append(parse_xml(
        f'<w:p {nsdecls("w")}><w:pPr>{brk}<w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
        '<w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>'))


def _move_sect_pr_last(body) -> None:
    sect_pr = body.find(qn("w:sectPr"))
    if sect_pr is not None:
        body.remove(sect_pr)
        body.append(sect_pr)


def _table_xml(table: Table, style: PageStyle, face: str) -> str:
    body_pt = style.body_pt
    widths = [round(w * TWIPS_PER_MM) for w in table.widths]
    border = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    borders = "".join(border.format(side) for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    parts = [
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>',
        f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>',
        f'<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="{CELL_MARGIN}" w:type="dxa"/>'
        f'<w:bottom w:w="40" w:type="dxa"/><w:right w:w="{CELL_MARGIN}" w:type="dxa"/></w:tblCellMar>',
        '<w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>',
        "".join(f'<w:gridCol w:w="{w}"/>' for w in widths),
        "</w:tblGrid>",
    ]
    size = f'<w:rPr><w:sz w:val="{round(body_pt * 2)}"/><w:szCs w:val="{round(body_pt * 2)}"/></w:rPr>'
    # Lines exactly as tall as the PDF's, whatever face the client substitutes for 宋体.
    spacing = f'<w:spacing w:line="{round(body_pt * style.line_height * 20)}" w:lineRule="exact"/>'
    parts += _rows_xml(table, widths, size, spacing, face)
    parts.append("</w:tbl>")
    return "".join(parts)


def _rows_xml(table: Table, widths: list[int], size: str, spacing: str, face: str) -> list[str]:
    """Return the ``w:tr`` of each row: origin cells with text, vMerge continuations empty."""
    slots: dict[tuple[int, int], tuple[Cell, bool]] = {}
    for cell in table.cells:
        for r in range(cell.row, cell.row + cell.rowspan):
            slots[(r, cell.col)] = (cell, r == cell.row)
    out = []
    for r, starting in enumerate(table.rows()):
        header = "<w:tblHeader/>" if r < table.header_rows else ""
        keep = "" if splittable(starting) else "<w:cantSplit/>"
        out.append(f'<w:tr><w:trPr>{keep}<w:trHeight w:val="{MIN_ROW}" w:hRule="atLeast"/>{header}</w:trPr>')
        col = 0
        while col < len(widths):
            cell, origin = slots[(r, col)]
            out.append(_cell_xml(cell, origin, sum(widths[col:col + cell.colspan]), size, spacing, face))
            col += cell.colspan
        out.append("</w:tr>")
    return out


def _cell_xml(cell: Cell, origin: bool, width: int, size: str, spacing: str, face: str) -> str:
    span = f'<w:gridSpan w:val="{cell.colspan}"/>' if cell.colspan > 1 else ""
    merge = ""
    if cell.rowspan > 1:
        merge = '<w:vMerge w:val="restart"/>' if origin else "<w:vMerge/>"
    props = f'<w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}{merge}<w:vAlign w:val="center"/></w:tcPr>'
    texts = cell.text if origin else ("",)
    if origin and cell.link:
        return f"<w:tc>{props}{_page_ref_xml(cell.link, cell.plain, size)}</w:tc>"
    if cell.role in NUMERIC:
        size = _number_size(cell.plain, width, size, face)
    align = "left" if cell.role is Role.TEXT and width < NARROW_TEXT * TWIPS_PER_MM else ""
    if cell.role is Role.LABEL and len(texts) == 1:
        _, need, room = _line_room(texts[0], width, size, face)
        if need > room:
            return f"<w:tc>{props}{_label_xml(texts[0], size, spacing)}</w:tc>"
    paragraphs = "".join(_paragraph_xml(t, cell.role, cell.indented, size, spacing, align) for t in texts)
    return f"<w:tc>{props}{paragraphs}</w:tc>"


def _line_room(text: str, width: int, size: str, face: str) -> tuple[float, float, float]:
    """Return the size in points of the run properties ``size``, the mm ``text`` needs on one
    line in it, and the mm a cell ``width`` twips wide has inside its margins."""
    points = int(size.split('w:val="')[1].split('"')[0]) / 2
    room = width / TWIPS_PER_MM - 2 * CELL_MARGIN / TWIPS_PER_MM
    return points, line_mm(text, points, (), face) * 1.03, room


def _label_xml(text: str, size: str, spacing: str) -> str:
    """Return a label that wraps, its points ("(36分)") starting a line of their own.

    Word and LibreOffice may break between a digit and 分; a line break before the points,
    where the label wraps anyway, keeps them whole. The break is no character: the text stays.
    """
    runs, last = [], 0
    for match in LABEL_POINTS.finditer(text):
        runs.append(_run_xml(text[last:match.start()], size))
        if match.start():
            runs.append(f"<w:r>{size}<w:br/></w:r>")
        runs.append(_run_xml(match.group(), size))
        last = match.end()
    runs.append(_run_xml(text[last:], size))
    return f'<w:p><w:pPr>{spacing}<w:jc w:val="center"/></w:pPr>{"".join(runs)}</w:p>'


def _number_size(text: str, width: int, size: str, face: str) -> str:
    """Return the run properties of a number: the body size, or a smaller one where it would wrap.

    The widths are fitted so that numbers fit (render/widths.py); this guards a form whose
    bounds leave too little room, in 宋体's half-width digits and the cell margins set here.
    """
    points, need, room = _line_room(text, width, size, face)
    if need <= room:
        return size
    half_points = max(10, int(points * room / need * 2))
    return f'<w:rPr><w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>'


def _paragraph_xml(text: str, role: Role, indent: bool, size: str, spacing: str, align: str = "") -> str:
    first_line = '<w:ind w:firstLineChars="200" w:firstLine="420"/>' if indent else ""
    ppr = f'<w:pPr>{spacing}<w:jc w:val="{align or _ALIGN.get(role, "center")}"/>{first_line}</w:pPr>'
    return f"<w:p>{ppr}{_run_xml(text, size)}</w:p>"


def _run_xml(text: str, size: str) -> str:
    """Return a run of ``text`` in the run properties ``size``; none for no text."""
    return f'<w:r>{size}<w:t xml:space="preserve">{escape(xml_safe(text))}</w:t></w:r>' if text else ""


def _bookmark(paragraph, name: str, number: int) -> None:
    """Mark ``paragraph`` as the target ``name`` of the contents' page references."""
    paragraph._p.append(parse_xml(f'<w:bookmarkStart {nsdecls("w")} w:id="{number}" w:name="{escape(name)}"/>'))
    paragraph._p.append(parse_xml(f'<w:bookmarkEnd {nsdecls("w")} w:id="{number}"/>'))


def _page_ref_xml(anchor: str, cached: str, size: str) -> str:
    """A paragraph holding a PAGEREF field: Word and LibreOffice fill in the real page."""
    return (f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r>{size}<w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r>{size}<w:instrText xml:space="preserve"> PAGEREF {escape(anchor)} \\h </w:instrText></w:r>'
            f'<w:r>{size}<w:fldChar w:fldCharType="separate"/></w:r><w:r>{size}<w:t>{escape(cached)}</w:t></w:r>'
            f'<w:r>{size}<w:fldChar w:fldCharType="end"/></w:r></w:p>')


def _set_properties(document, title: str, when) -> None:
    props = document.core_properties
    props.title = xml_safe(title)[:255]  # the core properties hold at most 255 characters
    props.author = props.last_modified_by = "reportgen"
    props.created = props.modified = when
    props.revision = 1
