"""Who says what: speakers, quotations and the attribution frames of a sentence.

A *frame* is a span of report text and the speaker it belongs to.  Text that
nobody is said to have said belongs to the outlet.  Frames come from
quotations (“...,” X said / X: “...” / a quote continued over paragraphs),
from reporting verbs (X said that ..., ..., X reported., according to X, ...),
from "Source: X" lines of wire-style pages, from header lines that name a
speaker over the list or paragraphs below them ("X reports:", "According to X,
over the past day:", "Summary from X:"; header_speaker), and carry on to the
next sentence of the same paragraph while reported speech goes on.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache

from frontmap.claims.gates import gate_all
from frontmap.claims.lexicon import alternation as alt
from frontmap.claims.lexicon import both_sides_named, cues, find_triggers, known_claimant, perspective, side_words
from frontmap.text.sentences import Sentence

_PRONOUNS = {"he", "she", "they", "it", "him", "her"}
_FIRST_PERSON = {"i", "we", "you", "one", "us"}
_DETERMINERS = {"The", "A", "An", "This", "That", "These", "Those", "Its", "Their", "His", "Her", "Our", "Some",
                "Many", "Several", "Both", "All", "Each", "One", "Any", "Other", "Another", "Such", "No"}
_NOT_GIVEN_NAME = {"Republic", "President", "Minister", "General", "Staff", "Forces", "Defence", "Defense", "Chief",
                   "Mr", "Mrs", "Ms", "Dr", "Colonel", "Commander", "Gen", "Lt", "Col", "Governor", "Head", "Mayor",
                   "Oblast", "Region", "Ukraine", "Russia", "Army", "Guard", "Speaker", "Spokesman"}


@cache
def _rx() -> dict[str, re.Pattern]:
    """This module's regexes, built once from the word lists of data/claims/cues.json."""
    edged = r"(?<![\w-])(?:{})(?![\w-])"
    aux = alt("auxiliaries", "be_finite", "have", "had")
    tail = rf"{alt('adverbs', 'speaker_tail')}|{aux}|on \w+(?: \d+| of \w+(?: \w++)*)?|in a \w+ \w+"
    return gate_all({
        "role": re.compile(edged.format(alt("roles", "speakers", "organisations")), re.IGNORECASE),
        "org_role": re.compile(edged.format(alt("roles", "organisations", "organisation_extra")), re.IGNORECASE),
        "spokes": re.compile(edged.format(alt("roles", "spokespeople")), re.IGNORECASE),
        "collective": re.compile(edged.format(alt("roles", "collectives")), re.IGNORECASE),
        "document": re.compile(edged.format(alt("roles", "documents")), re.IGNORECASE),
        # "the General Staff's morning report": the report speaks for its owner
        "owned_document": re.compile(rf"['’]s?\s+(?:[\w-]+\s+){{0,2}}(?:{alt('roles', 'documents', 'information')})s?$",
                                     re.IGNORECASE),
        # "(according to) the information of the channel", "data from the ministry": the source is after it
        "document_of": re.compile(rf"^(?:the\s+)?(?:[\w-]+\s+){{0,2}}?(?:{alt('roles', 'documents', 'information')})s?"
                                  rf"\s+(?:of|from|by)\s+(?=\S)", re.IGNORECASE),
        # "the General Staff in its update as of 08:00": where the speaker said it is no part of the name
        "in_document": re.compile(rf"\s+(?:in|on)\s+(?:its|his|her|their|a|an|the)\s+(?:[\w:-]+\s+){{0,3}}?"
                                  rf"(?:{alt('roles', 'documents')})s?(?:\s+(?:as of|on|at|dated|for|from)\s+[^,]*)?$",
                                  re.IGNORECASE),
        # case-sensitive: "May" or "Will" in a name is no auxiliary
        "aux": re.compile(edged.format(f"{aux}|{alt('auxiliaries', 'modal', 'be_base', 'do')}")),
        "tail": re.compile(rf"(?:(?>\s+(?:{tail})))+\s*$", re.IGNORECASE),     # atomic: no re-splitting
        "leading_junk": re.compile(rf"^(?:(?:{alt('clause_words', 'speaker_lead')})\b|[-–—]|\W)+\s*",
                                   re.IGNORECASE),
        "name_joiner": re.compile(rf"\b(?:{alt('name_joiners')})\s+$"),
        "not_speaker": re.compile(rf"(?:{alt('prepositions', 'speaker_start')})\b", re.IGNORECASE),
        "relative_end": re.compile(rf",?\s*\b(?:{alt('clause_words', 'speaker_relative')})$"),
        "according_np": re.compile(rf"{cues()['according_to'].pattern}\s+(.+?)\s*[,:]\s*$", re.IGNORECASE),
        **_header_rx(),
    })


def _header_rx() -> dict[str, re.Pattern]:
    """The shapes of a header line (see 'headers' in data/claims/cues.json), each with its group np."""
    digest = rf"(?:(?>(?:{alt('headers', 'digest_modifiers')})\s+))*(?:{alt('headers', 'digests')})(?![\w-])"
    tail = rf"(?P<tail>(?:,|\s+(?:{alt('headers', 'digest_tail')})(?![\w-])).{{0,80}}?)?\s*:\s*$"
    article = rf"(?:(?:{alt('determiners', 'articles', 'possessives')})\s+)?"
    flags = re.IGNORECASE
    return {
        "head_according": re.compile(rf"^(?:.{{0,120}}?[\s,])?(?:{alt('according_to')})\s+(?P<np>.{{2,160}}?)\s*:\s*$",
                                     flags),
        "head_verb": re.compile(rf"^(?P<np>.{{2,140}}?)\s+(?P<verb>{alt('reporting_verbs')})(?![\w-])"
                                rf"(?P<tail>\s+.{{1,80}}?)?\s*:\s*$", flags),
        "head_digest_of": re.compile(rf"^{article}{digest}\s+(?:{alt('headers', 'digest_of')})\s+"
                                     rf"(?P<np>.{{2,120}}?){tail}", flags),
        "head_digest_owner": re.compile(rf"^(?:(?:{alt('headers', 'digest_lead')})\s+)?(?P<np>.{{2,120}}?)"
                                        rf"(?:['’]s?)?\s*[,–—-]?\s+{article}{digest}{tail}", flags),
        "head_bare": re.compile(r"^(?P<np>[^:,]{2,80}?)(?:,\s*(?P<when>[^:,]{1,40}))?\s*:\s*$"),
        "head_topic": re.compile(rf"^(?P<np>.{{2,80}}?)\s+(?:{alt('headers', 'topic_of')})\s+.{{2,120}}:\s*$", flags),
        "head_cut": re.compile(rf",|\s+(?:{alt('headers', 'digest_tail')})(?![\w-])", flags),
        "article": re.compile(alt("determiners", "articles", "possessives"), flags),
    }


@dataclass(frozen=True)
class Speaker:
    text: str
    side: str                 # RU | UA | third | outlet
    hedged: bool = False      # impersonal attribution: "amid reports that ..."
    denies: bool = False      # spoke with a denial verb: "X denied that ..."
    guessed: bool = False     # side not named by the words (a fallback): the claim itself may tell
    admits: bool = False      # spoke with an admission verb: "..., the commander admitted"
    silent: bool = False      # a negated claim verb: "Moscow has not (yet) claimed X's capture" claims nothing

    @property
    def is_outlet(self) -> bool:
        return self.side == "outlet"


OUTLET = Speaker("the outlet", "outlet")


@dataclass
class Frame:
    start: int
    end: int
    speaker: Speaker
    outer: Speaker | None = None      # the speaker whose words contain this frame (nested attribution)
    explicit: bool = False            # named in this sentence (not carried over)
    carry: bool = False               # reported speech that may go on in the next sentence
    anchor: tuple[int, int] | None = None   # the place an appositive frame describes


@dataclass
class DocContext:
    text: str
    place_spans: list[tuple[int, int]]
    lean: str | None = None           # the outlet's own point of view, from its wording
    last_speaker: Speaker | None = None
    source: Speaker | None = None
    quotes: list[tuple[int, int, Speaker | None]] = field(default_factory=list)
    history: list[Speaker] = field(default_factory=list)    # speakers named so far, in order
    pending: list[tuple[int, int, Sentence]] = field(default_factory=list)  # quotations not yet reached

    def said(self, sp: Speaker) -> None:
        """sp spoke (the last speaker named, which "he" or "the ministry" may point back to)."""
        self.last_speaker = sp
        if not self.history or self.history[-1] != sp:
            self.history.append(sp)

    def places_within(self, start: int, end: int) -> list[tuple[int, int]]:
        """Place spans lying inside text[start:end] (place_spans is sorted)."""
        i = bisect_left(self.place_spans, (start, -1))
        out = []
        while i < len(self.place_spans) and self.place_spans[i][0] < end:
            if self.place_spans[i][1] <= end:
                out.append(self.place_spans[i])
            i += 1
        return out


# ---------------------------------------------------------------- speakers

def _display(np: str, span: tuple[int, int] | None, person: bool) -> str:
    """How a speaker is named: the person's name, or the phrase without its appositions."""
    if span and person:
        before = np[:span[0]].split()
        name = np[span[0]:span[1]]
        if before and before[-1][:1].isupper() and before[-1].strip(",") not in _NOT_GIVEN_NAME and len(name.split()) == 1:
            name = f"{before[-1]} {name}"
        return name
    parts = [p.strip() for p in np.split(",") if p.strip()]
    for p in parts:
        toks = p.split()
        if len(toks) >= 2 and all(t[:1].isupper() for t in toks) and not _rx()["role"].search(p):
            return p
    first = parts[0] if parts else np
    toks = first.split()
    run = 0
    for t in reversed(toks):
        if t[:1].isupper() and t not in _DETERMINERS:
            run += 1
        else:
            break
    # "drone unit commander Oleh Marchenko" is the name; "the governor of Kharkiv Oblast" is no one's name
    if 2 <= run < len(toks) and toks[-run - 1].islower() and not _rx()["role"].search(" ".join(toks[-run:])) \
            and toks[-run - 1] not in _OWNER_PREPOSITIONS:
        return " ".join(toks[-run:])
    return first.strip(" ,")


_OWNER_PREPOSITIONS = ("of", "for", "in", "at", "from")     # "the governor of X": X is whose governor


_LEAD_IN = re.compile(r"(?i:in|at)\s+(?=(?:the\s+)?[A-Z])")
_ENEMY = re.compile(r"(?:the\s+)?enemy(?:'s|’s)?(?:\s+\w+)?", re.IGNORECASE)
_BRACKETED = re.compile(r"\s*[\[(][^\])]*[\])]")
_NAME = re.compile(r"(?<![\w’'-])[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+){1,2}(?![\w’'-])")


def _person_name(np: str, skip: tuple[int, int]) -> str | None:
    """A person's name in a speaker phrase, outside the organisation named at skip:
    "drone unit commander Oleh Marchenko of the National Guard" -> "Oleh Marchenko"."""
    for m in _NAME.finditer(np):
        if (m.start() < skip[1] and skip[0] < m.end()) or _rx()["name_joiner"].search(np[:m.start()]):
            continue                    # "Center for Countering Disinformation" is an organisation's name
        toks = m.group(0).split()
        if any(t in _NOT_GIVEN_NAME or t in _DETERMINERS or side_words(t) or _rx()["role"].fullmatch(t) for t in toks):
            continue
        return m.group(0)
    return None


def clean_np(np: str) -> str:
    """The noun phrase a reporting verb follows, without lead adverbials, labels and auxiliaries."""
    c = cues()
    np = c["dateline"].sub("", c["labels"].sub("", np.strip()))
    prev = None
    while prev != np:
        prev = np
        np = c["lead_adverbial"].sub("", np)
        np = _rx()["leading_junk"].sub("", np)
    np = _rx()["tail"].sub("", np)
    if "(" in np or "[" in np:                  # every bracketed aside opens with one
        np = _BRACKETED.sub("", np)
    np = np.strip(" ,;:")
    return np


def _registered(np: str) -> bool:
    """The whole phrase is a registry alias of no person ("Tavria", a grouping named like a village): it
    speaks, whatever the gazetteer holds under the name."""
    known = known_claimant(np)
    bare = re.sub(r"^\s*(?:the\s+)?", "", np, flags=re.IGNORECASE).strip(" ,.")
    return known is not None and known[0].type != "person" and known[2] - known[1] >= len(bare)


def make_speaker(np_raw: str, np_start: int, content: str, ctx: DocContext,
                 here: Speaker | None = None) -> Speaker | None:
    """A speaker from the phrase before a reporting verb, or None if it does not name one."""
    c = cues()
    np = clean_np(np_raw)
    if not np or len(np.split()) > 30 or np.lower() in _FIRST_PERSON:
        return None
    # each document pattern holds a word it needs: looked for first (most phrases hold none)
    if "'" in np or "’" in np:
        np = _rx()["owned_document"].sub("", np) or np
    spaced = f" {' '.join(np.lower().split())} "
    if " of " in spaced or " from " in spaced or " by " in spaced:
        np = _rx()["document_of"].sub("", np) or np
    if " in " in spaced or " on " in spaced:
        np = _rx()["in_document"].sub("", np) or np
    lead_in = _LEAD_IN.match(np)
    if lead_in and (k := known_claimant(np[lead_in.end():])) and k[1] <= 4:
        np = np[lead_in.end():]         # "reported in the Ministry of Defense": machine-translated Russian
    if _rx()["not_speaker"].match(np):
        return None
    if all(c["function_words"].fullmatch(w.lower().strip(",.")) for w in np.split()):
        return None
    enemy = _ENEMY.fullmatch(np)
    if enemy:
        own = here.side if here and here.side in ("RU", "UA") else ctx.lean
        side = {"RU": "UA", "UA": "RU"}.get(own or "")
        return Speaker(np, side) if side else None
    offset = np_start + np_raw.find(np) if np in np_raw else np_start
    inside = ctx.places_within(offset, offset + len(np))
    if any(s <= offset and offset + len(np) <= e + 1 for s, e in ctx.places_within(offset - 80, offset + len(np) + 1)) \
            and not _registered(np):
        return None                                    # "reported by <place>" is not a speaker
    aux = _rx()["aux"].search(np)
    if aux:
        rest = np[aux.start():]
        np = _rx()["relative_end"].sub("", np[:aux.start()].strip(" ,")).strip(" ,")
        if not np or find_triggers(rest):
            return None
    low = np.lower()
    known = known_claimant(np)
    if (known and known[0].type == "state" and np[known[2]:].strip(" ’'s")
            and not _rx()["role"].search(np[known[2]:])) \
            or (not known and c["topic_heads"].fullmatch(np.split()[-1].lower() if np.split() else "")):
        return None                 # "Ukraine war", "Russia-Ukraine war": a topic, not a speaker
    if known:
        k, s, e = known
        if k.type == "person" and (re.match(r"['’]s\s+\w", np[e:]) or re.search(r"['’]s$", np[s:e]) and np[e:].strip()):
            # "Syrskyi's deputy, Ivan Petrenko": the person's aide speaks, for the person's side
            return Speaker(_display(np, None, False), k.side)
        person = _person_name(np, (s, e)) if k.type != "person" else None
        shown = person or _display(np, (s, e), k.type == "person")     # "X of the National Guard"
        if not person and k.type != "person" and shown in np[s:e] and shown != np[s:e]:
            shown = np[:e] if len(np[:s].split()) <= 1 else np[s:e]    # not "Russian Federation" of its name
        # The phrase's own national modifier outranks a registry entry of the other side:
        # "Ukraine's Eastern Group of Forces" is not Russia's Eastern (Vostok) group.
        own = side_words(np[:s]) if s else None
        side = own if own in ("RU", "UA") and k.side in ("RU", "UA") and own != k.side else k.side
        if side != k.side and np[:s].strip() and np[:s].strip() not in shown:
            shown = np[:e].strip()
        return Speaker(shown, side)
    words = low.split()
    bare_role = (words[0] in ("the", "this", "that", "its", "their") and len(words) <= 4 and _rx()["role"].search(np)
                 and not any(w[:1].isupper() for w in np.split()[1:] if side_words(w) is None))
    # "its spokesman", "their press service": who speaks for the body last named ("their commander" may be
    # the troops' just named, and is read as any bare role)
    owned = bare_role and words[0] in ("its", "their") and bool(_rx()["spokes"].search(np)) \
        and ctx.last_speaker is not None and not _is_person(ctx.last_speaker)
    if low in _PRONOUNS or bare_role:
        named = side_words(np)
        last = _antecedent(ctx, np, named) if bare_role and not owned else ctx.last_speaker
        if low in ("he", "she"):
            last = _person_before(ctx, np_start, last) or last
        if last is None:
            side = named or perspective(content)
            return Speaker(np, side or ctx.lean or "third", guessed=side is None)
        return Speaker(last.text, named or last.side, guessed=last.guessed and not named)
    role = _rx()["role"].search(np)     # asked first: a role word spares the phrase's trigger scan
    if inside and not role:
        return None                                    # "as well as near X and Y" is not a speaker
    if not role and any(not t.rule.weak for t in find_triggers(np)):
        return None                                    # "Russian units continue to advance" is not a speaker
    has_name = any(t[:1].isupper() and t not in _DETERMINERS and not c["function_words"].fullmatch(t.lower())
                   for t in np.split())
    if not (role or side_words(np) or has_name):
        return None
    side = "third" if both_sides_named(np) else side_words(np) or perspective(content)
    fallback = ctx.lean or (ctx.last_speaker.side if ctx.last_speaker else "third")
    return Speaker(_display(np, None, False), side or fallback, guessed=side is None)


_PERSON_WINDOW = 400
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|«[^»]*»")


def _person_before(ctx: DocContext, at: int, last: Speaker | None) -> Speaker | None:
    """The person "he" or "she" at ``at`` points to when the last speaker is no person (none, or a body:
    "the ministry") and the sentences just before name one the registry knows ("Shoigu visited the
    front. “...,” he said"); a name quoted there is someone's words, not the antecedent."""
    if last is not None and _is_person(last):
        return None                 # "Petrenko, Syrskyi's deputy, said ... He added": the speaker himself
    window = _QUOTED.sub(" ", ctx.text[max(0, at - _PERSON_WINDOW):at])
    for chunk in reversed(re.split(r"(?<=[.!?])\s+", window)):
        known = known_claimant(chunk)
        if known and known[0].type == "person":
            if last is not None and known[0].name == (known_claimant(last.text) or (None,))[0]:
                return None
            sp = make_speaker(chunk[known[1]:known[2]], at, "", ctx)
            return sp if sp is not None and not sp.is_outlet else None
    return None


def _is_person(sp: Speaker) -> bool:
    """sp names a person, not a body: a registry person, or a phrase with no organisation word."""
    known = known_claimant(sp.text)
    if known:
        return known[0].type == "person"
    return not _rx()["collective"].search(sp.text) and not sp.is_outlet


_HEADER_TAIL_WORDS = 8


def header_speaker(line: str, start: int, ctx: DocContext) -> Speaker | None:
    """The speaker a header line names: a line ending with a colon over the list or paragraphs below it
    ("X reports:", "X wrote on Telegram:", "According to X, over the past day:", "Over the past day,
    according to X:", "Summary from X:", "X, front summary for 20 November:", "From X's daily briefing:",
    "X:"), or None if it names nobody ("Key developments:", "Over the past day:").  Without a reporting verb, or with one that may be a noun
    ("Daily report:"), X must name a known claimant or a role of a side.  Nobody's reports ("It is
    reported:", "According to unconfirmed reports:") are the outlet's, hedged."""
    rx, c = _rx(), cues()
    if c["impersonal_attribution"].match(line):
        return Speaker(OUTLET.text, OUTLET.side, hedged=True)

    def speaker(np: str, at: int) -> Speaker | None:
        sp = make_speaker(np, at, "", ctx)
        return sp if sp is not None and not sp.is_outlet else None

    m = rx["head_according"].match(line)
    if m:                   # "According to X, over the past day:" / "Over the past day, according to X:"
        np = m.group("np")
        sp = next((sp for part in dict.fromkeys((np.split(",")[0], np))
                   if (sp := speaker(part, start + m.start("np")))), None)
        if sp:
            return sp
    verb = rx["head_verb"].match(line)
    if verb and not _quiet_tail(verb.group("tail")):
        verb = None
    # a verb that may be a noun ("report", "claims") is read after the digest shapes ("X morning report:")
    noun = bool(verb and c["noun_like_verbs"].fullmatch(verb.group("verb")))
    shapes = [(rx[key].match(line), key in ("head_bare", "head_topic"))
              for key in ("head_digest_of", "head_digest_owner", "head_bare", "head_topic")]
    bare = shapes[2][0]
    if bare and bare.group("when") and not all(w.isdigit() or c["time_words"].fullmatch(w)
                                               for w in re.findall(r"\w+", bare.group("when"))):
        shapes[2] = (None, True)        # "Ukrainian General Staff, 21 November:", not "X, Y and Z:"
    for m, alone in ([] if noun else [(verb, None)]) + shapes + ([(verb, False)] if noun else []):
        if m is None:
            continue
        np = _digest_source(line[m.start("np"):].rstrip().rstrip(":")) if m is shapes[0][0] else m.group("np")
        if not np or (alone is not None and not _names_speaker(np, alone)):
            continue
        sp = speaker(np, start + m.start("np"))
        if sp and m is verb and c["denial_verbs"].fullmatch(m.group("verb")):
            sp = Speaker(sp.text, sp.side, sp.hedged, denies=True, guessed=sp.guessed)
        if sp:
            return sp
    return None


def _quiet_tail(tail: str | None) -> bool:
    """What follows a header's reporting verb ("on Telegram", "in its morning update") says where or when,
    not what: a few words, no event, no "that" clause."""
    if not tail:
        return True
    return len(tail.split()) <= _HEADER_TAIL_WORDS and not re.match(r"\s*that\b", tail, re.IGNORECASE) \
        and not any(not t.rule.weak for t in find_triggers(tail))


def _digest_source(rest: str) -> str | None:
    """Who a digest is from, in what follows "Summary from": up to the end of the known claimant it
    names ("the General Staff of the Armed Forces of Ukraine as of 08:00"), else the shortest phrase
    before a comma or a tail word that names a speaker ("the Ministry of Defense of Russia on ...")."""
    known = known_claimant(rest)
    if known:
        return rest[:known[2]]
    ends = [m.start() for m in _rx()["head_cut"].finditer(rest)] + [len(rest)]
    return next((rest[:e] for e in ends if e and _names_speaker(rest[:e])), None)


def _names_speaker(np: str, alone: bool = False) -> bool:
    """np names a known claimant (alone: with nothing but articles, roles and sides around it, "The
    Ukrainian General Staff", "Military blogger Rybar"), or a role of a side ("Ukrainian military
    sources"); "Daily", "Key developments" or "Ukrainian losses" name nobody."""
    np = clean_np(np)
    known = known_claimant(np)
    if known:
        rx = _rx()
        return not alone or all(rx["article"].fullmatch(w) or rx["role"].fullmatch(w) or side_words(w)
                                for w in (np[:known[1]] + " " + np[known[2]:]).split())
    return not alone and bool(_rx()["role"].search(np)) and side_words(np) is not None


def _antecedent(ctx: DocContext, np: str, named: str | None) -> Speaker | None:
    """The speaker "the ministry" / "the Ukrainian military" points back to: the latest one named with
    that organisation word (and of that side, if it names one), else the last speaker if its side fits.
    Words for people ("the spokesman") point to the last speaker: a person is named many ways."""
    heads = [w.lower() for w in _rx()["org_role"].findall(np)]
    bodies = [w.lower() for w in _rx()["collective"].findall(np) if w.lower() not in heads]
    for sp in reversed(ctx.history[-12:]):
        if (heads or bodies) and (heads or bodies)[-1] in sp.text.lower() and named in (None, sp.side):
            return sp
    if bodies and not heads:
        return None                 # "the brigade's spokesman" is no earlier speaker not named by "brigade"
    if heads and ctx.last_speaker is not None and not _rx()["org_role"].search(ctx.last_speaker.text):
        return None                 # "the ministry" is not "Russian troops" or the country named before it
    last = ctx.last_speaker
    roles = _rx()["role"].findall(np)
    if not heads and not bodies and last is not None and roles and _rx()["document"].fullmatch(roles[-1]):
        # "The report said": what the last speaker issued, whoever it is
        return last if named in (None, last.side) else None
    if not heads and last is not None and _rx()["role"].search(last.text):
        # a person named many ways, but a role only by its own word: "the commander" is no analyst,
        # "the governor" no brigade; a body's spokesman speaks for it
        mine = {w.lower() for w in roles}
        if not any(w in last.text.lower() for w in mine) \
                and not (_rx()["collective"].search(last.text) and _rx()["spokes"].search(np)):
            return None
    return last if last is not None and named in (None, last.side) else None


# ---------------------------------------------------------------- quotations

_QUOTE_CHARS = re.compile(r"[“«”»\"]")


def _quote_marks(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """Opening and closing quotation marks in text[start:end]: (offset, 'open'|'close')."""
    out = []
    for m in _QUOTE_CHARS.finditer(text, start, end):
        i, ch = m.start(), m.group(0)
        if ch in "“«":
            out.append((i, "open"))
        elif ch in "”»":
            out.append((i, "close"))
        elif ch == '"':
            before = text[i - 1] if i > start else " "
            after = text[i + 1] if i + 1 < end else " "
            if before.isspace() or before in "([{:—–-":
                out.append((i, "open"))
            elif after.isspace() or after in ".,;:!?)]" or i + 1 == end:
                out.append((i, "close"))
    return out


def paragraph_quotes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of quoted text in a paragraph; an unclosed quote runs to the paragraph end, a closing
    mark with no opener (a quote carried over from the previous paragraph) starts at the paragraph start."""
    spans, open_at, closed_any = [], None, False
    for pos, kind in _quote_marks(text, start, end):
        if kind == "open":
            if open_at is None:
                open_at = pos + 1
        elif open_at is not None:
            spans.append((open_at, pos))
            open_at, closed_any = None, True
        elif not closed_any and not spans:
            spans.append((start, pos))
            closed_any = True
    if open_at is not None:
        spans.append((open_at, end))
    # short quotations are kept only when they end like speech ("Ternivka is ours,"), not scare quotes
    return [(s, e) for s, e in spans if len(text[s:e].split()) >= 5 or re.search(r"[.!?]", text[s:e].rstrip(".,"))
            or (len(text[s:e].split()) >= 2 and text[s:e].rstrip()[-1:] in ",.!?")]


def _verb_at_end(s: str) -> re.Match | None:
    return re.search(rf"(?:{cues()['reporting_verbs'].pattern})\s*(?:that\s*)?[:,]?\s*$", s, re.IGNORECASE)


def quote_speaker(text: str, q: tuple[int, int], sent: Sentence, ctx: DocContext,
                  previous: Speaker | None) -> Speaker | None:
    """The speaker of a quotation: named before it, after it, or carried from the previous one."""
    c = cues()
    pre = text[sent.start:max(sent.start, q[0] - 1)]
    if q[0] > sent.start:
        pre_clean = c["labels"].sub("", pre) if not c["quote_label"].search(pre) else pre
        if c["quote_label"].search(pre.strip()) and ctx.source:
            return ctx.source
        acc = _rx()["according_np"].search(pre_clean)
        if acc:
            sp = make_speaker(acc.group(1), sent.start, text[q[0]:q[1]], ctx)
            if sp:
                return sp
        verb = _verb_at_end(pre_clean)
        if verb or pre_clean.rstrip().endswith(":"):
            np = pre_clean[:verb.start()] if verb else pre_clean.rstrip()[:-1]
            known = known_claimant(np)
            if known and len(np.split()) > 12:        # "X's words were echoed by those of Y, chief of ...:"
                np = np[known[1]:known[2]]
            sp = make_speaker(np, sent.start, text[q[0]:q[1]], ctx) if np.strip() else None
            if sp is None and known:
                sp = make_speaker(np[known[1]:known[2]], sent.start, text[q[0]:q[1]], ctx)
            if sp:
                return sp
            if verb:                                   # "..., adding: “...”"
                return previous or ctx.last_speaker
    sp = _post_speaker(text, q[1], text[q[0]:q[1]], ctx)
    if sp:
        return sp
    if q[1] >= len(text) or text[q[1]] not in "”»\"":
        # an unclosed quotation continues in the next paragraphs: its speaker is named where it closes
        nxt = re.search(r"[”»]|(?<=[\w.,!?])\"", text[q[1]:q[1] + 3000])
        if nxt:
            sp = _post_speaker(text, q[1] + nxt.start(), text[q[0]:q[1]], ctx)
            if sp:
                return sp
    return previous or ctx.last_speaker


def _post_speaker(text: str, close: int, content: str, ctx: DocContext) -> Speaker | None:
    """The speaker named right after a closing quotation mark: ', the spokesman said' / ', said X'."""
    post = text[close + 1:min(len(text), close + 160)]
    verbs = cues()["reporting_verbs"].pattern
    # possessive leading blanks: with plain ones, three repeats share a run of blank lines and the
    # match tries every way to split it (cubic in the run: seconds for one closing quotation mark)
    m = re.match(rf"\s*+,?\s*+(?:{verbs})\s+([^,.;:“”\"]{{2,80}})", post, re.IGNORECASE) or \
        re.match(rf"\s*+,?\s*+([^,.;:“”\"]{{2,80}}?)\s++(?:{verbs})(?![\w])", post, re.IGNORECASE) or \
        re.match(rf"\s*+,?\s*+([^,.;:“”\"]{{2,60}},[^.;:“”\"]{{2,100}}?),\s++(?:{verbs})(?![\w])", post, re.IGNORECASE)
    # the last: "..., X, spokesman for the Y group, told television"
    if m:
        return make_speaker(m.group(1), close + 1 + m.start(1), content, ctx)
    return None


def paragraph_quote_speakers(text: str, span: tuple[int, int], sentences: list[Sentence],
                             ctx: DocContext, before: int | None = None) -> list[tuple[int, int, Speaker | None]]:
    """Every quotation of one paragraph with its speaker, in text order (updates ctx.last_speaker).
    ``before``: only the quotations opening before it now; the rest wait in ctx.pending for
    quote_speakers_before(), so that '"...", its spokesman said' later in the paragraph finds the
    speaker the sentences before it named."""
    ctx.pending = []
    for qs, qe in paragraph_quotes(text, *span):
        sent = next((s for s in sentences if s.start <= qs <= s.end), None)
        if sent is not None:
            ctx.pending.append((qs, qe, sent))
    return quote_speakers_before(text, ctx, span[1] + 1 if before is None else before)


def quote_speakers_before(text: str, ctx: DocContext, pos: int) -> list[tuple[int, int, Speaker | None]]:
    """The speakers of the waiting quotations that open before pos, in text order, added to ctx.quotes."""
    out = []
    previous = ctx.quotes[-1][2] if ctx.quotes else None
    while ctx.pending and ctx.pending[0][0] < pos:
        qs, qe, sent = ctx.pending.pop(0)
        sp = quote_speaker(text, (qs, qe), sent, ctx, previous)
        out.append((qs, qe, sp))
        if sp:
            previous = sp
            ctx.said(sp)
    ctx.quotes.extend(out)
    return out
