"""Inside one clause: which trigger governs which place, who acts, and with what stance.

Each trigger governs the places that follow it up to the next trigger (a weak
trigger - "attacks", "operations" - does not interrupt a strong one); a
trigger with nothing after it takes the nearest ungoverned place before it
("Gornal was encircled").  Coordinated triggers are one predicate whose last
member, the outcome, governs: "X was stormed and taken" is a capture.  Places that only locate another place ("X in the
Y direction", "12 km south of Z", "took A, near the town of B") are not governed from the front.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from frontmap.claims.gates import gate_all
from frontmap.claims.lexicon import Trigger, cues, find_triggers, side_words, sides
from frontmap.claims.lexicon import alternation as alt
from frontmap.claims.scan import Scanner
from frontmap.places.locating import Span, locating_regions
from frontmap.model import Place

_COMMA = re.compile(r",\s+")
_GERUND_SUBJECT = re.compile(r"(?<![\w,;:] )(?<![a-z] )[A-Z]\w+ing\b")    # "Capturing X ...", opening the clause
_AND_THEN = re.compile(r"\s*,?\s+and\s+(?:then\s+|later\s+|also\s+|\w+ly\s+)?")
_COMMA_AND = re.compile(r",\s+and\s+")
_POSSESSIVE = re.compile(r"['’]s\s+")             # "X's capture"
_ADJACENT = re.compile(r"\s*(?:['’]s\s*)?")
_QUALIFIER = re.compile(r"^[\s,]*(?:(?!(?:and|or|as)\b)[a-z]+\s+){0,2}(?:in|of|on)\s+(?:the\s+)?"
                        r"(?:(?:Ukraine|Russia)(?:'s|’s)\s+)?(?:[a-z-]+\s+){0,2}$")
_CHAIN = re.compile(r"^\s*(?:,|and|or|&|as well as|,\s*and|,\s*as well as(?: near| in)?|\(\s*(?:or|known as|aka)?|/)?"
                    r"\s*(?:the\s+)?$|^\s*[-–]\s*$|^\)?\s*(?:,|and|or)?\s*$")


@cache
def _rx() -> dict[str, re.Pattern]:
    """This module's regexes, built once from the word lists of data/claims/*.json."""
    be = alt("auxiliaries", "be_finite", "be_base", "being")
    articles = alt("determiners", "articles")
    return gate_all({
        "word": re.compile(r"\S*\w\S*"),
        "speaks_after": re.compile(rf"(?:\s+[\w’'-]+){{0,2}}?\s+(?:has\s+|had\s+)?"
                                   rf"(?:{cues()['reporting_verbs'].pattern})\s*[,.]", re.IGNORECASE),
        "dash_aside": re.compile(rf"\s[–—]\s+(?:{cues()['according_to'].pattern})\s+[^–—.;]{{2,100}}?\s[–—]\s",
                                 re.IGNORECASE),
        "side_attacks": re.compile(rf"\b(Russian|Ukrainian|Russia['’]s|Ukraine['’]s)\s+(?:\w+\s+)?"
                                   rf"(?:{cues()['attack_nouns'].pattern})", re.IGNORECASE),          # a word, not a lone quotation mark or dash
        # "was taken", "were also fully taken", and through a coordinated participle: "was encircled and taken"
        "passive": re.compile(rf"(?:\b(?:{be}|{alt('auxiliaries', 'get')})\s+"
                              rf"(?:(?>\w+ly\s+|(?:{alt('adverbs', 'passive')})\s+))*"
                              rf"(?:\w+\s+(?:and|or)\s+(?:(?>(?:then|later|\w+ly)\s+))*)?)$", re.IGNORECASE),
        "participle": re.compile(rf"(?:{alt('participles', 'passive')})$", re.IGNORECASE),
        # what may stand between a trigger and a place that is its own object ("attack on the village of A")
        "attached": re.compile(rf"\s*(?:(?:{alt('prepositions', 'attached')})\s+"
                               rf"(?:the\s+)?(?:(?:\w+\s+)?(?:village|town|city|settlement)\s+of\s+)?)?", re.IGNORECASE),
        "lead_participle": re.compile(rf"^\W*(?:{alt('clause_words', 'participle_lead')})\b", re.IGNORECASE),
        "aux_word": re.compile(be, re.IGNORECASE),
        "finite_after": re.compile(rf"\b(?:{alt('auxiliaries', 'modal')}|{alt('auxiliaries', 'be_finite')}|"
                                   rf"{alt('auxiliaries', 'have')})\b", re.IGNORECASE),
        "be_start": re.compile(rf"(?:{be})\s"),
        "pp_before": re.compile(rf"\b(?:{alt('prepositions', 'object', 'attack')})\s+"
                                rf"(?:(?:{articles}|{alt('determiners', 'possessives')})\s+)?$", re.IGNORECASE),
        "of_head": re.compile(rf"\b(?:{alt('of_heads', file='sides.json')})\s+of\s+(?:the\s+)?$", re.IGNORECASE),
        "patient_pp": re.compile(rf"(?:{alt('prepositions', 'attack')})\b", re.IGNORECASE),
        "supply": re.compile(alt("supply_words", file="events.json"), re.IGNORECASE),
        "object_before": re.compile(rf"(?<![\w-])(?:{alt('object_verbs')})"
                                    rf"(?:\s+(?:{alt('adverbs', 'particles')}))?\s+(?:(?:{articles})\s+)?$",
                                    re.IGNORECASE),
        "gap_preposition": re.compile(rf"\b(?:{alt('prepositions', 'after_trigger')})\b"),
        "ends_of": re.compile(rf"\b(?:{alt('prepositions', 'trigger_end')})$"),
        "clause_hedge": re.compile(rf"\b(?:{alt('clause_hedges')})\b", re.IGNORECASE),
        "intent_earlier": re.compile(rf"\b(?:{alt('intent_earlier')})\b", re.IGNORECASE),
    })


@dataclass
class Item:
    """A place (or a word standing for one: "the village", "it") in a clause."""
    start: int
    end: int
    place: Place
    qualifier: bool = False     # locates the place before it: "in the Donetsk region"
    geography: bool = False     # a distance or bearing: "20 km south of X"
    locator: bool = False       # where the place before it is: "took A, near the town of B"
    bound: int | None = None    # pronouns: the trigger start they belong to


@dataclass
class Actor:
    start: int
    end: int
    side: str                   # RU | UA | enemy | own | bare ("assault groups": no side named)


def opposite(side: str | None) -> str | None:
    return {"RU": "UA", "UA": "RU"}.get(side or "")


def mark_items(text: str, items: list[Item], clause_start: int, triggers: list[Trigger] = ()) -> None:
    """Flag qualifiers and geography descriptions among the items of a clause; bind "X's capture"."""
    c = cues()
    for it in items:
        for t in triggers:
            if t.start - it.end >= 3 and text[it.end] in "'’" and _POSSESSIVE.fullmatch(text[it.end:t.start]):
                it.bound = t.start
    prev: Item | None = None
    for it in items:
        between = text[prev.end:it.start] if prev else ""
        if prev and not it.bound and _QUALIFIER.match(between):
            it.qualifier = True
        g = c["geography"].search(text[max(clause_start, it.start - 90):it.start])
        if g:                       # "20 km south of X" locates; "advanced 500 meters west of X" claims
            g_start = max(clause_start, it.start - 90) + g.start()
            it.geography = not any(t.end <= g_start and len(text[t.end:g_start].split()) <= 3 for t in triggers)
        if c["transfer_before"].search(text, max(clause_start, it.start - 90), it.start):
            it.geography = True     # "troops who fought in A were redeployed to B": where they went
        prev = it
    for k, it in enumerate(items):
        it.locator = _locates_another(text, items, k, triggers, clause_start)
    for it, nxt in zip(items, items[1:]):
        # "offensive operations northwest of A near B and C": A only says where B and C are
        if c["bearing_of"].search(text, max(clause_start, it.start - 40), it.start) \
                and c["located_by_next"].fullmatch(text, it.end, nxt.start):
            it.geography, nxt.qualifier = True, False      # B is no qualifier of A ("A in the area of B")
        # "attacked in the Lyman direction near B and C": the axis only says where B and C are; so does
        # a river where the place after it is said ("crossed the Oskil River near B")
        if c["axis_then_places"].fullmatch(text, it.end, nxt.start) or (
                it.place.kind == "river" and nxt.place.kind in ("settlement", None)
                and c["located_by_next"].fullmatch(text, it.end, nxt.start)):
            it.geography, nxt.qualifier, nxt.locator = True, False, False
    _mark_locating_regions(text, items)


def _mark_locating_regions(text: str, items: list[Item]) -> None:
    """"X, Donetsk region", "X (Bakhmut district, Donetsk region)", "the Kursk Oblast village of X": a
    region the places stage reads as where X lies says where, it is not a second target."""
    spans = [Span(it.start, it.end, it.place if it.place.kind == "region" and it.place.status != "unresolved"
                  else None) for it in items]
    for k, it in enumerate(items):
        if it.place.kind not in ("settlement", None):    # None: a village the gazetteer lacks
            continue
        for region in locating_regions(text, k, spans):
            for other in items:
                if other.place is region:
                    other.qualifier = True
                    if other.end <= it.start:
                        # "the X Oblast village of B": B is the place, X says where
                        it.locator = it.qualifier = False


def _locates_another(text: str, items: list[Item], k: int, triggers: list[Trigger], clause_start: int) -> bool:
    """"captured A in the X region, near the town of B": B only says where A is.  Not when the place before is
    a position, not the event's object ("near A, near B" is a list; "improved positions on the flank of A near B"),
    or a trigger stands between them."""
    it, loc = items[k], cues()["locator"]
    if k == 0 or it.bound is not None or it.qualifier or not loc.fullmatch(text[items[k - 1].end:it.start].lstrip()):
        return False
    j = k - 1
    while j > 0 and (items[j].qualifier or items[j].locator or items[j].geography):
        j -= 1
    head = items[j]
    if head.qualifier or head.locator or head.geography or head.place is it.place:
        return False
    if any(head.end <= t.start < it.start for t in triggers):
        return False
    return not cues()["positional_lead"].search(text[max(clause_start, head.start - 60):head.start].rstrip() + " ")


def chained(text: str, a: Item, b: Item) -> bool:
    return bool(_CHAIN.match(text[a.end:b.start]))


def _scope_end(text: str, t: Trigger, hi: int, item_starts: set[int]) -> int:
    """A trigger's reach stops at a comma that opens something else: ", push enemy troops", ", where"."""
    cont = cues()["scope_continuations"]
    for m in _COMMA.finditer(text[t.end:min(hi, len(text))]):
        at = t.end + m.end()
        if at in item_starts or cont.match(text, at):
            continue
        return t.end + m.start()
    return hi


def assign(text: str, triggers: list[Trigger], items: list[Item]) -> list[tuple[Trigger, list[Item]]]:
    """(trigger, governed items) pairs for one clause."""
    out: list[tuple[Trigger, list[Item]]] = []
    governed: set[int] = set()
    strong_scopes = []
    starts = {it.start for it in items}
    for i, t in enumerate(triggers):
        nxt = next((u.start for u in triggers[i + 1:] if t.rule.weak or not u.rule.weak), None)
        end = _scope_end(text, t, nxt if nxt is not None else len(text), starts)
        verb = _GERUND_SUBJECT.match(text, t.start, end) and _rx()["finite_after"].search(text, t.end, end)
        verb = verb if verb and text[t.end:verb.start()].strip() else None     # "Fighting was reported near X"
        # "Capturing A would allow them to attack B": a gerund subject's reach ends at its clause's verb
        strong_scopes.append((t.start, verb.start() if verb else end))
    passive_of = _passive_subjects(text, triggers, items)
    absorbed: set[int] = set()
    for i, t in enumerate(triggers):
        lo, hi = strong_scopes[i]
        nxt = triggers[i + 1] if i + 1 < len(triggers) else None
        if (t.rule.weak and any(not u.rule.weak and s_lo <= t.start < s_hi
                                for u, (s_lo, s_hi) in zip(triggers, strong_scopes) if u is not t)) \
                or (t.rule.role == "attempt" and nxt is not None and nxt.start - t.end <= 40) \
                or (nxt is not None and (t.rule.weak or not nxt.rule.weak)
                    and cues()["coordinated_triggers"].match(text[t.end:nxt.start])):
            absorbed.add(i)
            out.append((t, []))
            continue
        own = [k for k, it in enumerate(items) if it.bound == t.start and it.end <= t.start]
        if own:
            governed.update(own)
            out.append((t, [items[k] for k in own]))
            continue
        mine = [k for k, it in enumerate(items) if lo <= it.start < hi and not it.qualifier and not it.geography
                and not it.locator and passive_of.get(k, t.start) == t.start
                and (it.bound is None or it.bound == t.start)
                and not (t.event == "strike" and cues()["strike_source"].search(text[max(0, it.start - 12):it.start]))]
        governed.update(mine)
        out.append((t, [items[k] for k in mine]))
    for i, (t, mine) in enumerate(out):
        if mine or i in absorbed:
            continue
        before = [k for k, it in enumerate(items) if it.end <= t.start and (it.bound is None or it.bound == t.start)]
        if not before:
            continue
        k = before[-1]
        if items[k].qualifier or items[k].locator:   # "X in the Y region is under control": X, unless X is taken
            head = next((j for j in range(k - 1, -1, -1) if not items[j].qualifier and not items[j].locator), None)
            if head is not None and head not in governed:
                k = head
        if k in governed:
            shared = _shared_subject(text, triggers, out, i, items[k])
            if shared:
                out[i] = (t, shared)
            continue
        chain = [k]
        while chain[0] > 0 and chained(text, items[chain[0] - 1], items[chain[0]]) and chain[0] - 1 not in governed:
            chain.insert(0, chain[0] - 1)
        governed.update(chain)
        out[i] = (t, [items[j] for j in chain])
    return [(t, its) for t, its in out if its]


def _passive_subjects(text: str, triggers: list[Trigger], items: list[Item]) -> dict[int, int]:
    """Items that are the subject of a later passive trigger ("After fierce fighting, A and B were
    captured"), by index, with that trigger's start: an earlier trigger's reach does not take them."""
    out: dict[int, int] = {}

    def attached(it: Item) -> bool:
        """The item is an earlier trigger's own object or prepositional phrase ("driven out of A")."""
        return any(v.end <= it.start and _rx()["attached"].fullmatch(text, v.end, it.start) for v in triggers)
    for u in triggers[1:]:
        before = [k for k, it in enumerate(items) if it.end <= u.start]
        if not before:
            continue
        k = before[-1]
        gap = text[items[k].end:u.start]
        own_aux = not gap.strip() and _rx()["be_start"].match(text, u.start)      # the trigger is "was taken"
        verb = _rx()["word"].match(text, own_aux.end() if own_aux else u.start, u.end)
        if verb is None or not _rx()["participle"].search(verb.group(0)):
            continue                    # "A and the village is under our control": a copula, read as before
        if len(gap) > 40 or re.search(r"[,;:]", gap) or not (own_aux or _rx()["passive"].fullmatch(gap.lstrip())):
            continue
        if attached(items[k]):
            continue                    # "an attack on A was repelled": the attack is the subject
        chain = [k]
        while chain[0] > 0 and chained(text, items[chain[0] - 1], items[chain[0]]) and not attached(items[chain[0] - 1]):
            chain.insert(0, chain[0] - 1)
        out.update((j, u.start) for j in chain if j not in out)
    return out


def _shared_subject(text: str, triggers: list[Trigger], out: list, i: int, item: Item) -> list[Item]:
    """The places of an earlier trigger whose verb phrase this one's continues with the same subject
    ("X is almost surrounded and has come under shelling"), or [] if it does not."""
    t = triggers[i]
    for j in range(i - 1, -1, -1):
        u, theirs = out[j]
        if item not in theirs:
            continue
        gap = text[u.end:t.start]
        # the place must be the earlier verb's subject: right before it, nothing but a few words between
        lead = text[item.end:u.start] if item.end <= u.start else ","
        if ";" not in gap and "," not in lead and len(lead.split()) <= 4 \
                and cues()["elided_subject"].search(gap) and not any(u.end <= it.start < t.start for it in theirs):
            return list(theirs)
        if t.event in ("advance", "liberation") and u.end <= item.start and _AND_THEN.fullmatch(text, item.end, t.start) \
                and all(u.end <= it.start for it in theirs):
            # "counterattacked near X and regained lost positions": ground gained where they attacked
            return list(theirs)
        return []
    return []


# ---------------------------------------------------------------- actors

@cache
def _actor_scanner() -> tuple[Scanner, tuple[str, ...]]:
    s = sides()
    pats = [(side, rx) for side, rx in s["actors"]] + [("enemy", s["enemy"]), ("own", s["own"]), ("bare", s["bare"])]
    return Scanner([rx for _, rx in pats]), tuple(side for side, _ in pats)


def find_actors(text: str, start: int, end: int) -> list[Actor]:
    """The sides named as acting in text[start:end] ("Russian troops", "the enemy", "our units")."""
    scanner, labels = _actor_scanner()
    found = [Actor(s, e, labels[k]) for s, e, k in scanner.spans(text, start, end)]
    found.sort(key=lambda a: (a.start, -(a.end - a.start)))
    out: list[Actor] = []
    for a in found:
        if not out or a.start >= out[-1].end:
            out.append(a)
    return out


def _governed(text: str, lo: int, a: Actor) -> str | None:
    """"pp" when an actor is the object of a preposition ("into the enemy's defence", "losses on the formations
    of the AFU"), "patient" when a verb or a preposition of attack acts on it ("knocked the enemy out of",
    "losses on the AFU"), else None (a subject); "units of the X" is as free as its head noun."""
    start = a.start
    head = _rx()["of_head"].search(text, max(lo, start - 60), start)
    if head:
        start = head.start()
    if _rx()["object_before"].search(text, max(lo, start - 40), start):
        return "patient"
    pp = _rx()["pp_before"].search(text, max(lo, start - 30), start)
    if pp is None:
        return None
    return "patient" if _rx()["patient_pp"].match(pp.group(0)) else "pp"


def _subject(text: str, lo: int, actors: list[Actor]) -> tuple[Actor, bool] | None:
    """The acting side among actors before a trigger: the last one nothing governs; failing that, the last
    one, unless something acts on it ("knocked the enemy out of X and advanced": not the enemy's advance)."""
    kinds = [_governed(text, lo, a) for a in actors]
    free = [a for a, k in zip(actors, kinds) if k is None]
    if free:
        return free[-1], True
    named = [(a, k) for a, k in zip(actors, kinds) if a.side != "bare"]   # unnamed units acted on say nothing
    if not named:
        return None
    return named[-1][0], named[-1][1] != "patient"


def frame_actors(text: str, frame: tuple[int, int], place_starts: set[int] | frozenset[int] = frozenset()) -> list[Actor]:
    """The sides named in a frame that may act in it: not the subject of a reporting verb ("..., the
    Ukrainian brigade reported, ..."), which speaks, nor a capital the place finder read as the city
    ("a train from Kyiv to Kharkiv"), not its government."""
    speaks_after = _rx()["speaks_after"]
    return [a for a in find_actors(text, frame[0], frame[1])
            if a.start not in place_starts and not speaks_after.match(text, a.end, min(len(text), a.end + 40))]


def actor_of(text: str, t: Trigger, clause: tuple[int, int], frame: tuple[int, int],
             item: tuple[int, int] | None = None, every: list[Actor] | None = None) -> tuple[Actor, bool] | None:
    """The side mentioned as acting in trigger t, and whether it is the agent (False: the patient).
    ``every``: frame_actors(text, frame), when the caller has it (it asks of many triggers in a frame)."""
    cs, ce = clause
    if every is None:
        every = frame_actors(text, frame)
    actors = [a for a in every if a.side != "bare"]       # unnamed units count only as a subject
    before = [a for a in every if cs <= a.start and a.end <= t.start]
    reach = item[0] if item and item[0] >= t.end else t.end + 40
    after = [a for a in actors if t.end <= a.start < min(ce, reach) and len(_rx()["word"].findall(text, t.end, a.start)) <= 5
             and not _rx()["gap_preposition"].search(text[t.end:a.start])]
    ttext = text[t.start:t.end]
    words = [w for w in ttext.split() if not _rx()["aux_word"].fullmatch(w)] or [""]
    participle = _rx()["participle"].search(words[-1]) or _rx()["participle"].search(words[0])      # "driven out of"
    inside_passive = (t.rule.role != "flag" and participle
                      and (_rx()["passive"].search(text[cs:t.start]) or _rx()["be_start"].match(ttext)))
    if inside_passive:
        # "by the enemy", "by units of the Tsentr group"
        by = [a for a in after if re.match(r"^\s*by\s+(?:the\s+)?(?:\w+\s+of\s+(?:the\s+)?)?[‘’'\"“”«]?$", text[t.end:a.start])]
        if by:
            return by[0], True
        named = [a for a in before if a.side != "bare"]
        if named:
            return named[-1], False
        owner = _rx()["side_attacks"].search(text, cs, t.start) if t.rule.role == "defend" else None
        if owner and (side := side_words(owner.group(1))) in ("RU", "UA"):
            return Actor(owner.start(1), owner.end(1), side), False    # "Russian attacks on X were repulsed"
        return None
    adjacent = before and _ADJACENT.fullmatch(text[before[-1].end:t.start])
    found = (before[-1], True) if adjacent else _subject(text, cs, before)   # "enemy attacks", "Russian troops advancing"
    if found:
        subject, agent = found
        between = text[subject.end:t.start]
        victim = cues()["victim"].search(between)
        # "enemy attacks repelled": the side owns the attacks, a passive without its auxiliary
        attacks = t.rule.role == "defend" and cues()["attack_nouns"].search(between)
        return subject, agent and not victim and not attacks
    # "Russian attacks near X failed": the side the attack noun's own adjective names is the attacker
    own = _rx()["side_attacks"].search(text, max(cs, t.start - 40), t.end)
    if own and own.end() == t.end and (side := side_words(own.group(1))) in ("RU", "UA"):
        return Actor(own.start(1), own.end(1), side), True
    inside = [a for a in actors if t.start <= a.start and a.end <= t.end]
    if inside and t.rule.role == "flag":
        return inside[0], True
    if after:
        a = after[0]
        gap = text[t.end:a.start]
        ends_of = _rx()["ends_of"].search(text[t.start:t.end])
        if (re.match(r"^\s*(?:by|of)\s+(?:the\s+)?$", gap) or (ends_of and re.match(r"^\s*(?:the\s+)?$", gap))) \
                and not _rx()["supply"].search(text[t.start:t.end]):
            return a, True
        if _rx()["lead_participle"].match(text[cs:t.start]):
            return a, True
        return a, False
    if _rx()["lead_participle"].match(text[cs:t.start]):
        later = [a for a in actors if a.start >= t.end and "," in text[t.end:a.start]]
        if later:
            return later[0], True
    # a clause with no subject of its own ("..., and advanced near X") has that of the clause before
    return _subject(text, frame[0], [a for a in every if a.end <= cs])


# ---------------------------------------------------------------- cues

def _unverified(text: str, t: Trigger, clause: tuple[int, int]) -> re.Match | None:
    """"could not confirm the capture of X": a verification hedge before the trigger, in its clause."""
    lo = max(clause[0], t.start - 90)
    low = text[lo:t.start].lower()
    if "confirm" not in low and "verif" not in low:
        return None
    return next(cues()["verification_hedge"].finditer(text, lo, t.start), None)


def negated(text: str, t: Trigger, clause: tuple[int, int], failure: Trigger | None = None) -> bool:
    """Whether the clause denies t's event; the words of a failure cue ("failed to take X") are the
    event itself, not its denial."""
    c = cues()
    lo = max(clause[0], t.start - 30)
    if failure is not None and lo <= failure.end <= t.start:
        lo = failure.end
    near = text[lo:t.start]
    neg = c["negations"].search(near)
    if neg and c["goes_on_negated"].match(near, neg.start()):
        neg = None                      # "does not stop trying to storm X": the event goes on
    if neg and not re.search(r"\bnot only\b", near):
        v = _unverified(text, t, clause)            # not confirming a capture is doubting it, not denying it
        if v is None or any(lo + n.end() <= v.start() or lo + n.start() >= v.end()
                            for n in c["negations"].finditer(near)):
            return True
    words = text[clause[0]:clause[1]]
    for key in ("denied_by", "denied_which"):   # "..., a claim denied by Kyiv": Kyiv's denial, a follow-up's
        m = c[key].search(words)
        words = words[:m.start()] if m else words
    return bool(c["denials"].search(words))


def hedged(text: str, t: Trigger, clause: tuple[int, int]) -> bool:
    c = cues()
    if _unverified(text, t, clause):
        return True
    if _rx()["clause_hedge"].search(text[clause[0]:clause[1]]):
        return True
    # a hedge before the trigger, or an adverb inside it ("has probably fallen")
    if c["hedges"].search(text[max(clause[0], t.start - 60):t.start]) or c["hedges"].search(text[t.start:t.end]):
        return True
    return bool(c["hedge_after"].search(text[t.end:min(clause[1], t.end + 25)]))


def intended(text: str, t: Trigger, clause: tuple[int, int], sentence_start: int) -> bool:
    c = cues()
    if c["intent"].search(text[clause[0]:t.start]):
        return True
    # "Russia insists on the withdrawal from X": a demand, though "insists" opened the clause as a report
    if c["intent_on"].search(text, sentence_start, t.start):
        return True
    return bool(_rx()["intent_earlier"].search(text[sentence_start:clause[0]]))


def attempt_before(text: str, triggers: list[Trigger], t: Trigger) -> bool:
    """An attempt just before t ("tried to take X"), also inside a stopping trigger ("stopped 27 attempts
    by the aggressor to advance near X": the advance is what was attempted, and stopped)."""
    return any(u.end <= t.start and t.start - u.end <= 40
               and (u.rule.role == "attempt" or (u.rule.role == "defend" and cues()["attempt_end"].search(text, u.start, u.end)))
               for u in triggers)


def partial(text: str, t: Trigger, it: Item, clause: tuple[int, int]) -> bool:
    """Whether a capture trigger covers only part of the place: "part of", "89 percent of", "settlements in"."""
    c = cues()
    lo, hi = (t.end, it.start) if t.end <= it.start else (it.end, t.start)
    gap = text[lo:hi]
    exp = list(c["expansive"].finditer(gap))
    if exp:
        gap = gap[exp[-1].end():]
    lead = text[max(clause[0], it.start - 30):it.start]
    own = text[it.start:it.end] if it.start != it.place.start else ""      # "the industrial area" of X
    # a place before its trigger: the trigger's own object may say how much ("... and regained several streets")
    obj = " ".join(text[t.end:min(clause[1], t.end + 40)].split()[:3]) if it.end <= t.start else ""
    if any(c["partial"].search(s) for s in (gap, lead, text[t.start:t.end], own, obj)):
        return True
    if c["nearly_before"].search(text, max(clause[0], t.start - 30), t.start) \
            or c["share_before"].search(text, max(clause[0], it.start - 50), it.start):
        return True                                     # "have almost completely captured X", "half of X"
    return it.place.kind == "region" and bool(c["container"].search(gap) or c["container"].search(lead))


@cache
def _split_scanner() -> Scanner:
    return Scanner([cues()["clause_splits"]])


def _topic(text: str, start: int, end: int, place_ends: dict[int, int]) -> bool:
    """text[start:end] names places and nothing else: a digest's topic ("- Ternivka – liberated")."""
    return names_only(text, start, end, place_ends, cues()["topic_filler"])


def locative_item(text: str, start: int, end: int, place_ends: dict[int, int]) -> bool:
    """text[start:end] is a verbless item of a list of where an event happened: locatives, bearings and
    places only ("; northeast of A near B;", "; and near C on November 19 and 20")."""
    c = cues()
    return bool(c["colon_list"].match(text, start, end) or _BEARING_LEAD.match(text, start, end)) \
        and names_only(text, start, end, place_ends, c["locative_filler"])


_BEARING_LEAD = re.compile(r"[\s;,]*(?:and\s+)?(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of\b",
                           re.IGNORECASE)        # "; northeast of X near Y": a bearing opens the item


def names_only(text: str, start: int, end: int, place_ends: dict[int, int], filler: re.Pattern) -> bool:
    """text[start:end] is made of places and of what filler matches around them, and names a place."""
    pos, named = start, False
    while True:
        pos = filler.match(text, pos, end).end()
        if pos in place_ends and place_ends[pos] <= end:
            pos, named = place_ends[pos], True
        else:
            return named and pos >= end


def clause_spans(text: str, start: int, end: int, place_starts: set[int],
                 place_ends: dict[int, int] | None = None) -> list[tuple[int, int]]:
    """Split text[start:end] into clauses on semicolons, dashes, but/while/although, ", and <clause>".

    A dash after a topic made only of place names (``place_ends``: start -> end) does not split:
    what follows it is said of those places.
    """
    cuts = [(s, e, text[s:e]) for s, e, _ in _split_scanner().spans(text, start, end)]
    asides = [m.span() for m in _rx()["dash_aside"].finditer(text, start, end)]   # "X – according to Y – ..."
    if asides:
        cuts = [c for c in cuts if not any(a <= c[0] < b for a, b in asides)]
    if place_ends:
        cuts = [c for c in cuts if c[2].strip() not in ("–", "—", "-") or not _topic(text, start, c[0], place_ends)]
    for m in cues()["relative_resume"].finditer(text, start, end):   # "X, which ..., has been captured"
        cuts.append((m.start(1), m.end(1), ","))
    for m in _COMMA_AND.finditer(text[start:end]):
        nxt = start + m.end()           # ", and Marivka" continues a list; ", and the enemy ..." opens a clause
        if nxt not in place_starts and not cues()["list_goes_on"].match(text[nxt:end]):
            cuts.append((start + m.start(), nxt, m.group(0)))
    spans, cur = [], start
    for cut_start, cut_end, word in sorted(cuts):
        if cut_start < cur:
            continue
        spans.append((cur, cut_start))
        cur = cut_start if word.strip(" ,").lower().startswith(("but", "while", "although")) else cut_end
    spans.append((cur, end))
    return [(s, e) for s, e in spans if e > s and text[s:e].strip(" ,;–—-")]


def clause_triggers(text: str, clause: tuple[int, int]) -> list[Trigger]:
    ts = find_triggers(text, *clause)
    return [t for t in ts if t.rule.needs is None or t.rule.needs.search(text[clause[0]:clause[1]])]
