"""The time view: one page that steps through the ledger's dates with a slider.

At each date it shows the asserted control of every place some claim has moved by then
(``frontmap.ledger.control``), the places that changed on that date drawn larger (a halo for
a reversal), and that date's newly claimed areas.  The page carries the changes once, as a
list in date order, with who made the claims behind them (the evidence is on each date's own
map, which the view links), and its script (``time.js``, on the Leaflet
that folium-offline inlines) replays them up to the chosen date: no CDN, no plugin.  Report
text travels as JSON strings the script puts into the page as text.  The same ledger gives
the same bytes.
"""
from __future__ import annotations

from typing import Any

from frontmap.files import report_name
from frontmap.gazetteer.schema import ATTRIBUTION as PLACES_ATTRIBUTION
from frontmap.ledger.control import ControlLedger
from frontmap.render.assets import (OUTLINES_ATTRIBUTION, TILES, data_text, script_json, script_json_text,
                                    symbols)
from frontmap.render.legend import credit_box, esc

TITLE = "Asserted control, date by date"
# Areas are drawn simplified (about 200 m) and to 4 decimals (about 10 m): the page steps through
# every date's areas, and at full detail they would be most of its bytes.
SIMPLIFY_DEG = 0.002
AREA_DIGITS = 4


def time_payload(dates: list[str], control: ControlLedger, *, areas: list | None = None,
                 population=None) -> dict[str, Any]:
    """The time view's data: dates, places, changes ([date, place, before, after, reversal,
    [claims]]), the claims behind them, and each date's claimed areas (``areas``: when already
    made, ``ledger.areas.claimed_areas`` of those changes)."""
    from shapely.geometry import mapping

    from frontmap.ledger.areas import claimed_areas

    at_date = {d: i for i, d in enumerate(dates)}
    moved = [ch for ch in control.changes if ch.view == "all" and ch.date in at_date
             and ch.lat is not None and ch.lon is not None]
    places: dict[str, int] = {}
    place_rows: list[list[Any]] = []
    claims: dict[int, int] = {}
    claim_rows: list[list[Any]] = []
    claimants: dict[str, int] = {}
    reports: dict[str, int] = {}
    changes = []
    for ch in moved:
        if ch.place_id not in places:
            places[ch.place_id] = len(place_rows)
            place_rows.append([ch.place, _r(ch.lat), _r(ch.lon), ch.oblast])
        behind = []
        for s in ch.claims:
            if s.id not in claims:
                claims[s.id] = len(claim_rows)
                c = s.claim
                # who, what and where from; the evidence itself is on the date's own map
                claim_rows.append([claimants.setdefault(c.claimant, len(claimants)), c.claimant_side, c.event,
                                   c.stance, reports.setdefault(report_name(s.report_path), len(reports))])
            behind.append(claims[s.id])
        changes.append([at_date[ch.date], places[ch.place_id], ch.before, ch.after, int(ch.reversal), behind])
    made = claimed_areas(moved, population=population) if areas is None else areas
    areas = [[at_date[a.date], a.side, round(a.km2, 1), list(a.places), mapping(shape)]
             for a, shape in zip(made, _drawn(made))]
    lats = [p[1] for p in place_rows]
    lons = [p[2] for p in place_rows]
    sym = symbols()
    ctl = sym["control"]
    return {"dates": dates, "places": place_rows, "changes": changes, "claims": claim_rows,
            "claimants": list(claimants), "reports": list(reports), "areas": areas,
            "bounds": [[min(lats), min(lons)], [max(lats), max(lons)]] if lats else None,
            "symbols": {"colours": {k: sym["colours"][v]["colour"] for k, v in ctl["colours"].items()},
                        "statuses": ctl["statuses"], "areas": ctl["areas"], "groups": sym["groups"]}}


def render_time_view(dates: list[str], control: ControlLedger, *, attribution: str | None = None,
                     index: str = "index.html", areas: list | None = None, population=None) -> str:
    """The time view's HTML page over ``dates`` (the ledger's, in order; at least one).
    ``areas``: the claimed areas of every date, when already made."""
    from frontmap.render.page import TimeLayer, build_page

    payload = time_payload(dates, control, areas=areas, population=population)
    payload["tiles"] = {"name": TILES["name"]}
    boxes = (f"{_title_box(dates, index)}\n{_legend_box(payload['symbols'])}\n"
             f"{credit_box(attribution or PLACES_ATTRIBUTION, OUTLINES_ATTRIBUTION)}\n")
    return build_page(heading=esc(TITLE), data_json=script_json(payload),
                      outlines_json=script_json_text(data_text("outlines.geojson")),
                      boxes=boxes, tiles=TILES, bounds=payload["bounds"], layer=TimeLayer)


def _title_box(dates: list[str], index: str) -> str:
    last = len(dates) - 1
    return (f'<div class="frontmap-title fm-box" id="fm-title"><h1>{esc(TITLE)}</h1>'
            f'<div class="fm-time-controls">'
            f'<button type="button" id="fm-time-prev" aria-label="previous date">&#9664;</button>'
            f'<input type="range" id="fm-time-slider" min="0" max="{last}" step="1" value="{last}" '
            f'aria-label="date">'
            f'<button type="button" id="fm-time-next" aria-label="next date">&#9654;</button>'
            f'<button type="button" id="fm-time-play">play</button></div>'
            f'<div class="fm-date" id="fm-time-date">{esc(dates[-1])}</div>'
            f'<div class="fm-control" id="fm-time-counts"></div>'
            f'<nav class="fm-nav"><a href="{esc(index)}" id="fm-index">all dates</a> &middot; '
            f'<a href="{esc(dates[-1])}.html" id="fm-time-map">this date\'s map</a></nav></div>')


def _legend_box(sym: dict[str, Any]) -> str:
    rows = []
    for status, colour in sym["colours"].items():
        rows.append(f'<div class="fm-row"><svg class="fm-sym" width="18" height="18" viewBox="0 0 18 18">'
                    f'<circle cx="9" cy="9" r="6" fill="{colour}" fill-opacity=".7" stroke="{colour}"/></svg>'
                    f"<span>{esc(sym['statuses'][status])}</span></div>")
    grey = "#555"
    rows.append(f'<div class="fm-row"><svg class="fm-sym" width="18" height="18" viewBox="0 0 18 18"><circle '
                f'cx="9" cy="9" r="7.5" fill="{grey}" stroke="#222" stroke-width="2"/></svg>'
                "<span>changed on this date</span></div>")
    rows.append(f'<div class="fm-row"><svg class="fm-sym" width="18" height="18" viewBox="0 0 18 18"><circle '
                f'cx="9" cy="9" r="6" fill="none" stroke="{grey}" stroke-opacity=".4" stroke-width="5"/></svg>'
                "<span>reversal: back from the other side</span></div>")
    for side, label in sym["areas"].items():
        rows.append(f'<div class="fm-row"><span class="fm-swatch" style="background:{sym["colours"][side]};'
                    f'opacity:.3"></span><span>{esc(label)}</span></div>')
    return (f'<details class="frontmap-legend fm-box" id="fm-legend" open><summary>Legend</summary>'
            f'<h2>Asserted control</h2><div class="fm-grid fm-cols-1">{"".join(rows)}</div></details>')


def _drawn(areas: list) -> list:
    """The areas' shapes as drawn: simplified and rounded, all at once (GEOS and numpy, not a loop)."""
    import numpy as np
    import shapely

    if not areas:
        return []
    shapes = shapely.simplify(np.array([a.shape for a in areas], dtype=object), SIMPLIFY_DEG,
                              preserve_topology=False)   # discs and their unions stay valid, 20x faster
    return list(shapely.transform(shapes, lambda xy: np.round(xy, AREA_DIGITS)))


def _r(x: float) -> float:
    return round(float(x), 5)
