"""The seeds' briefs in each format, the map PNG taken in headless Chromium (skips without it,
except on CI).  The .html brief is opened in a browser in test_brief_browser.py."""
from __future__ import annotations

import re

import pytest

from frontmap.briefs.collect import words
from frontmap.briefs.write import write_brief
from frontmap.ledger.store import Ledger
from support import REPO, assert_not_blank, browser_or_skip

pytestmark = pytest.mark.browser   # the PNG of each brief's map is taken in Chromium
WIDTH, HEIGHT = 1100, 700


@pytest.fixture(scope="module")
def seeds_ledger(tmp_path_factory, extractor):
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    with Ledger(db) as ledger:
        ledger.ingest(extractor.extract_paths([REPO / "seeds"]))
        dates = ledger.dates()
        busiest = max(dates, key=lambda d: len(ledger.claims(d)))
        claims = ledger.claims(busiest)
    assert len(dates) >= 2 and len(claims) >= 10, "the seeds should give two dates, one with claims"
    return db, busiest, claims


def test_markdown_brief_of_the_seeds(seeds_ledger, tmp_path):
    browser_or_skip()
    db, date, claims = seeds_ledger
    with Ledger(db) as ledger:
        md, png = write_brief(ledger, date, tmp_path / "seeds.md", width=WIDTH, height=HEIGHT)
    assert_not_blank(png.read_bytes(), (WIDTH, HEIGHT))
    text = md.read_text(encoding="utf-8")
    assert f"]({png.name})" in text
    headings = re.findall(r"^#+ (.+)$", text, re.M)
    for key in ("map", "newly_claimed", "withdrawn", "contested", "claims", "unresolved", "reports", "attribution"):
        assert words()["sections"][key] in headings
    assert "GeoNames" in text                                    # the gazetteer's attribution
    # one row per claim in the claimant-group tables (their header is "| place | oblast | event | stance |")
    groups = text.split(f"## {words()['sections']['claims']}")[1].split("\n## ")[0]
    rows = [line for line in groups.splitlines() if line.startswith("| ") and not line.startswith("| place |")]
    assert len(rows) == len(claims)
    for stored in claims:
        assert (stored.claim.place.name or stored.claim.place.text).replace("-", "") in text.replace("-", "")


def test_docx_brief_of_the_seeds(seeds_ledger, tmp_path):
    browser_or_skip()
    import docx
    db, date, claims = seeds_ledger
    with Ledger(db) as ledger:
        [out] = write_brief(ledger, date, tmp_path / "seeds.docx", width=WIDTH, height=HEIGHT)
    doc = docx.Document(str(out))
    [shape] = doc.inline_shapes
    blob = doc.part.related_parts[shape._inline.graphic.graphicData.pic.blipFill.blip.embed].blob
    assert_not_blank(blob, (WIDTH, HEIGHT))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == words()["title"].format(date=date) and "Contested places" in headings
    claim_tables = [t for t in doc.tables if [c.text for c in t.rows[0].cells] == words()["columns"]["claims"]]
    assert sum(len(t.rows) - 1 for t in claim_tables) == len(claims)
    texts = {c.text for t in claim_tables for r in t.rows[1:] for c in r.cells}
    assert {s.claim.evidence for s in claims} <= texts
    assert any("GeoNames" in p.text for p in doc.paragraphs)
