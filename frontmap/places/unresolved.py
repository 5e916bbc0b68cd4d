"""The names a report leaves unresolved or ambiguous, as rows an analyst can act on.

One shape for the CLI's `unresolved` (from a fresh extraction) and for a brief's
table (from the ledger): the name as written, status, best guess, suggestions
and the sentence it stands in.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass

from frontmap.model import Place
from frontmap.text.sentences import split_sentences


@dataclass(frozen=True)
class UnresolvedRow:
    report: str
    date: str
    text: str
    status: str
    best: str | None
    confidence: float
    suggestions: str
    sentence: str

    def to_dict(self) -> dict:
        return asdict(self)


def suggestions_text(place: Place) -> str:
    """"Name (oblast, raion)" for each alternative, "; "-separated."""
    return "; ".join(f"{a.name or '?'} ({a.oblast or '?'}, {a.raion or '?'})" for a in place.alternatives)


def unresolved_rows(places: Iterable[Place], text: str, *, report: str, date: str) -> list[UnresolvedRow]:
    """A row for each of ``places`` (of one report whose text is ``text``), in order."""
    places = list(places)
    if not places:
        return []
    sentences = split_sentences(text)
    rows = []
    for p in places:
        sentence = next((s.text for s in sentences if s.start <= p.start < s.end), "")
        rows.append(UnresolvedRow(report=report, date=date, text=p.text, status=p.status, best=p.name,
                                  confidence=p.confidence, suggestions=suggestions_text(p),
                                  sentence=sentence.strip()))
    return rows
