"""Claimed areas and verdicts against a reference, per date (ledger.areas, .reference, .assess)."""
from __future__ import annotations

import gzip
import json
import math

import pytest
import shapely
from click.testing import CliRunner
from shapely.geometry import shape

from frontmap.cli import cli
from frontmap.errors import MapError
from frontmap.ledger.areas import MIN_RADIUS_KM, area_km2, claimed_areas, disc, radius_km
from frontmap.ledger.assess import assess
from frontmap.ledger.control import control_from_claims
from frontmap.ledger.reference import load_references
from support import SEEDS, SHARED, needs_shared
from test_control import claim, on

# a square of "assessed occupied ground" from lon 37..38, lat 47.5..48.5; our places sit at 37.5/48.0
SQUARE = {"type": "Polygon", "coordinates": [[[37, 47.5], [38, 47.5], [38, 48.5], [37, 48.5], [37, 47.5]]]}
FAR = {"type": "Polygon", "coordinates": [[[30, 45], [31, 45], [31, 46], [30, 46], [30, 45]]]}


def write(path, geometry):
    path.write_text(json.dumps({"type": "FeatureCollection",
                                "features": [{"type": "Feature", "properties": {}, "geometry": geometry}]}))
    return path


def test_a_settlements_radius_grows_with_its_population_within_bounds():
    assert radius_km(0) == radius_km(300) == MIN_RADIUS_KM
    assert 2.0 < radius_km(20_000) < radius_km(80_000) < 5.0
    assert radius_km(10_000_000) == 15.0


def test_areas_are_equal_area_km2_and_discs_of_one_side_and_date_union():
    one = disc(48.0, 37.5, 2.0)
    assert area_km2(one) == pytest.approx(math.pi * 4, rel=0.01)
    assert area_km2(disc(51.5, 31.0, 2.0)) == pytest.approx(math.pi * 4, rel=0.01)   # true far from the centre
    ledger = control_from_claims(on("2024-05-01", claim("A", "captured", "RU", "RU"), claim("B", "captured", "RU", "RU"),
                                    claim("C", "liberated", None, "UA")))
    areas = claimed_areas(ledger.changes, population=lambda pid: 0)
    ru = next(a for a in areas if a.side == "RU")
    # A and B share a point: their discs overlap wholly, so the union is one disc, not two
    assert ru.places == ("A", "B") and ru.km2 == pytest.approx(math.pi, rel=0.02)
    assert [a.side for a in areas] == ["RU", "UA"] and ru.beyond_reference_km2 is None


def test_beyond_the_reference_is_ru_ground_outside_it_and_ua_ground_inside_it(tmp_path):
    refs = load_references(write(tmp_path / "occupied.geojson", SQUARE))
    ledger = control_from_claims(on("2024-05-01", claim("A", "captured", "RU", "RU"), claim("C", "liberated", None, "UA")))
    areas = {a.side: a for a in claimed_areas(ledger.changes, population=lambda pid: 0, reference=refs)}
    assert areas["RU"].beyond_reference_km2 == pytest.approx(0.0, abs=1e-6)
    assert areas["UA"].beyond_reference_km2 == pytest.approx(areas["UA"].km2)
    far = load_references(write(tmp_path / "far.geojson", FAR))
    areas = {a.side: a for a in claimed_areas(ledger.changes, population=lambda pid: 0, reference=far)}
    assert areas["RU"].beyond_reference_km2 == pytest.approx(areas["RU"].km2) and areas["UA"].beyond_reference_km2 == 0


def test_each_date_takes_its_own_reference_or_the_nearest_earlier_with_a_warning(tmp_path):
    folder = tmp_path / "refs"
    folder.mkdir()
    write(folder / "occupied_20240501.geojson", SQUARE)
    write(folder / "occupied_2024-05-03.geojson", FAR)
    (folder / "notes.txt").write_text("not a reference")
    refs = load_references(folder)
    assert sorted(refs.files) == ["2024-05-01", "2024-05-03"]
    assert refs.for_date("2024-05-03")[1:] == ("2024-05-03", None)
    ref, used, warning = refs.for_date("2024-05-02")
    assert used == "2024-05-01" and "no reference for 2024-05-02" in warning and "2024-05-01" in warning
    assert refs.for_date("2024-04-30")[0] is None and "earliest is 2024-05-01" in refs.for_date("2024-04-30")[2]
    assert sorted(load_references(str(folder / "*.geojson")).files) == ["2024-05-01", "2024-05-03"]
    with pytest.raises(MapError, match="no reference file or folder"):
        load_references(tmp_path / "missing")
    with pytest.raises(MapError, match="date in its name"):
        load_references(str(folder / "*.txt"))


def test_verdicts_say_inside_outside_by_km_or_no_reference(tmp_path):
    folder = tmp_path / "refs"
    folder.mkdir()
    write(folder / "20240502.geojson", SQUARE)
    ledger = control_from_claims(on("2024-05-01", claim("A", "captured", "RU", "RU"))
                                 + on("2024-05-02", claim("B", "liberated", None, "UA")))
    moved = ledger.between(None, "2024-05-02")
    result = assess(moved, ["2024-05-02"], moved, load_references(folder))
    assert result.verdicts[0]["verdict"] == "no reference"                  # 1 May: nothing that early
    assert result.verdicts[1]["verdict"] == "inside" and result.verdicts[1]["km"] == pytest.approx(37.2, abs=1)
    assert any("2024-05-01" in w for w in result.warnings)


def test_control_and_changes_give_verdicts_on_the_command_line(tmp_path):
    from test_control import REPORTS

    folder = tmp_path / "reports"
    folder.mkdir()
    for date, text in REPORTS.items():
        (folder / f"{date}.txt").write_text(f"date {date}\n\n{text}", encoding="utf-8")
    db = str(tmp_path / "l.db")
    assert CliRunner().invoke(cli, ["ingest", str(folder), "--db", db]).exit_code == 0
    ref = write(tmp_path / "far.geojson", FAR)
    result = CliRunner().invoke(cli, ["control", "--db", db, "--date", "2025-11-23", "--reference", str(ref),
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["places"][0]["reference"]["verdict"] == "outside" and data["places"][0]["reference"]["km"] > 100
    assert data["areas"][0]["side"] == "RU" and data["areas"][0]["beyond_reference_km2"] == data["areas"][0]["km2"]
    table = CliRunner().invoke(cli, ["changes", "2025-11-23", "2025-11-25", "--db", db, "--reference", str(ref)]).stdout
    assert "outside by" in table and "UA newly claimed" in table
    bad = CliRunner().invoke(cli, ["control", "--db", db, "--reference", str(tmp_path / "nowhere")])
    assert bad.exit_code == 1 and "no reference file or folder" in bad.output


@needs_shared
def test_seed_capture_verdicts_match_an_independent_check_against_the_deepstate_files(tmp_path):
    refs = SHARED / "data" / "reference"
    db = str(tmp_path / "seeds.db")
    assert CliRunner().invoke(cli, ["ingest", str(SEEDS), "--db", db]).exit_code == 0
    date = "2025-11-22"
    result = CliRunner().invoke(cli, ["control", "--db", db, "--date", date, "--reference", str(refs),
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    doc = json.loads(gzip.decompress((refs / "deepstate_occupied_20251122.geojson.gz").read_bytes()))
    occupied = shapely.union_all([shapely.make_valid(shape(f["geometry"])) for f in doc["features"]])
    held = [p for p in data["places"] if p["status"] in ("RU", "UA") and p["lat"] is not None]
    assert held
    for p in held:
        inside = occupied.contains(shapely.Point(p["lon"], p["lat"]))
        assert p["reference"]["verdict"] == ("inside" if inside else "outside"), p["place"]
        assert p["reference"]["reference_date"] == date
    ru = next(a for a in data["areas"] if a["side"] == "RU")
    assert 0 <= ru["beyond_reference_km2"] <= ru["km2"]
    table = CliRunner().invoke(cli, ["control", "--db", db, "--date", date, "--reference", str(refs)]).stdout
    assert "km² beyond the reference" in table


@pytest.mark.parametrize("ending, driver, crs", [
    (".gpkg", "GPKG", "EPSG:4326"), (".fgb", "FlatGeobuf", "EPSG:3857"), (".kml", "KML", "EPSG:4326"),
    (".shp", "ESRI Shapefile", "EPSG:32637"), (".parquet", None, "EPSG:4326"),
])
def test_a_reference_in_any_gis_format_is_read_and_reprojected(tmp_path, ending, driver, crs):
    import geopandas as gpd

    from frontmap.model import Point

    frame = gpd.GeoDataFrame({"n": [1]}, geometry=[shape(SQUARE)], crs="EPSG:4326").to_crs(crs)
    path = tmp_path / f"occupied_20240501{ending}"
    frame.to_parquet(path) if driver is None else frame.to_file(path, driver=driver)
    refs = load_references(tmp_path)
    assert list(refs.files) == ["2024-05-01"]
    ref = refs.for_date("2024-05-01")[0]
    inside, outside = ref.verdicts([Point(lat=48.0, lon=37.5), Point(lat=50.0, lon=30.0)])
    assert inside["verdict"] == "inside" and outside["verdict"] == "outside"
    assert inside["km"] == pytest.approx(37.2, abs=1.5)


def test_a_gis_file_with_no_polygons_is_refused(tmp_path):
    import geopandas as gpd

    path = tmp_path / "points.gpkg"
    gpd.GeoDataFrame({"n": [1]}, geometry=[shapely.Point(37.5, 48.0)], crs="EPSG:4326").to_file(path)
    with pytest.raises(MapError, match="holds no polygons"):
        load_references(path).for_date("2024-05-01")
