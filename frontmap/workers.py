"""Reports extracted by worker processes: the same extractions as one process, in the same order.

Each worker has one extractor (spaCy loads there on first need) and reads and extracts whole
reports.  Where the platform has "fork" and the parent runs no other thread, the parent builds the
extractor (gazetteer, finder, resolver) and extracts the first report itself before it starts the
workers, and each worker inherits all that was loaded copy-on-write (the claims stage's patterns,
spaCy if the first report needed the parse); elsewhere the workers are spawned and each loads its
own.

Memory across reports (``places.memory``) is the one part that depends on order, so workers
resolve each report on its own and the parent applies the memory in report order: what the memory
learns and warns about depends only on what each report resolved itself, so the parent never
waits for anything but the report at the head.  A worker extracts the
claims at once on its own places; when the memory changes one of them, the claims are extracted
again on the places it gave (rare, and in a worker too).
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from frontmap.budget import DEFAULT_BUDGET_S
from frontmap.errors import FrontmapError
from frontmap.model import Extraction, Place, Report
from frontmap.places.memory import Memory
from frontmap.text.reading import DEFAULT_MAX_BYTES

# A worker costs about a second to start (spaCy's load, and with spawn the imports and the
# gazetteer too): measured on 2 cores with forked workers, two match one process at 50 reports,
# win 1.1x at 100 and 1.8x at 2,000 (spawned: 1.34x at 400, 1.66x at 2,000); below this many
# reports per worker the default runs fewer (or none).
REPORTS_PER_WORKER = 50
AHEAD = 4                  # reports queued per worker: keeps workers busy, memory flat


def worker_count(jobs: int | None, reports: int) -> int:
    """Processes to extract ``reports`` reports with: ``jobs`` (None: the number of cores, one per
    REPORTS_PER_WORKER reports at most), never more than there are reports; 1 means this process."""
    if jobs is None:
        jobs = min(os.cpu_count() or 1, reports // REPORTS_PER_WORKER)
    return max(1, min(jobs, reports))


def extract_parallel(paths: Iterable[str | Path], jobs: int, *, date: str | None = None,
                     max_bytes: int = DEFAULT_MAX_BYTES,
                     memory: Memory | None = None,
                     budget_s: float | None = DEFAULT_BUDGET_S) -> Iterator[tuple[Path, Extraction | FrontmapError]]:
    """Each report file's extraction, or the FrontmapError that kept it from being read (a
    BudgetError for one that ran over ``budget_s`` seconds of CPU), in the order given, by ``jobs``
    worker processes; equal to extracting them one after another in one process with ``memory``.
    Closing the iterator early cancels the reports not yet started."""
    from frontmap.pipeline import remember

    files = [Path(p) for p in paths]
    context = _context()
    pending: deque[tuple[Path, Future]] = deque()
    if context.get_start_method() == "fork":           # the workers inherit the extractor built here
        _preload(budget_s)
        if files:
            # the first report in this process: what it loads on first need (the claims stage's
            # patterns, spaCy if it needs the parse) the workers inherit instead of each loading it
            done: Future = Future()
            done.set_result(_extract(str(files[0]), date, max_bytes, memory is not None))
            pending.append((files[0], done))
            files = files[1:]
        gc.freeze()        # the workers' collectors then leave the inherited pages alone (not copied)
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_start,
                               initargs=(os.getpid(), budget_s))
    gazetteer = _LazyGazetteer()
    todo = iter(files)
    try:
        def top_up() -> None:
            while len(pending) < jobs * AHEAD:
                path = next(todo, None)
                if path is None:
                    return
                pending.append((path, pool.submit(_extract, str(path), date, max_bytes, memory is not None)))

        top_up()
        while pending:
            path, future = pending.popleft()
            result = _result(future)
            top_up()
            if isinstance(result, FrontmapError) or memory is None:
                yield path, result
                continue
            extraction, read_warnings = result
            report = extraction.report
            claim_warnings = report.warnings[read_warnings:]
            report.warnings[read_warnings:] = []
            places = remember(memory, report, extraction.places, gazetteer)
            if any(a is not b for a, b in zip(places, extraction.places)):
                extraction = _result(pool.submit(_finish, report, places))
                if isinstance(extraction, FrontmapError):      # its claims again ran over the budget
                    yield path, extraction
                    continue
            else:
                report.warnings.extend(claim_warnings)
            yield path, extraction
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _context():
    """"fork" where the platform has it and this process runs no other thread (a thread's locks
    would be copied held), so that the workers inherit what the parent loaded; else "spawn", which
    inherits nothing and is safe everywhere."""
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _preload(budget_s: float | None) -> None:
    """The extractor, built in the parent before it forks: the gazetteer and the finder's and the
    resolver's indexes are then shared copy-on-write by every worker instead of loaded by each.
    The parent then extracts the first report itself, which loads what the claims stage needs on
    first use (spaCy only if that report needs the parse)."""
    global _extractor
    from frontmap.pipeline import Extractor

    _extractor = Extractor(budget_s=budget_s)


def _result(future: Future):
    try:
        return future.result()
    except BrokenProcessPool:
        raise FrontmapError("a worker process died (out of memory, or killed): run again, "
                            "with fewer --jobs or --jobs 1") from None


class _LazyGazetteer:
    """The default gazetteer, loaded only if the memory needs a look-up in this process."""

    def lookup(self, text: str):
        from frontmap.gazetteer.store import default_gazetteer
        return default_gazetteer().lookup(text)


# --- in the worker ------------------------------------------------------------------------------

_extractor = None


def _start(parent: int, budget_s: float | None) -> None:
    """Each worker: the extractor once (inherited from the parent when forked), and an exit of its
    own when the parent is gone (killed)."""
    global _extractor
    threading.Thread(target=_orphaned, args=(parent,), daemon=True).start()
    if _extractor is None or _extractor.budget_s != budget_s:
        from frontmap.pipeline import Extractor
        _extractor = Extractor(budget_s=budget_s)


def _orphaned(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _extract(path: str, date: str | None, max_bytes: int,
             remembering: bool) -> Extraction | tuple[Extraction, int] | FrontmapError:
    """One report's extraction on its own places; with ``remembering``, also how many of its warnings
    came from reading it (the memory's warnings go after them, the claims' after those)."""
    from frontmap.text.reading import read_report

    try:
        report = read_report(path, date=date, max_bytes=max_bytes)
        read_warnings = len(report.warnings)
        with _extractor.budget(report):
            extraction = _extractor.finish(report, _extractor.places(report))
    except FrontmapError as exc:                  # unreadable, or over its time budget
        return exc
    return (extraction, read_warnings) if remembering else extraction


def _finish(report: Report, places: list[Place]) -> Extraction | FrontmapError:
    try:
        with _extractor.budget(report):
            return _extractor.finish(report, places)
    except FrontmapError as exc:
        return exc
