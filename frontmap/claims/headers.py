"""Header lines and the blocks they govern: who speaks in the lines below "According to X, over
the past day:", and a title that makes a whole report one source's ("X: operational information").

extract._frames walks the sentences; this module says whether a line is a header, whether a
paragraph is still in a header's block, and when another speaker ends it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from frontmap.claims.attribution import DocContext, Speaker, header_speaker
from frontmap.claims.gates import gate_all
from frontmap.claims.lexicon import alternation as alt
from frontmap.claims.lexicon import cues, find_triggers, known_claimant
from frontmap.text.sentences import Sentence, axis_phrase


@cache
def _rx() -> dict[str, re.Pattern]:
    return gate_all({
        "digest_title": re.compile(rf"^[^\w(]*([^:\n]{{2,120}}?)\s*:\s*(?:(?>(?:{alt('headers', 'digest_modifiers')})\s+))*"
                                   rf"(?:{alt('headers', 'digests')})\b", re.IGNORECASE),
        # "Summary of the Ministry of Defence on the progress of ...": a title that names its source after the
        # digest (with a colon at its end it is a header over the block below, not the report's title)
        "digest_of_title": re.compile(rf"^[^\w(]*(?:(?>(?:{alt('headers', 'digest_modifiers')})\s+))*"
                                      rf"(?:{alt('headers', 'digests')})\s+(?:{alt('headers', 'digest_of')})\s+"
                                      rf"([^:\n]{{2,120}}?)(?:\s+(?:{alt('headers', 'topic_of')}|for|as of)\b[^:\n]*)?\.?$",
                                      re.IGNORECASE),
        # "Operational information as of 08:00 on 20 November": a digest title that names no source
        "bare_digest": re.compile(rf"^[^\w(]*(?:(?>(?:{alt('headers', 'digest_modifiers')})\s+))*"
                                  rf"(?:{alt('headers', 'digests')})\b(?![^\n]*\b(?:{alt('headers', 'digest_of')})\s+(?-i:[A-Z]))",
                                  re.IGNORECASE),
        "bullet": re.compile(rf"[^\S\n]*(?:{alt('headers', 'bullet')})[^\S\n]"),
    })


@dataclass
class Header:
    """A header line's speaker over the block below it ("According to X, over the past day:")."""
    speaker: Speaker
    outer: Speaker | None            # the report's source before the header, back when the block ends
    mode: str | None = None          # set by the block's first line: "list", "quote", "lines" or "text"


def title_speaker(sent: Sentence, ctx: DocContext) -> Speaker | None:
    """"General Staff: operational information as of 08:00": the source a title names with its digest,
    whose the whole report is; None for a topic ("Ukraine war: latest update")."""
    title = _rx()["digest_title"].match(sent.text) or _rx()["digest_of_title"].match(sent.text)
    if title is None or not _names_a_body(title.group(1)):
        return None
    sp = header_speaker(title.group(1) + ":", sent.start, ctx)
    return sp if sp is not None and not sp.is_outlet else None


def untold_digest(sent: Sentence) -> bool:
    """"Operational information as of 08:00": a title naming a digest but not its source, which the
    report's first sentence names ("The General Staff reports that ..."): that source's is the report."""
    return bool(_rx()["bare_digest"].match(sent.text))


def _names_a_body(np: str) -> bool:
    """The phrase is a known claimant's name, nearly whole, and not a country's ("Ukraine war")."""
    known = known_claimant(np)
    return bool(known) and known[0].type != "state" and known[2] - known[1] >= len(np.strip()) - 12


def colon_line(text: str, sent: Sentence) -> tuple[str, int] | None:
    """The sentence, without Markdown emphasis around it ("**X update:**"), and where that starts, if
    it ends with a colon and so does its line: a header over the lines below."""
    if text[sent.end:].split("\n", 1)[0].strip():
        return None
    lead = len(sent.text) - len(sent.text.lstrip("*_"))
    line = re.sub(r"[*_]+(?=:$)", "", sent.text[lead:].rstrip("*_"))
    return (line, sent.start + lead) if line.endswith(":") else None


def under_header(text: str, ctx: DocContext, header: Header, group: list[Sentence]) -> bool:
    """Whether the paragraph of these sentences is still in a header's block.  A line that names
    nobody and ends with a colon ("Kupiansk direction:") changes nothing; a heading ends the block
    unless it only names places ("Kupiansk direction") or, unmarked, names an event ("Novoselivka
    liberated": an item); the block's first line sets its kind: a list
    goes on over blank lines while its lines are items, a quotation while its paragraphs open with a
    quotation mark, lines with no item marks (an HTML list) up to a blank line, paragraphs until a
    heading, another header, another speaker or the outlet's own words ("If confirmed, ...")."""
    first = group[0]
    line = text.rfind("\n", 0, first.start) + 1
    if len(group) == 1 and colon_line(text, first):
        return True                     # a header naming someone starts a block of its own
    item = bool(_rx()["bullet"].match(text, line))
    marked = text[line:first.start].strip().startswith("#")
    heading = not item and len(group) == 1 and first.heading is not None \
        and first.heading.strip() == first.text.strip()
    if heading and (marked or not find_triggers(first.text)):
        return _only_places(text, ctx, first)   # a line with an event under a header is one of its items
    if header.mode is None:
        compact = bool(re.match(r"[^\S\n]*\n[^\S\n]*\S", text[group[-1].end:]))   # a line right below
        header.mode = "list" if item else "quote" if first.text[:1] in "“«\"" else "lines" if compact else "text"
        return True
    if header.mode == "list":           # an indented or lower-case line goes on with the item above it
        return item or text[line:line + 1].isspace() or first.text[:1].islower()
    if header.mode == "quote":
        return first.text[:1] in "“«\""
    if header.mode == "lines":          # lines without marks (an HTML list): up to a blank line
        return not re.search(r"\n[^\S\n]*$", text[:max(0, line - 1)])
    return True


def _only_places(text: str, ctx: DocContext, sent: Sentence) -> bool:
    """The sentence names places and nothing else: an axis heading ("Kupiansk direction", "Toward Lyman.")."""
    if axis_phrase(sent.text):
        return True
    pos, filler = sent.start, cues()["topic_filler"]
    spans = ctx.places_within(sent.start, sent.end)
    for s, e in spans + [(sent.end, sent.end)]:
        if s < pos or filler.match(text, pos, s).end() != s:
            return False
        pos = e
    return bool(spans)


def another_speaker(speaker: Speaker, named: list[Speaker]) -> bool:
    """Someone other than speaker (and than the outlet) is among those a sentence names."""
    own = known_claimant(speaker.text)
    for sp in named:
        if sp.is_outlet or sp.text.lower() == speaker.text.lower():
            continue
        k = known_claimant(sp.text)
        if not (own and k and k[0].name == own[0].name):
            return True
    return False
