"""`frontmap batch` on a Dask cluster, and `frontmap ingest --from-parquet` (frontmap.batch).

The cluster is real: a two-worker LocalCluster of processes on 127.0.0.1 (what `batch` starts
when given no scheduler), and an in-process cluster reached by its address (--scheduler)."""
from __future__ import annotations

import math
import sqlite3

import pytest
from click.testing import CliRunner

pytest.importorskip("dask_geopandas", reason="frontmap[dask] is not installed (pip install -e '.[test]')")

import geopandas as gpd  # noqa: E402
from frontmap.batch import run_batch  # noqa: E402
from frontmap.cli import cli  # noqa: E402
from frontmap.errors import FrontmapError  # noqa: E402
from frontmap.exports import CLAIM_COLUMNS, PLACE_COLUMNS, claim_record, claim_shape, place_record, place_shape  # noqa: E402
from frontmap.pipeline import Extractor  # noqa: E402
from frontmap.text.reading import iter_report_paths, read_report  # noqa: E402

pytestmark = pytest.mark.slow        # a cluster's workers each load the gazetteer and the parser

REPORTS = {
    "a/01.txt": "date 2025-03-01\nThe General Staff said Ukrainian forces liberated Kupiansk. "
                "Russian troops shelled Kherson overnight.",
    "a/02.md": "---\ndate: 2025-03-02\nurl: https://example.org/two\n---\n# Donetsk region\n"
               "Russian forces captured Pokrovsk, the Ministry of Defence said. Fighting continues near Toretsk.",
    "b/03.txt": "date 2025-03-02\nUkrainian troops repelled an attack near Vovchansk, the brigade said. "
                "Kyiv denied that Russian forces had taken Chasiv Yar.",
    "b/04.html": "<html><head><meta name='date' content='2025-03-03'></head><body><p>Russian forces advanced "
                 "8 km west of Kurakhove, according to the DeepState map.</p></body></html>",
    "b/05.txt": "date 2025-03-03\nNothing of note happened today.",
}


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    folder = tmp_path_factory.mktemp("archive")
    for name, text in REPORTS.items():
        (folder / name).parent.mkdir(exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "b" / "06.txt").write_bytes(b"\x00\x01\x02binary")          # unreadable: skipped
    return folder


@pytest.fixture(scope="module")
def batch_out(archive, tmp_path_factory):
    out = tmp_path_factory.mktemp("batch") / "archive.parquet"
    result = run("batch", archive / "a", archive / "b", "--out", out, "--workers", 2, "--partition-files", 2)
    return out, result


@pytest.fixture(scope="module")
def single(archive, gazetteer):
    """The single-process result: each report extracted in turn, on its own (no memory)."""
    extractor = Extractor(gazetteer)
    out = []
    for path in iter_report_paths([archive / "a", archive / "b"]):
        try:
            out.append(extractor.extract(read_report(path)))
        except Exception:      # the binary file
            continue
    return out


def rows(frame):
    """A frame's rows as plain dicts: missing values None, geometry as WKT."""
    out = []
    for record in frame.to_dict("records"):
        row = {}
        for key, value in record.items():
            if key == "geometry":
                value = None if value is None else value.wkt
            elif value is None or (isinstance(value, float) and math.isnan(value)) or str(value) == "<NA>":
                value = None
            elif hasattr(value, "item"):
                value = value.item()
            row[key] = value
        out.append(row)
    return out


def expected_claims(extractions):
    return [{**claim_record(c, e.report.path, e.report.date, e.report.source_url),
             "geometry": None if claim_shape(c) is None else claim_shape(c).wkt}
            for e in extractions for c in e.claims]


def expected_places(extractions):
    return [{**place_record(p, e.report.path, e.report.date),
             "geometry": None if place_shape(p) is None else place_shape(p).wkt}
            for e in extractions for p in e.places]


def test_batch_on_a_two_worker_local_cluster_equals_the_single_process_result_row_for_row(batch_out, single):
    out, result = batch_out
    assert result.exit_code == 1, result.output               # the binary file was skipped, and said so
    assert "06.txt" in result.output and "skipped" in result.output
    assert "on 2 workers" in result.output and "3 partitions" in result.output
    n = len(single)                                           # the counts agree, in ingest's words
    assert f"{n + 1} report(s): {n} extracted, 1 skipped;" in result.stderr
    assert "1 report(s) skipped; fix them" in result.stderr
    claims = gpd.read_parquet(out / "claims")
    places = gpd.read_parquet(out / "places")
    assert list(claims.columns) == [*CLAIM_COLUMNS, "geometry"]
    assert list(places.columns) == [*PLACE_COLUMNS, "geometry"]
    assert claims.crs.to_epsg() == 4326
    assert len(claims) >= 5 and len(places) >= 8
    assert rows(claims) == expected_claims(single)
    assert rows(places) == expected_places(single)
    assert {r["report"] for r in rows(claims)} == {e.report.path for e in single if e.claims}


def test_batch_columns_and_rows_agree_with_frontmap_export(batch_out, tmp_path):
    out, _ = batch_out
    db, exported = tmp_path / "l.db", tmp_path / "claims.parquet"
    assert run("ingest", "--from-parquet", out, "--db", db).exit_code == 0
    assert run("export", "--db", db, "--out", exported, "--layer", "claims").exit_code == 0
    ours, theirs = gpd.read_parquet(out / "claims"), gpd.read_parquet(exported)
    assert list(ours.columns) == list(theirs.columns)
    key = lambda r: (r["report_date"], r["report"], r["evidence_start"], r["place_start"], r["event"])  # noqa: E731
    assert sorted(rows(ours), key=key) == sorted(rows(theirs), key=key)


def snapshot(db):
    with sqlite3.connect(db) as con:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in ("reports", "places", "claims")}


def test_ingest_from_parquet_stores_what_ingesting_the_reports_stores(batch_out, archive, tmp_path):
    out, _ = batch_out
    direct, loaded = tmp_path / "direct.db", tmp_path / "loaded.db"
    assert run("ingest", archive / "a", archive / "b", "--no-memory", "--db", direct).exit_code == 1   # binary
    result = run("ingest", "--from-parquet", out, "--db", loaded, "--batch", 2)
    assert result.exit_code == 0, result.output
    assert "5 added" in result.output
    a, b = snapshot(direct), snapshot(loaded)
    when = 8                                                    # reports.ingested_at differs, nothing else
    assert [r[:when] + r[when + 1:] for r in a["reports"]] == [r[:when] + r[when + 1:] for r in b["reports"]]
    assert a["places"] == b["places"] and a["claims"] == b["claims"] and len(a["claims"]) >= 5
    again = run("ingest", "--from-parquet", out, "--db", loaded)
    assert again.exit_code == 0 and "0 added, 5 already in the ledger" in again.output


def test_batch_on_a_running_cluster_given_by_its_address(archive, batch_out, tmp_path):
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        out = tmp_path / "again.parquet"
        result = run("batch", archive / "a", archive / "b", "--out", out, "--scheduler", cluster.scheduler_address)
        assert result.exit_code == 1 and "on 2 workers" in result.output
    first, _ = batch_out
    assert rows(gpd.read_parquet(out / "claims")) == rows(gpd.read_parquet(first / "claims"))


def test_bad_uses_are_refused_with_the_fix(batch_out, archive, tmp_path):
    out, _ = batch_out
    again = run("batch", archive / "a", "--out", out)
    assert again.exit_code == 1 and "exists" in again.output          # never over an earlier output
    assert run("ingest", "--db", tmp_path / "l.db").exit_code == 2     # neither reports nor --from-parquet
    assert run("ingest", archive / "a", "--from-parquet", out, "--db", tmp_path / "l.db").exit_code == 2
    foreign = run("ingest", "--from-parquet", archive, "--db", tmp_path / "l.db")
    assert foreign.exit_code == 1 and "not the output of `frontmap batch`" in foreign.output
    assert not (tmp_path / "l.db").exists()
    with pytest.raises(FrontmapError, match="cannot reach the Dask scheduler 'tcp://127.0.0.1:9'"):
        run_batch([archive / "a"], tmp_path / "x.parquet", scheduler="tcp://127.0.0.1:9", connect_timeout=1)
    assert not (tmp_path / "x.parquet").exists()
