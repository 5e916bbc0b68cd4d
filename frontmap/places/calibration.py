"""Turning the resolver's scores into probabilities of being right.

The resolver's score (a softmax share, or a fixed value for a name with one candidate) ranks
candidates well but is not a probability.  Each kind of evidence ("single", "context",
"spelling", ...) has its own logistic map from the score's log-odds to the log-odds of being
right (Platt scaling): ``p = sigmoid(slope * logit(raw) + intercept)``.  The two numbers are the
most probable ones given the gold places and a Gaussian prior centred on no change
(slope 1, intercept 0) of width ``prior_sd``: a kind of evidence seen a few times moves a little,
one never seen not at all.  The maps are fitted by ``frontmap eval --fit-calibration`` and kept
as data (data/places/calibration.json); ``resolved`` means a probability of at least
``resolved_probability`` on evidence that may resolve.
"""
from __future__ import annotations

import math
from collections.abc import Iterable
from functools import cache
from typing import Any

from frontmap.resources import load_json


@cache
def table() -> dict[str, Any]:
    return load_json("places/calibration.json")


RESOLVED_PROBABILITY: float = table()["resolved_probability"]
_EDGE = 1e-3      # scores of exactly 0 or 1 have no log-odds


def resolves(evidence: str, probability: float) -> bool:
    """Whether a place chosen on ``evidence`` with this probability counts as ``resolved``."""
    return probability >= RESOLVED_PROBABILITY and evidence not in table()["never_resolved"]


def _logit(p: float) -> float:
    p = min(1 - _EDGE, max(_EDGE, p))
    return math.log(p / (1 - p))


def _sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))


def calibrated(evidence: str, raw: float, fitted: dict[str, Any] | None = None) -> float:
    """The probability that a place chosen on ``evidence`` with score ``raw`` is right."""
    t = table() if fitted is None else fitted
    m = t["classes"].get(evidence)
    if not m:
        return raw
    p = _sigmoid(m["slope"] * _logit(raw) + m["intercept"])
    return min(t["max_probability"], max(t["min_probability"], p))


def _map_fit(points: list[tuple[float, bool]], sd: float) -> tuple[float, float]:
    """Slope and intercept maximising the log-likelihood plus the Gaussian prior (Newton steps)."""
    a, b, inv = 1.0, 0.0, 1 / (sd * sd)
    for _ in range(50):
        ga, gb = -(a - 1) * inv, -b * inv            # gradient
        haa, hab, hbb = -inv, 0.0, -inv               # Hessian
        for x, y in points:
            p = _sigmoid(a * x + b)
            r, w = (1.0 if y else 0.0) - p, p * (1 - p)
            ga, gb = ga + r * x, gb + r
            haa, hab, hbb = haa - w * x * x, hab - w * x, hbb - w
        det = haa * hbb - hab * hab
        da, db = (hbb * ga - hab * gb) / det, (haa * gb - hab * ga) / det
        a, b = a - da, b - db
        if abs(da) + abs(db) < 1e-9:
            break
    return a, b


def fit(samples: Iterable[tuple[str, float | None, bool]], *, base: dict[str, Any] | None = None,
        fitted_on: Iterable[str] = ()) -> dict[str, Any]:
    """A calibration table from (evidence, raw score, right) samples; settings come from ``base``
    (the shipped table when None)."""
    base = table() if base is None else base
    seen: dict[str, list[tuple[float, bool]]] = {}
    for evidence, raw, right in samples:
        if raw is not None and evidence:
            seen.setdefault(evidence, []).append((_logit(raw), bool(right)))
    classes = {}
    for evidence, points in sorted(seen.items()):
        a, b = _map_fit(points, base["prior_sd"])
        classes[evidence] = {"count": len(points), "right": sum(y for _, y in points),
                             "slope": round(a, 4), "intercept": round(b, 4)}
    return {**{k: v for k, v in base.items() if k not in ("classes", "fitted_on")},
            "fitted_on": sorted(set(fitted_on)), "classes": classes}
