"""One date's map page, built by folium: a ``folium.Map`` with frontmap's layer on it.

folium makes the page and the map (the map element, its initialisation, the
optional tile layer); frontmap adds :class:`FrontmapLayer`, a branca MacroElement
holding the claims as one JSON block and ``map.js``, which draws them on the folium
map it is handed (``{{ this._parent.get_name() }}``), plus its style and boxes as
children of the figure's header and html.

Three departures from folium's defaults, each for a house rule:

- offline: the assets folium links from CDNs (``default_js``/``default_css``) are
  inlined from folium-offline's copies instead.  The map declares Leaflet only, not
  jQuery, Bootstrap or the marker icon fonts (1.3 MB that nothing here uses, and
  Bootstrap would restyle the boxes);
- no template injection: branca re-reads every MacroElement's output as a Jinja
  template, so ``{{`` in a report would run.  frontmap's pieces carry report text,
  so they go in as :class:`Text`, which is written out as it is;
- reproducible: folium names elements with random ids; :func:`_number` renames them
  in tree order, so one page always gives the same bytes.

This module imports folium: only :func:`frontmap.render.map.render_map` imports it.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, ClassVar

import folium
from branca.element import CssLink, Element, Figure, JavascriptLink
from folium.elements import JSCSSMixin
from folium.plugins import FeatureGroupSubGroup, Fullscreen, MarkerCluster, MeasureControl, MiniMap, Search
from folium.template import Template

from frontmap.render.assets import bundled_asset, data_text, inline_css, inline_js
from frontmap.errors import MapError

MAP_OPTIONS = {"zoom_snap": 0.25, "min_zoom": 4, "max_zoom": 16, "world_copy_jump": False}
DEFAULT_VIEW = ((48.6, 31.3), 6)     # (lat, lon), zoom: Ukraine, for a map with no claims


class Text(Element):
    """A branca element written out exactly as given, never read as a Jinja template."""

    def __init__(self, text: str):
        super().__init__()
        self._name = "Text"
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


class Page(Figure):
    """folium's Figure, with the page's language declared."""

    _template = Template(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
        "{% if this.title %}<title>{{this.title}}</title>{% endif %}"
        "    {{this.header.render(**kwargs)}}\n</head>\n<body>\n"
        "    {{this.html.render(**kwargs)}}\n</body>\n<script>\n"
        "    {{this.script.render(**kwargs)}}\n</script>\n</html>\n")


def inline_assets(element: JSCSSMixin) -> None:
    """Put the text of the JS and CSS ``element`` declares into the page header.

    Each goes in under folium's own name for it, so it takes the place of the CDN
    link folium may already have put there (same position: load order is kept).
    CSS loses any image address it would fetch (:func:`offline_css`).
    """
    header = element.get_root().header
    for name, url in element.default_js:
        file, text = bundled_asset(url)
        header.add_child(Text(f"<script>/* {file} */\n{inline_js(text)}</script>\n"), name=name)
    for name, url in element.default_css:
        file, text = bundled_asset(url)
        header.add_child(Text(f"<style>/* {file} */\n{inline_css(offline_css(text))}</style>\n"), name=name)


_FETCHED_URL = re.compile(r"""url\((?!\s*["']?\s*(?:data:|#))[^)]*\)""", re.I)


def offline_css(text: str) -> str:
    """A plugin's CSS with every image it would fetch (a relative or remote ``url()``) dropped:
    ``data:`` URLs stay.  Leaflet-MiniMap's toggle and leaflet-search's loader name files beside
    the CDN copy; map.css draws what the page needs of them."""
    return _FETCHED_URL.sub("none", text)


class OfflineMap(folium.Map):
    """folium's Map, with Leaflet inlined and no other asset."""

    default_js: ClassVar = [entry for entry in folium.Map.default_js if entry[0] == "leaflet"]
    default_css: ClassVar = [entry for entry in folium.Map.default_css if entry[0] == "leaflet_css"]

    def render(self, **kwargs) -> None:
        super().render(**kwargs)   # folium links each asset from its CDN...
        inline_assets(self)        # ...and the inlined text replaces each link


class FrontmapLayer(JSCSSMixin):
    """frontmap's claims on a folium map: the data as JSON, drawn by map.js in the browser.

    Drawing in the browser from one JSON block keeps 10,000 claims fast and the page
    small (no Python object or JS statement per marker); map.js builds the layer control
    with every layer in it (claimant groups, shapes, contested places, outlines,
    reference, and folium's tile layer as the second base layer).
    """

    # folium's Fullscreen, MeasureControl, Search and MiniMap plugins: their JS and CSS inlined like
    # the rest (their icons are data: URLs; a relative image address is dropped, see inline_assets),
    # the controls made by map.js (not in print mode): the search over the date's places is fed
    # them from the JSON, and the minimap draws the offline outlines, not tiles
    default_js: ClassVar = (MarkerCluster.default_js + FeatureGroupSubGroup.default_js + Fullscreen.default_js
                            + MeasureControl.default_js + Search.default_js + MiniMap.default_js)
    # frontmap draws its own cluster icons: markercluster's default skin is not needed
    default_css: ClassVar = ([entry for entry in MarkerCluster.default_css if entry[0] == "markerclustercss"]
                             + Fullscreen.default_css + MeasureControl.default_css + Search.default_css
                             + MiniMap.default_css)
    _template = Template("""
        {% macro html(this, kwargs) %}
<script type="application/json" id="frontmap-data">{{ this.data_json }}</script>
<script type="application/json" id="frontmap-outlines">{{ this.outlines_json }}</script>
        {% endmacro %}
        {% macro script(this, kwargs) %}
{{ this.code }}
{{ this.entry }}({{ this._parent.get_name() }}, {{ this.tiles.get_name() }});
        {% endmacro %}
        """)

    scripts: ClassVar = ("basemap.js", "map.js")
    entry: ClassVar = "frontmapDraw"         # the function the page calls with folium's map

    def __init__(self, *, data_json: str, outlines_json: str, boxes: str, tiles: folium.TileLayer):
        super().__init__()
        self._name = "FrontmapLayer"
        self.data_json = data_json          # safe inside <script>: see rendering_assets.script_json
        self.outlines_json = outlines_json
        self.boxes = boxes                  # escaped HTML: see rendering_legend
        self.tiles = tiles
        self.code = "\n".join(inline_js(data_text(name)) for name in self.scripts)

    def render(self, **kwargs) -> None:
        # Not MacroElement.render: it would re-read the macros' output (report text) as templates.
        figure = self.get_root()
        macros = self._template.module
        inline_assets(self)
        figure.header.add_child(Text(f"<style>\n{inline_css(data_text('map.css'))}</style>\n"),
                                name="frontmap_css")
        figure.html.add_child(Text(self.boxes), name="frontmap_boxes")
        figure.html.add_child(Text(macros.html(self, kwargs)), name=self.get_name())
        figure.script.add_child(Text(macros.script(self, kwargs)), name=self.get_name())


class TimeLayer(FrontmapLayer):
    """The time view's layer: every date's control state, drawn and stepped by time.js."""

    default_js: ClassVar = []
    default_css: ClassVar = []
    scripts: ClassVar = ("basemap.js", "time.js")
    entry: ClassVar = "frontmapTime"


def build_page(*, heading: str, data_json: str, outlines_json: str, boxes: str,
               tiles: dict[str, str], bounds: list[list[float]] | None,
               layer: type[FrontmapLayer] = FrontmapLayer) -> str:
    """The HTML of one map page; ``heading`` is already escaped, ``bounds`` [[lat, lon] x2] or None.
    ``layer``: what draws on the map (a date's claims, or the time view)."""
    if len(OfflineMap.default_js) != 1 or len(OfflineMap.default_css) != 1:
        raise MapError("this folium no longer declares Leaflet as 'leaflet'/'leaflet_css' in "
                       "folium.Map.default_js/default_css: install a folium that does (folium 0.20)")
    if bounds:
        centre = [(bounds[0][0] + bounds[1][0]) / 2, (bounds[0][1] + bounds[1][1]) / 2]
        zoom = 8
    else:
        centre, zoom = list(DEFAULT_VIEW[0]), DEFAULT_VIEW[1]
    page = Page(title=heading)
    fmap = OfflineMap(location=centre, zoom_start=zoom, tiles=None, font_size="0.75rem",
                      zoom_snap=MAP_OPTIONS["zoom_snap"], world_copy_jump=MAP_OPTIONS["world_copy_jump"])
    # min/max zoom as Leaflet map options (folium's min_zoom/max_zoom are the tile layer's)
    fmap.options.update(min_zoom=MAP_OPTIONS["min_zoom"], max_zoom=MAP_OPTIONS["max_zoom"])
    page.add_child(fmap)
    tile_layer = folium.TileLayer(tiles["url"], attr=tiles["attribution"], name=tiles["name"],
                                  max_zoom=19, show=False).add_to(fmap)
    layer(data_json=data_json, outlines_json=outlines_json, boxes=boxes, tiles=tile_layer).add_to(fmap)
    _number(page)
    html = page.render()
    linked = [name for name, child in page.header._children.items()
              if isinstance(child, (CssLink, JavascriptLink))]
    if linked:   # an element whose assets would be fetched from a CDN: the page must not
        raise MapError(f"map assets {linked} would be fetched from the network: inline them "
                       "(frontmap.render.page.inline_assets)")
    return html


def _number(root: Figure) -> None:
    """Name every element by its place in the tree (fm0, fm1, ...) instead of folium's random ids."""
    for n, element in enumerate(_walk(root)):
        element._id = f"fm{n}"


def _walk(element: Element) -> Iterator[Element]:
    yield element
    parts: list[Any] = ([element.header, element.html, element.script]
                        if isinstance(element, Figure) else [])
    for child in parts + list(element._children.values()):
        yield from _walk(child)
