"""Claims made from other claims: denials by another speaker, verification hedges, and the
one-claim-per-(place, claimant, event, stance) rule.

A verification hedge ("could not be verified", "ISW has not observed confirmation of this claim")
is about the claims of its own sentence; failing those, the claims of the parties it names ("the
claims by both sides", since the last hedge); failing that, the nearest sentence before it that has claims, in its
paragraph or the one before (wire copy: "X said ... Kyiv did not immediately comment. This could not be verified.").
The hedging party is whoever the hedge names (ISW, a side's officials); the outlet when nobody is
named or the outlet's own wire speaks ("Reuters could not verify")."""
from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from frontmap.claims.attribution import OUTLET, DocContext, Frame, Speaker, make_speaker
from frontmap.claims.events import hedged, opposite
from frontmap.claims.gates import gate_all
from frontmap.claims.lexicon import alternation as alt
from frontmap.claims.lexicon import cues, event_list, known_claimant, side_words
from frontmap.model import Claim
from frontmap.text.sentences import Sentence


@cache
def _rx() -> dict[str, re.Pattern]:
    """This module's regexes, built once from the word lists of data/claims/*.json."""
    aux = alt("auxiliaries", "have", "had", "do", "be_finite")
    return gate_all({
        "nominal": re.compile(rf"\b(?:{alt('determiners', 'nominal')})\s+(?:[a-z-]+\s+)?$", re.IGNORECASE),
        "event_noun": re.compile(rf"^(?:{alt('event_nouns', file='events.json')})\b", re.IGNORECASE),
        "own_place": re.compile(rf"\s+(?:{alt('prepositions', 'own_place')})\b"),
        # "could not be verified", "no independent confirmation": its party is "by X" or nobody
        "passive_hedge": re.compile(rf"^(?:{alt('subjectless_hedge')}) |\b(?:{alt('auxiliaries', 'be_base')})\b",
                                    re.IGNORECASE),
        # "..., a claim Kyiv has not confirmed": the party comes after the report noun the clause opens with
        "subject_start": re.compile(rf"(?:^|[,;:]\s*|\b(?:{alt('clause_words', 'contrast')}|and)\s+)"
                                    rf"(?:{alt('party_after_report')})?"
                                    rf"(?=[^,;:]*$)", re.IGNORECASE),
        "subject_tail": re.compile(rf"\s+(?:(?>(?:{aux}|{alt('adverbs', 'hedge_lead')})\s+))+$"),
        "both_sides": re.compile(alt("both_sides")),
    })


def denied_by(ctx: DocContext, sent: Sentence, claims: list[Claim], frames: list[Frame] = ()) -> list[Claim]:
    """"..., a claim denied by Kyiv" / "..., but Kyiv denied it" / "..., which Kyiv denied": the denier's claim
    on each event."""
    if not claims:
        return []                   # every denial here is of this sentence's own claims
    # "..., which Kyiv denied" first: its clause is the denial, where "denied_it" would read from the comma
    for key in ("denied_which", "denied_it"):
        m = cues()[key].search(sent.text)
        sp = m and make_speaker(m.group(1), sent.start + m.start(1), sent.text, ctx)
        if sp and not sp.is_outlet:
            out = [replace(cl, claimant=sp.text, claimant_side=sp.side, stance="denied")
                   for cl in claims if cl.evidence_start < sent.start + m.start()
                   and cl.stance == "asserted" and cl.claimant != sp.text]
            if out:
                return out
    here = cues()["denied_here"].search(sent.text)
    if here and frames:
        # "..., which is not true", "..., calling it a lie": whoever tells the sentence denies what
        # another speaker claimed before it
        at = sent.start + here.start()
        frame = next((f for f in frames if f.start <= at < f.end), None)
        # inside a reported claim that runs on to the end, the clause is the teller's: the outer speaker
        sp = frame and (frame.outer if frame.outer is not None and any(
            cl.claimant == frame.speaker.text for cl in claims) else frame.speaker)
        if sp is not None and not sp.is_outlet:
            out = [replace(cl, claimant=sp.text, claimant_side=sp.side, stance="denied")
                   for cl in claims if cl.evidence_start < at and cl.stance == "asserted" and cl.claimant != sp.text]
            if out:
                return out
    back = cues()["retracted"].search(sent.text)
    if back:                        # "Moscow claimed X had fallen, but later backtracked": its own claims
        return [replace(cl, stance="denied") for cl in claims
                if cl.evidence_start < sent.start + back.start() and cl.stance == "asserted"]
    m = cues()["denied_by"].search(sent.text)
    if not m:
        return []
    sp = make_speaker(m.group(1), sent.start + m.start(1), sent.text, ctx)
    if not sp:
        return []
    return [replace(cl, claimant=sp.text, claimant_side=sp.side, stance="denied")
            for cl in claims if not cl.claimant_side == "outlet" and cl.stance == "asserted"]


def denial_of_previous(ctx: DocContext, sent: Sentence, frames: list[Frame], previous: list[Claim]) -> list[Claim]:
    """A sentence with no claim of its own that denies the sentence before: "Ukrainian officials rejected
    the claim." / "Such reports are untrue, the spokesman said."  Its speaker denies those claims
    (or doubts them: "called the claim premature")."""
    c = cues()
    denier = None
    own = False                     # "The ministry later retracted the claim": its own claim
    stance = "denied"
    it = c["denied_it"].search(sent.text)
    if it:
        denier = make_speaker(it.group(1), sent.start + it.start(1), sent.text, ctx)
        own = bool(re.search(r"retract|walked back|backtracked|disavow", it.group(0), re.IGNORECASE))
    elif c["denial_reference"].search(sent.text) and (c["denials"].search(sent.text) or c["doubts"].search(sent.text)):
        denier = next((f.speaker for f in frames if not f.speaker.is_outlet), None)
        # "called the claim premature": doubted, not denied
        stance = "denied" if c["denials"].search(sent.text) else "hedged"
    if denier is None or denier.is_outlet:
        return []
    return [replace(cl, claimant=denier.text, claimant_side=denier.side, stance=stance, evidence=sent.text,
                    evidence_start=sent.start, evidence_end=sent.end)
            for cl in previous if (cl.claimant != denier.text) != own and cl.stance in ("asserted", "reported", "hedged")
            and cl.event != "fighting"]


def echoes(text: str, frame: Frame, clause: tuple[int, int], triggers: list, earlier: list[Claim]) -> list[Claim]:
    """"Putin hailed the capture": an event named as a noun with no place of its own is the event claimed
    just before; its speaker now claims it too."""
    sp = frame.speaker
    if sp.is_outlet:
        return []
    out = []
    for t in triggers:
        nominal = _rx()["nominal"].search(text, max(clause[0], t.start - 30), t.start)
        if not (nominal and _rx()["event_noun"].match(text[t.start:t.end])) \
                or text[clause[0]:nominal.start()].strip(" “\"«"):
            continue                    # only what the speaker's words are about: "hailed the capture"
        if _rx()["own_place"].match(text[t.end:t.end + 5]):
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


def outlet_hedges(sent: Sentence, claims: list[Claim], party: Speaker = OUTLET) -> list[Claim]:
    """The outlet's own (or a named party's) "could not be verified" / "if this is true" on claims it carries."""
    return [replace(cl, claimant=party.text, claimant_side=party.side, stance="hedged", evidence=sent.text,
                    evidence_start=sent.start, evidence_end=sent.end)
            for cl in claims if cl.claimant_side != "outlet" and cl.claimant != party.text
            and cl.stance in ("asserted", "hedged")]


_GAINS = ("captured", "liberated", "advance", "encircled")


def hedging_party(ctx: DocContext, sent: Sentence, hedge: re.Match, doubted: frozenset[str] = frozenset()) -> Speaker:
    """Who says a claim is unverified: the subject of "ISW has not observed confirmation", the agent of
    "could not be verified by X"; the outlet when nobody is named ("could not be verified") or the
    outlet's wire speaks ("Reuters could not verify").  Words pointing back ("the newspaper") that would
    land on a claimant in doubted are the outlet too: nobody fails to verify their own claim."""
    body = sent.text
    if _rx()["passive_hedge"].search(hedge.group(0)):
        by = re.match(r"\s+by\s+([^,.;]{2,80})", body[hedge.end():])
        np, at = (by.group(1), hedge.end() + by.start(1)) if by else ("", 0)
    else:
        lead = body[:hedge.start()]
        cut = _rx()["subject_start"].search(lead)
        at = cut.end() if cut else 0
        np = _rx()["subject_tail"].sub("", lead[at:] + " ")
    sp = make_speaker(np, sent.start + at, body, ctx) if np.strip() else None
    if sp is not None and sp.text in doubted and sp.text.lower() not in np.lower():
        return OUTLET
    # a party whose side the words do not give ("the newspaper") is most likely the outlet itself
    return sp if sp is not None and not sp.is_outlet and not sp.guessed else OUTLET


def _named_sides(text: str) -> set[str]:
    """The sides whose claims a hedge names: "the claims by both sides" -> RU and UA."""
    out: set[str] = set()
    for m in cues()["hedge_parties"].finditer(text):
        words = (m.group(1) or m.group(2) or "").lower()
        if _rx()["both_sides"].search(words):
            return {"RU", "UA"}
        side = side_words(words)
        if side in ("RU", "UA"):
            out.add(side)
    return out


def verification_hedges(ctx: DocContext, sent: Sentence, hedge: re.Match, mine: list[Claim],
                        previous: list[Claim] | None, earlier: list[Claim]) -> list[Claim]:
    """A sentence's claims once its verification hedge is applied.  The hedge is about the claims of its own
    sentence; else, if it names whose claims ("the claims by both sides"), their claims since the last hedge;
    else the claims of the sentence just before (previous: None when that is not this hedge's to reach)."""
    party = hedging_party(ctx, sent, hedge, frozenset(cl.claimant for cl in mine + (previous or [])))
    own = [cl for cl in mine if cl.event != "fighting"]
    if own:
        out = []
        for cl in mine:
            if cl.event == "fighting" or cl.stance in ("denied",):
                out.append(cl)
            elif cl.claimant == party.text or (cl.claimant_side == "outlet" and cl.place.start > sent.start + hedge.start()):
                # the outlet's words inside a named party's hedge are that party's: "DeepState did not confirm
                # the capture of X"; the party's own claim is now hedged
                ben = cl.beneficiary
                if ben is None and cl.event in _GAINS and party.side in ("RU", "UA"):
                    ben = opposite(party.side)      # a side doubts the other side's gains, like a denial
                out.append(replace(cl, claimant=party.text, claimant_side=party.side, stance="hedged",
                                   beneficiary=ben))
            else:
                out.append(cl)
        return out + outlet_hedges(sent, own, party)
    sides = _named_sides(sent.text)
    if sides:
        targets = [cl for cl in earlier if cl.claimant_side in sides]
    else:
        targets = previous or []
    return mine + outlet_hedges(sent, [cl for cl in targets if cl.event != "fighting"], party)


def dedupe(claims: list[Claim]) -> list[Claim]:
    """One claim per statement: the same place, event, claimant and stance repeated (headline,
    lead, bullets, body) is one claim, where it was first made, with its fullest evidence."""
    at: dict[tuple, int] = {}
    speakers: dict[tuple, list[tuple[str, tuple]]] = {}   # what was said -> (claimant as written, key) of each
    out: list[Claim] = []
    for cl in claims:
        known = known_claimant(cl.claimant)
        plain = re.sub(r"^the\s+", "", cl.claimant.lower())
        what = ((cl.place.name or cl.place.text).lower(), cl.claimant_side, cl.event, cl.stance)
        key = (known[0].name if known else plain, *what)
        # "– Defense Ministry" in the headline, "the Russian Defense Ministry said" below: one speaker
        said = speakers.setdefault(what, [])
        key = next((k for written, k in said if _same_speaker(written, plain)), key)
        if not any(k == key for _, k in said):
            said.append((plain, key))
        if key not in at:
            at[key] = len(out)
            out.append(cl)
        elif len(cl.evidence) > len(out[at[key]].evidence):
            named = out[at[key]].claimant
            out[at[key]] = cl if len(cl.claimant) >= len(named) else replace(cl, claimant=named)
    return _states_folded(out)


def _same_speaker(a: str, b: str) -> bool:
    """Whether one speaker's name is the other's, shortened ("defense ministry", "ministry", "russian
    defense ministry"): the shorter one its head, of the same side (dedupe compares only claims of one side)."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return bool(short) and re.search(rf"(?<!\w){re.escape(short)}$", long) is not None


_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s")


def subsumed(claims: list[Claim], text: str = "") -> list[Claim]:
    """One claim per statement, across events: "liberated X in fierce battles" claims the capture
    of X, and the fighting there is part of that claim.  A fighting claim is left out where the same
    claimant, with the same stance, claims an outcome (events.json "outcomes") at the same place in
    evidence that overlaps its own (one clause told both).  Another claimant's fighting, and fighting
    in a clause of its own ("X was retaken in 2022 but has since come under attack"), stay.  With the
    text, so is fighting that a later sentence's outcome points back to ("They struck near X. The
    village was taken after a battle")."""
    outcomes, endings = event_list("outcomes"), event_list("endings")

    def who(cl: Claim) -> tuple:
        return (cl.place.name or cl.place.text).lower(), cl.claimant, cl.stance

    spans: dict[tuple, list[tuple[int, int]]] = {}       # who said an outcome where -> its evidence spans
    for cl in claims:
        if cl.event in outcomes:
            spans.setdefault(who(cl), []).append((cl.evidence_start, cl.evidence_end))
            if cl.event in endings and cl.place.start < cl.evidence_start \
                    and _SENTENCE_END.search(text, cl.place.end, cl.evidence_start):
                # "They struck near X. The village was taken after a battle": the outcome points back
                # to the mention the fighting was told on, and tells how that fighting ended
                spans[who(cl)].append((cl.place.start, cl.place.end))
    return [cl for cl in claims if cl.event != "fighting" or not any(
        s < cl.evidence_end and cl.evidence_start < e for s, e in spans.get(who(cl), ()))]


def _states_folded(claims: list[Claim]) -> list[Claim]:
    """"Russia says it took X" over "The Russian Defence Ministry said it took X": a state named for
    one of its own bodies making the same claim is that body's statement, not another one."""
    def what(cl: Claim) -> tuple:
        return (cl.place.name or cl.place.text).lower(), cl.claimant_side, cl.event, cl.stance

    def is_state(cl: Claim) -> bool:
        known = known_claimant(cl.claimant)
        return bool(known) and known[0].type == "state" and known[2] - known[1] >= len(cl.claimant.strip()) - 4

    bodies = {what(cl) for cl in claims if cl.claimant_side in ("RU", "UA") and not is_state(cl)
              and (k := known_claimant(cl.claimant)) and k[0].type not in ("person", "media", "channel", "monitor")}
    return [cl for cl in claims if not (is_state(cl) and what(cl) in bodies)]
