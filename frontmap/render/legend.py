"""The boxes around a map, as HTML written on the server: title, legend, credits, unlocated claims.

They are plain HTML (no script needed to show them), and every string from a
report goes through :func:`esc`.  Symbols are drawn from ``symbols.json``, the
same table the page's script draws its markers from.
"""
from __future__ import annotations

import html
from collections import Counter

from frontmap.files import report_name
from frontmap.render.assets import symbols
from frontmap.render.data import MapData, place_name

GROUP_ORDER = ("RU", "UA", "third", "outlet")


def esc(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def symbol_svg(event: str, colour: str, stance: str = "asserted", px: int = 18,
               css_class: str = "fm-sym") -> str:
    """One marker symbol as inline SVG (the page's script builds the very same markup)."""
    sym = symbols()
    st = sym["stances"][stance]
    stroke = "#222" if st["outline"] == "dark" else colour
    fill = "#fff" if st["fill_opacity"] == 0 else colour
    fill_opacity = 0.7 if st["fill_opacity"] == 0 else st["fill_opacity"]
    dash = f' stroke-dasharray="{st["dash"]}"' if st["dash"] else ""
    return (f'<svg class="{css_class}" width="{px}" height="{px}" viewBox="-1 -1 22 22" aria-hidden="true">'
            f'<path d="{sym["events"][event]["path"]}" fill="{fill}" fill-opacity="{fill_opacity}" '
            f'fill-rule="evenodd" stroke="{stroke}" stroke-width="{st["stroke_width"]}"{dash}/></svg>')


def title_box(date: str, data: MapData, heading: str, *, control: dict | None = None,
              nav: dict | None = None) -> str:
    sym = symbols()
    groups = " &middot; ".join(
        f'<span class="fm-count">{esc(sym["groups"][g])}: <b>{data.by_group.get(g, 0)}</b></span>'
        for g in GROUP_ORDER)
    events = " &middot; ".join(f"{esc(e)} {n}" + (" (not gains)" if e == "strike" else "")
                               for e, n in sorted(data.by_event.items())) or "none"
    parts = [f'<div class="frontmap-title fm-box" id="fm-title"><h1>{esc(heading)}</h1>',
             "" if date in heading else f'<div class="fm-date">{esc(date)}</div>',
             f'<div class="fm-totals"><b>{data.n_claims}</b> claim(s) from <b>{data.n_reports}</b> '
             f'report(s) &middot; <b>{len(data.contested)}</b> contested place(s)'
             '<span class="fm-shown" id="fm-shown" hidden></span></div>',
             f'<div class="fm-groups">{groups}</div><div class="fm-events">events: {events}</div>']
    if data.payload["claims"]:
        parts.append('<div class="fm-tools"><div class="fm-search" id="fm-search"></div>'
                     f"{filter_box(data)}</div>")
    if control is not None:
        parts.append(control_line(control))
    if data.contested:
        items = "".join(
            f'<li><button type="button" class="fm-goto" data-place="{pi}">{esc(name)}</button> '
            f"{esc(why)}</li>" for pi, name, why in data.contested)
        parts.append(f'<details class="fm-contested"><summary>Contested places '
                     f"({len(data.contested)})</summary><ul>{items}</ul></details>")
    if data.unlocated:
        parts.append(unlocated_box(data))
    if nav:
        parts.append(nav_links(nav))
    parts.append("</div>")
    return "".join(parts)


def filter_box(data: MapData) -> str:
    """The filters of the interactive page (map.js wires them; print mode hides them): a checkbox
    per claimant group, per event and per stance of the date's mapped claims, each with its count,
    and a least place confidence in the steps the markers' sizes use."""
    sym = symbols()
    claims = data.payload["claims"]
    group_of = [c["s"] if c["s"] in sym["groups"] else "third" for c in claims]   # as map.js files them

    def boxes(key: str, title: str, values: list[tuple[str, str, int]]) -> str:
        rows = "".join(f'<label><input type="checkbox" data-value="{esc(v)}" checked> {esc(label)} '
                       f'<small>({n})</small></label>' for v, label, n in values)
        return (f'<fieldset data-filter="{key}"><legend>{esc(title)}</legend>'
                f'<span class="fm-opts">{rows}</span></fieldset>')

    groups = Counter(group_of)
    events = Counter(c["e"] for c in claims)
    stances = Counter(c["t"] for c in claims)
    steps = ['<option value="0" selected>any</option>'] + [
        f'<option value="{s["below"]}">{s["below"]:g} and over</option>'
        for s in sym["sizes"][:-1]]
    return ('<details class="fm-filters" id="fm-filters"><summary>Filter the map '
            '<span class="fm-filter-state" id="fm-filter-state"></span></summary>'
            + boxes("s", "claimant", [(g, sym["groups"][g], groups.get(g, 0)) for g in sym["groups"]])
            + boxes("e", "event", sorted((e, e, n) for e, n in events.items()))
            + boxes("t", "stance", [(t, t, stances[t]) for t in sym["stances"] if t in stances]
                    + sorted((t, t, n) for t, n in stances.items() if t not in sym["stances"]))
            + '<label class="fm-min-conf">place confidence <select id="fm-min-conf">'
            + "".join(steps) + '</select></label> <button type="button" id="fm-filter-reset">show all</button>'
            + "</details>")


def control_line(control: dict) -> str:
    """The date's control changes in one line: how many went to each side, and the reversals."""
    from frontmap.render.control import change_counts

    c = change_counts(control["changes"])
    if not control["changes"]:
        return '<div class="fm-control">control changes: none</div>'
    areas = "".join(f" &middot; {esc(a['side'])} area {a['km2']:.1f} km²" for a in control["areas"])
    return (f'<div class="fm-control">control changes: <b>{len(control["changes"])}</b> '
            f"(to RU {c['RU']}, to UA {c['UA']}, contested {c['contested']}; "
            f"<b>{c['reversals']}</b> reversal(s)){areas}</div>")


def nav_links(nav: dict) -> str:
    """Links to the previous and next dates' maps, the index and the time view."""
    links = []
    if nav.get("prev"):
        links.append(f'<a href="{esc(nav["prev"])}.html" rel="prev" id="fm-prev">&larr; {esc(nav["prev"])}</a>')
    if nav.get("index"):
        links.append(f'<a href="{esc(nav["index"])}" id="fm-index">all dates</a>')
    if nav.get("time"):
        links.append(f'<a href="{esc(nav["time"])}" id="fm-time">time view</a>')
    if nav.get("next"):
        links.append(f'<a href="{esc(nav["next"])}.html" rel="next" id="fm-next">{esc(nav["next"])} &rarr;</a>')
    return f'<nav class="fm-nav">{" &middot; ".join(links)}</nav>'


def unlocated_box(data: MapData) -> str:
    """Claims whose place has no coordinates: listed, never silently dropped."""
    items = "".join(
        f"<li><b>{esc(place_name(s.claim.place))}</b> ({esc(s.claim.place.status)}): "
        f"{esc(s.claim.event)}, {esc(s.claim.claimant)} ({esc(s.claim.stance)}) &ndash; "
        f"&ldquo;{esc(s.claim.evidence)}&rdquo; <small>{esc(report_name(s.report_path))}"
        f"</small></li>" for s in data.unlocated)
    return (f'<details class="frontmap-unlocated"><summary>{len(data.unlocated)} claim(s) not on '
            f"the map: their place has no coordinates</summary><ul>{items}</ul></details>")


def legend_box(reference_name: str | None, *, missing: bool = False) -> str:
    sym = symbols()
    parts = []

    def section(title: str, rows: list[tuple[str, str]], columns: int = 2) -> None:
        cells = "".join(f'<div class="fm-row">{svg}<span>{esc(label)}</span></div>' for svg, label in rows)
        parts.append(f'<h2>{esc(title)}</h2><div class="fm-grid fm-cols-{columns}">{cells}</div>')

    section("Colour: who gains", [
        (f'<span class="fm-swatch" style="background:{e["colour"]}"></span>', e["label"])
        for e in sym["colours"].values()])
    labels: dict[str, str] = {}
    for event, entry in sym["events"].items():
        labels.setdefault(entry["label"], event)
    section("Shape: event", [(symbol_svg(event, "#555"), label) for label, event in labels.items()])
    section("Fill: stance", [(symbol_svg("captured", sym["colours"]["RU"]["colour"], stance), e["label"])
                             for stance, e in sym["stances"].items()])
    sizes = "".join(symbol_svg("other", "#555", px=s["px"]) for s in sym["sizes"])
    parts.append(f'<h2>Size: place confidence</h2><div class="fm-row fm-sizes">{sizes}<span>'
                 f'{esc(" / ".join(s["label"] for s in sym["sizes"]))}</span></div>')
    also = [
        ('<span class="fm-q-demo">?</span>', "ambiguous name, drawn at the best guess"),
        (f'<span class="fm-ring-demo" style="border-color:{sym["contested"]["colour"]}"></span>',
         sym["contested"]["label"]),
        ('<span class="fm-cluster-demo">5</span>', "claims close together: click to spread them"),
        ('<svg class="fm-sym" width="26" height="14" viewBox="0 0 26 14"><path d="M1 7H22M15 2L23 7L15 12" '
         'stroke="#555" stroke-width="2.5" fill="none"/></svg>', "advance along a road or line"),
        ('<svg class="fm-sym" width="26" height="16" viewBox="0 0 26 16"><circle cx="13" cy="8" r="7" '
         'fill="#555" fill-opacity=".15" stroke="#555" stroke-width="1.5"/></svg>', "area or vicinity claimed"),
        ('<svg class="fm-sym" width="26" height="14" viewBox="0 0 26 14"><path d="M1 7H25" stroke="#555" '
         'stroke-width="1.5" stroke-dasharray="3 3"/></svg>', "offset: named place to the point meant"),
    ]
    also.append((city_svg(), sym["cities"]["label"]))
    ctl = sym["control"]
    colours = {k: sym["colours"][key]["colour"] for k, key in ctl["colours"].items()}
    rings = "".join(f'<circle cx="{7 + 12 * i}" cy="8" r="5.5" fill="{c}" fill-opacity=".2" stroke="{c}" '
                    f'stroke-width="2.5"/>' for i, c in enumerate(colours.values()))
    also.append((f'<svg class="fm-sym" width="38" height="16" viewBox="0 0 38 16">{rings}</svg>', ctl["label"]))
    also.append((f'<svg class="fm-sym" width="26" height="16" viewBox="0 0 26 16"><circle cx="13" cy="8" r="6" '
                 f'fill="none" stroke="{colours["UA"]}" stroke-opacity=".35" stroke-width="4"/><circle cx="13" '
                 f'cy="8" r="4" fill="none" stroke="{colours["UA"]}" stroke-width="2"/></svg>', ctl["reversal"]))
    swatches = "".join(f'<span class="fm-swatch" style="background:{colours[side]};opacity:.3"></span>'
                       for side in ctl["areas"])
    also.append((f'<span class="fm-swatches">{swatches}</span>', ctl["areas_legend"]))
    if reference_name:
        ref = sym["reference"]
        also.append((f'<span class="fm-swatch" style="background:{ref["colour"]};opacity:.35"></span>',
                     f"{ref['label']}: {reference_name}"))
    elif missing:
        also.append(('<span class="fm-swatch" style="background:none"></span>', "reference: none for this date"))
    section("Also", also, columns=1)
    return (f'<details class="frontmap-legend fm-legend-west fm-box" id="fm-legend" open><summary>Legend</summary>'
            f'{"".join(parts)}</details>')


def city_svg() -> str:
    colour = symbols()["cities"]["colour"]
    return (f'<svg class="fm-sym" width="14" height="14" viewBox="0 0 14 14"><circle cx="7" cy="7" r="3.5" '
            f'fill="{colour}" stroke="#fff"/></svg>')


def key_box(data: MapData, control: dict | None = None) -> str:
    """The compact key of print mode (static pictures): only the colours, shapes and stances
    the date's claims use, and the marks drawn on this map; hidden on the interactive page."""
    sym = symbols()
    claims = data.payload["claims"]
    used_colours = [k for k in sym["colours"] if any(c["k"] == k for c in claims)]
    labels: dict[str, str] = {}
    for c in claims:
        labels.setdefault(sym["events"].get(c["e"], sym["events"]["other"])["label"], c["e"])
    stances = [t for t in sym["stances"] if any(c["t"] == t for c in claims)]
    rows = [f'<span class="fm-swatch" style="background:{sym["colours"][k]["colour"]}"></span>'
            f'<span>{esc(sym["colours"][k]["label"])}</span>' for k in used_colours]
    rows += [f'{symbol_svg(e, "#555", px=14)}<span>{esc(label)}</span>' for label, e in sorted(labels.items())]
    rows += [f'{symbol_svg("captured", "#555", t, px=14)}<span>{esc(sym["stances"][t]["label"])}</span>'
             for t in stances]
    if data.contested:
        rows.append(f'<span class="fm-ring-demo" style="border-color:{sym["contested"]["colour"]}"></span>'
                    f'<span>{esc(sym["contested"]["label"])}</span>')
    if control and control.get("changes"):
        c = sym["colours"][sym["control"]["colours"]["contested"]]["colour"]
        rows.append(f'<svg class="fm-sym" width="14" height="14" viewBox="0 0 16 16"><circle cx="8" cy="8" r="5.5" '
                    f'fill="{c}" fill-opacity=".2" stroke="{c}" stroke-width="2.5"/></svg>'
                    f'<span>{esc(sym["control"]["label"])}</span>')
    rows.append(f'{city_svg()}<span>{esc(sym["cities"]["label"])}</span>')
    cells = "".join(f'<div class="fm-row">{r}</div>' for r in rows)
    return (f'<div class="frontmap-legend-key fm-box" id="fm-key"><h2>Key</h2>'
            f'<div class="fm-grid fm-cols-2">{cells}</div></div>')


def credit_box(attribution: str, outlines_credit: str) -> str:
    # attributions may carry entities (&copy;): decode them so they are shown, not spelled out
    return (f'<div class="frontmap-credit fm-box">{esc(html.unescape(attribution))}. {esc(outlines_credit)}. '
            "Optional map tiles &copy; OpenStreetMap contributors.</div>")
