"""Counted settlements the report names: "captured two villages in Y region ... took A and B".

The ``unnamed_settlements`` rule makes a capture of counted, unnamed settlements an advance in the
region that locates them.  Where the report itself names at least as many settlements of that
oblast changing hands (captured, liberated, withdrawn from), for the same side, that advance says nothing the named claims
do not: it is left out.  So is the advance at a settlement that locates counted villages the same clause names
("pulled back from two villages near X, A and B").  An open count ("at least a dozen villages ..., including A and B", "29
settlements remain occupied") is more than the names and stays.  Only the same claimant side's
names count, or anyone's for the outlet's own summary (a headline sums up what its sources say).
The count words are data: ``counted_settlements`` in data/claims/structure.json.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from frontmap.model import Claim

if TYPE_CHECKING:
    from spacy.tokens import Token


# the events the rule makes an advance at the locator (verdicts.TO_ADVANCE["vicinity"])
CHANGES_OF_HANDS = ("captured", "liberated", "withdrawal")


@dataclass(frozen=True)
class Counted:
    """A claim the vicinity verdict made an advance at a region, with the settlements counted."""

    claim: Claim          # as the verdicts left it
    count: int | None     # how many settlements; None for an open count ("several", "at least ...")


def count_of(noun: Token, data: dict) -> int | None:
    """How many settlements ``noun`` counts ("two villages", "29 settlements", "a village", "a dozen
    villages", "its first village"), None where the count is open ("several", "at least two") or unsaid."""
    numbers, open_words = data["numbers"], set(data["open"])
    kids = [t for t in noun.children if t.dep_ in ("nummod", "det", "amod", "quantmod", "advmod", "poss")]
    if any(t.lower_ in open_words for k in kids for t in k.subtree):
        return None
    found = [_number(k.lower_, numbers) for k in kids]
    return max((n for n in found if n is not None), default=None)     # "a dozen": the dozen


def _number(word: str, numbers: dict[str, int]) -> int | None:
    digits = word.replace(",", "")
    return int(digits) if digits.isdigit() else numbers.get(word)


def _oblast_level(claim: Claim) -> bool:
    p = claim.place
    # a raion or district ("X Raion", "Y District") is not matched on its oblast alone
    return p.kind == "region" and p.oblast is not None and not (p.name or "").endswith((" Raion", " District", " City"))


def named_elsewhere(claims: list[Claim], counted: list[Counted]) -> list[Claim]:
    """The claims, without the advances at an oblast whose counted settlements the report names, or at a
    settlement whose counted neighbours the same clause names ("two villages near X, A and B")."""
    drop = set()
    for k in counted:
        c = k.claim
        near = c.place.kind == "settlement"     # "two villages near X, A and B": named in the same clause
        if k.count is None or not (_oblast_level(c) or near):
            continue
        named = {o.place.name for o in claims
                 if o is not c and o.place.kind == "settlement" and o.place.name != c.place.name
                 and (o.evidence_start == c.evidence_start if near else o.place.oblast == c.place.oblast)
                 and o.event in CHANGES_OF_HANDS and o.beneficiary == c.beneficiary
                 and (o.stance == "denied") == (c.stance == "denied")
                 and (c.claimant_side == "outlet" or o.claimant_side == c.claimant_side)}
        if len(named) >= k.count:
            drop.add(id(c))
    return [c for c in claims if id(c) not in drop] if drop else claims
