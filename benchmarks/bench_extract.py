"""`extract` throughput: reports per second, single process, over the dev texts repeated.

Builds one Extractor, reads ../shared/eval/dev/texts once, then extracts the texts over and over
until at least 2,000 reports are done, with Extractor.extract_many as the CLI runs it (the parse
requests of a batch of reports in one call), beside extract() one report at a time.  Prints reports/s, ms/report, the share of time spent in
each stage (sentences, finding, resolving, claims, and the parse inside claims) and a cProfile
summary of the top functions by cumulative time.  Beside it, in the same run, the time the same
spaCy pipeline takes to parse every sentence of the same reports (a report per call, and a batch
of reports per call as extraction does): extraction parses only the
sentences a structure rule could decide, and the ratio shows what that saves.  Targets (the claims
issue): at least 60 reports/s, and at least 2x faster than the full parse.
"""
from __future__ import annotations

import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEV_TEXTS = REPO.parent / "shared" / "eval" / "dev" / "texts"
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))           # measure this checkout, whatever copy is pip-installed
MIN_REPORTS = 2000
TARGET = 60.0
FULL_PARSE_RATIO = 2.0
RESOLVING_SHARE = 0.10       # issue 11: resolution costs no more than this share of extraction


def _reports():
    from frontmap.text.reading import read_report
    return [read_report(p) for p in sorted(DEV_TEXTS.glob("*.txt"))]


def _stage_times(extractor, reports, rounds: int) -> dict[str, float]:
    """Seconds spent in each stage of Extractor.extract over `rounds` passes."""
    from frontmap.claims.extract import extract_claims
    from frontmap.text.sentences import split_sentences
    spent = dict.fromkeys(("sentences", "finding", "resolving", "claims"), 0.0)
    for _ in range(rounds):
        for r in reports:
            t0 = time.perf_counter()
            sentences = split_sentences(r.text)
            t1 = time.perf_counter()
            mentions = extractor.finder.find(r.text)
            t2 = time.perf_counter()
            places = extractor.resolver.resolve(r.text, mentions, sentences)
            t3 = time.perf_counter()
            extract_claims(r, places, sentences)
            t4 = time.perf_counter()
            for key, dt in zip(spent, (t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
                spent[key] += dt
    return spent


def _parse_share(extractor, reports, rounds: int) -> tuple[float, int]:
    """The share of extraction time spent inside the spaCy parse, and the sentences parsed per round."""
    import frontmap.claims.structure as structure
    inner, spent, count = structure.parse, [0.0], [0]

    def timed(texts):
        texts = list(texts)
        count[0] += len(texts)
        t0 = time.perf_counter()
        try:
            return inner(texts)
        finally:
            spent[0] += time.perf_counter() - t0
    structure.parse = timed
    try:
        t0 = time.perf_counter()
        for _ in range(rounds):
            list(extractor.extract_many(reports))
        return spent[0] / (time.perf_counter() - t0), count[0] // rounds
    finally:
        structure.parse = inner


def _no_refine(text, sentences, claims):
    return claims
    yield                                   # a generator, as refine_steps is, that asks for nothing


def _side_by_side(extractor, reports, rounds: int) -> tuple[float, float]:
    """Reports/s with the structure pass and without it, interleaved so load hits both alike."""
    import frontmap.claims.extract as claims_extract
    refine, spent = claims_extract.refine_steps, {True: 0.0, False: 0.0}
    try:
        for _ in range(rounds):
            for on in (True, False):
                claims_extract.refine_steps = refine if on else _no_refine
                t0 = time.perf_counter()
                list(extractor.extract_many(reports))
                spent[on] += time.perf_counter() - t0
    finally:
        claims_extract.refine_steps = refine
    n = rounds * len(reports)
    return n / spent[True], n / spent[False]


def _full_parse_rate(reports, rounds: int) -> tuple[float, float]:
    """Reports/s for parsing every sentence of every report with the pipeline extraction uses: each
    report's sentences in one call, and a batch of reports' sentences in one call."""
    from frontmap.claims.parse import parse
    from frontmap.pipeline import Extractor
    from frontmap.text.sentences import split_sentences
    sentences = [[r.text[s.start:s.end] for s in split_sentences(r.text)] for r in reports]
    t0 = time.perf_counter()
    for _ in range(rounds):
        for texts in sentences:
            parse(texts)
    one_by_one = rounds * len(reports) / (time.perf_counter() - t0)
    # the same sentences, a batch of reports at a time, as extraction batches its own parse
    batch = Extractor.parse_batch
    t0 = time.perf_counter()
    for _ in range(rounds):
        for i in range(0, len(sentences), batch):
            parse([t for texts in sentences[i:i + batch] for t in texts])
    return one_by_one, rounds * len(reports) / (time.perf_counter() - t0)


def _load() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except (AttributeError, OSError):
        return "unknown"


def main() -> None:
    if not DEV_TEXTS.is_dir():
        print(f"skipped: {DEV_TEXTS} not present (the dev set is only on CI and developer machines)")
        return
    from frontmap.pipeline import Extractor
    t0 = time.perf_counter()
    extractor = Extractor()
    reports = _reports()
    if not reports:
        print(f"skipped: no texts in {DEV_TEXTS}")
        return
    print(f"setup (gazetteer, extractor, reading {len(reports)} texts): {time.perf_counter() - t0:.2f} s")
    for r in reports:                       # warm the lexicon caches once
        extractor.extract(r)
    rounds = -(-MIN_REPORTS // len(reports))
    n = rounds * len(reports)
    # extract_many, as the CLI runs it (the parse of a batch of reports in one call), and extract()
    # one report at a time, interleaved so load hits both alike
    dt = cpu = single = 0.0
    for _ in range(rounds):
        t0, c0 = time.perf_counter(), time.process_time()
        list(extractor.extract_many(reports))
        dt, cpu = dt + time.perf_counter() - t0, cpu + time.process_time() - c0
        t0 = time.perf_counter()
        for r in reports:
            extractor.extract(r)
        single += time.perf_counter() - t0
    rate = n / dt
    print(f"extract: {n} reports in {dt:.2f} s = {rate:.0f} reports/s, {1000 * dt / n:.2f} ms/report "
          f"(target >= {TARGET:.0f}/s: {'met' if rate >= TARGET else 'NOT met'}); one report at a time "
          f"(extract()) {n / single:.0f} reports/s: batching the parse {single / dt:.2f}x")
    # on a busy machine wall time includes waiting for the CPU; CPU time shows the code's own cost
    print(f"cpu time: {cpu:.2f} s = {n / cpu:.0f} reports/s; load average {_load()}")

    spent = _stage_times(extractor, reports, max(1, rounds // 4))
    parse_share, parsed = _parse_share(extractor, reports, max(1, rounds // 4))
    from frontmap.text.sentences import split_sentences
    every = sum(len(split_sentences(r.text)) for r in reports)
    print(f"sentences parsed: {parsed} of {every} ({100 * parsed / every:.0f}%) per pass over the {len(reports)} texts")
    with_parse, without = _side_by_side(extractor, reports, max(1, rounds // 4))
    print(f"side by side: with the parse {with_parse:.0f} reports/s, lexicons alone {without:.0f} reports/s "
          f"(the parse costs {100 * (1 - with_parse / without):.0f}% of throughput)")
    full, full_batched = _full_parse_rate(reports, max(1, rounds // 4))
    print(f"full parse of every sentence, same pipeline: {full:.0f} reports/s a report per call, "
          f"{full_batched:.0f} reports/s {Extractor.parse_batch} reports per call; extraction is {rate / full:.2f}x "
          f"the first (target >= {FULL_PARSE_RATIO:.0f}x: {'met' if rate / full >= FULL_PARSE_RATIO else 'NOT met'}) "
          f"and {rate / full_batched:.2f}x the second ({'met' if rate / full_batched >= FULL_PARSE_RATIO else 'NOT met'});"
          f" parse share of extraction {100 * parse_share:.0f}%")
    total = sum(spent.values()) or 1.0
    print("stages: " + ", ".join(f"{k} {100 * v / total:.1f}%" for k, v in spent.items())
          + f" (resolving target <= {100 * RESOLVING_SHARE:.0f}%: "
          f"{'met' if spent['resolving'] / total <= RESOLVING_SHARE else 'NOT met'})")

    prof = cProfile.Profile()
    prof.enable()
    for _ in range(max(1, rounds // 4)):
        list(extractor.extract_many(reports))
    prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(r"frontmap", 10)
    lines = [ln for ln in out.getvalue().splitlines() if ln.strip()]
    start = next((i for i, ln in enumerate(lines) if ln.lstrip().startswith("ncalls")), 0)
    print("top 10 frontmap functions by cumulative time:")
    print("\n".join(lines[start:start + 11]))


if __name__ == "__main__":
    main()
    sys.exit(0)
