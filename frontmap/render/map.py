"""Maps of the ledger: one self-contained HTML page per report date, plus an index.

folium builds each page (:mod:`frontmap.render.page`).  A page works with no
network: Leaflet and its plugins (from the installed folium-offline package),
frontmap's script and style, and a basemap of oblast and raion outlines are all
inlined; map tiles are an option on top.  The same claims always give the same
bytes: no random ids, no timestamps.

Report text reaches a page by two roads only: escaped HTML in the boxes
(:mod:`frontmap.render.legend`), and a JSON block whose strings the page's
script puts into the document as text, never as markup.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from frontmap.errors import LedgerError, MapError
from frontmap.files import write_atomic
from frontmap.gazetteer.schema import ATTRIBUTION as PLACES_ATTRIBUTION
from frontmap.ledger.store import Ledger, StoredClaim
from frontmap.render.assets import OUTLINES_ATTRIBUTION, data_text, script_json, symbols
from frontmap.render.data import build, claim_colour_key
from frontmap.render.legend import credit_box, esc, legend_box, title_box
from frontmap.render.reference import Reference, load_reference

SIDE_LAYERS = dict(symbols()["groups"])   # claimant side -> layer name
TILES = {"url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
         "attribution": "&copy; OpenStreetMap contributors", "name": "OpenStreetMap tiles (online)"}
_MAP_FILE_SUFFIX = ".html"
# Up to CLUSTER_ABOVE claims, and no more than FAN_UP_TO at one point, every claim keeps its
# own symbol (those sharing a point fan out around it); beyond, markers cluster.
CLUSTER_ABOVE = 400
FAN_UP_TO = 16

ATTRIBUTION = PLACES_ATTRIBUTION   # the credit a map gives its places, for briefs and embeds

__all__ = ["ATTRIBUTION", "SIDE_LAYERS", "MapError", "claim_colour", "load_reference", "render_index",
           "render_map", "write_maps"]


def claim_colour(claim) -> str:
    """The colour a claim is drawn in (hex): the side that gains, fighting, or neither."""
    return symbols()["colours"][claim_colour_key(claim)]["colour"]


def render_map(date: str, claims: list[StoredClaim], *, attribution: str | None = None,
               title: str | None = None, reference: str | Path | Reference | None = None,
               n_reports: int | None = None) -> str:
    """The full HTML page of one date's map.

    ``reference``: a GeoJSON file of polygons (or a loaded :class:`Reference`) to
    overlay; each claim's popup then says whether its place lies inside them.
    ``n_reports``: how many reports the date has (default: those the claims cite).
    ``attribution``: the places' credit line (default: the gazetteer's sources).
    """
    if attribution is None:
        attribution = PLACES_ATTRIBUTION
    if reference is not None and not isinstance(reference, Reference):
        reference = load_reference(reference)
    data = build(claims, reference=reference)
    if n_reports is not None:
        data.n_reports = n_reports
    heading = title or f"Claims reported on {date}"
    sym = symbols()
    payload = dict(data.payload, date=date, symbols=sym, tiles={"name": TILES["name"]},
                   groups=[[side, name] for side, name in sym["groups"].items()],
                   cluster_above=CLUSTER_ABOVE, fan_up_to=FAN_UP_TO)
    boxes = (f"{title_box(date, data, heading)}\n{legend_box(reference.name if reference else None)}\n"
             f"{credit_box(attribution, OUTLINES_ATTRIBUTION)}\n")
    from frontmap.render.page import build_page   # folium: imported when a map is drawn

    return build_page(heading=esc(heading), data_json=script_json(payload),
                      outlines_json=script_json_text(data_text("outlines.geojson")),
                      boxes=boxes, tiles=TILES, bounds=data.payload["bounds"])


def script_json_text(text: str) -> str:
    """Already-serialised JSON made safe inside a <script> element (see ``script_json``)."""
    return (text.strip().replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def write_maps(ledger: Ledger, out_dir: str | Path = "maps", *, date: str | None = None,
               attribution: str | None = None, reference: str | Path | Reference | None = None) -> list[Path]:
    """Write ``<date>.html`` for each report date (or just ``date``) and ``index.html``.

    ``reference``: a GeoJSON file of polygons overlaid on every map written.
    """
    out = Path(out_dir)
    dates = ledger.dates()
    if date is not None:
        ledger.require_date(date)
    if reference is not None and not isinstance(reference, Reference):
        reference = load_reference(reference)   # before writing anything: a bad file writes nothing
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LedgerError(f"cannot create map folder {str(out)!r}: {exc.strerror or exc}; "
                          "pass another --out folder") from None
    written = []
    for day in ([date] if date else dates):
        page = render_map(day, ledger.claims(day), attribution=attribution, reference=reference,
                          n_reports=len(ledger.reports(day)))
        written.append(_write(out / f"{day}.html", page))
    written.append(_write(out / "index.html", render_index(ledger, out)))
    return written


def render_index(ledger: Ledger, out_dir: str | Path) -> str:
    """An HTML page linking every ``<date>.html`` in ``out_dir``, with its counts per side and event."""
    from frontmap.render.data import contested_reason

    files = sorted(p.name for p in Path(out_dir).iterdir() if _is_map_file(p.name))
    known = set(ledger.dates())
    sides = list(SIDE_LAYERS)
    rows = []
    for name in files:
        day = name[:-len(_MAP_FILE_SUFFIX)]
        if day not in known:
            rows.append(f'<tr><td><a href="{esc(name)}">{esc(day)}</a></td>'
                        f'<td colspan="{len(sides) + 4}">not in this ledger</td></tr>')
            continue
        claims = ledger.claims(day)
        by_side = Counter(s.claim.claimant_side for s in claims)
        by_event = Counter(s.claim.event for s in claims)
        at_place: dict[tuple, list] = {}
        for s in claims:
            if s.claim.place.lat is not None:
                p = s.claim.place
                at_place.setdefault((p.id, p.name, round(p.lat, 5), round(p.lon, 5)), []).append(s.claim)
        n_contested = sum(1 for here in at_place.values() if contested_reason(here))
        events = ", ".join(f"{esc(e)} {n}" for e, n in sorted(by_event.items())) or "-"
        cells = "".join(f"<td>{by_side.get(side, 0)}</td>" for side in sides)
        rows.append(f'<tr><td><a href="{esc(name)}">{esc(day)}</a></td>'
                    f"<td>{len(ledger.reports(day))}</td><td>{len(claims)}</td>{cells}"
                    f"<td>{n_contested}</td><td>{events}</td></tr>")
    head = "".join(f"<th>{esc(SIDE_LAYERS[s])}</th>" for s in sides)
    table = ("<p>No maps yet: ingest reports, then write the maps.</p>" if not rows else
             f"<table><tr><th>date</th><th>reports</th><th>claims</th>{head}"
             f"<th>contested places</th><th>events</th></tr>{''.join(rows)}</table>")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>frontmap maps</title>"
            "<style>body{font:14px sans-serif;margin:2em}table{border-collapse:collapse}"
            "td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}</style></head>"
            f"<body><h1>frontmap maps</h1>{table}</body></html>\n")


def _is_map_file(name: str) -> bool:
    day = name[:-len(_MAP_FILE_SUFFIX)]
    return (name.endswith(_MAP_FILE_SUFFIX) and len(day) == 10 and day[4] == day[7] == "-"
            and day.replace("-", "").isdigit())


def _write(path: Path, text: str) -> Path:
    return write_atomic(path, text, error=LedgerError, what="map", fix="pass another --out folder")
