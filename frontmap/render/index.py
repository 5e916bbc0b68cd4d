"""The index page of a folder of maps: a link to each date's map with its counts, the time
view, and a timeline of the control changes per date and side (a table with inline SVG bars,
so it works offline).  Every string from a report is escaped."""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from frontmap.ledger.store import Ledger
from frontmap.render.assets import symbols
from frontmap.render.legend import esc

if TYPE_CHECKING:
    from frontmap.ledger.control import ControlLedger

TIME_VIEW = "time.html"
_MAP_FILE_SUFFIX = ".html"
BAR_PX = 160                 # the widest bar of the timeline
_TIMELINE = (("RU", "to RU"), ("UA", "to UA"), ("contested", "contested"))


def render_index(ledger: Ledger, out_dir: str | Path, *, control: ControlLedger | None = None) -> str:
    """An HTML page linking every ``<date>.html`` in ``out_dir``, with its counts per side and event,
    the time view when it is there, and the timeline of control changes (``control``: the ledger's
    control ledger; default: derived from the ledger)."""
    from frontmap.ledger.control import control_ledger
    from frontmap.render.data import contested_reason

    groups = symbols()["groups"]
    files = sorted(p.name for p in Path(out_dir).iterdir() if _is_map_file(p.name))
    known = set(ledger.dates())
    sides = list(groups)
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
        events = ", ".join(f"{esc(e)} {n}" + (" (not gains)" if e == "strike" else "")
                           for e, n in sorted(by_event.items())) or "-"
        cells = "".join(f"<td>{by_side.get(side, 0)}</td>" for side in sides)
        rows.append(f'<tr><td><a href="{esc(name)}">{esc(day)}</a></td>'
                    f"<td>{len(ledger.reports(day))}</td><td>{len(claims)}</td>{cells}"
                    f"<td>{n_contested}</td><td>{events}</td></tr>")
    head = "".join(f"<th>{esc(groups[s])}</th>" for s in sides)
    table = ("<p>No maps yet: ingest reports, then write the maps.</p>" if not rows else
             f"<table><tr><th>date</th><th>reports</th><th>claims</th>{head}"
             f"<th>contested places</th><th>events</th></tr>{''.join(rows)}</table>")
    time_link = (f'<p><a href="{TIME_VIEW}" id="fm-time-link">Time view: asserted control, date by date '
                 "(a slider)</a></p>" if (Path(out_dir) / TIME_VIEW).exists() else "")
    if control is None and known:
        control = control_ledger(ledger)
    timeline = timeline_html(sorted(known), control) if known else ""
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>frontmap maps</title>"
            "<style>body{font:14px sans-serif;margin:2em}table{border-collapse:collapse}"
            "td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}"
            "td.fm-n{text-align:right}svg.fm-bar{display:block}</style></head>"
            f"<body><h1>frontmap maps</h1>{time_link}{table}{timeline}</body></html>\n")


def change_counts(dates: list[str], control: ControlLedger | None) -> dict[str, Counter]:
    """date -> Counter of its overall status changes: "RU", "UA", "contested" (where each went),
    "reversals", and "reversals RU"/"reversals UA"/"reversals contested"."""
    counts = {d: Counter() for d in dates}
    for ch in control.changes if control is not None else ():
        if ch.view != "all" or ch.date not in counts:
            continue
        counts[ch.date][ch.after] += 1
        if ch.reversal:
            counts[ch.date]["reversals"] += 1
            counts[ch.date][f"reversals {ch.after}"] += 1
    return counts


def timeline_html(dates: list[str], control: ControlLedger | None) -> str:
    """The table of control changes per date and side, each row with a bar drawn in SVG."""
    sym = symbols()
    colour = {k: sym["colours"][key]["colour"] for k, key in sym["control"]["colours"].items()}
    counts = change_counts(dates, control)
    widest = max([sum(c[k] for k, _ in _TIMELINE) for c in counts.values()] + [1])
    rows = []
    for day in dates:
        c = counts[day]
        x, rects = 0.0, []
        for key, label in _TIMELINE:
            if c[key]:
                w = BAR_PX * c[key] / widest
                rects.append(f'<rect x="{x:.1f}" y="1" width="{w:.1f}" height="12" fill="{colour[key]}">'
                             f"<title>{esc(label)}: {c[key]}</title></rect>")
                x += w
        bar = (f'<svg class="fm-bar" width="{BAR_PX}" height="14" viewBox="0 0 {BAR_PX} 14" role="img" '
               f'aria-label="{esc(day)}">{"".join(rects)}</svg>')
        split = ", ".join(f"{k} {c[f'reversals {k}']}" for k, _ in _TIMELINE if c[f"reversals {k}"])
        reversals = f"{c['reversals']}" + (f" ({split})" if split else "")
        cells = "".join(f'<td class="fm-n">{c[k]}</td>' for k, _ in _TIMELINE)
        rows.append(f'<tr><td><a href="{esc(day)}{_MAP_FILE_SUFFIX}">{esc(day)}</a></td>{cells}'
                    f'<td class="fm-n">{reversals}</td><td>{bar}</td></tr>')
    head = "".join(f"<th>{esc(label)}</th>" for _, label in _TIMELINE)
    legend = " &middot; ".join(f'<span style="color:{colour[k]}">&#9632;</span> {esc(label)}'
                               for k, label in _TIMELINE)
    return ('<h2 id="fm-timeline">Control changes by date</h2>'
            "<p>Places whose asserted control changed on each date, by where each went "
            f"(a reversal: back from the other side). {legend}</p>"
            f'<table class="fm-timeline"><tr><th>date</th>{head}<th>reversals</th><th></th></tr>'
            f"{''.join(rows)}</table>")


def _is_map_file(name: str) -> bool:
    day = name[:-len(_MAP_FILE_SUFFIX)]
    return (name.endswith(_MAP_FILE_SUFFIX) and len(day) == 10 and day[4] == day[7] == "-"
            and day.replace("-", "").isdigit())
