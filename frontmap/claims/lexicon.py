"""The claim extractor's word lists, loaded once from data/claims/*.json.

Nothing here knows about reports: it checks each file's shape as it is loaded,
compiles the lexicons into regexes (or hands the claims modules the word lists
they build their own from) and answers small questions (which triggers occur in
this text, whose side does this phrase name, which known claimant is this).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from rapidfuzz import fuzz, process

from frontmap.claims.gates import Lazy, gate_all, gated, lazy
from frontmap.claims.memo import digest, remembered
from frontmap.claims.scan import Scanner
from frontmap.errors import DataError
from frontmap.model import EVENTS
from frontmap.resources import check_pattern, load_json

_FLAGS = re.IGNORECASE

# cues.json keys compiled by cues(): matched on word edges, or as written (both case-insensitive)
_EDGED = ("reporting_verbs", "denial_verbs", "admission_verbs", "noun_like_verbs", "hedges", "hedge_after", "verification_hedge",
          "denials", "doubts", "negations", "intent", "partial", "container", "expansive", "time_words",
          "scope_continuations", "victim", "function_words", "holding", "local_official",
          "impersonal_attribution", "according_to", "attack_nouns", "topic_heads", "claim_verbs")
_AS_WRITTEN = ("source_label", "quote_label", "labels", "outlet_reset", "if_true", "lead_adverbial", "dateline",
               "denial_reference", "denied_it", "hedge_parties", "geography", "locator", "list_followup", "summary_object",
               "positional_lead", "strike_source", "clause_splits", "this_was_stated", "denied_by", "denied_which",
               "contrary_to", "report_side", "retracted", "transfer_before", "list_goes_on",
               "coordinated_triggers", "topic_filler", "intent_on", "elided_subject", "subject_lead",
               "ground_locative", "report_owner", "relative_resume",
               "denied_here", "colon_list", "account_goes_on", "located_relative", "river_bank", "attempt_end", "bearing_of", "located_by_next", "axis_then_places", "speaker_locative",
               "goes_on_negated", "unclaimed", "locative_filler", "nearly_before", "share_before")
# cues.json word lists the modules build their own regexes from (see alternation())
_WORD_LISTS = ("object_verbs", "subjectless_hedge", "clause_hedges", "intent_earlier", "both_sides", "own_subjects",
               "addressees", "name_joiners", "ordinal_nouns", "party_after_report", "area_after",
               "verification_lead")
_GROUPS = {
    "roles": ("speakers", "organisations", "organisation_extra", "spokespeople", "collectives", "colon", "information"),
    "auxiliaries": ("be_finite", "be_base", "being", "have", "had", "do", "modal", "get", "remain"),
    "clause_words": ("contrast", "speaker_lead", "evidence_lead", "before_there", "list", "participle_lead",
                     "appositive", "speaker_relative", "fronted"),
    "prepositions": ("speaker_start", "object", "attack", "after_trigger", "own_place", "trigger_end", "attached"),
    "determiners": ("articles", "possessives", "nominal", "quantifiers"),
    "adverbs": ("speaker_tail", "passive", "hedge_lead", "particles"),
    "report_nouns": ("modifiers", "before", "verbs"),
    "participles": ("goes_on", "trailing", "passive", "adjectival"),
    "fires": ("weapons", "targets"),
    "headers": ("digests", "digest_modifiers", "digest_of", "digest_lead", "digest_tail", "topic_of", "bullet"),
}


@cache
def _load(name: str) -> dict:
    data = load_json(f"claims/{name}")
    # the check's verdict on this very content is kept on disk (claims.memo): it costs ~0.2 s a start
    remembered("checked", (name, digest(data)), lambda: check_lexicon(name, data) is data)
    return data


def alternation(key: str, *parts: str, file: str = "cues.json") -> str:
    """A word list of a claims data file as one alternation: alternation("addressees"), or parts of a
    group joined in order: alternation("auxiliaries", "be_finite", "have")."""
    value = _load(file)[key]
    return "|".join(value[p] for p in parts) if parts else value


def event_list(key: str) -> tuple[str, ...]:
    """A list of claim events kept in events.json ("outcomes")."""
    return tuple(_load("events.json")[key])


def words_re(alternation: str) -> Lazy:
    """A case-insensitive regex for an alternation, anchored on word edges (compiled on first use)."""
    return lazy(rf"(?<![\w-])(?:{alternation})(?![\w])", _FLAGS)


# ---------------------------------------------------------------- the data files' shape

# What the claims modules read from each file.  "re": a string that must compile; a type: a value of
# that JSON type; {key: spec}: an object with those keys ("*": each key not starting with "_", "k?":
# optional); [spec]: a list whose items all fit spec.
_RE = "re"
_NUMBER = (int, float)
_JSON_TYPES = {str: "a string", int: "a number", float: "a number", _NUMBER: "a number", dict: "an object",
               list: "an array", bool: "true or false", type(None): "null"}
_SCHEMA: dict[str, dict] = {
    "cues.json": {
        **dict.fromkeys(_EDGED + _AS_WRITTEN + _WORD_LISTS + ("pronoun_place",), _RE),
        **{group: dict.fromkeys(parts, _RE) for group, parts in _GROUPS.items()},
        "anaphors": {"*": _RE}, "ordinals": {"*": int},
        "anaphor_sizes": {"nouns": {"*": {"min_population?": int, "max_population?": int}}, "city_features": [str]},
        "dates": {"weekdays": [str], "months": [str], "month_abbr": {"*": int}, "relative": {"*": int},
                  "days_ago": _RE, "number_words": {"*": int}},
    },
    "events.json": {"triggers": [{"re": _RE, "event": str, "needs?": _RE, "behind_front?": str, "on_ground?": str}],
                    "event_nouns": _RE, "supply_words": _RE, "outcomes": [str], "endings": [str]},
    "sides.json": {"force_nouns": _RE, "actors": {"*": [_RE]}, "bare": _RE, "enemy": _RE, "own": _RE,
                   "perspective": {"*": _RE}, "speaker_words": {"*": _RE}, "of_heads": _RE, "gain_sides": {"*": _RE}},
    "claimants.json": {"titles": _RE, "claimants": [{"name": str, "side": str, "aliases?": [str], "surnames?": [str]}]},
    "geometry.json": {"units": {"*": _NUMBER}, "area_units": {"*": _NUMBER}, "bearings": {"*": _NUMBER},
                      "default_offset_km": _NUMBER, "just_words": _RE, "place_intro": _RE, "area": _RE,
                      "area_lead": _RE, "road_lead": _RE, "number_words": {"*": _NUMBER},
                      "buffers": [{"before": _RE, "radius_km": _NUMBER}],
                      "buffers_after": [{"after": _RE, "radius_km": _NUMBER}],
                      "line_connectors": dict.fromkeys(("road", "toward", "via"), _RE),
                      "before_last_words": [str], "after_first_words": [str]},
}
# lists that pick some words of another list: each of their words must be one of its words
_SELECTIONS = {"cues.json": (("report_nouns", "verbs", "reporting_verbs"), ("participles", "goes_on", "reporting_verbs"),
                             ("participles", "trailing", "reporting_verbs"), (None, "clause_hedges", "hedges"),
                             (None, "admission_verbs", "reporting_verbs"))}


def check_lexicon(name: str, data: Any) -> Any:
    """data, if it has what the claims modules read from data/claims/<name>; else a DataError naming the key."""
    _check(name, "", data, _SCHEMA[name])
    if name == "events.json":
        for i, t in enumerate(data["triggers"]):
            if t.get("behind_front") not in (None, "none", *EVENTS):
                raise _bad(name, f"triggers[{i}].behind_front", f"is {t['behind_front']!r}",
                           f"use 'none' (no claim where there is no ground front) or one of {', '.join(EVENTS)}")
            if t.get("on_ground") not in (None, *EVENTS):
                raise _bad(name, f"triggers[{i}].on_ground", f"is {t['on_ground']!r}", f"use one of {', '.join(EVENTS)}")
        for key in ("outcomes", "endings"):
            for i, event in enumerate(data[key]):
                if event not in EVENTS:
                    raise _bad(name, f"{key}[{i}]", f"is {event!r}", f"use one of {', '.join(EVENTS)}")
    for group, key, whole in _SELECTIONS.get(name, ()):
        whole_re = words_re(data[whole])
        for word in (data[group][key] if group else data[key]).split("|"):
            if not whole_re.fullmatch(word):
                raise _bad(name, f"{group}.{key}" if group else key, f"has {word!r}, which is not one of {whole!r}",
                           f"add it to {whole!r} or drop it here")
    return data


def _bad(name: str, path: str, problem: str, fix: str = "correct it or restore the file from the repository"
         ) -> DataError:
    where = f"key {path!r}" if path else "the top level"
    return DataError(f"packaged data file 'frontmap/data/claims/{name}': {where} {problem}; {fix}")


def _check(name: str, path: str, value: Any, spec: Any) -> None:
    kind = str if spec == _RE else dict if isinstance(spec, dict) else list if isinstance(spec, list) else spec
    if not isinstance(value, kind) or isinstance(value, bool):
        what = "a regex string" if spec == _RE else _JSON_TYPES[kind]
        raise _bad(name, path, f"must be {what}, not {_JSON_TYPES[type(value)]}")
    if spec == _RE:
        try:
            re.compile(value)
        except re.error as exc:
            raise _bad(name, path, f"is not a valid regex ({exc})") from None
        check_pattern(f"claims/{name}", path, value, _FLAGS)
    elif isinstance(spec, dict):
        for key, sub in spec.items():
            for k in [k for k in value if not k.startswith("_")] if key == "*" else [key.rstrip("?")]:
                if k in value:
                    _check(name, f"{path}.{k}" if path else k, value[k], sub)
                elif not key.endswith("?"):
                    raise _bad(name, f"{path}.{k}" if path else k, "is missing")
    elif isinstance(spec, list):
        for i, item in enumerate(value):
            _check(name, f"{path}[{i}]", item, spec[0])


@dataclass(frozen=True)
class TriggerRule:
    pattern: re.Pattern
    event: str
    weak: bool = False
    role: str | None = None        # defend | fail | attempt | flip | own | occupation | absent
    needs: re.Pattern | None = None
    behind_front: str | None = None    # the event it means where there is no ground front ('none': no claim)
    on_ground: str | None = None       # the event it means as a move on the ground ("struck near X", no weapon named)


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
    out: dict[str, re.Pattern] = {key: words_re(raw[key]) for key in _EDGED}
    out.update((key, re.compile(raw[key], _FLAGS)) for key in _AS_WRITTEN)
    out["pronoun_place"] = re.compile(raw["pronoun_place"])
    return gate_all(out)        # most cues find nothing in most clauses: say so without a search


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


def raw_cues() -> dict:
    return _load("cues.json")


@cache
def anaphors() -> list[tuple[str, re.Pattern]]:
    return [(kind, gated(words_re(rx))) for kind, rx in raw_cues()["anaphors"].items()]


_QUOTED_LOOKAHEAD = "(?=[’'\"”»]? "


@cache
def triggers() -> tuple[TriggerRule, ...]:
    rules = []
    for t in _load("events.json")["triggers"]:
        # a closing quotation mark may stand between a trigger and what it looks ahead for
        # ("were 'mopping up' X", "“liberated” the village of X")
        rules.append(TriggerRule(pattern=words_re(t["re"].replace("(?= ", _QUOTED_LOOKAHEAD)), event=t["event"],
                                 weak=bool(t.get("weak")),
                                 role=t.get("role"), needs=re.compile(t["needs"], _FLAGS) if t.get("needs") else None,
                                 behind_front=t.get("behind_front"), on_ground=t.get("on_ground")))
    return tuple(rules)


@cache
def _trigger_scanner() -> Scanner:
    return Scanner([r.pattern for r in triggers()])


def may_hold_triggers(text: str, start: int, end: int) -> bool:
    """False when no trigger can be found in text[start:end], nor in any span inside it."""
    return _trigger_scanner().touches(text, start, end)


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
    return gate_all({
        "actors": actors,
        "enemy": re.compile(r"(?<![\w-])" + raw["enemy"].replace("{force}", force) + r"(?![\w])", _FLAGS),
        "own": re.compile(r"(?<![\w-])" + raw["own"].replace("{force}", force) + r"(?![\w])", _FLAGS),
        "bare": words_re(raw["bare"]),
        "perspective": gate_all({side: words_re(rx) for side, rx in raw["perspective"].items()}),
        "speaker_words": gate_all({side: words_re(rx) for side, rx in raw["speaker_words"].items()}),
        # one group per side, so that m.lastgroup is the side a gain trigger names ("under Ukrainian control")
        "gains": re.compile(r"\b(?:" + "|".join(f"(?P<{side}>{rx})" for side, rx in raw["gain_sides"].items())
                            + r")\b", _FLAGS),
    })


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
        # gated: a phrase is asked about every entry, and names few of them
        rx = gated(words_re("|".join(aliases))) if aliases else None
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
            named = known.type == "person" and not _title().search(m.group(0))
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
def _title() -> re.Pattern:
    """A lower-case word or a title in an alias: "Ukrainian President" is a title, not a person's name."""
    return re.compile(rf"\b(?:[a-z]\w*|{alternation('titles', file='claimants.json')})\b")


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


def both_sides_named(phrase: str) -> bool:
    """Whether a phrase names both sides coordinated ("Russia and Ukraine", "Moscow and Kyiv both"):
    a speaker that is both sides is a third party's summary ("both sides" is third)."""
    sw = sides()["speaker_words"]
    ru, ua = sw["RU"].search(phrase), sw["UA"].search(phrase)
    if not (ru and ua):
        return False
    lo, hi = sorted((ru, ua), key=lambda m: m.start())
    return re.fullmatch(r"\W*(?:and|&)\W*(?:the\s+)?", phrase[lo.end():hi.start()], re.IGNORECASE) is not None


@cache
def _perspective_scanner() -> tuple[Scanner, tuple[str, ...]]:
    persp = sides()["perspective"]
    return Scanner(list(persp.values())), tuple(persp)


def perspective(text: str) -> str | None:
    """RU or UA when the wording of text takes one side's point of view."""
    scanner, names = _perspective_scanner()
    counts = dict.fromkeys(names, 0)
    for _, _, k in scanner.spans(text):         # a whole report: its words are counted in one pass
        counts[names[k]] += 1
    if counts["RU"] == counts["UA"]:
        return None
    return max(counts, key=counts.get)
