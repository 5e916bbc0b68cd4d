"""Run every benchmark and print its figures: `python benchmarks/run.py [NAME...] [--OPTION VALUE...]`.

Each benchmarks/bench_<name>.py defines main(), which prints its own figures; benchmarks/fuzz.py is
the benchmark "fuzz", whose main(argv) takes options (`run.py fuzz --n 2000`).  Options after the
names go to the benchmarks whose main takes them.  Benchmarks are never part of the test suite.
"""
from __future__ import annotations

import importlib.util
import inspect
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    first_option = next((k for k, a in enumerate(argv) if a.startswith("-")), len(argv))
    wanted, options = set(argv[:first_option]), argv[first_option:]
    status = 0
    for path in sorted([*HERE.glob("bench_*.py"), HERE / "fuzz.py"]):
        name = path.stem.removeprefix("bench_")
        if wanted and name not in wanted:
            continue
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        print(f"== {name}", flush=True)
        t0 = time.perf_counter()
        takes_options = bool(inspect.signature(module.main).parameters)
        result = module.main(options) if takes_options else module.main()
        status = max(status, result if isinstance(result, int) else 0)
        print(f"   ({time.perf_counter() - t0:.1f} s)", flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
