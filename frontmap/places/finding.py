"""Finding place names in report text.

A name is a run of capitalised words (joined by single spaces or hyphens)
whose normalised key the gazetteer knows; the longest run wins.  Runs that
the gazetteer does not know but that stand in a place frame ("the village
of X", "near X") are kept as unresolved mentions so nothing is dropped
silently.  Word lists live in data/finding/lexicon.json.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache
from itertools import accumulate, product

from frontmap import budget
from frontmap.gazetteer.schema import theatre
from frontmap.gazetteer.store import Gazetteer
from frontmap.model import Match, Mention
from frontmap.places.facilities import HINT as FACILITY
from frontmap.places.facilities import facility_after
from frontmap.resources import load_json
from frontmap.text.names import name_key

_LETTER = r"[^\W\d_]"
# A word: letters/digits, apostrophes only between letters (Kup'yans'k).
# (written as runs between apostrophes: re repeats a single class far faster than an alternation)
_WORD = re.compile(rf"{_LETTER}[^\W_]*(?:['’ʼ`]{_LETTER}[^\W_]*)*")
_JOINERS = {" ", "-", "–", "‑", "—", "\u00a0"}
_NUMBER_AFTER = re.compile(r"\s*-?\s*\d+(?:[.,]\d+)?\s*(%|[^\W\d_]*)")   # "Kyiv 24", "X 12 times"
_POSSESSIVE = re.compile(r"['’ʼ]s$", re.IGNORECASE)
_ADJ_SUFFIX = re.compile(r"(?:s[kc]?(?:iy|yi|yy|y|ii|i|ij|ogo|ий|ый|ой|ого)|ский|ськ?ий)$", re.IGNORECASE)
MAX_WINDOW = 6
CACHE_LIMIT = 50_000   # entries per lookup cache of a finder: cleared when full
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_CLAUSE_END = re.compile(r"[.,;:!?()\n]")
_WORDS = re.compile(r"\w+")
_FIRST_WORD = re.compile(r"[ \t\u00a0]*(\w+)")
_COMPOUND_AFTER = re.compile(r"[-‑][a-z]")
_LEAD_IN = re.compile(r"[\s,'‘’\"“«(]+(?:the\s*)?$")
_DATELINE_AFTER = re.compile(r"\s*[,(–—-]")
_OPENERS = " \t\"'“‘«("   # skipped backwards when asking whether a word opens a sentence


class Token:
    # a plain slotted class: a report has thousands of tokens, and `capitalised` is asked often
    __slots__ = ("capitalised", "end", "full_end", "start", "text")

    def __init__(self, start: int, end: int, text: str, full_end: int):
        self.start = start
        self.end = end            # without a possessive 's
        self.text = text
        self.full_end = full_end  # with it
        self.capitalised = text[:1].isupper()


@cache
def lexicon() -> dict:
    return load_json("places/finding.json")


@cache
def _lex_sets() -> dict[str, frozenset[str]]:
    lex = lexicon()
    return {
        "not_places": frozenset(name_key(w) for w in lex["not_places"]),
        "org_after": frozenset(lex["org_words_after"]),
        "count_after": frozenset(lex["count_words_after_number"]),
        "capitals": frozenset(name_key(w) for w in lex["government_capitals"]),
        "gov_verbs": frozenset(lex["government_verbs"]),
        "titles": frozenset(lex["person_titles"]),
        "plural": frozenset(lex["plural_region_words"]),
        "direction": frozenset(lex["direction_words"]),
        "frames_after": frozenset(lex["frames_after"]),
        "coord": frozenset(lex["coordinators"]),
        "suffixes": tuple(lex["place_suffixes"]),
        "given": frozenset(lex["given_names"]),
        "surnames": frozenset(name_key(w) for w in lex["person_surnames"]),
        "unit_before": tuple(lex["unit_words_before"]),
        "frames_before": tuple(sorted(lex["frames_before"], key=len, reverse=True)),
        "locatives": frozenset(lex["capital_locatives"]),
        "targets": frozenset(lex["capital_targets"]),
        "strong_frames": tuple(lex["strong_frames_before"]),
        "river_frames": tuple(lex["river_frames_before"]),
        "suffix_frames": re.compile(r"\b(?:%s)\s*$" % "|".join(map(re.escape, lex["suffix_frames_before"]))),
        "list_seps": frozenset(lex["list_separators"]),
        "speech_after": frozenset(lex["speech_after"]),
        "common": frozenset(lex["common_capitalised"]) | frozenset(lex["person_titles"])
        | frozenset(lex["org_words_after"]) | _ADJECTIVE_OK,
    }


def tokenize(text: str) -> list[Token]:
    tokens = []
    for m in _WORD.finditer(text):
        start, end = m.span()
        word = m.group()
        # few words end in s: the regex only for those
        if word[-1] in "sSſ" and len(word) > 3 and _POSSESSIVE.search(word):
            tokens.append(Token(start, end - 2, word[:-2], end))
        else:
            tokens.append(Token(start, end, word, end))
    return tokens


def _joined(text: str, a: Token, b: Token) -> bool:
    return text[a.full_end:b.start] in _JOINERS


def _sentence_initial(text: str, tok: Token) -> bool:
    # scans back instead of stripping text[:start], which copied the report for every word
    j = tok.start - 1
    while j >= 0 and text[j] in _OPENERS:
        j -= 1
    return j < 0 or text[j] in ".!?:\n;"


def _next_words(text: str, end: int, n: int) -> list[str]:
    """The next n words of the same clause."""
    clause = _CLAUSE_END.split(text[end:end + 60], maxsplit=1)[0]
    return [w.lower() for w in _WORDS.findall(clause)[:n]]


def _next_word(text: str, end: int) -> str:
    m = _FIRST_WORD.match(text, end, end + 40)
    return m.group(1).lower() if m else ""


class NameFinder:
    """Finds place mentions with a gazetteer; one instance can serve many reports."""

    def __init__(self, gazetteer: Gazetteer):
        self.gaz = gazetteer
        self.window = max(1, min(MAX_WINDOW, getattr(gazetteer, "max_key_words", 4) + 1))
        self.region_words = lexicon()["region_words"]
        # What the gazetteer says of a surface or word does not change between reports: asked
        # once.  The lists are shared, so callers copy before changing them.
        self._surface_matches: dict[str, list[Match]] = {}
        self._russian_forms: dict[str, list[Match]] = {}

    # -- public -------------------------------------------------------------
    def find(self, text: str) -> list[Mention]:
        tokens = tokenize(text)
        mentions: list[Mention] = []
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            if not tok.capitalised:
                i += 1
                continue
            budget.check()
            win = self._window(text, tokens, i)      # both matchers read the same run of words
            found = self._longest_match(text, win)
            if found is None:
                mention, used = self._shape_only(text, tokens[i], win)
            else:
                mention, used = found
            if mention is not None and self._keep(text, tokens, i, used, mention):
                mentions.append(mention)
            i += max(used, 1)
        self._coordinated_regions(text, mentions)
        mentions = _merge_split_names(text, mentions)
        self._list_members(text, tokens, mentions)
        # list members found just now may complete "A, B and C districts"
        self._coordinated_regions(text, mentions)
        return mentions

    # -- matching -----------------------------------------------------------
    def _window(self, text: str, tokens: list[Token], i: int) -> list[Token]:
        out = [tokens[i]]
        for j in range(i + 1, min(len(tokens), i + self.window)):
            prev, cur = tokens[j - 1], tokens[j]
            if not _joined(text, prev, cur):
                break
            hyphen = text[prev.end:cur.start] != " "
            if not (cur.capitalised or hyphen or cur.text.lower() in self.region_words):
                break
            out.append(cur)
        return out

    def _longest_match(self, text, win: list[Token]) -> tuple[Mention, int] | None:
        plural = _lex_sets()["plural"]
        for n in range(len(win), 0, -1):
            span = win[:n]
            last = span[-1].text.lower()
            if n > 1 and last in plural:
                continue  # "Belgorod and Bryansk regions": handled by coordination
            start, end = span[0].start, span[-1].end
            matches, hint = [], None
            if n == 1:
                matches, hint = self._adjectival(text, span[0])
            if not matches and span[-1].full_end != end:
                # "Donetsk People's Republic": the possessive may belong to the name
                matches = self.gaz.lookup_key(name_key(text[start:span[-1].full_end]))
                if matches:
                    end = span[-1].full_end
            surface = text[start:end]
            if not matches:
                matches = self._lookup_surface(surface)
            if n > 1:
                hint = self.region_words.get(last)
            if n == 1 and not matches:
                matches = self._russian_form(span[0].text)    # shared: Mention copies it below
            elif n == 1 and all(c.score < 1.0 for c in matches):
                # only alternate spellings matched: the Russian form may name another place
                seen = {c.entry.id for c in matches}
                matches = list(matches) + [c for c in self._russian_form(span[0].text)
                                           if c.entry.id not in seen]
            if not matches and n in (2, 3) and hint is None:
                matches = self._russian_form_words(text, span)     # "Stepovaya Novoselovka"
            if not matches and n == 2 and hint:
                # "Sinelnyky district": the settlement named, the region meant.
                inner = self.gaz.lookup_key(name_key(span[0].text))
                if inner:
                    matches = inner
            if matches:
                if hint is None:
                    hint = self._hint_after(text, end)
                if hint is None and text[max(0, start - 30):start].lower().rstrip().endswith(_lex_sets()["river_frames"]):
                    hint = "river"          # "the left bank of the Dnipro"
                return Mention(surface, start, end, list(matches), kind_hint=hint), n
        return None

    def _lookup_surface(self, surface: str) -> list[Match]:
        found = self._surface_matches.get(surface)
        if found is None:
            # Cyrillic words inflect ("в Покровске", "Купянска"): the gazetteer's lookup
            # also tries their nominative forms
            found = (self.gaz.lookup(surface) if _CYRILLIC.search(surface)
                     else self.gaz.lookup_key(name_key(surface)))
            _remember(self._surface_matches, surface, found)
        return found

    def _adjectival(self, text: str, tok: Token) -> tuple[list[Match], str | None]:
        """'the Novopavlovsky direction': a Russian adjective naming a settlement."""
        nxt = _next_word(text, tok.end)
        if nxt not in _lex_sets()["direction"] and nxt not in self.region_words:
            return [], None
        m = _ADJ_SUFFIX.search(tok.text)
        if not m or m.start() < 3:
            return [], None
        stem = tok.text[:m.start()]
        for tail in ("sk", "", "ka", "e", "o", "ske", "ivka", "ovka"):
            found = self.gaz.lookup_key(name_key(stem + tail))
            if found:
                return list(found), "direction" if nxt in _lex_sets()["direction"] else None
        return [], None

    def _russian_form(self, word: str) -> list[Match]:
        """'Dachnoye', 'Stelmakhovka': try the Ukrainian ending of a Russian form."""
        found = self._russian_forms.get(word)
        if found is None:
            found = self._russian_form_uncached(word)
            _remember(self._russian_forms, word, found)
        return found

    def _russian_form_uncached(self, word: str) -> list[Match]:
        if len(word) < 5:
            return []
        low = word.lower()
        for ru, uk in lexicon()["ru_uk_beginnings"]:
            if low.startswith(ru):
                word = uk[0].upper() + uk[1:] + word[len(ru):]
                low = word.lower()
                found = self.gaz.lookup_key(name_key(word))
                if found:
                    return [Match(m.entry, m.matched, m.score * 0.85, "russian-form") for m in found]
        for ru, uk in lexicon()["ru_uk_endings"]:
            if low.endswith(ru) and len(low) - len(ru) >= 3:
                found = self.gaz.lookup_key(name_key(word[: len(word) - len(ru)] + uk))
                if found:
                    return [Match(m.entry, m.matched, m.score * 0.85, "russian-form") for m in found]
        return []

    def _russian_form_words(self, text: str, span: list[Token]) -> list[Match]:
        """A name of two or three words in its Russian form: the Ukrainian ending of each word
        ('Stepovaya Novoselovka' -> 'Stepova Novoselivka'), joined as written."""
        key = text[span[0].start:span[-1].end]
        found = self._russian_forms.get(key)
        if found is not None:
            return found
        options = []
        for tok in span:
            low = tok.text.lower()
            forms = [tok.text] + [tok.text[: len(tok.text) - len(ru)] + uk for ru, uk in lexicon()["ru_uk_endings"]
                                  if low.endswith(ru) and len(low) - len(ru) >= 3]
            options.append(list(dict.fromkeys(forms)))
        found = []
        if any(len(o) > 1 for o in options):
            joints = [text[a.end:b.start] for a, b in zip(span, span[1:])]
            for combo in product(*options):
                if all(w == t.text for w, t in zip(combo, span)):
                    continue
                name = combo[0] + "".join(j + w for j, w in zip(joints, combo[1:]))
                hits = self.gaz.lookup_key(name_key(name))
                if hits:
                    found = [Match(m.entry, m.matched, m.score * 0.85, "russian-form") for m in hits]
                    break
        _remember(self._russian_forms, key, found)
        return found

    def _hint_after(self, text: str, end: int) -> str | None:
        nxt = _next_word(text, end)
        if nxt in self.region_words:
            return self.region_words[nxt]
        if nxt in _lex_sets()["direction"]:
            return "direction"
        if facility_after(text, end) is not None:
            return FACILITY                 # "the Sudzha checkpoint": the resolver makes it a facility
        return None

    def _shape_only(self, text, tok: Token, win: list[Token]) -> tuple[Mention | None, int]:
        """A capitalised word in a strong place frame that the gazetteer lacks."""
        # the cheap tests first, the frame words only for what is left (all of them pure)
        if len(tok.text) < 4 or tok.text.isupper() or _sentence_initial(text, tok):
            return None, 1
        span = [t for t in win if t.capitalised] or [tok]
        start, end = span[0].start, span[-1].end
        surface = text[start:end]
        sets = _lex_sets()
        # an editor's insertion is read as if unbracketed: "[the village of] X", "(the town of) X"
        before = text[max(0, start - 30):start].lower().rstrip().rstrip("])").rstrip()
        after = _next_word(text, end)
        if (after in ("village", "settlement") or before.endswith(sets["strong_frames"])
                or (surface.lower().endswith(sets["suffixes"])
                    and (after in sets["direction"] or sets["suffix_frames"].search(before)))):
            if name_key(surface) not in sets["not_places"]:
                return Mention(surface, start, end, [], looks_like_place=True), len(span)
        return None, 1

    # -- filters ------------------------------------------------------------
    def _keep(self, text, tokens, i, used, mention: Mention) -> bool:
        sets = _lex_sets()
        key = name_key(mention.text)
        if key in sets["not_places"] or key in sets["surnames"]:
            return False
        if mention.text.lower() in sets["given"]:
            return False
        after = text[mention.end:mention.end + 30]
        # adjectives and compounds: "Kiev-controlled", "Russian-occupied"
        if _COMPOUND_AFTER.match(after):
            return False
        nxt = _next_word(text, mention.end)
        number = _NUMBER_AFTER.match(after)
        counted = number is not None and number.group(1).lower() in sets["count_after"]
        if nxt in sets["org_after"] or (number is not None and not counted):
            return mention.kind_hint in ("oblast", "raion")  # "Kyiv Independent", "Kyiv 24"
        before = _LEAD_IN.sub("", text[max(0, mention.start - 40):mention.start].lower())
        if before.endswith(sets["unit_before"]):
            return False  # "Group of Forces 'Vostok'"
        if len(mention.text) <= 2:
            return False
        if key in sets["capitals"] and not self._capital_as_place(text, mention):
            return False  # "denied by Kyiv", "Moscow's forces", "Kiev troops"
        if not counted and any(w in sets["org_after"] for w in _next_words(text, mention.end, 2)):
            return mention.kind_hint in ("oblast", "raion")  # "Lviv NTA TV channel"
        prev = tokens[i - 1] if i > 0 else None
        if prev is not None and mention.candidates and text[prev.end:mention.start] == " ":
            if prev.text.lower() in sets["titles"] or prev.text.lower() in sets["given"]:
                return False  # "President Zelensky", "Valery Gerasimov"
            # a capitalised word right before a lone match: most often a person's name
            if (prev.capitalised and not _sentence_initial(text, prev)
                    and not self.gaz.has_key(name_key(prev.text))
                    and prev.text.lower() not in _ADJECTIVE_OK and used == 1):
                return False
        alternate_only = mention.candidates and all(c.score < 1.0 for c in mention.candidates)
        if alternate_only and len(mention.text) <= 3 and not before.endswith(sets["frames_before"]):
            return False  # "Key" is an alternate spelling of Kyiv, and an English word
        if mention.candidates and mention.kind_hint in (None, FACILITY) and self._weak(mention):
            framed = before.endswith(sets["frames_before"])
            if not framed:
                return False
        return True

    @staticmethod
    def _capital_as_place(text: str, mention: Mention) -> bool:
        """A capital is a place after a locative word or as the object of a strike, or as a dateline; else its government."""
        line_start = text.rfind("\n", 0, mention.start) + 1
        if not text[line_start:mention.start].strip() and _DATELINE_AFTER.match(text, mention.end):
            return True  # "MOSCOW, Oct 5 (TASS) -"
        words = _WORDS.findall(text[max(0, mention.start - 25):mention.start].lower())
        if not words:
            return False
        sets = _lex_sets()
        if words[-1] in sets["targets"]:     # "drones attacked Kyiv", but not "attacked Kyiv's stance"
            return text[mention.end:mention.end + 1] not in ("'", "’")
        return words[-1] in sets["locatives"]

    def _weak(self, mention: Mention) -> bool:
        """Small places far from the war, or mere alternate spellings of them: likely a word."""
        theatre = _theatre()
        for c in mention.candidates:
            e = c.entry
            if e.oblast in theatre or e.kind == "region" or e.population >= 100_000:
                return False
            if c.score >= 1.0 and e.population >= 10_000:
                return False
        return True

    def _list_members(self, text: str, tokens: list[Token], mentions: list[Mention]) -> None:
        """'near Mirne, Razliv and Veselein': an unknown name listed with places is likely one."""
        sets = _lex_sets()
        seps = sets["list_seps"]
        sep_lengths = sorted({len(sep) for sep in seps})
        # what speaks against a word whatever else is found, judged once
        listable = []
        for k, tok in enumerate(tokens):
            if not tok.capitalised or len(tok.text) < 4 or tok.text.isupper():
                continue
            key, low = name_key(tok.text), tok.text.lower()
            if (key in sets["not_places"] or key in sets["surnames"] or low in sets["given"]
                    or low in sets["common"] or low.endswith(("ian", "ish", "ese", "ean"))
                    or _sentence_initial(text, tok)):
                continue
            nxt = tokens[k + 1] if k + 1 < len(tokens) else None
            if nxt and nxt.capitalised and _joined(text, tok, nxt):
                continue
            # "..., DeepState said": the word after the list is who speaks
            if _next_word(text, tok.full_end) in sets["speech_after"]:
                continue
            listable.append(tok)
        # a separator between a mention and the word: looked up by offset, not by scanning
        ends = {m.end for m in mentions}
        starts = {m.start for m in mentions}
        changed = True
        while changed:
            changed = False
            # is a token inside a mention: the mentions by start, with the farthest end reached so far
            covered = sorted((m.start, m.end) for m in mentions)
            firsts = [a for a, _ in covered]
            reach = list(accumulate((b for _, b in covered), max))
            for tok in listable:
                k = bisect_right(firsts, tok.start) - 1
                if k >= 0 and reach[k] > tok.start:
                    continue
                a, b = tok.start, tok.full_end
                if (any(a - n in ends and text[a - n:a] in seps for n in sep_lengths)
                        or any(b + n in starts and text[b:b + n] in seps for n in sep_lengths)):
                    mentions.append(Mention(tok.text, tok.start, tok.end, [], looks_like_place=True))
                    ends.add(tok.end)
                    starts.add(tok.start)
                    changed = True
            mentions.sort(key=lambda m: m.start)

    def _coordinated_regions(self, text: str, mentions: list[Mention]) -> None:
        """'the Belgorod and Bryansk regions': every name of the list is a region."""
        sets = _lex_sets()
        for idx, m in enumerate(mentions):
            nxt = _next_word(text, m.end)
            if nxt not in sets["plural"]:
                continue
            kind = self.region_words[nxt]
            group = [m]
            j = idx
            while j > 0:
                gap = text[mentions[j - 1].end:mentions[j].start].strip().lower()
                if gap not in sets["coord"] and gap not in (", and", ", or"):
                    break
                group.append(mentions[j - 1])
                j -= 1
            for g in group:
                g.kind_hint = kind
                suffix = {"oblast": " oblast", "raion": " raion", "river": ""}[kind]
                regional = self.gaz.lookup_key(name_key(g.text + suffix)) if suffix else []
                if regional:
                    g.candidates = list(regional)


def _remember(cache: dict, key, value) -> None:
    if len(cache) >= CACHE_LIMIT:
        cache.clear()  # a long-running process must not grow without bound
    cache[key] = value


_TOWN = 5_000     # people: a place this large is named beside another in "A-B" (two towns, a pair)


def _merge_split_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """'Zeleny Shlyakh': two matches side by side, joined by a space, are one name the
    gazetteer lacks (prose separates two places with a comma or a word).  So are two joined by
    a hyphen ('Nikolskoye-Vyselki'), unless both are places under their own names or a road or
    axis word follows ('the Kramatorsk-Sloviansk highway', 'the Pokrovsk-Myrnohrad area')."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        gap = text[prev.end:m.start] if prev is not None else ""
        if (prev is not None and gap in (" ", "-", "\u2011") and prev.kind_hint is None
                and m.kind_hint is None and prev.candidates and m.candidates
                and (gap == " " or not _two_places(text, prev, m))):
            out[-1] = Mention(text[prev.start:m.end], prev.start, m.end, [], looks_like_place=True)
            continue
        out.append(m)
    return out


def _two_places(text: str, a: Mention, b: Mention) -> bool:
    """'A-B' names two places: a road or axis word follows, or both are towns (villages joined by a
    hyphen are one name: 'Nikolaevo-Darino')."""
    if _next_word(text, b.end) in _lex_sets()["direction"]:
        return True
    return all(any(c.score >= 1.0 and (c.entry.population >= _TOWN or c.entry.kind == "region")
                   for c in x.candidates) for x in (a, b))


@cache
def _theatre() -> frozenset[str]:
    return frozenset(theatre()["theatre_oblasts"])


# Capitalised words that may stand before a place name without making it a person's.
_ADJECTIVE_OK = frozenset({
    "russian", "ukrainian", "occupied", "northern", "southern", "eastern", "western", "central",
    "greater", "upper", "lower", "old", "new", "liberated", "captured", "embattled", "besieged",
    "frontline", "front-line", "in", "at", "near", "toward", "towards", "from", "of", "the", "and",
    "outside", "around", "by", "into", "on", "to", "for", "with", "between", "across", "under",
})


def capital_as_place(text: str, start: int, end: int) -> bool:
    """Whether a capital's name at text[start:end] is the city ("drones struck Kyiv", "in Kyiv"),
    not its government ("Kyiv denied", "pressure on Kiev's troops")."""
    if text[end:end + 1] in ("'", "\u2019"):
        return False
    return NameFinder._capital_as_place(text, Mention(text[start:end], start, end))


def find_names(text: str, gazetteer: Gazetteer) -> list[Mention]:
    """All place mentions in ``text``, in order."""
    return NameFinder(gazetteer).find(text)
