"""Claims: who says what happened where, with what stance.

extract_claims() walks a report sentence by sentence.  First every sentence
is cut into attribution frames (claims_frames); then each frame into
clauses, where event triggers govern the places near them (claims_events).
A claim is made for each governed place: the event (captured, advance,
fighting, ...), the side that gains, the claimant and its side, the stance
(asserted / denied / hedged / reported), the clause as evidence and the date
the sentence gives.  Words are data: frontmap/data/claims/*.json.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace

from frontmap.claims_attribution import (OUTLET, DocContext, Frame, Speaker, make_speaker,
                                         paragraph_quote_speakers)
from frontmap.claims_dates import event_date
from frontmap.claims_events import (Item, actor_of, assign, attempt_before, chained, clause_spans, clause_triggers,
                                    find_actors, hedged, intended, mark_items, negated, opposite, partial)
from frontmap.claims_followups import dedupe, denied_by, outlet_hedges
from frontmap.claims_frames import paint, sentence_frames
from frontmap.claims_lexicon import Trigger, anaphors, cues, known_claimant, perspective, raw_cues
from frontmap.model import Claim, Place, Report
from frontmap.sentences import Sentence, axis_phrase, split_sentences

_KIND_OF = {"settlement": ("settlement", None), "region": ("region",), "river": ("river",), "other": ("other",),
            "any": ("settlement", "other", None)}


class _State:
    """What the walk remembers: the report, its places, the last acting side."""

    def __init__(self, report: Report, places: list[Place], sentences: list[Sentence]):
        self.report = report
        self.text = report.text
        self.sentences = sentences
        self.places = sorted((p for p in places if p.status in ("resolved", "ambiguous")), key=lambda p: p.start)
        self.place_starts = {p.start for p in self.places}
        self.place_starts_sorted = [p.start for p in self.places]
        self.ctx = DocContext(self.text, sorted((p.start, p.end) for p in places), lean=perspective(self.text))
        self.para_actor: str | None = None
        self.doc_actor: str | None = None
        self.attacker: dict[int, str | None] = {}      # id(fighting claim) -> the side attacking

        self._starts = [s.start for s in sentences]

    def paragraph_of(self, pos: int) -> int:
        i = bisect_right(self._starts, pos) - 1
        return self.sentences[i].paragraph if i >= 0 else -1


# ---------------------------------------------------------------- frames for every sentence

def _frames(st: _State) -> list[tuple[Sentence, list[Frame]]]:
    c = cues()
    text, ctx = st.text, st.ctx
    paras: dict[int, list[Sentence]] = {}
    for s in st.sentences:
        paras.setdefault(s.paragraph, []).append(s)
    out: list[tuple[Sentence, list[Frame]]] = []
    carry: Speaker | None = None
    last_para = None
    for sent in st.sentences:
        if sent.paragraph != last_para:
            group = paras[sent.paragraph]
            paragraph_quote_speakers(text, (group[0].start, group[-1].end), group, ctx)
            carry, last_para = None, sent.paragraph
            if re.match(r"^\W*Background\b", sent.text):
                ctx.source = None
        src = c["source_label"].match(sent.text)
        if src:
            sp = make_speaker(src.group(1), sent.start, "", ctx)
            if sp and not sp.is_outlet:
                ctx.source = sp
                _source_backward(st, out, sent.paragraph, sp)
            out.append((sent, []))
            continue
        reset = bool(c["outlet_reset"].match(sent.text))
        base = carry if carry and not reset else (ctx.source or OUTLET)
        frames, back = sentence_frames(text, sent, ctx, base)
        if back is not None and out and out[-1][0].paragraph >= sent.paragraph - 1:
            prev_frames = out[-1][1]              # "This was stated by X": the sentence before is X's
            for f in list(prev_frames):
                if not f.explicit:
                    paint(prev_frames, f.start, f.end, back)
            frames = []
        out.append((sent, frames))
        named = [f for f in frames if f.explicit and not f.speaker.is_outlet]
        if named:
            carry = named[-1].speaker if named[-1].carry else None
        elif not (base is carry and carry is not None and not reset):
            carry = None
    return out


def _source_backward(st: _State, done: list[tuple[Sentence, list[Frame]]], para: int, sp: Speaker) -> None:
    """A "Source: X" line also covers the lead paragraph above it, unless that paragraph names X itself."""
    prev = [(s, fr) for s, fr in done if s.paragraph == para - 1]
    if not prev:
        return
    lead = " ".join(s.text for s, _ in prev)
    named = known_claimant(lead)
    if sp.text.lower() in lead.lower() or (named and named[0].name == (known_claimant(sp.text) or (None,))[0]):
        return
    for _, frames in prev:
        for f in list(frames):
            if not f.explicit and f.speaker.is_outlet:
                paint(frames, f.start, f.end, sp)


# ---------------------------------------------------------------- items: places and words standing for them

def _recent(st: _State, pos: int, kinds: tuple, para: int) -> Place | None:
    for p in reversed(st.places):
        if p.end <= pos and (p.kind in kinds) and st.paragraph_of(p.start) >= para - 2:
            return p
    return None


def _places_in(st: _State, start: int, end: int) -> list[Place]:
    i = bisect_left(st.place_starts_sorted, start)
    out = []
    while i < len(st.places) and st.places[i].start < end:
        if st.places[i].end <= end:
            out.append(st.places[i])
        i += 1
    return out


def _items(st: _State, sent: Sentence, clause: tuple[int, int], triggers: list[Trigger],
           anchor: tuple[int, int] | None = None) -> list[Item]:
    """The places of a clause, and the words that stand for places named before ("the village", "it")."""
    text = st.text
    cs, ce = clause
    if anchor and anchor[1] <= cs:
        cs = anchor[0]
    axis = axis_phrase(sent.text)                      # "In the direction of X, ..." only says where we are
    skip_to = sent.start + len(axis) if axis else sent.start
    actors = find_actors(text, cs, ce)                 # "Moscow has been trying": a side, not a place
    items = [Item(p.start, p.end, p) for p in _places_in(st, max(cs, skip_to), ce)
             if not any(a.start <= p.start and p.end <= a.end for a in actors)]
    items[:0] = _relative_items(st, cs, ce)
    taken = [(i.start, i.end) for i in items]
    for kind, rx in anaphors():
        for m in rx.finditer(text, cs, ce):
            if re.match(r"\s+of\s+(?:the\s+)?[A-Z]|\s+[A-Z]", text[m.end():m.end() + 40]) \
                    or any(s < m.end() and m.start() < e for s, e in taken):
                continue                               # "the village of X" names X itself
            target = _recent(st, m.start(), _KIND_OF[kind], sent.paragraph)
            if target:
                items.append(Item(m.start(), m.end(), target))
    items += _ordinal_items(st, sent, clause) + _pronoun_items(st, sent, clause, triggers)
    items.sort(key=lambda i: i.start)
    mark_items(text, items, cs, triggers)
    return items


def _relative_items(st: _State, cs: int, ce: int) -> list[Item]:
    """"Pokrovsk, where Russian forces have entered ...": a where/which clause is about the place before it."""
    text = st.text
    if not re.match(r"[\s,]*(?:where|which)\b", text[cs:ce]):
        return []
    prev = [p for p in _places_in(st, max(0, cs - 40), cs) if re.fullmatch(r"\s*(?:[a-z]+)?[\s,)]*", text[p.end:cs])]
    if not prev:
        return []
    chain = [Item(prev[-1].start, prev[-1].end, prev[-1])]
    before = [Item(p.start, p.end, p) for p in _places_in(st, max(0, cs - 300), chain[0].start)]
    while before and chained(text, before[-1], chain[0]):
        chain.insert(0, before.pop())
    return chain


def _ordinal_items(st: _State, sent: Sentence, clause: tuple[int, int]) -> list[Item]:
    """"The first village was captured, the second ...": the places of the sentence before, in order."""
    out = []
    prev = [s for s in st.sentences if s.end <= sent.start and s.paragraph == sent.paragraph]
    for m in re.finditer(r"\bthe\s+(first|second|third|former|latter)\b(?:\s+(?:village|town|settlement|city))?",
                         st.text[clause[0]:clause[1]], re.IGNORECASE):
        if prev:
            cands = [p for p in _places_in(st, prev[-1].start, prev[-1].end) if p.kind in ("settlement", None)]
            n = raw_cues()["ordinals"][m.group(1).lower()]
            if cands and (n < 0 or n < len(cands)):
                out.append(Item(clause[0] + m.start(), clause[0] + m.end(), cands[n]))
    return out


def _pronoun_items(st: _State, sent: Sentence, clause: tuple[int, int], triggers: list[Trigger]) -> list[Item]:
    """"it was taken", "fighting continues there": a pronoun next to its trigger stands for the last place."""
    text, (cs, ce) = st.text, clause
    out = []
    for m in cues()["pronoun_place"].finditer(text, cs, ce):
        lead = text[max(cs, m.start() - 12):m.start()]
        if m.group(0) == "there" and (m.start() == cs or re.search(
                r"(?:^|[,;:]\s*|\b(?:that|and|but|which|as|if|because|while|where|when|so)\s+)$", lead, re.IGNORECASE)):
            continue                    # existential "there was no sign", not a place
        for t in triggers:
            before = m.end() <= t.start
            gap = "" if t.start <= m.start() < t.end else (text[m.end():t.start] if before else text[t.end:m.start()])
            passive = re.search(r"\b(?:is|are|was|were|been|be|being|remains?|remained)\b", f"{gap} {text[t.start:t.end]}")
            if len(gap.split()) <= 3 and not re.search(r"[,;]", gap) and (passive or not before or not gap):
                target = _recent(st, m.start(), ("settlement", "other", None), sent.paragraph)
                if target:
                    out.append(Item(m.start(), m.end(), target, bound=t.start))
                break
    return out


# ---------------------------------------------------------------- one claim

def _side(st: _State, raw: str | None, speaker: Speaker) -> str | None:
    if raw in ("RU", "UA"):
        return raw
    own = speaker.side if speaker.side in ("RU", "UA") else st.ctx.lean
    if raw == "own":
        return own
    if raw == "enemy":
        return opposite(own) or opposite(st.para_actor)
    return None


def _claims_for(st: _State, sent: Sentence, frame: Frame, clause: tuple[int, int], triggers: list[Trigger],
                t: Trigger, it: Item, next_clause: tuple[int, int] | None) -> list[Claim]:
    text, sp = st.text, frame.speaker
    if intended(text, t, clause, sent.start):
        return []
    event, role, via = t.event, t.rule.role, t
    if event not in ("repelled",) and attempt_before(triggers, t):
        event, role = "fighting", "attempt"
    if event == "fighting":
        cue_zone = list(triggers)
        if next_clause and re.match(r"\W*but\b", text[next_clause[0]:next_clause[1]]):
            cue_zone += clause_triggers(text, next_clause)
        cue = next((u for u in cue_zone if u.rule.role in ("defend", "fail")), None)
        if cue:
            event, role, via = "repelled", cue.rule.role, (cue if cue.rule.role == "defend" else t)
    found = actor_of(text, via, clause, (frame.start, frame.end), (it.start, it.end))
    agent = True
    if found:
        side, agent = _side(st, found[0].side, sp), found[1]
    elif re.search(r"\b(?:it|they|we)\s+(?:\w+\s+){0,2}$", text[clause[0]:via.start]):
        side = _side(st, "own", sp)
    else:
        side = None
    neg = negated(text, t, clause)
    denier = frame.outer if neg and frame.outer and not sp.denies else sp
    if side is None and (neg or sp.denies) and denier.side in ("RU", "UA"):
        side, agent = opposite(denier.side), True      # people deny the other side's gains
    elif side is None and event == "strike":          # "the city was hit": by the side that does not hold it
        in_russia = "russia" in (it.place.oblast or "").lower()
        side = "UA" if in_russia else (opposite(sp.side) or st.para_actor or st.doc_actor)
    elif side is None:
        side = st.para_actor or (sp.side if sp.side in ("RU", "UA") else None) or st.doc_actor
        agent = True
    elif agent:
        st.para_actor = st.doc_actor = side
    ben = side if agent else opposite(side)
    if event == "withdrawal" or role == "flip" or (event == "repelled" and role == "fail"):
        ben = opposite(ben)
    if event in ("liberation", "expel"):
        in_russia = "russia" in (it.place.oblast or "").lower() or "(ru)" in (it.place.oblast or "").lower()
        event = "captured" if ben == "RU" or in_russia or ben is None else "liberated"
    if event == "captured" and partial(text, t, it, clause):
        event = "advance"                              # "89 percent of", "settlements in the region"
    holding = event == "captured" and cues()["holding"].search(text[clause[0]:clause[1]])
    attacker = side if event == "fighting" else None
    if event == "fighting":
        ben = None
    hedge = hedged(text, t, clause) or sp.hedged
    if sp.guessed:
        sp = _guess_side(sp, it.place, event, ben)
    evidence_start, evidence_end = _trim(text, *clause)
    base = Claim(place=it.place, event=event, beneficiary=ben, claimant=sp.text, claimant_side=sp.side,
                 stance="reported", evidence=text[evidence_start:evidence_end], evidence_start=evidence_start,
                 evidence_end=evidence_end, event_date=event_date(text, sent, t.start, st.report.date))
    if holding:            # "X remains under Ukrainian control": the other side's capture is denied
        if sp.is_outlet:
            return [replace(base, event="other")]
        return [replace(base, beneficiary=opposite(ben), stance="denied")]
    if sp.is_outlet:
        out = [] if neg else [replace(base, stance="hedged" if hedge else "reported")]
        st.attacker.update({id(cl): attacker for cl in out})
        return out
    if neg or sp.denies:
        outer = frame.outer
        if outer and not outer.is_outlet and outer != sp and not sp.denies:
            return [replace(base, stance="asserted"),
                    replace(base, claimant=outer.text, claimant_side=outer.side, stance="denied")]
        return [replace(base, stance="denied")]
    out = [replace(base, stance="hedged" if hedge else "asserted")]
    st.attacker.update({id(cl): attacker for cl in out})
    return out


def _guess_side(sp: Speaker, place: Place, event: str, ben: str | None) -> Speaker:
    """A speaker whose words name no side: local officials speak for the side holding the place,
    others report their own side's gains and the other side's strikes and retreats."""
    if cues()["local_official"].search(sp.text):
        oblast = (place.oblast or "").lower()
        side = "RU" if "russia" in oblast or "(ru)" in oblast else "UA"
    elif event in ("captured", "liberated", "advance", "repelled", "encircled") and ben:
        side = ben
    elif event in ("strike", "withdrawal") and ben:
        side = opposite(ben)
    else:
        return sp
    return Speaker(sp.text, side, sp.hedged, sp.denies)


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """The clause without its joining words, labels and quotation marks."""
    s += len(text[s:e]) - len(cues()["labels"].sub("", text[s:e], count=1)) if cues()["labels"].match(text, s) else 0
    m = re.match(r"[\s,;:–—\-“”\"«»]*(?:(?:but|and|while|although|that|which means)\b[\s,]*)?[“\"«]?",
                 text[s:e], re.IGNORECASE)
    s += m.end() if m else 0
    e = s + len(re.sub(r",\s*(?:saying|adding|noting|stating|claiming)\s*$", "", text[s:e]))
    while e > s and text[e - 1] in " ,;:–—-“”\"«»":
        e -= 1
    if e - s > 2 and text[e - 1] in ".!?" and text[e - 2] in "”\"»":
        e -= 2                          # "... Kupiansk»." ends at the name
    return s, e


# ---------------------------------------------------------------- the walk

def extract_claims(report: Report, places: list[Place], sentences: list[Sentence] | None = None) -> list[Claim]:
    """Claims about the resolved or ambiguous places of a report (see the module docstring)."""
    sentences = sentences if sentences is not None else split_sentences(report.text)
    st = _State(report, places, sentences)
    text = st.text
    c = cues()
    out: list[Claim] = []
    per_sentence: list[list[Claim]] = []
    last_verified = 0
    last_para = None
    for sent, frames in _frames(st):
        if sent.paragraph != last_para:
            st.para_actor, last_para = None, sent.paragraph
        mine: list[Claim] = []
        for frame in frames:
            clauses = clause_spans(text, frame.start, frame.end, st.place_starts)
            last: list[Trigger] = []
            for k, clause in enumerate(clauses):
                triggers = clause_triggers(text, clause)
                if not triggers and last and re.match(r"[\s;,]*(?:and|or|as well as)\b", text[clause[0]:clause[1]]):
                    triggers = [Trigger(clause[0], clause[0], last[-1].rule)]   # "...; and near X": same event
                last = triggers or last
                if not triggers:
                    continue
                items = _items(st, sent, clause, triggers, frame.anchor if k == 0 else None)
                nxt = clauses[k + 1] if k + 1 < len(clauses) else None
                for t, governed in assign(text, triggers, items):
                    for it in governed:
                        mine += _claims_for(st, sent, frame, clause, triggers, t, it, nxt)
        if not mine and per_sentence and per_sentence[-1]:
            mine += _repelled_after(st, sent, frames, per_sentence[-1])
        mine += denied_by(st.ctx, sent, mine)
        if c["verification_hedge"].search(sent.text):
            targets = [cl for group in per_sentence[last_verified:] for cl in group] + mine
            mine += outlet_hedges(sent, [cl for cl in targets if cl.event != "fighting"])
            last_verified = len(per_sentence) + 1
        elif c["if_true"].match(sent.text) and per_sentence and not mine:
            prev = next((g for g in reversed(per_sentence) if g), [])
            mine += outlet_hedges(sent, [cl for cl in prev if cl.event != "fighting"])
        per_sentence.append(mine)
        out += mine
    return dedupe(out)


def _repelled_after(st: _State, sent: Sentence, frames: list[Frame], previous: list[Claim]) -> list[Claim]:
    """"All attacks were repelled." after a sentence naming where the attacks were."""
    text = st.text
    cue = next((t for t in clause_triggers(text, (sent.start, sent.end)) if t.rule.role in ("defend", "fail")), None)
    fights = [cl for cl in previous if cl.event == "fighting"]
    if cue is None or not fights or st.paragraph_of(previous[0].evidence_start) != sent.paragraph:
        return []
    sp = next((f.speaker for f in frames if f.start <= cue.start < f.end), OUTLET)
    found = actor_of(text, cue, (sent.start, sent.end), (sent.start, sent.end))
    defender = _side(st, found[0].side, sp) if found and found[1] and cue.rule.role == "defend" else None
    return [replace(cl, event="repelled", beneficiary=defender or opposite(st.attacker.get(id(cl))),
                    claimant=sp.text, claimant_side=sp.side, stance="reported" if sp.is_outlet else "asserted",
                    evidence=sent.text, evidence_start=sent.start, evidence_end=sent.end)
            for cl in fights]
