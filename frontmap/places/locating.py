"""The region a text places a settlement in, by the words between them.

"Tetkino in Kursk Oblast", "Tetkino, Kursk Oblast.", "Tetkino and Glushkovo in the Kursk region",
"the Kursk Oblast village of Tetkino": the region locates the settlement; the text says so, so the
resolver must not put it in another region.  "Kharkiv, Sumy Oblast and Odesa" is a list, not a location.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from frontmap.model import Entry
from frontmap.resources import check_pattern, load_json

_LIST = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or|&)\s+)")
_AFTER = r"(?:\s+(?:in|of)\s+(?:the\s+)?{q}|\s*,\s*(?:in\s+)?(?:the\s+)?{q}|\s*\(\s*)"
_BEFORE = re.compile(r"\s+(?:(?:border|frontline|front-line)\s+)?(?:village|town|city|settlement|hamlet|urban-type settlement)s?"
                     r"\s+of\s+$")
# after a region reached by a bare comma: the end of the phrase, not more of a list
_COMMA_END = re.compile(r"\s*(?:[.;:)!?]|$|,\s+(?![A-Z])|\s(?:on|at|where|which|after|before|during|as|and\s+(?![A-Z])))")
# region entries of the same oblast under another name
_SAME = {"Sevastopol": "Crimea", "Kyiv (city)": "Kyiv"}


@cache
def _after() -> re.Pattern:
    """The words from a settlement to the region that locates it: "in", "of", a comma, and up to two
    qualifiers of the region ("in Russia's Kursk region", "in southern Zaporizhzhia Oblast")."""
    qualifiers = load_json("places/resolving.json")["region_qualifiers"]
    check_pattern("places/resolving.json", "region_qualifiers", qualifiers)
    return re.compile(_AFTER.format(q=rf"(?:(?:{qualifiers})\s+){{0,2}}"))


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    region: Entry | None          # the region it names, when it names one with confidence


def same_oblast(a: str | None, b: str | None) -> bool:
    return a is not None and _SAME.get(a, a) == _SAME.get(b or "", b)


def locating_regions(text: str, index: int, spans: list[Span], runs: dict[int, int] | None = None) -> list[Entry]:
    """The regions that the words around spans[index] place it in (spans: one sentence's mentions,
    in text order); [] when none does.  ``runs``, kept by the caller for one sentence, remembers
    where each list of names ends, so a sentence listing n names costs n steps, not n squared."""
    me = spans[index]
    if me.region is not None:
        return []                       # regions and oblast capitals are what locates, not what is located
    # "the Kursk Oblast village of X"
    if index > 0 and spans[index - 1].region is not None and _BEFORE.fullmatch(text, spans[index - 1].end, me.start):
        return [spans[index - 1].region]
    # "X[, Y and Z] in <region>[ and <region>]"
    k, walked = index, []
    while (runs is None or k not in runs) and k + 1 < len(spans) and spans[k + 1].region is None \
            and _LIST.fullmatch(text, spans[k].end, spans[k + 1].start):
        walked.append(k)
        k += 1
    if runs is not None:
        k = runs.get(k, k)
        runs.update(dict.fromkeys(walked, k))
    if k + 1 >= len(spans) or spans[k + 1].region is None:
        return []
    gap = text[spans[k].end:spans[k + 1].start]
    if not _after().fullmatch(gap):
        return []
    regions = [spans[k + 1].region]
    j = k + 1
    while j + 1 < len(spans) and spans[j + 1].region is not None and _LIST.fullmatch(text, spans[j].end, spans[j + 1].start):
        j += 1
        regions.append(spans[j].region)
    bare_comma = "," in gap and not re.search(r"\b(?:in|of)\b|\(", gap)
    if bare_comma and not _COMMA_END.match(text, spans[j].end):
        return []                       # "Kharkiv, Sumy Oblast and Odesa": a list
    return regions
