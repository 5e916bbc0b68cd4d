"""One ledger, two back ends: concurrent ingests on SQLite and PostgreSQL, and what only PostGIS has
(geometry columns, spatial indexes, a schema kept in a table, the CLI on a postgresql:// URL)."""
from __future__ import annotations

import multiprocessing
import random
import time

import pytest
from click.testing import CliRunner

from frontmap.cli import cli
from frontmap.errors import LedgerError
from frontmap.ledger.store import SCHEMA_VERSION, Ledger
from frontmap.model import Geometry, Point
from support import SEEDS
from test_ledger import _V1_SCHEMA, extraction, snapshot

BATCH = 4


def _ingest_range(db: str, numbers: list[int], seed: int, barrier) -> tuple[int, int] | str:
    """Runs in a child: ingest these reports in batches, in a shuffled order, from the same start."""
    random.seed(seed)
    random.shuffle(numbers)
    added = skipped = 0
    try:
        barrier.wait()
        with Ledger(db) as ledger:
            for i in range(0, len(numbers), BATCH):
                stats = ledger.ingest([extraction(n, claims=1 + n % 3) for n in numbers[i:i + BATCH]])
                added, skipped = added + stats.reports_added, skipped + stats.reports_skipped
                time.sleep(random.uniform(0, 0.01))
        return added, skipped
    except Exception as exc:             # reported to the parent, which fails the test with it
        return f"{type(exc).__name__}: {exc}"


def test_two_concurrent_ingests_with_overlapping_reports_store_each_report_once(ledger_db):
    ctx = multiprocessing.get_context("fork")
    for round_ in range(3):                  # races are chancy: three rounds, each on new reports
        base = 100 * round_
        first, second = list(range(base, base + 30)), list(range(base + 15, base + 45))   # 15 in both
        barrier = ctx.Manager().Barrier(2)
        with ctx.Pool(2) as pool:
            results = pool.starmap(_ingest_range, [(ledger_db, first, 1 + round_, barrier),
                                                   (ledger_db, second, 7 + round_, barrier)])
        assert all(isinstance(r, tuple) for r in results), results
        assert sum(a for a, _ in results) == 45 and sum(s for _, s in results) == 15
    numbers = [base + n for base in (0, 100, 200) for n in range(45)]
    with Ledger(ledger_db) as ledger:
        reports = ledger.reports()
        assert sorted(r["path"] for r in reports) == sorted(f"/reports/r{n}.txt" for n in numbers)
        assert len({(r["sha256"], r["date"]) for r in reports}) == len(numbers)
        assert len(ledger.claims()) == sum(1 + n % 3 for n in numbers)       # nothing lost, none twice
        assert len(ledger.places()) == 2 * len(numbers)
        assert ledger.check() == []


# --- PostGIS only ------------------------------------------------------------------------------

pg = pytest.mark.postgis


def _sql(url, query, *params):
    import psycopg

    with psycopg.connect(url) as conn:
        return conn.execute(query, params or None).fetchall()


def _run(url, statement):
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(statement)


@pg
def test_postgis_ledger_has_geometry_columns_and_spatial_indexes(postgis):
    url = postgis.new()
    ex = extraction(1, claims=2)
    ex.claims[0].geometry = Geometry(kind="line", points=(Point(lat=48.1, lon=37.2), Point(lat=48.3, lon=37.5)))
    ex.claims[1].geometry = Geometry(kind="buffer", points=(Point(lat=48.0, lon=37.0),), radius_km=5.0)
    with Ledger(url) as ledger:
        assert ledger.server and ledger.ingest([ex]).claims_added == 2
    assert _sql(url, "SELECT text, ST_AsText(geom) FROM places ORDER BY id") == [
        ("Alpha", "POINT(37.9 48.5)"), ("Beta", None)]                        # no point for an unresolved name
    shapes = _sql(url, "SELECT ST_GeometryType(geom), ST_SRID(geom), ST_Area(geom::geography) / 1e6 "
                       "FROM claims ORDER BY id")
    assert [s[:2] for s in shapes] == [("ST_LineString", 4326), ("ST_Polygon", 4326)]
    assert 70 < shapes[1][2] < 85                                              # a 5 km disc: about 78.5 km²
    indexes = {name: sql for name, sql in _sql(url, "SELECT indexname, indexdef FROM pg_indexes")}
    assert "USING gist (geom)" in indexes["places_geom"] and "USING gist (geom)" in indexes["claims_geom"]
    near = _sql(url, "SELECT count(*) FROM places WHERE ST_DWithin(geom::geography, "
                     "ST_SetSRID(ST_MakePoint(37.9, 48.6), 4326)::geography, 15000)")
    assert near == [(1,)]


@pg
def test_postgis_ledger_has_the_sqlite_schema_and_its_version(postgis, tmp_path):
    url = postgis.new(bare=True)                 # no PostGIS yet: the ledger adds the extension itself
    Ledger(url).close()
    Ledger(tmp_path / "l.db").close()
    import sqlite3

    with sqlite3.connect(tmp_path / "l.db") as db:
        sqlite = {t: [r[1] for r in db.execute(f"PRAGMA table_info({t})")] for t in ("reports", "places", "claims")}
    server = {t: [c for (c,) in _sql(url, "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
                                          "ORDER BY ordinal_position", t)] for t in ("reports", "places", "claims")}
    assert server == {t: cols + (["geom"] if t != "reports" else []) for t, cols in sqlite.items()}
    assert _sql(url, "SELECT schema_version FROM frontmap_meta") == [(SCHEMA_VERSION,)]
    assert _sql(url, "SELECT data_type FROM information_schema.columns WHERE table_name = 'places' "
                     "AND column_name = 'lat'") == [("double precision",)]


@pg
def test_postgis_refuses_a_foreign_database_and_a_newer_ledger(postgis):
    foreign = postgis.new()
    _run(foreign, "CREATE TABLE accounts (id INTEGER)")
    with pytest.raises(LedgerError, match="PostgreSQL database but not a frontmap ledger"):
        Ledger(foreign)
    assert _sql(foreign, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
                         "AND table_type = 'BASE TABLE' ORDER BY 1") == [("accounts",), ("spatial_ref_sys",)]
    newer = postgis.new()
    Ledger(newer).close()
    _run(newer, f"UPDATE frontmap_meta SET schema_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(LedgerError, match="newer frontmap"):
        Ledger(newer)


@pg
def test_postgis_version_1_ledger_is_migrated_and_loses_nothing(postgis):
    from frontmap.ledger.postgis import translate

    url = postgis.new()
    statements = [translate(s) for s in _V1_SCHEMA.split(";") if s.strip() and "PRAGMA" not in s]
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:     # a version-1 ledger as the server would hold it
        for statement in statements:
            conn.execute(statement)
        conn.execute("CREATE TABLE frontmap_meta (schema_version INTEGER NOT NULL)")
        conn.execute("INSERT INTO frontmap_meta VALUES (1)")
        conn.execute("INSERT INTO reports VALUES (1, '/r/old.txt', '2024-04-30', 'aa', 'utf-8', 'Old', '[\"w\"]', "
                     "'Old text.', '2024-04-30T10:00:00+00:00')")
        conn.execute("INSERT INTO places VALUES (1, 1, 1, 'Alpha', 4, 9, 'Alpha', 'settlement', 'Donetsk', 48.5, "
                     "37.9, 'gn:1', 0.8, 'resolved', 'test', '[]')")
        conn.execute("INSERT INTO claims VALUES (1, 1, 1, 'captured', 'RU', 'Ministry', 'RU', 'asserted', "
                     "'Old text.', 0, 9, '2024-04-29')")
    before = snapshot(url)
    with Ledger(url) as ledger:
        (s,) = ledger.claims()
        assert (s.claim.place.name, s.claim.place.precision, s.claim.geometry) == ("Alpha", 1, None)
        assert ledger.reports()[0]["warnings"] == ["w"]
    after = snapshot(url)
    for table in ("reports", "places", "claims"):
        assert [row[:len(before[table][0])] for row in after[table]] == before[table]
    assert _sql(url, "SELECT schema_version FROM frontmap_meta") == [(SCHEMA_VERSION,)]


@pg
def test_the_cli_on_a_postgis_ledger(postgis, tmp_path):
    url = postgis.new()
    runner = CliRunner()
    ingest = runner.invoke(cli, ["ingest", str(SEEDS), "--db", url])
    assert ingest.exit_code == 0, ingest.output
    assert "2 added" in ingest.output
    sqlite = str(tmp_path / "l.db")
    assert runner.invoke(cli, ["ingest", str(SEEDS), "--db", sqlite]).exit_code == 0
    for args in (["control", "--format", "json"], ["changes", "2025-11-20", "2025-11-22", "--format", "json"]):
        on_server, on_file = (runner.invoke(cli, [*args, "--db", db]) for db in (url, sqlite))
        assert on_server.exit_code == 0 and on_server.stdout == on_file.stdout
    out = tmp_path / "claims.parquet"
    assert runner.invoke(cli, ["export", "--db", url, "--out", str(out)]).exit_code == 0
    import geopandas as gpd

    assert len(gpd.read_parquet(out)) == len(Ledger(sqlite).claims())
    check = runner.invoke(cli, ["ledger", "check", url])
    assert check.exit_code == 0 and "ok (2 report(s)" in check.output
    assert runner.invoke(cli, ["ledger", "vacuum", url]).exit_code == 0
    backup = runner.invoke(cli, ["ledger", "backup", url, "--out", str(tmp_path / "b.db")])
    assert backup.exit_code == 1 and "pg_dump" in backup.output


def test_an_unreachable_server_is_a_ledger_error_with_the_fix_and_no_password():
    pytest.importorskip("psycopg", reason="psycopg is not installed (pip install -e '.[test]')")
    with pytest.raises(LedgerError) as err:
        Ledger("postgresql://analyst:s3cret@127.0.0.1:9/frontmap")
    message = str(err.value)
    assert "s3cret" not in message and "postgresql://analyst:***@127.0.0.1:9/frontmap" in message
    assert "check the address" in message
