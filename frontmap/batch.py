"""An archive extracted on a Dask cluster and written as GeoParquet; and read back for the ledger.

``frontmap batch`` puts the report files in a dask.bag, partitioned by file (a partition is a run of
whole files, in order), and extracts each partition on a worker; a worker process builds its
extractor (gazetteer, finder, parser) once and keeps it for every partition it gets.  The output is
a folder:

- ``claims/`` and ``places/``: GeoParquet written through dask-geopandas, one file per partition,
  the same flat records and columns as ``frontmap export``'s layers (``exports.claim_record`` and
  ``exports.place_record``), in the order of the files and of each report's claims and places;
- ``reports/``: Parquet, one row per report with its text, provenance and its whole extraction as
  JSON, so ``frontmap ingest --from-parquet`` stores exactly what ``frontmap ingest`` would have;
- ``frontmap.json``: what wrote it and how many rows, which tells a batch output from any folder.

Each report is resolved on its own, as ``--no-memory`` does: partitions run at once, so no report
sees what another resolved.  The folder is written under a temporary name beside ``--out`` and
renamed when every partition is done, so a failed run leaves no half output.  With a scheduler
address the workers read the report paths and write the output themselves: both must be on a disk
every worker sees at the same path.  dask, distributed and dask-geopandas (``pip install
frontmap[dask]``) are imported only when a batch runs.
"""
from __future__ import annotations

import json
import math
import os
import secrets
import shutil
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from frontmap.errors import FrontmapError
from frontmap.exports import CLAIM_COLUMNS, PLACE_COLUMNS, claim_record, claim_shape, place_record, place_shape
from frontmap.model import Claim, Extraction, Geometry, Place, Report

FORMAT = "frontmap-batch"
FORMAT_VERSION = 1
LAYER_NAMES = ("claims", "places", "reports", "failed")
FAILED_COLUMNS = ("path", "error")
REPORT_COLUMNS = ("path", "date", "sha256", "encoding", "title", "source_url", "warnings", "text",
                  "n_places", "n_claims", "extraction")
MAX_PARTITION_FILES = 200      # a partition's files are extracted in one task: big enough to cost
#                                little to schedule, small enough to spread an archive over the cluster

# dtypes every partition is cast to, so each Parquet file has one schema, whatever its rows hold
_FLOATS = {"lat", "lon", "confidence", "radius_km"}
_INTS = {"precision", "geo_precision", "time_precision", "place_start", "place_end", "evidence_start",
         "evidence_end", "n_places", "n_claims"}

_EXTRACTING = threading.Lock()    # one extraction at a time per worker process: the extractor is not
#                                   shared across threads, and threads would gain nothing under the GIL


@dataclass
class BatchResult:
    out: Path
    reports: int = 0
    claims: int = 0
    places: int = 0
    partitions: int = 0
    workers: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)     # (path, why)


@dataclass
class _Part:
    claims: Any
    places: Any
    reports: Any
    failed: Any                    # the files a partition could not read: path, error


def _typed(frame, columns: Sequence[str]):
    """``frame`` with each column in its one dtype: floats, ints, else Python objects (None kept)."""
    import pandas as pd

    out = {}
    for c in columns:
        s = frame[c] if c in frame else pd.Series([None] * len(frame), index=frame.index)
        if c in _FLOATS:
            out[c] = pd.to_numeric(s, errors="raise").astype("float64")
        elif c in _INTS:
            out[c] = s.astype("int64")
        else:
            out[c] = pd.Series(s.astype(object).where(s.notna(), None).tolist(), index=frame.index, dtype=object)
    return pd.DataFrame(out, index=frame.index)


def _geoframe(columns: Sequence[str], rows: list[dict[str, Any]], shapes: list[Any]):
    import geopandas as gpd
    import pandas as pd

    data = _typed(pd.DataFrame(rows, columns=list(columns)), columns)
    return gpd.GeoDataFrame(data, geometry=gpd.GeoSeries(shapes, crs="EPSG:4326", index=data.index),
                            crs="EPSG:4326")


def extraction_frames(extractions: Sequence[Extraction], failed: Sequence[tuple[str, str]] = ()):
    """(claims, places, reports, failed) frames of some extractions and failed files: what one
    partition writes."""
    import pandas as pd

    claims, claim_shapes, places, place_shapes, reports = [], [], [], [], []
    for e in extractions:
        r = e.report
        for c in e.claims:
            claims.append(claim_record(c, r.path, r.date, r.source_url))
            claim_shapes.append(claim_shape(c))
        for p in e.places:
            places.append(place_record(p, r.path, r.date))
            place_shapes.append(place_shape(p))
        reports.append({"path": r.path, "date": r.date, "sha256": r.sha256, "encoding": r.encoding,
                        "title": r.title, "source_url": r.source_url,
                        "warnings": json.dumps(r.warnings, ensure_ascii=False), "text": r.text,
                        "n_places": len(e.places), "n_claims": len(e.claims),
                        "extraction": json.dumps({"places": [p.to_dict() for p in e.places],
                                                  "claims": [c.to_dict() for c in e.claims],
                                                  "unresolved": [p.to_dict() for p in e.unresolved]},
                                                 ensure_ascii=False, default=str)})
    return (_geoframe(CLAIM_COLUMNS, claims, claim_shapes), _geoframe(PLACE_COLUMNS, places, place_shapes),
            _typed(pd.DataFrame(reports, columns=list(REPORT_COLUMNS)), REPORT_COLUMNS),
            _typed(pd.DataFrame(list(failed), columns=list(FAILED_COLUMNS)), FAILED_COLUMNS))


def _extract_partition(files: list[str], cwd: str, date: str | None, max_bytes: int) -> _Part:
    """Runs on a worker: the extractions of a run of files, as frames, and the files that failed."""
    from frontmap.pipeline import default_extractor
    from frontmap.text.reading import read_report

    done, failed = [], []
    with _EXTRACTING:
        extractor = default_extractor()          # built once per worker process, then cached
        for given in files:
            # a worker started elsewhere reads a relative path from the folder the batch ran in
            rebased = not os.path.isabs(given) and os.getcwd() != cwd
            try:
                report = read_report(os.path.join(cwd, given) if rebased else given, date=date, max_bytes=max_bytes)
                if rebased:
                    report.path = given
                done.append(extractor.extract(report))
            except FrontmapError as exc:
                failed.append((given, str(exc)))
    return _Part(*extraction_frames(done, failed))


def _warm_imports() -> None:
    """Runs on each worker before any task: geopandas imported by two of a worker's threads at once
    (the task, and the comm thread unpickling a frame) can see it half initialised (a circular import)."""
    import geopandas  # noqa: F401
    import pandas  # noqa: F401

    import frontmap.pipeline  # noqa: F401


def _import_on_workers(client, out: Path) -> None:
    try:
        client.run(_warm_imports)
    except ImportError as exc:
        raise FrontmapError(f"the Dask workers cannot run frontmap ({exc}): install frontmap, with the same "
                            f"version, on every worker; nothing was written to {str(out)!r}") from None


def _partition_files(n_files: int, threads: int, partition_files: int | None) -> int:
    if partition_files:
        return partition_files
    # about four partitions per thread, so a slow partition does not hold the run up
    return max(1, min(MAX_PARTITION_FILES, math.ceil(n_files / max(1, 4 * threads))))


def _client(scheduler: str | None, workers: int | None, connect_timeout: float):
    """A distributed Client on the scheduler given, or on a new local cluster (and that cluster)."""
    import logging

    from distributed import Client, LocalCluster

    if scheduler:
        try:
            return Client(scheduler, timeout=connect_timeout), None
        except (OSError, TimeoutError, ValueError) as exc:
            raise FrontmapError(f"cannot reach the Dask scheduler {scheduler!r} ({exc}): check the address "
                                "(tcp://HOST:8786) and that the scheduler runs, or leave out --scheduler "
                                "for a local cluster") from None
    cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                           host="127.0.0.1", scheduler_port=0, dashboard_address=None,
                           silence_logs=logging.ERROR)
    return Client(cluster), cluster


def run_batch(paths: Sequence[str | Path], out: str | Path, *, scheduler: str | None = None,
              workers: int | None = None, date: str | None = None, max_bytes: int = 5_000_000,
              partition_files: int | None = None, connect_timeout: float = 20.0,
              progress: Callable[[str], None] | None = None) -> BatchResult:
    """Extract every report under ``paths`` on a Dask cluster and write the folder ``out`` (module
    docstring).  ``scheduler``: a running cluster's address, else a local cluster of ``workers``
    processes (default: one per core); ``connect_timeout``: seconds to wait for the scheduler.  Paths that cannot be read are in the result's ``failed``."""
    from frontmap.text.reading import iter_report_paths

    say = progress or (lambda message: None)
    out = Path(out)
    if out.exists() or out.is_symlink():
        raise FrontmapError(f"{str(out)!r} exists: pass a new --out (a batch never writes over an earlier one)")
    if not out.parent.is_dir():
        raise FrontmapError(f"no folder {str(out.parent)!r} to write {out.name!r} into: create it first")
    result = BatchResult(out=out)
    files: list[str] = []
    for raw in paths:
        try:
            files.extend(str(p) for p in iter_report_paths([raw]))
        except FrontmapError as exc:
            result.failed.append((str(raw), str(exc)))
    if not files:
        raise FrontmapError(f"no report files in {', '.join(map(repr, map(str, paths)))}: pass files, or folders "
                            "holding .txt, .md or .html reports")
    try:
        import dask
        import dask.bag
        import dask.dataframe as dd
        import dask_geopandas  # noqa: F401  (registers GeoDataFrame partitions with dask.dataframe)
    except ImportError as exc:
        raise FrontmapError(f"frontmap batch needs dask, distributed and dask-geopandas ({exc}): "
                            "`python3 -m pip install 'frontmap[dask]'`") from None

    client, cluster = _client(scheduler, workers, connect_timeout)
    tmp = out.resolve().with_name(f".{out.name}.tmp-{secrets.token_hex(4)}")
    try:
        _import_on_workers(client, out)
        threads = sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values()) or 1
        result.workers = len(client.scheduler_info()["workers"])
        bag = dask.bag.from_sequence(files, partition_size=_partition_files(len(files), threads, partition_files))
        extract = dask.delayed(_extract_partition, pure=True)
        parts = [extract(chunk, os.getcwd(), date, max_bytes) for chunk in bag.to_delayed()]
        result.partitions = len(parts)
        say(f"{len(files)} reports in {len(parts)} partitions on {result.workers} Dask workers")
        empty = extraction_frames([])
        writes = []
        for i, name in enumerate(LAYER_NAMES):     # one graph: each partition is extracted once
            layer = dd.from_delayed([dask.delayed(getattr)(p, name) for p in parts], meta=empty[i],
                                    verify_meta=False)
            writes.append(layer.to_parquet(str(tmp / name), write_index=False, compute=False,
                                           name_function=lambda n: f"part.{n:06d}.parquet"))
        _compute(dask, writes, out)
        result.claims, result.places, result.reports = (_rows(tmp / name) for name in LAYER_NAMES[:3])
        result.failed += _failed(tmp / "failed")
        manifest = {"format": FORMAT, "version": FORMAT_VERSION, "reports": result.reports,
                    "claims": result.claims, "places": result.places, "partitions": result.partitions,
                    "failed": [{"path": p, "error": why} for p, why in result.failed]}
        (tmp / "frontmap.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n",
                                           encoding="utf-8")
        os.replace(tmp, out)
    except OSError as exc:
        raise FrontmapError(f"cannot write {str(out)!r}: {exc.strerror or exc}; check the folder and the disk") from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        client.close()
        if cluster is not None:
            cluster.close()
    return result


def _compute(dask, writes: list, out: Path) -> None:
    """Run the graph; a cluster that loses it, or workers without frontmap, are FrontmapErrors."""
    from concurrent.futures import CancelledError

    from distributed import KilledWorker

    try:
        dask.compute(*writes)
    except ImportError as exc:
        raise FrontmapError(f"the Dask workers cannot run frontmap ({exc}): install frontmap, with the same "
                            f"version, on every worker; nothing was written to {str(out)!r}") from None
    except (KilledWorker, CancelledError, TimeoutError) as exc:
        raise FrontmapError(f"the Dask cluster lost the batch ({type(exc).__name__}: {exc}): check the workers' "
                            f"memory and logs, then run it again; nothing was written to {str(out)!r}") from None


def _rows(layer: Path) -> int:
    import pyarrow.parquet as pq

    return sum(pq.read_metadata(part).num_rows for part in layer.glob("*.parquet"))


def _failed(layer: Path) -> list[tuple[str, str]]:
    import pyarrow.parquet as pq

    return [(row["path"], row["error"]) for part in sorted(layer.glob("*.parquet"))
            for row in pq.read_table(part).to_pylist()]


def _manifest(folder: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((folder / "frontmap.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT or not (folder / "reports").is_dir():
        raise FrontmapError(f"{str(folder)!r} is not the output of `frontmap batch` (no frontmap.json and "
                            "reports/ in it): pass the folder `frontmap batch --out` wrote")
    if manifest.get("version", 0) > FORMAT_VERSION:
        raise FrontmapError(f"{str(folder)!r} was written by a newer frontmap (batch format "
                            f"{manifest.get('version')}, this one reads up to {FORMAT_VERSION}): upgrade frontmap")
    return manifest


def read_batch(folder: str | Path, *, rows_at_once: int = 64) -> Iterator[Extraction]:
    """The extractions a ``frontmap batch`` output holds, in the order they were written, read a few
    rows at a time (memory does not grow with the archive).  Needs only pyarrow."""
    import pyarrow.parquet as pq

    folder = Path(folder)
    _manifest(folder)
    for part in sorted((folder / "reports").glob("*.parquet")):
        try:
            for chunk in pq.ParquetFile(part).iter_batches(batch_size=rows_at_once, columns=list(REPORT_COLUMNS)):
                for row in chunk.to_pylist():
                    yield _extraction(row)
        except (OSError, ValueError, KeyError) as exc:      # pyarrow's errors are OSError or ValueError
            raise FrontmapError(f"cannot read {str(part)!r} ({exc}): run `frontmap batch` again "
                                "for a sound copy") from None


def _extraction(row: dict[str, Any]) -> Extraction:
    body = json.loads(row["extraction"])
    report = Report(path=row["path"], date=row["date"], text=row["text"], encoding=row["encoding"],
                    sha256=row["sha256"], title=row["title"], warnings=json.loads(row["warnings"]),
                    source_url=row["source_url"])
    return Extraction(report=report, places=[Place(**p) for p in body["places"]],
                      claims=[_claim(c) for c in body["claims"]],
                      unresolved=[Place(**p) for p in body["unresolved"]])


def _claim(d: dict[str, Any]) -> Claim:
    geometry = Geometry.from_dict(d["geometry"]) if d.get("geometry") else None
    return Claim(**{**d, "place": Place(**d["place"]), "geometry": geometry})
