"""Attribution frames of one sentence: which speaker each stretch of it belongs to.

Painted in order, later (inner) attributions over earlier (outer) ones:
sentence-final attributions ("..., X said."), quotations, "according to X",
colon attributions ("X: ...") and reporting verbs ("X said that ...").
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from frontmap.claims.attribution import OUTLET, DocContext, Frame, Speaker, clean_np, make_speaker
from frontmap.claims.gates import gate_all
from frontmap.claims.lexicon import alternation as alt
from frontmap.claims.lexicon import cue_spans, cues, find_triggers, known_claimant, side_words
from frontmap.text.sentences import Sentence

_COLON = re.compile(r"^([^:“”\"]{2,160}?):\s+(?=\S)")       # "Pushilin: ..."
_COMMA_BEFORE = re.compile(r",\s*$")
_WHICH = re.compile(r"\s*(?:which|as)\s", re.IGNORECASE)
_BY = re.compile(r"\s+by\b")
_THAT = re.compile(r"[^.;:“”\"]{0,80}?\bthat\b\s*")
_PASSIVE_BY = re.compile(r"^\s+by\s+(.{2,120}?)\s*(?:[.,;]|\s(?:as|on|in|at|after|during|earlier|later|last)\s|(?P<that>\sthat\s)|$)")


@cache
def _rx() -> dict[str, re.Pattern]:
    """This module's regexes, built once from the word lists of data/claims/cues.json."""
    contrast = alt("clause_words", "contrast")
    be = alt("auxiliaries", "be_finite", "be_base", "being")
    possessive = r"[\w-]+['’]s"                  # "Moscow's claims"
    return gate_all({
        "boundary": re.compile(rf"(?:\bthat\s|,\s+(?:and|{contrast})\s|;\s|:\s|\s[–—]\s"
                               rf"|,(?=\s+(?:which|as(?!\s+well)|where)\s)|^)", re.IGNORECASE),
        # "While Moscow claims X, | Kyiv says ...": a fronted subordinate clause, closed by its first comma
        "fronted": re.compile(rf"\s*(?:{alt('clause_words', 'fronted')})\s[^,;:]{{3,150}}?,\s+", re.IGNORECASE),
        "noun_before": re.compile(rf"\b(?:{alt('report_nouns', 'modifiers', 'before')}|{possessive})\s*$",
                                  re.IGNORECASE),
        "appositive": re.compile(rf",\s+(?:(?:a|an)\s+[^,;.]{{0,60}}?\b(?:{alt('clause_words', 'appositive')})\b"
                                 rf"|where\b)[^;.]*?(?=[,;.]|$)"),
        "role_word": re.compile(rf"\b(?:{alt('roles', 'colon')})\b", re.IGNORECASE),
        "be_before": re.compile(rf"\b(?:{be})\s+(?:(?:\w+ly|{alt('adverbs', 'passive')})\s+)?$", re.IGNORECASE),
        "verb_last": re.compile(rf"\b(?:{alt('report_nouns', 'verbs')})"
                                rf"\s+(?:(?>(?:{alt('report_nouns', 'modifiers')})\s+|{possessive}\s+))*$", re.IGNORECASE),
        "goes_on": re.compile(rf",\s*(?:{alt('participles', 'goes_on')})\b.*$", re.IGNORECASE),
        "other_clause": re.compile(rf",\s+(?:{contrast})\s", re.IGNORECASE),
        "addressee": re.compile(r"\s*(?:to\s+(?:have\s+)?|to\s+[A-Z][\w’'.-]*(?:(?>\s+[A-Z][\w’'.-]*))*\s+|"
                                rf"(?:{alt('addressees')}|[A-Z][\w’'.-]*(?:(?>\s+[A-Z][\w’'.-]*))+)\s+)?"),
        "adjectival": re.compile(alt("participles", "adjectival"), re.IGNORECASE),
        # the outlet's words before its verification hedge: "... X could not be verified"
        "matrix_aux": re.compile(rf"(?:\s+(?:{alt('verification_lead')}))+\s*$", re.IGNORECASE),
        "article_before": re.compile(rf"\b(?:{alt('determiners', 'articles', 'possessives', 'quantifiers')})\s+$",
                                     re.IGNORECASE),
        "which_is": re.compile(rf"\b(?:{alt('auxiliaries', 'be_finite', 'have')})\b"),
        "according": re.compile(rf"{cues()['according_to'].pattern}\s+", re.IGNORECASE),
    })


def paint(frames: list[Frame], start: int, end: int, speaker: Speaker, explicit: bool = True,
          carry: bool = False) -> None:
    """Give text[start:end] to speaker; what was there before becomes its outer speaker."""
    if end <= start:
        return
    out: list[Frame] = []
    for f in frames:
        if f.end <= start or f.start >= end:
            out.append(f)
            continue
        if f.start < start:
            out.append(Frame(f.start, start, f.speaker, f.outer, f.explicit, f.carry))
        outer = f.speaker if not f.speaker.is_outlet and f.speaker != speaker else f.outer
        out.append(Frame(max(f.start, start), min(f.end, end), speaker, outer, explicit, carry))
        if f.end > end:
            out.append(Frame(end, f.end, f.speaker, f.outer, f.explicit, f.carry))
    frames[:] = out


def _segment_start(text: str, lo: int, pos: int, marks: list[int] = ()) -> int:
    """Where the phrase before pos starts: after the last 'that', ', and', ';', ':', dash or quotation edge."""
    best = lo
    for m in _rx()["boundary"].finditer(text, lo, pos):
        if m.end() <= pos:
            best = m.end()
    for p in marks:
        if best < p + 1 <= pos:
            best = p + 1
    fronted = _rx()["fronted"].match(text, best, pos)
    return fronted.end() if fronted else best


def _content_start(text: str, verb_end: int, limit: int) -> int:
    """Where the reported content starts after a reporting verb: after 'that', an addressee, a colon."""
    window = text[verb_end:min(limit, verb_end + 90)]
    m = _THAT.match(window)
    if m and not find_triggers(window[:m.start() + m.end()]):
        return verb_end + m.end()
    m = _rx()["addressee"].match(window)
    return verb_end + (m.end() if m else 0)


_QUOTED_AS = re.compile(r"\bquot(?:ed|es|e|ing)\s+(?P<np>[^,;:“”\"]{2,100}?)\s+as\s+$", re.IGNORECASE)
_COMMA_END = re.compile(r"(?:,|\s[-–—])\s*$")
_NO_TAIL = re.compile(r"[;“”\"]")


@cache
def _tail_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    c = cues()
    verbs = c["reporting_verbs"].pattern
    lead = r"(?:,|\s[-–—])\s*"         # "..., said X" / "... - informs X" (machine-translated copy)
    # a quoted name may close the phrase (", writes the channel "Two Majors"."), a quotation may not open it
    named = r"(?:[^“”\"]|[“\"][^“”\".,;]{1,40}[”\"](?=[.!]?$))"
    return (re.compile(rf"{lead}(?P<verb>{verbs})\s+(?P<np>{named}{{2,160}}?)[.!]?[”\"]?$", re.IGNORECASE),
            re.compile(rf"{lead}(?P<np>[^,;“”\"–—]{{2,140}}?)\s+(?P<verb>{verbs})"
                       rf"(?P<tail>[^;“”\"]{{0,120}})[.!]?$",
                       re.IGNORECASE),
            re.compile(rf"{lead}{c['according_to'].pattern}\s+(?P<np>[^;“”\"–—]{{2,140}}?)[.!]?$", re.IGNORECASE))


def _tail_matches(pat: re.Pattern, body: str):
    """pat's matches in body; after ", saying ..." (the same speaker goes on, naming nobody) the search
    goes on inside it, where ", said X" may still close the sentence."""
    pos = 0
    while (m := pat.search(body, pos)) is not None:
        if (m.groupdict().get("verb") or "").lower().endswith("ing"):
            pos = m.start() + 1
            continue
        yield m
        pos = m.start() + 1          # a match the caller passed over ("contrary to X's claims") may hide the next



_COORDINATED = re.compile(r"[\s,]+(?:and|but)\s+(?:\w+ly\s+)?$")     # "... and denied", "..., but later admitted"
_TO_HAVE = re.compile(r"\s+to\s+(?:have\s+)?[a-z]")      # a noun-like verb with an infinitive is a verb,
_NOUN_DETERMINED = re.compile(r"(?:['’]s?|\b(?:the|a|an|his|her|its|their|our|such|this|that|these|those|any))\s+$",
                              re.IGNORECASE)                  # unless a possessive or a determiner is right before


class _Aside(tuple):
    """A parenthetical attribution ("X, the ministry said, took Y"): (start, speaker, end) of the aside."""


def _tail_attribution(text: str, sent: Sentence, ctx: DocContext, cues_here: tuple[list, list] | None = None,
                      contrary: list[tuple[int, int]] = ()) -> tuple[int, Speaker, int] | None:
    """'..., X said.' / '..., said X.' / '..., according to X.' at the end of a sentence: where it starts,
    the speaker, and where it ends (", while Kyiv said ..." after it is another attribution).
    ``cues_here``: cue_spans() of the sentence, when the caller has them; ``contrary``: the spans of its
    "contrary to X's claims" phrases, which name who is doubted, not who speaks."""
    body = sent.text
    if "," not in body and not re.search(r"\s[-–—]\s", body):
        return None
    verbs, according = cues_here if cues_here is not None else cue_spans(text, sent.start, sent.end)
    e = sent.end

    def after_comma(v) -> bool:
        return bool(_COMMA_END.search(text, max(sent.start, v.start() - 4), v.start()))

    def clean_tail(v, room: int) -> bool:
        return e - v.end() <= room and not _NO_TAIL.search(text, v.end(), e)

    # the patterns are costly (a lazy phrase before ~200 verbs); run each only where it could match
    could = (any(after_comma(v) and e - v.end() <= 165 for v in verbs),
             any(text[v.start() - 1:v.start()].isspace() and clean_tail(v, 125)
                 and 0 <= v.start() - max(text.rfind(d, sent.start, v.start()) for d in (",", " -", " –", " —"))
                 <= 150
                 for v in verbs),
             any(after_comma(a) and clean_tail(a, 150) for a in according))
    for pat in (p for p, ok in zip(_tail_patterns(), could) if ok):
        for m in _tail_matches(pat, body):
            if any(a <= sent.start + m.start("np") < b for a, b in contrary):
                continue                    # ", contrary to Russian claims": who is doubted, not who speaks
            # ", adding that ...": the same speaker goes on
            tail = _rx()["goes_on"].sub("", m.groupdict().get("tail") or "")
            if len(tail.split()) > 16 or find_triggers(tail.split(",")[0]):
                continue
            # "Russian troops, the ministry said, took X": a parenthesis; the whole sentence is its speaker's
            aside = bool(re.match(r"\s*,", tail)) and bool(find_triggers(tail))
            np = m.group("np")
            if re.match(r"\s*that\b", np):
                continue
            if "tail" in m.groupdict() and _rx()["be_before"].search(np + " "):
                by = _PASSIVE_BY.match(m.group("tail"))     # "..., it was reported by TASS": TASS speaks
                if not by:
                    continue
                np = by.group(1)
                m_np = m.start("tail") + by.start(1)
            else:
                m_np = m.start("np")
            sp = make_speaker(np, sent.start + m_np, body[:m.start()], ctx)
            if sp and sp.guessed and "verb" in m.groupdict() and cues()["admission_verbs"].fullmatch(m.group("verb")):
                sp = replace(sp, admits=True)         # "..., the commander admitted": his side's setback
            verb = (m.groupdict().get("verb") or "").lower()
            if sp and (cues()["denial_verbs"].fullmatch(verb) or (
                    "tail" in m.groupdict() and cues()["denial_verbs"].search(m.group("tail") or "")
                    and _rx()["be_before"].search(m.group("np") + " "))):
                sp = replace(sp, denies=True)         # "..., Kyiv denied.", "..., was denied by Kyiv."
            if sp and aside:          # the verb's span is skipped by the verb ops; the sentence is painted whole
                return _Aside((sent.start + m.start(), sp, sent.start + m.end("verb")))
            if sp:
                other = _rx()["other_clause"].search(body, m.end("verb") if "verb" in m.groupdict() else m.end("np"))
                return sent.start + m.start(), sp, sent.start + other.start() if other else sent.end
    return None



def _colon_speaker(np: str, start: int, content: str, ctx: DocContext) -> Speaker | None:
    """'X: ...' names a speaker only if X looks like one: a known claimant, a role, a side, or a short name."""
    known = known_claimant(np)
    if known and len(np.split()) > 8:
        np, start = np[known[1]:known[2]], start + known[1]
    sp = make_speaker(np, start, content, ctx)
    if sp is None:
        return None
    words = clean_np(np).split()
    if known or side_words(np) or _rx()["role_word"].search(np) \
            or (len(words) <= 3 and all(w[:1].isupper() for w in words)):
        return sp
    return None


def sentence_frames(text: str, sent: Sentence, ctx: DocContext, base: Speaker) -> tuple[list[Frame], Speaker | None]:
    """The frames of a sentence, and the speaker named by "This was stated by X" (for the sentence before)."""
    c = cues()
    s, e = sent.start, sent.end
    frames = [Frame(s, e, base)]
    back = c["this_was_stated"].match(c["labels"].sub("", sent.text))
    if back:
        sp = make_speaker(back.group(1) or back.group(2), s, "", ctx)
        if sp:
            ctx.said(sp)
            return frames, sp
    here = cue_spans(text, s, e)               # the reporting verbs, for the tail and the verb ops
    contrary = [(s + m.start(), s + m.end()) for m in c["contrary_to"].finditer(sent.text)]
    tail = _tail_attribution(text, sent, ctx, here, contrary)
    if tail:
        paint(frames, s, e if isinstance(tail, _Aside) else tail[0], tail[1], carry=True)
        if not tail[1].is_outlet:
            # "X fell, a commander said, though he said ...": the pronoun after it points back to this speaker
            ctx.said(tail[1])
    quotes = [(max(qs, s), min(qe, e), sp) for qs, qe, sp in ctx.quotes if qs < e and qe > s]
    for qs, qe, sp in quotes:
        if sp:
            paint(frames, qs, qe, sp, carry=True)
    marks = sorted({p for qs, qe, _ in quotes for p in (qs, qe)})
    ops = _colon_ops(sent, ctx) + _according_ops(text, sent, ctx, marks, here[1]) \
        + _verb_ops(text, sent, ctx, base, frames, tail, marks, here[0], contrary)
    for m in c["impersonal_attribution"].finditer(text, s, e):
        ops.append((m.start(), m.end(), e, Speaker(OUTLET.text, "outlet", hedged=True), False))
    for _, a, b, sp, carries in sorted(ops, key=lambda o: o[0]):
        if sp is None:                  # "X denied that ..., saying fighting goes on": X goes on, not denying
            here = tail[1] if tail and tail[0] < a < tail[2] else \
                next((f.speaker for f in frames if f.start <= a < f.end), base)
            sp = Speaker(here.text, here.side, here.hedged)
        paint(frames, a, b, sp, carry=carries)
    _outlet_appositives(text, sent, ctx, frames, quotes, tail)
    merged = _merge(frames)
    for f in merged:
        if f.explicit and not f.speaker.is_outlet:
            ctx.said(f.speaker)
    return merged, None


_Op = tuple[int, int, int, "Speaker | None", bool]      # (position, paint from, paint to, speaker, carries on)


def _colon_ops(sent: Sentence, ctx: DocContext) -> list[_Op]:
    """"Pushilin: ..." / "The ministry: ..." at the start of a sentence."""
    c = cues()
    colon = _COLON.match(sent.text)
    if not colon or c["labels"].match(sent.text) or c["quote_label"].match(sent.text) \
            or c["reporting_verbs"].search(colon.group(1)) or find_triggers(colon.group(1)) \
            or len(clean_np(colon.group(1)).split()) > 12:
        return []
    sp = _colon_speaker(colon.group(1), sent.start, sent.text[colon.end():], ctx)
    return [(sent.start, sent.start + colon.end(), sent.end, sp, True)] if sp else []


def _according_ops(text: str, sent: Sentence, ctx: DocContext, marks: list[int], according: list) -> list[_Op]:
    """"According to X, ..." covers the sentence around it (up to other attributions).  ``according``: the
    sentence's "according to" phrases (cue_spans), a whole word each."""
    c = cues()
    s, e = sent.start, sent.end
    ops: list[_Op] = []
    for a in according:
        m = _rx()["according"].match(sent.text, a.start() - s)
        if m is None:
            continue
        rest = sent.text[m.end():]
        # "(according to X)": the bracket closes the name
        x = re.match(r"([^,.;:“”\"–—()]{2,100}?)(?:,\s+((?:[a-z][^,.;:()]{2,100}?)),)?\s*(?=[,.;:“\"–—)]|$)", rest)
        sp = make_speaker(x.group(0), s + m.end(), rest, ctx) if x else None
        if sp:
            dash = re.search(r"\s*[–—]\s*$", text[s:s + m.start()])     # "X – according to Y – ..."
            pre = s + (dash.start() if dash else m.start())
            seg = _segment_start(text, s, pre, marks)
            # a parenthesis between a subject and its verb ("Russian forces, according to Y, have taken X")
            # is one too: the speaker's words run through it
            aside = dash or (re.search(r",\s*$", text[seg:pre]) and text[seg:pre].strip(" ,")
                             and not find_triggers(text, seg, pre) and re.match(r"\s*,", rest[x.end():]))
            ops.append((s + m.start(), seg, e if aside else pre, sp, True))
            ops.append((s + m.start(), s + m.end() + x.end(), e, sp, True))
    return ops


def _verb_ops(text: str, sent: Sentence, ctx: DocContext, base: Speaker, frames: list[Frame],
              tail: tuple[int, Speaker, int] | None, marks: list[int], verbs: list | None = None,
              contrary: list[tuple[int, int]] = ()) -> list[_Op]:
    """"X said (that) ...", "..., which X announced", "..., saying ..." (not inside a "contrary to" phrase)."""
    c = cues()
    s, e = sent.start, sent.end
    ops: list[_Op] = []
    verbs_here = list(verbs if verbs is not None else cue_spans(text, s, e)[0])
    for v in verbs_here:
        if any(a <= v.start() < b for a, b in contrary):
            continue                        # "contrary to claims by X": the outlet doubts X (see extract)
        word = v.group(0).lower()
        quoted = _QUOTED_AS.search(text, s, v.start()) if word.endswith("ing") else None
        if quoted:
            # "RIA quoted a military expert as saying that ...": the one quoted says it
            sp = make_speaker(quoted.group("np"), quoted.start("np"), text[v.end():e], ctx,
                              next((f.speaker for f in frames if f.start <= v.start() < f.end), base))
            if sp is not None and not sp.is_outlet:
                ctx.said(sp)
                ops.append((v.start(), _content_start(text, v.end(), e), e, sp, True))
                continue
        comma = _COMMA_BEFORE.search(text[s:v.start()])
        if word.endswith("ing") and comma:       # ", saying ...": the same speaker goes on, from the comma
            ops.append((v.start(), s + comma.start(), e, None, False))
            continue
        if tail and tail[0] <= v.start() < tail[2]:
            continue                                   # the verb of a sentence-final attribution
        if c["noun_like_verbs"].fullmatch(word) and (_rx()["noun_before"].search(text[s:v.start()])
                                                     or re.match(r"\s+of\b", text[v.end():])) \
                and not (_TO_HAVE.match(text, v.end()) and not _NOUN_DETERMINED.search(text, s, v.start())):
            # "the enemy claims to have taken X" is a verb; "Russia's claim to have taken X" a noun
            ops += _owned_noun_op(text, sent, ctx, v, marks, frames, base, tail)
            continue
        if _rx()["adjectival"].fullmatch(word) and _rx()["article_before"].search(text[s:v.start()]) \
                and not _SUBJECT_FIRST.search(text, s, v.start()):
            continue                    # "the first claimed gains", not "Moscow first claimed"
        seg = _segment_start(text, s, v.start(), marks)
        # "The brigade said the enemy claims ...": the phrase starts after the reporting verb before it
        # (not after a word that may be a noun: "Russian claims the village fell are untrue")
        before = [u for u in verbs_here if seg <= u.end() < v.start()
                  and not c["noun_like_verbs"].fullmatch(u.group(0).lower())]
        if before:
            seg = before[-1].end()
        np_raw = text[seg:v.start()]
        prev = next((o for o in reversed(ops) if o[3] is not None and o[0] < v.start()), None)
        if before and prev is not None and _COORDINATED.search(np_raw) and not _rx()["be_before"].search(np_raw):
            # "X said fighting goes on in A and denied it had fallen": the second verb is X's too, and the
            # first verb's words end where it starts
            sp = replace(prev[3], denies=bool(c["denial_verbs"].fullmatch(word)),
                         silent=_unclaimed(word, np_raw) is not None)
            ops.append((v.start(), v.start(), e, sp, True))
            continue
        if prev is not None and not np_raw.strip() and _AND_BUT_END.search(text, s, seg):
            # "X did not say when, but said ...": the verb after ", but" with no subject of its own is X's
            sp = replace(prev[3], denies=bool(c["denial_verbs"].fullmatch(word)), silent=False)
            ops.append((v.start(), _content_start(text, v.end(), e), e, sp, True))
            continue
        if c["noun_like_verbs"].fullmatch(word) and _rx()["verb_last"].search(np_raw):
            continue                                   # "said reports that ...": a noun after the verb
        if _WHICH.match(np_raw) and _rx()["which_is"].search(np_raw):
            seg = _segment_start(text, s, max(s, seg - 2), marks)      # "X, which is deployed there, said"
            np_raw = text[seg:v.start()]
        here = next((f.speaker for f in frames if f.start <= v.start() < f.end), base)
        # "The General Staff said the enemy claims ...": the enemy is the other side of who tells it
        here = next((o[3] for o in reversed(ops) if o[3] is not None and o[1] <= v.start() < o[2]), here)
        if _rx()["be_before"].search(np_raw) and word.split()[0].endswith("ing"):
            np_raw = _rx()["be_before"].sub("", np_raw)         # "the enemy is bragging about": progressive
        elif _rx()["be_before"].search(np_raw):
            ops += _passive_op(text, sent, ctx, v, seg, here)   # "Reports that X fell were denied by Y"
            continue
        if _BY.match(text[v.end():e]):
            if c["noun_like_verbs"].fullmatch(word):
                ops += _owned_noun_op(text, sent, ctx, v, marks, frames, base, tail)     # "Claims by X that ..."
            continue                                   # "..., a claim denied by Kyiv": a follow-up's (denied_by)
        # "has not (yet) claimed", "did not announce": the speaker makes no claim (Speaker.silent)
        unclaimed = _unclaimed(word, np_raw)
        sp = make_speaker(np_raw[:len(np_raw) - len(unclaimed.group(0))] if unclaimed else np_raw, seg,
                          text[v.end():e], ctx, here)
        if sp is None:
            continue
        if c["denial_verbs"].fullmatch(word):
            sp = Speaker(sp.text, sp.side, sp.hedged, denies=True, guessed=sp.guessed)
        elif sp.guessed and c["admission_verbs"].fullmatch(word):
            sp = replace(sp, admits=True)
        if unclaimed is not None:
            sp = replace(sp, silent=True)       # "Russian sources have not yet claimed X": no claim is made
        if not sp.is_outlet:
            ctx.said(sp)
        if _WHICH.match(np_raw) and not text[s:seg].strip():
            # "As the ministry reported, ...": opening the sentence, the words follow the verb
            start = _content_start(text, v.end(), e)
            ops.append((v.start(), start, e, sp, False))
        elif _WHICH.match(np_raw) and (inner := _INNER_RELATIVE.match(text, v.end(), e)):
            # "X, which Russia claims to have captured, is still contested": the relative clause is the
            # speaker's (about X); the sentence's own predicate after it is not
            ops.append((e + 1, seg, inner.end() + 1, sp, False))    # painted last: over what covers the sentence
        elif _WHICH.match(np_raw):     # "..., which the ministry announced"
            ops.append((v.start(), _segment_start(text, s, max(s, seg - 2), marks), seg, sp, True))
        else:
            start = _content_start(text, v.end(), e)
            # "said that ..." and "reported 30 clashes" open an account the next sentences go on with
            carries = text[v.end():start].strip().endswith("that") or bool(c["summary_object"].match(text, v.end(), e))
            ops.append((v.start(), start, e, sp, carries))
    return ops


def _unclaimed(word: str, np_raw: str) -> re.Match | None:
    """The negation right before a claim verb ("have not yet" claimed), which the speaker's phrase ends with."""
    c = cues()
    return c["unclaimed"].search(np_raw[-40:]) if c["claim_verbs"].fullmatch(word) else None


_INNER_RELATIVE = re.compile(r"\s+(?:to\s+have|that)\s[^,;:.]{2,80}?(?=,\s+\w)", re.IGNORECASE)
_AND_BUT_END = re.compile(r",\s+(?:and|but)\s+$", re.IGNORECASE)
_SUBJECT_FIRST = re.compile(r"\b(?!(?:the|a|an|its|their|his|her|our)\b)\w+\s+first\s+$", re.IGNORECASE)
_OWNER = re.compile(r"['’]s\s+(?:[a-z]+\s+)?$")          # "Moscow's claim", "Kyiv's latest claim"
_BY_OWNER = re.compile(r"\s+by\s+(?P<np>[^,;:“”\"]{2,80}?)\s+(?:that\s+|to\s+have\s+)")
_OWNED_CONTENT = re.compile(r"\s+(?:that\s+|to\s+have\s+)")


def _owned_noun_op(text: str, sent: Sentence, ctx: DocContext, v, marks: list[int], frames: list[Frame],
                   base: Speaker, tail) -> list[_Op]:
    """"Moscow's claim that it had taken X could not be verified": the owner of a report noun says what its
    that-clause says, up to the outlet's hedge.  Not where the sentence denies (the denial is about the
    owner's words, and its own frame reads it), nor before a sentence-final attribution."""
    c = cues()
    owner = _OWNER.search(text, sent.start, v.start())
    content = _OWNED_CONTENT.match(text, v.end(), sent.end)
    by = _BY_OWNER.match(text, v.end(), sent.end) if owner is None else None     # "claims by Moscow that ..."
    if by is not None:
        content = by
    before = owner.start() if owner is not None else v.start()
    if (owner is None and by is None) or content is None or tail is not None \
            or c["denials"].search(text, sent.start, sent.end) \
            or c["denial_verbs"].search(text, sent.start, sent.end) \
            or c["reporting_verbs"].search(text, sent.start, before):
        # "Kyiv rejected Moscow's claim that ...": the noun is another verb's object, read with it
        return []
    if by is not None:
        seg, np_raw = by.start("np"), by.group("np")
    else:
        seg = _segment_start(text, sent.start, owner.start(), marks)
        np_raw = text[seg:owner.start()]
    start = content.end()
    hedge = c["verification_hedge"].search(text, start, sent.end)
    end = hedge.start() if hedge else sent.end
    if hedge:
        end = start + len(_rx()["matrix_aux"].sub("", text[start:end]))    # "... X could not be verified": the outlet's
    here = next((f.speaker for f in frames if f.start <= v.start() < f.end), base)
    sp = make_speaker(np_raw, seg, text[start:end], ctx, here)
    if sp is None or sp.is_outlet:
        return []
    ctx.said(sp)
    return [(v.start(), start, end, sp, False)]


def _passive_op(text: str, sent: Sentence, ctx: DocContext, v, seg: int, here: Speaker) -> list[_Op]:
    """"The capture of X was confirmed by the ministry": the agent after "by" says what comes before the verb."""
    by = _PASSIVE_BY.match(text[v.end():sent.end])
    if not by:
        return []
    sp = make_speaker(by.group(1), v.end() + by.start(1), text[seg:v.start()], ctx, here)
    if sp is None or sp.is_outlet:
        return []
    if cues()["denial_verbs"].fullmatch(v.group(0).lower()):
        sp = Speaker(sp.text, sp.side, sp.hedged, denies=True, guessed=sp.guessed)
    ctx.said(sp)
    if by.group("that"):                # "Putin was told by Gerasimov that ...": the words follow the agent
        return [(v.start(), v.end() + by.end("that"), sent.end, sp, True)]
    return [(v.start(), seg, v.start(), sp, False)]


def _outlet_appositives(text: str, sent: Sentence, ctx: DocContext, frames: list[Frame], quotes: list,
                        tail: tuple | None = None) -> None:
    """"X, a town that has faced shelling" inside someone's words is the outlet's background; not
    before a sentence-final attribution ("..., near X, where fighting goes on, the brigade said"),
    which closes words that the clause is part of."""
    c = cues()
    closes = tail[0] if tail and not isinstance(tail, _Aside) else None
    for ps, pe in ctx.places_within(sent.start, sent.end):
        m = _rx()["appositive"].match(text, pe, sent.end)
        if m is None or (closes is not None and m.end() <= closes) or any(qs <= m.start() < qe for qs, qe, _ in quotes) \
                or c["according_to"].search(m.group(0)) or c["reporting_verbs"].search(m.group(0)):
            continue
        if any(not f.speaker.is_outlet for f in frames if f.start <= m.start() < f.end):
            paint(frames, m.start(), m.end(), OUTLET, explicit=False)
            for f in frames:
                if f.start == m.start():
                    f.anchor = (ps, pe)


def _merge(frames: list[Frame]) -> list[Frame]:
    """A quotation inside the same speaker's words is one frame with them."""
    merged: list[Frame] = []
    for f in frames:
        if merged and merged[-1].speaker == f.speaker and merged[-1].anchor is None and f.anchor is None:
            prev = merged[-1]
            # the part past a closing attribution has no outer speaker: the one inside it has
            merged[-1] = Frame(prev.start, f.end, prev.speaker, prev.outer if prev.outer == f.outer or f.outer is None
                               else f.outer if prev.outer is None else None,
                               prev.explicit or f.explicit, f.carry or prev.carry)
        else:
            merged.append(f)
    return merged
