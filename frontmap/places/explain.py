"""What a resolved place tells the analyst about its choice: the reason and the geo-precision.

The resolver (resolving.py) scores the candidates; this module words the evidence an analyst can
check ("Donetsk Oblast is named in the sentence; 8 km from X, also named in the paragraph") and
says how exactly the name locates the event (ACLED-like precision).
"""
from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from frontmap.resources import check_pattern

if TYPE_CHECKING:
    from frontmap.places.context import ReportContext
    from frontmap.places.nearby import Chosen
    from frontmap.places.resolving import _Item


def level(item: _Item, a: _Item) -> str:
    """Where ``a`` is named, seen from ``item``: the nearest of sentence, heading, paragraph, report."""
    if a.sentence == item.sentence:
        return "sentence"
    if item.section is not None and a.sentence == item.section:
        return "heading"
    if a.paragraph == item.paragraph:
        return "paragraph"
    return "report"


def reason(it: _Item, chosen: Chosen, ctx: ReportContext) -> str:
    """Why this candidate: the evidence an analyst can check."""
    best = it.candidates[it.best]
    e, n = best.entry, len(it.candidates)
    why = []
    if it.fuzzy and it.widened:
        # the name is in the gazetteer: close spellings joined it (resolving._widen_*)
        why.append(it.widened if best.source != "spelling" else f"{it.widened}; read as {best.matched!r}")
    elif it.fuzzy:
        why.append(f"not in the gazetteer as written; spelled like {best.matched!r}")
    elif best.source == "russian-form":
        why.append(f"Russian form of {e.name}")
    elif best.score < 1.0:
        why.append(f"another name of {e.name} ({best.matched})")
    if n == 1:
        why.append("the only place of this name")
        return "; ".join(why)
    why.append(f"chosen from {n} places of similar spelling" if it.fuzzy else f"chosen from {n} places of this name")
    for where, regions in (("sentence", ctx.oblasts_sentence.get(it.sentence, ())),
                           ("paragraph", ctx.oblasts_paragraph.get(it.paragraph, ())),
                           ("section heading", ctx.oblasts_sentence.get(it.section, ())
                            if it.section is not None else ())):
        if any(r.oblast == e.oblast for r in regions):
            why.append(f"{e.oblast} Oblast is named in the {where}")
            break
    near = chosen.nearest(e, it, other_key=True)      # of the settlements placed with confidence >= 0.6
    if near:
        km, o = near
        if km < 100:
            why.append(f"{km:.0f} km from {o.candidates[o.best].entry.name}, also named "
                       f"in the {level(it, o).replace('heading', 'section heading')}")
    if e.population and e.population == max(c.entry.population for c in it.candidates):
        why.append(f"the largest (population {e.population:,})")
    return "; ".join(why)


def precision(it: _Item, text: str, w: dict) -> int:
    """ACLED-like geo-precision: 1 the place itself, 2 near or around it, 3 a region."""
    e = it.candidates[it.best].entry
    if e.kind == "region" or it.mention.kind_hint in ("oblast", "raion"):
        return 3
    before = text[max(0, it.mention.start - 40):it.mention.start].lower()
    after = text[it.mention.end:it.mention.end + 20].lower().split()
    if (e.approximate or it.mention.kind_hint == "direction" or _near_before(w["near_before_regex"]).search(before)
            or (after and after[0].strip(".,;:") in w["near_after_words"])):
        return 2
    return 1


@cache
def _near_before(regex: str) -> re.Pattern:
    check_pattern("places/resolving.json", "near_before_regex", regex)
    return re.compile(regex)
