"""`frontmap brief`, `frontmap diff`, `frontmap map --png` and `frontmap map --embed`."""
from __future__ import annotations

import io
import json
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from frontmap.cli import cli
from support import D1, D2, EVIL, assert_not_blank, browser_or_skip, make_ledger


@pytest.fixture
def db(tmp_path):
    return str(make_ledger(tmp_path / "l.db"))


def run(*args):
    result = CliRunner().invoke(cli, list(args))
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    return result


def test_brief_html(db, tmp_path):
    out = tmp_path / "b.html"
    result = run("brief", "--date", D2, "--db", db, "--out", str(out))
    assert result.exit_code == 0 and result.stdout.strip() == str(out)
    page = out.read_text(encoding="utf-8")
    assert "<iframe" not in page and page.count('<div class="frontmap-inline"') == 1


def test_brief_defaults_to_the_latest_date(db, tmp_path):
    result = run("brief", "--db", db, "--out", str(tmp_path / "b.html"))
    assert result.exit_code == 0 and f"date: {D2} (the latest" in result.stderr
    assert f"Front-line brief: {D2}" in (tmp_path / "b.html").read_text(encoding="utf-8")


def test_brief_usage_and_data_errors(db, tmp_path):
    result = run("brief", "--db", db, "--out", str(tmp_path / "b.odt"))
    assert result.exit_code == 2 and "'" in result.stderr and ".docx" in result.stderr
    result = run("brief", "--db", str(tmp_path / "none.db"), "--out", str(tmp_path / "b.html"))
    assert result.exit_code == 1 and "frontmap ingest" in result.stderr
    result = run("brief", "--db", db, "--date", "2030-01-01", "--out", str(tmp_path / "b.html"))
    assert result.exit_code == 1 and "'2030-01-01'" in result.stderr
    assert not (tmp_path / "b.html").exists()


def test_brief_md_without_chromium_says_how_to_install_it(db, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("FRONTMAP_CHROMIUM", raising=False)
    result = run("brief", "--db", db, "--out", str(tmp_path / "b.md"))
    assert result.exit_code == 1 and "apt-get install -y chromium chromium-driver" in result.stderr
    assert not (tmp_path / "b.md").exists()


def test_diff_json_and_table(db):
    result = run("diff", D1, D2, "--db", db, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [(c["place"], c["change"]) for c in data["withdrawn_or_denied"]] == [("Alphaville", "denied"),
                                                                              ("Betatown", "withdrawal")]
    assert {(c["place"], c["event"]) for c in data["newly_claimed"]} >= {("Twinford", "strike")}
    table = run("diff", D1, D2, "--db", db).stdout
    assert f"Withdrawn or denied on {D2} since {D1}" in table and "Betatown" in table
    result = run("diff", D2, D1, "--db", db)
    assert result.exit_code == 2 and "swap them" in result.stderr
    assert run("diff", D1, D2, "--db", db, "--format", "xml").exit_code == 2


class _Frames(HTMLParser):
    def __init__(self):
        super().__init__()
        self.frames = []

    def handle_starttag(self, tag, attrs):
        if tag == "iframe":
            self.frames.append(dict(attrs))


def test_map_embed_prints_one_iframe(db):
    result = run("map", "--embed", "--date", D2, "--db", db, "--height", "500")
    assert result.exit_code == 0
    fragment = result.stdout.strip()
    parser = _Frames()
    parser.feed(fragment)
    [frame] = parser.frames
    assert frame["height"] == "500" and frame["sandbox"] == "allow-scripts"
    assert frame["srcdoc"].startswith("<!DOCTYPE html>") and "Alphaville" in frame["srcdoc"]
    assert EVIL not in fragment                      # escaped twice over: as report text, then as srcdoc
    latest = run("map", "--embed", "--db", db)
    assert latest.exit_code == 0 and f"date: {D2}" in latest.stderr
    assert run("map", "--embed", "--date", "2030-01-01", "--db", db).exit_code == 1
    assert run("map", "--embed", "--png", "--db", db).exit_code == 2


@pytest.mark.browser
def test_map_png_writes_pictures_of_the_size_asked(db, tmp_path):
    browser_or_skip()
    from PIL import Image
    result = run("map", "--png", "--date", D2, "--db", db, "--out", str(tmp_path / "pics"), "--mkdir",
                 "--width", "800", "--height", "600")
    assert result.exit_code == 0, result.stderr
    png = tmp_path / "pics" / f"{D2}.png"
    assert result.stdout.strip() == str(png) and not (tmp_path / "pics" / f"{D2}.html").exists()
    assert_not_blank(png.read_bytes(), (800, 600))
    assert Image.open(io.BytesIO(png.read_bytes())).size == (800, 600)


def test_map_png_errors(db, tmp_path, monkeypatch):
    assert run("map", "--png", "--db", db, "--width", "100").exit_code == 2
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("FRONTMAP_CHROMIUM", raising=False)
    result = run("map", "--png", "--db", db, "--out", str(tmp_path / "pics"), "--mkdir")
    assert result.exit_code == 1 and "chromium-driver" in result.stderr


@pytest.mark.browser
def test_brief_pdf_is_printed_by_chromium_with_the_map_as_a_picture(db, tmp_path):
    browser_or_skip()
    out = tmp_path / "b.pdf"
    result = run("brief", "--date", D2, "--db", db, "--out", str(out))
    assert result.exit_code == 0, result.stderr
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and b"/Image" in data and len(data) > 20_000
    import re
    boxes = {tuple(round(float(v)) for v in box.split()) for box in
             re.findall(rb"/MediaBox\s*\[([^\]]*)\]", data)}
    assert boxes == {(0, 0, 842, 596)}                      # every page A4 landscape


def _brief(db):
    from frontmap.briefs.collect import collect_brief
    from frontmap.ledger.store import Ledger
    with Ledger(db) as ledger:
        return collect_brief(ledger, D2)


def _png(width=640, height=400) -> bytes:
    from PIL import Image
    buf = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buf, format="PNG")
    return buf.getvalue()


def test_brief_html_with_a_picture_has_no_script_to_wait_for(db):
    from frontmap.briefs.html import render_brief_html
    page = render_brief_html(_brief(db), png=_png())
    assert "<iframe" not in page and "<script" not in page and 'src="data:image/png;base64,' in page


def test_docx_brief_keeps_the_caption_with_the_picture_and_sizes_columns_to_their_text(db):
    docx = pytest.importorskip("docx")
    from frontmap.briefs.docx import render_brief_docx
    doc = docx.Document(io.BytesIO(render_brief_docx(_brief(db), _png(), width=640, height=400)))
    picture = next(p for p in doc.paragraphs if p._p.xpath(".//pic:pic"))
    assert picture.paragraph_format.keep_with_next
    assert all(p.paragraph_format.keep_with_next for p in doc.paragraphs if p.style.name.startswith("Heading"))
    table = next(t for t in doc.tables if "evidence" in [c.text for c in t.rows[0].cells])
    names, widths = [c.text for c in table.rows[0].cells], [c.width for c in table.rows[0].cells]
    assert widths[names.index("evidence")] > 2 * widths[names.index("oblast")]


def test_docx_brief_reads_well_in_word_and_libreoffice(db):
    """What looking at it in LibreOffice asked for: a font every reader has (no theme font in its
    way), columns no narrower than their longest word, the map on the first page, centred, a
    table's heading row repeated on each page and shaded, no row split across pages."""
    docx = pytest.importorskip("docx")
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt
    from frontmap.briefs.docx import render_brief_docx, setting, text_width
    doc = docx.Document(io.BytesIO(render_brief_docx(_brief(db), _png(), width=1280, height=800)))
    for name in ("Normal", "Heading 1", "Heading 2", "Heading 3"):
        fonts = doc.styles[name].element.rPr.rFonts
        assert fonts.get(qn("w:ascii")) == fonts.get(qn("w:hAnsi")) == setting()["font"] == "Arial", name
        assert fonts.get(qn("w:asciiTheme")) is None and fonts.get(qn("w:hAnsiTheme")) is None, name
    page = doc.sections[0]
    [shape] = doc.inline_shapes
    room = page.page_height - page.top_margin - page.bottom_margin
    assert shape.height <= room - Cm(4) and shape.width <= page.page_width - page.left_margin - page.right_margin
    picture = next(p for p in doc.paragraphs if p._p.xpath(".//pic:pic"))
    assert picture.alignment == 1                                  # centred
    pt = setting()["table_pt"]
    for table in doc.tables:
        rows = table._tbl.tr_lst
        assert rows[0].trPr.find(qn("w:tblHeader")) is not None
        assert all(tr.trPr.find(qn("w:cantSplit")) is not None for tr in rows)
        assert all(c._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) for c in table.rows[0].cells)
        for n, column in enumerate(table.columns):
            head, *body = [r.cells[n].text for r in table.rows]
            longest = max([text_width(w, pt) for t in body for w in t.split()] +
                          [text_width(w, pt, bold=True) for w in head.split()])
            assert column.width >= Pt(longest), (head, body)
    assert any("\u2192" in c.text for t in doc.tables for c in t.columns[3].cells)   # "unknown → RU", one arrow


@pytest.mark.browser
@pytest.mark.parametrize("static", [False, True], ids=["interactive", "static-map"])
def test_an_html_brief_shows_its_map_in_a_plain_headless_screenshot(db, tmp_path, static):
    """No driver, no waiting: chromium --headless --screenshot, as a reader's tool would take it.
    The interactive map is inline, drawn while the page is parsed; --static-map is a picture."""
    import shutil
    import subprocess
    from PIL import Image
    browser_or_skip()
    out = tmp_path / "b.html"
    assert run("brief", "--date", D2, "--db", db, "--out", str(out), *(["--static-map"] if static else [])).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert "<iframe" not in page and ("<script" in page) is not static
    shot = tmp_path / "shot.png"
    chromium = next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))))
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path / 'p'}",
                    f"--screenshot={shot}", "--window-size=1280,1000", out.as_uri()],
                   check=True, capture_output=True, timeout=120)
    picture = Image.open(shot).convert("RGB").crop((40, 220, 1200, 700))   # where the map is
    assert len(picture.getcolors(1_000_000)) > 1500     # drawn (a blank map with its panels: ~400 colours)
