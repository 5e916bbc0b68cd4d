"""The one loader for the data files packaged in ``frontmap/data/<stage>/``.

Every stage reads its word lists, weights and assets through here, so a file
that is missing or malformed always gives the same message naming it and the fix.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files
from typing import Any

from frontmap.errors import DataError

_FIX = "reinstall frontmap (pip install --force-reinstall .) or restore the file from the repository"


@lru_cache(maxsize=None)
def data_text(name: str) -> str:
    """The text of ``frontmap/data/<name>``, e.g. ``data_text("render/map.css")``."""
    try:
        return files("frontmap").joinpath("data", *name.split("/")).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"packaged data file 'frontmap/data/{name}' cannot be read "
                        f"({exc.__class__.__name__}: {exc}); {_FIX}") from None


@lru_cache(maxsize=None)
def load_json(name: str) -> Any:
    """``frontmap/data/<name>`` parsed as JSON, once per process.  Callers must not mutate it."""
    text = data_text(name)
    try:
        return json.loads(text)
    except ValueError as exc:
        raise DataError(f"packaged data file 'frontmap/data/{name}' is not valid JSON ({exc}); "
                        f"{_FIX}") from None


# ---------------------------------------------------------------- regex shapes

def nested_quantifier(pattern: str, flags: int = 0) -> str | None:
    """The part of ``pattern`` that repeats without bound something itself repeated without bound
    (``(?:\\w+\\s*)*``: such a pattern can backtrack exponentially on text it almost matches), or None.

    An inner repeat that is possessive (``\\s++``) or inside an atomic group (``(?>...)``) never gives
    back what it took, so it is allowed; so is any repeat with an upper bound.
    """
    import re._constants as c
    import re._parser as p

    repeats = (c.MAX_REPEAT, c.MIN_REPEAT)

    def parts(op, av) -> list:
        if op in repeats or op is c.POSSESSIVE_REPEAT:
            return [av[2]]
        if op is c.SUBPATTERN:
            return [av[3]]
        if op is c.BRANCH:
            return list(av[1])
        if op in (c.ASSERT, c.ASSERT_NOT):
            return [av[1]]
        if op is c.GROUPREF_EXISTS:
            return [x for x in av[1:] if x is not None]
        if op is c.ATOMIC_GROUP:
            return [av]
        return []

    def unbounded_inside(sub) -> bool:
        # an atomic group or a possessive repeat gives nothing back to a repeat around it
        return any((op in repeats and av[1] == c.MAXREPEAT)
                   or (op not in (c.ATOMIC_GROUP, c.POSSESSIVE_REPEAT) and any(unbounded_inside(s) for s in parts(op, av)))
                   for op, av in sub)

    def find(sub) -> str | None:
        for op, av in sub:
            if op in repeats and av[1] == c.MAXREPEAT and unbounded_inside(av[2]):
                return "a group repeated without bound holds a repeat without bound"
            for s in parts(op, av):
                found = find(s)
                if found:
                    return found
        return None

    return find(p.parse(pattern, flags))


def check_pattern(file: str, key: str, pattern: str, flags: int = 0) -> None:
    """A DataError naming the file and key when a packaged regex has a nested unbounded repeat."""
    problem = nested_quantifier(pattern, flags)
    if problem:
        raise DataError(f"packaged data file 'frontmap/data/{file}': key {key!r} has a regex in which {problem} "
                        f"({pattern[:80]!r}...), which can take exponential time on text it almost matches; "
                        "bound the outer repeat ({0,N}) or make the inner one possessive (\\s++) or atomic ((?>...))")
