"""Fuzz the whole extraction with hostile reports and time each one: `python3 benchmarks/fuzz.py
[--n 10000] [--seed 0]` (or `python3 benchmarks/run.py fuzz --n 10000`).

The reports come from tests/strategies.py (the strategies the test suite runs 200 of): real gazetteer
names and long lists of them, quotes and brackets left open, blank lines, unicode, HTML and Markdown
wrappers, odd encodings, byte-order marks, cut and junk bytes.  Each is read and extracted with the
default time budget; a FrontmapError (a report refused by name, or stopped by its budget) is an
answer, anything else is a crash.  Prints the crashes (with the first few reports that caused them),
the refusals, and the p50, p99 and maximum CPU time per report (read + extract).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
for extra in (REPO, REPO / "tests"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))     # this checkout, and the strategies the tests use


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="fuzz", description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="reports to try (default 10,000)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (the same seed, the same reports)")
    args = parser.parse_args([] if argv is None else argv)

    from hypothesis import HealthCheck, Phase, given, seed, settings
    from frontmap.errors import BudgetError, FrontmapError
    from frontmap.pipeline import Extractor
    from frontmap.text.reading import read_report_bytes
    from strategies import gazetteer_names, report_bytes

    extractor = Extractor()
    gazetteer_names()
    extractor.extract(read_report_bytes(b"date 2025-11-22\nRussian forces captured Kupiansk.", path="warm"))
    times: list[float] = []
    crashes: dict[str, list[bytes]] = {}
    outcome = {"extracted": 0, "refused": 0, "stopped by budget": 0}

    @seed(args.seed)
    @settings(max_examples=args.n, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(data=report_bytes())
    def one(data: bytes) -> None:
        t0 = time.process_time()
        try:
            report = read_report_bytes(data, path="fuzz.txt")
            extractor.extract(report).to_dict()
            outcome["extracted"] += 1
        except BudgetError:
            outcome["stopped by budget"] += 1
        except FrontmapError:
            outcome["refused"] += 1
        except Exception as exc:                   # a crash: what the fuzzing is for
            crashes.setdefault(f"{type(exc).__name__}: {exc}"[:200], []).append(data)
        times.append(time.process_time() - t0)
        if len(times) % 1000 == 0:
            print(f"  {len(times):,} reports", file=sys.stderr, flush=True)

    t0 = time.perf_counter()
    one()
    wall = time.perf_counter() - t0
    times.sort()

    def pct(q: float) -> float:
        return times[min(len(times) - 1, int(q * len(times)))] if times else 0.0

    print(f"{len(times):,} reports in {wall:.0f} s (seed {args.seed}): "
          + ", ".join(f"{v:,} {k}" for k, v in outcome.items()))
    print(f"CPU per report: p50 {pct(0.5) * 1000:.1f} ms, p99 {pct(0.99) * 1000:.1f} ms, "
          f"max {times[-1] * 1000 if times else 0:.1f} ms")
    print(f"crashes: {sum(map(len, crashes.values()))} ({len(crashes)} kinds)")
    for what, examples in crashes.items():
        print(f"  {len(examples)} x {what}")
        for data in examples[:3]:
            print(f"    {data[:300]!r}")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
