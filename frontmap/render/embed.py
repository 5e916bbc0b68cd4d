"""A map as an ``<iframe srcdoc>`` fragment, for a CMS, a newsletter or a brief.

The whole map page goes into the iframe's ``srcdoc`` attribute, escaped, so the
fragment works offline: the map keeps its own scripts and styles, and
``sandbox="allow-scripts"`` keeps them apart from the page around it.
"""
from __future__ import annotations

import html
from typing import Callable

from frontmap.ledger.store import Ledger


def embed_fragment(map_html: str, *, title: str, height: int = 640, width: str = "100%") -> str:
    """An ``<iframe srcdoc>`` holding a whole map page: paste it into a CMS or a newsletter."""
    esc = lambda v: html.escape(str(v), quote=True)  # noqa: E731
    return (f'<iframe class="frontmap-embed" title="{esc(title)}" width="{esc(width)}" height="{int(height)}" '
            f'style="border:0;max-width:100%" sandbox="allow-scripts" referrerpolicy="no-referrer" '
            f'srcdoc="{esc(map_html)}"></iframe>')


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
