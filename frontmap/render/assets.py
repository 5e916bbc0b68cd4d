"""The files a map page inlines, so that it works with no network.

folium declares the JS and CSS its elements need as CDN addresses
(``default_js``/``default_css``); the installed ``folium-offline`` package (module
``offlinefolium``) carries those very files as text, keyed by address, so a page
inlines them: nothing is copied into this repository and nothing is downloaded.
frontmap's own script, style, symbols and basemap outlines live in
``frontmap/data/render/``.
"""
from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from frontmap.errors import MapError
from frontmap.resources import data_text as packaged_text
from frontmap.resources import load_json

OUTLINES_ATTRIBUTION = "Outlines © OpenStreetMap contributors (ODbL 1.0)"
TILES = {"url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
         "attribution": "&copy; OpenStreetMap contributors", "name": "OpenStreetMap tiles (online)"}


@lru_cache(maxsize=None)
def bundled_asset(url: str) -> tuple[str, str]:
    """(file name, text) of the asset folium links at ``url``, from folium-offline's table.

    The exact address first; if this folium names a version folium-offline does not
    carry, the newest file of the same name (folium's own addresses are CDN links,
    which a page must never fetch).
    """
    try:
        from offlinefolium.elements import _res as bundled   # the package's asset table
    except ImportError:
        raise MapError("maps need Leaflet from the 'folium-offline' package, which is not "
                       "installed: pip install folium-offline") from None
    name = url.rsplit("/", 1)[-1]
    if url not in bundled:
        same = sorted(u for u in bundled if u.rsplit("/", 1)[-1] == name)
        if not same:
            raise MapError(f"the installed folium-offline has no {name!r} (folium links {url!r}): "
                           "install versions that match (pip install -U folium folium-offline)")
        url = same[-1]
    return name, bundled[url]


def data_text(name: str) -> str:
    return packaged_text(f"render/{name}")


def symbols() -> dict[str, Any]:
    return load_json("render/symbols.json")


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


def script_json_text(text: str) -> str:
    """Already-serialised JSON made safe inside a <script> element (see ``script_json``)."""
    return (text.strip().replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
