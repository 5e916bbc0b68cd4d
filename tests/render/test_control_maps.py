"""The control layers of the maps (issue 12): each date's control changes and claimed areas,
references by date, links between pages, the index's timeline, the time view, and briefs.

The page is read as text here; test_browser_time.py opens it in Chromium.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from frontmap.briefs.collect import collect_brief
from frontmap.cli import cli
from frontmap.errors import MapError
from frontmap.ledger.store import Ledger
from frontmap.model import Claim, Extraction, Place, Report
from frontmap.render.map import render_map, write_maps
from support import REPO

HERE = Path(__file__).resolve().parent
D0, D1, D2, D3 = "2024-04-30", "2024-05-01", "2024-05-02", "2024-05-03"
EVIL = "<img src=x onerror=alert(1)>"
# assessed occupied ground: a square around Alpha (48.0, 37.5); FAR lies nowhere near
SQUARE = {"type": "Polygon", "coordinates": [[[37, 47.5], [38, 47.5], [38, 48.5], [37, 48.5], [37, 47.5]]]}
FAR = {"type": "Polygon", "coordinates": [[[30, 45], [31, 45], [31, 46], [30, 46], [30, 45]]]}


def place(name, lat=48.0, lon=37.5):
    return Place(text=name, start=0, end=len(name), name=name, kind="settlement", oblast="Donetsk",
                 lat=lat, lon=lon, id=f"gn:{name}", confidence=0.9, status="resolved")


def claim(p, event, beneficiary, side, claimant, evidence, stance="asserted"):
    return Claim(place=p, event=event, beneficiary=beneficiary, claimant=claimant, claimant_side=side,
                 stance=stance, evidence=evidence)


def three_dates(db: Path) -> Path:
    """Alpha: captured (RU) on D1, fought over on D2, liberated (UA, a reversal) on D3; Beta, with a
    hostile name, captured on D2; D0 has a strike only (no control change)."""
    alpha, beta, gamma = place("Alpha"), place("Beta" + EVIL, 48.3, 37.9), place("Gamma", 47.0, 36.0)
    days = {
        D0: [claim(gamma, "strike", None, "UA", "Air force", "A strike hit Gamma.")],
        D1: [claim(alpha, "captured", "RU", "RU", "Defence ministry", "Troops took Alpha, the ministry said.")],
        D2: [claim(alpha, "fighting", None, "UA", "General Staff", "Fighting goes on in Alpha."),
             claim(beta, "captured", "RU", "RU", EVIL, f"Troops took Beta{EVIL} </script>.")],
        D3: [claim(alpha, "liberated", "UA", "UA", "Brigade", "The brigade liberated Alpha.")],
    }
    with Ledger(db) as ledger:
        for date, claims in days.items():
            text = f"Report of {date}.\n"
            report = Report(path=f"/in/{date}.txt", date=date, text=text,
                            sha256=hashlib.sha256(text.encode()).hexdigest())
            ledger.ingest([Extraction(report=report, places=[c.place for c in claims], claims=claims)])
    return db


def payload(page: str) -> dict:
    raw = re.search(r'<script type="application/json" id="frontmap-data">(.*?)</script>', page, re.S)
    return json.loads(raw.group(1))


def write_geojson(path: Path, geometry) -> Path:
    path.write_text(json.dumps({"type": "FeatureCollection",
                                "features": [{"type": "Feature", "properties": {}, "geometry": geometry}]}))
    return path


@pytest.fixture(scope="module")
def maps(tmp_path_factory):
    folder = tmp_path_factory.mktemp("control-maps")
    with Ledger(three_dates(folder / "l.db")) as ledger:
        written = write_maps(ledger, folder / "maps", attribution="Places: test")
    return folder, {p.name: p.read_text(encoding="utf-8") for p in written}


# --- each date's control changes and claimed areas ----------------------------------------------

def test_each_date_draws_its_control_changes_with_the_claims_that_moved_them(maps):
    _, pages = maps
    assert payload(pages[f"{D0}.html"])["control"] == {"changes": [], "areas": []}
    first = payload(pages[f"{D1}.html"])
    (change,) = first["control"]["changes"]
    assert (change["n"], change["b"], change["a"], change["rv"]) == ("Alpha", "unknown", "RU", False)
    assert [first["claims"][i]["c"] for i in change["cl"]] == ["Defence ministry"]
    assert "v" not in change                                   # no reference given: no verdict
    last = payload(pages[f"{D3}.html"])
    (change,) = last["control"]["changes"]
    assert (change["b"], change["a"], change["rv"]) == ("contested", "UA", True)     # the reversal
    assert [last["claims"][i]["c"] for i in change["cl"]] == ["Brigade"]
    second = payload(pages[f"{D2}.html"])
    assert [(c["n"], c["b"], c["a"]) for c in second["control"]["changes"]] == [
        ("Alpha", "RU", "contested"), ("Beta" + EVIL, "unknown", "RU")]
    assert "control changes: <b>1</b> (to RU 0, to UA 1, contested 0; <b>1</b> reversal(s))" in pages[f"{D3}.html"]


def test_claimed_areas_per_side_are_rounded_polygons_with_their_km2(maps):
    _, pages = maps
    (ru,) = payload(pages[f"{D1}.html"])["control"]["areas"]
    assert ru["side"] == "RU" and ru["places"] == ["Alpha"] and ru["beyond"] is None
    assert ru["km2"] == pytest.approx(3.1, abs=0.1)          # a village's 1 km disc
    ring = ru["geo"]["coordinates"][0]
    assert ring[0] == ring[-1] and len(ring) > 16
    assert all(len(repr(x).split(".")[1]) <= 5 for point in ring for x in point)
    (ua,) = payload(pages[f"{D3}.html"])["control"]["areas"]
    assert ua["side"] == "UA"


def test_claims_behind_changes_are_not_carried_twice_and_report_text_stays_text(maps):
    _, pages = maps
    page = pages[f"{D2}.html"]
    assert page.count("Troops took") == 1                     # in the claims; the change points at it
    assert "<img" not in page and page.count("</script>") == page.count("<script")
    assert payload(page)["control"]["changes"][1]["n"] == "Beta" + EVIL


def test_pages_link_to_the_previous_and_next_dates_the_index_and_the_time_view(maps):
    _, pages = maps
    middle = pages[f"{D1}.html"]
    assert f'<a href="{D0}.html" rel="prev"' in middle and f'<a href="{D2}.html" rel="next"' in middle
    assert '<a href="index.html"' in middle and '<a href="time.html"' in middle
    assert 'rel="prev"' not in pages[f"{D0}.html"] and 'rel="next"' not in pages[f"{D3}.html"]
    alone = render_map(D1, [], attribution="x")               # a map on its own links nowhere
    assert 'rel="prev"' not in alone and "fm-nav" not in alone.split("</style>")[-1]


def test_the_index_shows_a_timeline_of_changes_per_date_and_side(maps):
    _, pages = maps
    index = pages["index.html"]
    assert '<a href="time.html" id="fm-time-link">' in index
    timeline = index.split('<h2 id="fm-timeline">')[1]
    rows = {m[0]: re.findall(r'<td class="fm-n">(.*?)</td>', m[1])
            for m in re.findall(r'<tr><td><a href="([\d-]+)\.html">.*?</a></td>(.*?)</tr>', timeline)}
    # to RU, to UA, contested, reversals
    assert rows == {D0: ["0", "0", "0", "0"], D1: ["1", "0", "0", "0"], D2: ["1", "0", "1", "0"],
                    D3: ["0", "1", "0", "1 (UA 1)"]}
    assert timeline.count("<svg") == 4 and "<title>to UA: 1</title>" in timeline
    assert "http" not in timeline


# --- references by date --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def dated_refs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("refs")
    write_geojson(folder / "occupied_20240501.geojson", SQUARE)
    write_geojson(folder / "occupied_20240503.geojson", FAR)
    return folder


def test_each_dates_map_takes_its_own_reference_or_the_nearest_earlier_with_a_warning(tmp_path, dated_refs):
    warnings: list[str] = []
    with Ledger(three_dates(tmp_path / "l.db")) as ledger:
        write_maps(ledger, tmp_path / "maps", attribution="x", reference=dated_refs, warn=warnings.append)
    page = {d: payload((tmp_path / "maps" / f"{d}.html").read_text()) for d in (D0, D1, D2, D3)}
    assert page[D1]["reference"]["name"] == "occupied_20240501.geojson"
    assert page[D1]["control"]["changes"][0]["v"] == {"verdict": "inside", "km": pytest.approx(37.0, abs=0.5)}
    assert page[D2]["reference"]["name"] == "occupied_20240501.geojson (of 2024-05-01, the nearest earlier)"
    assert page[D3]["reference"]["name"] == "occupied_20240503.geojson"
    assert page[D3]["control"]["changes"][0]["v"]["verdict"] == "outside"
    assert page[D3]["places"][0]["ref"] == "outside the reference polygons"
    # before the earliest reference: no overlay, and the popups say there is none
    assert page[D0]["reference"] is None and page[D0]["no_reference"] is True
    assert "reference: none for this date" in (tmp_path / "maps" / f"{D0}.html").read_text()
    assert any(f"no reference for {D0}" in w for w in warnings)
    assert any(f"no reference for {D2}" in w and "using 2024-05-01" in w for w in warnings)
    assert len(warnings) == len(set(warnings)) == 2


def test_one_reference_file_still_serves_every_date_without_warnings(tmp_path):
    ref = write_geojson(tmp_path / "ref.geojson", SQUARE)
    warnings: list[str] = []
    with Ledger(three_dates(tmp_path / "l.db")) as ledger:
        write_maps(ledger, tmp_path / "maps", attribution="x", reference=ref, warn=warnings.append)
    data = payload((tmp_path / "maps" / f"{D0}.html").read_text())
    assert warnings == [] and data["reference"]["name"] == "ref.geojson" and data["no_reference"] is False
    assert data["places"][0]["ref"].startswith("outside the reference polygons")


def test_the_map_command_takes_a_folder_warns_on_stderr_and_refuses_a_missing_one(tmp_path, dated_refs):
    db = three_dates(tmp_path / "l.db")
    result = CliRunner().invoke(cli, ["map", "--db", str(db), "--out", str(tmp_path / "maps"), "--mkdir",
                                      "--reference", str(dated_refs)])
    assert result.exit_code == 0, result.output
    assert f"warning: no reference for {D2}" in result.stderr and "warning" not in result.stdout
    assert (tmp_path / "maps" / "time.html").exists()
    bad = CliRunner().invoke(cli, ["map", "--db", str(db), "--out", str(tmp_path / "none"), "--mkdir",
                                   "--reference", str(tmp_path / "nowhere")])
    assert bad.exit_code == 1 and "no reference file or folder" in bad.output
    assert not (tmp_path / "none").exists()


def test_a_bad_reference_file_in_a_folder_writes_nothing(tmp_path, dated_refs):
    folder = tmp_path / "refs"
    folder.mkdir()
    (folder / "occupied_20240502.geojson").write_text("not json")
    with Ledger(three_dates(tmp_path / "l.db")) as ledger:
        with pytest.raises(MapError, match="not readable GeoJSON"):
            write_maps(ledger, tmp_path / "maps", reference=folder, warn=lambda _: None)
    assert not (tmp_path / "maps").exists()


def test_briefs_give_each_capture_claims_verdict_and_the_control_changes(tmp_path, dated_refs):
    with Ledger(three_dates(tmp_path / "l.db")) as ledger:
        brief = collect_brief(ledger, D2, attribution="x", reference=dated_refs, warn=lambda _: None)
        plain = collect_brief(ledger, D2, attribution="x")
    by = {s.title: s for s in brief.sections}
    ru = by["Russian officials and sources (1)"]
    assert ru.columns[-1] == "vs reference" and ru.rows[0][2] == "captured"
    assert ru.rows[0][-1].startswith("inside (")              # Beta lies in the square
    ua = by["Ukrainian officials and sources (1)"]
    assert ua.rows[0][2] == "fighting" and ua.rows[0][-1] == ""          # not a capture claim
    assert by["Newly claimed"].rows[-1][-1].startswith("inside (")
    control = by["Control changes"]
    assert [(r[0], r[3], r[4]) for r in control.rows] == [("Alpha", "RU \u2192 contested", ""),
                                                           ("Beta" + EVIL, "unknown \u2192 RU", "")]
    assert control.rows[0][-1].startswith("inside (")
    assert "judged against the assessed area of occupied_20240501.geojson (of 2024-05-01)" in \
        by["Claims by claimant group"].note
    assert "vs reference" not in {c for s in plain.sections for c in s.columns}
    with Ledger(tmp_path / "l.db") as ledger:
        early = collect_brief(ledger, D0, attribution="x", reference=dated_refs, warn=lambda _: None)
    assert all(r[-1] in ("", "no reference for this date") for s in early.sections if "vs reference" in s.columns
               for r in s.rows)


# --- the time view ---------------------------------------------------------------------------------

def test_the_time_view_carries_every_change_once_in_date_order(maps):
    _, pages = maps
    page = pages["time.html"]
    data = payload(page)
    assert data["dates"] == [D0, D1, D2, D3]
    names = [p[0] for p in data["places"]]
    seen = [(data["dates"][c[0]], names[c[1]], c[2], c[3], c[4]) for c in data["changes"]]
    assert seen == [(D1, "Alpha", "unknown", "RU", 0), (D2, "Alpha", "RU", "contested", 0),
                    (D2, "Beta" + EVIL, "unknown", "RU", 0), (D3, "Alpha", "contested", "UA", 1)]
    assert [data["claimants"][data["claims"][i][0]] for c in data["changes"] for i in c[5]] == [
        "Defence ministry", "General Staff", EVIL, "Brigade"]
    assert "Troops took" not in page                           # the evidence is on the dates' maps
    assert [(data["dates"][a[0]], a[1]) for a in data["areas"]] == [(D1, "RU"), (D2, "RU"), (D3, "UA")]
    ring = data["areas"][0][4]["coordinates"][0]              # simplified, to 4 decimals: every date's areas
    assert ring[0] == ring[-1] and 8 <= len(ring) < 40
    assert all(len(repr(x).split(".")[1]) <= 4 for point in ring for x in point)
    assert 'id="fm-time-slider" min="0" max="3" step="1" value="3"' in page
    assert "<img" not in page and page.count("</script>") == page.count("<script")
    assert "frontmapTime(" in page and "frontmapDraw(" not in page
    assert not re.search(r"<script[^>]*\ssrc=", page) and "<link" not in page
    assert "jQuery" not in page and "markercluster" not in page.lower()


def test_the_time_view_is_byte_reproducible(maps, tmp_path):
    folder, pages = maps
    with Ledger(folder / "l.db") as ledger:
        again = write_maps(ledger, tmp_path / "again", attribution="Places: test")
    assert {p.name: p.read_text(encoding="utf-8") for p in again} == pages
    code = (f"import hashlib, sys; sys.path[:0] = {[str(HERE), str(REPO / 'tests')]!r}; "
            "import test_control_maps as t; from frontmap.ledger.store import Ledger; "
            "from frontmap.ledger.control import control_ledger; "
            "from frontmap.render.timeview import render_time_view; "
            f"led = Ledger({str(folder / 'l.db')!r}); "
            "print(hashlib.sha256(render_time_view(led.dates(), control_ledger(led), "
            "attribution='Places: test').encode()).hexdigest())")
    digests = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                              cwd=REPO, env={**os.environ, "PYTHONHASHSEED": seed}).stdout.strip()
               for seed in ("0", "1")}
    assert digests == {hashlib.sha256(pages["time.html"].encode()).hexdigest()}


def test_an_empty_ledger_writes_no_time_view(tmp_path):
    with Ledger(tmp_path / "empty.db") as ledger:
        written = write_maps(ledger, tmp_path / "maps")
    assert [p.name for p in written] == ["index.html"] and "time.html" not in written[0].read_text()
