"""Facilities named after a settlement: "the Sudzha checkpoint", "the Kursk NPP".

The words right after a settlement's name can make the name a facility's: a checkpoint, a
power plant, an airfield (``facilities`` in data/places/finding.json).  The facility is a place
of its own (kind ``other``): a claim about it is not a claim about the town, and it need not lie
in the town (a nuclear power plant is often tens of km from its namesake).  The gazetteer holds
no facilities, so the place is shown at its namesake, with precision 2 and a reason that says so.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from frontmap.model import Place
from frontmap.resources import load_json

HINT = "facility"


@cache
def _facilities() -> tuple[re.Pattern, dict[str, str]]:
    words = load_json("places/finding.json")["facilities"]
    # longest first: "nuclear power plant" before "power plant" before "plant"
    alternation = "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"[ \t]+({alternation})(?![\w-])", re.IGNORECASE), words


def facility_after(text: str, end: int) -> tuple[int, str] | None:
    """(where the facility's words end, the kind of facility) when the words right after
    text[:end] name one, else None."""
    rx, words = _facilities()
    m = rx.match(text, end)
    if m is None:
        return None
    return m.end(), words[" ".join(m.group(1).lower().split())]


def as_facility(place: Place, text: str) -> Place:
    """The facility a place's name is followed by, located at the place it is named after."""
    found = facility_after(text, place.end)
    if found is None or place.status == "unresolved" or place.name is None:
        return place
    end, kind = found
    namesake = f"{place.name} ({place.oblast})" if place.oblast else place.name
    reason = (f"a {kind} named after {namesake}: shown there, as the gazetteer holds no point of its own "
              f"for it (it may lie some way off); the name: {place.reason}")
    return replace(place, text=text[place.start:end], end=end, name=f"{place.name} {kind}", kind="other",
                   id=f"{HINT}:{place.id}:{kind}", reason=reason, precision=2)
