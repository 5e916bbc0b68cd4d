"""Roads named for their two ends: "the A–B highway", "along the A-B road".

A road joins its two ends, so each end lies within a day's drive of the other.  A name written
with its ending cut short ("Pokrovsk" for a "Pokrovske") can hit a far town of the shorter name
exactly, while the village the road really ends at never becomes a candidate.  ``road_ends`` finds
the pairs; the resolver (Resolver._widen_road_ends) lets near spellings of a far end compete.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from frontmap.resources import check_pattern, load_json


@dataclass(frozen=True)
class RoadEnds:
    first: int          # index (in text order) of the mention before the dash
    second: int         # index of the mention after it


@cache
def rules() -> dict:
    raw = load_json("places/resolving.json")["road_ends"]
    check_pattern("places/resolving.json", "road_ends.dash_regex", raw["dash_regex"])
    return {**raw, "dash": re.compile(raw["dash_regex"]), "words": frozenset(w.lower() for w in raw["words"])}


def road_ends(text: str, spans: list[tuple[int, int]]) -> list[RoadEnds]:
    """Pairs of mentions (start, end spans, in text order) joined by a dash and followed by a
    road word: 'the Kurakhove-Pokrovsk road', 'the A – B highway'."""
    r = rules()
    out = []
    for k in range(len(spans) - 1):
        (_, a_end), (b_start, b_end) = spans[k], spans[k + 1]
        if b_start - a_end > 5 or not r["dash"].fullmatch(text, a_end, b_start):
            continue
        word = re.match(r"\s*(\w+)", text[b_end:b_end + 30])
        if word and word.group(1).lower() in r["words"]:
            out.append(RoadEnds(k, k + 1))
    return out


def shares_stem(written: str, other: str, max_ending: int) -> bool:
    """other differs from written only in its last max_ending letters or fewer ('Pokrovsk',
    'Pokrovske'): an ending cut or changed, not another word."""
    a, b = written.lower(), other.lower()
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    return common >= max(4, max(len(a), len(b)) - max_ending)
