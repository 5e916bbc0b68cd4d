"""Briefs (.html, .md, .docx) of a hand-made ledger, without a browser: the map PNG is made here.

The seeds' briefs, with the PNG taken in headless Chromium, are in test_brief_seeds.py; the
HTML brief opened offline in a browser is in test_brief_browser.py.
"""
from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import pytest

from frontmap.briefs.html import render_brief_html
from frontmap.render.embed import embed_fragment
from frontmap.briefs.markdown import md_escape
from frontmap.briefs.collect import collect_brief
from frontmap.briefs.write import brief_format, write_brief
from frontmap.errors import FrontmapError, LedgerError
from frontmap.ledger.store import Ledger
from support import D1, D2, EVIL, make_ledger


def fake_png(width=64, height=40) -> bytes:
    from PIL import Image
    buf = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buf, format="PNG")
    return buf.getvalue()


@pytest.fixture
def ledger(tmp_path):
    with Ledger(make_ledger(tmp_path / "l.db")) as ledger:
        yield ledger


class _Outline(HTMLParser):
    """Tags and text of a page, for checks that do not depend on how it is laid out."""

    def __init__(self):
        super().__init__()
        self.tags, self.text, self.iframes, self.cells = [], [], [], []
        self._cell = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "iframe":
            self.iframes.append(dict(attrs))
        if tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.cells.append("".join(self._cell))
            self._cell = None

    def handle_data(self, data):
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)


def outline(page: str) -> _Outline:
    parser = _Outline()
    parser.feed(page)
    return parser


def test_collect_brief_has_every_section(ledger):
    brief = collect_brief(ledger, D2, attribution="Places: test &copy; gazetteer")
    assert brief.previous == D1 and brief.attribution == "Places: test © gazetteer"
    titles = [s.title for s in brief.sections]
    assert titles[:3] == [f"New since {D1}", "Newly claimed", "Withdrawn or denied"]
    for title in ("Contested places", "Claims by claimant group", "Russian officials and sources (1)",
                  "Ukrainian officials and sources (2)", "OSINT and third parties (1)", "Outlets (1)",
                  "Names left unresolved or ambiguous", "Source reports"):
        assert title in titles
    by = {s.title: s for s in brief.sections}
    assert [(r[0], r[2]) for r in by["Withdrawn or denied"].rows] == [("Alphaville", "captured"),
                                                                      ("Betatown", "advance")]
    assert [r[0] for r in by["Contested places"].rows] == ["Alphaville"]
    assert "captured claimed and denied" in by["Contested places"].rows[0][2]
    unresolved = {r[0]: r for r in by["Names left unresolved or ambiguous"].rows}
    assert unresolved["Nowhereville"][1] == "unresolved" and "Nowheretown (Sumy, Shostka)" in unresolved["Nowhereville"][3]
    assert unresolved["Nowhereville"][4] == "Clashes near Nowhereville went on."       # the sentence it was in
    assert unresolved["Twinford"][1] == "ambiguous"
    assert by["Source reports"].rows == [[f"{EVIL}-{D2}.txt", D2, "", "4", "5"]]
    ua = by["Ukrainian officials and sources (2)"]
    assert ua.columns == ["place", "oblast", "event", "stance", "evidence", "source"]
    assert ua.rows[0][:4] == ["Alphaville", "Donetsk", "captured", "denied"]
    assert ua.rows[0][5] == f"General Staff ({EVIL}-{D2}.txt)"
    assert "5 claim(s) from 1 report(s)" in brief.summary and "1 contested" in brief.summary


def test_first_date_says_there_is_nothing_to_compare(ledger):
    brief = collect_brief(ledger, D1, attribution="x")
    assert brief.previous is None
    assert brief.sections[0].title.startswith("New: the ledger's first date")
    assert "every claim below is new" in brief.sections[0].note


def test_html_brief_is_one_file_with_the_map_inline_and_text_escaped(ledger, tmp_path):
    out = tmp_path / "brief.html"
    assert write_brief(ledger, D2, out, attribution="Places: test") == [out]
    page = out.read_text(encoding="utf-8")
    doc = outline(page)
    assert "img" not in doc.tags and "iframe" not in doc.tags and doc.iframes == []
    assert EVIL in "".join(doc.text) and EVIL not in page           # shown as text, never as markup
    assert f"General Staff ({EVIL}-{D2}.txt)" in doc.cells
    # the map page is in the brief itself: one html, head and body, the map's scripts in the body
    assert [doc.tags.count(t) for t in ("html", "head", "body", "title")] == [1, 1, 1, 1]
    head, body = page.split("</head>")
    assert "<script" not in head and body.count('class="frontmap-inline"') == 1
    assert "leaflet" in body.lower() and "Alphaville" in body and "frontmapDraw(" in body
    assert not re.search(r"""<(link|script|img)[^>]+(src|href)=["']?https?:""", page), "the map must load nothing"
    assert doc.tags.count("table") == 10 and "Places: test" in "".join(doc.text)
    assert f'<td class="date">{D2}</td>' in page and "td.date { white-space: nowrap; }" in page   # never broken


def test_an_inline_map_keeps_to_its_own_box():
    """The map page's rules for its page (html, body, folium's #map) and its sizes relative to the
    window do not reach the page around it; every rule left is the map's own classes and ids."""
    from frontmap.render.embed import inline_fragment
    page = ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<title>T</title><meta charset=\"utf-8\">"
            "<style>html, body { height: 100%; margin: 0; }\nbody { font: 13px sans-serif; }\n"
            ".fm-box { max-height: calc(100vh - 30px); max-width: min(420px, 45vw); }</style>"
            "<style>#map { position: absolute; }</style><style>#map_fm5 { height: 100%; }</style>"
            "<script>var L = 1;</script>\n</head>\n<body>\n<div id=\"map_fm5\"></div>\n</body>\n"
            "<script>draw();</script>\n</html>\n")
    fragment = inline_fragment(page, title='Map "D" <b>', height=500)
    assert fragment.startswith('<div class="frontmap-inline" role="region" aria-label="Map &quot;D&quot; &lt;b&gt;"')
    assert 'style="height:500px"' in fragment and fragment.endswith("<script>draw();</script>\n</div>")
    for gone in ("<title>", "<meta", "html", "body {", "#map {", "vh", "vw", "<head>", "<body>"):
        assert gone not in fragment, gone
    assert ".frontmap-inline { font: 13px sans-serif; }" in fragment
    assert "calc(100% - 30px)" in fragment and "min(420px, 45%)" in fragment and "#map_fm5 { height: 100%; }" in fragment
    assert fragment.index("var L = 1") < fragment.index('id="map_fm5"') < fragment.index("draw();")
    with pytest.raises(FrontmapError, match="<body>"):
        inline_fragment("<head></head>", title="x")


def test_every_rule_of_a_real_inline_map_is_scoped_to_the_map(ledger):
    from frontmap.render.embed import inline_fragment
    fragment = inline_fragment(collect_brief(ledger, D2, attribution="x").map_html, title="m", height=600)
    selectors = set()
    for css in re.findall(r"<style[^>]*>(.*?)</style>", fragment, re.S):
        css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
        for head in re.findall(r"([^{}]+)\{", css):
            selectors.update(s.strip() for s in head.split(",") if not s.strip().startswith("@"))
    assert selectors and all(re.search(r"[.#]", s) for s in selectors), sorted(s for s in selectors if not re.search(r"[.#]", s))
    assert not re.search(r"\d(vh|vw)\b", fragment.split("<script")[0] + "".join(
        re.findall(r"<style[^>]*>.*?</style>", fragment, re.S)))


def test_embed_fragment_is_an_escaped_iframe():
    page = '<!DOCTYPE html><p title="a">x & y</p>'
    fragment = embed_fragment(page, title='Map "D"', height=500)
    assert fragment.startswith("<iframe ") and fragment.endswith("></iframe>")
    assert 'title="Map &quot;D&quot;"' in fragment and 'height="500"' in fragment
    [frame] = outline(fragment).iframes
    assert frame["srcdoc"] == page


def test_markdown_escapes_cells_and_links_the_png_beside_it(ledger, tmp_path):
    from markdown_it import MarkdownIt
    out = tmp_path / "my brief.md"
    written = write_brief(ledger, D2, out, attribution="Places: test", png=fake_png())
    assert written == [out, tmp_path / "my brief.png"] and written[1].read_bytes() == fake_png()
    text = out.read_text(encoding="utf-8")
    assert "](my%20brief.png)" in text
    rendered = MarkdownIt("commonmark").enable("table").render(text)
    assert "<img" in rendered and 'src="my%20brief.png"' in rendered
    assert rendered.count("<img") == 1                          # the map; report text made no image
    assert "&lt;img src=x onerror=alert(1)&gt;" in rendered
    doc = outline(rendered)
    assert "The brigade left Betatown: one | two three." in doc.cells
    for table in re.findall(r"<table>.*?</table>", rendered, re.S):     # no row split by a | or a line break
        rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
        assert len({len(re.findall(r"<t[hd][ >]", r)) for r in rows}) == 1


def test_md_escape():
    assert md_escape("a|b\nc") == r"a\|b c"
    assert md_escape("- 1. *x* [y](z) <b>") == r"\- 1. \*x\* \[y\](z) \<b\>"
    assert md_escape("12. x") == r"12\. x"


def test_docx_brief_opens_with_python_docx(ledger, tmp_path):
    import docx
    out = tmp_path / "brief.docx"
    assert write_brief(ledger, D2, out, attribution="Places: test &amp; more", png=fake_png(640, 400),
                       width=640, height=400) == [out]
    doc = docx.Document(str(out))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:3] == [f"Front-line brief: {D2}", "Map of claims", f"New since {D1}"]
    assert "Attribution" in headings and "Names left unresolved or ambiguous" in headings
    assert len(doc.inline_shapes) == 1
    shape = doc.inline_shapes[0]
    assert abs(shape.width / shape.height - 640 / 400) < 0.01
    assert "Places: test & more" in [p.text for p in doc.paragraphs]
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert f"Staff denied it {EVIL} at Alphaville." in cells
    assert "Clashes near Nowhereville went on." in cells          # the bell character XML cannot hold is gone
    assert len(doc.tables) == 10                                  # 9, and the control changes


def test_formats_and_errors(ledger, tmp_path):
    assert [brief_format(n) for n in ("a.html", "b.HTM", "c.md", "d.markdown", "e.docx", "f.PDF")] == \
        ["html", "html", "markdown", "markdown", "docx", "pdf"]
    with pytest.raises(FrontmapError, match=r"'x\.odt'.*\.docx.*\.pdf"):
        brief_format("x.odt")
    with pytest.raises(LedgerError, match="'2030-01-01'"):
        write_brief(ledger, "2030-01-01", tmp_path / "b.html")
    (tmp_path / "dir.html").mkdir()
    with pytest.raises(FrontmapError, match="is a folder"):
        write_brief(ledger, D2, tmp_path / "dir.html")
    assert not list(tmp_path.glob(".*.tmp"))


def test_the_html_brief_escapes_what_html_would_read(ledger):
    brief = collect_brief(ledger, D2, attribution="<b>bold</b>")
    page = render_brief_html(brief)
    assert "&lt;b&gt;bold&lt;/b&gt;" in page and "<b>bold" not in page
