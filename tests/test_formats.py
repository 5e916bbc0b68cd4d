"""Output formats: json, csv, geojson, table, and place lists."""
from __future__ import annotations

import csv
import io
import json

import pytest

from frontmap.errors import FrontmapError
from frontmap.formats import (CLAIM_ROW_COLUMNS, FORMATS, PLACE_FORMATS, format_extractions,
                              format_places)
from frontmap.model import Claim, Extraction, Place, Report

TEXT = "Officials said units entered Velykyi Burluk; shelling hit an unnamed hamlet."


def make_extraction() -> Extraction:
    burluk = Place(text="Velykyi Burluk", start=29, end=43, name="Velykyi Burluk", kind="settlement",
                   oblast="Kharkiv", lat=50.0602, lon=37.3895, id="gn:1", confidence=0.95,
                   status="resolved", alternatives=[{"name": "Burluk", "id": "gn:2"}])
    hamlet = Place(text="Zelenyi Hai", start=0, end=11, name=None, kind=None, oblast=None, lat=None,
                   lon=None, id=None, confidence=0.2, status="unresolved", reason="no gazetteer match")
    claims = [
        Claim(place=burluk, event="advance", beneficiary="RU", claimant="the ministry, in a briefing",
              claimant_side="RU", stance="asserted", evidence='units entered "Velykyi Burluk",\nat night',
              evidence_start=17, evidence_end=43, event_date="2024-05-10"),
        Claim(place=hamlet, event="strike", beneficiary="RU", claimant="Зеленський", claimant_side="UA",
              stance="reported", evidence="shelling hit"),
    ]
    return Extraction(report=Report(path="r/one.txt", date="2024-05-11", text=TEXT),
                      places=[burluk, hamlet], claims=claims)


def test_json_round_trip_and_key_order():
    ext = make_extraction()
    out = format_extractions([ext], "json")
    data = json.loads(out)
    assert data == {"reports": [json.loads(json.dumps(ext.to_dict()))]}
    report = data["reports"][0]
    assert list(report) == ["path", "date", "places", "claims"]
    assert list(report["places"][0])[:4] == ["text", "start", "end", "name"]
    assert "Зеленський" in out                          # not \u-escaped
    assert not out.endswith("\n")


def test_geojson_uses_lon_lat_order_and_null_geometry():
    data = json.loads(format_extractions([make_extraction()], "geojson"))
    assert data["type"] == "FeatureCollection"
    first, second = data["features"]
    assert first["type"] == "Feature"
    assert first["geometry"] == {"type": "Point", "coordinates": [37.3895, 50.0602]}
    assert second["geometry"] is None
    props = first["properties"]
    assert props["report"] == "r/one.txt" and props["report_date"] == "2024-05-11"
    assert props["place"] == "Velykyi Burluk" and props["lat"] == 50.0602
    assert props["event"] == "advance" and props["claimant_side"] == "RU"
    # flat: no nested place, and no property named geometry for geopandas to drop
    assert "geometry" not in props and not any(isinstance(v, (dict, list)) for v in props.values())
    assert props["time_precision"] == 1 and props["event_date"] == "2024-05-10"
    assert second["properties"]["time_precision"] == 2 and second["properties"]["event_date"] == "2024-05-11"


def test_csv_header_rows_and_quoting():
    out = format_extractions([make_extraction()], "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == list(CLAIM_ROW_COLUMNS)
    assert rows[0][:4] == ["place", "place_text", "place_id", "oblast"]
    assert {"raion", "lat", "lon", "event", "stance", "evidence", "geo_precision", "time_precision"} <= set(rows[0])
    assert len(rows) == 3                               # header + one row per claim
    first = dict(zip(rows[0], rows[1]))
    assert first["evidence"] == 'units entered "Velykyi Burluk",\nat night'
    assert first["claimant"] == "the ministry, in a briefing"
    assert first["lat"] == "50.0602"
    assert json.loads(first["alternatives"]) == [{"id": "gn:2", "name": "Burluk", "kind": None, "oblast": None,
                                                  "raion": None, "lat": None, "lon": None, "score": None}]
    second = dict(zip(rows[0], rows[2]))
    assert second["place"] == "Zelenyi Hai" and second["lat"] == "" and second["beneficiary"] == "RU"


def test_extract_and_export_flatten_a_claim_alike():
    from frontmap.exports import claim_record

    ext = make_extraction()
    row = dict(zip(*list(csv.reader(io.StringIO(format_extractions([ext], "csv"))))[:2]))
    record = claim_record(ext.claims[0], ext.report.path, ext.report.date)
    assert list(row) == list(record)
    assert row["place"] == record["place"] and row["geo_precision"] == str(record["geo_precision"])


def test_csv_without_claims_is_header_only():
    ext = make_extraction()
    ext.claims = []
    assert format_extractions([ext], "csv") == ",".join(CLAIM_ROW_COLUMNS)


def test_table_shows_places_and_claims():
    out = format_extractions([make_extraction()], "table")
    assert "Velykyi Burluk" in out and "Zelenyi Hai" in out
    assert "advance" in out and "strike" in out and "unresolved" in out
    assert "r/one.txt" in out and "\x1b[" not in out    # no terminal colour codes


def test_unknown_format_names_the_valid_ones():
    with pytest.raises(FrontmapError, match="'xml'.*json, csv, geojson, table"):
        format_extractions([make_extraction()], "xml")
    with pytest.raises(FrontmapError, match="json, csv, table"):
        format_places([], "geojson")
    assert FORMATS == ("json", "csv", "geojson", "table") and "geojson" not in PLACE_FORMATS


def test_format_places_json_csv_table():
    ext = make_extraction()
    as_json = json.loads(format_places(ext.places, "json"))
    assert as_json[0]["name"] == "Velykyi Burluk" and as_json[1]["status"] == "unresolved"
    rows = list(csv.DictReader(io.StringIO(format_places(ext.places, "csv"))))
    assert rows[0]["lat"] == "50.0602" and rows[0]["lon"] == "37.3895"
    assert rows[1]["reason"] == "no gazetteer match"
    table = format_places(ext.places, "table", width=250)
    assert "Velykyi Burluk" in table and "no gazetteer match" in table
    assert "Burluk" in table.split("Velykyi Burluk", 1)[1]  # alternatives listed by name


def test_format_places_accepts_dicts_and_flattens_nesting():
    rows = [{"score": 0.9, "entry": {"name": "Izium", "lat": 49.21, "lon": 37.25}},
            {"score": 0.5, "entry": {"name": "Balakliia", "lat": 49.46, "lon": 36.86}, "note": "a, b"}]
    out = format_places(rows, "csv")
    parsed = list(csv.DictReader(io.StringIO(out)))
    assert list(parsed[0]) == ["score", "entry_name", "entry_lat", "entry_lon", "note"]
    assert parsed[1]["note"] == "a, b" and parsed[0]["note"] == ""
    assert json.loads(format_places(rows, "json"))[0]["entry"]["name"] == "Izium"
    with pytest.raises(FrontmapError, match="cannot format"):
        format_places([42], "csv")


def test_geojson_uses_the_claims_own_geometry():
    import json as _json
    from frontmap.formats import format_extractions
    from frontmap.model import Claim, Extraction, Geometry, Place, Point, Report
    place = Place("Alphaville", 0, 10, "Alphaville", "settlement", "Donetsk", 48.0, 37.0, "gn:1", 0.9, "resolved")
    line = Geometry("line", (Point(lat=48.0, lon=37.0), Point(lat=48.1, lon=37.2)), text="along the road")
    offset = Geometry("offset", (Point(lat=48.0, lon=36.9),), text="8 km west of Alphaville")
    claims = [Claim(place, "advance", "RU", "the outlet", "outlet", "reported", "e1", geometry=line),
              Claim(place, "fighting", None, "the outlet", "outlet", "reported", "e2", geometry=offset),
              Claim(place, "strike", "RU", "the outlet", "outlet", "reported", "e3")]
    ext = Extraction(Report("r.txt", "2025-01-01", "text"), [place], claims)
    feats = _json.loads(format_extractions([ext], "geojson"))["features"]
    assert feats[0]["geometry"] == {"type": "LineString", "coordinates": [[37.0, 48.0], [37.2, 48.1]]}
    assert feats[1]["geometry"] == {"type": "Point", "coordinates": [36.9, 48.0]}
    assert feats[2]["geometry"] == {"type": "Point", "coordinates": [37.0, 48.0]}


# --- CSV formula injection (OWASP): a text cell a spreadsheet would run is prefixed with ' ----------

FORMULAS = ("=HYPERLINK(\"http://x\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(1)", "\tTAB", "\rCR")


def hostile_extraction() -> Extraction:
    ext = make_extraction()
    ext.report.path = "=HYPERLINK(\"http://x\").txt"
    burluk, hamlet = ext.claims[0].place, ext.claims[1].place
    burluk.lon = -37.3895                                 # a negative number is a number, not a formula
    ext.claims = [Claim(place=burluk, event="advance", beneficiary="RU", claimant=f, claimant_side="RU",
                        stance="asserted", evidence=f) for f in FORMULAS]
    hamlet.text = "-Zelenyi Hai"
    return ext


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_text_cells_that_a_spreadsheet_would_run_are_prefixed():
    rows = csv_rows(format_extractions([hostile_extraction()], "csv"))
    assert [r["evidence"] for r in rows] == [f"'{f}" for f in FORMULAS]
    assert [r["claimant"] for r in rows] == [f"'{f}" for f in FORMULAS]
    assert {r["report"] for r in rows} == {"'=HYPERLINK(\"http://x\").txt"}
    assert {r["lon"] for r in rows} == {"-37.3895"}              # numbers stay numbers
    assert {r["lat"] for r in rows} == {"50.0602"}


def test_csv_cells_that_only_contain_formula_characters_later_are_left_alone():
    rows = csv_rows(format_extractions([make_extraction()], "csv"))
    assert rows[0]["evidence"] == 'units entered "Velykyi Burluk",\nat night'
    assert rows[0]["place"] == "Velykyi Burluk"


def test_raw_csv_leaves_every_cell_as_it_is():
    rows = csv_rows(format_extractions([hostile_extraction()], "csv", raw_csv=True))
    assert [r["evidence"] for r in rows] == list(FORMULAS)
    assert {r["report"] for r in rows} == {"=HYPERLINK(\"http://x\").txt"}


def test_place_lists_in_csv_are_neutralised_too():
    rows = [{"name": "=1+1", "lat": -1.5, "note": "@x", "n": -3, "ok": "Kupiansk"}]
    out = csv_rows(format_places(rows, "csv"))
    assert out == [{"name": "'=1+1", "lat": "-1.5", "note": "'@x", "n": "-3", "ok": "Kupiansk"}]
    assert csv_rows(format_places(rows, "csv", raw_csv=True))[0]["name"] == "=1+1"
    assert "'" not in format_places(rows, "json")         # json and tables are not spreadsheets


def test_one_helper_neutralises_a_cell():
    from frontmap.formats import csv_cell
    assert [csv_cell(v) for v in ("=a", "+a", "-a", "@a", "\ta", "\ra", "a=b", "", None, -2.5, 0, True)] \
        == ["'=a", "'+a", "'-a", "'@a", "'\ta", "'\ra", "a=b", "", "", "-2.5", "0", "True"]
    assert csv_cell("=a", raw=True) == "=a"


def test_to_dict_gives_what_dataclasses_asdict_gives_in_the_same_order():
    import dataclasses

    from frontmap.model import Geometry, Point

    ext = make_extraction()
    shaped = dataclasses.replace(ext.claims[0], geometry=Geometry("offset", (Point(50.1, 37.4),), text="8 km west"))
    for claim in (*ext.claims, shaped):
        expected = dataclasses.asdict(claim)
        expected["geometry"] = claim.geometry.to_dict() if claim.geometry else None
        assert list(claim.to_dict().items()) == list(expected.items())
    for place in ext.places:
        assert list(place.to_dict().items()) == list(dataclasses.asdict(place).items())
    assert ext.places[0].to_dict()["alternatives"][0]["name"] == "Burluk"


def test_plain_table_draws_what_rich_draws():
    """The table drawn without rich is rich's table, character for character, and rich draws the
    rest (markup, emoji codes, wide or control characters, anything that would wrap)."""
    import random

    from frontmap.formats import _CLAIM_COLUMNS, _PLACE_COLUMNS, _plain_table, _render, _rich_table

    rng = random.Random(7)
    tame = list("abcXYZ 019-.,’–()ÉéїєіКиїв") + ["  "]
    wild = tame + ["漢", "\u0301", ":", "[b]", ":x:", "\t", "\n", "\u2028", "\xa0", "😀"]
    plain = 0
    for k in range(600):
        alphabet = tame if k % 2 else wild
        columns = rng.choice([_PLACE_COLUMNS, _CLAIM_COLUMNS])
        rows = [tuple("".join(rng.choice(alphabet) for _ in range(rng.choice([0, 1, 3, 8, 25])))
                      for _ in columns) for _ in range(rng.choice([0, 1, 3]))]
        title = rng.choice(["r.txt (2024-05-10): places", "a b.txt (None): claims", "x" * rng.randint(30, 120),
                            "a[b] (c): places", "a:b:c (d)"])
        width = rng.choice([140, 80, 60, 45])
        lines = _plain_table(title, columns, rows, width)
        if lines is not None:
            plain += 1
            assert "\n".join(line.rstrip() for line in lines) == _render([_rich_table(title, columns, rows)], width)
    assert plain > 50


def test_table_with_markup_is_drawn_by_rich():
    ext = make_extraction()
    ext.claims[0].claimant = "[bold]the ministry[/bold] :thumbs_up:"
    out = format_extractions([ext], "table")
    assert "the ministry 👍" in out and "[bold]" not in out
