"""Folium maps: markers, popups, layers, attribution, escaping, index page."""
from __future__ import annotations

import hashlib
import re

import pytest

from frontmap.errors import LedgerError
from frontmap.ledger import Ledger, StoredClaim
from frontmap.model import Claim, Extraction, Place, Report
from frontmap.rendering import SIDE_LAYERS, render_map, write_maps

ATTR = "Places: TestGaz (CC BY 4.0)"
EVIL = "<script>alert(1)</script><img src=x onerror=alert(1)>"


def place(name, lat=48.1, lon=37.7, pid=None):
    return Place(text=name, start=0, end=len(name), name=name if lat is not None else None,
                 kind="settlement", oblast="Donetsk", lat=lat, lon=lon,
                 id=pid or (f"gn:{name}" if lat is not None else None), confidence=0.75,
                 status="resolved" if lat is not None else "unresolved")


def claim(p, *, event="captured", beneficiary="RU", side="RU", claimant="Defence ministry",
          evidence="The ministry said its troops took the village.", stance="asserted"):
    return Claim(place=p, event=event, beneficiary=beneficiary, claimant=claimant,
                 claimant_side=side, stance=stance, evidence=evidence)


def stored(c, i=1, path="/in/report-a.txt", date="2024-05-01"):
    return StoredClaim(id=i, claim=c, report_path=path, report_date=date, report_sha256="ab" * 32)


def n_markers(page: str) -> int:
    return len(re.findall(r"L\.circleMarker\(", page))


def test_one_marker_per_claim_with_popup_contents():
    claims = [stored(claim(place("Alphaville", 48.0, 37.0)), 1),
              stored(claim(place("Betatown", 47.5, 36.5), event="repelled", beneficiary="UA",
                           side="UA", claimant="General Staff", stance="hedged",
                           evidence="Attacks near Betatown were repelled, staff said."), 2)]
    page = render_map("2024-05-01", claims, attribution=ATTR)
    assert n_markers(page) == 2
    for text in ["Alphaville", "Betatown", "captured", "repelled", "Defence ministry",
                 "General Staff", "Russian sources", "Ukrainian sources", "hedged",
                 "The ministry said its troops took the village.", "report-a.txt",
                 "2024-05-01", "0.75", "Donetsk"]:
        assert text in page, text
    assert "#d62728" in page and "#1f6fd1" in page  # RU red, UA blue


def test_fighting_and_neutral_colours():
    page = render_map("2024-05-01", [
        stored(claim(place("Gamma", 48.0, 37.0), event="fighting", beneficiary=None)),
        stored(claim(place("Delta", 47.0, 36.0), event="strike", beneficiary=None))],
        attribution=ATTR)
    assert '"color": "#ff8c00"' in page and '"color": "#7f7f7f"' in page


def test_claims_at_same_place_are_all_reachable():
    here = place("Samecity", 48.3, 37.3)
    claims = [stored(claim(here, claimant=f"Claimant {i}", side=s,
                           evidence=f"Statement number {i}."), i)
              for i, s in enumerate(["RU", "UA", "third"], start=1)]
    page = render_map("2024-05-01", claims, attribution=ATTR)
    assert n_markers(page) == 3
    radii = sorted(int(r) for r in re.findall(r'"radius": (\d+)', page))
    assert len(set(radii)) == 3                 # concentric, so each rim is clickable
    popups = re.findall(r"var html_\w+ = \$\(`(.*?)`\)\[0\];", page)
    assert len(popups) == 3
    for popup in popups:                        # and each popup lists every claim here
        assert all(f"Statement number {i}." in popup for i in (1, 2, 3))


def test_claims_without_coordinates_are_listed_not_dropped():
    claims = [stored(claim(place("Locatedville", 48.0, 37.0))),
              stored(claim(place("Lostplace", None, None), evidence="Fighting near Lostplace."), 2)]
    page = render_map("2024-05-01", claims, attribution=ATTR)
    assert n_markers(page) == 1
    box = re.search(r'<div class="frontmap-unlocated".*?</div>', page, re.S).group(0)
    assert "Lostplace" in box and "Fighting near Lostplace." in box and "1 claim" in box


def test_layers_one_per_claimant_side():
    page = render_map("2024-05-01", [stored(claim(place("A", 48.0, 37.0)))], attribution=ATTR)
    assert "L.control.layers" in page
    for name in SIDE_LAYERS.values():
        assert re.search(rf'"{name}" : feature_group_\w+', page), name
    assert set(SIDE_LAYERS.values()) == {"Russian sources", "Ukrainian sources",
                                         "third parties", "outlets"}


def test_attribution_on_map_and_osm_tiles():
    page = render_map("2024-05-01", [], attribution="GazSource <b>&</b> friends")
    assert "tile.openstreetmap.org" in page and "OpenStreetMap" in page
    credit = re.search(r'<div class="frontmap-credit".*?</div>', page, re.S).group(0)
    assert "GazSource &lt;b&gt;&amp;&lt;/b&gt; friends" in credit
    assert "<b>&</b>" not in page
    assert n_markers(page) == 0


def _report_text_anywhere(page: str) -> None:
    assert "<script>alert" not in page
    assert "<img" not in page
    assert "onerror=alert(1)>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_report_text_is_escaped_everywhere():
    p = place(EVIL, 48.0, 37.0)
    p.name = "Town" + EVIL
    p.oblast = EVIL
    c = claim(p, claimant=EVIL, evidence=EVIL + " ${alert(2)} `x` \\u00zz")
    page = render_map("2024-05-01", [stored(c, path="/in/" + EVIL + ".txt"),
                                     stored(claim(place(EVIL, None, None), evidence=EVIL), 2)],
                      attribution=EVIL, title=EVIL)
    _report_text_anywhere(page)
    # JS template literals would evaluate ${...} and choke on \u escapes
    for literal in re.findall(r"`(.*?)`", page, re.S):
        assert "${" not in literal and "\\" not in literal
    assert "&#36;{alert(2)}" in page
    tooltip = re.search(r"bindTooltip\(\s*`(.*?)`", page, re.S).group(1)
    assert "&lt;script&gt;" in tooltip


def test_render_is_deterministic():
    claims = [stored(claim(place("A", 48.0, 37.0))), stored(claim(place("B", 47.0, 36.0)), 2)]
    assert (render_map("2024-05-01", claims, attribution=ATTR)
            == render_map("2024-05-01", claims, attribution=ATTR))


# --- write_maps and index ---------------------------------------------------------

def _extraction(n, date, claims):
    text = f"Report number {n}.\n"
    rep = Report(path=f"/in/r{n}.txt", date=date, text=text,
                 sha256=hashlib.sha256(f"{n}".encode()).hexdigest())
    return Extraction(report=rep, places=[c.place for c in claims], claims=claims)


@pytest.fixture
def ledger(tmp_path):
    with Ledger(tmp_path / "l.db") as led:
        led.ingest([
            _extraction(1, "2024-05-01", [claim(place("A", 48.0, 37.0)),
                                          claim(place("B", 47.0, 36.0), event="fighting",
                                                beneficiary=None, side="UA")]),
            _extraction(2, "2024-05-02", [claim(place(EVIL, 48.0, 37.0), side="outlet",
                                                evidence=EVIL)]),
        ])
        yield led


def test_write_maps_one_file_per_date_and_index(tmp_path, ledger):
    out = tmp_path / "maps"
    written = write_maps(ledger, out, attribution=ATTR)
    assert [p.name for p in written] == ["2024-05-01.html", "2024-05-02.html", "index.html"]
    assert n_markers((out / "2024-05-01.html").read_text()) == 2
    assert n_markers((out / "2024-05-02.html").read_text()) == 1
    _report_text_anywhere((out / "2024-05-02.html").read_text())
    index = (out / "index.html").read_text()
    assert 'href="2024-05-01.html"' in index and 'href="2024-05-02.html"' in index
    row = re.search(r"<tr><td><a href=\"2024-05-01.html\">.*?</tr>", index).group(0)
    cells = re.findall(r"<td>(.*?)</td>", row)
    # reports, claims, RU, UA, third, outlet, events
    assert cells[1:] == ["1", "2", "1", "1", "0", "0", "captured 1, fighting 1"]


def test_write_one_date_keeps_index_of_every_map(tmp_path, ledger):
    out = tmp_path / "maps"
    write_maps(ledger, out, attribution=ATTR)
    (out / "2023-01-01.html").write_text("old map")  # from another ledger
    written = write_maps(ledger, out, date="2024-05-02", attribution=ATTR)
    assert [p.name for p in written] == ["2024-05-02.html", "index.html"]
    index = (out / "index.html").read_text()
    assert index.count("<a href=") == 3 and "not in this ledger" in index


def test_write_unknown_date_is_an_error(tmp_path, ledger):
    with pytest.raises(LedgerError, match="2030-01-01"):
        write_maps(ledger, tmp_path / "maps", date="2030-01-01", attribution=ATTR)


def test_empty_ledger_writes_an_index(tmp_path):
    with Ledger(tmp_path / "empty.db") as led:
        written = write_maps(led, tmp_path / "maps", attribution=ATTR)
    assert [p.name for p in written] == ["index.html"]
    assert "No maps yet" in written[0].read_text()


def test_ambiguous_place_says_so_and_lists_its_candidates():
    p = place("Newfield", 48.0, 37.0)
    p.status, p.confidence = "ambiguous", 0.41
    p.alternatives = [{"name": "Newfield", "oblast": "Donetsk", "raion": "Kramatorsk"},
                      {"name": "Newfield", "oblast": "Kharkiv", "raion": "Izium"}]
    page = render_map("2024-05-01", [stored(claim(p))], attribution=ATTR)
    assert "Ambiguous name" in page and "Izium raion" in page and "0.41" in page
    assert '"dashArray": "4 4"' in page
    resolved = render_map("2024-05-01", [stored(claim(place("Oldfield", 48.0, 37.0)))], attribution=ATTR)
    assert "Ambiguous name" not in resolved and '"dashArray": "4 4"' not in resolved
