"""Folium maps of the ledger: one HTML page per report date, plus an index.

Every string that comes from a report (place names, claimants, evidence,
file names) is escaped with :func:`_esc` before it reaches the page.  Folium
puts popup and tooltip HTML inside JavaScript template literals, so escaping
also covers the characters those literals interpret (backtick, ``$``, ``\\``).
"""
from __future__ import annotations

import html
import os
import re
from collections import Counter, OrderedDict, defaultdict
from pathlib import Path

from frontmap.errors import LedgerError
from frontmap.ledger import Ledger, StoredClaim

SIDE_LAYERS = {"RU": "Russian sources", "UA": "Ukrainian sources",
               "third": "third parties", "outlet": "outlets"}
BENEFICIARY_COLOURS = {"RU": "#d62728", "UA": "#1f6fd1"}
FIGHTING_COLOUR = "#ff8c00"   # contested, nobody gains: fighting without a beneficiary
NEUTRAL_COLOUR = "#7f7f7f"
OSM_ATTRIBUTION = ('&copy; <a href="https://www.openstreetmap.org/copyright">'
                   "OpenStreetMap</a> contributors")
UKRAINE_CENTRE = {"lat": 48.6, "lon": 33.5}   # view for a map with no located claim
_MAP_FILE = re.compile(r"\d{4}-\d{2}-\d{2}\.html")
_BOX = ("position:fixed;z-index:9999;background:rgba(255,255,255,.92);padding:6px 10px;"
        "border:1px solid #999;border-radius:4px;font:12px/1.4 sans-serif;")


def _esc(value: object) -> str:
    """HTML-escape, and neutralise what a JS template literal would interpret."""
    return (html.escape("" if value is None else str(value), quote=True)
            .replace("`", "&#96;").replace("$", "&#36;").replace("\\", "&#92;"))


def claim_colour(claim) -> str:
    if claim.beneficiary in BENEFICIARY_COLOURS:
        return BENEFICIARY_COLOURS[claim.beneficiary]
    return FIGHTING_COLOUR if claim.event == "fighting" else NEUTRAL_COLOUR


def render_map(date: str, claims: list[StoredClaim], *, attribution: str,
               title: str | None = None) -> str:
    """The full HTML page of one date's map."""
    import folium  # heavy: only when a map is drawn

    located = [s for s in claims if s.claim.place.lat is not None and s.claim.place.lon is not None]
    unlocated = [s for s in claims if s not in located]
    fmap = folium.Map(location=[UKRAINE_CENTRE["lat"], UKRAINE_CENTRE["lon"]], zoom_start=6,
                      tiles=None, control_scale=True)
    folium.TileLayer("OpenStreetMap", name="OpenStreetMap",
                     attr=f"{OSM_ATTRIBUTION} | gazetteer: {_esc(attribution)}").add_to(fmap)
    groups = {side: folium.FeatureGroup(name=name, show=True).add_to(fmap)
              for side, name in SIDE_LAYERS.items()}

    at_place: dict[tuple, list[StoredClaim]] = defaultdict(list)
    for stored in located:
        at_place[_place_key(stored)].append(stored)
    for same_place in at_place.values():
        for rank, stored in enumerate(same_place):
            c = stored.claim
            others = [s for s in same_place if s is not stored]
            # concentric circles, first claim largest, so every one has a clickable rim
            radius = 7 + 4 * (len(same_place) - 1 - rank)
            folium.CircleMarker(
                location=[c.place.lat, c.place.lon], radius=radius, color=claim_colour(c),
                weight=2, dash_array="4 4" if c.place.status == "ambiguous" else None, fill=True, fill_color=claim_colour(c), fill_opacity=0.35,
                popup=folium.Popup(_popup_html(stored, others), max_width=420),
                tooltip=folium.Tooltip(_esc(f"{_place_name(c.place)}: {c.event} "
                                            f"({c.claimant}, {c.stance})")),
            ).add_to(groups.get(c.claimant_side, groups["third"]))
    folium.LayerControl(collapsed=False).add_to(fmap)
    if located:
        lats = [s.claim.place.lat for s in located]
        lons = [s.claim.place.lon for s in located]
        fmap.fit_bounds([[min(lats), min(lons)], [max(lats), max(lons)]],
                        padding=(40, 40), max_zoom=10)

    body = fmap.get_root().html
    heading = title or f"frontmap: claims reported on {date}"
    n_reports = len({s.report_sha256 for s in claims})
    body.add_child(folium.Element(
        f'<div class="frontmap-title" style="{_BOX}top:10px;left:60px;max-width:50%">'
        f"<b>{_esc(heading)}</b><br>{len(claims)} claim(s) from {n_reports} report(s)"
        f"{_legend()}</div>"))
    body.add_child(folium.Element(
        f'<div class="frontmap-credit" style="{_BOX}bottom:24px;left:10px;max-width:45%">'
        f"Places: {_esc(attribution)}. Map tiles: {OSM_ATTRIBUTION}.</div>"))
    if unlocated:
        body.add_child(folium.Element(_unlocated_box(unlocated)))
    fmap.get_root().header.add_child(folium.Element(f"<title>{_esc(heading)}</title>"))
    _stable_ids(fmap.get_root())
    return fmap.get_root().render()


def write_maps(ledger: Ledger, out_dir: str | Path = "maps", *, date: str | None = None,
               attribution: str) -> list[Path]:
    """Write ``<date>.html`` for each report date (or just ``date``) and ``index.html``."""
    out = Path(out_dir)
    dates = ledger.dates()
    if date is not None and date not in dates:
        known = ", ".join(dates[-5:]) or "none yet"
        raise LedgerError(f"no reports dated {date!r} in ledger {ledger.path!r} (latest "
                          f"dates: {known}): ingest a report of that date or pick another")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LedgerError(f"cannot create map folder {str(out)!r}: {exc.strerror or exc}; "
                          "pass another --out folder") from None
    written = []
    for day in ([date] if date else dates):
        written.append(_write(out / f"{day}.html",
                              render_map(day, ledger.claims(day), attribution=attribution)))
    written.append(_write(out / "index.html", render_index(ledger, out)))
    return written


def render_index(ledger: Ledger, out_dir: str | Path) -> str:
    """An HTML page linking every ``<date>.html`` in ``out_dir``, with claim counts."""
    files = sorted(p.name for p in Path(out_dir).iterdir() if _MAP_FILE.fullmatch(p.name))
    known = set(ledger.dates())
    sides = list(SIDE_LAYERS)
    rows = []
    for name in files:
        day = name[:-5]
        if day not in known:
            rows.append(f'<tr><td><a href="{_esc(name)}">{_esc(day)}</a></td>'
                        f'<td colspan="{len(sides) + 3}">not in this ledger</td></tr>')
            continue
        claims = ledger.claims(day)
        by_side = Counter(s.claim.claimant_side for s in claims)
        by_event = Counter(s.claim.event for s in claims)
        events = ", ".join(f"{_esc(e)} {n}" for e, n in sorted(by_event.items())) or "-"
        cells = "".join(f"<td>{by_side.get(side, 0)}</td>" for side in sides)
        rows.append(f'<tr><td><a href="{_esc(name)}">{_esc(day)}</a></td>'
                    f"<td>{len(ledger.reports(day))}</td><td>{len(claims)}</td>{cells}"
                    f"<td>{events}</td></tr>")
    head = "".join(f"<th>{_esc(SIDE_LAYERS[s])}</th>" for s in sides)
    table = ("<p>No maps yet: ingest reports, then write the maps.</p>" if not rows else
             f"<table><tr><th>date</th><th>reports</th><th>claims</th>{head}<th>events</th>"
             f"</tr>{''.join(rows)}</table>")
    return ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>frontmap maps</title>"
            "<style>body{font:14px sans-serif;margin:2em}table{border-collapse:collapse}"
            "td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}</style></head>"
            f"<body><h1>frontmap maps</h1>{table}</body></html>\n")


# --- pieces -------------------------------------------------------------------

def _place_name(place) -> str:
    return place.name or place.text


def _place_key(stored: StoredClaim) -> tuple:
    p = stored.claim.place
    return (p.id, round(p.lat, 5), round(p.lon, 5))


def _claim_html(stored: StoredClaim) -> str:
    c = stored.claim
    side = SIDE_LAYERS.get(c.claimant_side, c.claimant_side)
    gain = f" &rarr; {_esc(c.beneficiary)}" if c.beneficiary else ""
    return (f'<div style="border-left:4px solid {claim_colour(c)};padding-left:6px;margin:4px 0">'
            f"<b>{_esc(c.event)}</b>{gain} &middot; {_esc(c.stance)}<br>"
            f"claimed by {_esc(c.claimant)} ({_esc(side)})<br>"
            f"<i>&ldquo;{_esc(c.evidence)}&rdquo;</i><br>"
            f"<small>{_esc(os.path.basename(stored.report_path))}, {_esc(stored.report_date)}"
            f" &middot; place confidence {c.place.confidence:.2f}</small></div>")


def _popup_html(stored: StoredClaim, others: list[StoredClaim]) -> str:
    p = stored.claim.place
    where = _esc(_place_name(p)) + (f", {_esc(p.oblast)} oblast" if p.oblast else "")
    as_written = f" (as written: {_esc(p.text)})" if p.name and p.text != p.name else ""
    parts = [f"<b>{where}</b>{as_written}"]
    if p.status == "ambiguous":
        parts.append(_ambiguity_html(p))
    parts.append(_claim_html(stored))
    if others:
        parts.append(f"<hr><small>{len(others)} other claim(s) here:</small>")
        parts.extend(_claim_html(o) for o in others)
    return f'<div style="max-height:320px;overflow:auto">{"".join(parts)}</div>'


def _ambiguity_html(place) -> str:
    """An ambiguous place is drawn at its best guess; say so, and name the other candidates."""
    alts = "".join(
        f"<li>{_esc(a.get('name'))}, {_esc(a.get('oblast') or '?')} oblast"
        f"{', ' + _esc(a.get('raion')) + ' raion' if a.get('raion') else ''}</li>"
        for a in place.alternatives)
    return (f'<div style="background:#fff3cd;padding:3px 6px;margin:4px 0"><b>Ambiguous name</b>: '
            f"drawn at the most likely of these places (confidence {place.confidence:.2f})"
            f'<ul style="margin:2px 0;padding-left:16px">{alts}</ul></div>')


def _legend() -> str:
    items = [("RU gains", BENEFICIARY_COLOURS["RU"]), ("UA gains", BENEFICIARY_COLOURS["UA"]),
             ("fighting", FIGHTING_COLOUR), ("other", NEUTRAL_COLOUR)]
    return ("<br>" + " ".join(f'<span style="color:{c}">&#9679;</span> {label}' for label, c in items)
            + "<br>dashed rim: ambiguous place, drawn at its most likely candidate")


def _unlocated_box(unlocated: list[StoredClaim]) -> str:
    lines = "".join(f"<li>{_esc(s.claim.place.text)}: {_esc(s.claim.event)} "
                    f"({_esc(s.claim.claimant)}) &ndash; <i>{_esc(s.claim.evidence)}</i> "
                    f"<small>{_esc(os.path.basename(s.report_path))}</small></li>"
                    for s in unlocated)
    return (f'<div class="frontmap-unlocated" style="{_BOX}top:10px;right:190px;max-width:35%;'
            f'max-height:40%;overflow:auto"><b>{len(unlocated)} claim(s) at places with no '
            f"coordinates</b><ul style=\"margin:2px 0;padding-left:16px\">{lines}</ul></div>")


def _stable_ids(root) -> None:
    """Replace folium's random element ids with a counter, so pages are reproducible."""
    from branca.element import Element

    counter = iter(range(1, 1 << 30))
    seen: set[int] = set()

    def visit(el: Element) -> None:
        if id(el) in seen:
            return
        seen.add(id(el))
        el._id = f"{next(counter):08x}"
        for key, value in vars(el).items():
            if key != "_parent" and isinstance(value, Element):
                visit(value)
        old_names = {id(c): c.get_name() for c in el._children.values()}
        for child in el._children.values():
            visit(child)
        # children are keyed by their name, which templates use as a JS variable;
        # re-key those named after their old id, keep deliberately chosen keys
        el._children = OrderedDict(
            (c.get_name() if key == old_names[id(c)] else key, c)
            for key, c in el._children.items())

    visit(root)


def _write(path: Path, text: str) -> Path:
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)   # never leave a half-written map behind
    except OSError as exc:
        raise LedgerError(f"cannot write map {str(path)!r}: {exc.strerror or exc}; "
                          "pass another --out folder") from None
    return path
