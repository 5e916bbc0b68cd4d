"""Report -> places -> claims: the library entry points the CLI is built on."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from frontmap.claims import extract_claims
from frontmap.finding import NameFinder
from frontmap.gazetteer import Gazetteer, default_gazetteer
from frontmap.model import Extraction, Report
from frontmap.reading import DEFAULT_MAX_BYTES, iter_report_paths, read_report
from frontmap.resolving import Resolver
from frontmap.sentences import split_sentences


class Extractor:
    """Reusable extractor: builds its finder and resolver once."""

    def __init__(self, gazetteer: Gazetteer | None = None):
        self.gazetteer = gazetteer or default_gazetteer()
        self.finder = NameFinder(self.gazetteer)
        self.resolver = Resolver(self.gazetteer)

    def extract(self, report: Report) -> Extraction:
        sentences = split_sentences(report.text)
        mentions = self.finder.find(report.text)
        places = self.resolver.resolve(report.text, mentions, sentences)
        claims = extract_claims(report, places, sentences)
        unresolved = [p for p in places if p.status != "resolved"]
        return Extraction(report=report, places=places, claims=claims, unresolved=unresolved)

    def extract_path(self, path: str | Path, *, date: str | None = None,
                     max_bytes: int = DEFAULT_MAX_BYTES) -> Extraction:
        return self.extract(read_report(path, date=date, max_bytes=max_bytes))

    def extract_paths(self, paths: Iterable[str | Path], *, date: str | None = None,
                      max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Extraction]:
        for path in iter_report_paths(paths):
            yield self.extract_path(path, date=date, max_bytes=max_bytes)


def extract(report: Report, gazetteer: Gazetteer | None = None) -> Extraction:
    """Places and claims of one report."""
    return Extractor(gazetteer).extract(report)


def extract_text(text: str, date: str, *, path: str = "<text>",
                 gazetteer: Gazetteer | None = None) -> Extraction:
    """Places and claims of a text given directly (handy in notebooks and tests)."""
    return extract(Report(path=path, date=date, text=text), gazetteer)


def unresolved_rows(extraction: Extraction) -> list[dict]:
    """The places not pinned to one place, each with its sentence and suggestions."""
    text = extraction.report.text
    sentences = split_sentences(text)
    rows = []
    for p in extraction.unresolved:
        sentence = next((s.text for s in sentences if s.start <= p.start < s.end), "")
        suggestions = "; ".join(
            f"{a['name']} ({a.get('oblast') or '?'}, {a.get('raion') or '?'})" for a in p.alternatives)
        rows.append({"report": extraction.report.path, "date": extraction.report.date, "text": p.text,
                     "status": p.status, "best": p.name, "confidence": p.confidence,
                     "suggestions": suggestions, "sentence": sentence.strip()})
    return rows
