"""Claims: who says what happened where, with what stance.

extract_claims() walks a report sentence by sentence.  First every sentence
is cut into attribution frames (walk, frames); then each frame into
clauses, where event triggers govern the places near them (events, items).
A claim is made for each governed place: the event (captured, advance,
fighting, ...), the side that gains, the claimant and its side, the stance
(asserted / denied / hedged / reported), the clause as evidence and the date
the sentence gives.  Words are data: frontmap/data/claims/*.json.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

from frontmap import budget
from frontmap.claims.attribution import Frame, Speaker, make_speaker
from frontmap.claims.dates import event_date
from frontmap.claims.events import (Actor, Item, actor_of, assign, attempt_before, clause_spans, clause_triggers,
                                    find_actors, frame_actors, hedged, intended, locative_item, mark_items, negated,
                                    opposite, partial)
from frontmap.claims.followups import (dedupe, denial_of_previous, denied_by, echoes, outlet_hedges, subsumed,
                                       verification_hedges)
from frontmap.claims.gates import gate_all
from frontmap.claims.items import State, clause_items, places_in
from frontmap.claims.lexicon import Trigger, cues, may_hold_triggers, side_words, sides
from frontmap.claims.lexicon import alternation as alt
from frontmap.claims.geometry import geometry_for
from frontmap.claims.labels import apply_labels
from frontmap.claims.outlet import name_outlet
from frontmap.claims.structure import Steps, refine_steps, run
from frontmap.claims.walk import frames_of
from frontmap.gazetteer.schema import ground_fighting
from frontmap.model import Claim, Place, Report
from frontmap.text.sentences import Sentence, split_sentences

if TYPE_CHECKING:
    from frontmap.gazetteer.store import Gazetteer


@cache
def _rx() -> dict[str, re.Pattern]:
    """This module's regexes, built once from the word lists of data/claims/*.json."""
    lead = alt("clause_words", "evidence_lead")
    return gate_all({
        "own_subject": re.compile(rf"\b(?:{alt('own_subjects')})\s+(?:\w+\s+){{0,2}}$"),
        "evidence_lead": re.compile(rf"[^\w(\[]*(?:(?:{lead})\b[\s,]*)?[“\"«]?", re.IGNORECASE),   # bullets too
        "evidence_tail": re.compile(rf",\s*(?:{alt('participles', 'trailing')})\s*$"),
        "counted_places": re.compile(r"\s+(?:control\s+(?:of|over)\s+)?(?:\w+\s+){0,3}?(?:villages|settlements|towns|"
                                     r"localities|hamlets|communities)\b", re.IGNORECASE),
        "repelled_after": re.compile(r"\s+(?:(?:was|were|has been|have been|had been|is|are|being)\s+)?(?:\w+ly\s+)?"),
        "joined_tail": re.compile(r"[\s,]+(?:and|but)$"),
        "list_clause": re.compile(rf"[\s;,]*(?:{alt('clause_words', 'list')})\b"),
        "area_after": re.compile(rf"\s*(?:{alt('area_after')})\b", re.IGNORECASE),
        "weapons": re.compile(rf"\b(?:{alt('fires', 'weapons')})\b", re.IGNORECASE),
        "fire_target": re.compile(rf"\s+(?:{alt('fires', 'targets')})\b", re.IGNORECASE),
    })


# ---------------------------------------------------------------- one claim

def _side(st: State, raw: str | None, speaker: Speaker) -> str | None:
    if raw in ("RU", "UA"):
        return raw
    own = speaker.side if speaker.side in ("RU", "UA") else st.ctx.lean
    if raw in ("own", "bare"):             # "our units", and in a side's own report "assault groups"
        return own
    if raw == "enemy":
        return opposite(own) or opposite(st.para_actor)
    return None


def _claims_for(st: State, sent: Sentence, frame: Frame, clause: tuple[int, int], triggers: list[Trigger],
                t: Trigger, it: Item, next_clause: tuple[int, int] | None) -> list[Claim]:
    text, sp = st.text, frame.speaker
    # a trigger governing several places ("took A, B and C") is asked the same of each: once
    if sp.silent or st.once(("intended", id(t), clause, sent.start), t, lambda: intended(text, t, clause, sent.start)):
        return []
    event, role, via = t.event, t.rule.role, t
    if event == "strike" and any(u.rule.role == "defend" and (
            (u.end <= t.start and len(text[u.end:t.start].split()) <= 3)
            or (u.start >= it.end and _rx()["repelled_after"].fullmatch(text, it.end, u.start)
                and not _rx()["weapons"].search(text, t.start, t.end)))
            for u in triggers):
        event = "fighting"      # "beat back an attack on X", "the attack on X was repelled": the attack failed
    if event not in ("repelled",) and attempt_before(text, triggers, t):
        event, role = "fighting", "attempt"
    failure = next((u for u in triggers if u.rule.role == "fail" and u.end <= t.start
                    and len(text[u.end:t.start].split()) <= 3), None)
    if failure and event in ("captured", "liberation", "expel", "advance", "encircled"):
        event, role = "fighting", "attempt"            # "failed to take X", "unable to break through to X"
    # the next clause as a second predicate of this one's subject: "... but ...", "... and ...", and a
    # second that-clause naming no place of its own ("... near X and that Ukrainian forces repelled them")
    gap = text[clause[1]:next_clause[0]] if next_clause else ""
    but = bool(next_clause and re.match(r"\W*but\b", text[next_clause[0]:next_clause[1]]))
    placeless = bool(next_clause) and not places_in(st, *next_clause)
    joined = bool(next_clause) and bool(but or re.fullmatch(r"\s*and\s*", gap)
                                        or (placeless and re.fullmatch(r"\s*,?\s*and\s+that\s*", gap)))
    then = clause_triggers(text, next_clause) if joined and event in ("advance", "fighting") else []
    if event == "advance" and role is None and but and placeless and any(u.rule.role == "defend" for u in then):
        # "advanced near X but were repelled": an attack that failed (read below); not "but failed to take
        # it" (the advance stands), nor a but-clause about another place
        event = "fighting"
    if event == "fighting":
        cue_zone = triggers + then         # "attacked X but ...", "attacked X and was repelled"
        # a "repelled" / "without success" cue belongs to the fighting next to it, not to fighting elsewhere
        # (not a stopping verb under a negation: "does not stop attempts to storm X" goes on)
        cue = next((u for u in cue_zone if u.rule.role in ("defend", "fail")
                    and not cues()["goes_on_negated"].search(text, max(clause[0], u.start - 16), u.end) and not any(
            v is not t and v.event == "fighting" and not v.rule.weak and v.rule.role is None
            and min(t.end, u.end) <= v.start < max(t.start, u.start) for v in cue_zone)), None)
        if cue:
            event, role, via = "repelled", cue.rule.role, (cue if cue.rule.role == "defend" else t)
        elif but and placeless and any(u.event == "withdrawal" for u in then):
            # "tried to retake the position near X, but was forced to retreat": the attackers fell back
            event, role = "repelled", "fail"
    day = event_date(text, sent, t.start, st.report.date, st.report.warnings)
    named = _named_in(text, via)
    span = (frame.start, frame.end)
    found = named or actor_of(text, via, clause, span, (it.start, it.end),
                              st.once(("frame_actors", span), None, lambda: frame_actors(text, span, st.place_starts)))
    if found is None and role == "flip":
        # "X has been cleared of Ukrainian troops": the loser named right after the trigger
        loser = next(iter(find_actors(text, t.end, min(clause[1], t.end + 40))), None)
        if loser is not None and re.fullmatch(r"\s*(?:the\s+)?", text[t.end:loser.start]):
            found = (loser, True)
    if event == "fighting" and role is None and t.rule.behind_front == "none":
        # "pressure on Kyiv", "a tense situation in Lviv": no ground front there.  Only for a place
        # pinned down: an ambiguous name's best pick is no ground to drop a claim on.
        if it.place.status == "resolved" and _behind_front(it.place, day or st.report.date):
            return []
    elif event == "fighting" and role is None and t.rule.behind_front \
            and ((it.place.status == "resolved" and _behind_front(it.place, day or st.report.date))
                 or _fires(text, t, found)):
        # behind the front only for a place pinned down: an ambiguous name's best pick may be the wrong namesake
        event = t.rule.behind_front     # "drones attacked X", "attacked Feodosiia" (no ground front there)
    elif event == "strike" and role is None and t.rule.on_ground and cues()["ground_locative"].match(text, t.end) \
            and not _rx()["weapons"].search(text, clause[0], clause[1]) and not _fires(text, t, found) \
            and not _behind_front(it.place, day or st.report.date):
        event = t.rule.on_ground        # "the brigade struck near X": a move on the ground, no weapon named
    agent = True
    if found:
        side, agent = _side(st, found[0].side, sp), found[1]
    elif _rx()["own_subject"].search(text[clause[0]:via.start]):
        # "Kyiv denied Moscow's claim that it took X": "it" is the claim's owner, not the denier
        owner = _asserter(st, sent, sp) if sp.denies or _doubts(text, sent, frame) else None
        side = owner.side if owner is not None and owner.side in ("RU", "UA") else _side(st, "own", sp)
    else:
        side = None
    against = failure if event == "repelled" else None
    neg_words = st.once(("negated", id(t), clause, id(against)), (t, against),
                        lambda: negated(text, t, clause, against))
    neg = neg_words or role == "absent"                     # "there are no Russian troops in X"
    denier = frame.outer if neg and frame.outer and not sp.denies else sp
    if side is None and (neg or sp.denies):
        rep = cues()["report_side"].search(text, sent.start, t.start)   # "Russian claims that X fell are untrue"
        side = side_words(rep.group(1)) if rep else None
        side = opposite(side) if role == "flip" else side      # "Russian reports of the loss of X": X's loser
        agent = agent if side is None else True
    if side is None and (neg or sp.denies or (sp.side in ("RU", "UA") and _doubts(text, sent, frame))) \
            and denier.side in ("RU", "UA"):
        # people deny, or doubt ("has not been confirmed by Kyiv": the speaker's words end the clause), the
        # other side's gains, and their own losses ("denied that X had been lost")
        side, agent = (denier.side if role == "flip" else opposite(denier.side)), True
    elif side is None and role == "own":           # "X is ours", "we are holding X"
        side, agent = _side(st, "own", sp), True
    elif side is None and role == "occupation":    # "29 villages remain under occupation"
        side, agent = ("UA" if _in_russia(it.place) else "RU"), True
    elif side is None and event == "strike":          # "the city was hit": by the side that does not hold it
        side = "UA" if _in_russia(it.place) else (opposite(sp.side) or st.para_actor or st.doc_actor)
    elif side is None and event in ("captured", "encircled") and t.rule.event == event and role is None \
            and not st.para_actor and _PASSIVE_BEFORE.search(text, max(clause[0], t.start - 30), t.start):
        # "X was captured / is surrounded, a Ukrainian soldier said": no taker named, and the speaker's side is
        # no guess at it (a side tells its losses too); the side that does not hold it, by where it lies
        side, agent = ("UA" if _in_russia(it.place) else "RU"), True
    elif side is None:
        own = sp.side if sp.side in ("RU", "UA") else None
        if own and st.actor_speaker not in (None, sp.text):
            side = own                                  # another speaker's actor says nothing about this one's
        else:
            side = st.para_actor or own or st.doc_actor
            if side is None and event == "liberation" and t.rule.event == "liberation":
                # with no actor named anywhere, a side only ever "liberates" for itself: the text's own side
                side = st.ctx.lean
        agent = True
    elif agent and not (event == "captured" and cues()["holding"].search(text[clause[0]:clause[1]])):
        # a side said to hold a place has not acted there: no actor for the events after it
        st.para_actor = st.doc_actor = side
        st.actor_speaker = sp.text
    ben = side if agent else opposite(side)
    # "flip": the side named is the loser; named as the agent ("Russian reports of the loss of X"), the
    # gain is the other side's; named as the object ("X was cleared of Ukrainian troops"), ben is that already
    if event == "withdrawal" or (role == "flip" and agent) or (event == "repelled" and role == "fail"):
        ben = opposite(ben)
    holds = event == "captured" and cues()["holding"].search(text[clause[0]:clause[1]])
    if event in ("liberation", "expel") or (named and event == "captured" and role != "occupation" and not holds):
        event = "captured" if ben == "RU" or _in_russia(it.place) or ben is None else "liberated"
    part = (event == "captured" or (event == "liberated" and it.place.kind != "region")) and partial(text, t, it, clause)
    if part:
        # "89 percent of", "settlements in the region"; a part still held ("most of X remains under
        # Ukrainian control") is a holding that changes nothing, and denies no capture of the whole
        event = "other" if holds else "advance"
    holding = event == "captured" and holds
    attacker = side if event == "fighting" else None
    if event == "fighting":
        ben = None
    hedge = st.once(("hedged", id(t), clause), t, lambda: hedged(text, t, clause)) or sp.hedged
    if sp.guessed:
        sp = _guess_side(sp, it.place, event, ben, denies=neg or sp.denies)
    evidence_start, evidence_end = st.once(("trim", clause), None, lambda: _trim(text, *clause))   # the clause's, for each place
    base = Claim(place=it.place, event=event, beneficiary=ben, claimant=sp.text, claimant_side=sp.side,
                 stance="reported", evidence=text[evidence_start:evidence_end], evidence_start=evidence_start,
                 evidence_end=evidence_end, event_date=day,
                 geometry=geometry_for(text, it.place, places_in(st, sent.start, sent.end), clause, (it.start, it.end)))
    if holding:            # "X remains under Ukrainian control": the other side's capture is denied
        if sp.is_outlet:
            return [replace(base, event="other")]
        return [replace(base, beneficiary=opposite(ben), stance="denied")]
    if sp.is_outlet and neg:
        # "..., contrary to claims by Russian sources", "the liberation of X announced by Y is a fake": they
        # assert it; the parse would read the outlet's "not" as theirs, so the claim is kept past refine
        other = _asserter(st, sent, sp)
        if other:
            gain = base.beneficiary or (other.side if event in ("captured", "advance", "encircled")
                                        and other.side in ("RU", "UA") else None)
            st.contrary.append(replace(base, claimant=other.text, claimant_side=other.side, stance="asserted",
                                       beneficiary=gain))
        return []
    if cues()["verification_hedge"].search(text, sent.start, sent.end) and (
            cues()["report_side"].search(text, sent.start, it.start) or cues()["report_owner"].search(text, sent.start, it.start)):
        # "ISW has not observed confirmation of Russian claims that X fell": whoever claims it asserts it
        # (the claims named before the place: "A advanced, though ISW cannot confirm claims about B" leaves A)
        owner = _asserter(st, sent, sp, by_side=True)
        if owner is not None:
            st.contrary.append(replace(base, claimant=owner.text, claimant_side=owner.side, stance="asserted"))
    if sp.is_outlet:
        out = [replace(base, stance="hedged" if hedge else "reported")]
        st.attacker.update({id(cl): attacker for cl in out})
        return out
    if neg or sp.denies:
        outer = frame.outer
        plain = neg_words and cues()["negations"].search(text, max(clause[0], t.start - 30), t.start) \
            and not cues()["denials"].search(text, clause[0], clause[1])      # "had not taken", not "is not true"
        if outer and not outer.is_outlet and outer != sp and not sp.denies:
            # "Kyiv denied Moscow's claim that it took X": Moscow asserts, Kyiv denies; but in
            # "Zelensky said that, according to Syrskyi, troops had not taken X" both deny
            inner = "denied" if plain and not outer.denies else "asserted"
            return [replace(base, stance=inner),
                    replace(base, claimant=outer.text, claimant_side=outer.side, stance="denied")]
        # "Kyiv denied Russia's claim to have taken X", "X was not taken, contrary to Russian claims": they assert it
        owner = _asserter(st, sent, sp)
        if owner is not None:
            st.contrary.append(replace(base, claimant=owner.text, claimant_side=owner.side, stance="asserted"))
        return [replace(base, stance="denied")]
    out = [replace(base, stance="hedged" if hedge else "asserted")]
    st.attacker.update({id(cl): attacker for cl in out})
    return out


def _fires(text: str, t: Trigger, found: tuple[Actor, bool] | None) -> bool:
    """An attack by weapons from afar, or on a target that only fires reach."""
    if found and found[1] and _rx()["weapons"].search(text, found[0].start, found[0].end):
        return True
    return bool(_rx()["fire_target"].match(text, t.end))


def _contrary(st: State, sent: Sentence) -> Speaker | None:
    m = cues()["contrary_to"].search(sent.text)
    if m is None:
        return None
    k = 1 if m.group(1) else 2
    np = re.sub(r"['’]s?\s+(?:\w+\s+)?\w+$", "", m.group(k)) if k == 2 else m.group(k)   # "milbloggers' claims"
    if k == 2 and np == m.group(k):       # "contrary to Russian claims": whoever makes them, of that side
        np = re.sub(r"\s+(?:claims?|reports?|statements?|assertions?)$", " sources", np)
    sp = make_speaker(np, sent.start + m.start(k), sent.text, st.ctx)
    return sp if sp is not None and not sp.is_outlet else None


def _owner(st: State, sent: Sentence, by_side: bool = False) -> Speaker | None:
    """Who made the report a sentence denies, where it names them ("Russia's claim", "claims by Wagner",
    "announced by the Russian MoD"), or with by_side the side it gives them ("Russian claims": Russian
    sources; a denial of "Russian claims" names no claimant, a doubt about them leaves them standing)."""
    m = cues()["report_owner"].search(sent.text)
    if m is None:
        side = cues()["report_side"].search(sent.text) if by_side else None
        if side is None or side_words(side.group(1)) not in ("RU", "UA"):
            return None                 # "enemy claims": whose depends on who tells it
        return make_speaker(f"{side.group(1)} sources", sent.start + side.start(1), sent.text, st.ctx)
    k = next(i for i in (1, 2, 3) if m.group(i))
    return make_speaker(m.group(k), sent.start + m.start(k), sent.text, st.ctx)


def _asserter(st: State, sent: Sentence, denier: Speaker, *, by_side: bool = False) -> Speaker | None:
    """Who asserts what ``denier`` denies or doubts in ``sent``: the speaker of a "contrary to X's claims"
    phrase or the owner of the report denied, if another speaker than the denier and of no side it takes
    (with by_side, also the side a report is given: "Russian claims that ...", Russian sources)."""
    for find in (_contrary, lambda st, sent: _owner(st, sent, by_side)):
        sp = find(st, sent)
        if sp is not None and not sp.is_outlet and sp.text != denier.text \
                and not (sp.side == denier.side and sp.side in ("RU", "UA")):
            return sp
    return None


def _named_in(text: str, t: Trigger) -> tuple[Actor, bool] | None:
    """"under Ukrainian control", "fell into Russian hands": a gain whose trigger names who gains."""
    if t.rule.role in ("defend", "fail", "attempt", "flip") or t.event not in ("captured", "liberation"):
        return None
    m = sides()["gains"].search(text, t.start, t.end)
    if m is None:
        return None
    return Actor(t.start, t.end, m.lastgroup), True


def _behind_front(place: Place, day: str | None) -> bool:
    """The place lies where no ground fighting went on that day (a place not pinned down: unknown)."""
    return bool(day and place.oblast and place.status != "unresolved" and place.kind != "country"
                and not ground_fighting(place.oblast, day[:10]))


_WHICH_SUBJECT = re.compile(r",\s*which\s+[^,;]{0,60}$", re.IGNORECASE)
_PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|been|being|be|got|gets)\s+(?:(?:now|already|almost|\w+ly)\s+)?$",
                             re.IGNORECASE)          # "was captured", "is practically surrounded"


def _in_russia(place: Place) -> bool:
    oblast = (place.oblast or "").lower()
    return "russia" in oblast or "(ru)" in oblast


def _doubts(text: str, sent: Sentence, frame: Frame) -> bool:
    """The sentence's verification hedge is in the speaker's own words ("... has not been confirmed by
    Kyiv"), not after them ("Moscow's claim that it took X could not be verified": the outlet doubts)."""
    hedge = cues()["verification_hedge"].search(text, sent.start, sent.end)
    if hedge is not None and _WHICH_SUBJECT.search(text, max(sent.start, hedge.start() - 80), hedge.start()):
        return False        # "X claims to have taken Y, which ISW cannot confirm": a comment on the claim, not its words
    return hedge is not None and hedge.start() < frame.end


def _guess_side(sp: Speaker, place: Place, event: str, ben: str | None, denies: bool = False) -> Speaker:
    """A speaker whose words name no side: local officials speak for the side holding the place,
    others report their own side's gains, the other side's strikes and their own side's pull-backs,
    and deny the other side's gains and their own side's pull-backs."""
    if cues()["local_official"].search(sp.text):
        side = "RU" if _in_russia(place) else "UA"
    elif event in ("captured", "liberated", "advance", "repelled", "encircled") and ben:
        side = opposite(ben) if denies or sp.admits else ben     # one admits one's own side's setbacks
    elif event == "withdrawal" and ben:
        side = opposite(ben)        # a side tells of its own pull-backs, and denies them ("have not withdrawn")
    elif event == "strike" and ben:
        side = ben if denies else opposite(ben)
    else:
        return sp
    return Speaker(sp.text, side, sp.hedged, sp.denies, admits=sp.admits)


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """The clause without its joining words, labels and quotation marks."""
    s += len(text[s:e]) - len(cues()["labels"].sub("", text[s:e], count=1)) if cues()["labels"].match(text, s) else 0
    m = _rx()["evidence_lead"].match(text[s:e])
    s += m.end() if m else 0
    e = s + len(_rx()["evidence_tail"].sub("", text[s:e]))
    while e > s and text[e - 1] in " ,;:–—-“”\"«»(":
        e -= 1
    tail = _rx()["joined_tail"].search(text, s, e)     # "fighting goes on in X and" (a verb of saying next)
    if tail:
        e = tail.start()
    if e - s > 2 and text[e - 1] in ".!?" and text[e - 2] in "”\"»":
        e -= 2                          # "... Kupiansk»." ends at the name
    return s, e


# ---------------------------------------------------------------- the walk

def extract_claims(report: Report, places: list[Place], sentences: list[Sentence] | None = None, *,
                   gazetteer: Gazetteer | None = None) -> list[Claim]:
    """Claims about the places of a report, unresolved ones included (see the module docstring).
    With the gazetteer the places were resolved with, "the city" and "the village" point back only to
    places of their size."""
    return run(claim_steps(report, places, sentences, gazetteer=gazetteer))


def claim_steps(report: Report, places: list[Place], sentences: list[Sentence] | None = None, *,
                gazetteer: Gazetteer | None = None) -> Steps:
    """extract_claims() as a generator of parse requests (see structure.refine_steps): a caller
    may parse the sentences of several reports in one batch."""
    sentences = sentences if sentences is not None else split_sentences(report.text)
    st = State(report, places, sentences, gazetteer)
    text = st.text
    c = cues()
    _warn_unread_script(st)
    out: list[Claim] = []
    per_sentence: list[list[Claim]] = []
    last_verified = 0
    last_para = None
    pending: tuple | None = None        # the sentence before's event that named no place ("took two villages")
    for sent, frames in frames_of(st):
        budget.check()                  # a report over its time budget stops here (see frontmap.budget)
        if sent.paragraph != last_para:
            st.para_actor, st.actor_speaker, last_para = None, None, sent.paragraph
        mine: list[Claim] = []
        unplaced: tuple | None = None
        for frame in frames:
            if not may_hold_triggers(text, frame.start, frame.end):
                continue                # no clause of it holds a trigger (nearly half the sentences): nothing to read
            clauses = clause_spans(text, frame.start, frame.end, st.place_starts, st.place_ends)
            last: list[Trigger] = []
            listing = False             # after "<event>: ...", clauses that list where it happened
            for k, clause in enumerate(clauses):
                triggers = clause_triggers(text, clause)
                if triggers:
                    listing = False
                elif last and ":" in text[last[-1].end:clause[0]]:
                    listing = True
                if not triggers and last and (_rx()["list_clause"].match(text[clause[0]:clause[1]]) or (
                        listing and c["colon_list"].match(text, clause[0], clause[1]))
                        or c["located_relative"].match(text, clause[0], clause[1])
                        or (";" in text[last[-1].end:clause[0]] and locative_item(text, *clause, st.place_ends))):
                    # "...; and near X", "attacked our positions: north — near X, Y; east — near Z", "struck the
                    # Y region, where A and B are located": the same event
                    triggers = [Trigger(clause[0], clause[0], last[-1].rule)]
                last = triggers or last
                if not triggers:
                    continue
                items = clause_items(st, sent, clause, triggers, frame.anchor if k == 0 else None)
                nxt = clauses[k + 1] if k + 1 < len(clauses) else None
                pairs = assign(text, triggers, items)
                for t, governed in pairs:
                    for it in governed:
                        mine += _claims_for(st, sent, frame, clause, triggers, t, it, nxt)
                areas = [it for _, governed in pairs for it in governed]
                if areas and all(it.place.kind == "region" or _rx()["area_after"].match(text, it.end) for it in areas):
                    # "attacked 25 times in the Lyman direction. Most of them were near A and B": the list
                    # after it says where in the area
                    unplaced = (sent, frame, clause, triggers, pairs[-1][0])
                placeless = [t for t in triggers if all(t is not u for u, _ in pairs)]
                if placeless:                           # "Putin hailed the capture" (of the place just named)
                    recent = [cl for cl in out[-20:] + mine if st.paragraph_of(cl.evidence_start) >= sent.paragraph - 4]
                    echoed = echoes(text, frame, _trim(text, *clause), placeless, recent)
                    mine += echoed
                    if not echoed and not pairs and not (unplaced and _counts_places(text, unplaced[4])):
                        # "seized two villages, ..., as Moscow presses its offensive": the event that
                        # counts places is the one a list after it names
                        counted = [u for u in placeless if _counts_places(text, u)]
                        unplaced = (sent, frame, clause, triggers, (counted or placeless)[-1])
        if not mine and pending and sent.paragraph - pending[0].paragraph <= 1:   # wire copy: the next paragraph
            mine += _listed_after(st, sent, pending, frames)
        before = next((g for g in per_sentence[-1:-3:-1] if g), None)     # "Eleven battles go on." may come between
        if not mine and before:
            mine += _repelled_after(st, sent, frames, before)
        mine += denied_by(st.ctx, sent, mine, frames)
        if not mine and per_sentence and per_sentence[-1] \
                and st.paragraph_of(per_sentence[-1][0].evidence_start) >= sent.paragraph - 1:
            mine += denial_of_previous(st.ctx, sent, frames, per_sentence[-1])   # "Kyiv rejected the claim."
        hedge = c["verification_hedge"].search(sent.text)
        if hedge:
            # a hedge reaches back to the nearest sentence with claims, in its paragraph or the one before
            # ("X said it took A. Kyiv did not comment. This could not be verified.")
            reach = next((g for k, g in reversed(list(enumerate(per_sentence)))
                          if g and st.sentences[k].paragraph >= sent.paragraph - 1), None)
            mine = verification_hedges(st.ctx, sent, hedge, mine, reach,
                                       [cl for group in per_sentence[last_verified:] for cl in group])
            last_verified = len(per_sentence) + 1
        elif c["if_true"].match(sent.text) and per_sentence and not mine:
            prev = next((g for g in reversed(per_sentence) if g), [])
            mine += outlet_hedges(sent, [cl for cl in prev if cl.event != "fighting"])
        mine = _one_side_each(mine)
        per_sentence.append(mine)
        out += mine
        pending = unplaced
    # The parse has the last word on scope: goals give no claim, modals hedge, negation denies.
    refined = [_retaken(cl) for cl in (yield from refine_steps(text, sentences, dedupe(apply_labels(sentences, out))))]
    for cl in st.contrary:
        at = next((k for k, c in enumerate(refined) if c.evidence_start > cl.evidence_start), len(refined))
        refined.insert(at, _retaken(cl))
    return name_outlet(subsumed(refined, text), report.source_url)


_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LETTER = re.compile(r"[^\W\d_]")


def _warn_unread_script(st: State) -> None:
    """Claims are read from English: sentences that name places in Cyrillic prose ("Бої тривають біля
    X") keep their places, and the report says that their claims were not read."""
    unread = 0
    for sent in st.sentences:
        if not _CYRILLIC.search(sent.text) or not places_in(st, sent.start, sent.end):
            continue
        letters = len(_LETTER.findall(sent.text))
        if letters and len(_CYRILLIC.findall(sent.text)) > letters / 2:
            unread += 1
    if unread:
        st.report.warnings.append(f"{unread} sentence(s) naming places are written in Cyrillic: their places are "
                                  "listed, but claims are read from English text only")


def _one_side_each(claims: list[Claim]) -> list[Claim]:
    """A speaker named alike in one sentence is one speaker: where the words name no side, one claim's
    event may show it ("Russian forces pounded X, officials said, as Moscow's troops pressed their
    assault": the strike tells the officials' side, the fighting does not), and it holds for all."""
    sides = {}
    for cl in claims:
        if cl.claimant_side in ("RU", "UA"):
            sides.setdefault(cl.claimant, set()).add(cl.claimant_side)
    return [replace(cl, claimant_side=next(iter(sides[cl.claimant])))
            if cl.claimant_side == "third" and len(sides.get(cl.claimant, ())) == 1 else cl for cl in claims]


def _counts_places(text: str, t: Trigger) -> bool:
    """"took two villages", "seized several settlements": the trigger's object counts unnamed places."""
    return bool(_rx()["counted_places"].match(text, t.end))


def _retaken(cl: Claim) -> Claim:
    """"Ukrainian troops took X": Ukraine taking a place of its own is retaking it (the parse has had
    its say on who gains); a place not pinned down may lie in Russia, so it keeps "captured"."""
    if cl.event == "captured" and cl.beneficiary == "UA" and cl.place.status == "resolved" \
            and cl.place.kind != "country" and not _in_russia(cl.place):
        return replace(cl, event="liberated")
    return cl


def _listed_after(st: State, sent: Sentence, pending: tuple, frames: list[Frame] = ()) -> list[Claim]:
    """"Its forces took two villages. Among them are A and B.": a sentence with no event of its own
    that lists places after one whose event named none lists that event's places."""
    if not cues()["list_followup"].match(sent.text):
        return []
    before, frame, clause, triggers, t = pending
    # "These are A and B, the ministry said": the list's own speaker tells the event, where the event's was the outlet
    told = next((f for f in frames if f.explicit and not f.speaker.is_outlet), None) if frame.speaker.is_outlet else None
    if told is not None:
        frame = Frame(frame.start, frame.end, told.speaker, frame.outer, True, frame.carry)
    items = [Item(p.start, p.end, p) for p in places_in(st, sent.start, sent.end)]
    mark_items(st.text, items, sent.start)
    items = [it for it in items if not (it.qualifier or it.locator or it.geography)]   # "A and B in the X region"
    # the evidence runs from the event's clause through the list
    span = (clause[0], sent.end)
    return [cl for it in items for cl in _claims_for(st, before, frame, span, triggers, t, it, None)]


def _repelled_after(st: State, sent: Sentence, frames: list[Frame], previous: list[Claim]) -> list[Claim]:
    """"All attacks were repelled." after a sentence naming where the attacks were."""
    text = st.text
    cue = next((t for t in clause_triggers(text, (sent.start, sent.end)) if t.rule.role in ("defend", "fail")), None)
    fights = [cl for cl in previous if cl.event == "fighting"]
    if cue is None or not fights or st.paragraph_of(previous[0].evidence_start) != sent.paragraph:
        return []
    frame = next((f for f in frames if f.start <= cue.start < f.end), None)
    out = []
    for cl in fights:
        # "the attacks" are those of the account before: unless someone else is named, its speaker goes on
        sp = frame.speaker if frame and (frame.explicit or cl.claimant_side == "outlet") else \
            Speaker(cl.claimant, cl.claimant_side)
        found = actor_of(text, cue, (sent.start, sent.end), (sent.start, sent.end))
        defender = _side(st, found[0].side, sp) if found and found[1] and cue.rule.role == "defend" else None
        out.append(replace(cl, event="repelled", beneficiary=defender or opposite(st.attacker.get(id(cl))),
                           claimant=sp.text, claimant_side=sp.side, stance="reported" if sp.is_outlet else "asserted",
                           evidence=sent.text, evidence_start=sent.start, evidence_end=sent.end))
    return out
