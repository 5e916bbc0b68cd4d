"""Command line: a thin layer over the library.

Data goes to stdout, progress and warnings to stderr.  Exit codes: 0 done,
1 frontmap could not do it (bad input, missing data), 2 bad usage.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

import frontmap
from frontmap import BudgetError, FrontmapError, formats

# One grammar for every command that prints data: these formats (geojson where the rows have a
# place), any case, default table; the rows are the same whichever format shows them.
DATA_FORMATS = ("table", "json", "csv")
GEO_FORMATS = DATA_FORMATS + ("geojson",)
DEFAULT_FORMAT = "table"
DB_HELP = "The claims ledger: a SQLite file, or postgresql://USER@HOST:PORT/DATABASE (PostGIS, shared by a team)."


def _err(msg: str) -> None:
    click.echo(msg, err=True)


def _iso_date(ctx, param, value):
    """A YYYY-MM-DD date, or a usage error that quotes it."""
    import datetime as dt

    if value is None:
        return None
    try:
        dt.date.fromisoformat(value)
        if len(value) != 10:
            raise ValueError
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; write it as YYYY-MM-DD") from None
    return value


def _format_option(choices=DATA_FORMATS):
    return click.option("--format", "fmt", type=click.Choice(choices, case_sensitive=False),
                        default=DEFAULT_FORMAT, show_default=True,
                        help="Output: " + ", ".join(choices) + " (any case).")


def _mkdir_option(f):
    return click.option("--mkdir", is_flag=True,
                        help="Create the output folder (and its parents) when it does not exist.")(f)


def _out_folder(folder, mkdir: bool, option: str = "--out") -> None:
    """The folder an output goes into must exist, unless --mkdir: a mistyped path is not created."""
    folder = Path(folder)
    if folder.is_dir():
        return
    if folder.exists():
        raise FrontmapError(f"{str(folder)!r} ({option}) is not a folder: pass a folder")
    if not mkdir:
        raise FrontmapError(f"no folder {str(folder)!r} to write {option} into: create it, or pass --mkdir")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FrontmapError(f"cannot create folder {str(folder)!r}: {exc.strerror or exc}; "
                            f"pass another {option}") from None


def _parent_of(path) -> Path:
    return Path(path).parent if str(Path(path).parent) else Path(".")


class _Group(click.Group):
    """Turns frontmap's own errors into a one-line message and exit code 1."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except FrontmapError as exc:
            _err(f"Error: {exc}")
            ctx.exit(1)


@click.group(cls=_Group)
@click.version_option(package_name="frontmap")
def cli():
    """frontmap: front-line reports in, maps of who claims what out.

    Typical use: `frontmap ingest reports/` then `frontmap map`.
    """


def _warn(message: str) -> None:
    _err(f"warning: {message}")


def _extractor(budget: float | None = None):
    return frontmap.Extractor() if budget is None else frontmap.Extractor(budget_s=budget)


def _budget_option(f):
    return click.option("--budget", default=10.0, show_default=True, type=click.FloatRange(0),
                        help="Stop a report that takes more than this many seconds of CPU, with a warning, "
                             "and go on with the rest (0: no limit).")(f)


def _max_bytes_option(f):
    return click.option("--max-bytes", default=5_000_000, show_default=True, type=click.IntRange(1),
                        help="Refuse reports larger than this many bytes.")(f)


def _memory_option(f):
    return click.option("--no-memory", is_flag=True,
                        help="Resolve each report on its own: an ambiguous name does not take the place "
                             "earlier reports (and, for ingest, the ledger) resolved it to.")(f)


def _jobs_option(f):
    return click.option("--jobs", type=click.IntRange(1), default=None,
                        help="Worker processes that extract reports (forked from this one, which has loaded the gazetteer; "
                             "where it cannot fork, each loads it once); the "
                             "output is the same, in the same order. Default: the number of cores, fewer "
                             "for a small run (a worker per 50 reports); 1: this process alone.")(f)


def _raw_csv_option(f):
    return click.option("--raw-csv", is_flag=True,
                        help="CSV cells exactly as they are: no ' before a cell that begins with = + - @, "
                             "a tab or a carriage return (which a spreadsheet would run as a formula).")(f)


def _extract_all(paths, date, *, keep_going: bool, max_bytes: int = 5_000_000, memory=None, budget=None):
    """Extract every report; unreadable ones (and missing paths) are reported on stderr and skipped."""
    failed: list = []
    out = list(_extract_each(paths, date, failed, keep_going=keep_going, max_bytes=max_bytes, memory=memory,
                             budget=budget))
    return out, failed


def _report_files(paths, failed: list, *, keep_going: bool) -> list:
    """The report files ``paths`` name (folders walked), found before anything is read or printed:
    a path that cannot be walked is appended to ``failed`` (or raised, unless keep_going), and
    paths that hold no report at all are empty input."""
    files = []
    for raw in paths:
        try:
            files.extend(frontmap.iter_report_paths([raw]))
        except FrontmapError as exc:
            if not keep_going:
                raise
            failed.append(raw)
            _err(f"skipped: {exc}")
    if not files and not failed:
        raise FrontmapError(f"no report files in {', '.join(map(repr, map(str, paths)))}: pass files, or folders "
                            "holding .txt, .md or .html reports")
    return files


def _extract_each(paths, date, failed: list, *, keep_going: bool, max_bytes: int = 5_000_000, memory=None,
                  jobs: int | None = 1, budget=None, files: list | None = None):
    """The extraction of each report in turn (by ``jobs`` worker processes, None: the number of cores,
    see ``frontmap.worker_count``); what cannot be read is appended to ``failed``, and so is a report
    stopped by its time budget, whatever keep_going says (the rest of the run goes on).  ``files``:
    :func:`_report_files` of ``paths``, when the caller found them already."""
    if files is None:
        files = _report_files(paths, failed, keep_going=keep_going)

    def progress(n, path):
        if len(files) > 1:
            _err(f"[{n}/{len(files)}] {formats.shown_path(path)}")

    workers = frontmap.worker_count(jobs, len(files))
    if workers > 1:
        results = frontmap.extract_parallel(files, workers, date=date, max_bytes=max_bytes, memory=memory,
                                            **({} if budget is None else {"budget_s": budget}))
    else:
        results = _extract_here(files, date, max_bytes, memory, budget)
    try:
        for n, (path, extraction) in enumerate(results, 1):
            progress(n, path)              # as each result arrives, in order, with its warnings
            if isinstance(extraction, BudgetError):      # the rest of the run goes on
                failed.append(path)
                _warn(f"skipped: {extraction}")
                continue
            if isinstance(extraction, FrontmapError):
                if not keep_going:
                    raise extraction
                failed.append(path)
                _err(f"skipped: {extraction}")
                continue
            for w in extraction.report.warnings:
                _err(f"warning: {path}: {w}")
            yield extraction
    finally:
        results.close()                    # stops the workers when the caller stops early


def _extract_here(files, date, max_bytes, memory, budget=None):
    """(path, extraction or the error that kept it from being read), in order; the parse of a few
    reports' sentences runs in one batch (Extractor.begin / complete), so results come a few at a time."""
    ex, held, jobs = None, [], []          # held: (path, a read error or None for the next job), in order

    def done():
        results = iter(ex.complete(jobs)) if jobs else iter(())
        out = [(path, error if error is not None else next(results)) for path, error in held]
        held.clear()
        jobs.clear()
        return out

    for path in files:
        try:
            report = frontmap.read_report(path, date=date, max_bytes=max_bytes)
        except FrontmapError as exc:
            held.append((path, exc))
            continue
        ex = ex or _extractor(budget)
        held.append((path, None))
        jobs.append(ex.begin(report, memory=memory))
        if len(jobs) >= ex.parse_batch:
            yield from done()
    yield from done()


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--db", default="frontmap.db", show_default=True, help=DB_HELP)
@click.option("--date", help="Report date YYYY-MM-DD, for reports that carry none.", callback=_iso_date)
@_max_bytes_option
@_budget_option
@_memory_option
@click.option("--batch", default=20, show_default=True, type=click.IntRange(1),
              help="Reports stored per transaction: a run that is killed keeps every batch stored before it, "
                   "and running it again adds exactly what is missing.")
@click.option("--from-parquet", "from_parquet", type=click.Path(file_okay=False), metavar="DIR",
              help="Store what `frontmap batch --out DIR` extracted, instead of reading reports.")
@_jobs_option
@click.option("--mkdir", is_flag=True,
              help="Create the folder of a new --db ledger (and its parents) when it does not exist.")
def ingest(paths, db, date, max_bytes, budget, no_memory, batch, from_parquet, jobs, mkdir):
    """Read reports (files or folders) and store their claims in the ledger.

    Ingesting the same report twice adds nothing. Reports are stored in
    batches (--batch), each one transaction: a batch is stored whole or not
    at all, and a run stopped half-way keeps the batches before. Reports
    that cannot be read (a missing path, a FIFO or device, an empty, binary
    or undated file) and reports that run over their time budget (--budget)
    are skipped with a message, the rest are stored, and the exit code is 1. A name a report leaves ambiguous takes the place that
    reports already in the ledger, or earlier in this run, resolved it to
    (its reason says so). --from-parquet DIR stores a `frontmap batch` output.
    A new ledger's folder must exist, unless --mkdir.
    """
    if bool(paths) == bool(from_parquet):
        raise click.UsageError("pass report PATHS, or --from-parquet DIR (a `frontmap batch` output), "
                               "not both or neither")
    if not frontmap.Ledger.is_url(db):     # a mistyped --db folder is not created
        _out_folder(_parent_of(db), mkdir, "--db")
    existed = frontmap.Ledger.is_url(db) or Path(db).exists()     # a database is never removed
    try:
        if from_parquet:
            stats, failed = _ingest_batch(from_parquet, db, batch), []
        else:
            stats, failed = _ingest(paths, db, date, max_bytes, no_memory, batch, jobs, budget)
    finally:
        if not existed and not _holds_reports(db):
            _remove_ledger(db)             # a new ledger that took nothing is not left behind
    _err(f"{frontmap.Ledger.shown(db)}: {_stats_text(stats, len(failed))}")
    if failed:
        _err(f"{len(failed)} report(s) skipped; fix them and ingest again.")
        sys.exit(1)


def _ingest(paths, db, date, max_bytes, no_memory, batch, jobs=1, budget=None):
    with frontmap.Ledger(db) as ledger:    # opened first: a damaged or foreign file fails before the work
        memory = None
        if not no_memory:
            memory = frontmap.Memory()
            for place, path, day in ledger.places(status="resolved"):
                memory.learn([place], day, path)
        failed: list = []
        stats, seen, chunk = None, 0, []
        for extraction in _extract_each(paths, date, failed, keep_going=True, max_bytes=max_bytes, memory=memory,
                                        jobs=jobs, budget=budget):
            seen += 1
            chunk.append(extraction)
            if len(chunk) >= batch:
                stats = _added(stats, ledger.ingest(chunk))
                chunk = []
        return _added(stats, ledger.ingest(chunk)), failed


def _ingest_batch(folder, db, batch):
    """Store a `frontmap batch` output, --batch reports per transaction."""
    with frontmap.Ledger(db) as ledger:
        stats, chunk = None, []
        for extraction in frontmap.read_batch(folder):
            chunk.append(extraction)
            if len(chunk) >= batch:
                stats = _added(stats, ledger.ingest(chunk))
                chunk = []
        return _added(stats, ledger.ingest(chunk))


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--out", required=True, type=click.Path(), metavar="DIR.parquet",
              help="The folder to write (it must not exist): claims/ and places/ GeoParquet, reports/ Parquet.")
@click.option("--scheduler", metavar="ADDRESS",
              help="A running Dask cluster's scheduler (tcp://HOST:8786); default: a local cluster.")
@click.option("--workers", type=click.IntRange(1), help="Worker processes of the local cluster (default: one per core).")
@click.option("--partition-files", type=click.IntRange(1), metavar="N",
              help="Report files per partition (default: about four partitions per worker thread, at most 200).")
@click.option("--date", help="Report date YYYY-MM-DD, for reports that carry none.", callback=_iso_date)
@_max_bytes_option
@_mkdir_option
def batch(paths, out, scheduler, workers, partition_files, date, max_bytes, mkdir):
    """Extract an archive on a Dask cluster and write it as GeoParquet.

    The files are partitioned by file and each partition is extracted on a
    worker, which loads the gazetteer and the parser once. DIR.parquet holds
    claims/ and places/ (GeoParquet, the columns of `frontmap export`) and
    reports/; `frontmap ingest --from-parquet DIR.parquet` stores it in the
    ledger, and geopandas.read_parquet('DIR.parquet/claims') reads it. Each
    report is resolved on its own (as --no-memory). With --scheduler, the
    report paths and --out must be on a disk every worker sees. Needs
    `pip install 'frontmap[dask]'`.
    """
    if scheduler and workers:
        raise click.UsageError("--workers sizes a local cluster: leave it out with --scheduler")
    _out_folder(_parent_of(out), mkdir, "--out")
    result = frontmap.run_batch(paths, out, scheduler=scheduler, workers=workers, date=date, max_bytes=max_bytes,
                                partition_files=partition_files, progress=_err)
    for path, why in result.failed:
        _err(f"skipped: {why}")
    _err(f"{out}: {result.reports + len(result.failed)} report(s): {result.reports} extracted, "
         f"{len(result.failed)} skipped; {result.claims} claim(s) and {result.places} place(s) "
         f"({result.partitions} partitions on {result.workers} workers)")
    click.echo(out)
    if result.failed:
        _err(f"{len(result.failed)} report(s) skipped; fix them and run the batch again.")
        sys.exit(1)


def _added(total, stats):
    """Two batches' IngestStats added up (None: nothing stored yet)."""
    if total is None:
        return stats
    for key, value in vars(stats).items():
        setattr(total, key, getattr(total, key) + value)
    return total


def _holds_reports(db: str) -> bool:
    try:
        with frontmap.Ledger(db) as ledger:
            return bool(ledger.dates())
    except FrontmapError:
        return True                        # not ours to judge, nor to remove


def _remove_ledger(db: str) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(db + suffix).unlink(missing_ok=True)


def _stats_text(stats, skipped: int = 0) -> str:
    """What an ingest did, in the words its failure message uses: 'skipped' is only what could not
    be read (or ran over its budget), never a report the ledger already held."""
    return (f"{stats.reports_added + stats.reports_skipped + skipped} report(s): {stats.reports_added} added, "
            f"{stats.reports_skipped} already in the ledger, {skipped} skipped; "
            f"{stats.places_added} place(s) and {stats.claims_added} claim(s) added")


def _open_ledger(db: str):
    if not frontmap.Ledger.is_url(db) and not Path(db).exists():
        raise FrontmapError(f"no ledger at {db!r}: run `frontmap ingest REPORTS` first, or pass --db")
    return frontmap.Ledger(db)


def _size_options(f):
    f = click.option("--height", default=800, show_default=True, type=click.IntRange(240, 4096),
                     help="Picture (or embedded map) height in pixels.")(f)
    return click.option("--width", default=1280, show_default=True, type=click.IntRange(320, 4096),
                        help="Picture width in pixels.")(f)


def _require_reports(ledger):
    """An empty ledger is empty input: exit 1 saying what was looked for."""
    dates = ledger.dates()
    if not dates:
        raise FrontmapError(f"ledger {ledger.path!r} holds no reports: run `frontmap ingest REPORTS` first")
    return dates


def _latest_date(ledger, date):
    dates = _require_reports(ledger)
    if date:
        return date
    _err(f"date: {dates[-1]} (the latest; pass --date for another)")
    return dates[-1]


@cli.command("map")
@click.option("--db", default="frontmap.db", show_default=True, help=DB_HELP)
@click.option("--date", help="Render only this date (YYYY-MM-DD).", callback=_iso_date)
@click.option("--out", default="maps", show_default=True, type=click.Path(),
              help="Folder for the HTML maps (or the PNGs).")
@click.option("--reference", help="Assessed ground drawn as a layer (e.g. an assessed-control map): a GeoJSON "
              "file of polygons (.gz ok) for every date, or a folder or pattern ('ref/*.geojson.gz') with the date "
              "in each file's name, each map taking its own file (else the nearest earlier, with a warning); "
              "popups give each place's verdict.")
@click.option("--png", is_flag=True, help="Write <date>.png pictures instead (headless Chromium), legend shown.")
@click.option("--embed", is_flag=True,
              help="Print an <iframe srcdoc> fragment of one date's map (--date, default the latest) "
                   "for a CMS or a newsletter.")
@_size_options
@_mkdir_option
def map_(db, date, out, reference, png, embed, width, height, mkdir):
    """Render one HTML map per report date, plus an index.html linking them.

    The maps work offline: Leaflet is inlined and oblast and raion outlines
    form the basemap; OpenStreetMap tiles are an option in the layer control.
    --png writes a picture of each map instead, --width x --height pixels,
    taken in headless Chromium (the Debian packages chromium and
    chromium-driver). --embed prints one map as an HTML fragment, --height
    pixels tall.
    """
    if png and embed:
        raise click.UsageError("pass --png or --embed, not both")
    if reference:                          # read first: a bad reference makes no folder
        reference = frontmap.load_references(reference)
    with _open_ledger(db) as ledger:
        _require_reports(ledger)
        if not embed:
            _out_folder(out, mkdir)
        if embed:
            click.echo(frontmap.embed_map(ledger, _latest_date(ledger, date), reference=reference,
                                          height=height, warn=_warn))
            return
        if png:
            written = frontmap.write_map_pngs(ledger, out, date=date, width=width, height=height,
                                              reference=reference, warn=_warn)
        else:
            written = frontmap.write_maps(ledger, out, date=date, reference=reference, warn=_warn)
    for path in written:
        click.echo(formats.shown_path(path))


@cli.command()
@click.option("--date", help="The date to brief (YYYY-MM-DD); default the latest in the ledger.", callback=_iso_date)
@click.option("--db", default="frontmap.db", show_default=True, help=DB_HELP)
@click.option("--out", required=True, type=click.Path(dir_okay=False),
              help="The brief: .html (self-contained, interactive map inline), .md (PNG beside it), .docx or .pdf.")
@click.option("--reference", help="Assessed ground to judge the claims against, drawn on the map: a GeoJSON "
              "file for every date, or a folder or pattern of dated files (see `map`); the tables give each "
              "capture claim's verdict.")
@click.option("--static-map", is_flag=True,
              help=".html: the map as a picture (headless Chromium) instead of the interactive map, for a "
                   "reader that runs no script (a mail reader).")
@_size_options
@_mkdir_option
def brief(date, db, out, reference, static_map, width, height, mkdir):
    """Write one date's brief: the map, what is new since the previous date,
    contested places, claims by claimant group, unresolved names, source
    reports and attribution.

    The ending of --out picks the format. .md, .docx and .pdf (the HTML brief
    printed by Chromium) carry a PNG of the map taken in headless Chromium (apt-get install chromium chromium-driver) at
    --width x --height; the .md links it from a file beside it.
    """
    try:
        frontmap.brief_format(out)
    except FrontmapError as exc:
        raise click.BadParameter(str(exc), param_hint="--out") from None
    with _open_ledger(db) as ledger:
        _require_reports(ledger)
        _out_folder(_parent_of(out), mkdir)
        written = frontmap.write_brief(ledger, _latest_date(ledger, date), out, width=width, height=height,
                                       reference=reference, warn=_warn, static_map=static_map)
    for path in written:
        click.echo(formats.shown_path(path))


@cli.group("ledger")
def ledger_():
    """Look after a ledger file: check it, compact it, back it up, recover it.

    A damaged ledger is refused by every command: restore it from a backup
    (`frontmap ledger backup` makes one), or `frontmap ledger recover` it into a new one.
    """


def _existing_ledger(path: str, *, check: bool = True):
    if not frontmap.Ledger.is_url(path) and not Path(path).exists():
        raise FrontmapError(f"no ledger at {path!r}: check the path")
    return frontmap.Ledger(path, check=check)


@ledger_.command("check")
@click.argument("file", type=click.Path(dir_okay=False))
def ledger_check(file):
    """Check every page of FILE (SQLite's integrity check): prints ok and what it holds, or
    the damage found (exit code 1)."""
    with _existing_ledger(file, check=False) as ledger:
        problems = ledger.check()
        if problems:
            for problem in problems[:20]:
                _err(f"{ledger.path}: {problem}")
            raise FrontmapError(f"ledger {ledger.path!r} is damaged ({len(problems)} problem(s) above): restore it "
                                f"from a backup, or `frontmap ledger recover {ledger.path}`")
        reports = ledger.reports()
        dates = ledger.dates()
    span = f"; dates {dates[0]} to {dates[-1]}" if dates else ""
    click.echo(f"{ledger.path}: ok ({len(reports)} report(s), {sum(r['n_places'] for r in reports)} place(s), "
               f"{sum(r['n_claims'] for r in reports)} claim(s){span})")


@ledger_.command("vacuum")
@click.argument("file", type=click.Path(dir_okay=False))
def ledger_vacuum(file):
    """Compact FILE: rewrite it without its free pages (needs about its size free on the disk)."""
    server = frontmap.Ledger.is_url(file)
    before = Path(file).stat().st_size if not server and Path(file).exists() else 0
    with _existing_ledger(file) as ledger:
        ledger.vacuum()
    _err(f"{ledger.path}: vacuumed" if server else f"{file}: {before:,} -> {Path(file).stat().st_size:,} bytes")


@ledger_.command("recover")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--out", type=click.Path(dir_okay=False),
              help="The new ledger (must not exist); default FILE's name with .recovered, beside it.")
@_mkdir_option
def ledger_recover(file, out, mkdir):
    """Salvage a damaged FILE into a new ledger: every report whose row can still be read, its
    places and claims extracted again from the text the ledger kept. FILE is left as it is.
    Exit code 1 when some reports could not be read."""
    if frontmap.Ledger.is_url(file):
        raise click.UsageError("recover reads a SQLite ledger file; a PostgreSQL ledger is restored with "
                               "the server's own tools (pg_dump, pg_restore)")
    if not Path(file).exists():
        raise FrontmapError(f"no ledger at {file!r}: check the path")
    if out is None:
        p = Path(file)
        out = str(p.with_name(f"{p.stem}.recovered{p.suffix or '.db'}"))
    _out_folder(_parent_of(out), mkdir)
    ex, memory = _extractor(), frontmap.Memory()
    done = frontmap.recover_ledger(file, out, lambda report: ex.extract(report, memory=memory))
    for note in done.notes:
        _warn(f"{file}: {note}")
    click.echo(str(done.dest))
    _err(f"{done.recovered} report(s) recovered into {done.dest}"
         + (f"; {done.unreadable} report row(s) could not be read" if done.unreadable else ""))
    if done.unreadable:
        raise FrontmapError(f"{done.unreadable} report(s) of {file!r} were lost: ingest them again from "
                            "their files, or restore the ledger from a backup")


@ledger_.command("backup")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--out", type=click.Path(dir_okay=False),
              help="The copy (must not exist); default FILE's name with the time, beside it.")
@_mkdir_option
def ledger_backup(file, out, mkdir):
    """Copy FILE through SQLite's online backup: a consistent copy even while an ingest writes."""
    if out is None:
        import datetime as _dt
        p = Path(file)
        stamp = _dt.datetime.now(_dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        out = str(p.with_name(f"{p.stem}.{stamp}.backup{p.suffix or '.db'}"))
    with _existing_ledger(file) as ledger:
        _out_folder(_parent_of(out), mkdir)
        click.echo(str(ledger.backup(out)))


def _reference_option(f):
    return click.option(
        "--reference", help="Assessed occupied ground to judge claims against: a GeoJSON file of polygons "
        "(.gz ok) for every date, or a folder or pattern ('ref/*.geojson.gz') with the date in each file's "
        "name; each date takes its own file, else the nearest earlier one (with a warning).")(f)


@cli.command()
@click.option("--db", default="frontmap.db", show_default=True, help=DB_HELP)
@click.option("--date", callback=_iso_date,
              help="The date (YYYY-MM-DD) to give the status on; default the ledger's latest.")
@_format_option(GEO_FORMATS)
@_reference_option
@_raw_csv_option
def control(db, date, fmt, reference, raw_csv):
    """Who claims to hold each place on a date: claimed by RU, by UA, contested.

    A running state from every claim up to the date: captures, liberations,
    withdrawals and denials move it; advances, fighting and encirclement mark
    it contested; hedged claims do not move it. Each place shows the claims
    behind its status and what RU and UA sources each say.
    """
    references = frontmap.load_references(reference) if reference else None
    with _open_ledger(db) as ledger:
        date = _latest_date(ledger, date)
        ledger_ = frontmap.control_ledger(ledger)
    places = ledger_.on(date)
    assessment = None
    if references is not None:
        assessment = frontmap.assess(places, [date], [ch for ch in ledger_.changes if ch.date == date], references)
        for w in assessment.warnings:
            _err(f"warning: {w}")
    click.echo(formats.format_control(date, places, fmt, assessment=assessment, raw_csv=raw_csv))


@cli.command()
@click.argument("before", callback=_iso_date)
@click.argument("after", callback=_iso_date)
@click.option("--db", default="frontmap.db", show_default=True, help=DB_HELP)
@_format_option(GEO_FORMATS)
@_reference_option
@_raw_csv_option
def changes(before, after, db, fmt, reference, raw_csv):
    """What changed in the ledger from date BEFORE to date AFTER.

    Status changes: each place whose asserted control (see `frontmap control`)
    changed after BEFORE up to AFTER, with the claims that moved it and
    reversals flagged. Newly claimed: a place and event claimed on AFTER but
    not on BEFORE. Withdrawn or denied: a claim of BEFORE that on AFTER is
    denied, or undone by a withdrawal at the place by the side it said gained.
    `frontmap diff` is the same command under its old name.
    """
    references = frontmap.load_references(reference) if reference else None
    if before > after:
        raise click.BadParameter(f"{before!r} is after {after!r}: swap them (the earlier date first)",
                                 param_hint="BEFORE")
    with _open_ledger(db) as ledger:
        _require_reports(ledger)
        moved = frontmap.status_changes(ledger, before, after)
        diff_ = frontmap.diff_dates(ledger, before, after)
    assessment = None
    if references is not None:
        assessment = frontmap.assess(moved, [after], moved, references)
        for w in assessment.warnings:
            _err(f"warning: {w}")
    click.echo(formats.format_changes(before, after, moved, diff_, fmt, assessment=assessment, raw_csv=raw_csv))


cli.add_command(click.Command("diff", callback=changes.callback, params=changes.params,
                              help=changes.help, hidden=True))


@cli.command()
@click.option("--db", default="frontmap.db", show_default=True, help=DB_HELP)
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False),
              help="The file to write; its ending picks the format: .gpkg (every layer in one file), .parquet "
                   "(GeoParquet), .fgb, .geojson, .csv (geometry as WKT), .kml.")
@click.option("--layer", "layers", multiple=True, type=click.Choice(("claims", "places", "control", "areas")),
              help="Layer(s) to write (repeat for several in a .gpkg); default every layer in a .gpkg, else claims.")
@click.option("--date", callback=_iso_date, help="Only this report date (YYYY-MM-DD).")
@click.option("--from", "date_from", callback=_iso_date, help="From this report date on (YYYY-MM-DD).")
@click.option("--to", "date_to", callback=_iso_date, help="Up to this report date (YYYY-MM-DD).")
@click.option("--bom", is_flag=True, help="CSV: begin with a byte-order mark, for Excel.")
@_raw_csv_option
@_mkdir_option
def export(db, out, layers, date, date_from, date_to, bom, raw_csv, mkdir):
    """Write the ledger as GIS layers: claims, places, control, claimed areas.

    Columns are flat and named for people (place, oblast, raion, lat, lon,
    event, beneficiary, claimant, claimant_side, stance, confidence,
    geo_precision, time_precision, evidence, report, report_date,
    event_date); each claim's geometry is its own shape (an offset point, a
    line, a disc for "near X"), in EPSG:4326.
    """
    if date and (date_from or date_to):
        raise click.UsageError("pass --date, or --from/--to, not both")
    if date_from and date_to and date_from > date_to:
        raise click.UsageError(f"--from {date_from} is after --to {date_to}: swap them")
    try:
        frontmap.export_driver(out)
    except FrontmapError as exc:
        raise click.BadParameter(str(exc), param_hint="--out") from None
    with _open_ledger(db) as ledger:
        _require_reports(ledger)
        _out_folder(_parent_of(out), mkdir)
        if date:
            ledger.require_date(date)
        counts = frontmap.write_layers(ledger, out, layers=layers or None, date=date, date_from=date_from,
                                       date_to=date_to, bom=bom, raw_csv=raw_csv)
    _err(f"{out}: " + ", ".join(f"{layer} {n} rows" for layer, n in counts.items()))
    click.echo(out)


def _exit_if_stopped(stopped: list) -> None:
    """Exit 1 when a report was stopped by its time budget (the others were printed)."""
    if stopped:
        _err(f"{len(stopped)} report(s) stopped by the time budget and left out; split them or raise --budget.")
        sys.exit(1)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@_format_option(GEO_FORMATS)
@click.option("--date", help="Report date YYYY-MM-DD, for reports that carry none.", callback=_iso_date)
@_max_bytes_option
@_budget_option
@_memory_option
@_raw_csv_option
@click.option("--pretty", is_flag=True, help="Indent json and geojson (default: compact).")
@_jobs_option
def extract(paths, fmt, date, max_bytes, budget, no_memory, raw_csv, pretty, jobs):
    """Print the places and claims of reports, without touching the ledger.

    Each report is written as soon as it is extracted. A report that cannot
    be read stops the run (exit code 1) after the ones before it, and the
    output stays whole (json: a document of those reports). A name a report
    leaves ambiguous takes the place an earlier report of the run resolved it
    to (its reason says so), unless --no-memory. In CSV, a text cell that
    begins with = + - @, a tab or a carriage return gets a leading ' so that
    a spreadsheet shows it rather than running it (--raw-csv: leave it alone).
    """
    global _quick_exit
    _quick_exit = True                     # nothing here needs closing at exit (no ledger)
    stopped: list[FrontmapError] = []
    over_budget: list = []
    # a missing path or a folder with no reports stops the run before anything is printed
    files = _report_files(paths, over_budget, keep_going=False)

    def until_stopped():
        try:
            yield from _extract_each(paths, date, over_budget, keep_going=False, max_bytes=max_bytes,
                                     memory=None if no_memory else frontmap.Memory(), jobs=jobs, budget=budget,
                                     files=files)
        except FrontmapError as exc:
            stopped.append(exc)

    for piece in formats.stream_extractions(until_stopped(), fmt, raw_csv=raw_csv, pretty=pretty):
        click.echo(piece, nl=False)
    click.echo()
    if stopped:
        raise stopped[0]
    _exit_if_stopped(over_budget)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@_format_option()
@click.option("--date", help="Report date YYYY-MM-DD, for reports that carry none.", callback=_iso_date)
@_max_bytes_option
@_budget_option
@_raw_csv_option
def unresolved(paths, fmt, date, max_bytes, budget, raw_csv):
    """List names that look like places but were not resolved or not pinned to one place.

    Each comes with its sentence and the best suggestions from the gazetteer.
    """
    extractions, stopped = _extract_all(paths, date, keep_going=False, max_bytes=max_bytes, budget=budget)
    rows = [row for e in extractions for row in frontmap.unresolved_rows(e)]
    if not rows and fmt == "table":
        click.echo(f"Nothing left unresolved: every place in {len(extractions)} report(s) was pinned to one place.")
    else:
        click.echo(formats.format_places(rows, fmt, raw_csv=raw_csv, columns=formats.unresolved_columns()))
    _exit_if_stopped(stopped)


@cli.command()
@click.argument("name")
@_format_option()
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1), help="At most this many candidates.")
@_raw_csv_option
def resolve(name, fmt, limit, raw_csv):
    """Look NAME up in the gazetteer: every candidate with oblast, raion, kind, coordinates.

    Any spelling works: Kupiansk, Kupyansk, Kup'yans'k, Куп'янськ. When nothing
    matches exactly, scored suggestions are shown instead (and marked so).
    """
    gaz = frontmap.default_gazetteer()
    matches = gaz.find(name, limit=limit)
    how = "suggestion" if matches and matches[0].source == "suggest" else "exact"
    if not matches:
        raise FrontmapError(f"no place matches {name!r}: check the spelling or try the Ukrainian or Russian form")
    rows = [_entry_row(m, how, gaz.tag(m.entry.id, m.matched)) for m in matches[:limit]]
    if fmt == "table":
        keep = ("name", "oblast", "raion", "hromada", "kind", "lat", "lon", "population", "matched", "tag")
        rows = [{k: r[k] for k in keep} for r in rows]
    click.echo(formats.format_places(rows, fmt, raw_csv=raw_csv))


def _entry_row(match, how: str, tag: str | None) -> dict:
    e = match.entry
    return {"name": e.name, "name_uk": e.name_uk, "kind": e.kind, "oblast": e.oblast, "raion": e.raion,
            "hromada": e.hromada, "lat": e.lat, "lon": e.lon, "population": e.population, "id": e.id,
            "matched": match.matched, "tag": tag, "match": how, "source": match.source,
            "score": round(match.score, 3)}


@cli.command("eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False))
@_format_option()
@click.option("--ids", "ids", multiple=True, metavar="PATTERN",
              help="Score only documents whose id matches (shell pattern, e.g. 'd0*'); repeatable.")
@click.option("--exclude", multiple=True, metavar="PATTERN",
              help="Leave out documents whose id matches (e.g. a held-out 'd1[1-8]'); repeatable.")
@click.option("--fit-calibration", "fit_to", type=click.Path(dir_okay=False), metavar="FILE",
              help="Also fit the confidence calibration on these documents and write it to FILE "
                   "(the shipped one is frontmap/data/places/calibration.json).")
@click.option("--mkdir", is_flag=True,
              help="Create the folder of --fit-calibration FILE (and its parents) when it does not exist.")
def eval_(gold_dir, fmt, ids, exclude, fit_to, mkdir):
    """Score `extract` against a folder of gold annotations (texts/ and gold/).

    Claims pair with gold one to one by an optimal assignment: same place (name or
    surface form, and within 5 km where the gold has coordinates) and same event.
    After the metrics, reliability tables: settlements by bin of confidence, each bin's
    count, mean confidence and share right, the calibration error (ECE), and how often
    `resolved` is right and how many places it covers.  A document the shipped calibration
    was fitted on is scored there with a calibration fitted on the others (leave one out).
    """
    import json
    if fit_to:                             # before the scoring: a mistyped folder is not created
        _out_folder(_parent_of(fit_to), mkdir, "--fit-calibration")
    ex = _extractor()
    report = frontmap.evaluate(Path(gold_dir), ex.extract_path, ids=ids, exclude=exclude)
    if fit_to:
        fitted = report.write_calibration(fit_to)
        _err(f"calibration fitted on {len(fitted['fitted_on'])} documents written to {fit_to}")
    if fmt == "json":
        click.echo(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(formats.format_eval(report, fmt))


# Commands that hold nothing a process's teardown must close (no ledger, no files left open) set
# this: the process then ends without tearing down its objects (the gazetteer's tables, spaCy's
# pipeline), which takes a few tenths of a second, once its output is flushed and its exit
# handlers have run.
_quick_exit = False


def main() -> None:
    try:
        cli(prog_name="frontmap")
    except SystemExit as exc:
        if _quick_exit and isinstance(exc.code, (int, type(None))):
            _exit_now(exc.code or 0)
        raise


def _exit_now(code: int) -> None:
    """os._exit(code) after what a normal exit does that matters: output flushed, exit handlers
    run.  Only when this is the last thread; where flushing fails (a closed pipe), the normal exit
    goes on and says so as it always does."""
    import atexit
    import os
    import threading

    if threading.active_count() != 1:
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    os._exit(code)
