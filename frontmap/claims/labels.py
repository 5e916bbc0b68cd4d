"""Source labels: "<what happened> – <who says so>" at the end of a sentence or headline.

Wires, Telegram digests and headlines put the source after a dash ("Russian troops liberated X
– Russian MoD", "... 12 times — General Staff.").  A claim the lexicons left to the outlet whose
evidence lies in such a sentence is the labelled source's: its registry entry where it has one,
else the side its words name.  No label, or a label with no side, leaves the claim alone.
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


def source_label(sentence: str) -> tuple[str, str] | None:
    """(source as written, side) of the label ending ``sentence``, or None."""
    from frontmap.claims.lexicon import known_claimant, side_words

    label, lead, max_words = _data()
    m = label.search(sentence)
    if not m:
        return None
    source = lead.sub("", m.group("source")).strip()
    if not source or len(source.split()) > max_words:
        return None
    known = known_claimant(source)
    if known:
        return source, known[0].side
    side = side_words(source)
    # a label is a name: a lower-case tail with no side ("– and more") is prose
    return (source, side) if side and side != "outlet" and source[:1].isupper() else None


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
        out.append(replace(c, claimant=source, claimant_side=side,
                           stance="asserted" if c.stance == "reported" else c.stance))
    return out
