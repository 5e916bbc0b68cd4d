"""Paragraphs, sentences and section headings of a report (stdlib only).

Offsets always point into the report text, so a sentence's ``text`` is
exactly ``report_text[start:end]``.  Abbreviations and heading patterns are
data (data/claims/sentences.json).

A *heading* is what the resolver and the claim extractor use as the section
context of a sentence: a short title line ("Situation near Avdiivka"), a
one-phrase opening sentence ("Toward Lyman.") or an axis phrase that opens
a paragraph ("In the direction of Kharkiv, ..." / "On the Zaporizhia front, ...").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from frontmap.resources import check_pattern, load_json

_TERMINAL = ".!?…"
_CLOSERS = "\"”’»)]'"
_BULLET = re.compile(r"(?:[-*•–—>]+|#{1,6}|\d{1,2}[.)])\s+")
_CANDIDATE = re.compile(r"[.!?…]+[\"”’»)\]']*(?=\s)")
_INITIALS = re.compile(r"^(?:[A-Z]\.)*[A-Z]$")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str              # == report_text[start:end]
    paragraph: int         # index of the paragraph (see paragraphs())
    heading: str | None    # nearest preceding section heading, None if there is none


@cache
def _lexicon() -> dict:
    data = dict(load_json("text/sentences.json"))    # a copy: compiled fields are added below
    for k, p in enumerate(data["axis_patterns"]):
        check_pattern("text/sentences.json", f"axis_patterns[{k}]", p)
    data["_axis"] = [re.compile(p) for p in data["axis_patterns"]]
    data["_never"] = frozenset(data["never_final"])
    data["_number"] = frozenset(data["before_number"])
    data["_maybe"] = frozenset(w.lower() for w in data["may_be_final"])
    data["_starters"] = frozenset(data["sentence_starters"])
    data["_labels"] = frozenset(w.lower() for w in data["labels"])
    return data


def _lines(text: str) -> list[tuple[int, int]]:
    """Spans of the lines of text, trimmed of surrounding whitespace; blank lines are (i, i)."""
    out, pos = [], 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        stripped = body.strip()
        if stripped:
            lead = len(body) - len(body.lstrip())
            out.append((pos + lead, pos + lead + len(stripped)))
        else:
            out.append((pos, pos))
        pos += len(raw)
    return out


def _words(s: str) -> int:
    return len(s.split())


def _is_wrapped(text: str, blocks: list[list[tuple[int, int]]]) -> bool:
    """True when single newlines are soft line wraps (hard-wrapped prose), not paragraph breaks."""
    inner = [text[s:e] for block in blocks for s, e in block[:-1]]
    if len(inner) < 2:
        return False
    open_ended = sum(1 for ln in inner if ln[-1] not in _TERMINAL + _CLOSERS + ":" and _words(ln) > 8)
    return open_ended / len(inner) >= 0.5


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the paragraphs: blocks separated by blank lines, or by single newlines
    unless the text is hard-wrapped (then only bullets and heading lines break a block)."""
    blocks: list[list[tuple[int, int]]] = [[]]
    for s, e in _lines(text):
        if s == e:
            if blocks[-1]:
                blocks.append([])
        else:
            blocks[-1].append((s, e))
    blocks = [b for b in blocks if b]
    wrapped = _is_wrapped(text, blocks)
    max_head = _lexicon()["heading_max_words"]
    out: list[tuple[int, int]] = []
    for block in blocks:
        if not wrapped:
            out.extend(block)
            continue
        cur_s, cur_e = block[0]
        for prev, (s, e) in zip(block, block[1:]):
            prev_text = text[prev[0]:prev[1]]
            heading_like = (_words(prev_text) <= max_head and prev_text[-1] not in _TERMINAL + ","
                            and text[s:e][:1].isupper())
            if _BULLET.match(text[s:e]) or prev_text.startswith("#") or heading_like:
                out.append((cur_s, cur_e))
                cur_s = s
            cur_e = e
        out.append((cur_s, cur_e))
    return out


def _splits_here(text: str, punct_start: int, nxt: int) -> bool:
    """Whether a sentence ends at the punctuation starting at punct_start (next char at nxt)."""
    lex = _lexicon()
    c = text[nxt]
    if c.islower():
        return False
    if not (c.isupper() or c.isdigit() or c in "\"“‘«([-–—•*#"):
        return False
    if text[punct_start] != ".":
        return True
    m = re.search(r"(\S+)$", text[max(0, punct_start - 60):punct_start])
    tok = m.group(1).lstrip("\"“‘«([") if m else ""
    if tok in lex["_never"] or tok.rstrip(".") in lex["_never"]:
        return False
    if c.isdigit() and tok in lex["_number"]:
        return False
    if tok.lower() in lex["_maybe"]:
        nxt_word = re.match(r"[\w'’]+", text[nxt:])
        return bool(nxt_word and nxt_word.group(0) in lex["_starters"])
    if _INITIALS.match(tok):
        return False
    return True


def _sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, cur = [], start
    for m in _CANDIDATE.finditer(text, start, end):
        nxt = m.end()
        while nxt < end and text[nxt].isspace():
            nxt += 1
        if nxt >= end or not _splits_here(text, m.start(), nxt):
            continue
        spans.append((cur, m.end()))
        cur = nxt
    spans.append((cur, end))
    out = []
    for s, e in spans:
        b = _BULLET.match(text, s, e) if s == start else None
        if b:
            s = b.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.extend(_windows(text, s, e))
    return out


def _windows(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """A sentence cut into windows of at most max_sentence_chars: after the last comma or semicolon
    in the window's second half, else at its last space, else at the limit (a list thousands of
    names long, a page with no full stop)."""
    cap = _lexicon()["max_sentence_chars"]
    out = []
    while e - s > cap:
        limit = s + cap
        cut = max(text.rfind(", ", s + cap // 2, limit), text.rfind("; ", s + cap // 2, limit)) + 1
        if cut <= 0:
            cut = max(text.rfind(" ", s + cap // 2, limit), text.rfind("\n", s + cap // 2, limit))
        if cut <= s:
            cut = limit
        end = cut
        while end > s and text[end - 1].isspace():
            end -= 1
        out.append((s, end))
        s = cut
        while s < e and text[s].isspace():
            s += 1
    if s < e:
        out.append((s, e))
    return out


def _is_label(s: str) -> bool:
    head = re.split(r"[:.]", s, maxsplit=1)[0].strip().lower()
    return head in _lexicon()["_labels"]


def axis_phrase(sentence_text: str) -> str | None:
    """The axis phrase opening a sentence ("In the direction of Kharkiv"), if any."""
    for pat in _lexicon()["_axis"]:
        m = pat.match(sentence_text)
        if m:
            return m.group(0).strip(" ,.:;")
    return None


def _paragraph_heading(text: str, p_idx: int, p_span: tuple[int, int],
                       sents: list[tuple[int, int]]) -> tuple[int, str] | None:
    """(start offset, heading text) if this paragraph is or opens with a heading."""
    lex = _lexicon()
    ptext = text[p_span[0]:p_span[1]]
    if ptext.startswith("#"):
        return p_span[0], ptext.lstrip("#").strip()
    if _is_label(ptext):
        return None
    ends_open = ptext[-1] not in _TERMINAL
    n = _words(ptext)
    if ends_open and len(sents) == 1 and (n <= lex["heading_max_words"] or (p_idx == 0 and n <= lex["title_max_words"])):
        return p_span[0], ptext.strip()
    first = text[sents[0][0]:sents[0][1]]
    axis = axis_phrase(first)
    if axis:                            # a one-phrase sentence ("Toward Lyman.") is the heading as written
        return sents[0][0], first if first.rstrip(".:") == axis else axis
    if len(sents) > 1 and _words(first) <= 3 and first.endswith(".") and not _is_label(first):
        return sents[0][0], first
    return None


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of text, in order, each with its paragraph index and section heading."""
    out: list[Sentence] = []
    heading: str | None = None
    for p_idx, span in enumerate(paragraphs(text)):
        sents = _sentence_spans(text, *span)
        if not sents:
            continue
        head = _paragraph_heading(text, p_idx, span, sents)
        for s, e in sents:
            if head and head[0] <= s:
                heading = head[1]
            out.append(Sentence(start=s, end=e, text=text[s:e], paragraph=p_idx, heading=heading))
    return out
