"""Regexes that first look for the strings every match must hold.

Most of the claims modules' cue patterns find nothing in most of the clauses they are asked
about, and a long alternation costs re a try at every position to say so.  Every match of
"(?:denied|refuted|rejected) by X" holds "denied", "refuted" or "rejected": when the text has
none of them, there is no match, and that is cheap to see.  ``gated(rx)`` is ``rx`` behind that
check: its methods give exactly what ``rx``'s give (the check only answers "no match" where
there can be none), and a pattern with no such strings is returned as it is.

``lazy(pattern, flags)`` is a regex compiled on first use.  A claims module builds a few
hundred cue regexes, and a report asks most of them nothing (their gate finds none of their
strings, or the cue only lends its text to a larger pattern): compiling them all at the first
report cost a tenth of a second of every one-report run.

Case: the strings are found in the text lower-cased, as a case-insensitive regex compares
(re's extra case pairs, "ſ" and "s", the Kelvin sign and "k", are folded to the ASCII letter).
"""
from __future__ import annotations

import re
import sys
from functools import cache

import ahocorasick

from frontmap.claims.memo import remembered
from frontmap.claims.scan import gate_strings

_FEW = 8        # up to this many strings are looked for one by one, more by an automaton
_SHORT = 24     # a text this short is searched at once: the look would cost as much as the search
_LAST: tuple = (None, 0, 0, "")      # the text looked at last, its span and that span folded


@cache
def _fold_table() -> tuple[re.Pattern, dict[int, str]]:
    """The characters outside ASCII that a case-insensitive regex matches to an ASCII letter."""
    import _sre
    from re._casefix import _EXTRA_CASES

    table: dict[int, str] = {}
    for cp in range(128, 0x10000):
        lower = _sre.unicode_tolower(cp)
        ascii_ = [c for c in (lower, *_EXTRA_CASES.get(lower, ())) if c < 128]
        if ascii_:
            table[cp] = chr(ascii_[0])
    return re.compile("[" + "".join(map(re.escape, map(chr, table))) + "]"), table


def fold(text: str) -> str:
    """text lower-cased as a case-insensitive regex sees it, for looking up lower-case strings."""
    low = text.lower()
    # lower() already makes the Kelvin sign "k"; "İ" becomes "i" and a combining dot
    if not low.isascii() and ("\u0307" in low or "ı" in low or "ſ" in low):
        special, table = _fold_table()
        low = special.sub(lambda m: table[ord(m.group(0))], text).lower()
    return low


def _plain(s: str) -> bool:
    """ASCII, or characters that have no case (quotation marks, dashes): found by fold() as written."""
    return all(c.isascii() or (c.lower() == c.upper() == c and c.casefold() == c) for c in s)


_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner",
            "groups", "groupindex")


class Lazy:
    """A regex compiled on first use: ``pattern`` and ``flags`` are there at once; the first
    use of a method compiles it and puts the compiled regex's methods on the instance, so
    later calls cost what re's own do."""

    def __init__(self, pattern: str, flags: int = 0):
        # as the compiled regex's flags read (a plain int, UNICODE for a str pattern), so that a
        # lazy regex and a compiled one are the same key for what is remembered about them
        self.pattern, self.flags = pattern, int(flags | (0 if flags & re.ASCII else re.UNICODE))

    def compiled(self) -> re.Pattern:
        rx = re.compile(self.pattern, self.flags)
        for name in _METHODS:
            setattr(self, name, getattr(rx, name))
        self.compiled = lambda: rx
        return rx

    def __getattr__(self, name: str):          # only for names not yet on the instance
        if name not in _METHODS:
            raise AttributeError(name)
        self.compiled()
        return self.__dict__[name]

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r}, {self.flags})"

    def __eq__(self, other) -> bool:
        return isinstance(other, Lazy) and (self.pattern, self.flags) == (other.pattern, other.flags)

    def __hash__(self) -> int:
        return hash((self.pattern, self.flags))


def lazy(pattern: str, flags: int = 0) -> Lazy:
    """A regex for pattern, compiled when first asked to match."""
    return Lazy(pattern, flags)


class Gated:
    """A compiled regex behind a look for the strings every match of it holds."""

    __slots__ = ("raw", "pattern", "flags", "match", "fullmatch", "strings", "_few", "_auto", "_ready")

    def __init__(self, raw: re.Pattern | Lazy, strings: tuple[str, ...]):
        self.raw, self.pattern, self.flags, self.strings = raw, raw.pattern, raw.flags, strings
        # tried at one place only, a match needs no look first: the regex's own methods, bound
        # once it is compiled
        self._ready = not (isinstance(raw, Lazy) and "match" not in raw.__dict__)
        if self._ready:
            self.match, self.fullmatch = raw.match, raw.fullmatch
        else:
            self.match, self.fullmatch = self._first_match, self._first_fullmatch
        self._few: tuple[str, ...] | None = strings if len(strings) <= _FEW else None
        self._auto = None
        if self._few is None:
            self._auto = ahocorasick.Automaton()
            for s in strings:
                self._auto.add_word(s, s)
            self._auto.make_automaton()

    def __getattr__(self, name: str):          # groups, groupindex, ...
        return getattr(self.raw, name)

    def __repr__(self) -> str:
        return f"gated({self.raw!r})"

    def _absent(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> bool:
        """Whether text[pos:endpos] holds none of the strings (so no match lies in it)."""
        global _LAST
        if pos < 0:
            pos = 0
        if endpos > len(text):
            endpos = len(text)
        if endpos - pos < _SHORT and self._ready:     # a regex not yet compiled is worth the look
            return False
        last = _LAST                         # several cues are asked about the same sentence in a row
        if last[0] is text and last[1] == pos and last[2] == endpos:
            low = last[3]
        else:
            low = (text[pos:endpos] if pos or endpos < len(text) else text).lower()
            if not low.isascii() and ("\u0307" in low or "ı" in low or "ſ" in low):
                low = fold(text[pos:endpos])
            _LAST = (text, pos, endpos, low)
        if self._few is not None:
            for s in self._few:
                if s in low:
                    break
            else:
                return True
        elif next(self._auto.iter(low), None) is None:
            return True
        if not self._ready:
            self._bind()
        return False

    def _bind(self) -> re.Pattern:
        rx = self.raw.compiled()
        self.match, self.fullmatch, self._ready = rx.match, rx.fullmatch, True
        return rx

    def _first_match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match | None:
        return self._bind().match(string, pos, endpos)

    def _first_fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match | None:
        return self._bind().fullmatch(string, pos, endpos)

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match | None:
        return None if self._absent(string, pos, endpos) else self.raw.search(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize):
        return iter(()) if self._absent(string, pos, endpos) else self.raw.finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list:
        return [] if self._absent(string, pos, endpos) else self.raw.findall(string, pos, endpos)

    def sub(self, repl, string: str, count: int = 0) -> str:
        return string if self._absent(string) else self.raw.sub(repl, string, count)

    def subn(self, repl, string: str, count: int = 0) -> tuple[str, int]:
        return (string, 0) if self._absent(string) else self.raw.subn(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list:
        return [string] if self._absent(string) else self.raw.split(string, maxsplit)


def gated(rx: re.Pattern | Lazy) -> re.Pattern | Lazy | Gated:
    """rx behind a look for the strings each of its matches holds, or rx itself if none are known."""
    if rx.pattern.startswith("^") and not rx.flags & re.MULTILINE:
        return rx                           # anchored: re tries it at the start only
    # strings re's case folding could find written otherwise are no gate (None): see fold()
    strings = remembered("plain-gate", (rx.pattern, rx.flags), lambda: _plain_gate(rx))
    if not strings:
        return rx
    return Gated(rx, strings)


_NEVER = re.compile(r"(?!)")


class AnyGate:
    """One look for the strings of several gated regexes asked about the same span in turn (the
    anaphors of a clause, the buffer phrases before a place): where it finds none of them, none of
    the regexes matches there, and each need not look for its own."""

    def __init__(self, rxs):
        rxs = list(rxs)
        # a regex without a gate may match anywhere: then the look says nothing
        self._gate = Gated(_NEVER, tuple(sorted({s for rx in rxs for s in rx.strings}))) \
            if rxs and all(isinstance(rx, Gated) for rx in rxs) else None

    def absent(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> bool:
        """Whether no regex of the group can match in text[pos:endpos]."""
        return self._gate is not None and self._gate._absent(text, pos, endpos)


def _plain_gate(rx: re.Pattern | Lazy) -> tuple[str, ...] | None:
    strings = gate_strings(rx)
    return strings if strings and all(_plain(s) for s in strings) else None


def gate_all(rxs: dict) -> dict:
    """The same dict, each regex in it gated."""
    return {k: gated(v) if isinstance(v, (re.Pattern, Lazy)) else v for k, v in rxs.items()}
