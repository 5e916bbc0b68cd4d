"""Render extractions, place lists and ledger diffs as json, csv, geojson or a text table.

Every function returns text without a trailing newline (the CLI adds one).
Only format "table" imports rich.
"""
from __future__ import annotations

import csv
import io
import itertools
import json
import re
from dataclasses import asdict, fields, is_dataclass
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping

from frontmap.errors import FrontmapError
from frontmap.exports import CLAIM_COLUMNS as EXPORT_CLAIM_COLUMNS
from frontmap.exports import claim_record, claim_shape
from frontmap.files import json_names, report_name, shown_path
from frontmap.model import Claim, Extraction, Place

if TYPE_CHECKING:
    from frontmap.ledger.diff import LedgerDiff

FORMATS = ("json", "csv", "geojson", "table")
PLACE_FORMATS = ("json", "csv", "table")
DIFF_FORMATS = ("json", "table")

# extract's csv and geojson rows are the exports' flat claim record: the two always agree
CLAIM_ROW_COLUMNS = EXPORT_CLAIM_COLUMNS


def _check(fmt: str, valid: tuple[str, ...]) -> str:
    if fmt not in valid:
        raise FrontmapError(f"unknown output format {fmt!r}; use one of: {', '.join(valid)}")
    return fmt


def _dump(obj: Any) -> str:
    return json_names(json.dumps(obj, ensure_ascii=False, indent=2))


def claim_row(extraction: Extraction, claim: Claim) -> dict[str, Any]:
    """One claim flattened as every export flattens it (``exports.claim_record``)."""
    return claim_record(claim, extraction.report.path, extraction.report.date, extraction.report.source_url)


def _cell(value: Any) -> str:
    """CSV/table cell: None -> "", lists and dicts as compact JSON, a file name shown safely."""
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return shown_path(json.dumps(value, ensure_ascii=False)) if value else ""
    return shown_path(str(value))


# A spreadsheet runs a cell that begins with one of these as a formula (OWASP, "CSV injection")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any, *, raw: bool = False) -> str:
    """One CSV cell, as :func:`_cell`; a text cell a spreadsheet would run as a formula gets a
    leading ``'`` unless ``raw``.  Numbers are not text: -37.5 stays -37.5."""
    cell = _cell(value)
    if raw or isinstance(value, (int, float)) or not cell.startswith(_FORMULA_START):
        return cell
    return "'" + cell


def _csv(columns: Iterable[str], rows: Iterable[Mapping[str, Any]], *, raw: bool = False) -> str:
    return "".join(_csv_lines(columns, rows, raw=raw)).rstrip("\n")


def _csv_lines(columns: Iterable[str], rows: Iterable[Mapping[str, Any]], *, raw: bool = False) -> Iterator[str]:
    """The header, then each row, as CSV text ending in a newline (the rows are read as they come)."""
    buf = io.StringIO()
    # QUOTE_MINIMAL quotes cells with commas, quotes or newlines, but not a lone carriage
    # return (it is not in the line terminator): a row with one is quoted whole
    writer = csv.writer(buf, lineterminator="\n")
    quoted = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_ALL)
    columns = list(columns)
    for cells in itertools.chain([[csv_cell(c, raw=raw) for c in columns]],
                                 ([csv_cell(row.get(c), raw=raw) for c in columns] for row in rows)):
        (quoted if any("\r" in c for c in cells) else writer).writerow(cells)
        yield buf.getvalue()
        buf.seek(0)
        buf.truncate()


def csv_text(columns: Iterable[str], rows: Iterable[Mapping[str, Any]], *, raw: bool = False) -> str:
    """Rows as CSV text, as every CSV frontmap writes (the exports use it too)."""
    return _csv(columns, rows, raw=raw)


def _lonlat(point) -> list[float]:
    return [point.lon, point.lat]  # GeoJSON order is [longitude, latitude]


def claim_geometry(claim: Claim) -> dict[str, Any] | None:
    """The claim's own shape as GeoJSON (``exports.claim_shape``): an offset point, a line along a
    road, a disc for "near X", else its place's point; None for a place with no point."""
    from shapely.geometry import mapping

    shape = claim_shape(claim)
    return None if shape is None else _round(mapping(shape))


def _round(obj: Any) -> Any:
    if isinstance(obj, float):
        return round(obj, 6)           # about 0.1 m
    if isinstance(obj, (list, tuple)):
        return [_round(x) for x in obj]
    if isinstance(obj, dict):
        return {k: _round(v) for k, v in obj.items()}
    return obj


def _features(ext: Extraction) -> Iterator[dict[str, Any]]:
    for claim in ext.claims:
        yield {"type": "Feature", "geometry": claim_geometry(claim), "properties": claim_row(ext, claim)}


def _json_stream(head: dict[str, Any], key: str, items: Iterable[Any], pretty: bool) -> Iterator[str]:
    """The JSON text of ``{**head, key: [items...]}`` in pieces, one per item, read as they come:
    with ``pretty`` exactly what ``json.dumps(..., indent=2)`` writes, else compact."""
    start = json_names(json.dumps({**head, key: []}, ensure_ascii=False, **_LAYOUT[pretty]))
    closing = "]\n}" if pretty else "]}"
    yield start[:-len(closing)]        # up to and with the list's "["
    count = 0
    for item in items:
        text = json.dumps(item, ensure_ascii=False, **_LAYOUT[pretty])
        if pretty:                     # the item is two levels down: four more spaces a line
            text = "\n    " + text.replace("\n", "\n    ")    # JSON strings hold no raw newline
        yield ("," if count else "") + json_names(text)
        count += 1
    yield "\n  " + closing if pretty and count else closing


_LAYOUT = {True: {"indent": 2}, False: {"separators": (",", ":")}}


def _render(renderables: list[Any], width: int) -> str:
    from rich.console import Console

    console = Console(file=io.StringIO(), width=width, color_system=None, force_terminal=False,
                      legacy_windows=False, soft_wrap=False)
    for r in renderables:
        console.print(r)
    return "\n".join(line.rstrip() for line in console.file.getvalue().rstrip("\n").splitlines())


def _fmt_coord(v: float | None) -> str:
    return "" if v is None else f"{v:.4f}"


# Box characters of rich's default table (box.HEAVY_HEAD) and a table drawn in plain Python that
# matches rich's output exactly where that is simple: single-cell characters, no markup or emoji
# codes, nothing to wrap.  Rich takes about 10 ms a report; this, a few hundred microseconds.
_MARKUP_OR_EMOJI = re.compile(r"\[|:\S*:")
_single_cell: dict[str, bool] = {}


def _plain(text: str) -> bool:
    """Whether rich would show ``text`` as it is, one cell per character (no markup, no emoji code,
    no control, wide or zero-width character)."""
    if _MARKUP_OR_EMOJI.search(text):
        return False
    for ch in text:
        ok = _single_cell.get(ch)
        if ok is None:
            o = ord(ch)
            if 0x20 <= o < 0x7F:
                ok = True
            elif o < 0xA0 or ch in "\u200d\ufe0f\u2028\u2029":
                ok = False
            else:
                from rich.cells import cell_len
                ok = cell_len(ch) == 1
            _single_cell[ch] = ok
        if not ok:
            return False
    return True


def _plain_table(title: str, columns: list[tuple[str, bool]], rows: list[tuple[str, ...]],
                 width: int) -> list[str] | None:
    """The lines rich draws for this table (``columns``: header, right-justified), or None where
    the table is not that simple (rich draws it then)."""
    if not _plain(title) or title != title.strip() or "  " in title:
        return None
    for row in rows:
        for cell in row:
            if not _plain(cell):
                return None
    widths = [max(len(head), *(len(row[k]) for row in rows)) if rows else len(head)
              for k, (head, _) in enumerate(columns)]
    table_width = sum(widths) + 3 * len(widths) + 1
    if table_width > width or len(title) > table_width:
        return None

    def line(cells: Iterable[str], edge: str, sep: str) -> str:
        return edge + sep.join(f" {c.rstrip().rjust(w) if right else c.ljust(w)} "
                               for c, w, (_, right) in zip(cells, widths, columns)) + edge

    lines = [title,
             "┏" + "┳".join("━" * (w + 2) for w in widths) + "┓",
             line((head for head, _ in columns), "┃", "┃"),
             "┡" + "╇".join("━" * (w + 2) for w in widths) + "┩",
             *(line(row, "│", "│") for row in rows)]
    lines.append("└" + "┴".join("─" * (w + 2) for w in widths) + "┘")
    return lines


_PLACE_COLUMNS = [(col, col in ("lat", "lon", "conf"))
                  for col in ("text", "name", "kind", "oblast", "lat", "lon", "status", "conf")]
_CLAIM_COLUMNS = [(col, False) for col in ("place", "event", "beneficiary", "claimant", "side", "stance")]


def _rich_table(title: str, columns: list[tuple[str, bool]], rows: list[tuple[str, ...]]):
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    for col, right in columns:
        table.add_column(col, justify="right" if right else "left")
    for row in rows:
        table.add_row(*row)
    return table


def _table(extractions: list[Extraction], width: int) -> str:
    lines: list[str] = []
    for ext in extractions:
        path = shown_path(ext.report.path)
        places = [(p.text, p.name or "", p.kind or "", p.oblast or "", _fmt_coord(p.lat), _fmt_coord(p.lon),
                   p.status, f"{p.confidence:.2f}") for p in ext.places]
        claims = [(c.place.name or c.place.text, c.event, c.beneficiary or "", c.claimant, c.claimant_side,
                   c.stance) for c in ext.claims]
        for title, columns, rows in ((f"{path} ({ext.report.date}): places", _PLACE_COLUMNS, places),
                                     (f"{path} ({ext.report.date}): claims", _CLAIM_COLUMNS, claims)):
            plain = _plain_table(title, columns, rows, width)
            if plain is None:
                plain = _render([_rich_table(title, columns, rows)], width).split("\n")
            lines += plain
    return "\n".join(line.rstrip() for line in lines).rstrip("\n")


def format_extractions(extractions: Iterable[Extraction], fmt: str, width: int = 140, *,
                       raw_csv: bool = False, pretty: bool = False) -> str:
    """Extractions as json | csv | geojson | table (width applies to table only; ``raw_csv``:
    csv cells as they are, without the ``'`` that keeps a spreadsheet from running them;
    ``pretty``: json and geojson indented, else compact)."""
    return "".join(stream_extractions(extractions, fmt, width, raw_csv=raw_csv, pretty=pretty))


def stream_extractions(extractions: Iterable[Extraction], fmt: str, width: int = 140, *,
                       raw_csv: bool = False, pretty: bool = False) -> Iterator[str]:
    """:func:`format_extractions` in pieces, each written as soon as its report comes, so that
    output of any number of reports holds one report at a time."""
    _check(fmt, FORMATS)
    if fmt == "json":
        yield from _json_stream({}, "reports", (e.to_dict() for e in extractions), pretty)
    elif fmt == "geojson":
        features = (f for e in extractions for f in _features(e))
        yield from _json_stream({"type": "FeatureCollection"}, "features", features, pretty)
    elif fmt == "csv":
        lines = _csv_lines(CLAIM_ROW_COLUMNS, (claim_row(e, c) for e in extractions for c in e.claims), raw=raw_csv)
        last = None
        for line in lines:             # the text ends without its last newline
            if last is not None:
                yield last
            last = line
        yield last.rstrip("\n")
    else:
        first = True
        for ext in extractions:
            text = _table([ext], width)
            yield text if first else "\n" + text
            first = False


def _as_dict(row: Any) -> dict[str, Any]:
    if hasattr(row, "to_dict"):
        return dict(row.to_dict())
    if is_dataclass(row) and not isinstance(row, type):
        return asdict(row)
    if isinstance(row, Mapping):
        return dict(row)
    raise FrontmapError(f"cannot format {row!r} as a place row; pass Place objects or dicts")


def _flatten(d: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested dicts become prefixed columns (a Match's entry -> entry_name, entry_lat...)."""
    flat: dict[str, Any] = {}
    for k, v in d.items():
        if isinstance(v, Mapping):
            flat.update(_flatten(v, f"{prefix}{k}_"))
        else:
            flat[f"{prefix}{k}"] = v
    return flat


def _alt_names(value: Any) -> Any:
    """Alternatives shown by name in a table, not as raw JSON."""
    if isinstance(value, list) and all(isinstance(a, Mapping) for a in value):
        return ", ".join(str(a.get("name") or a.get("id") or "?") for a in value)
    return value


def unresolved_columns() -> tuple[str, ...]:
    """The columns of ``frontmap unresolved``'s rows (a CSV of no rows still has its header)."""
    from frontmap.places.unresolved import UnresolvedRow
    return tuple(f.name for f in fields(UnresolvedRow))


def format_places(rows: Iterable[Any], fmt: str, width: int = 140, *, raw_csv: bool = False,
                  columns: Iterable[str] = ()) -> str:
    """Place-like rows (Place, other dataclasses, dicts) as json | csv | table.

    json keeps nesting (a list of objects); csv and table flatten nested objects
    into prefixed columns, in order of first appearance (``columns``: the header when there
    are no rows).  csv cells are neutralised as in :func:`format_extractions` unless ``raw_csv``.
    """
    _check(fmt, PLACE_FORMATS)
    dicts = [_as_dict(r) for r in rows]
    if fmt == "json":
        return _dump(dicts)
    flat = [_flatten(d) for d in dicts]
    columns = list(dict.fromkeys(k for d in flat for k in d)) or list(columns)
    if fmt == "csv":
        return _csv(columns, flat, raw=raw_csv)
    from rich.table import Table

    # A terminal is narrow: leave out columns that are empty in every row.
    columns = [c for c in columns if any(_cell(d.get(c)) for d in flat)]
    table = Table()
    for col in columns:
        table.add_column(col)
    for d in flat:
        table.add_row(*(_cell(_alt_names(d.get(c))) for c in columns))
    return _render([table], width)


def format_diff(diff: "LedgerDiff", fmt: str, width: int = 140) -> str:
    """The diff as json | table (text without a trailing newline)."""
    if fmt not in DIFF_FORMATS:
        raise FrontmapError(f"unknown diff format {fmt!r}; use one of: {', '.join(DIFF_FORMATS)}")
    if fmt == "json":
        return _dump(diff.to_dict())
    from rich.console import Console
    from rich.table import Table

    from frontmap.ledger.diff import claimants

    console = Console(file=io.StringIO(), width=width, color_system=None, force_terminal=False, soft_wrap=False)
    since = f"since {diff.before}" if diff.before else "(no earlier date to compare with)"
    for title, changes in ((f"Newly claimed on {diff.after} {since}", diff.newly_claimed),
                           (f"Withdrawn or denied on {diff.after} {since}", diff.withdrawn_or_denied)):
        if not changes:
            console.print(f"{title}: none")
            continue
        table = Table(title=title, title_justify="left")
        undone = changes[0].kind != "new"
        for col in ("place", "oblast", "event", *(("claimed before by", "change") if undone else ("claimed by",)),
                    "evidence", "report"):
            table.add_column(col, ratio=3 if col == "evidence" else 1, overflow="fold")
        for ch in changes:
            who = ([claimants(ch.before), f"{ch.kind}: {claimants(ch.after)}"] if undone
                   else [claimants(ch.after)])
            table.add_row(ch.place, ch.oblast or "", ch.event, *who,
                          " / ".join(s.claim.evidence for s in ch.after),
                          ", ".join(dict.fromkeys(report_name(s.report_path) for s in ch.after)))
        console.print(table)
    return "\n".join(line.rstrip() for line in console.file.getvalue().rstrip("\n").splitlines())


# --- the control ledger ----------------------------------------------------------------------

CONTROL_FORMATS = ("json", "csv", "geojson", "table")
CHANGES_FORMATS = ("json", "csv", "geojson", "table")
CONTROL_COLUMNS = ("place", "place_id", "oblast", "lat", "lon", "status", "since", "reversal",
                   "view_RU", "view_UA", "view_third", "view_outlet", "reference_verdict", "reference_km",
                   "claimants", "evidence", "reports")
CHANGE_COLUMNS = ("date", "place", "place_id", "oblast", "lat", "lon", "before", "after", "reversal",
                  "reference_verdict", "reference_km", "claimants", "evidence", "reports")


def _evidence_cells(claims) -> dict[str, str]:
    from frontmap.ledger.diff import claimants

    return {"claimants": claimants(claims), "evidence": " / ".join(s.claim.evidence for s in claims),
            "reports": ", ".join(dict.fromkeys(report_name(s.report_path) for s in claims))}


def _verdict_cells(verdict: Mapping[str, Any] | None) -> dict[str, Any]:
    verdict = verdict or {}
    return {"reference_verdict": verdict.get("verdict", "no reference"), "reference_km": verdict.get("km")}


def _verdict_words(verdict: Mapping[str, Any] | None) -> str:
    verdict = verdict or {}
    if verdict.get("verdict") == "outside":
        return f"outside by {verdict['km']:.1f} km"
    if verdict.get("verdict") == "inside":
        return f"inside ({verdict['km']:.1f} km from the edge)"
    return verdict.get("verdict", "no reference")


def _control_row(p, verdict=None) -> dict[str, Any]:
    row = {"place": p.place, "place_id": p.place_id, "oblast": p.oblast, "lat": p.lat, "lon": p.lon,
           "status": p.status, "since": p.since, "reversal": p.reversal}
    row.update({f"view_{v}": s for v, s in p.views.items()})
    row.update(_verdict_cells(verdict))
    row.update(_evidence_cells(p.claims))
    return row


def _change_row(ch, verdict=None) -> dict[str, Any]:
    row = {"date": ch.date, "place": ch.place, "place_id": ch.place_id, "oblast": ch.oblast,
           "lat": ch.lat, "lon": ch.lon, "before": ch.before, "after": ch.after, "reversal": ch.reversal}
    row.update(_verdict_cells(verdict))
    row.update(_evidence_cells(ch.claims))
    return row


def _areas_lines(assessment) -> list[str]:
    lines = []
    for a in assessment.areas:
        beyond = "" if a.beyond_reference_km2 is None else f", {a.beyond_reference_km2:.1f} km² beyond the reference"
        lines.append(f"{a.date}: {a.side} newly claimed {a.km2:.1f} km² ({len(a.places)} places){beyond}")
    return lines + [f"warning: {w}" for w in assessment.warnings]


def format_control(date: str, places: list, fmt: str, width: int = 140, assessment=None, raw_csv: bool = False) -> str:
    """Every place's asserted control status on ``date`` (ledger.control.PlaceControl rows), with
    each one's verdict against a reference and the date's claimed areas when ``assessment`` is given."""
    _check(fmt, CONTROL_FORMATS)
    verdicts = assessment.verdicts if assessment is not None else [None] * len(places)
    if fmt == "json":
        out: dict[str, Any] = {"date": date, "places": [
            {**p.to_dict(), "reference": v} if assessment is not None else p.to_dict()
            for p, v in zip(places, verdicts)]}
        if assessment is not None:
            out.update(reference=assessment.reference, areas=[a.to_dict() for a in assessment.areas],
                       warnings=assessment.warnings)
        return _dump(out)
    if fmt == "csv":
        return _csv(CONTROL_COLUMNS, (_control_row(p, v) for p, v in zip(places, verdicts)), raw=raw_csv)
    if fmt == "geojson":
        features = [{"type": "Feature",
                     "geometry": None if p.lat is None or p.lon is None
                     else {"type": "Point", "coordinates": [p.lon, p.lat]},
                     "properties": {"layer": "control", "date": date, **_control_row(p, v)}}
                    for p, v in zip(places, verdicts)]
        for a in assessment.areas if assessment is not None else ():
            feature = a.geojson()
            feature["properties"] = {"layer": "claimed_area", **feature["properties"]}
            features.append(feature)
        return _dump({"type": "FeatureCollection", "features": features})
    from rich.table import Table

    table = Table(title=f"Asserted control on {date}", title_justify="left")
    cols = ["place", "oblast", "status", "since", "RU says", "UA says", "claimed by", "evidence"]
    if assessment is not None and assessment.reference:
        cols.insert(4, "vs reference")
    for col in cols:
        table.add_column(col, ratio=3 if col == "evidence" else 1, overflow="fold")
    for p, v in zip(places, verdicts):
        row = _control_row(p, v)
        cells = [p.place, p.oblast or "", p.status + (" (reversal)" if p.reversal else ""), p.since or "",
                 p.views["RU"], p.views["UA"], row["claimants"], row["evidence"]]
        if "vs reference" in cols:
            cells.insert(4, _verdict_words(v))
        table.add_row(*cells)
    shown: list[Any] = [table] if places else [f"Asserted control on {date}: no place claimed yet"]
    return _render(shown + (_areas_lines(assessment) if assessment is not None else []), width)


def format_changes(before: str | None, after: str, changes: list, diff: "LedgerDiff", fmt: str,
                   width: int = 140, assessment=None, raw_csv: bool = False) -> str:
    """What changed from ``before`` to ``after``: status changes (ledger.control.Change) and the
    claim-level diff (newly claimed, withdrawn or denied).  csv and geojson hold the status changes
    (geojson: a point per change at its place, as control's)."""
    _check(fmt, CHANGES_FORMATS)
    verdicts = assessment.verdicts if assessment is not None else [None] * len(changes)
    if fmt == "json":
        out: dict[str, Any] = {"before": before, "after": after, "status_changes": [
            {**ch.to_dict(), "reference": v} if assessment is not None else ch.to_dict()
            for ch, v in zip(changes, verdicts)]}
        if assessment is not None:
            out.update(reference=assessment.reference, areas=[a.to_dict() for a in assessment.areas],
                       warnings=assessment.warnings)
        out.update(newly_claimed=[c.to_dict() for c in diff.newly_claimed],
                   withdrawn_or_denied=[c.to_dict() for c in diff.withdrawn_or_denied])
        return _dump(out)
    if fmt == "csv":
        return _csv(CHANGE_COLUMNS, (_change_row(ch, v) for ch, v in zip(changes, verdicts)), raw=raw_csv)
    if fmt == "geojson":
        features = [{"type": "Feature",
                     "geometry": None if ch.lat is None or ch.lon is None
                     else {"type": "Point", "coordinates": [ch.lon, ch.lat]},
                     "properties": {"layer": "status_change", **_change_row(ch, v)}}
                    for ch, v in zip(changes, verdicts)]
        return _dump({"type": "FeatureCollection", "features": features})
    from rich.table import Table

    since = f"since {before}" if before else "(from the first date)"
    title = f"Status changes up to {after} {since}"
    with_ref = assessment is not None and assessment.reference
    if changes:
        table = Table(title=title, title_justify="left")
        cols = ["date", "place", "oblast", "change", "claimed by", "evidence", "report"]
        if with_ref:
            cols.insert(4, "vs reference")
        for col in cols:
            table.add_column(col, ratio=3 if col == "evidence" else 1, overflow="fold")
        for ch, v in zip(changes, verdicts):
            row = _change_row(ch, v)
            cells = [ch.date, ch.place, ch.oblast or "",
                     f"{ch.before} -> {ch.after}" + (" (reversal)" if ch.reversal else ""),
                     row["claimants"], row["evidence"], row["reports"]]
            if with_ref:
                cells.insert(4, _verdict_words(v))
            table.add_row(*cells)
        head = _render([table] + (_areas_lines(assessment) if assessment is not None else []), width)
    else:
        head = f"{title}: none"
    return head + "\n\n" + format_diff(diff, "table", width)


# --- eval ------------------------------------------------------------------------------------

EVAL_COLUMNS = ("metric", "value", "counts")
RELIABILITY_COLUMNS = ("confidence", "count", "mean confidence", "share right")


def format_eval(report, fmt: str, width: int = 140) -> str:
    """An ``evaluation.EvalReport`` as csv (the metric rows) or table (the same rich tables as every
    other command: metrics, then each reliability table with its ECE and coverage lines)."""
    _check(fmt, ("csv", "table"))
    rows = [dict(zip(EVAL_COLUMNS, r)) for r in report.rows]
    if fmt == "csv":
        return _csv(EVAL_COLUMNS, rows)
    from rich.table import Table

    def table(title, columns, cells):
        t = Table(title=title, title_justify="left")
        for i, col in enumerate(columns):
            t.add_column(col, justify="left" if i == 0 else "right")
        for row in cells:
            t.add_row(*(str(c) for c in row))
        return t

    out: list[Any] = [table("Metrics", EVAL_COLUMNS, report.rows)]
    for title, rel in report.reliability_tables():
        bins = [(f"{b['lo']:.2f}-{b['hi']:.2f}", b["count"],
                 "" if b["mean_confidence"] is None else f"{b['mean_confidence']:.3f}", _pct(b["share_right"]))
                for b in rel["bins"]]
        out += ["", table(title, RELIABILITY_COLUMNS, bins), *_reliability_lines(rel)]
    if report.failures:
        out += [""] + [f"extraction failed on {k}: {v}" for k, v in report.failures.items()]
    return _render(out, width)


def _pct(x) -> str:
    return "n/a" if x is None else f"{100 * x:.1f}%"


def _reliability_lines(rel) -> list[str]:
    res = rel["resolved"]
    ece = "n/a" if rel["ece"] is None else f"{rel['ece']:.3f}"
    return [f"ECE: {ece} ({rel['right']}/{rel['count']} right)",
            f"resolved: {_pct(res['precision'])} right ({res['right']}/{res['count']}), "
            f"coverage {_pct(res['coverage'])} ({res['count']}/{rel['count']})"]
