"""`frontmap export`: the ledger as GIS layers, round-tripped through geopandas (frontmap.exports)."""
from __future__ import annotations

import pyogrio
import pytest
from click.testing import CliRunner

import geopandas as gpd
from frontmap.cli import cli
from frontmap.exports import CLAIM_COLUMNS, LAYERS
from support import D1, D2, make_ledger

ENDINGS = (".gpkg", ".parquet", ".fgb", ".geojson", ".csv", ".kml")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return str(make_ledger(tmp_path_factory.mktemp("export") / "l.db"))


def run(*args):
    return CliRunner().invoke(cli, list(args))


def read(path):
    if path.suffix == ".parquet":
        return gpd.read_parquet(path)
    if path.suffix == ".csv":
        import pandas as pd

        return pd.read_csv(path, dtype=str, keep_default_na=False)
    return gpd.read_file(path, layer="claims") if path.suffix == ".gpkg" else gpd.read_file(path)


@pytest.mark.parametrize("ending", ENDINGS)
def test_every_format_round_trips_the_claims(db, tmp_path, ending):
    out = tmp_path / f"claims{ending}"
    result = run("export", "--db", db, "--out", str(out))
    assert result.exit_code == 0, result.output
    back = read(out)
    assert len(back) == 7                                   # the ledger's seven claims
    if ending == ".kml":                                    # KML keeps a name and a description per feature
        assert "Alphaville" in set(back["Name"])
        return
    assert set(CLAIM_COLUMNS) <= set(back.columns)
    assert "geometry" not in CLAIM_COLUMNS                  # a property named geometry is lost in geopandas
    assert set(back["event"]) == {"captured", "advance", "withdrawal", "strike", "fighting"}
    if ending != ".csv":
        assert back.crs.to_epsg() == 4326
        alpha = back[back["place"] == "Alphaville"].geometry.iloc[0]
        assert (round(alpha.x, 4), round(alpha.y, 4)) == (37.6, 48.2)     # lon, lat
        assert back[back["place_status"] == "unresolved"].geometry.iloc[0] is None
    else:
        assert back[back["place"] == "Alphaville"]["wkt"].iloc[0] == "POINT (37.6 48.2)"


def test_a_geopackage_holds_every_layer(db, tmp_path):
    out = tmp_path / "all.gpkg"
    assert run("export", "--db", db, "--out", str(out)).exit_code == 0
    assert [name for name, _ in pyogrio.list_layers(out)] == list(LAYERS)
    control = gpd.read_file(out, layer="control")
    latest = control[control["date"] == D2]
    assert dict(zip(latest["place"], latest["status"]))["Alphaville"] == "contested"    # captured, then denied
    areas = gpd.read_file(out, layer="areas")
    # Alphaville taken on the first date, Betatown given up by UA on the second: RU ground on both
    assert list(zip(areas["date"], areas["side"])) == [(D1, "RU"), (D2, "RU")] and areas["km2"].min() > 3


def test_dates_pick_the_rows(db, tmp_path):
    for args, n in ((("--date", D1), 2), (("--from", D2), 5), (("--to", D1), 2)):
        out = tmp_path / f"part{n}{args[0]}.geojson"
        assert run("export", "--db", db, "--out", str(out), *args).exit_code == 0
        assert len(read(out)) == n


def test_csv_is_neutralised_unless_raw_and_can_carry_a_bom(db, tmp_path):
    out = tmp_path / "c.csv"
    assert run("export", "--db", db, "--out", str(out), "--bom").exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("\ufeffplace,")
    assert run("export", "--db", db, "--out", str(out), "--layer", "places").exit_code == 0
    assert "place_text" in out.read_text(encoding="utf-8").splitlines()[0]


def test_bad_requests_are_clear(db, tmp_path):
    result = run("export", "--db", db, "--out", str(tmp_path / "x.shp"))
    assert result.exit_code == 2 and ".gpkg" in result.output
    result = run("export", "--db", db, "--out", str(tmp_path / "x.geojson"), "--layer", "claims", "--layer", "areas")
    assert result.exit_code == 1 and "one layer" in result.output
    assert run("export", "--db", db, "--out", str(tmp_path / "x.gpkg"), "--date", "2024-13-01").exit_code == 2
    result = run("export", "--db", db, "--out", str(tmp_path / "no" / "x.gpkg"))
    assert result.exit_code == 1 and "--mkdir" in result.output
    assert not list(tmp_path.glob(".*tmp*"))               # nothing half-written is left


def test_a_reports_source_link_reaches_the_ledger_and_every_export(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("date 2025-11-20\nsource: https://example.org/story\n\nRussian forces captured Kupiansk.\n",
                      encoding="utf-8")
    db = str(tmp_path / "l.db")
    assert run("ingest", str(report), "--db", db).exit_code == 0
    out = tmp_path / "c.geojson"
    assert run("export", "--db", db, "--out", str(out)).exit_code == 0
    assert set(read(out)["source_url"]) == {"https://example.org/story"}
    extracted = run("extract", str(report), "--format", "csv").stdout
    assert "https://example.org/story" in extracted
