"""The places a claim can be about: a walk's state, and the items of a clause.

An item is a place named in a clause, or a word standing for one named before: "the village",
"it", "there", "the first ...", or the place a where/which clause is about.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cache
from typing import TYPE_CHECKING

from frontmap.claims.attribution import DocContext
from frontmap.claims.events import Item, chained, find_actors, mark_items
from frontmap.claims.gates import AnyGate, gate_all
from frontmap.claims.lexicon import Trigger, anaphors, cues, perspective, raw_cues, sides
from frontmap.claims.lexicon import alternation as alt
from frontmap.places.finding import capital_as_place
from frontmap.model import Place, Report
from frontmap.text.sentences import Sentence, axis_phrase

if TYPE_CHECKING:
    from frontmap.gazetteer.store import Gazetteer

_RELATIVE = re.compile(r"[\s,]*(?:where|which)\b")
_KIND_OF = {"settlement": ("settlement", None), "region": ("region",), "river": ("river",), "other": ("other",),
            "any": ("settlement", "other", None)}


@cache
def _rx() -> dict[str, re.Pattern]:
    """This module's regexes, built once from the word lists of data/claims/cues.json."""
    ordinals = "|".join(map(re.escape, raw_cues()["ordinals"]))
    be = alt("auxiliaries", "be_finite", "be_base", "being", "remain")
    return gate_all({
        "ordinal": re.compile(rf"\bthe\s+({ordinals})\b(?:\s+(?:{alt('ordinal_nouns')}))?", re.IGNORECASE),
        "before_there": re.compile(rf"(?:^|[,;:]\s*|\b(?:{alt('clause_words', 'before_there')})\s+)$", re.IGNORECASE),
        "passive": re.compile(rf"\b(?:{be})\b"),
        "axis_after": re.compile(r"\s+(?:direction|axis|sector)\b", re.IGNORECASE),
        "axis_before": re.compile(r"\b(?:direction|axis|sector)\s+of\s+(?:the\s+)?$", re.IGNORECASE),
    })


# "the village of X", "the town X", "the village of «X»", "[the village of] X" (an editor's
# insertion), in either script: the anaphor names X itself
_CAPITAL = "A-Z\u0400-\u042f\u0490\u0404\u0406\u0407"
_NAMED_AFTER = re.compile(rf"(?:\s*[\])]?\s+of\s*[\])]?|\s*[\])]?)\s+[\"'“‘«„]?(?:the\s+)?[{_CAPITAL}]")


class State:
    """What the walk remembers: the report, its places, the last acting side."""

    def __init__(self, report: Report, places: list[Place], sentences: list[Sentence],
                 gazetteer: Gazetteer | None = None):
        self.report = report
        self.gazetteer = gazetteer          # where the places' sizes are (see _fits); None: sizes unknown
        self.text = report.text
        self.sentences = sentences
        self.places = sorted(places, key=lambda p: p.start)
        self.place_starts = {p.start for p in self.places}
        self.place_ends = {p.start: p.end for p in self.places}
        self.place_starts_sorted = [p.start for p in self.places]
        self.ctx = DocContext(self.text, sorted((p.start, p.end) for p in places), lean=perspective(self.text))
        self.para_actor: str | None = None
        self.actor_speaker: str | None = None           # whose words named para_actor
        self.doc_actor: str | None = None
        self.attacker: dict[int, str | None] = {}      # id(fighting claim) -> the side attacking
        self.contrary: list = []        # claims the outlet doubts, as their claimants assert them (past refine)
        # a trigger's tests in its clause (intended, negated, hedged) and a frame's actors, asked again
        # for each place: key -> (the trigger, kept so that its id in the key stays its own, the answer)
        self.per_trigger: dict[tuple, tuple] = {}

        self._starts = [s.start for s in sentences]

    def once(self, key: tuple, t: object, compute):
        """compute() for key (of trigger t, if any), worked out once per report."""
        hit = self.per_trigger.get(key)
        if hit is None:
            hit = self.per_trigger[key] = (t, compute())
        return hit[1]

    def paragraph_of(self, pos: int) -> int:
        i = bisect_right(self._starts, pos) - 1
        return self.sentences[i].paragraph if i >= 0 else -1


def _recent(st: State, pos: int, kinds: tuple | None, para: int, axis: bool = False,
            noun: str = "") -> Place | None:
    """The last place before pos, in this paragraph or the two before, of one of kinds; with axis, the
    last named as an axis ("the X direction", "the direction of X": what "that direction" points to);
    with noun ("city", "village"), the last of that size (see _fits)."""
    text = st.text
    # only places starting before pos, and none before the paragraphs it may reach back to
    seat = None
    for k in range(bisect_left(st.place_starts_sorted, pos) - 1, -1, -1):
        p = st.places[k]
        if st.paragraph_of(p.start) < para - 2:
            break
        if p.end <= pos and (kinds is None or p.kind in kinds) and (
                not axis or _rx()["axis_after"].match(text, p.end)
                or _rx()["axis_before"].search(text, max(0, p.start - 20), p.start)):
            found = p if axis else _located(st, k)
            if not _fits(st, found, noun):
                if found is p or not _fits(st, p, noun):
                    continue
                found = p           # "the village of X near Y ... the city": Y itself, which X's locator named
            if cues()["speaker_locative"].search(text, max(0, p.start - 40), p.start):
                # "the ministry in Moscow said": where a speaker sits is the antecedent only if nothing
                # else is ("Officials in X said the town was shelled")
                seat = seat if seat is not None else found
                continue
            return found
    return seat


def _fits(st: State, p: Place, noun: str) -> bool:
    """Whether p may be what "the <noun>" points back to: "the city" is no village, "the village" no
    city, by the size the gazetteer gives (cues.json anaphor_sizes); a place of unknown size fits."""
    sizes = raw_cues()["anaphor_sizes"]
    rule = sizes["nouns"].get(noun)
    e = st.gazetteer.get(p.id) if rule and st.gazetteer is not None and p.id else None
    if e is None or e.kind != "settlement":
        return True
    if e.population < rule.get("min_population", 0) and e.feature not in sizes["city_features"]:
        return False
    return e.population < rule.get("max_population", float("inf"))


def _located(st: State, k: int) -> Place:
    """The place a pronoun points back to from st.places[k]: the place before it, when k only says
    where that one is ("X lies 10 km from Y. They took it": X, not Y)."""
    p = st.places[k]
    if k == 0:
        return p
    q = st.places[k - 1]
    gap = st.text[q.end:p.start]
    if len(gap) <= 80 and not re.search(r"[.!?;]", gap) and q.kind == p.kind and cues()["locator"].search(gap):
        return q
    return p


def _recent_group(st: State, sent: Sentence, pos: int) -> list[Place]:
    """The settlements named together most recently before ``pos``: those of the last earlier
    sentence, in this paragraph or the one before, that names two or more."""
    for s in reversed([s for s in st.sentences if s.end <= pos and s.paragraph >= sent.paragraph - 1]):
        group = [p for p in places_in(st, s.start, s.end) if p.kind in ("settlement", None)]
        if len(group) >= 2:
            return group
    return []


def places_in(st: State, start: int, end: int) -> list[Place]:
    i = bisect_left(st.place_starts_sorted, start)
    out = []
    while i < len(st.places) and st.places[i].start < end:
        if st.places[i].end <= end:
            out.append(st.places[i])
        i += 1
    return out


@cache
def _anaphor_gate() -> AnyGate:
    return AnyGate(rx for _, rx in anaphors())


def clause_items(st: State, sent: Sentence, clause: tuple[int, int], triggers: list[Trigger],
           anchor: tuple[int, int] | None = None) -> list[Item]:
    """The places of a clause, and the words that stand for places named before ("the village", "it")."""
    text = st.text
    cs, ce = clause
    if anchor and anchor[1] <= cs:
        cs = anchor[0]
    axis = axis_phrase(sent.text)                      # "In the direction of X, ..." only says where we are
    skip_to = sent.start + len(axis) if axis else sent.start
    actors = find_actors(text, cs, ce)                 # "Moscow has been trying": a side, not a place
    items = [Item(p.start, p.end, p) for p in places_in(st, max(cs, skip_to), ce)
             if (not any(a.start <= p.start and p.end <= a.end for a in actors) or capital_as_place(text, p.start, p.end))
             and not (p.kind == "river" and cues()["river_bank"].search(text, max(0, p.start - 40), p.start))]
    items[:0] = _relative_items(st, cs, ce)
    taken = [(i.start, i.end) for i in items]
    # most clauses hold no anaphor: one look for the words of them all, before each looks for its own
    for kind, rx in anaphors() if not _anaphor_gate().absent(text, cs, ce) else ():
        for m in rx.finditer(text, cs, ce):
            if _NAMED_AFTER.match(text, m.end(), m.end() + 40) \
                    or any(s < m.end() and m.start() < e for s, e in taken):
                continue                               # "the village of X" names X itself
            if kind == "plural":                       # "both villages": every one just named together
                items += [Item(m.start(), m.end(), p) for p in _recent_group(st, sent, m.start())]
                continue
            target = _recent(st, m.start(), _KIND_OF.get(kind), sent.paragraph, axis=kind == "direction",
                             noun=m.group(0).rsplit(None, 1)[-1].lower())
            if target:
                items.append(Item(m.start(), m.end(), target))
    items += _ordinal_items(st, sent, clause) + _pronoun_items(st, sent, clause, triggers)
    if not items:
        items += _elided_subject_items(st, sent, clause)
    if not items and axis and cs < skip_to:
        # "In the Pokrovsk direction, the enemy attacked 12 times": with no place of its own, the clause
        # is about the axis it opens with
        items = [Item(p.start, p.end, p) for p in places_in(st, cs, skip_to)]
    items.sort(key=lambda i: i.start)
    mark_items(text, items, cs, triggers)
    return items


def _elided_subject_items(st: State, sent: Sentence, clause: tuple[int, int]) -> list[Item]:
    """"X was liberated in 2022 | but has since come under attack": a clause that goes on with the
    sentence's subject left out is about that subject, a place the sentence opens with."""
    text, (cs, ce) = st.text, clause
    c = cues()
    if cs <= sent.start:
        return []
    # the clause may open with the coordinator, or the split before it may have taken it (", and")
    m = c["elided_subject"].search(text, max(sent.start, cs - 8), ce)
    first = places_in(st, sent.start, cs)
    if not first or not c["subject_lead"].fullmatch(text, sent.start, first[0].start):
        return []
    if ":" in text[first[0].end:cs]:
        return []           # "X direction: the enemy attacked ... but was repulsed": X labels, the enemy is the subject
    if m is not None and m.start() <= cs < m.end():
        return [Item(cs, m.end(), first[0])]
    # "X, which troops had stormed for weeks, | has been captured": the predicate after the relative clause
    r = c["relative_resume"].match(text, first[0].end, ce)
    if r is not None and r.end(1) <= cs <= r.end():
        return [Item(cs, r.end() + 1, first[0])]          # up into the predicate's auxiliary
    return []


def _relative_items(st: State, cs: int, ce: int) -> list[Item]:
    """"Pokrovsk, where Russian forces have entered ...": a where/which clause is about the place before it."""
    text = st.text
    if not _RELATIVE.match(text[cs:ce]):
        return []
    prev = [p for p in places_in(st, max(0, cs - 40), cs) if re.fullmatch(r"\s*(?:[a-z]+)?[\s,)]*", text[p.end:cs])]
    if not prev:
        return []
    chain = [Item(prev[-1].start, prev[-1].end, prev[-1])]
    before = [Item(p.start, p.end, p) for p in places_in(st, max(0, cs - 300), chain[0].start)]
    while before and chained(text, before[-1], chain[0]):
        chain.insert(0, before.pop())
    return chain


def _ordinal_items(st: State, sent: Sentence, clause: tuple[int, int]) -> list[Item]:
    """"The first village was captured, the second ...": the places of the sentence before, in order."""
    out = []
    i = bisect_left(st._starts, sent.start)          # the sentence before, if it is in this paragraph
    prev = [s for s in st.sentences[max(0, i - 1):i] if s.end <= sent.start and s.paragraph == sent.paragraph]
    for m in _rx()["ordinal"].finditer(st.text[clause[0]:clause[1]]):
        if prev:
            cands = [p for p in places_in(st, prev[-1].start, prev[-1].end) if p.kind in ("settlement", None)]
            n = raw_cues()["ordinals"][m.group(1).lower()]
            if cands and (n < 0 or n < len(cands)):
                out.append(Item(clause[0] + m.start(), clause[0] + m.end(), cands[n]))
    return out


def _pronoun_items(st: State, sent: Sentence, clause: tuple[int, int], triggers: list[Trigger]) -> list[Item]:
    """"it was taken", "fighting continues there", "denied its fall": a pronoun next to its trigger stands for
    the last place."""
    text, (cs, ce) = st.text, clause
    out = []
    for m in cues()["pronoun_place"].finditer(text, cs, ce):
        lead = text[max(cs, m.start() - 12):m.start()]
        if m.group(0) == "there" and (m.start() == cs or _rx()["before_there"].search(lead)):
            continue                    # existential "there was no sign", not a place
        if m.group(0).lower() == "its" and sides()["own"].match(text, m.start()):
            continue                    # "its forces advanced": the possessor of an actor, a side, not a place
        for t in triggers:
            before = m.end() <= t.start
            gap = "" if t.start <= m.start() < t.end else (text[m.end():t.start] if before else text[t.end:m.start()])
            passive = _rx()["passive"].search(f"{gap} {text[t.start:t.end]}")
            owner = m.group(0).lower() == "its" and before and not gap.strip()     # "claimed its capture"
            if len(gap.split()) <= 3 and not re.search(r"[,;]", gap) and (passive or not before or not gap or owner):
                target = _recent(st, m.start(), ("settlement", "other", None), sent.paragraph)
                if target:
                    out.append(Item(m.start(), m.end(), target, bound=t.start))
                break
    return out
