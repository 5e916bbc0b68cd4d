"""Report -> places -> claims: the library entry points the CLI is built on."""
from __future__ import annotations

from collections.abc import Generator, Iterable, Iterator
from dataclasses import replace
from functools import cache
from pathlib import Path

from frontmap import budget
from frontmap.files import shown_path
from frontmap.claims.extract import claim_steps
from frontmap.claims.structure import parse_batches, run
from frontmap.errors import BudgetError
from frontmap.claims.followups import dedupe
from frontmap.places.finding import NameFinder
from frontmap.places.memory import Memory
from frontmap.gazetteer.store import Gazetteer, default_gazetteer
from frontmap.model import Extraction, Place, Report
from frontmap.text.reading import DEFAULT_MAX_BYTES, iter_report_paths, read_report, read_report_bytes
from frontmap.places.resolving import Resolver
from frontmap.places.unresolved import UnresolvedRow
from frontmap.places.unresolved import unresolved_rows as _unresolved_rows
from frontmap.text.sentences import Sentence, split_sentences


_OWN = object()      # "the extractor's own budget"
# A report text longer than this is extracted in windows of whole paragraphs (the longest of the
# development texts is under 10,000 characters): what a report names in one window is not context
# for another, and the cost grows linearly with the report's length.
WINDOW_CHARS = 100_000
# Reports whose parse requests extract_many() runs in one batch: past ~16 sentences a batch gains
# little, and a report asks for one or two.
PARSE_BATCH = 16


class _Job:
    """One report on its way through extract_many(): its steps, the sentences it waits to have
    parsed, and its result once done."""

    __slots__ = ("report", "steps", "request", "result")

    def __init__(self, report: Report):
        self.report, self.steps, self.request, self.result = report, None, [], None

    def step(self, docs: list | None) -> None:
        try:
            self.request = next(self.steps) if docs is None else self.steps.send(docs)
        except StopIteration as done:
            self.result, self.request = done.value, []


class Extractor:
    """Reusable extractor: builds its finder and resolver once.

    ``budget_s`` is each report's time budget in seconds of CPU (None or 0: none): a report that
    runs over it raises :class:`~frontmap.errors.BudgetError`, and the extractor is fine for the next.
    """

    parse_batch = PARSE_BATCH          # reports whose parse requests extract_many() runs together

    def __init__(self, gazetteer: Gazetteer | None = None, *, budget_s: float | None = budget.DEFAULT_BUDGET_S):
        self.gazetteer = gazetteer or default_gazetteer()
        self.finder = NameFinder(self.gazetteer)
        self.resolver = Resolver(self.gazetteer)
        self.budget_s = budget_s
        self._split: tuple[str, list[Sentence]] | None = None

    def extract(self, report: Report, *, memory: Memory | None = None,
                budget_s: float | None = _OWN) -> Extraction:  # type: ignore[assignment]
        """Places and claims of one report.  ``memory``: the referents earlier reports gave names
        (see ``places.memory``): an ambiguous name takes the one they agree on, and the memory
        learns this report's resolved names (a clash with another report of the date is a warning).
        ``budget_s``: this report's time budget, if not the extractor's own."""
        with self.budget(report, budget_s):
            places = self._settled(report, memory)
            extraction = self.finish(report, places)
            if memory is not None:              # only a report read to the end teaches the memory
                memory.learn(places, report.date, report.path)
        return extraction

    def budget(self, report: Report, budget_s: float | None = _OWN):  # type: ignore[assignment]
        """The time budget one report's places and finish run under (``with extractor.budget(r):``)."""
        return budget.within(self.budget_s if budget_s is _OWN else budget_s, f"report {shown_path(report.path)!r}")

    def _settled(self, report: Report, memory: Memory | None) -> list[Place]:
        """The report's places, with what the memory decides for its ambiguous names (and its
        warnings of clashes with other reports of the date)."""
        places = self.places(report)
        if memory is not None:
            places = memory.apply(places, report.date, self.gazetteer)
            report.warnings.extend(memory.conflicts(places, report.date, report.path))
        return places

    def places(self, report: Report) -> list[Place]:
        """The report's places as its own text resolves them (no memory of other reports), window by
        window: what one window names is no context for another."""
        out: list[Place] = []
        for start, part in self._windows(report):
            sentences = self._sentences(part.text)
            mentions = self.finder.find(part.text)
            budget.check()
            places = self.resolver.resolve(part.text, mentions, sentences)
            budget.check()
            out += _moved(places, start) if start else places
        return out

    def finish(self, report: Report, places: list[Place]) -> Extraction:
        """The extraction of a report whose places are settled: its claims and unresolved names."""
        return run(self.finish_steps(report, places))

    def finish_steps(self, report: Report, places: list[Place]) -> Generator[list[str], list, Extraction]:
        """finish() as a generator of parse requests (see claims.structure.refine_steps)."""
        parts = self._windows(report)
        if len(parts) == 1:
            claims = yield from claim_steps(report, places, self._sentences(report.text), gazetteer=self.gazetteer)
        else:
            claims = []
            ends = [start for start, _ in parts[1:]] + [len(report.text)]
            for (start, part), end in zip(parts, ends):
                mine = [p for p in places if start <= p.start < end]
                local = _moved(mine, -start)
                back = {id(q): p for q, p in zip(local, mine)}
                for cl in (yield from claim_steps(part, local, self._sentences(part.text), gazetteer=self.gazetteer)):
                    place = back.get(id(cl.place)) or replace(cl.place, start=cl.place.start + start,
                                                             end=cl.place.end + start)
                    claims.append(replace(cl, place=place, evidence_start=cl.evidence_start + start,
                                          evidence_end=cl.evidence_end + start))
            claims = dedupe(claims)             # one claim per statement across the windows too
        unresolved = [p for p in places if p.status != "resolved"]
        return Extraction(report=report, places=places, claims=claims, unresolved=unresolved)

    def extract_many(self, reports: Iterable[Report], *, memory: Memory | None = None,
                     batch: int | None = None) -> Iterator[Extraction | BudgetError]:
        """Each report's extraction, in order, or the BudgetError that stopped it: what extract()
        gives, with the parse of up to ``batch`` reports' sentences run in one batch (a parse of one
        or two sentences costs half as much again per sentence as one of sixteen).  With a memory,
        a report teaches it its places once they are settled, before its claims are done (the next
        report's places need them): a report its budget stops in its claims has taught them."""
        batch = batch or self.parse_batch
        jobs: list[_Job] = []
        for report in reports:
            jobs.append(self.begin(report, memory=memory))
            if len(jobs) >= batch:
                yield from self.complete(jobs)
                jobs = []
        yield from self.complete(jobs)

    def begin(self, report: Report, *, memory: Memory | None = None) -> _Job:
        """A report's places, and its claims as far as their first parse request (see complete())."""
        job = _Job(report)
        try:
            with self.budget(report):
                places = self._settled(report, memory)
                job.steps = self.finish_steps(report, places)
                job.step(None)
        except BudgetError as exc:
            job.result = exc
            return job
        if memory is not None:
            memory.learn(places, report.date, report.path)
        return job

    def complete(self, jobs: list[_Job]) -> list[Extraction | BudgetError]:
        """The results of jobs begin() started, their parse requests run together, round by round."""
        while True:
            waiting = [j for j in jobs if j.result is None]
            if not waiting:
                return [j.result for j in jobs]
            for j, mine in zip(waiting, parse_batches([j.request for j in waiting])):
                try:
                    with self.budget(j.report):
                        j.step(mine)
                except BudgetError as exc:
                    j.result = exc

    def _windows(self, report: Report) -> list[tuple[int, Report]]:
        spans = windows(report.text, WINDOW_CHARS)
        if len(spans) == 1:
            return [(0, report)]
        return [(start, replace(report, text=report.text[start:end])) for start, end in spans]

    def _sentences(self, text: str) -> list[Sentence]:
        """split_sentences, kept for the text last split: places() and finish() split the same text."""
        cached = self._split                    # read once: an extractor shared by threads stays right
        if cached is None or cached[0] is not text:
            cached = self._split = (text, split_sentences(text))
        return cached[1]

    def extract_path(self, path: str | Path, *, date: str | None = None,
                     max_bytes: int = DEFAULT_MAX_BYTES, memory: Memory | None = None) -> Extraction:
        return self.extract(read_report(path, date=date, max_bytes=max_bytes), memory=memory)

    def extract_paths(self, paths: Iterable[str | Path], *, date: str | None = None,
                      max_bytes: int = DEFAULT_MAX_BYTES, memory: Memory | None = None) -> Iterator[Extraction]:
        for path in iter_report_paths(paths):
            yield self.extract_path(path, date=date, max_bytes=max_bytes, memory=memory)


def windows(text: str, size: int) -> list[tuple[int, int]]:
    """(start, end) spans covering text, each at most ``size`` characters, cut after the last
    paragraph break in a window's second half (else a line break, a sentence end, a space)."""
    out, start = [], 0
    while len(text) - start > size:
        limit = start + size
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            at = text.rfind(sep, start + size // 2, limit)
            if at >= 0:
                cut = at + len(sep)
                break
        cut = cut if cut > start else limit
        out.append((start, cut))
        start = cut
    out.append((start, len(text)))
    return out


def _moved(places: list[Place], by: int) -> list[Place]:
    """Copies of places with their offsets moved by ``by`` characters."""
    return [replace(p, start=p.start + by, end=p.end + by) for p in places]


def remember(memory: Memory, report: Report, places: list[Place], gazetteer) -> list[Place]:
    """The memory step between resolving and claims, as ``Extractor.extract`` takes it: ambiguous
    places take what earlier reports resolved, a clash with another report of the date becomes a
    warning, and the memory learns.  What it learns and warns about depends only on the places the
    report resolved itself, which the step never changes: so a parallel run can resolve reports
    apart and remember in order."""
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
