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
    doc.add_paragraph(xml_text(brief.map_caption())).runs[0].italic = True
    for section in brief.sections:
        _section(doc, section)
    doc.add_heading(xml_text(w["sections"]["attribution"]), level=2)
    doc.add_paragraph(xml_text(brief.attribution))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _section(doc, section: Section) -> None:
    doc.add_heading(xml_text(section.title), level=section.level)
    if section.note:
        doc.add_paragraph(xml_text(section.note))
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
