"""Claims made from other claims: denials by another speaker, the outlet's verification
hedges, and the one-claim-per-(place, claimant, event, stance) rule."""
from __future__ import annotations

import re
from dataclasses import replace

from frontmap.claims_attribution import OUTLET, DocContext, make_speaker
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
