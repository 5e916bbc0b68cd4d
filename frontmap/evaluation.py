"""Measure extractions against hand-made gold annotations.

Gold layout (see the eval README): ``texts/ID.txt`` (first line ``date
YYYY-MM-DD``, a blank line, then the passage) and ``gold/ID.json``.  Places are
matched per distinct surface form, claims on (place canonical, event).  All
figures are micro-averaged: counts are summed over documents, then divided.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Iterable
from fnmatch import fnmatchcase
from typing import Any, Callable, NamedTuple

from frontmap.distance import haversine_km
from frontmap.errors import EvalError, FrontmapError
from frontmap.model import Claim, Extraction, Place, Report

RADIUS_KM = 5.0
# Confidence bins of the reliability table: [lo, hi), the last one closed.
CONFIDENCE_BINS = (0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 1.0)
# Whose confidence is checked against gold.  "settlements": gold settlements with a point, in the
# theatre (the places within_5km counts); right = the place given lies within RADIUS_KM.
# "decidable": those, plus every other gold entry the tool put a settlement point on whose
# rightness the gold decides: right when within RADIUS_KM of a gold point (also outside the
# theatre); wrong when the gold entry is another kind of place (a city district, a raion) or
# lies in another oblast than the settlement given (a Russian village read as a Ukrainian one).
POPULATIONS = ("settlements", "decidable")
_DATE_LINE = re.compile(r"^date (\d{4}-\d{2}-\d{2})\s*$")
_DATE_INLINE = re.compile(r"\s*date (\d{4}-\d{2}-\d{2})\b")
_APOSTROPHES = "'’ʼʻ`´‘"
_DASHES = "‐‑‒–—―−"


@dataclass
class GoldPlace:
    as_written: str
    canonical: str
    kind: str
    oblast: str | None = None
    in_theatre: bool = True
    lat: float | None = None
    lon: float | None = None


@dataclass
class GoldClaim:
    place: str
    event: str
    claimant_side: str
    stance: str
    beneficiary: str | None = None
    claimant: str = ""
    evidence: str = ""


@dataclass
class GoldDoc:
    id: str
    date: str
    text: str                 # the passage after the blank line
    text_path: Path
    gold_path: Path
    places: list[GoldPlace]
    claims: list[GoldClaim]


# ---------------------------------------------------------------- loading

def read_gold_text(path: Path) -> tuple[str | None, str]:
    """(date, passage) of an eval text: ``date YYYY-MM-DD``, a blank line, the passage.

    Raw seed reports carry the date inline (`` date 2025-11-20 President...``):
    then the passage is the whole file.  No date header at all gives date None.
    """
    raw = Path(path).read_text(encoding="utf-8-sig")
    head, _, body = raw.partition("\n")
    if m := _DATE_LINE.match(head):
        return m.group(1), body[1:] if body.startswith("\n") else body
    m = _DATE_INLINE.match(raw)
    return (m.group(1) if m else None), raw


def _need(d: dict, key: str, where: str, types: tuple = (str,)) -> Any:
    if key not in d or not isinstance(d[key], types):
        raise EvalError(f"{where}: field {key!r} is missing or not {'/'.join(t.__name__ for t in types)} "
                        f"(got {d.get(key)!r}); fix the gold file")
    return d[key]


def _items(data: dict, key: str, path: Path):
    """(where, object) for each entry of data[key], which must be a list of objects."""
    for i, item in enumerate(_need(data, key, str(path), (list,))):
        if not isinstance(item, dict):
            raise EvalError(f"{path} {key}[{i}]: expected an object, got {item!r}; fix the gold file")
        yield f"{path} {key}[{i}]", item


def _num(v: Any) -> float | None:
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None


def _load_one(path: Path, texts: Path) -> GoldDoc:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise EvalError(f"{path}: not readable JSON ({exc}); fix or remove the file") from exc
    if not isinstance(data, dict):
        raise EvalError(f"{path}: top level is {type(data).__name__}, expected an object with id/places/claims")
    places = [GoldPlace(_need(p, "as_written", w), _need(p, "canonical", w), _need(p, "kind", w),
                        p.get("oblast"), bool(p.get("in_theatre", True)), _num(p.get("lat")), _num(p.get("lon")))
              for w, p in _items(data, "places", path)]
    claims = [GoldClaim(_need(c, "place", w), _need(c, "event", w), _need(c, "claimant_side", w),
                        _need(c, "stance", w), c.get("beneficiary_side"), c.get("claimant") or "",
                        c.get("evidence") or "")
              for w, c in _items(data, "claims", path)]
    doc_id = str(data.get("id") or path.stem)
    text_path = texts / f"{doc_id}.txt"
    if not text_path.is_file():
        raise EvalError(f"{path}: its text {text_path} does not exist; put texts/{doc_id}.txt beside gold/")
    date, text = read_gold_text(text_path)
    date = data.get("date") or date
    if not isinstance(date, str) or not date:
        raise EvalError(f"{path}: no date in the gold file nor a 'date YYYY-MM-DD' line in {text_path}; add one")
    return GoldDoc(doc_id, date, text, text_path, path, places, claims)


def load_gold(gold_dir: Path) -> list[GoldDoc]:
    """Every gold document under gold_dir, sorted by file name.

    gold_dir holds gold/ and texts/ (like eval/dev), or is itself the folder of
    gold JSON files with texts/ beside it.
    """
    gold_dir = Path(gold_dir)
    json_dir, texts = ((gold_dir / "gold", gold_dir / "texts") if (gold_dir / "gold").is_dir()
                       else (gold_dir, gold_dir.parent / "texts"))
    files = sorted(json_dir.glob("*.json")) if json_dir.is_dir() else []
    if not files:
        raise EvalError(f"{gold_dir}: no gold JSON files found; pass a folder holding gold/ and texts/ "
                        "(or a folder of gold JSON with texts/ beside it)")
    return [_load_one(f, texts) for f in files]


# ---------------------------------------------------------------- comparison helpers

def fold(s: str | None) -> str:
    """Case, apostrophe, dash and space insensitive form for comparing names."""
    if not s:
        return ""
    s = unicodedata.normalize("NFKC", s).casefold()
    s = s.translate({ord(c): None for c in _APOSTROPHES}).translate({ord(c): "-" for c in _DASHES})
    return " ".join(s.split())


def oblast_key(label: str | None) -> frozenset[str]:
    """Token set of an oblast label: "Belgorod (RU)" ~ "Belgorod (Russia)", "Kyiv City" ~ "Kyiv (city)"."""
    tokens = re.findall(r"[a-z]+", fold(label))
    return frozenset("russia" if t == "ru" else t for t in tokens if t not in ("oblast", "region"))


def _km(place: Place, gold: GoldPlace) -> float | None:
    if None in (place.lat, place.lon, gold.lat, gold.lon):
        return None
    return haversine_km(gold.lat, gold.lon, place.lat, place.lon)


class Sample(NamedTuple):
    """One place whose confidence the gold can check."""

    confidence: float
    right: bool
    status: str
    doc: str = ""
    evidence: str = ""
    raw: float | None = None


def _sample(p: Place, right: bool, doc: str) -> Sample:
    return Sample(float(p.confidence), right, p.status, doc, p.evidence, p.raw_confidence)


class _Tally(dict):
    """metric -> [hits, total]; add(key, True) counts one hit out of one.

    ``samples``: the places whose confidence is checked against gold (see :func:`reliability`),
    per population: (confidence, right, status).
    """

    def __init__(self) -> None:
        super().__init__()
        self.samples: dict[str, list[Sample]] = {name: [] for name in POPULATIONS}

    def add(self, key: str, hits: int | bool, total: int = 1) -> None:
        cell = self.setdefault(key, [0, 0])
        cell[0] += int(hits)
        cell[1] += total


# ---------------------------------------------------------------- places

def _within(part: str, whole: str) -> bool:
    """part occurs in whole as whole words ("Lyman" is not inside "Lymanske")."""
    return re.search(r"(?<!\w)" + re.escape(part) + r"(?!\w)", whole) is not None


def _pair_surfaces(out_forms: list[str], gold_forms: list[str]) -> tuple[dict[str, list[str]], set[str]]:
    """Map each output surface to the gold surfaces it matches: exact first, then containment.

    An output form with an exact gold twin takes only that; the others may match
    every gold form they contain or are contained in ("Kupyansk direction" ~ "Kupyansk").
    """
    gold_by_fold: dict[str, list[str]] = {}
    for g in gold_forms:
        gold_by_fold.setdefault(fold(g), []).append(g)
    pairs: dict[str, list[str]] = {}
    for o in out_forms:
        fo = fold(o)
        if fo in gold_by_fold:
            pairs[o] = list(gold_by_fold[fo])
        elif fo:
            pairs[o] = [g for fg, gs in gold_by_fold.items() if fg and (_within(fg, fo) or _within(fo, fg))
                        for g in gs]
    found = {g for gs in pairs.values() for g in gs}
    return pairs, found


def _best_place(cands: list[Place], gold: GoldPlace) -> Place:
    def score(p: Place) -> tuple:
        km = _km(p, gold)
        return (fold(p.name) == fold(gold.canonical), p.kind == gold.kind,
                oblast_key(p.oblast) == oblast_key(gold.oblast), -(km if km is not None else 1e9))
    return max(cands, key=score)


def _score_places(places: list[Place], gold: list[GoldPlace], t: _Tally, det: dict, doc: str = "") -> None:
    by_surface: dict[str, list[Place]] = {}
    for p in places:
        if p.text.strip():
            by_surface.setdefault(p.text.strip(), []).append(p)
    gold_forms = list(dict.fromkeys(g.as_written for g in gold))
    pairs, found = _pair_surfaces(list(by_surface), gold_forms)
    for o, gs in pairs.items():
        t.add("place_precision", bool(gs))
        t.add("place_spurious", not gs)
    for g in gold_forms:
        t.add("place_recall", g in found)
    det["spurious_places"] = [o for o, gs in pairs.items() if not gs]
    det["missed_places"] = [g for g in gold_forms if g not in found]
    det["wrong_places"] = []
    for g in gold:
        cands = [p for o, gs in pairs.items() if g.as_written in gs for p in by_surface[o]]
        has_coords = g.kind == "settlement" and g.lat is not None and g.lon is not None
        if not cands:
            if has_coords and g.in_theatre:
                t.add("within_5km_end2end", False)
            continue
        p = _best_place(cands, g)
        name_ok = fold(p.name) == fold(g.canonical)
        kind_ok = p.kind == g.kind
        obl_ok = oblast_key(p.oblast) == oblast_key(g.oblast)
        t.add("name_accuracy", name_ok)
        t.add("kind_accuracy", kind_ok)
        t.add("oblast_accuracy", obl_ok)
        km, near = None, False
        if has_coords:
            km = _km(p, g)
            near = km is not None and km <= RADIUS_KM
            t.add("within_5km_all", near)
        sample = _sample(p, near, doc)
        if has_coords and g.in_theatre:
            t.samples["settlements"].append(sample)
            t.samples["decidable"].append(sample)
        elif p.kind == "settlement" and p.lat is not None and p.lon is not None:
            if has_coords:
                t.samples["decidable"].append(sample)
            elif g.kind != "settlement" or (g.oblast and oblast_key(p.oblast) != oblast_key(g.oblast)):
                t.samples["decidable"].append(_sample(p, False, doc))
        if has_coords:
            if g.in_theatre:
                t.add("within_5km", near)
                t.add("within_5km_end2end", near)
                # Is the status honest?  resolved should be right; an ambiguous best pick is a hint.
                t.add("resolved_share", p.status == "resolved")
                if p.status == "resolved":
                    t.add("resolved_right", near)
                elif p.status == "ambiguous":
                    t.add("ambiguous_best_right", near)
        if not (name_ok and kind_ok and obl_ok) or (has_coords and not near):
            det["wrong_places"].append({
                "surface": g.as_written, "want": [g.canonical, g.kind, g.oblast],
                "got": [p.name, p.kind, p.oblast], "km": None if km is None else round(km, 1)})


# ---------------------------------------------------------------- claims

def evidence_overlap(a: str, b: str) -> float:
    """Token Jaccard of two evidence strings, 0..1 (0 when either is empty)."""
    ta, tb = (frozenset(re.findall(r"\w+", fold(x))) for x in (a, b))
    return len(ta & tb) / len(ta | tb) if ta and tb else 0.0


def same_place(place: Place, canonical: str, gold_places: list[GoldPlace]) -> bool:
    """Whether an output claim's place is the gold claim's place.

    The canonical name or one of the gold place's surface forms must match, and where the
    gold place has coordinates the output's must lie within RADIUS_KM of them: a neighbouring
    village of another name, or a namesake 100 km away, does not stand in for it.
    """
    entries = [g for g in gold_places if fold(g.canonical) == fold(canonical)]
    named = fold(place.name) == fold(canonical) or any(fold(place.text) == fold(g.as_written) for g in entries)
    if not named:
        return False
    located = [g for g in entries if g.lat is not None and g.lon is not None]
    if not located:
        return True
    return any((km := _km(place, g)) is not None and km <= RADIUS_KM for g in located)


def _match_claims(out: list[Claim], gold: list[GoldClaim], with_event: bool,
                  gold_places: list[GoldPlace] | None = None) -> list[tuple[int, int]]:
    """Pair gold and output claims one to one by an optimal assignment.

    A pair needs the same place (:func:`same_place`; by name alone when the gold places are
    not given) and, ``with_event``, the same event.  The most pairs win; among as many, the
    larger summed evidence overlap, then agreement on side, then on stance.  Side and stance
    only break ties, so they cannot buy a pair that the evidence does not support.
    """
    def pairable(g: GoldClaim, o: Claim) -> bool:
        if with_event and g.event != o.event:
            return False
        if gold_places is None:
            return fold(o.place.name or o.place.text) == fold(g.place)
        return same_place(o.place, g.place, gold_places)

    edges = [(gi, oi) for gi, g in enumerate(gold) for oi, o in enumerate(out) if pairable(g, o)]
    if not edges:
        return []
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    # Lexicographic weights: a pair (1e6) outweighs any overlap (0..1e4 in steps of 100),
    # which outweighs side (10), which outweighs stance (1).
    weight = np.zeros((len(gold), len(out)))
    for gi, oi in edges:
        g, o = gold[gi], out[oi]
        weight[gi, oi] = (1e6 + 100 * round(100 * evidence_overlap(g.evidence, o.evidence))
                          + 10 * (g.claimant_side == o.claimant_side) + (g.stance == o.stance))
    rows, cols = linear_sum_assignment(weight, maximize=True)
    return sorted((int(gi), int(oi)) for gi, oi in zip(rows, cols) if weight[gi, oi] > 0)


def _score_claims(out: list[Claim], gold: list[GoldClaim], t: _Tally, det: dict,
                  gold_places: list[GoldPlace] | None = None) -> None:
    pairs = _match_claims(out, gold, with_event=True, gold_places=gold_places)
    t.add("claim_precision", len(pairs), len(out))
    t.add("claim_recall", len(pairs), len(gold))
    for gi, oi in pairs:
        g, o = gold[gi], out[oi]
        t.add("claimant_side_accuracy", o.claimant_side == g.claimant_side)
        t.add("stance_accuracy", o.stance == g.stance)
        t.add("beneficiary_accuracy", (o.beneficiary or None) == (g.beneficiary or None))
    loose = _match_claims(out, gold, with_event=False, gold_places=gold_places)
    t.add("claim_place_precision", len(loose), len(out))
    t.add("claim_place_recall", len(loose), len(gold))
    hit_g, hit_o = {gi for gi, _ in pairs}, {oi for _, oi in pairs}
    det["missed_claims"] = [[g.place, g.event, g.claimant_side, g.stance]
                            for i, g in enumerate(gold) if i not in hit_g]
    det["spurious_claims"] = [[o.place.name or o.place.text, o.event, o.claimant_side, o.stance]
                              for i, o in enumerate(out) if i not in hit_o]


# ---------------------------------------------------------------- report

# (metric key, label) in display order; F1 rows are derived from precision and recall.
_ROWS = (
    ("report_date", "report date correct"),
    ("place_precision", "place detection precision"), ("place_recall", "place detection recall"),
    ("place_f1", "place detection F1"), ("place_spurious", "spurious place surfaces"),
    ("name_accuracy", "canonical name accuracy"), ("kind_accuracy", "kind accuracy"),
    ("oblast_accuracy", "oblast accuracy"), ("within_5km", "within 5 km (detected, in theatre)"),
    ("within_5km_end2end", "within 5 km (all in-theatre gold)"),
    ("within_5km_all", "within 5 km (detected, all gold coords)"),
    ("resolved_share", "marked resolved (detected, in theatre)"),
    ("resolved_right", "resolved and within 5 km"),
    ("ambiguous_best_right", "ambiguous, best pick within 5 km"),
    ("claim_precision", "claim precision (place+event)"), ("claim_recall", "claim recall (place+event)"),
    ("claim_f1", "claim F1 (place+event)"), ("claimant_side_accuracy", "claimant side accuracy (matched)"),
    ("stance_accuracy", "stance accuracy (matched)"), ("beneficiary_accuracy", "beneficiary accuracy (matched)"),
    ("claim_place_precision", "claim precision (place only)"),
    ("claim_place_recall", "claim recall (place only)"), ("claim_place_f1", "claim F1 (place only)"),
)


def _metrics(t: _Tally) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for key, _label in _ROWS:
        if key.endswith("_f1"):
            p = out.get(key[:-3] + "_precision", {}).get("value")
            r = out.get(key[:-3] + "_recall", {}).get("value")
            # No output at all (p undefined) against gold is still an F1 of 0.
            p, r = (None, None) if p is None and r is None else (p or 0.0, r or 0.0)
            f1 = None if p is None else (0.0 if p + r == 0 else 2 * p * r / (p + r))
            out[key] = {"value": f1, "num": None, "den": None}
        else:
            hits, total = t.get(key, (0, 0))
            out[key] = {"value": hits / total if total else None, "num": hits, "den": total}
    return out


def reliability(samples: Iterable[Sample | tuple[float, bool, str]], edges: tuple[float, ...] = CONFIDENCE_BINS
                ) -> dict[str, Any]:
    """How far confidence is a probability: for each bin of confidence, how many places, their mean
    confidence and the share of them that are right; the expected calibration error (the mean gap
    between confidence and share right, bins weighted by their counts); and the precision and
    coverage of status ``resolved``.  ``samples``: (confidence, right, status) per place.
    """
    samples = [tuple(s[:3]) for s in samples]
    bins = []
    for k, (lo, hi) in enumerate(zip(edges, edges[1:])):
        last = k == len(edges) - 2
        inside = [(c, r) for c, r, _s in samples if lo <= c < hi or (last and c == hi)]
        n = len(inside)
        bins.append({"lo": lo, "hi": hi, "count": n,
                     "mean_confidence": sum(c for c, _ in inside) / n if n else None,
                     "share_right": sum(r for _, r in inside) / n if n else None})
    n = len(samples)
    ece = (sum(b["count"] * abs(b["mean_confidence"] - b["share_right"]) for b in bins if b["count"]) / n
           if n else None)
    resolved = [r for _c, r, s in samples if s == "resolved"]
    return {"count": n, "right": sum(r for _c, r, _s in samples), "bins": bins, "ece": ece,
            "resolved": {"count": len(resolved), "right": sum(resolved),
                         "precision": sum(resolved) / len(resolved) if resolved else None,
                         "coverage": len(resolved) / n if n else None}}


def _pct(v: float | None) -> str:
    return "n/a" if v is None else f"{100 * v:.1f}%"


def reliability_table(rel: dict[str, Any], title: str) -> str:
    """A Markdown table of one :func:`reliability` result, with its ECE and status lines."""
    lines = [f"{title}", "", "| confidence | count | mean confidence | share right |", "| --- | ---: | ---: | ---: |"]
    for b in rel["bins"]:
        mean = "" if b["mean_confidence"] is None else f"{b['mean_confidence']:.3f}"
        lines.append(f"| {b['lo']:.2f}–{b['hi']:.2f} | {b['count']} | {mean} | {_pct(b['share_right'])} |")
    res = rel["resolved"]
    ece = "n/a" if rel["ece"] is None else f"{rel['ece']:.3f}"
    lines += ["", f"- ECE: {ece} ({rel['right']}/{rel['count']} right)",
              f"- resolved: {_pct(res['precision'])} right ({res['right']}/{res['count']}), "
              f"coverage {_pct(res['coverage'])} ({res['count']}/{rel['count']})"]
    return "\n".join(lines)


_POPULATION_TITLES = {
    "settlements": "Calibration: gold settlements with a point, in the theatre (right: within 5 km); "
                   "documents the shipped calibration was fitted on are scored leaving their own out",
    "decidable": "Calibration: every settlement given whose rightness the gold decides "
                 "(also: another kind or oblast than the gold entry is wrong)",
}


@dataclass
class EvalReport:
    """Overall rows (metric, value, counts), plus every figure per document."""

    rows: list[tuple[str, ...]]
    overall: dict[str, dict[str, Any]]
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)
    calibration: dict[str, dict[str, Any]] = field(default_factory=dict)   # population -> reliability()
    samples: dict[str, list[Sample]] = field(default_factory=dict, repr=False)   # population -> raw samples

    def as_dict(self) -> dict[str, Any]:
        return {"overall": self.overall, "calibration": self.calibration, "documents": self.documents,
                "failures": self.failures}

    def write_calibration(self, path: str | Path) -> dict[str, Any]:
        """Fit the confidence calibration on this report's documents and write it to ``path``."""
        from frontmap.files import write_atomic
        fitted = fit_calibration(self.samples)
        write_atomic(path, json.dumps(fitted, indent=2, ensure_ascii=False) + "\n", error=EvalError,
                     what="calibration", fix="pass another --fit-calibration path")
        return fitted

    def reliability_tables(self) -> list[tuple[str, dict[str, Any]]]:
        """(title, :func:`reliability` result) of each population scored."""
        return [(_POPULATION_TITLES.get(name, name), rel) for name, rel in self.calibration.items()]

    def as_table(self) -> str:
        """A Markdown table: metric | value | counts."""
        lines = ["| metric | value | counts |", "| --- | ---: | ---: |"]
        lines += [f"| {m} | {v} | {c} |" for m, v, c in self.rows]
        for name, rel in self.calibration.items():
            lines += ["", reliability_table(rel, _POPULATION_TITLES.get(name, name))]
        if self.failures:
            lines.append("")
            lines += [f"- extraction failed on {k}: {v}" for k, v in self.failures.items()]
        return "\n".join(lines)


def _rows(metrics: dict[str, dict[str, Any]]) -> list[tuple[str, ...]]:
    rows = []
    for key, label in _ROWS:
        m = metrics[key]
        value = "n/a" if m["value"] is None else f"{100 * m['value']:.1f}%"
        counts = "" if m["den"] is None else f"{m['num']}/{m['den']}"
        rows.append((label, value, counts))
    return rows


def score_document(doc: GoldDoc, extraction: Extraction) -> tuple[dict[str, Any], _Tally]:
    """Metrics and mismatch details for one document."""
    t, det = _Tally(), {}
    t.add("report_date", extraction.report.date == doc.date)
    _score_places(extraction.places, doc.places, t, det, doc.id)
    _score_claims(extraction.claims, doc.claims, t, det, doc.places)
    return {"metrics": _metrics(t), "details": det}, t


def select(docs: list[GoldDoc], ids: Iterable[str] = (), exclude: Iterable[str] = ()) -> list[GoldDoc]:
    """The documents whose id matches one of ``ids`` (shell patterns, all when none) and none of ``exclude``."""
    ids, exclude = list(ids), list(exclude)
    return [d for d in docs if (not ids or any(fnmatchcase(d.id, p) for p in ids))
            and not any(fnmatchcase(d.id, p) for p in exclude)]


def evaluate(gold_dir: Path | str, extract: Callable[[Path], Extraction], *,
             ids: Iterable[str] = (), exclude: Iterable[str] = ()) -> EvalReport:
    """Run ``extract`` on every gold text and score it.

    ``ids`` and ``exclude``: shell patterns of document ids ("d0*", "seed*") to score only a
    part, such as a held-out set.  A FrontmapError from ``extract`` is recorded in
    ``failures`` and scored as an empty extraction (other exceptions are bugs and propagate).
    """
    total, docs, failures = _Tally(), {}, {}
    samples: dict[str, list] = {name: [] for name in POPULATIONS}
    chosen = select(load_gold(Path(gold_dir)), ids, exclude)
    if not chosen:
        raise EvalError(f"{gold_dir}: no gold document matches ids {list(ids) or ['*']} "
                        f"minus {list(exclude)}; check the patterns")
    for doc in chosen:
        try:
            extraction = extract(doc.text_path)
        except FrontmapError as exc:
            failures[doc.id] = str(exc)
            extraction = Extraction(Report(str(doc.text_path), "", doc.text), [], [])
        docs[doc.id], t = score_document(doc, extraction)
        for key, (hits, n) in t.items():
            total.add(key, hits, n)
        for name, got in t.samples.items():
            samples[name] += got
    overall = _metrics(total)
    checked = cross_validated(samples)
    return EvalReport(rows=_rows(overall), overall=overall, documents=docs, failures=failures,
                      calibration={name: reliability(got) for name, got in checked.items()}, samples=samples)


FIT_POPULATION = "decidable"   # the widest population the gold decides: also wrong kinds and oblasts


def fit_calibration(samples: dict[str, list[Sample]]) -> dict[str, Any]:
    """A calibration table (see frontmap.places.calibration) fitted on these samples."""
    from frontmap.places.calibration import fit
    got = samples[FIT_POPULATION]
    return fit(((s.evidence, s.raw, s.right) for s in got), fitted_on={s.doc for s in got})


def cross_validated(samples: dict[str, list[Sample]], fitted: dict[str, Any] | None = None
                    ) -> dict[str, list[Sample]]:
    """The samples as a calibration never fitted on their own document would give them: each one
    from a document the table was fitted on is recalibrated by a table fitted on the other
    documents here (leave one document out); the others keep their confidence."""
    from frontmap.places.calibration import calibrated, fit, resolves, table
    fitted = table() if fitted is None else fitted
    inside = set(fitted["fitted_on"])
    pool = [s for s in samples[FIT_POPULATION] if s.doc in inside]
    tables: dict[str, dict[str, Any]] = {}
    out: dict[str, list[Sample]] = {}
    for name, got in samples.items():
        out[name] = []
        for s in got:
            if s.doc not in inside or s.raw is None or s.status == "unresolved" or s.evidence == "memory":
                out[name].append(s)
                continue
            if s.doc not in tables:
                tables[s.doc] = fit(((x.evidence, x.raw, x.right) for x in pool if x.doc != s.doc), base=fitted)
            c = calibrated(s.evidence, s.raw, tables[s.doc])
            out[name].append(s._replace(confidence=c,
                                        status="resolved" if resolves(s.evidence, c) else "ambiguous"))
    return out
