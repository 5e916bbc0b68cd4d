"""A brief as a Word document (python-docx): the map as a PNG, then tables.

Landscape A4 with narrow margins, so a claims table with its evidence column stays
readable.  Characters XML cannot hold (control characters a report may carry) are dropped
rather than failing the document.
"""
from __future__ import annotations

import io
import re

from frontmap.briefs.collect import Brief, Section, words
from frontmap.errors import FrontmapError

# XML 1.0 allows tab, newline, carriage return and everything from space up, less surrogates
# and two non-characters
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TABLE_STYLE = "Table Grid"


def xml_text(value: object) -> str:
    return _NOT_XML.sub("", "" if value is None else str(value))


def _docx():
    try:
        import docx
    except ImportError:
        raise FrontmapError("writing a .docx brief needs python-docx, which is not installed: "
                            "pip install python-docx (or write .html or .md)") from None
    return docx


def render_brief_docx(brief: Brief, png: bytes, *, width: int, height: int) -> bytes:
    """The brief as .docx bytes; ``png`` is the map, ``width`` x ``height`` pixels."""
    docx = _docx()
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    doc = docx.Document()
    page = doc.sections[0]
    page.orientation = WD_ORIENT.LANDSCAPE
    page.page_width, page.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(page, side, Cm(1.5))
    doc.styles["Normal"].font.size = Pt(9.5)
    doc.core_properties.title = xml_text(brief.title)
    doc.add_heading(xml_text(brief.title), level=1)
    doc.add_paragraph(xml_text(brief.summary))
    w = words()
    doc.add_heading(xml_text(w["sections"]["map"]), level=2)
    usable = page.page_width - page.left_margin - page.right_margin
    # fit the map to the page width, and to a page's height less room for its caption
    picture_width = min(usable, int((page.page_height - Cm(6)) * width / height))
    doc.add_picture(io.BytesIO(png), width=picture_width)
    doc.paragraphs[-1].paragraph_format.keep_with_next = True     # the picture stays with its caption
    doc.add_paragraph(xml_text(brief.map_caption())).runs[0].italic = True
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
    doc.add_heading(xml_text(section.title), level=section.level).paragraph_format.keep_with_next = True
    if section.note:
        doc.add_paragraph(xml_text(section.note)).paragraph_format.keep_with_next = bool(section.rows)
    if not section.rows:
        if section.empty:
            doc.add_paragraph(xml_text(section.empty))
        return
    table = doc.add_table(rows=1, cols=len(section.columns))
    table.style = _TABLE_STYLE
    for cell, name in zip(table.rows[0].cells, section.columns):
        cell.text = ""
        cell.paragraphs[0].add_run(xml_text(name)).bold = True
    for row in section.rows:
        for cell, value in zip(table.add_row().cells, row):
            cell.text = xml_text(value)
    _fit_columns(table, section, usable)


def _fit_columns(table, section: Section, usable: int) -> None:
    """Column widths that fit the text: each column gets at least its longest word (so no word
    is broken), then the room left goes to the columns whose cells run longer (the evidence)."""
    from docx.shared import Emu, Pt

    char = Pt(9.5 * 0.55)                  # a character of the 9.5 pt body text, on average
    pad = Pt(11)                           # a cell's left and right margins
    columns = [[xml_text(name)] + [xml_text(row[i]) for row in section.rows]
               for i, name in enumerate(section.columns)]
    least = [max((len(w) for t in texts for w in t.split()), default=1) * char + pad for texts in columns]
    wanted = [max(len(t) for t in texts) * char + pad for texts in columns]
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
