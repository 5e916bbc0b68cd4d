"""Choosing which place a name means, using the report's own context.

Every candidate gets a score: a prior (admin rank, population, being in the
theatre of war, being the place's own name rather than an alternate) plus
context bonuses (an oblast named in the same sentence, paragraph or
section heading; nearness to the other places the report names).  The
softmax share of the best candidate is the confidence; below the threshold
the place is reported as ambiguous, with its candidates.  Weights are data
(data/resolving.json).
"""
from __future__ import annotations

import json
import math
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files

from frontmap.gazetteer import Gazetteer
from frontmap.model import Entry, Match, Mention, Place
from frontmap.names import name_key
from frontmap.sentences import Sentence

EARTH_KM = 6371.0088


@cache
def weights() -> dict:
    return json.loads(files("frontmap").joinpath("data/resolving.json").read_text("utf-8"))


def distance_km(a: Entry, b: Entry) -> float:
    """Great-circle distance; hand-rolled because it runs in the scoring loop."""
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def is_oblast(e: Entry) -> bool:
    return e.kind == "region" and e.raion is None


@dataclass
class _Item:
    mention: Mention
    sentence: int
    paragraph: int
    section: int | None          # index of the heading sentence that governs it
    key: str
    candidates: list[Match] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)
    best: int = 0
    confidence: float = 0.0
    reason: str = ""


class Resolver:
    def __init__(self, gazetteer: Gazetteer):
        self.gaz = gazetteer
        self.w = weights()
        self.theatre = frozenset(self.w["theatre_oblasts"])

    # -- candidate sets -------------------------------------------------------
    def _candidates(self, m: Mention) -> list[Match]:
        cands = list(m.candidates)
        hint = m.kind_hint
        if hint == "oblast":
            regions = [c for c in cands if is_oblast(c.entry)]
            if not regions:
                regions = list(self.gaz.lookup(m.text + " oblast"))
            return regions or cands
        if hint == "raion":
            raions = [c for c in cands if c.entry.kind == "region" and not is_oblast(c.entry)]
            if raions:
                return raions
            seen, out = set(), []
            for c in cands:
                if c.entry.kind != "settlement" or not c.entry.raion:
                    continue
                for r in self.gaz.lookup(c.entry.raion + " raion"):
                    if r.entry.oblast == c.entry.oblast and r.entry.id not in seen:
                        seen.add(r.entry.id)
                        out.append(r)
            return out or cands
        if hint == "river":
            rivers = [c for c in cands if c.entry.kind == "river"]
            return rivers or cands
        settlements = [c for c in cands if c.entry.kind != "river"]
        if settlements and all(c.score < 1.0 and _renamed(m.text, c.entry) for c in settlements):
            # a city's former name that is still its oblast's: "Dnipropetrovsk"
            regions = [r for r in self.gaz.lookup(m.text + " oblast") if is_oblast(r.entry)]
            if regions:
                return regions
        return settlements or cands

    # -- scoring --------------------------------------------------------------
    def _prior(self, item: _Item, c: Match) -> float:
        e, w = c.entry, self.w
        s = w["feature_prior"].get(e.feature, 0.0)
        if e.population >= w["population_floor"]:
            s += w["population_weight"] * math.log10(e.population / w["population_floor"])
        if e.oblast in self.theatre:
            s += w["theatre_bonus"]
        if e.approximate:
            s -= w["approximate_penalty"]  # a hromada centroid, not the settlement's own point
        own = {name_key(e.name), name_key(e.name_uk)} if e.name_uk else {name_key(e.name)}
        if item.key not in own:
            s -= w["alternate_name_penalty"]
        if e.kind == "region" and item.mention.kind_hint is None:
            s += 2.0  # "Crimea", "DPR": the region alias itself was written
        return s

    def _context(self, item: _Item, c: Match, ctx: "_Context", anchors: list[_Item]) -> float:
        e, w = c.entry, self.w
        bonus = 0.0
        if e.oblast:
            levels = (("sentence", ctx.oblasts_sentence.get(item.sentence, ())),
                      ("paragraph", ctx.oblasts_paragraph.get(item.paragraph, ())),
                      ("heading", ctx.oblasts_sentence.get(item.section, ()) if item.section is not None else ()),
                      ("report", ctx.oblasts_report))
            for level, regions in levels:
                hits = [r for r in regions if r.oblast == e.oblast]
                if hits:
                    bonus += w[f"oblast_in_{level}"]
                    if any(r.raion and r.raion == e.raion for r in hits):
                        bonus += w[f"oblast_in_{level}"] / 2
                    break
        if e.kind != "settlement":
            return bonus
        near: dict[str, float] = {}
        same_oblast: dict[str, float] = {}
        scale = w["near_scale_km"]
        for a in anchors:
            if a is item or a.key == item.key or not a.candidates:
                continue
            ae = a.candidates[a.best].entry
            if ae.kind != "settlement":
                continue
            level = self._level(item, a)
            val = w[f"near_{level}"] * a.confidence * math.exp(-distance_km(e, ae) / scale)
            near[level] = max(near.get(level, 0.0), val)
            if e.oblast and ae.oblast == e.oblast:
                same_oblast[level] = max(same_oblast.get(level, 0.0),
                                         w["same_oblast_factor"] * w[f"near_{level}"] * a.confidence)
        return bonus + sum(near.values()) + sum(same_oblast.values())

    @staticmethod
    def _level(item: _Item, a: _Item) -> str:
        if a.sentence == item.sentence:
            return "sentence"
        if item.section is not None and a.sentence == item.section:
            return "heading"
        if a.paragraph == item.paragraph:
            return "paragraph"
        return "report"

    def _score(self, items: list[_Item], ctx: "_Context", anchors: list[_Item]) -> None:
        by_key: dict[str, list[_Item]] = {}
        for it in items:
            by_key.setdefault(it.key, []).append(it)
        own_ctx = {id(it): [self._context(it, c, ctx, anchors) for c in it.candidates] for it in items}
        for it in items:
            if not it.candidates:
                continue
            peers = [p for p in by_key[it.key] if p is not it and len(p.candidates) == len(it.candidates)]
            scores = []
            for k, c in enumerate(it.candidates):
                shared = max((own_ctx[id(p)][k] for p in peers), default=0.0)
                scores.append(self._prior(it, c) + own_ctx[id(it)][k] + 0.5 * shared)
            it.scores = scores
            top = max(scores)
            sharp = self.w["sharpness"]
            exp = [math.exp(sharp * (s - top)) for s in scores]
            it.best = scores.index(top)
            it.confidence = exp[it.best] / sum(exp)
            if len(scores) == 1:
                it.confidence = 0.95 if it.key in self._own_keys(it.candidates[0].entry) else 0.85

    @staticmethod
    def _own_keys(e: Entry) -> set[str]:
        return {name_key(e.name), name_key(e.name_uk)} if e.name_uk else {name_key(e.name)}

    # -- main -----------------------------------------------------------------
    def resolve(self, text: str, mentions: list[Mention], sentences: list[Sentence]) -> list[Place]:
        ctx = _Context(text, sentences)
        items = []
        for m in mentions:
            s = ctx.sentence_of(m.start)
            it = _Item(m, s, ctx.paragraph_of(s), ctx.section_of(s), name_key(m.text))
            it.candidates = self._candidates(m)
            items.append(it)
        # Regions first: they are context for everything else.
        for it in items:
            if it.candidates and all(c.entry.kind == "region" for c in it.candidates):
                self._score([it], ctx, [])
                if it.confidence >= self.w["resolved_threshold"]:
                    ctx.add_region(it, it.candidates[it.best].entry)
        anchors = [it for it in items if len(it.candidates) == 1]
        for it in anchors:
            it.confidence = 0.95
        self._score(items, ctx, anchors)
        # Later passes: every current choice is an anchor, weighted by its confidence,
        # so two homonyms that name each other's neighbourhood settle together.
        for _ in range(self.w["passes"] - 1):
            self._score(items, ctx, [it for it in items if it.candidates])
        return [self._place(it) for it in items]

    def _place(self, it: _Item) -> Place:
        m = it.mention
        if not it.candidates:
            sugg = self.gaz.suggest(m.text, limit=self.w["max_alternatives"])
            return Place(m.text, m.start, m.end, None, None, None, None, None, None, 0.0,
                         "unresolved", "not in the gazetteer", [_alt(s, s.score) for s in sugg])
        order = sorted(range(len(it.candidates)), key=lambda k: -it.scores[k])
        best = it.candidates[it.best].entry
        status = "resolved" if it.confidence >= self.w["resolved_threshold"] else "ambiguous"
        n = len(it.candidates)
        reason = "only candidate" if n == 1 else f"best of {n} candidates by context and prior"
        alts = [] if n == 1 else [_alt(it.candidates[k], round(it.scores[k], 2))
                                  for k in order[: self.w["max_alternatives"]]]
        return Place(m.text, m.start, m.end, best.name, best.kind, best.oblast, best.lat, best.lon,
                     best.id, round(it.confidence, 3), status, reason, alts)


def _renamed(written: str, e: Entry) -> bool:
    """The written name is another name, not another spelling, of the entry."""
    from rapidfuzz.fuzz import ratio
    return ratio(name_key(written), name_key(e.name)) < 75


def _alt(match: Match, score: float) -> dict:
    e = match.entry
    return {"id": e.id, "name": e.name, "kind": e.kind, "oblast": e.oblast, "raion": e.raion,
            "lat": e.lat, "lon": e.lon, "score": score}


class _Context:
    """Where each sentence sits, and which regions each sentence/paragraph names."""

    def __init__(self, text: str, sentences: list[Sentence]):
        self.sentences = sentences
        self.starts = [s.start for s in sentences]
        self.oblasts_sentence: dict[int, list[Entry]] = {}
        self.oblasts_paragraph: dict[int, list[Entry]] = {}
        self.oblasts_report: list[Entry] = []
        self._sections = self._find_sections(text)

    def _find_sections(self, text: str) -> list[int | None]:
        out: list[int | None] = []
        last_heading: tuple[str, int] | None = None
        for i, s in enumerate(self.sentences):
            h = s.heading
            if not h:
                out.append(None)
                continue
            if last_heading is None or last_heading[0] != h:
                # the heading is the sentence that contains its text, at or before this one
                j = next((k for k in range(i, -1, -1) if h.strip() in self.sentences[k].text), i)
                last_heading = (h, j)
            out.append(last_heading[1])
        return out

    def sentence_of(self, offset: int) -> int:
        return max(0, bisect_right(self.starts, offset) - 1)

    def paragraph_of(self, s: int) -> int:
        return self.sentences[s].paragraph if self.sentences else 0

    def section_of(self, s: int) -> int | None:
        return self._sections[s] if self._sections else None

    def add_region(self, it: _Item, e: Entry) -> None:
        self.oblasts_sentence.setdefault(it.sentence, []).append(e)
        self.oblasts_paragraph.setdefault(it.paragraph, []).append(e)
        self.oblasts_report.append(e)


def resolve_mentions(text: str, mentions: list[Mention], gazetteer: Gazetteer,
                     sentences: list[Sentence]) -> list[Place]:
    return Resolver(gazetteer).resolve(text, mentions, sentences)
