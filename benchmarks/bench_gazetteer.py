"""Gazetteer speed and size: cold load, look-ups per second, peak memory.

Everything runs in a fresh subprocess, so the load is cold (no module or
data cached) and the peak RSS (resource.getrusage) is the gazetteer's own.
The 10,000 spellings are real ones, sampled with a fixed seed from the
gazetteer's names file (every language and system: official Ukrainian,
national and other romanisations, Russian and generated forms, former names,
region names), as a report would write them.

The first pass builds the shared Match objects of each key (memoised: they
are immutable); the rates are the best of the later passes, with the first
pass reported on its own.

Targets on the project's 2-core machine: load < 0.5 s, >= 50,000 exact-key
look-ups per second, peak RSS < 300 MB.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = 10_000
SEED = 20251120
ROUNDS = 5
TARGETS = {"load_s": 0.5, "lookup_key_per_s": 50_000, "peak_rss_mb": 300}

_CHILD = r"""
import gc, gzip, json, random, resource, sys, time
sys.path.insert(0, {repo!r})
t0 = time.perf_counter()
from frontmap.gazetteer.store import Gazetteer
gaz = Gazetteer.load(overrides=False)
load_s = time.perf_counter() - t0
from frontmap.text.names import name_key

spellings = []
with gzip.open(gaz.path / "names.tsv.gz", "rt", encoding="utf-8") as f:
    f.readline()
    for line in f:
        cell = line.rstrip("\n").split("\t")[3]
        spellings += [p.split("~", 1)[0] for p in cell.split("|")]
rng = random.Random({seed})
sample = rng.sample(spellings, {n})
gc.collect()

def rate(fn):
    best = 0.0
    for _ in range({rounds}):
        t = time.perf_counter()
        for s in sample:
            fn(s)
        best = max(best, len(sample) / (time.perf_counter() - t))
    return best

t = time.perf_counter()
hits = sum(1 for s in sample if gaz.lookup_key(name_key(s)))
first_round = len(sample) / (time.perf_counter() - t)
keys = [name_key(s) for s in sample]
t = time.perf_counter()
for _ in range({rounds}):
    for k in keys:
        gaz.lookup_key(k)
lookup_key_only = len(keys) * {rounds} / (time.perf_counter() - t)
out = dict(
    load_s=round(load_s, 3),
    entries=len(gaz),
    lookup_key_first_pass_per_s=round(first_round),
    lookup_key_per_s=round(rate(lambda s: gaz.lookup_key(name_key(s)))),
    lookup_key_without_name_key_per_s=round(lookup_key_only),
    lookup_per_s=round(rate(gaz.lookup)),
    hit_rate=round(hits / len(sample), 4),
    peak_rss_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
)
t = time.perf_counter()
for s in sample[:200]:
    gaz.suggest(s + "x")
out["suggest_ms"] = round((time.perf_counter() - t) / 200 * 1000, 2)
from frontmap.model import Point
t = time.perf_counter()
gaz.region_at(Point(lat=48.5, lon=37.5))
out["region_polygons_first_use_s"] = round(time.perf_counter() - t, 3)
print(json.dumps(out))
"""


def measure() -> dict:
    code = _CHILD.format(repo=str(REPO), seed=SEED, n=SAMPLE, rounds=ROUNDS)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    loads = [measure() for _ in range(3)]  # three cold starts; report the median load
    figures = sorted(loads, key=lambda f: f["load_s"])[1]
    for name, value in figures.items():
        target = TARGETS.get(name)
        verdict = ""
        if target is not None:
            ok = value <= target if name in ("load_s", "peak_rss_mb") else value >= target
            verdict = f"   target {'<' if name in ('load_s', 'peak_rss_mb') else '>='} {target:,}: " \
                      f"{'ok' if ok else 'MISSED'}"
        print(f"   {name:36} {value:>12,}{verdict}")


if __name__ == "__main__":
    main()
