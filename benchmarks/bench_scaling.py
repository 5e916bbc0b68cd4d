"""Extraction CPU time as reports grow: by the number of place names and by size in bytes.

Names: reports naming 10, 100, 1,000 and 10,000 places, real settlement names taken from the
gazetteer (the same names repeat once the distinct ones run out), in two shapes: "list", one
sentence listing them all ("Russian forces captured A, B, ... and Z."), and "prose", sentences of
three names each.  Bytes: the example reports in seeds/ repeated to 10 KB, 100 KB, 1 MB and 5 MB,
as paragraphs and as one line.  Each report is extracted once, after a warm-up, with no time budget;
the figure is process CPU time (first the budget and the size limit are lifted, see below).  Growth
should be at most linear: the last column gives CPU per name (per byte) relative to the second
smallest report of its kind (the smallest takes a few milliseconds, too few to divide by), and the
last line the worst log-log slope from that report to the largest (1.0: linear, 2.0: quadratic).
Target (issue 15): the 10,000-name report under 10 s.
"""
from __future__ import annotations

import math
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))           # measure this checkout, whatever copy is pip-installed

NAMES = (10, 100, 1_000, 10_000)
SIZES = (10_000, 100_000, 1_000_000, 5_000_000)
TARGET_S = 10.0


def place_names(gazetteer, n: int = 2000) -> list[str]:
    """Distinct one-word settlement names of the theatre oblasts, larger places first."""
    from frontmap.gazetteer.schema import theatre
    oblasts = set(theatre()["theatre_oblasts"])
    seen, out = set(), []
    for e in sorted(gazetteer.entries("settlement"), key=lambda e: -e.population):
        if e.oblast in oblasts and e.name.isalpha() and e.name[0].isupper() and e.name not in seen:
            seen.add(e.name)
            out.append(e.name)
        if len(out) >= n:
            break
    return out


def names_report(names: list[str], n: int, shape: str) -> str:
    chosen = [names[i % len(names)] for i in range(n)]
    if shape == "list":
        return "date 2025-11-22\nRussian forces captured " + ", ".join(chosen[:-1]) + f" and {chosen[-1]}.\n"
    sentences = [f"Fighting continues near {', '.join(chosen[i:i + 3][:-1])} and {chosen[i:i + 3][-1]}."
                 if len(chosen[i:i + 3]) > 1 else f"Fighting continues near {chosen[i]}."
                 for i in range(0, n, 3)]
    paragraphs = [" ".join(sentences[i:i + 5]) for i in range(0, len(sentences), 5)]
    return "date 2025-11-22\n" + "\n\n".join(paragraphs) + "\n"


def sized_report(body: str, size: int, one_line: bool) -> str:
    text = (body + "\n\n") * (size // (len(body) + 2) + 1)
    text = text[:size]
    if one_line:
        text = text.replace("\n", " ")
    return "date 2025-11-22\n" + text


def _cpu(extractor, text: str) -> tuple[float, int, int]:
    from frontmap.text.reading import read_report_bytes
    data = text.encode("utf-8")
    report = read_report_bytes(data, path="<bench>", max_bytes=len(data) + 1)
    t0 = time.process_time()
    e = extractor.extract(report, budget_s=None)
    return time.process_time() - t0, len(e.places), len(e.claims)


def _series(extractor, units: tuple[int, ...], report, label) -> list[float]:
    """CPU seconds of report(u) for each unit count u, printed a row each; per unit is relative
    to the second smallest (the smallest is mostly fixed cost)."""
    cpus = []
    for k, u in enumerate(units):
        cpu, places, claims = _cpu(extractor, report(u))
        cpus.append(cpu)
        rel = f"{cpu / u / (cpus[1] / units[1]):.2f}" if k >= 1 and cpus[1] else ""
        print(f"{label(u):<26}{cpu:>9.2f}{places:>9}{claims:>8}{rel:>10}", flush=True)
    return cpus


def _slope(units: tuple[int, ...], cpus: list[float]) -> float:
    """Log-log growth from the second smallest report to the largest."""
    return math.log(cpus[-1] / cpus[1]) / math.log(units[-1] / units[1])


def main() -> None:
    from frontmap.pipeline import Extractor
    extractor = Extractor()
    seeds = sorted((REPO / "seeds").glob("*.txt"))
    body = "\n\n".join(p.read_text("utf-8").split("\n", 1)[1].strip() for p in seeds)
    _cpu(extractor, "date 2025-11-22\n" + body)           # warm: gazetteer, lexicons, spaCy
    names = place_names(extractor.gazetteer)
    _cpu(extractor, names_report(names, 1000, "prose"))    # and the capped resolver's k-d trees (scipy)
    print(f"{len(names)} distinct gazetteer names")
    print(f"{'report':<26}{'CPU s':>9}{'places':>9}{'claims':>8}{'per unit':>10}")
    worst, growth = 0.0, 0.0
    for shape in ("list", "prose"):
        cpus = _series(extractor, NAMES, lambda n: names_report(names, n, shape), lambda n: f"{n:,} names, {shape}")
        worst = max(worst, cpus[-1])
        growth = max(growth, _slope(NAMES, cpus))
    for one_line in (False, True):
        cpus = _series(extractor, SIZES, lambda size: sized_report(body, size, one_line),
                       lambda size: (f"{size / 1e6:g} MB" if size >= 1_000_000 else f"{size // 1000} KB")
                       + (", one line" if one_line else ", paragraphs"))
        growth = max(growth, _slope(SIZES, cpus))
    print(f"10,000-name report: {worst:.2f} s CPU at most (target < {TARGET_S:.0f} s: "
          f"{'met' if worst < TARGET_S else 'NOT met'}); growth: log-log slope at most {growth:.2f} "
          f"({'at most linear' if growth <= 1.15 else 'FASTER THAN LINEAR'})")


if __name__ == "__main__":
    main()
