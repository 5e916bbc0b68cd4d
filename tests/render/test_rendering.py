"""Map pages: payload, visual grammar, layers, conflicts, geometry, escaping, offline, index.

What the browser does with a page is tested in test_browser.py; here the page is read as text.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from frontmap.errors import FrontmapError, LedgerError
from frontmap.ledger.store import Ledger, StoredClaim
from frontmap.model import Alternative, Claim, Extraction, Geometry, Place, Point, Report
from frontmap.render.map import SIDE_LAYERS, TILES, claim_colour, render_map, write_maps
from frontmap.render.data import arrowhead, contested_reason, evidence_parts, shape_of
from frontmap.errors import MapError
from frontmap.render.reference import load_reference
from support import REPO

HERE = Path(__file__).resolve().parent

ATTR = "Places: TestGaz (CC BY 4.0)"
EVIL = "<script>alert(1)</script><img src=x onerror=alert(1)>"


def place(name, lat=48.1, lon=37.7, pid=None, status=None):
    return Place(text=name, start=0, end=len(name), name=name if lat is not None else None,
                 kind="settlement", oblast="Donetsk", lat=lat, lon=lon,
                 id=pid or (f"gn:{name}" if lat is not None else None), confidence=0.75,
                 status=status or ("resolved" if lat is not None else "unresolved"))


def claim(p, *, event="captured", beneficiary="RU", side="RU", claimant="Defence ministry",
          evidence="The ministry said its troops took the village.", stance="asserted", geometry=None):
    return Claim(place=p, event=event, beneficiary=beneficiary, claimant=claimant,
                 claimant_side=side, stance=stance, evidence=evidence, geometry=geometry)


def stored(c, i=1, path="/in/report-a.txt", date="2024-05-01"):
    sha = hashlib.sha256(path.encode()).hexdigest()
    return StoredClaim(id=i, claim=c, report_path=path, report_date=date, report_sha256=sha)


def payload(page: str) -> dict:
    raw = re.search(r'<script type="application/json" id="frontmap-data">(.*?)</script>', page, re.S)
    return json.loads(raw.group(1))


def box(page: str, cls: str) -> str:
    """The element whose class starts with ``cls``, nested tags and all."""
    m = re.search(rf'<(div|details) class="{cls}', page)
    tag, depth = m.group(1), 0
    for t in re.finditer(rf"<(/?){tag}\b", page[m.start():]):
        depth += -1 if t.group(1) else 1
        if depth == 0:
            return page[m.start():m.start() + t.end() + 1]
    raise AssertionError(f"unclosed {cls}")


# --- what is drawn --------------------------------------------------------------------

def test_one_marker_per_claim_with_its_grammar():
    claims = [stored(claim(place("Alphaville", 48.0, 37.0)), 1),
              stored(claim(place("Betatown", 47.5, 36.5), event="repelled", beneficiary="UA",
                           side="UA", claimant="General Staff", stance="hedged",
                           evidence="Attacks near Betatown were repelled, staff said."), 2),
              stored(claim(place("Gamma", 47.9, 36.9), event="fighting", beneficiary=None,
                           side="outlet", stance="reported"), 3),
              stored(claim(place("Delta", 47.1, 36.1), event="strike", beneficiary=None,
                           side="third", stance="denied"), 4)]
    data = payload(render_map("2024-05-01", claims, attribution=ATTR))
    got = [(c["e"], c["k"], c["s"], c["t"]) for c in data["claims"]]
    assert got == [("captured", "RU", "RU", "asserted"), ("repelled", "UA", "UA", "hedged"),
                   ("fighting", "fighting", "outlet", "reported"), ("strike", "strike", "third", "denied")]
    assert [data["places"][c["p"]]["n"] for c in data["claims"]] == ["Alphaville", "Betatown", "Gamma", "Delta"]
    assert data["claims"][1]["c"] == "General Staff"
    assert data["reports"] == [["report-a.txt", "2024-05-01"]]
    assert data["places"][0]["cf"] == 0.75 and data["places"][0]["o"] == "Donetsk"
    assert [claim_colour(s.claim) for s in claims] == ["#d62728", "#1f6fd1", "#f08c00", "#2b2b2b"]


def test_legend_explains_every_symbol_and_title_gives_date_and_counts():
    claims = [stored(claim(place("A", 48.0, 37.0))), stored(claim(place("B", 47.0, 36.0), side="UA"), 2),
              stored(claim(place("C", 47.2, 36.2), side="outlet", event="advance"), 3, path="/in/b.txt")]
    page = render_map("2024-05-01", claims, attribution=ATTR)
    legend = box(page, "frontmap-legend")
    for label in ["Russia gains", "Ukraine gains", "fighting, no side gains", "captured / liberated",
                  "advance", "fighting", "encircled", "repelled", "strike", "withdrawal",
                  "asserted: solid", "hedged: dashed outline", "denied: hollow, dotted",
                  "confidence under 0.5", "contested", "ambiguous name", "advance along"]:
        assert label in legend, label
    assert legend.count("<svg") >= 8 + 4 + 3
    title = box(page, "frontmap-title")
    assert "2024-05-01" in title and "<b>3</b> claim(s) from <b>2</b> report(s)" in title
    assert "Russian officials and sources: <b>1</b>" in title and "outlets: <b>1</b>" in title
    assert "advance 1" in title and "captured 2" in title
    assert "<title>Claims reported on 2024-05-01</title>" in page


def test_one_layer_per_claimant_group():
    data = payload(render_map("2024-05-01", [stored(claim(place("A", 48.0, 37.0)))], attribution=ATTR))
    assert [g for g, _ in data["groups"]] == ["RU", "UA", "third", "outlet"]
    assert dict(data["groups"]) == SIDE_LAYERS
    assert set(SIDE_LAYERS.values()) == {"Russian officials and sources", "Ukrainian officials and sources",
                                         "OSINT and third parties", "outlets"}


def test_claims_at_one_place_share_it_and_unlocated_are_listed():
    here = place("Samecity", 48.3, 37.3)
    claims = [stored(claim(here, claimant=f"Claimant {i}", side=s, evidence=f"Statement {i}."), i)
              for i, s in enumerate(["RU", "UA", "third"], start=1)]
    claims.append(stored(claim(place("Lostplace", None, None), evidence="Fighting near Lostplace."), 4))
    page = render_map("2024-05-01", claims, attribution=ATTR)
    data = payload(page)
    assert len(data["places"]) == 1 and [c["p"] for c in data["claims"]] == [0, 0, 0]
    unlocated = box(page, "frontmap-unlocated")
    assert "Lostplace" in unlocated and "Fighting near Lostplace." in unlocated and "1 claim(s)" in unlocated


def test_ambiguous_place_carries_its_candidates():
    p = place("Newfield", 48.0, 37.0, status="ambiguous")
    p.confidence = 0.41
    p.alternatives = [Alternative(name="Newfield", oblast="Donetsk", raion="Kramatorsk"),
                      Alternative(name="Newfield", oblast="Kharkiv", raion="Izium")]
    data = payload(render_map("2024-05-01", [stored(claim(p))], attribution=ATTR))
    (pd,) = data["places"]
    assert pd["st"] == "ambiguous" and pd["cf"] == 0.41
    assert pd["alt"] == [["Newfield", "Donetsk", "Kramatorsk"], ["Newfield", "Kharkiv", "Izium"]]


def test_evidence_parts_highlight_the_place_name():
    assert evidence_parts("Troops entered KUPIANSK on Monday.", "Kupiansk") == [
        "Troops entered ", "KUPIANSK", " on Monday."]
    assert evidence_parts("Fighting near the town.", "Kupiansk", None) == ["Fighting near the town.", "", ""]
    assert evidence_parts("Shelling of Kupyansk.", "Kupiansk", "Kupyansk")[1] == "Kupyansk"


# --- contested places -------------------------------------------------------------------

def test_contested_when_captured_is_denied():
    here = place("Disputed", 48.0, 37.0)
    why = contested_reason([claim(here), claim(here, side="UA", stance="denied", claimant="Staff")])
    assert "captured claimed and denied" in why


def test_contested_when_both_sides_claim_gains_or_sources_disagree():
    here = place("Disputed", 48.0, 37.0)
    assert "both sides claim gains" in contested_reason([
        claim(here, side="outlet"), claim(here, event="repelled", beneficiary="UA", side="outlet")])
    why = contested_reason([claim(here), claim(here, event="fighting", beneficiary=None, side="UA")])
    assert "RU sources claim captured, UA sources say otherwise" == why


def test_agreeing_claims_are_not_contested():
    here = place("Quiet", 48.0, 37.0)
    assert contested_reason([claim(here), claim(here, side="outlet", stance="reported")]) == ""
    assert contested_reason([claim(here, event="fighting", beneficiary=None, side=s) for s in ("RU", "UA")]) == ""


def test_contested_places_are_marked_and_listed():
    a, b = place("Disputed", 48.0, 37.0), place("Calm", 47.0, 36.0)
    claims = [stored(claim(a)), stored(claim(a, side="UA", stance="denied"), 2), stored(claim(b), 3)]
    page = render_map("2024-05-01", claims, attribution=ATTR)
    data = payload(page)
    assert [p.get("why", "") for p in data["places"]] == ["captured claimed and denied", ""]
    title = box(page, "frontmap-title")
    assert "<b>1</b> contested place(s)" in title
    assert re.search(r'data-place="0">Disputed</button> captured claimed and denied', title)


# --- geometry ---------------------------------------------------------------------------

def test_buffer_area_and_offset_shapes():
    p = place("Hub", 48.0, 37.0)
    buf = shape_of(Geometry(kind="buffer", points=(Point(48.0, 37.0),), radius_km=5.0, text="near Hub"), p)
    assert buf == {"k": "buffer", "pts": [[48.0, 37.0]], "m": 5000, "txt": "near Hub"}
    area = shape_of(Geometry(kind="area", points=(), area_km2=314.159), p)
    assert area["pts"] == [[48.0, 37.0]] and area["m"] == 10000
    off = Geometry(kind="offset", points=(Point(48.0, 36.88),), text="9 km west of Hub")
    data = payload(render_map("2024-05-01", [stored(claim(p, geometry=off))], attribution=ATTR))
    (c,) = data["claims"]
    assert (c["lat"], c["lon"]) == (48.0, 36.88)           # the marker sits where the claim points
    assert data["shapes"][c["g"]]["pts"] == [[48.0, 37.0], [48.0, 36.88]]
    assert data["places"][0]["lon"] == 37.0                # the place stays where it is


def test_advance_line_ends_in_an_arrowhead_at_its_far_end():
    p = place("Start", 48.0, 37.0)
    line = Geometry(kind="line", points=(Point(48.0, 37.0), Point(48.0, 37.3)), text="toward East")
    shape = shape_of(line, p)
    assert shape["pts"] == [[48.0, 37.0], [48.0, 37.3]]
    left, tip, right = shape["head"]
    assert tip == [48.0, 37.3]
    assert left[1] < 37.3 and right[1] < 37.3               # barbs trail behind an eastward tip
    assert left[0] > 48.0 > right[0] or right[0] > 48.0 > left[0]
    north = arrowhead(Point(48.0, 37.0), Point(48.5, 37.0), 2.0)
    assert north[0][0] < 48.5 and north[2][0] < 48.5


def test_unknown_or_empty_geometry_draws_nothing():
    p = place("Hub", 48.0, 37.0)
    assert shape_of(Geometry(kind="line", points=(Point(48.0, 37.0),)), p) is None
    assert shape_of(Geometry(kind="area", points=()), p) is None


# --- reference overlay ------------------------------------------------------------------

SQUARE = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": {
    "type": "Polygon", "coordinates": [[[37.0, 48.0], [38.0, 48.0], [38.0, 49.0], [37.0, 49.0], [37.0, 48.0]]]}}]}


@pytest.mark.parametrize("gz", [False, True])
def test_reference_says_inside_or_outside(tmp_path, gz):
    path = tmp_path / ("ref.geojson.gz" if gz else "ref.geojson")
    text = json.dumps(SQUARE).encode()
    path.write_bytes(gzip.compress(text) if gz else text)
    claims = [stored(claim(place("Inside", 48.5, 37.5))), stored(claim(place("Near", 48.5, 36.95)), 2),
              stored(claim(place("Far", 46.0, 31.0)), 3)]
    page = render_map("2024-05-01", claims, attribution=ATTR, reference=path)
    data = payload(page)
    assert [p["ref"] for p in data["places"]] == [
        "inside the reference polygons", "outside the reference polygons, 3.7 km from their edge",
        "outside the reference polygons"]
    assert data["reference"]["name"] == path.name
    assert data["reference"]["geojson"]["features"][0]["geometry"]["type"] == "Polygon"
    assert path.name in box(page, "frontmap-legend")


def test_bad_reference_files_are_refused_with_their_name(tmp_path):
    with pytest.raises(MapError, match="no reference file .*missing.geojson"):
        load_reference(tmp_path / "missing.geojson")
    (tmp_path / "junk.geojson").write_text("not json")
    with pytest.raises(MapError, match="junk.geojson.*not readable GeoJSON"):
        load_reference(tmp_path / "junk.geojson")
    (tmp_path / "points.geojson").write_text(json.dumps(
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [37, 48]}}))
    with pytest.raises(MapError, match="holds no polygons"):
        load_reference(tmp_path / "points.geojson")
    assert issubclass(MapError, FrontmapError)


# --- escaping, offline, determinism ----------------------------------------------------------

def test_report_text_never_reaches_the_page_as_markup():
    p = place(EVIL, 48.0, 37.0)
    p.name = "Town" + EVIL
    p.oblast = EVIL
    c = claim(p, claimant=EVIL, evidence=EVIL + " </script> ${alert(2)} `x` \\u00zz")
    page = render_map("2024-05-01", [stored(c, path="/in/" + EVIL + ".txt"),
                                     stored(claim(place(EVIL, None, None), evidence=EVIL), 2)],
                      attribution=EVIL, title=EVIL)
    assert "<img" not in page and "onerror=alert(1)>" not in page and "<script>alert" not in page
    # every </script> closes one of frontmap's own script elements
    assert page.count("</script>") == page.count("<script")
    data = payload(page)                     # ...and the JSON still round-trips exactly
    assert data["claims"][0]["c"] == EVIL
    assert "".join(data["claims"][0]["ev"]).startswith(EVIL + " </script> ${alert(2)}")
    assert data["reports"][0][0] == "script><img src=x onerror=alert(1)>.txt"   # the file name
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in box(page, "frontmap-unlocated")
    assert f"<title>{EVIL}" not in page


def test_page_needs_no_network():
    page = render_map("2024-05-01", [stored(claim(place("A", 48.0, 37.0)))], attribution=ATTR)
    assert not re.search(r"<script[^>]*\ssrc=", page) and "<link" not in page
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", page) and "@import" not in page
    assert "Leaflet 1.9" in page and "Leaflet.markercluster" in page and "SubGroup" in page
    # outside the inlined libraries' own text, the one address is the optional tiles' template
    ours = re.sub(r"<(script|style)>/\* [\w.-]+ \*/\n.*?</\1>", "", page, flags=re.S)
    assert re.findall(r"https?://[^\s\"'<>]+", ours) == [TILES["url"]]
    # no style fetches an image: the plugins' relative ones (the minimap's toggle, the search's
    # loader) are dropped when inlined, and what is left is data: URLs
    styles = "".join(re.findall(r"<style>(.*?)</style>", page, flags=re.S))
    assert "Control.MiniMap.css" in page and "leaflet-search.min.css" in page
    assert all(u.startswith(("data:", "#")) for u in re.findall(r"url\(\s*['\"]?([^'\")]*)", styles))
    # folium's other defaults are not on the page: nothing here uses them
    for unused in ("jQuery", "Bootstrap", "Font Awesome", "awesome-marker"):
        assert unused not in page, unused
    outlines = re.search(r'id="frontmap-outlines">(.*?)</script>', page, re.S).group(1)
    layers = {f["properties"]["layer"] for f in json.loads(outlines)["features"]}
    assert layers == {"country", "oblast-border", "raion-border", "oblast-label", "raion-label"}
    assert "OpenStreetMap contributors (ODbL 1.0)" in box(page, "frontmap-credit")
    assert len(outlines) < 400_000


def test_the_page_is_a_folium_render():
    page = render_map("2024-05-01", [stored(claim(place("A", 48.0, 37.0)))], attribution=ATTR)
    name = re.search(r'<div class="folium-map" id="(map_\w+)"', page).group(1)   # folium's map element
    assert re.search(rf'var {name} = L\.map\(\s*"{name}",\s*{{\s*center:', page)  # ...its initialisation
    assert page.count("L.map(") == 1 and f"#{name} {{" in page
    tiles = re.search(r'var (tile_layer_\w+) = L\.tileLayer\(\s*"([^"]+)"', page)
    assert tiles.group(2) == TILES["url"] and f"{tiles.group(1)}.addTo" not in page   # tiles on request only
    assert f"frontmapDraw({name}, {tiles.group(1)});" in page      # frontmap draws on folium's map
    assert page.index(f'id="{name}"') < page.index('id="frontmap-data"')


def test_template_syntax_in_reports_stays_text():
    # branca re-reads elements' output as Jinja templates: report text must never be one
    jinja = "{{ 7*7 }} {% if true %}yes{% endif %} {# gone? #} {{ this.__class__ }}"
    claims = [stored(claim(place("Brace" + jinja, 48.0, 37.0), claimant=jinja, evidence=jinja)),
              stored(claim(place("Lost", None, None), evidence=jinja), 2)]
    page = render_map("2024-05-01", claims, attribution=jinja, title=jinja)
    data = payload(page)
    assert data["claims"][0]["c"] == jinja and "".join(data["claims"][0]["ev"]) == jinja
    assert data["places"][0]["n"] == "Brace" + jinja
    assert jinja in box(page, "frontmap-unlocated") and jinja in box(page, "frontmap-credit")
    assert f"<title>{jinja}</title>" in page and f"<h1>{jinja}</h1>" in page


def test_same_bytes_whatever_the_hash_seed():
    path = [str(HERE), str(REPO / "tests")]      # this module, and support.py should it need it
    code = (f"import hashlib, sys; sys.path[:0] = {path!r}; import test_rendering as t; "
            "a, b = t.place('Disputed', 48.0, 37.0), t.place('Other', 47.0, 36.0); "
            "cs = [t.stored(t.claim(a)), t.stored(t.claim(a, side='UA', stance='denied'), 2), "
            "t.stored(t.claim(b, event='fighting', beneficiary=None, side='outlet'), 3, path='/in/b.txt')]; "
            "print(hashlib.sha256(t.render_map('2024-05-01', cs, attribution=t.ATTR).encode()).hexdigest())")
    digests = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                              cwd=REPO, env={**os.environ, "PYTHONHASHSEED": seed}).stdout.strip()
               for seed in ("0", "1", "4242")}
    assert len(digests) == 1 and len(digests.pop()) == 64


def test_attribution_is_shown_escaped():
    page = render_map("2024-05-01", [], attribution="GazSource <b>&</b> friends &copy; OSM")
    credit = box(page, "frontmap-credit")
    assert "GazSource &lt;b&gt;&amp;&lt;/b&gt; friends © OSM" in credit
    assert payload(page)["claims"] == [] and payload(page)["bounds"] is None


def test_importing_rendering_loads_no_heavy_library():
    code = ("import sys, frontmap.render.map; "
            "print(sorted(m for m in ('folium', 'branca', 'shapely', 'numpy', 'offlinefolium') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --- write_maps and index -------------------------------------------------------------

def _extraction(n, date, claims):
    rep = Report(path=f"/in/r{n}.txt", date=date, text=f"Report number {n}.\n",
                 sha256=hashlib.sha256(f"{n}".encode()).hexdigest())
    return Extraction(report=rep, places=[c.place for c in claims], claims=claims)


@pytest.fixture
def ledger(tmp_path):
    a = place("A", 48.0, 37.0)
    with Ledger(tmp_path / "l.db") as led:
        led.ingest([
            _extraction(1, "2024-05-01", [claim(a), claim(a, side="UA", stance="denied"),
                                          claim(place("B", 47.0, 36.0), event="fighting", beneficiary=None,
                                                side="UA", geometry=Geometry(
                                                    kind="buffer", points=(Point(47.0, 36.0),), radius_km=3))]),
            _extraction(2, "2024-05-02", [claim(place(EVIL, 48.0, 37.0), side="outlet", evidence=EVIL)]),
            _extraction(3, "2024-05-03", []),
        ])
        yield led


def test_two_runs_on_one_ledger_give_identical_bytes(tmp_path, ledger):
    first = write_maps(ledger, tmp_path / "one", attribution=ATTR)
    second = write_maps(ledger, tmp_path / "two", attribution=ATTR)
    assert [p.name for p in first] == [p.name for p in second]
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.name
    page = first[0].read_text()
    assert not re.search(r"\b(id|class)=\"[^\"]*[0-9a-f]{16}", page)    # no random element ids
    assert not re.search(r"_[0-9a-f]{32}\b", page)                      # ...nor folium's variable names
    assert "2024-05-01" in page and not re.search(r"20\d\d-\d\d-\d\dT\d\d:", page)   # no timestamps


def test_write_maps_one_file_per_date_and_index(tmp_path, ledger):
    out = tmp_path / "maps"
    written = write_maps(ledger, out, attribution=ATTR)
    assert [p.name for p in written] == ["2024-05-01.html", "2024-05-02.html", "2024-05-03.html", "time.html",
                                         "index.html"]
    first = payload((out / "2024-05-01.html").read_text())
    assert len(first["claims"]) == 3 and [s["k"] for s in first["shapes"]] == ["buffer"]
    assert "<b>0</b> claim(s) from <b>1</b> report(s)" in (out / "2024-05-03.html").read_text()
    assert "<img" not in (out / "2024-05-02.html").read_text()
    index = (out / "index.html").read_text()
    row = re.search(r"<tr><td><a href=\"2024-05-01.html\">.*?</tr>", index).group(0)
    cells = re.findall(r"<td>(.*?)</td>", row)
    # reports, claims, RU, UA, third, outlet, contested places, events
    assert cells[1:] == ["1", "3", "1", "2", "0", "0", "1", "captured 2, fighting 1"]
    assert "<th>Russian officials and sources</th>" in index and "<th>contested places</th>" in index


def test_write_one_date_keeps_index_of_every_map(tmp_path, ledger):
    out = tmp_path / "maps"
    write_maps(ledger, out, attribution=ATTR)
    (out / "2023-01-01.html").write_text("old map")  # from another ledger
    written = write_maps(ledger, out, date="2024-05-02", attribution=ATTR)
    assert [p.name for p in written] == ["2024-05-02.html", "time.html", "index.html"]
    index = (out / "index.html").read_text()
    maps_table = index.split('<h2 id="fm-timeline">')[0]      # the timeline below links the ledger's dates
    assert maps_table.count("<tr><td><a href=") == 4 and "not in this ledger" in index


def test_write_maps_with_reference_and_errors(tmp_path, ledger):
    ref = tmp_path / "ref.geojson"
    ref.write_text(json.dumps({"type": "Polygon", "coordinates": [[[36.5, 47.5], [38, 47.5], [38, 49], [36.5, 49], [36.5, 47.5]]]}))
    write_maps(ledger, tmp_path / "maps", date="2024-05-01", attribution=ATTR, reference=ref)
    places = payload((tmp_path / "maps" / "2024-05-01.html").read_text())["places"]
    assert [p["ref"] for p in places] == ["inside the reference polygons", "outside the reference polygons"]
    with pytest.raises(MapError):
        write_maps(ledger, tmp_path / "none", attribution=ATTR, reference=tmp_path / "nope.json")
    assert not (tmp_path / "none").exists()          # a bad reference writes nothing
    with pytest.raises(LedgerError, match="2030-01-01"):
        write_maps(ledger, tmp_path / "maps", date="2030-01-01", attribution=ATTR)


def test_empty_ledger_writes_an_index(tmp_path):
    with Ledger(tmp_path / "empty.db") as led:
        written = write_maps(led, tmp_path / "maps", attribution=ATTR)
    assert [p.name for p in written] == ["index.html"]
    assert "No maps yet" in written[0].read_text()


def test_first_view_fits_settlements_not_region_wide_claims():
    region = place("Farland Oblast", 53.0, 34.0)
    region.kind = "region"
    claims = [stored(claim(place("A", 48.0, 37.0))), stored(claim(place("B", 47.5, 37.5)), 2),
              stored(claim(region, event="strike", beneficiary=None), 3)]
    assert payload(render_map("2024-05-01", claims, attribution=ATTR))["bounds"] == [[47.5, 37.0], [48.0, 37.5]]
    only_region = payload(render_map("2024-05-01", claims[2:], attribution=ATTR))
    assert only_region["bounds"] == [[53.0, 34.0], [53.0, 34.0]]


def test_a_strike_is_not_a_gain():
    from frontmap.render.assets import symbols
    from frontmap.ledger.diff import contested_reason
    hit = place("Strikeville", 48.0, 37.0)
    claims = [stored(claim(hit, event="strike", beneficiary="UA", side="UA", claimant="General Staff",
                           evidence="Drones struck a depot in Strikeville."), 1),
              stored(claim(hit, event="captured", beneficiary="RU", side="RU"), 2)]
    page = render_map("2024-05-01", claims, attribution=ATTR)
    data = payload(page)
    sym = symbols()
    strike = data["claims"][0]
    assert strike["k"] == "strike" and claim_colour(claims[0].claim) == sym["colours"]["strike"]["colour"]
    assert sym["colours"]["strike"]["colour"] not in {sym["colours"][s]["colour"] for s in ("RU", "UA")}
    assert sym["events"]["strike"]["path"] != sym["events"]["other"]["path"]
    legend = box(page, "frontmap-legend")
    assert "strike: no ground changes hands" in legend and "strike (not a gain)" in legend
    assert "strike 1 (not gains)" in box(page, "frontmap-title")
    # a UA strike where RU claims a capture is not "both sides claim gains", and moves no control
    assert "both sides claim gains" not in contested_reason([c.claim for c in claims])
    assert [ch["a"] for ch in data["control"]["changes"]] == ["RU"]
    assert "strike: no ground changes hands" in box(page, "frontmap-legend-key")


def test_reference_cities_come_from_the_gazetteer():
    from frontmap.gazetteer.schema import theatre
    from frontmap.gazetteer.store import default_gazetteer
    from frontmap.render.assets import symbols
    rule = symbols()["cities"]
    data = payload(render_map("2024-05-01", [stored(claim(place("Alphaville", 48.0, 37.0)))], attribution=ATTR))
    cities = data["cities"]
    assert len(cities) >= 10
    oblasts = set(theatre()["theatre_oblasts"])
    by_name = {}
    for e in default_gazetteer().entries("settlement"):
        by_name.setdefault(e.name, []).append(e)
    for name, lat, lon, centre in cities:
        entry = next(e for e in by_name[name] if round(e.lat, 5) == lat and round(e.lon, 5) == lon)
        assert entry.oblast in oblasts and entry.feature not in rule["skip_features"]
        assert centre == (entry.feature in rule["centre_features"])
        assert centre or entry.population >= rule["min_population"]
    assert any(c[3] for c in cities)


# --- the title box's tools (issue 13) ---------------------------------------------------------

def test_the_filters_offer_the_dates_groups_events_stances_and_confidence_steps():
    claims = [stored(claim(place("A", 48.0, 37.0))),
              stored(claim(place("B", 47.0, 36.0), side="UA", event="repelled", stance="hedged"), 2),
              stored(claim(place("C", 47.2, 36.2), side="outlet", event="advance", stance="hedged"), 3),
              stored(claim(place("D", None, None), side="UA", event="strike"), 4)]    # not on the map
    filters = box(render_map("2024-05-01", claims, attribution=ATTR), "fm-filters")

    def values(key: str) -> list[str]:
        part = re.search(rf'data-filter="{key}">(.*?)</fieldset>', filters, re.S).group(1)
        return re.findall(r'data-value="([^"]*)" checked> ([^<]*) <small>\((\d+)\)', part)
    assert values("s") == [("RU", "Russian officials and sources", "1"), ("UA", "Ukrainian officials and sources", "1"),
                           ("third", "OSINT and third parties", "0"), ("outlet", "outlets", "1")]
    assert values("e") == [("advance", "advance", "1"), ("captured", "captured", "1"), ("repelled", "repelled", "1")]
    assert values("t") == [("asserted", "asserted", "1"), ("hedged", "hedged", "2")]
    assert re.findall(r'<option value="([^"]*)"', filters) == ["0", "0.5", "0.8"]   # the marker sizes' steps
    empty = render_map("2024-05-01", [stored(claim(place("D", None, None)))], attribution=ATTR)
    assert 'id="fm-filters"' not in empty and 'id="fm-search"' not in empty        # nothing to filter or find


def test_the_search_gets_every_spelling_the_reports_wrote_of_a_place():
    other = place("Betatown", 47.5, 36.5)
    other.text = "Betagorod"
    evil = place("Betatown", 47.5, 36.5)
    evil.text = EVIL
    claims = [stored(claim(place("Betatown", 47.5, 36.5)), 1), stored(claim(other), 2), stored(claim(evil), 3),
              stored(claim(other), 4), stored(claim(place("Gamma", 47.9, 36.9)), 5)]
    page = render_map("2024-05-01", claims, attribution=ATTR)
    places = payload(page)["places"]
    assert [(p["n"], p.get("aka")) for p in places] == [("Betatown", ["Betagorod", EVIL]), ("Gamma", None)]
    assert EVIL not in page.split('id="frontmap-data">')[0]         # in the JSON only, made safe there
