"""Command line: a thin layer over the library.

Data goes to stdout, progress and warnings to stderr.  Exit codes: 0 done,
1 frontmap could not do it (bad input, missing data), 2 bad usage.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from frontmap.errors import FrontmapError

FORMAT_CHOICES = ("json", "csv", "geojson", "table")


def _err(msg: str) -> None:
    click.echo(msg, err=True)


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


def _extractor():
    from frontmap.pipeline import Extractor
    return Extractor()


def _max_bytes_option(f):
    return click.option("--max-bytes", default=5_000_000, show_default=True, type=click.IntRange(1),
                        help="Refuse reports larger than this many bytes.")(f)


def _extract_all(paths, date, *, keep_going: bool, max_bytes: int = 5_000_000):
    """Extract every report; unreadable ones are reported on stderr and skipped."""
    from frontmap.reading import iter_report_paths
    ex = _extractor()
    out, failed = [], []
    files = iter_report_paths(paths)
    for n, path in enumerate(files, 1):
        if len(files) > 1:
            _err(f"[{n}/{len(files)}] {path}")
        try:
            extraction = ex.extract_path(path, date=date, max_bytes=max_bytes)
        except FrontmapError as exc:
            if not keep_going:
                raise
            failed.append(path)
            _err(f"skipped: {exc}")
            continue
        for w in extraction.report.warnings:
            _err(f"warning: {path}: {w}")
        out.append(extraction)
    return out, failed


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--db", default="frontmap.db", show_default=True, help="The claims ledger (SQLite).")
@click.option("--date", help="Report date YYYY-MM-DD, for reports that carry none.")
@_max_bytes_option
def ingest(paths, db, date, max_bytes):
    """Read reports (files or folders) and store their claims in the ledger.

    Ingesting the same report twice adds nothing. All reports are stored in
    one transaction: if storing fails, the ledger stays as it was. Reports
    that cannot be read are skipped with a message, and the exit code is 1.
    """
    from frontmap.ledger import Ledger
    extractions, failed = _extract_all(paths, date, keep_going=True, max_bytes=max_bytes)
    with Ledger(db) as ledger:
        stats = ledger.ingest(extractions)
    _err(f"{db}: {_stats_text(stats)}")
    if failed:
        _err(f"{len(failed)} report(s) skipped; fix them and ingest again.")
        sys.exit(1)


def _stats_text(stats) -> str:
    if hasattr(stats, "__dict__"):
        return ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in vars(stats).items())
    return str(stats)


@cli.command("map")
@click.option("--db", default="frontmap.db", show_default=True, help="The claims ledger (SQLite).")
@click.option("--date", help="Render only this date (YYYY-MM-DD).")
@click.option("--out", default="maps", show_default=True, type=click.Path(), help="Folder for the HTML maps.")
@click.option("--reference", type=click.Path(exists=True, dir_okay=False),
              help="GeoJSON polygons (e.g. an assessed-control map, .gz ok) drawn as a layer; "
                   "each popup says whether its place lies inside them.")
def map_(db, date, out, reference):
    """Render one HTML map per report date, plus an index.html linking them.

    The maps work offline: Leaflet is inlined and oblast and raion outlines
    form the basemap; OpenStreetMap tiles are an option in the layer control.
    """
    from frontmap.gazetteer import ATTRIBUTION
    from frontmap.ledger import Ledger
    from frontmap.rendering import write_maps
    if not Path(db).exists():
        raise FrontmapError(f"no ledger at {db!r}: run `frontmap ingest REPORTS` first, or pass --db")
    with Ledger(db) as ledger:
        written = write_maps(ledger, out, date=date, attribution=ATTRIBUTION, reference=reference)
    for path in written:
        click.echo(str(path))


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(FORMAT_CHOICES), default="json", show_default=True)
@click.option("--date", help="Report date YYYY-MM-DD, for reports that carry none.")
@_max_bytes_option
def extract(paths, fmt, date, max_bytes):
    """Print the places and claims of reports, without touching the ledger."""
    from frontmap.formats import format_extractions
    extractions, _ = _extract_all(paths, date, keep_going=False, max_bytes=max_bytes)
    click.echo(format_extractions(extractions, fmt))


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(("table", "json", "csv")), default="table", show_default=True)
@click.option("--date", help="Report date YYYY-MM-DD, for reports that carry none.")
@_max_bytes_option
def unresolved(paths, fmt, date, max_bytes):
    """List names that look like places but were not resolved or not pinned to one place.

    Each comes with its sentence and the best suggestions from the gazetteer.
    """
    from frontmap.formats import format_places
    from frontmap.pipeline import unresolved_rows
    extractions, _ = _extract_all(paths, date, keep_going=False, max_bytes=max_bytes)
    rows = [row for e in extractions for row in unresolved_rows(e)]
    if not rows and fmt == "table":
        click.echo(f"Nothing left unresolved: every place in {len(extractions)} report(s) was pinned to one place.")
        return
    click.echo(format_places(rows, fmt))


@cli.command()
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(("table", "json", "csv")), default="table", show_default=True)
@click.option("--limit", default=20, show_default=True, help="At most this many candidates.")
def resolve(name, fmt, limit):
    """Look NAME up in the gazetteer: every candidate with oblast, raion, kind, coordinates.

    Any spelling works: Kupiansk, Kupyansk, Kup'yans'k, Куп'янськ. When nothing
    matches exactly, scored suggestions are shown instead (and marked so).
    """
    from frontmap.formats import format_places
    from frontmap.gazetteer import default_gazetteer
    gaz = default_gazetteer()
    matches = gaz.lookup(name)
    how = "exact"
    if not matches:
        matches, how = gaz.suggest(name, limit=limit), "suggestion"
    if not matches:
        raise FrontmapError(f"no place matches {name!r}: check the spelling or try the Ukrainian or Russian form")
    rows = [_entry_row(m, how) for m in matches[:limit]]
    if fmt == "table":
        keep = ("name", "oblast", "raion", "hromada", "kind", "lat", "lon", "population", "matched")
        rows = [{k: r[k] for k in keep} for r in rows]
    click.echo(format_places(rows, fmt))


def _entry_row(match, how: str) -> dict:
    e = match.entry
    return {"name": e.name, "name_uk": e.name_uk, "kind": e.kind, "oblast": e.oblast, "raion": e.raion,
            "hromada": e.hromada, "lat": e.lat, "lon": e.lon, "population": e.population, "id": e.id,
            "matched": match.matched, "match": how, "score": round(match.score, 3)}


@cli.command("eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--format", "fmt", type=click.Choice(("table", "json")), default="table", show_default=True)
def eval_(gold_dir, fmt):
    """Score `extract` against a folder of gold annotations (texts/ and gold/)."""
    import json
    from frontmap.evaluation import evaluate
    ex = _extractor()
    report = evaluate(Path(gold_dir), ex.extract_path)
    if fmt == "json":
        click.echo(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(report.as_table())


def main() -> None:
    cli(prog_name="frontmap")
