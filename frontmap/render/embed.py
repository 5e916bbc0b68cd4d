"""A map page put into another page: an ``<iframe srcdoc>`` fragment (a CMS, a newsletter), or the
page itself inline (the HTML brief).

``embed_fragment``: the whole map page goes into the iframe's ``srcdoc`` attribute, escaped, so
the fragment works offline: the map keeps its own scripts and styles, and
``sandbox="allow-scripts"`` keeps them apart from the page around it.  The frame's map is drawn
when the frame is laid out, after the outer page has parsed: a plain screenshot of the outer page
(``chromium --headless --screenshot``) can catch it blank.

``inline_fragment``: the map page's styles, scripts and elements in a ``<div>`` of the page around
it, for a page frontmap writes itself (one map per page: the map uses fixed ids).  Its scripts run
while the page is parsed, so the map is drawn before the load event, in any screenshot or print.
The map page's own page-level rules (``html``, ``body``, folium's ``#map``) are dropped or moved
onto the ``<div>``, and its sizes relative to the window (``vh``, ``vw``) become sizes relative
to the ``<div>``, which holds the map's boxes (``position: fixed``) as a window would
(``contain: layout paint``).  Every rule left is scoped to the map's own classes and ids.
"""
from __future__ import annotations

import html
import re
from typing import Callable

from frontmap.errors import MapError
from frontmap.ledger.store import Ledger

INLINE_CLASS = "frontmap-inline"
# a map page's rules for the page itself, at the top level of a <style> (after a rule or a comment)
_PAGE_RULE = re.compile(r"(?:^|(?<=\})|(?<=\*/))(\s*)(html\s*,\s*body|body|html|#map)(\s*\{[^{}]*\})")
_WINDOW_UNIT = re.compile(r"(?<![\w.-])(\d+(?:\.\d+)?)v[hw]\b")
_STYLE = re.compile(r"(<style[^>]*>)(.*?)(</style>)", re.S)
_HEAD_ONLY = re.compile(r"<title>.*?</title>|<meta\b[^>]*>", re.S)


def embed_fragment(map_html: str, *, title: str, height: int = 640, width: str = "100%") -> str:
    """An ``<iframe srcdoc>`` holding a whole map page: paste it into a CMS or a newsletter."""
    esc = lambda v: html.escape(str(v), quote=True)  # noqa: E731
    return (f'<iframe class="frontmap-embed" title="{esc(title)}" width="{esc(width)}" height="{int(height)}" '
            f'style="border:0;max-width:100%" sandbox="allow-scripts" referrerpolicy="no-referrer" '
            f'srcdoc="{esc(map_html)}"></iframe>')


def _scoped_css(css: str) -> str:
    def page_rule(m: re.Match) -> str:
        return m.group(1) + (f".{INLINE_CLASS}{m.group(3)}" if m.group(2) == "body" else "")
    return _WINDOW_UNIT.sub(r"\1%", _PAGE_RULE.sub(page_rule, css))


def inline_fragment(map_html: str, *, title: str, height: int = 640) -> str:
    """A map page (as ``render_map`` writes it) as a ``<div>`` to put in another page's body."""
    parts = {}
    for tag in ("<head>", "</head>", "<body>", "</body>", "</html>"):
        if map_html.count(tag) != 1:
            raise MapError(f"cannot put this map page inline: it has {map_html.count(tag)} {tag} tag(s), "
                           "not one (a page frontmap.render.map.render_map wrote is needed)")
        parts[tag] = map_html.index(tag)
    head = map_html[parts["<head>"] + len("<head>"):parts["</head>"]]
    body = map_html[parts["<body>"] + len("<body>"):parts["</body>"]]
    tail = map_html[parts["</body>"] + len("</body>"):parts["</html>"]]      # the map's script
    head = _STYLE.sub(lambda m: m.group(1) + _scoped_css(m.group(2)) + m.group(3), _HEAD_ONLY.sub("", head))
    esc = html.escape(str(title), quote=True)
    return (f'<div class="{INLINE_CLASS}" role="region" aria-label="{esc}" style="height:{int(height)}px">\n'
            f"<style>.{INLINE_CLASS} {{ position: relative; contain: layout paint; overflow: hidden; "
            f"text-align: left; }}</style>\n"
            f"{head.strip()}\n{body.strip()}\n{tail.strip()}\n</div>")


def embed_map(ledger: Ledger, date: str, *, attribution: str | None = None,
              reference=None, height: int = 640, warn: Callable[[str], None] | None = None) -> str:
    """The ``<iframe srcdoc>`` fragment of one date's map, read from the ledger (``reference``:
    what ``render_map`` takes)."""
    from frontmap.ledger.control import control_ledger
    from frontmap.render.map import render_map
    ledger.require_date(date)
    page = render_map(date, ledger.claims(date), attribution=attribution, reference=reference,
                      n_reports=len(ledger.reports(date)), control=control_ledger(ledger, until=date), warn=warn)
    return embed_fragment(page, title=f"Map of claims reported on {date}", height=height)
