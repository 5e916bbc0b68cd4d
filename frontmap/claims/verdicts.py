"""What a verdict of the parse does to a claim (frontmap/claims/structure.py finds the verdicts).

A goal drops the claim, a modal hedges it, a negation denies it; a failed attack becomes
"repelled" for the defender; a progressive capture, or a place that only locates the settlements
that changed hands, is an advance; a situation under control is a holding; a speaker the parse
finds names a claim left to the outlet; the subject's side is the side that gains.  The data each
function reads is the structure rules' (data/claims/structure.json), passed in.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from frontmap.claims.events import opposite
from frontmap.claims.lexicon import alternation, known_claimant, side_words, words_re
from frontmap.model import Claim

WORD = re.compile(r"[a-z]+(?:'[a-z]+)?|'[a-z]+")      # a word as the gates and the enemy words see it

# Verdicts that make a change of hands an advance, and the events each one changes: a capture in the
# progressive is under way ("are capturing X"); a place that only locates the settlements that changed
# hands ("two villages near X") saw an advance near it
TO_ADVANCE = {"under_way": ("captured", "liberated"), "vicinity": ("captured", "liberated", "withdrawal")}


@dataclass(frozen=True)
class Verdict:
    verdict: str          # one of structure.VERDICTS
    rule: str             # the rule's label, for the reason an analyst reads
    trigger: str          # the governing predicate, as written
    speaker: str | None = None   # for "speaker": the subject the claim is attributed to
    attacker: str | None = None  # for "repelled": the attack noun's phrase, whose side attacked
    defender: str | None = None  # for "repelled": the subject that stopped it, if named
    reported: tuple[str, str] | None = None   # for a dismissed report: its own modifiers, its phrase
    actor: str | None = None     # for "actor": the trigger's subject, in its own words
    count: int | None = None     # for "vicinity": how many settlements were counted (see counted.py)


@cache
def _weapons():
    return words_re(alternation("fires", "weapons"))


def words(text: str) -> set[str]:
    """The lower-case words of ``text`` as the gates and the enemy words count them ("n't" one of them)."""
    lower = text.lower()
    words = set(WORD.findall(lower))
    if "n't" in lower:
        words.add("n't")
    return words


def _side_of(phrase: str) -> str | None:
    """The side a speaker phrase names: its registry entry, else its side words."""
    known = known_claimant(phrase)
    return known[0].side if known else side_words(phrase)


def changes(verdict: str, c: Claim, data: dict, voiced: bool = False) -> bool:
    """Whether a verdict of this kind could change ``c`` in :func:`apply_verdict`; False only where
    apply_verdict returns ``c`` itself whatever the parse found (``data``: the structure rules' data).  Verdicts that cannot change a claim
    leave it as it is, so the later ones see it unchanged: checking each against ``c`` suffices."""
    if verdict == "speaker":
        return c.claimant_side == "outlet" and (c.stance == "reported" or (c.stance == "hedged" and voiced))
    if verdict == "continues":
        return c.stance == "denied"
    if verdict == "denied" and c.event == "repelled":
        # "could not break through to X": the lexicons read the negation as the failure, the event itself
        return False
    if verdict in ("denied", "hedged"):
        return c.stance in ("asserted", "reported")
    if verdict == "repelled":
        return c.event in data["repelled_from"] or c.event in data.get("repelled_from_unarmed", ())
    if verdict == "actor":
        return c.event in data["actor_gains"]
    if verdict == "steady":
        return _steadied(c, data)
    if verdict in TO_ADVANCE:
        return c.event in TO_ADVANCE[verdict]
    return True                                       # "drop"


def _steadied(c: Claim, data: dict) -> bool:
    """Whether a situation said to be under control at c's place makes c a holding: c claims a gain."""
    return c.event == "liberated" or c.event in data["gains"]


def apply_verdict(c: Claim, verdict: Verdict | None, data: dict, voiced: bool = False) -> Claim | None:
    """``c`` as ``verdict`` leaves it (None: no claim); ``voiced``: whether the sentence's hedges can be
    a speaker's (structure._voiced)."""
    if verdict is None:
        return c
    if verdict.verdict == "speaker":
        subject = (verdict.speaker or "").strip()
        if not subject or c.claimant_side != "outlet":
            return c                          # the lexicons named a speaker: keep theirs
        if c.stance != "reported" and not (c.stance == "hedged" and voiced):
            return c                          # the outlet hedged it ("could not be verified"): its own voice
        side = _side_of(subject)
        if side in (None, "outlet"):
            return c                          # an outlet's own voice is already the outlet's claim
        return replace(c, claimant=subject, claimant_side=side,
                       stance="asserted" if c.stance == "reported" else c.stance)
    if verdict.verdict == "drop":
        return None
    if verdict.verdict == "repelled":
        return _repelled(c, verdict, data)
    if verdict.verdict == "actor":
        return _actor(c, verdict, data)
    if verdict.verdict in TO_ADVANCE:
        # "are capturing X" (not yet taken), "captured two villages near X" (X only locates them)
        return replace(c, event="advance") if c.event in TO_ADVANCE[verdict.verdict] else c
    if verdict.verdict == "steady":
        # "the situation near X is under control": nothing changed hands; the side that keeps it steady
        # (the holding reading, "X remains under our control" as a denial of the other side's capture,
        # is about the place's ground; this is not)
        if not _steadied(c, data):
            return c
        # the side that says the situation is under control is the side keeping it so
        stance = ("reported" if c.claimant_side == "outlet" else "asserted") if c.stance == "denied" else c.stance
        return replace(c, event="other", stance=stance,
                       beneficiary=c.claimant_side if c.claimant_side in ("RU", "UA") else c.beneficiary)
    if verdict.verdict == "continues" and c.stance == "denied":
        return replace(c, stance="reported" if c.claimant_side == "outlet" else "asserted")
    if verdict.verdict == "denied" and c.event == "repelled":
        return c
    if verdict.verdict in ("denied", "hedged") and c.stance in ("asserted", "reported"):
        return replace(c, stance=verdict.verdict, beneficiary=_reported_gain(c, verdict, data))
    return c


def _repelled(c: Claim, verdict: Verdict, data: dict) -> Claim:
    """A failed attack: the event is "repelled", for the defender.

    The defender is the side the attack's own words oppose ("a Russian assault", "the enemy's
    attempts" in a speaker's mouth), else the side of whoever stopped it, else the claimant's.
    """
    if c.event not in data["repelled_from"]:
        # "a Russian attack on X was stopped" (read as a strike) failed on the ground; a drone attack
        # stopped is air defence, and the strike stays
        if c.event not in data.get("repelled_from_unarmed", ()) or _weapons().search(verdict.attacker or ""):
            return c
    attacker = side_words(verdict.attacker or "")
    if attacker is None and words(verdict.attacker or "") & frozenset(data["enemy_words"]):
        attacker = opposite(c.claimant_side)
    defender = opposite(attacker) or (side_words(verdict.defender) if verdict.defender else None) \
        or (c.claimant_side if c.claimant_side in ("RU", "UA") else None)
    stance = c.stance
    if stance == "denied":       # "did not capture" under "the assault failed" is the failure itself
        stance = "reported" if c.claimant_side == "outlet" else "asserted"
    return replace(c, event="repelled", beneficiary=defender, stance=stance)


def _reported_gain(c: Claim, verdict: Verdict, data: dict) -> str | None:
    """Whose gain a dismissed report claimed: the side its own words name ("Russian reports that
    X fell", "claims of Ukrainian advances"), else the dismisser's opponent."""
    if verdict.reported is None or c.event not in data["gains"]:
        return c.beneficiary
    own, phrase = verdict.reported
    return side_words(own) or side_words(phrase) or opposite(c.claimant_side) or c.beneficiary


def _actor(c: Claim, verdict: Verdict, data: dict) -> Claim:
    """The side that acts is the trigger's subject's, when the subject names one: "Russian
    troops, the brigade said, entered X" is a Russian advance whoever reports it."""
    if c.event not in data["actor_gains"] or verdict.trigger.lower() in data.get("loss_verbs", ()):
        return c                          # "Ukraine has not lost X": the subject of a loss is no gainer
    side = side_words(verdict.actor or "")
    if side not in ("RU", "UA") or side == c.beneficiary:
        return c
    if c.event == "liberated":
        # "Russian forces, according to Ukrainian officials, have captured X": the lexicons, which lost the
        # subject behind the parenthesis, gave the gain to the speaker's side and called it a liberation
        return replace(c, event="captured", beneficiary=side) if side == "RU" else c
    return replace(c, beneficiary=side)
