"""The attribution walk: every sentence of a report cut into frames, each told by one speaker.

A speaker's scope is a discourse span: it opens at the introduction (before or after the words,
"This was stated by X", a header line over a block, a title naming the source, a "Source:" line),
runs on through the sentences an account carries to (a post-posed "X said", "Besides, ..."), and
ends where another source or the outlet's own voice comes in.  Quotations take their speakers as
their sentences are reached, so a pronoun or "its spokesman" finds the speaker named just before.
extract.claim_steps reads the claims from these frames.
"""
from __future__ import annotations

import re
from functools import cache

from frontmap.claims.attribution import (OUTLET, Frame, Speaker, header_speaker, make_speaker,
                                         paragraph_quote_speakers, quote_speakers_before)
from frontmap.claims.frames import paint, sentence_frames
from frontmap.claims.gates import gate_all
from frontmap.claims.headers import Header, another_speaker, colon_line, title_speaker, under_header, untold_digest
from frontmap.claims.items import State
from frontmap.claims.lexicon import cues, known_claimant
from frontmap.text.sentences import Sentence


@cache
def _rx() -> dict[str, re.Pattern]:
    return gate_all({
        # what may stand before a claimant that is the subject: "The", "Ukraine's", "Russian President"
        "subject_lead": re.compile(r"[\W_]*(?:(?>(?:[Tt]he|[Aa]n?|[A-Z][\w'’.-]*)\s+))*"),
        "subject_phrase": re.compile(r"[\W_]*(?:(?>(?:[Tt]he|[Aa]n?|of|for|and|[A-Z][\w'’.-]*)\s+))*[A-Z][\w'’.-]*"),
    })


def frames_of(st: State) -> list[tuple[Sentence, list[Frame]]]:
    """Every sentence of the report with its attribution frames, in order."""
    c = cues()
    text, ctx = st.text, st.ctx
    paras: dict[int, list[Sentence]] = {}
    for s in st.sentences:
        paras.setdefault(s.paragraph, []).append(s)
    out: list[tuple[Sentence, list[Frame]]] = []
    carry: Speaker | None = None
    last_para = None
    header: Header | None = None
    untold: int | None = None           # after a digest title naming no source: the paragraph whose speaker owns the report
    for sent in st.sentences:
        if sent.paragraph != last_para:
            group = paras[sent.paragraph]
            # the quotations of the paragraph, each resolved when its sentence is reached
            paragraph_quote_speakers(text, (group[0].start, group[-1].end), group, ctx, before=sent.end)
            # "Besides, ..." opening a paragraph goes on with the account before it (wire copy: a paragraph a sentence)
            carry = carry if carry and c["account_goes_on"].match(sent.text) else None
            last_para = sent.paragraph
            if header and not under_header(st.text, st.ctx, header, group):
                ctx.source, header = header.outer, None
            if re.match(r"^\W*Background\b", sent.text):
                ctx.source, header = None, None
        else:
            quote_speakers_before(text, ctx, sent.end)
        src = c["source_label"].match(sent.text)
        if src:
            sp = make_speaker(src.group(1), sent.start, "", ctx)
            if sp and not sp.is_outlet:
                ctx.source, header = sp, None
                _source_backward(st, out, sent.paragraph, sp)
            out.append((sent, []))
            continue
        sp = title_speaker(sent, ctx) if sent.heading is not None or not out else None
        if sp is None and not out and untold_digest(sent):
            # the report's source is whoever the paragraph after the title names
            untold = next((s.paragraph for s in st.sentences if s.paragraph > sent.paragraph), None)
        if sp is not None:
            # "General Staff: operational information as of 08:00": the whole report is that source's
            ctx.source, header = sp, None
            ctx.said(sp)
            out.append((sent, []))
            continue
        line = colon_line(text, sent)
        head = header_speaker(*line, ctx) if line else None
        if head:                            # "The General Staff reports:" over the lines below
            header = Header(head, header.outer if header else ctx.source)
            ctx.source, carry = head, None
            if not head.is_outlet:
                ctx.said(head)
            out.append((sent, sentence_frames(text, sent, ctx, head)[0]))
            continue
        reset = bool(c["outlet_reset"].match(sent.text))
        if header and header.mode == "text" and reset:      # "If confirmed, ...": the outlet again
            ctx.source, header = header.outer, None
        base = carry if carry and not reset else (ctx.source or OUTLET)
        said = (ctx.last_speaker, list(ctx.history))
        frames, back = sentence_frames(text, sent, ctx, base)
        if header and header.mode == "text" and base is header.speaker \
                and another_speaker(header.speaker, [f.speaker for f in frames if f.explicit]):
            # a paragraph naming another speaker ends the header's block: the outlet tells it again
            ctx.source, header = header.outer, None
            ctx.last_speaker, ctx.history[:] = said
            base = ctx.source or OUTLET
            frames, back = sentence_frames(text, sent, ctx, base)
        lead = min((f for f in frames if f.explicit and not f.speaker.is_outlet), key=lambda f: f.start, default=None)
        if carry is not None and base is carry and lead is not None and another_speaker(carry, [lead.speaker]):
            # "..., the ministry said. Ukraine's army said X was not taken": a sentence told by another
            # speaker ends the account carried on to it; its words are not inside the first speaker's
            ctx.last_speaker, ctx.history[:] = said
            base = ctx.source or OUTLET
            frames, back = sentence_frames(text, sent, ctx, base)
        if back is not None and header and header.mode == "text" and another_speaker(header.speaker, [back]):
            ctx.source, header = header.outer, None
        if back is not None and out and out[-1][0].paragraph >= sent.paragraph - 1:
            prev_frames = out[-1][1]              # "This was stated by X": the sentence before is X's
            for f in list(prev_frames):
                if not f.explicit:
                    paint(prev_frames, f.start, f.end, back)
            frames = []
        out.append((sent, frames))
        named = [f for f in frames if f.explicit and not f.speaker.is_outlet]
        if not named:
            _subject_named(st, sent)
        if untold is not None and sent.paragraph >= untold:
            if named and sent.paragraph == untold and ctx.source is None and header is None:
                ctx.source = named[0].speaker    # "Operational information ...", then "The General Staff reports that"
            if named or sent.paragraph > untold:
                untold = None
        if named:
            # "X claimed ..., but ISW has not observed confirmation": the doubter breaks the account off
            carry = named[-1].speaker if named[-1].carry and not c["verification_hedge"].search(sent.text) else None
        elif not (base is carry and carry is not None and not reset):
            carry = None
    return out


def _subject_named(st: State, sent: Sentence) -> None:
    """"The General Staff did not comment. It said ...": a known claimant as a sentence's subject is
    who "it" or "the spokesman" in the next sentence points back to, though it reported nothing here."""
    # the registry is asked about the sentence only when its opening capitalised phrase names someone
    lead = _rx()["subject_phrase"].match(sent.text)
    if lead is None or known_claimant(lead.group(0)) is None:
        return
    known = known_claimant(sent.text[:160])         # whole-phrase aliases ("Kyiv denied") need the sentence
    if known is None or not _rx()["subject_lead"].fullmatch(sent.text[:known[1]]):
        return
    sp = make_speaker(sent.text[:known[2]], sent.start, "", st.ctx)
    if sp is not None and not sp.is_outlet:
        st.ctx.said(sp)


def _source_backward(st: State, done: list[tuple[Sentence, list[Frame]]], para: int, sp: Speaker) -> None:
    """A "Source: X" line also covers the lead paragraph above it, unless that paragraph names X itself."""
    prev = [(s, fr) for s, fr in done if s.paragraph == para - 1]
    if not prev:
        return
    lead = " ".join(s.text for s, _ in prev)
    named = known_claimant(lead)
    if sp.text.lower() in lead.lower() or (named and named[0].name == (known_claimant(sp.text) or (None,))[0]):
        return
    for _, frames in prev:
        for f in list(frames):
            if not f.explicit and f.speaker.is_outlet:
                paint(frames, f.start, f.end, sp)
