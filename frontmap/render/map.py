"""Maps of the ledger: one self-contained HTML page per report date, the time view
(:mod:`frontmap.render.timeview`) and an index (:mod:`frontmap.render.index`).

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

from pathlib import Path
from typing import TYPE_CHECKING, Callable

from frontmap.errors import LedgerError, MapError
from frontmap.files import write_atomic
from frontmap.gazetteer.schema import ATTRIBUTION as PLACES_ATTRIBUTION
from frontmap.ledger.store import Ledger, StoredClaim
from frontmap.render.assets import (OUTLINES_ATTRIBUTION, TILES, data_text, script_json, script_json_text,
                                    symbols)
from frontmap.render.data import build, claim_colour_key
from frontmap.render.index import TIME_VIEW, render_index
from frontmap.render.legend import credit_box, esc, key_box, legend_box, title_box
from frontmap.render.reference import Reference, ReferenceSet, load_reference

if TYPE_CHECKING:
    from frontmap.ledger.control import ControlLedger

SIDE_LAYERS = dict(symbols()["groups"])   # claimant side -> layer name
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
               title: str | None = None, reference: str | Path | Reference | ReferenceSet | None = None,
               n_reports: int | None = None, control: ControlLedger | None = None,
               nav: dict[str, str | None] | None = None, warn: Callable[[str], None] | None = None,
               areas: list | None = None) -> str:
    """The full HTML page of one date's map.

    ``reference``: what ``load_references`` takes (a GeoJSON file of polygons for every date,
    or a folder or pattern of dated files), a loaded :class:`ReferenceSet` or a
    :class:`Reference`.  The date's reference is overlaid; each claim's popup then says whether
    its place lies inside it, and each control change gives its verdict.  With none for the
    date (the nearest earlier is taken, with a warning to ``warn``, default stderr), the
    popups say so.
    ``control``: the ledger's control ledger, for the layer of the date's control changes and
    claimed areas (default: derived from ``claims`` alone, so every change starts from unknown).
    ``areas``: the date's claimed areas, when already made (``frontmap.render.control.date_areas``).
    ``nav``: links to other pages, ``{"prev": date, "next": date, "index": file, "time": file}``.
    ``n_reports``: how many reports the date has (default: those the claims cite).
    ``attribution``: the places' credit line (default: the gazetteer's sources).
    """
    from frontmap.render.control import control_payload, reference_for, references_of, warn_once

    if attribution is None:
        attribution = PLACES_ATTRIBUTION
    ref = reference_for(references_of(reference), date)
    warn_once(warn, set(), ref.warning)
    data = build(claims, reference=ref.reference)
    if n_reports is not None:
        data.n_reports = n_reports
    heading = title or f"Claims reported on {date}"
    sym = symbols()
    reference_label = _reference_label(ref, date)
    from frontmap.render.cities import reference_cities

    payload = dict(data.payload, date=date, symbols=sym, tiles={"name": TILES["name"]},
                   cities=[list(c) for c in reference_cities()],
                   groups=[[side, name] for side, name in sym["groups"].items()],
                   cluster_above=CLUSTER_ABOVE, fan_up_to=FAN_UP_TO,
                   control=control_payload(date, claims, data.claim_index, control, ref, areas=areas),
                   no_reference=ref.missing)
    if payload["reference"] is not None:
        payload["reference"]["name"] = reference_label
    boxes = (f"{title_box(date, data, heading, control=payload['control'], nav=nav)}\n"
             f"{legend_box(reference_label, missing=ref.missing)}\n"
             f"{key_box(data, payload['control'])}\n"
             f"{credit_box(attribution, OUTLINES_ATTRIBUTION)}\n")
    from frontmap.render.page import build_page   # folium: imported when a map is drawn

    return build_page(heading=esc(heading), data_json=script_json(payload),
                      outlines_json=script_json_text(data_text("outlines.geojson")),
                      boxes=boxes, tiles=TILES, bounds=data.payload["bounds"])


def _reference_label(ref, date: str) -> str | None:
    """The reference's file name, and its date when it is not the map's own."""
    if ref.reference is None:
        return None
    if ref.date is not None and ref.date != date:
        return f"{ref.reference.name} (of {ref.date}, the nearest earlier)"
    return ref.reference.name


def write_maps(ledger: Ledger, out_dir: str | Path = "maps", *, date: str | None = None,
               attribution: str | None = None,
               reference: str | Path | Reference | ReferenceSet | None = None,
               warn: Callable[[str], None] | None = None) -> list[Path]:
    """Write ``<date>.html`` for each report date (or just ``date``), ``time.html`` (every date
    on one page, with a slider) and ``index.html``.

    ``reference``: what ``load_references`` takes (one GeoJSON file for every date, or a folder
    or pattern of dated files): each date's map takes its own (see :func:`render_map`); a date
    that takes an earlier one, or has none, is reported to ``warn`` (default: stderr).
    """
    from frontmap.ledger.control import control_ledger
    from frontmap.render.control import date_areas, reference_for, references_of, warn_once
    from frontmap.render.timeview import render_time_view

    out = Path(out_dir)
    dates = ledger.dates()
    if date is not None:
        ledger.require_date(date)
    days = [date] if date else dates
    references = references_of(reference)
    seen: set[str] = set()
    for day in days:   # before writing anything: a bad file writes nothing
        warn_once(warn, seen, reference_for(references, day).warning)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LedgerError(f"cannot create map folder {str(out)!r}: {exc.strerror or exc}; "
                          "pass another --out folder") from None
    control = control_ledger(ledger)
    written, areas = [], []
    for day in days:
        at = dates.index(day)
        nav = {"prev": dates[at - 1] if at > 0 else None, "next": dates[at + 1] if at + 1 < len(dates) else None,
               "index": "index.html", "time": TIME_VIEW}
        day_areas = date_areas(control, day, reference_for(references, day))   # made once, drawn twice
        areas += day_areas
        page = render_map(day, ledger.claims(day), attribution=attribution, reference=references,
                          n_reports=len(ledger.reports(day)), control=control, nav=nav, warn=lambda _: None,
                          areas=day_areas)
        written.append(_write(out / f"{day}{_MAP_FILE_SUFFIX}", page))
    if dates:
        view = render_time_view(dates, control, attribution=attribution, areas=None if date else areas)
        written.append(_write(out / TIME_VIEW, view))
    written.append(_write(out / "index.html", render_index(ledger, out, control=control)))
    return written


def _write(path: Path, text: str) -> Path:
    return write_atomic(path, text, error=LedgerError, what="map", fix="pass another --out folder")
