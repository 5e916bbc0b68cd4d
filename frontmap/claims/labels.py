"""Source labels: "<what happened> – <who says so>" or "<what happened> (<who>)" at the end of a sentence or
headline.

Wires, Telegram digests and headlines put the source after a dash ("Russian troops liberated X
– Russian MoD", "... 12 times — General Staff.").  A claim the lexicons left to the outlet whose
evidence lies in such a sentence is the labelled source's: its registry entry where it has one,
else the side its words name, else, for a body named with no side ("– Defense Ministry"), the side
that gains in the claim.  No label, or a label with no side and no gain, leaves the claim alone.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from frontmap.errors import DataError
from frontmap.model import Claim
from frontmap.resources import check_pattern, load_json

if TYPE_CHECKING:
    from frontmap.text.sentences import Sentence

FILE = "claims/labels.json"


@lru_cache(maxsize=1)
def _data() -> tuple[re.Pattern, re.Pattern, int]:
    data = load_json(FILE)
    try:
        label = re.compile(data["label"], re.IGNORECASE)
        lead = re.compile(data["lead"], re.IGNORECASE)
        max_words = int(data["max_words"])
    except (KeyError, TypeError, ValueError, re.error) as exc:
        raise DataError(f"frontmap/data/{FILE}: {exc}; restore the file from the repository") from None
    for key in ("label", "lead"):
        check_pattern(FILE, key, data[key], re.IGNORECASE)
    if "source" not in label.groupindex:
        raise DataError(f"frontmap/data/{FILE}: 'label' has no group 'source'; restore the file from the repository")
    return label, lead, max_words


def source_label(sentence: str) -> tuple[str, str | None] | None:
    """(source as written, side) of the label ending ``sentence``, or None; the side is None for a
    body named with no side ("– Defense Ministry"), whose claims show it (a side claims its own gains)."""
    from frontmap.claims.lexicon import find_triggers, known_claimant, side_words

    label, lead, max_words = _data()
    m = label.search(sentence)
    if not m:
        return None
    bracket = m.group(1) is not None
    if bracket and _ACRONYM_BEFORE.search(sentence, 0, m.end(1)):
        return None                 # "the positions of the AFU (Armed Forces of Ukraine).": a gloss, not a source
    source = lead.sub("", m.group("source")).strip()
    if not source or len(source.split()) > max_words:
        return None
    if any(not t.rule.weak for t in find_triggers(source)):
        return None                 # "Huliaipole — Russian advance": what happened, not who says so
    known = known_claimant(source)
    # "Belgorod (Russian Federation)", "Kursk (Russia)": a country in brackets locates the place before it
    country = bracket and known is not None and known[0].type == "state"
    if known and not country:
        return source, known[0].side
    side = side_words(source)
    # a label is a name: a lower-case tail with no side ("– and more") is prose; in brackets, side words
    # need a speaker word ("(Ukrainian sources)"), and a country is none
    if side and side != "outlet" and source[:1].isupper() \
            and not (bracket and (country or not _roles("speakers", "organisations").search(source))):
        return source, side
    # "– Defense Ministry", "– General Staff": a body with no side word, whose side its claim shows
    if source[:1].isupper() and _roles("organisations").search(source):
        return source, None
    return None


_ACRONYM_BEFORE = re.compile(r"\b[A-Z]{2,}[a-z]?\s*\($")     # "AFU (", "ZSU (", "MoD (": what the bracket spells out


@lru_cache(maxsize=None)
def _roles(*parts: str) -> re.Pattern:
    """Any word of those cues.json roles lists."""
    from frontmap.claims.lexicon import alternation as alt
    return re.compile(rf"\b(?:{alt('roles', *parts)})\b", re.IGNORECASE)


# events whose beneficiary a side claims for itself: a label with no side is that side's
_OWN_GAINS = ("captured", "liberated", "advance", "encircled", "repelled")


def apply_labels(sentences: list[Sentence], claims: list[Claim]) -> list[Claim]:
    """The claims, those left to the outlet in a labelled sentence given to the label's source."""
    starts = [s.start for s in sentences]
    labels: dict[int, tuple[str, str] | None] = {}
    out = []
    for c in claims:
        k = bisect_right(starts, c.evidence_start) - 1
        if c.claimant_side != "outlet" or k < 0 or c.evidence_end > sentences[k].end:
            out.append(c)
            continue
        if k not in labels:
            labels[k] = source_label(sentences[k].text)
        found = labels[k]
        if found is None:
            out.append(c)
            continue
        source, side = found
        if side is None:
            side = c.beneficiary if c.event in _OWN_GAINS and c.beneficiary in ("RU", "UA") else None
            if side is None:
                out.append(c)
                continue
        out.append(replace(c, claimant=source, claimant_side=side,
                           stance="asserted" if c.stance == "reported" else c.stance))
    return out
