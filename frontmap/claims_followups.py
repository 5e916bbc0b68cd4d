"""Claims made from other claims: denials by another speaker, the outlet's verification
hedges, and the one-claim-per-(place, claimant, event, stance) rule."""
from __future__ import annotations

import re
from dataclasses import replace

from frontmap.claims_attribution import OUTLET, DocContext, Frame, make_speaker
from frontmap.claims_events import hedged
from frontmap.claims_lexicon import cues, known_claimant
from frontmap.model import Claim
from frontmap.sentences import Sentence


def denied_by(ctx: DocContext, sent: Sentence, claims: list[Claim]) -> list[Claim]:
    """"..., a claim denied by Kyiv" / "..., but Kyiv denied it": the denier's claim on each event."""
    it = cues()["denied_it"].search(sent.text)
    if it:
        sp = make_speaker(it.group(1), sent.start + it.start(1), sent.text, ctx)
        if sp and not sp.is_outlet:
            return [replace(cl, claimant=sp.text, claimant_side=sp.side, stance="denied")
                    for cl in claims if cl.evidence_start < sent.start + it.start() and cl.stance == "asserted"]
    m = re.search(r"(?:[–—-]|,)\s*(?:a|the|which|this)\s+(?:claims?|reports?|statements?|assertions?)?\s*(?:that\s+)?"
                  r"(?:was\s+|has been\s+|is\s+)?(?:\w+ly\s+)?(?:denied|refuted|rejected|dismissed)\s+by\s+([^,.;]+)",
                  sent.text)
    if not m:
        return []
    sp = make_speaker(m.group(1), sent.start + m.start(1), sent.text, ctx)
    if not sp:
        return []
    return [replace(cl, claimant=sp.text, claimant_side=sp.side, stance="denied")
            for cl in claims if not cl.claimant_side == "outlet" and cl.stance == "asserted"]


def denial_of_previous(ctx: DocContext, sent: Sentence, frames: list[Frame], previous: list[Claim]) -> list[Claim]:
    """A sentence with no claim of its own that denies the sentence before: "Ukrainian officials rejected
    the claim." / "Such reports are untrue, the spokesman said."  Its speaker denies those claims."""
    c = cues()
    denier = None
    it = c["denied_it"].search(sent.text)
    if it:
        denier = make_speaker(it.group(1), sent.start + it.start(1), sent.text, ctx)
    elif c["denials"].search(sent.text) and c["denial_reference"].search(sent.text):
        denier = next((f.speaker for f in frames if not f.speaker.is_outlet), None)
    if denier is None or denier.is_outlet:
        return []
    return [replace(cl, claimant=denier.text, claimant_side=denier.side, stance="denied", evidence=sent.text,
                    evidence_start=sent.start, evidence_end=sent.end)
            for cl in previous if cl.claimant != denier.text and cl.stance in ("asserted", "reported", "hedged")
            and cl.event != "fighting"]


_NOMINAL = re.compile(r"\b(?:the|this|that|its|their|his|her)\s+(?:[a-z-]+\s+)?$", re.IGNORECASE)
_EVENT_NOUN = re.compile(r"^(?:capture|seizure|fall|liberation|encirclement|withdrawal|retreat|breakthrough)\b",
                         re.IGNORECASE)


def echoes(text: str, frame: Frame, clause: tuple[int, int], triggers: list, earlier: list[Claim]) -> list[Claim]:
    """"Putin hailed the capture": an event named as a noun with no place of its own is the event claimed
    just before; its speaker now claims it too."""
    sp = frame.speaker
    if sp.is_outlet:
        return []
    out = []
    for t in triggers:
        nominal = _NOMINAL.search(text, max(clause[0], t.start - 30), t.start)
        if not (nominal and _EVENT_NOUN.match(text[t.start:t.end])) or text[clause[0]:nominal.start()].strip(" “\"«"):
            continue                    # only what the speaker's words are about: "hailed the capture"
        if re.match(r"\s+(?:of|in|at|near)\b", text[t.end:t.end + 5]):
            continue                    # "the capture of ..." names (or fails to name) its own place
        wanted = ("captured", "liberated") if t.event in ("liberation", "expel", "captured") else (t.event,)
        last = next((cl for cl in reversed(earlier) if cl.event in wanted and cl.stance != "denied"), None)
        if last and last.claimant != sp.text:
            s, e = clause
            out.append(replace(last, claimant=sp.text, claimant_side=sp.side,
                               stance="hedged" if hedged(text, t, clause) or sp.hedged else "asserted",
                               evidence=text[s:e].strip(), evidence_start=s + len(text[s:e]) - len(text[s:e].lstrip()),
                               evidence_end=e - (len(text[s:e]) - len(text[s:e].rstrip()))))
    return out


def outlet_hedges(sent: Sentence, claims: list[Claim]) -> list[Claim]:
    """The outlet's own "could not be verified" / "if this is true" on claims it carries."""
    return [replace(cl, claimant=OUTLET.text, claimant_side="outlet", stance="hedged", evidence=sent.text,
                    evidence_start=sent.start, evidence_end=sent.end)
            for cl in claims if cl.claimant_side != "outlet" and cl.stance in ("asserted", "hedged")]


def dedupe(claims: list[Claim]) -> list[Claim]:
    seen, out = set(), []
    for cl in claims:
        known = known_claimant(cl.claimant)
        who = known[0].name if known else re.sub(r"^the\s+", "", cl.claimant.lower())
        key = ((cl.place.name or cl.place.text).lower(), who, cl.claimant_side, cl.event, cl.stance)
        if key not in seen:
            seen.add(key)
            out.append(cl)
    return out
