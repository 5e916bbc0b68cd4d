"""Report -> places -> claims: the library entry points the CLI is built on."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

from frontmap.claims.extract import extract_claims
from frontmap.places.finding import NameFinder
from frontmap.places.memory import Memory
from frontmap.gazetteer.store import Gazetteer, default_gazetteer
from frontmap.model import Extraction, Place, Report
from frontmap.text.reading import DEFAULT_MAX_BYTES, iter_report_paths, read_report, read_report_bytes
from frontmap.places.resolving import Resolver
from frontmap.places.unresolved import UnresolvedRow
from frontmap.places.unresolved import unresolved_rows as _unresolved_rows
from frontmap.text.sentences import Sentence, split_sentences


class Extractor:
    """Reusable extractor: builds its finder and resolver once."""

    def __init__(self, gazetteer: Gazetteer | None = None):
        self.gazetteer = gazetteer or default_gazetteer()
        self.finder = NameFinder(self.gazetteer)
        self.resolver = Resolver(self.gazetteer)

    def extract(self, report: Report, *, memory: Memory | None = None) -> Extraction:
        """Places and claims of one report.  ``memory``: the referents earlier reports gave names
        (see ``places.memory``): an ambiguous name takes the one they agree on, and the memory
        learns this report's resolved names (a clash with another report of the date is a warning)."""
        sentences = split_sentences(report.text)
        places = self.places(report, sentences)
        if memory is not None:
            places = remember(memory, report, places, self.gazetteer)
        return self.finish(report, places, sentences)

    def places(self, report: Report, sentences: list[Sentence]) -> list[Place]:
        """The report's places as its own text resolves them (no memory of other reports)."""
        return self.resolver.resolve(report.text, self.finder.find(report.text), sentences)

    def finish(self, report: Report, places: list[Place], sentences: list[Sentence]) -> Extraction:
        """The extraction of a report whose places are settled: its claims and unresolved names."""
        claims = extract_claims(report, places, sentences)
        unresolved = [p for p in places if p.status != "resolved"]
        return Extraction(report=report, places=places, claims=claims, unresolved=unresolved)

    def extract_path(self, path: str | Path, *, date: str | None = None,
                     max_bytes: int = DEFAULT_MAX_BYTES, memory: Memory | None = None) -> Extraction:
        return self.extract(read_report(path, date=date, max_bytes=max_bytes), memory=memory)

    def extract_paths(self, paths: Iterable[str | Path], *, date: str | None = None,
                      max_bytes: int = DEFAULT_MAX_BYTES, memory: Memory | None = None) -> Iterator[Extraction]:
        for path in iter_report_paths(paths):
            yield self.extract_path(path, date=date, max_bytes=max_bytes, memory=memory)


def remember(memory: Memory, report: Report, places: list[Place], gazetteer) -> list[Place]:
    """The memory step between resolving and claims: ambiguous places take what earlier reports
    resolved, a clash with another report of the date becomes a warning, and the memory learns.
    What it learns and warns about depends only on the places the report resolved itself, which
    the step never changes: so a parallel run can resolve reports apart and remember in order."""
    places = memory.apply(places, report.date, gazetteer)
    report.warnings.extend(memory.conflicts(places, report.date, report.path))
    memory.learn(places, report.date, report.path)
    return places


@cache
def default_extractor() -> Extractor:
    """One Extractor per process, on the shipped gazetteer (built on first use)."""
    return Extractor()


def extract(text: str | Report, *, date: str | None = None, path: str = "<text>",
            gazetteer: Gazetteer | None = None) -> Extraction:
    """Places and claims of a text given directly (or of a :class:`Report` already read).

    The text is read as a report file would be (a first line ``date YYYY-MM-DD``, HTML,
    Markdown front matter); ``date`` supplies the date when it carries none.
    """
    if isinstance(text, Report):
        report = text
    else:
        report = read_report_bytes(text.encode("utf-8"), path=path, date=date)
    return (Extractor(gazetteer) if gazetteer else default_extractor()).extract(report)


def extract_file(path: str | Path, *, date: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                 gazetteer: Gazetteer | None = None) -> Extraction:
    """Places and claims of one report file (text, Markdown or HTML, any common encoding)."""
    return (Extractor(gazetteer) if gazetteer else default_extractor()).extract_path(
        path, date=date, max_bytes=max_bytes)


def unresolved_rows(extraction: Extraction) -> list[UnresolvedRow]:
    """The places of an extraction not pinned to one place, each with its sentence and suggestions."""
    return _unresolved_rows(extraction.unresolved, extraction.report.text,
                            report=extraction.report.path, date=extraction.report.date)
