r"""Run many patterns over one report once, then answer per span.

The claim extractor asks "which triggers (or sides) occur in text[start:end]?" dozens of times
per report, for clauses, frames and noun phrases.  Running ~100 case-insensitive patterns over
each span was the extractor's main cost; here every pattern runs once over the whole text and a
span query picks the matches inside it.  A pattern whose match crosses the span's edge is run
again on the span alone, so answers are those of running it on the span (except that a
lookahead may now see past the span's end, which is what it is for).

Searching the whole text with each pattern is itself slow (re tries every branch of a long
alternation at almost every position), so each pattern is only tried where a match can start.
From the parsed pattern, opened up to lower case, come its heads: the few strings (up to six
characters) one of which starts every match ("captur(?:e|ed)" starts with "captur").  One pass
of the scanner's Aho-Corasick automaton of heads over the lower-cased text finds where they start
(at a word edge for a pattern anchored on one), and each pattern is tried there.  Trying a pattern at every candidate, in order, gives exactly the matches
finditer gives.  The few patterns with no heads (starting with \d, say) are searched for as
before: a loose copy (lower-cased, case-sensitive, without its leading lookbehind) runs over the
lower-cased text and the pattern confirms each position, and not at all when none of the
strings every one of its matches must contain occurs in the text.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import OrderedDict, defaultdict
from collections.abc import Sequence

import ahocorasick

from frontmap.claims.memo import remembered

_LOOKBEHIND = re.compile(r"^\(\?<[!=](?:(?>\[[^\]]*\]|\\.|[^()\\]))*\)")   # a class first, then atomic: linear
_EDGE = r"(?<![\w-])"                     # how words_re() and friends anchor a pattern on a word edge


_GROUP_NAME = re.compile(r"\(\?P(?:<\w+>|=\w+\))")


def _opened(pattern: re.Pattern, names: bool = False) -> str:
    """The pattern's source lower-cased, case-sensitive groups opened up, a leading lookbehind dropped
    (with ``names``, group names kept as written)."""
    src = _LOOKBEHIND.sub("", pattern.pattern, count=1).replace("(?-i:", "(?:")
    out, i = [], 0
    while i < len(src):
        if src[i] == "\\" and i + 1 < len(src):
            out.append(src[i:i + 2])              # \W, \S, \d ... keep their meaning
            i += 2
        elif names and (m := _GROUP_NAME.match(src, i)):
            out.append(m.group(0))
            i = m.end()
        else:
            out.append(src[i].lower())
            i += 1
    return "".join(out)


def loose(pattern: re.Pattern) -> re.Pattern | None:
    """A case-sensitive pattern for lower-cased text that matches wherever `pattern` matches the
    original text (and perhaps elsewhere): literals lower-cased, case-sensitive groups opened up,
    a leading lookbehind dropped.  None when that cannot be promised: a negative lookaround with
    case-sensitive parts would reject more once opened up."""
    src = _LOOKBEHIND.sub("", pattern.pattern, count=1)
    bare = re.sub(r"\(\?<?!\[[-\\w]+\]\)", "", src)          # word-edge checks have no letters
    if ("(?!" in bare or "(?<!" in bare) and ("(?-i:" in src or not pattern.flags & re.IGNORECASE):
        return None
    return re.compile(_opened(pattern), pattern.flags & ~re.IGNORECASE)


# ---------------------------------------------------------------- heads: where a match can start

_KEY = 3           # heads are at least this long, where a pattern allows
_LONG = 6          # heads are at most this long, if that keeps them few
_CAP = 256         # at most this many heads per pattern
_OTHER_SPACE = re.compile(r"[^\S ]")     # heads are looked for in text with every \s made " "
_LONG_TEXT = 512
# the long text (a report's) and the short one (a phrase) scanned last: each, lower-cased, and that
# with every \s made " "
_LOWERED: list[tuple] = [(None, "", ""), (None, "", "")]


def _lowered(text: str) -> tuple[str, str]:
    """text lower-cased, and that with its white space made " ": the scanners (triggers, actors, cues,
    ...) each scan the same report text in turn, between scans of short phrases, and it is lowered
    once for them all."""
    slot = len(text) >= _LONG_TEXT
    last = _LOWERED[slot]                   # read once: a scanner shared by threads stays right
    if last[0] is not text:
        low = text.lower()
        last = _LOWERED[slot] = (text, low, _OTHER_SPACE.sub(" ", low))
    return last[1], last[2]


def _chars(op, av) -> set[str] | None:
    """The characters one parsed item matches, if it is a literal or a small class."""
    name = str(op)
    if name == "LITERAL":
        out = {chr(av)}
    elif name != "IN":
        return None
    else:
        out = set()
        for o, a in av:
            o = str(o)
            if o == "LITERAL":
                out.add(chr(a))
            elif o == "RANGE" and a[1] - a[0] < 64:
                out.update(map(chr, range(a[0], a[1] + 1)))
            elif o == "CATEGORY" and str(a) == "CATEGORY_SPACE":
                out.add(" ")
            else:
                return None
    return {" " if c.isspace() else c for c in out}


def _walk(seq, open_: set[str], size: int) -> tuple[set[str], set[str]] | None:
    """Grow the heads in open_ over a parsed sequence: (heads still shorter than size, heads done)."""
    done: set[str] = set()
    for op, av in seq:
        if not open_:
            break
        name = str(op)
        if name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue                                    # zero-width: nothing to add
        if name == "SUBPATTERN":
            step = _walk(av[3], open_, size)
        elif name == "ATOMIC_GROUP":
            step = _walk(av, open_, size)
        elif name == "BRANCH":
            step = (set(), set())
            for branch in av[1]:
                sub = _walk(branch, open_, size)
                if sub is None:
                    return None
                step[0].update(sub[0])
                step[1].update(sub[1])
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            step = _repeat(*av, open_, size)
        else:
            chars = _chars(op, av)
            if chars is None:
                return None
            grown = {s + c for s in open_ for c in chars}
            if len(grown) + len(done) > _CAP:           # a shorter head will do ("\s" then "[–—]")
                step = (set(), set(open_)) if "" not in open_ else None
            else:
                step = ({s for s in grown if len(s) < size}, {s for s in grown if len(s) >= size})
        if step is None:
            return None
        open_, more = step
        done |= more
        if len(open_) + len(done) > _CAP:
            return None
    return open_, done


def _repeat(lo: int, hi: int, item, open_: set[str], size: int) -> tuple[set[str], set[str]] | None:
    """Heads over item{lo,hi}: lo + size rounds are enough, as a round adds a character or nothing."""
    cur, got, done = open_, set(open_) if lo == 0 else set(), set()
    for n in range(1, min(hi, lo + size) + 1):
        sub = _walk(item, cur, size)
        if sub is None:
            return None
        cur, more = sub
        done |= more
        if n >= lo:
            got |= cur
        if not cur or len(got) + len(done) > _CAP:
            break
    return got, done


def heads(pattern: re.Pattern) -> frozenset[str] | None:
    """Lower-case strings, one of which starts every match of pattern in lower-cased text with its
    white space made " " (a head shorter than _KEY is a whole match or was cut short); None if
    there are none or too many."""
    try:
        from re import _parser
        parsed = _parser.parse(_opened(pattern), pattern.flags & ~re.IGNORECASE)
    except Exception:                   # noqa: BLE001 - re's parser is internal; without it, no heads
        return None
    for size in (_LONG, _KEY):           # long heads try the pattern at fewer places
        walked = _walk(parsed, {""}, size)
        if walked is not None and "" not in walked[0]:
            return frozenset(walked[0] | walked[1])
    return None


# ---------------------------------------------------------------- required strings (patterns without heads)

_REQUIRED_CAP = 64      # at most this many strings in a required set

def _exact(seq, cap: int = _REQUIRED_CAP) -> set[str] | None:
    """The strings a parsed (sub)pattern can match, if few and all literal (assertions match "")."""
    out = {""}
    for op, av in seq:
        name = str(op)
        if name == "LITERAL":
            item = {chr(av)}
        elif name == "SUBPATTERN":
            item = _exact(av[3], cap)
        elif name == "ATOMIC_GROUP":            # matches some of what its contents match
            item = _exact(av, cap)
        elif name == "BRANCH":
            parts = [_exact(b, cap) for b in av[1]]
            item = None if any(p is None for p in parts) else set().union(*parts)
        elif name in ("MAX_REPEAT", "MIN_REPEAT") and av[0] == 0 and av[1] == 1:
            inner = _exact(av[2], cap)
            item = None if inner is None else inner | {""}
        elif name == "IN" and len(av) <= 4 and all(str(o) == "LITERAL" for o, _ in av):
            item = {chr(c) for _, c in av}
        elif name in ("ASSERT", "ASSERT_NOT", "AT"):
            item = {""}
        else:
            return None
        if item is None:
            return None
        out = {a + b for a in out for b in item}
        if len(out) > cap:
            return None
    return out


def _required(seq, cap: int = _REQUIRED_CAP, shortest: int = 3, most: int = 24) -> set[str] | None:
    """Strings one of which every match of a parsed pattern contains, or None if none is known:
    at most ``most`` of them (sets of up to ``cap`` are weighed), none shorter than ``shortest``."""
    cands: list[set[str]] = []
    run: set[str] | None = {""}
    for op, av in list(seq) + [(None, None)]:
        item = _exact([(op, av)], cap) if op is not None else None
        if item is not None and run is not None and len({a + b for a in run for b in item}) <= cap:
            run = {a + b for a in run for b in item}
            continue
        if run and "" not in run:
            cands.append(run)
        run = item if item is not None else {""}
        name = str(op)
        inner = None
        if name == "SUBPATTERN":
            inner = _required(av[3], cap, shortest, most)
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and av[0] >= 1:
            inner = _required(av[2], cap, shortest, most)
        elif name == "ATOMIC_GROUP":            # an atomic match is a match of its contents
            inner = _required(av, cap, shortest, most)
        elif name == "BRANCH":
            parts = [_required(b, cap, shortest, most) for b in av[1]]
            inner = None if any(p is None for p in parts) else set().union(*parts)
        if inner:
            cands.append(inner)
    cands = [c for c in cands if c and "" not in c and len(c) <= cap]
    if not cands:
        return None
    best = max(cands, key=lambda c: (min(map(len, c)), -len(c)))
    return best if min(map(len, best)) >= shortest and len(best) <= most else None


def required_strings(pattern: re.Pattern) -> tuple[str, ...] | None:
    """For a loose (lower-case) pattern: strings one of which must occur wherever it matches."""
    try:
        from re import _parser
        found = _required(_parser.parse(pattern.pattern, pattern.flags))
    except Exception:                   # noqa: BLE001 - re's parser is internal; without it, no shortcut
        return None
    return tuple(sorted(found)) if found else None


_GATE_CAP = 4096       # a gate may list this many strings (an automaton looks for them all at once)


def gate_strings(pattern: re.Pattern) -> tuple[str, ...] | None:
    """Strings one of which every match of ``pattern`` holds, as written in lower-cased text (see
    claims.gates); None if none is known.  A word list's words will do ("(?:took|seized) X")."""
    try:
        from re import _parser
        found = _required(_parser.parse(_opened(pattern, names=True), pattern.flags & ~re.IGNORECASE),
                          _GATE_CAP, 2, _GATE_CAP)
    except Exception:                   # noqa: BLE001 - re's parser is internal; without it, no gate
        return None
    return tuple(sorted(found)) if found else None


# ---------------------------------------------------------------- the scanner

class Scanner:
    """All matches of a fixed list of patterns, per text (the last few texts are remembered)."""

    def __init__(self, patterns: Sequence[re.Pattern], keep: int = 8):
        self.patterns = [getattr(p, "raw", p) for p in patterns]    # a gated regex's own pattern
        # head -> the patterns it may start, those anchored on a word edge apart
        starts: dict[str, tuple[list[int], list[int]]] = {}
        self._rest: list[tuple[int, re.Pattern | None, tuple[str, ...] | None]] = []
        for k, p in enumerate(self.patterns):
            found = remembered("heads", (p.pattern, p.flags), lambda p=p: heads(p))
            if found is None:
                fast = loose(p)
                needed = None if fast is None else remembered(
                    "required", (fast.pattern, fast.flags), lambda fast=fast: required_strings(fast))
                self._rest.append((k, fast, needed))
                continue
            edged = p.pattern.startswith(_EDGE)
            for h in sorted(found):
                starts.setdefault(h, ([], []))[edged].append(k)
        self._heads: ahocorasick.Automaton | None = None
        if starts:
            self._heads = ahocorasick.Automaton()
            for h, (free, edged) in starts.items():
                self._heads.add_word(h, (len(h) - 1, tuple(free), tuple(edged)))
            self._heads.make_automaton()
        self._cache: OrderedDict[str, tuple[list[tuple[int, int, int]], list[int], int]] = OrderedDict()
        self._keep = keep

    def _candidates(self, low: str) -> dict[int, list[int]]:
        """Per pattern with heads, the sorted positions where one of its heads starts (at a word
        edge, for a pattern anchored on one): one automaton pass over the text."""
        at: defaultdict[int, list[int]] = defaultdict(list)
        if self._heads is None:
            return at
        for end, (back, free, edged) in self._heads.iter(low):
            i = end - back
            for k in free:
                at[k].append(i)
            if edged and (i == 0 or not (low[i - 1].isalnum() or low[i - 1] in "_-")):   # what (?<![\w-]) sees
                for k in edged:
                    at[k].append(i)
        # most patterns start at one place in a text: a single position needs no sorting
        return {k: sorted(set(v)) if len(v) > 1 else v for k, v in at.items()}

    def _scan(self, text: str) -> tuple[list[tuple[int, int, int]], list[int], int]:
        hit = self._cache.get(text)
        if hit is not None:
            self._cache.move_to_end(text)
            return hit
        low, spaced = _lowered(text)
        found: list[tuple[int, int, int]] = []
        if len(low) != len(text):               # a few characters change length when lower-cased
            for k, exact in enumerate(self.patterns):
                found += [(m.start(), m.end(), k) for m in exact.finditer(text)]
        else:
            for k, starts in self._candidates(spaced).items():
                exact, pos = self.patterns[k], 0
                for i in starts:                # the same matches as exact.finditer(text)
                    if i < pos:
                        continue
                    m = exact.match(text, i)
                    if m is not None:
                        found.append((i, m.end(), k))
                        pos = m.end() if m.end() > i else i + 1
            for k, fast, needs in self._rest:
                found += self._searched(text, low, k, fast, needs)
        found.sort()
        entry = (found, [f[0] for f in found], max((e - s for s, e, _ in found), default=0))
        self._cache[text] = entry
        if len(self._cache) > self._keep:
            self._cache.popitem(last=False)
        return entry

    def _searched(self, text: str, low: str, k: int, fast: re.Pattern | None,
                  needs: tuple[str, ...] | None) -> list[tuple[int, int, int]]:
        """The matches of a pattern without heads, its loose copy proposing positions."""
        exact = self.patterns[k]
        if fast is None:
            return [(m.start(), m.end(), k) for m in exact.finditer(text)]
        if needs is not None and not any(s in low for s in needs):
            return []                           # none of the strings its every match holds is in the text
        out, pos = [], 0
        while True:
            m = fast.search(low, pos)
            if m is None:
                return out
            hit = exact.match(text, m.start())
            if hit is None:
                pos = m.start() + 1
                continue
            out.append((hit.start(), hit.end(), k))
            pos = hit.end() if hit.end() > hit.start() else hit.start() + 1

    def touches(self, text: str, start: int, end: int) -> bool:
        """Whether a match in the whole text reaches into text[start:end]: where none does, spans()
        of it, and of every span inside it, is empty (spans() only looks again at such matches)."""
        found, starts, longest = self._scan(text)
        i = bisect_left(starts, start)
        if i < len(found) and found[i][0] < end:
            return True
        j = i - 1
        while j >= 0 and found[j][0] >= start - longest:
            if found[j][1] > start:
                return True
            j -= 1
        return False

    def spans(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, int]]:
        """(start, end, pattern index) of every match inside text[start:end], sorted by start."""
        end = len(text) if end is None else end
        found, starts, longest = self._scan(text)
        redo: set[int] = set()
        out: list[tuple[int, int, int]] = []
        i = bisect_left(starts, start)
        # matches starting before the span that reach into it hide what the span alone would show
        j = i - 1
        while j >= 0 and found[j][0] >= start - longest:
            if found[j][1] > start:
                redo.add(found[j][2])
            j -= 1
        while i < len(found) and found[i][0] < end:
            _, e, k = found[i]
            if e > end:
                redo.add(k)
            else:
                out.append(found[i])
            i += 1
        if redo:
            out = [f for f in out if f[2] not in redo]
            for k in redo:
                out += [(m.start(), m.end(), k) for m in self.patterns[k].finditer(text, start, end)]
            out.sort()
        return out
