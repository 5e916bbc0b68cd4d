"""The claim extractor's word lists, loaded once from data/claims/*.json.

Nothing here knows about reports: it compiles the lexicons into regexes and
answers small questions (which triggers occur in this text, whose side does
this phrase name, which known claimant is this).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from rapidfuzz import fuzz, process

from frontmap.claims.scan import Scanner
from frontmap.resources import load_json

_FLAGS = re.IGNORECASE


def _load(name: str) -> dict:
    return load_json(f"claims/{name}")


def words_re(alternation: str) -> re.Pattern:
    """A case-insensitive regex for an alternation, anchored on word edges."""
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w])", _FLAGS)


@dataclass(frozen=True)
class TriggerRule:
    pattern: re.Pattern
    event: str
    weak: bool = False
    role: str | None = None        # defend | fail | attempt | flip
    needs: re.Pattern | None = None


@dataclass(frozen=True)
class Trigger:
    start: int
    end: int
    rule: TriggerRule

    @property
    def event(self) -> str:
        return self.rule.event


@dataclass(frozen=True)
class Known:
    name: str
    side: str
    type: str


@cache
def cues() -> dict[str, re.Pattern]:
    raw = _load("cues.json")
    out: dict[str, re.Pattern] = {}
    for key in ("reporting_verbs", "denial_verbs", "noun_like_verbs", "hedges", "hedge_after",
                "verification_hedge", "denials", "negations", "intent", "partial", "container", "expansive",
                "time_words", "scope_continuations", "victim", "function_words", "holding", "local_official"):
        out[key] = words_re(raw[key])
    for key in ("impersonal_attribution", "according_to"):
        out[key] = words_re(raw[key])
    for key in ("source_label", "quote_label", "labels", "outlet_reset", "if_true", "lead_adverbial", "dateline",
                "denial_reference", "denied_it", "statement_header", "hedge_parties"):
        out[key] = re.compile(raw[key], _FLAGS)
    out["geography"] = re.compile(raw["geography"], _FLAGS)
    out["locator"] = re.compile(raw["locator"], _FLAGS)
    out["positional_lead"] = re.compile(raw["positional_lead"], _FLAGS)
    out["strike_source"] = re.compile(raw["strike_source"], _FLAGS)
    out["clause_splits"] = re.compile(raw["clause_splits"], _FLAGS)
    out["pronoun_place"] = re.compile(raw["pronoun_place"])
    return out


class Span:
    """A match found by a Scanner, read like a re.Match: start(), end(), group(0)."""
    __slots__ = ("_s", "_e", "_text")

    def __init__(self, text: str, s: int, e: int):
        self._text, self._s, self._e = text, s, e

    def start(self) -> int:
        return self._s

    def end(self) -> int:
        return self._e

    def group(self, _: int = 0) -> str:
        return self._text[self._s:self._e]


@cache
def _cue_scanner() -> Scanner:
    c = cues()
    return Scanner([c["reporting_verbs"], c["according_to"]])


def cue_spans(text: str, start: int, end: int) -> tuple[list[Span], list[Span]]:
    """The reporting verbs and the "according to" phrases in text[start:end], as finditer would give them."""
    out: tuple[list[Span], list[Span]] = ([], [])
    for s, e, k in _cue_scanner().spans(text, start, end):
        out[k].append(Span(text, s, e))
    return out


@cache
def raw_cues() -> dict:
    return _load("cues.json")


@cache
def anaphors() -> list[tuple[str, re.Pattern]]:
    return [(kind, words_re(rx)) for kind, rx in raw_cues()["anaphors"].items()]


@cache
def triggers() -> tuple[TriggerRule, ...]:
    rules = []
    for t in _load("events.json")["triggers"]:
        rules.append(TriggerRule(pattern=words_re(t["re"]), event=t["event"], weak=bool(t.get("weak")),
                                 role=t.get("role"), needs=re.compile(t["needs"], _FLAGS) if t.get("needs") else None))
    return tuple(rules)


@cache
def _trigger_scanner() -> Scanner:
    return Scanner([r.pattern for r in triggers()])


def find_triggers(text: str, start: int = 0, end: int | None = None) -> list[Trigger]:
    """Non-overlapping trigger matches in text[start:end], longest first, in text order."""
    rules = triggers()
    found = [Trigger(s, e, rules[k]) for s, e, k in _trigger_scanner().spans(text, start, end)]
    found.sort(key=lambda t: (-(t.end - t.start), t.start))
    kept: list[Trigger] = []
    for t in found:
        if all(t.end <= k.start or t.start >= k.end for k in kept):
            kept.append(t)
    return sorted(kept, key=lambda t: t.start)


@cache
def sides() -> dict:
    raw = _load("sides.json")
    force = raw["force_nouns"]
    actors = [(side, re.compile(rx.replace("{force}", force), _FLAGS))
              for side, rxs in raw["actors"].items() for rx in rxs]
    return {
        "actors": actors,
        "enemy": re.compile(r"(?<![\w-])" + raw["enemy"].replace("{force}", force) + r"(?![\w])", _FLAGS),
        "own": re.compile(r"(?<![\w-])" + raw["own"].replace("{force}", force) + r"(?![\w])", _FLAGS),
        "bare": words_re(raw["bare"]),
        "perspective": {side: words_re(rx) for side, rx in raw["perspective"].items()},
        "speaker_words": {side: words_re(rx) for side, rx in raw["speaker_words"].items()},
    }


def _alias_re(alias: str) -> str:
    """An alias as a regex: either apostrophe, and quotation marks allowed between words
    ("Group of Forces ‘Vostok’")."""
    words = (re.escape(w).replace("'", "['’]").replace("’", "['’]") for w in alias.split())
    return r"[\s‘’'\"“”«»]+".join(words)


@cache
def _registry() -> list[tuple[Known, re.Pattern | None, tuple[str, ...], bool]]:
    out = []
    for c in _load("claimants.json")["claimants"]:
        known = Known(c["name"], c["side"], c.get("type", ""))
        aliases = sorted((_alias_re(a) for a in c.get("aliases", [])), key=len, reverse=True)
        rx = words_re("|".join(aliases)) if aliases else None
        out.append((known, rx, tuple(s.lower() for s in c.get("surnames", [])), bool(c.get("whole_only"))))
    return out


@lru_cache(maxsize=8192)
def known_claimant(phrase: str) -> tuple[Known, int, int] | None:
    """The registry entry named in phrase (longest alias, then closest surname), with its span."""
    best: tuple[Known, int, int] | None = None
    lead = len(phrase) - len(re.sub(r"^\s*(?:the\s+)?", "", phrase, flags=re.IGNORECASE))
    rank = -1.0
    for known, rx, _, whole in _registry():
        if rx is None:
            continue
        for m in rx.finditer(phrase):
            if whole and (m.start() != lead or phrase[m.end():].strip(" ,.")):
                continue
            # a person's name beats a title that also points to them ("Ukrainian President")
            named = known.type == "person" and not re.search(r"\b(?:[a-z]\w*|President|Minister|Kremlin)\b", m.group(0))
            r = (m.end() - m.start()) + (100 if named else 0)
            if r > rank:
                rank, best = r, (known, m.start(), m.end())
    if best:
        return best
    surnames, owners = _surnames()
    for m in re.finditer(r"[A-Z][\w’'-]{4,}", phrase):
        hit = process.extractOne(m.group(0).lower(), surnames, scorer=fuzz.ratio, score_cutoff=85)
        if hit:
            return owners[hit[2]], m.start(), m.end()
    return None


@cache
def _surnames() -> tuple[list[str], list[Known]]:
    """Every registry surname, with its claimant (the first claimant wins a shared surname)."""
    names, owners = [], []
    for known, _, surnames, _ in _registry():
        for s in surnames:
            names.append(s)
            owners.append(known)
    return names, owners


def side_words(phrase: str) -> str | None:
    """The side a phrase names by its words: explicit names first, then generic role words."""
    sw = sides()["speaker_words"]
    for tier in (("RU", "UA", "third"), ("RU_weak", "UA_weak", "third_weak")):
        hits = [(m.start(), side) for side in tier for m in [sw[side].search(phrase)] if m]
        if hits:
            return min(hits)[1].replace("_weak", "")
    return None


def perspective(text: str) -> str | None:
    """RU or UA when the wording of text takes one side's point of view."""
    counts = {side: len(rx.findall(text)) for side, rx in sides()["perspective"].items()}
    if counts["RU"] == counts["UA"]:
        return None
    return max(counts, key=counts.get)
