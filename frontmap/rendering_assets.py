"""The files a map page inlines, so that it works with no network.

Leaflet and its plugins come from the installed ``folium-offline`` package
(module ``offlinefolium``), which carries their JS and CSS as text: nothing is
copied into this repository and nothing is downloaded.  frontmap's own script,
style, symbols and basemap outlines live in ``frontmap/data/rendering/``.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from frontmap.rendering_reference import MapError

DATA = Path(__file__).resolve().parent / "data" / "rendering"

# (kind, a piece of the CDN address offlinefolium files the asset under, how it ends)
LEAFLET_ASSETS = (
    ("css", "/leaflet@1.", "/dist/leaflet.css"),
    ("css", "/leaflet.markercluster/", "/MarkerCluster.css"),
    ("js", "/leaflet@1.", "/dist/leaflet.js"),
    ("js", "/leaflet.markercluster/", "/leaflet.markercluster.js"),
    ("js", "/leaflet.featuregroup.subgroup@", "/leaflet.featuregroup.subgroup.js"),
)


@lru_cache(maxsize=1)
def leaflet_assets() -> tuple[tuple[str, str, str], ...]:
    """(kind "js"|"css", name, text) of Leaflet, markercluster and subgroup, in load order."""
    try:
        from offlinefolium.elements import _res as bundled   # the package's asset table
    except ImportError:
        raise MapError("maps need Leaflet from the 'folium-offline' package, which is not "
                       "installed: pip install folium-offline") from None
    found = []
    for kind, piece, ending in LEAFLET_ASSETS:
        urls = sorted(u for u in bundled if piece in u and u.endswith(ending))
        if not urls:
            raise MapError(f"the installed folium-offline has no {ending.lstrip('/')!r}: "
                           "install a version that does (pip install -U folium-offline)")
        url = urls[-1]
        found.append((kind, url.rsplit("/", 1)[-1], bundled[url]))
    return tuple(found)


@lru_cache(maxsize=None)
def data_text(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def symbols() -> dict[str, Any]:
    return json.loads(data_text("symbols.json"))


def inline_js(text: str) -> str:
    # "</script" would end the element early; "<\/script" means the same in JS strings
    return text.replace("</script", "<\\/script").replace("</SCRIPT", "<\\/SCRIPT")


def inline_css(text: str) -> str:
    return text.replace("</style", "<\\/style").replace("</STYLE", "<\\/STYLE")


def script_json(obj: Any) -> str:
    """JSON safe inside <script type="application/json">: no <, > or & left to be read as HTML."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
