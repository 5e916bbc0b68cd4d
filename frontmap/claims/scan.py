"""Run many patterns over one report once, then answer per span.

The claim extractor asks "which triggers (or sides) occur in text[start:end]?" dozens of times
per report, for clauses, frames and noun phrases.  Running ~100 case-insensitive patterns over
each span was the extractor's main cost; here every pattern runs once over the whole text and a
span query picks the matches inside it.  A pattern whose match crosses the span's edge is run
again on the span alone, so answers are those of running it on the span (except that a
lookahead may now see past the span's end, which is what it is for).

Each pattern is found fast in two steps: a loose copy of it (lower-cased, case-sensitive, without
its leading lookbehind) runs over the lower-cased text and proposes positions, and the pattern
itself confirms each one.  Python's re skips ahead fast only in case-sensitive patterns, and the
loose copy matches wherever the pattern does, so the matches are exactly the pattern's.  In a
long text, a pattern is not searched for at all when none of the strings every one of its matches
must contain (read from the parsed pattern: "captur(?:e|ed)" needs "capture" or "captured")
occurs in it.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Sequence
from functools import lru_cache

_LOOKBEHIND = re.compile(r"^\(\?<[!=](?:[^()\\]|\\.|\[[^\]]*\])*\)")


def loose(pattern: re.Pattern) -> re.Pattern | None:
    """A case-sensitive pattern for lower-cased text that matches wherever `pattern` matches the
    original text (and perhaps elsewhere): literals lower-cased, case-sensitive groups opened up,
    a leading lookbehind dropped.  None when that cannot be promised: a negative lookaround with
    case-sensitive parts would reject more once opened up."""
    src = _LOOKBEHIND.sub("", pattern.pattern, count=1)
    bare = re.sub(r"\(\?<?!\[[-\\w]+\]\)", "", src)          # word-edge checks have no letters
    if ("(?!" in bare or "(?<!" in bare) and ("(?-i:" in src or not pattern.flags & re.IGNORECASE):
        return None
    src = src.replace("(?-i:", "(?:")
    out, i = [], 0
    while i < len(src):
        if src[i] == "\\" and i + 1 < len(src):
            out.append(src[i:i + 2])              # \W, \S, \d ... keep their meaning
            i += 2
        else:
            out.append(src[i].lower())
            i += 1
    return re.compile("".join(out), pattern.flags & ~re.IGNORECASE)


_LONG = 400        # texts this long are scanned with the required-strings shortcut
_CAP = 64          # at most this many strings in a required set


def _exact(seq) -> set[str] | None:
    """The strings a parsed (sub)pattern can match, if few and all literal (assertions match "")."""
    out = {""}
    for op, av in seq:
        name = str(op)
        if name == "LITERAL":
            item = {chr(av)}
        elif name == "SUBPATTERN":
            item = _exact(av[3])
        elif name == "BRANCH":
            parts = [_exact(b) for b in av[1]]
            item = None if any(p is None for p in parts) else set().union(*parts)
        elif name in ("MAX_REPEAT", "MIN_REPEAT") and av[0] == 0 and av[1] == 1:
            inner = _exact(av[2])
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
        if len(out) > _CAP:
            return None
    return out


def _required(seq) -> set[str] | None:
    """Strings one of which every match of a parsed pattern contains, or None if none is known."""
    cands: list[set[str]] = []
    run: set[str] | None = {""}
    for op, av in list(seq) + [(None, None)]:
        item = _exact([(op, av)]) if op is not None else None
        if item is not None and run is not None and len({a + b for a in run for b in item}) <= _CAP:
            run = {a + b for a in run for b in item}
            continue
        if run and "" not in run:
            cands.append(run)
        run = item if item is not None else {""}
        name = str(op)
        inner = None
        if name == "SUBPATTERN":
            inner = _required(av[3])
        elif name in ("MAX_REPEAT", "MIN_REPEAT") and av[0] >= 1:
            inner = _required(av[2])
        elif name == "BRANCH":
            parts = [_required(b) for b in av[1]]
            inner = None if any(p is None for p in parts) else set().union(*parts)
        if inner:
            cands.append(inner)
    cands = [c for c in cands if c and "" not in c and len(c) <= _CAP]
    if not cands:
        return None
    best = max(cands, key=lambda c: (min(map(len, c)), -len(c)))
    return best if min(map(len, best)) >= 3 and len(best) <= 24 else None


def required_strings(pattern: re.Pattern) -> tuple[str, ...] | None:
    """For a loose (lower-case) pattern: strings one of which must occur wherever it matches."""
    try:
        from re import _parser
        found = _required(_parser.parse(pattern.pattern, pattern.flags))
    except Exception:                   # noqa: BLE001 - re's parser is internal; without it, no shortcut
        return None
    return tuple(sorted(found)) if found else None


def _lowered(text: str) -> tuple[str | None, frozenset[str] | None]:
    """The text lower-cased (None if that changes its length) and, for a long text, its 3-letter pieces."""
    if len(text) >= _LONG:
        return _lowered_long(text)
    low = text.lower()
    return (low if len(low) == len(text) else None), None


@lru_cache(maxsize=4)
def _lowered_long(text: str) -> tuple[str | None, frozenset[str] | None]:
    """Shared by every scanner that reads the report (short phrases never push it out)."""
    low = text.lower()
    if len(low) != len(text):               # a few characters change length when lower-cased
        return None, None
    return low, frozenset(low[i:i + 3] for i in range(len(low) - 2))


class Scanner:
    """All matches of a fixed list of patterns, per text (the last few texts are remembered)."""

    def __init__(self, patterns: Sequence[re.Pattern], keep: int = 8):
        self.patterns = list(patterns)
        self._loose = [loose(p) for p in self.patterns]
        # a pattern can only match a text holding one of its required strings
        self._needs = [required_strings(f) if f is not None else None for f in self._loose]
        self._grams = [frozenset(s[:3] for s in n) if n else None for n in self._needs]
        self._needy = sum(n is not None for n in self._needs)
        self._any = re.compile("|".join(f"(?:{p.pattern})" for p in self._loose if p is not None) or "(?!)")
        self._cache: OrderedDict[str, tuple[list[tuple[int, int, int]], list[int], int]] = OrderedDict()
        self._keep = keep

    def _scan(self, text: str) -> tuple[list[tuple[int, int, int]], list[int], int]:
        hit = self._cache.get(text)
        if hit is not None:
            self._cache.move_to_end(text)
            return hit
        low, grams = _lowered(text)
        found: list[tuple[int, int, int]] = []
        # a short phrase mostly holds no match at all, and one search over all patterns tells;
        # in a long text, a pattern none of whose required strings occurs is not searched for
        none_loose = low is not None and grams is None and self._any.search(low) is None
        if self._needy < 4:
            grams = None
        for k, (exact, fast) in enumerate(zip(self.patterns, self._loose)):
            if none_loose and fast is not None:
                continue
            needs = self._needs[k]
            if needs is not None and grams is not None and (
                    grams.isdisjoint(self._grams[k]) or not any(s in low for s in needs)):
                continue                        # none of the strings its every match holds is in the text
            if low is None or fast is None:
                found += [(m.start(), m.end(), k) for m in exact.finditer(text)]
                continue
            pos = 0
            while True:                         # the same matches as exact.finditer(text), found faster
                m = fast.search(low, pos)
                if m is None:
                    break
                hit = exact.match(text, m.start())
                if hit is None:
                    pos = m.start() + 1
                    continue
                found.append((hit.start(), hit.end(), k))
                pos = hit.end() if hit.end() > hit.start() else hit.start() + 1
        found.sort()
        entry = (found, [f[0] for f in found], max((e - s for s, e, _ in found), default=0))
        self._cache[text] = entry
        if len(self._cache) > self._keep:
            self._cache.popitem(last=False)
        return entry

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
            s, e, k = found[i]
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
