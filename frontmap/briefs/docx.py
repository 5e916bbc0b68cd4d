"""A brief as a Word document (python-docx): the map as a PNG, then tables.

Landscape A4 with narrow margins, so a claims table with its evidence column stays
readable.  Set in Arial (Word has it; LibreOffice maps it to the metric-compatible Liberation
Sans), so the columns, sized from the font's widths (``frontmap/data/briefs/docx.json``), hold
their words unbroken.  The title, the summary and the map with its caption fit the first page;
a table's heading row repeats on every page it runs onto and no row is split across a page.
Characters XML cannot hold (control characters a report may carry) are dropped rather than
failing the document.
"""
from __future__ import annotations

import io
import re
from functools import lru_cache

from frontmap.briefs.collect import Brief, Section, words
from frontmap.errors import FrontmapError
from frontmap.resources import load_json

# XML 1.0 allows tab, newline, carriage return and everything from space up, less surrogates
# and two non-characters
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TABLE_STYLE = "Table Grid"
_HEADER_FILL = "EDEDED"


def xml_text(value: object) -> str:
    return _NOT_XML.sub("", "" if value is None else str(value))


@lru_cache(maxsize=1)
def setting() -> dict:
    """frontmap/data/briefs/docx.json: the font, its sizes and widths."""
    data = load_json("briefs/docx.json")
    width = {ch: int(em) for em, chars in data["widths"].items() for ch in chars}
    return {**data, "width": width}


def text_width(text: str, pt: float, *, bold: bool = False) -> float:
    """``text``'s width in points, set in the brief's font at ``pt`` points."""
    s = setting()
    em = sum(s["width"].get(ch, s["default"]) for ch in text) / 1000
    return em * pt * (s["bold"] if bold else 1)


def _docx():
    try:
        import docx
    except ImportError:
        raise FrontmapError("writing a .docx brief needs python-docx, which is not installed: "
                            "pip install python-docx (or write .html or .md)") from None
    return docx


def _set_font(style, name: str) -> None:
    """The style's font for every script, and no theme font in its way (a heading's theme font
    would win over the name)."""
    from docx.oxml.ns import qn
    style.font.name = name
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def render_brief_docx(brief: Brief, png: bytes, *, width: int, height: int) -> bytes:
    """The brief as .docx bytes; ``png`` is the map, ``width`` x ``height`` pixels."""
    docx = _docx()
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    s = setting()
    doc = docx.Document()
    page = doc.sections[0]
    page.orientation = WD_ORIENT.LANDSCAPE
    page.page_width, page.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(page, side, Cm(1.5))
    normal = doc.styles["Normal"]
    normal.font.size = Pt(s["body_pt"])
    normal.paragraph_format.space_after = Pt(4)
    for style in [normal] + [doc.styles[f"Heading {n}"] for n in (1, 2, 3)]:
        _set_font(style, s["font"])
    for n, (size, before) in {1: (16, 0), 2: (13, 14), 3: (10.5, 10)}.items():
        heading = doc.styles[f"Heading {n}"]
        heading.font.size = Pt(size)
        heading.paragraph_format.space_before = Pt(before)
        heading.paragraph_format.space_after = Pt(3)
    doc.core_properties.title = xml_text(brief.title)
    doc.add_heading(xml_text(brief.title), level=1)
    doc.add_paragraph(xml_text(brief.summary))
    w = words()
    doc.add_heading(xml_text(w["sections"]["map"]), level=2)
    usable = page.page_width - page.left_margin - page.right_margin
    # the map fits the page's width, and its height leaves room on the first page for the title,
    # the summary, the heading above it and the caption below
    room = page.page_height - page.top_margin - page.bottom_margin - Cm(4.2)
    picture_width = min(usable, int(room * width / height))
    doc.add_picture(io.BytesIO(png), width=picture_width)
    picture = doc.paragraphs[-1]
    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    picture.paragraph_format.keep_with_next = True     # the picture stays with its caption
    picture.paragraph_format.space_after = Pt(2)
    caption = doc.add_paragraph()
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.add_run(xml_text(brief.map_caption())).italic = True
    for section in brief.sections:
        _section(doc, section, usable)
    doc.add_heading(xml_text(w["sections"]["attribution"]), level=2)
    doc.add_paragraph(xml_text(brief.attribution))
    for paragraph in doc.paragraphs:       # a heading never ends a page, away from what it heads
        if paragraph.style.name.startswith("Heading"):
            paragraph.paragraph_format.keep_with_next = True
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _section(doc, section: Section, usable: int) -> None:
    from docx.shared import Pt

    doc.add_heading(xml_text(section.title), level=section.level).paragraph_format.keep_with_next = True
    if section.note:
        doc.add_paragraph(xml_text(section.note)).paragraph_format.keep_with_next = bool(section.rows)
    if not section.rows:
        if section.empty:
            doc.add_paragraph(xml_text(section.empty))
        return
    pt = setting()["table_pt"]
    table = doc.add_table(rows=1, cols=len(section.columns))
    table.style = _TABLE_STYLE
    for cell, name in zip(table.rows[0].cells, section.columns):
        cell.text = ""
        run = cell.paragraphs[0].add_run(xml_text(name))
        run.bold, run.font.size = True, Pt(pt)
        _shade(cell, _HEADER_FILL)
    for row in section.rows:
        for cell, value in zip(table.add_row().cells, row):
            cell.text = ""
            cell.paragraphs[0].add_run(xml_text(value)).font.size = Pt(pt)
    for n, row in enumerate(table.rows):
        _row_rules(row, header=n == 0)
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.space_after = Pt(0)
                # a short table stays on one page, a long one starts with its heading row and
                # at least three rows on a page
                if n < 3 or len(table.rows) <= 6:
                    paragraph.paragraph_format.keep_with_next = n < len(table.rows) - 1
    _fit_columns(table, section, usable, pt)


def _shade(cell, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _row_rules(row, *, header: bool) -> None:
    """No row split across a page; the heading row repeated on every page the table runs onto."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    props = row._tr.get_or_add_trPr()
    for tag in ("w:cantSplit",) + (("w:tblHeader",) if header else ()):
        props.append(OxmlElement(tag))


def _fit_columns(table, section: Section, usable: int, pt: float) -> None:
    """Column widths that fit the text: each column gets at least its longest word (so no word
    is broken), then the room left goes to the columns whose cells run longer (the evidence)."""
    from docx.oxml.ns import qn
    from docx.shared import Emu, Pt

    pad = Pt(13)                           # a cell's left and right margins, and a little to spare
    columns = [[xml_text(row[i]) for row in section.rows] for i in range(len(section.columns))]
    heads = [xml_text(name) for name in section.columns]

    def longest(texts, bold=False):
        return max((text_width(w, pt, bold=bold) for t in texts for w in t.split()), default=0)

    least = [Pt(max(longest(texts), longest([head], bold=True))) + pad for texts, head in zip(columns, heads)]
    wanted = [Pt(max([text_width(t, pt) for t in texts] + [text_width(head, pt, bold=True)])) + pad
              for texts, head in zip(columns, heads)]
    if sum(least) >= usable:               # too narrow for every word: share in proportion
        widths = [usable * n / sum(least) for n in least]
    else:
        extra = [max(0, w - n) for w, n in zip(wanted, least)]
        room = usable - sum(least)
        widths = [n + (min(e, room * e / sum(extra)) if sum(extra) else 0)
                  for n, e in zip(least, extra)]
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = Emu(int(width))         # the grid LibreOffice reads, and each cell's Word reads
        for cell in column.cells:
            cell.width = Emu(int(width))
    total = table._tbl.tblPr.find(qn("w:tblW"))     # the table's own width: the columns' sum, in twips
    if total is not None:
        total.set(qn("w:w"), str(int(sum(widths) / 635)))
        total.set(qn("w:type"), "dxa")
