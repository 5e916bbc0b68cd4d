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
    """Column widths in proportion to the text they hold (its longest word at least, the
    header's words too), so a short column is not as wide as the evidence."""
    from docx.shared import Emu

    def need(texts) -> float:
        texts = [xml_text(t) for t in texts]
        longest_word = max((len(w) for t in texts for w in t.split()), default=1)
        typical = sorted(len(t) for t in texts)[int(0.9 * (len(texts) - 1))] if texts else 1
        return max(longest_word, min(typical, 60) ** 0.8 * 2.2, 4)

    weights = [need([name] + [row[i] for row in section.rows]) for i, name in enumerate(section.columns)]
    total = sum(weights)
    table.autofit = False
    for i, weight in enumerate(weights):
        width = Emu(int(usable * weight / total))
        for cell in table.columns[i].cells:
            cell.width = width
