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

import math
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from frontmap import budget
from frontmap.distance import EARTH_KM, distance_km, haversine_km
from frontmap.gazetteer.schema import theatre
from frontmap.gazetteer.store import Gazetteer
from frontmap.model import Alternative, Entry, Match, Mention, Place
from frontmap.resources import load_json
from frontmap.text.names import name_key
from frontmap.places.context import ReportContext
from frontmap.places.capitals import capitals_as_oblasts
from frontmap.places.locating import Span, locating_regions, same_oblast
from frontmap.places.offsets import destination, stated_offset, tolerance_km
from frontmap.places.roads import road_ends, shares_stem
from frontmap.places.roads import rules as road_rules
from frontmap.places import explain
from frontmap.places.facilities import HINT as FACILITY
from frontmap.places.facilities import as_facility
from frontmap.places.calibration import calibrated, resolves
from frontmap.places.nearby import Chosen
from frontmap.places.nearby import refresh as refresh_chosen
from frontmap.text.sentences import Sentence

if TYPE_CHECKING:
    import numpy as np  # imported where used: importing the resolver stays light



@cache
def weights() -> dict:
    return load_json("places/resolving.json")


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
    fuzzy: bool = False            # candidates come from spelling similarity only
    top_score: float = 1.0
    official_exists: bool = False  # some candidate is written exactly as its official name
    scores: list[float] = field(default_factory=list)
    best: int = 0
    confidence: float = 0.0
    reason: str = ""
    widened: str = ""              # why close spellings joined a name the gazetteer holds (see explain.reason)
    # built from `candidates` (and `fuzzy`) once, rebuilt when those change: see _Item.derived
    _derived: tuple | None = field(default=None, repr=False, compare=False)

    def derived(self, build):
        """What build(item) makes of the candidates, kept until they (or `fuzzy`) change."""
        if self._derived is None or self._derived[0] is not self.candidates or self._derived[1] != self.fuzzy:
            self._derived = (self.candidates, self.fuzzy, build(self))
        return self._derived[2]


@dataclass
class _Layout:
    """Where each mention stands among the others (see Resolver._layout)."""
    next: dict[int, _Item]               # id(item) -> the mention after it in the text
    index: dict[int, int]                # id(item) -> its place among its sentence's mentions
    spans: dict[int, list[Span]]         # sentence -> its mentions, with the region each names
    runs: dict[int, dict[int, int]] = field(default_factory=dict)   # sentence -> where each list of names ends


@dataclass
class _Geometry:
    """Where a list of candidate settlements lies, and their nearness to each place ever chosen as an
    anchor: it depends on the places alone, so the mentions with the same candidates share one, kept
    by the resolver across reports (Resolver._candidate_table), and each column is computed once.""" 
    lat: np.ndarray               # their latitude (radians) as a column, for the distance matrix
    lon: np.ndarray
    cos_lat: np.ndarray
    oblast: np.ndarray            # their oblasts' codes (-1: none)
    # Nearness to each place ever chosen as an anchor, one column per place (by entry id):
    # later rounds mostly choose the same places, so a column is computed once.
    # Rows: exp(-km / scale) of each settlement, then 1.0 where it shares the anchor's oblast
    # (else 0.0), so that one product with the confidences serves both terms.
    columns: dict[str, int] = field(default_factory=dict)
    near: np.ndarray | None = None


@dataclass
class _Candidates:
    """One item's candidates as the scoring rounds need them, built once per item."""
    entries: list[Entry]
    priors: list[float]
    rows: list[int]               # indices of the settlements among them
    geo: _Geometry | None         # where those settlements lie (None: no rows)
    bonuses: tuple | None = None     # (context version, oblast bonus of each candidate)


class _Anchors:
    """The settlements chosen in one scoring round: every item of the round is scored
    against the same choices, so they are gathered once per round, not per item.

    Mentions of one name chosen as one place in one sentence are one anchor, with the best of
    their confidences: every item sees them at the same level and the same distance, and only the
    best counts (the score takes the maximum), so a list naming a place a thousand times costs one.
    """

    def __init__(self, anchors: list[_Item], oblast_code):
        import numpy as np
        site: dict[tuple, int] = {}
        entries: list[Entry] = []
        self.keys, self.sentences, self.paragraphs, conf = [], [], [], []
        for a in anchors:
            if not a.candidates or a.candidates[a.best].entry.kind != "settlement":
                continue
            e = a.candidates[a.best].entry
            k = site.setdefault((a.key, e.id, a.sentence, a.paragraph), len(entries))
            if k < len(entries):
                conf[k] = max(conf[k], a.confidence)
                continue
            entries.append(e)
            self.keys.append(a.key)
            self.sentences.append(a.sentence)
            self.paragraphs.append(a.paragraph)
            conf.append(a.confidence)
        self.ids = [e.id for e in entries]
        self.grouped: dict[tuple, list[list[int]]] = {}     # see Resolver._contexts
        self._tree = None
        self._arrays = None
        if not entries:
            # a region's own round (see resolve) has none, and reads no array: numpy would cost
            # more than the rest of the round
            self.lat = self.lon = self.oblast = self.conf = None
            return
        self.lat = np.radians([e.lat for e in entries])
        self.lon = np.radians([e.lon for e in entries])
        self.oblast = np.array([oblast_code(e.oblast) for e in entries], dtype=np.int64)
        self.conf = np.array(conf, dtype=np.float64)

    def arrays(self):
        """(name codes, {name key: code}, sentences, paragraphs) as arrays, for the capped context."""
        if self._arrays is None:
            import numpy as np
            codes: dict[str, int] = {}
            self._arrays = (np.array([codes.setdefault(k, len(codes)) for k in self.keys], dtype=np.int64), codes,
                            np.array(self.sentences, dtype=np.int64), np.array(self.paragraphs, dtype=np.int64))
        return self._arrays

    def __len__(self) -> int:
        return len(self.ids)

    def in_sentence(self, s: int | None) -> list[int]:
        """The anchors named in sentence s."""
        if s is None:
            return []
        if not hasattr(self, "_by_sentence"):
            self._by_sentence: dict[int, list[int]] = {}
            for j, sj in enumerate(self.sentences):
                self._by_sentence.setdefault(sj, []).append(j)
        return self._by_sentence.get(s, [])

    def in_paragraph(self, p: int) -> list[int]:
        """The anchors named in paragraph p."""
        if not hasattr(self, "_by_paragraph"):
            self._by_paragraph: dict[int, list[int]] = {}
            for j, pj in enumerate(self.paragraphs):
                self._by_paragraph.setdefault(pj, []).append(j)
        return self._by_paragraph.get(p, [])

    def nearest(self, lat_rad, lon_rad, k: int):
        """Indices of the k anchors nearest each (lat, lon) point (radians, as columns): a k-d tree on
        the unit sphere, whose chord order is the great-circle order."""
        import numpy as np
        from scipy.spatial import cKDTree
        if self._tree is None:
            self._tree = cKDTree(_unit(self.lat, self.lon))
        k = min(k, len(self.ids))
        _, idx = self._tree.query(_unit(np.ravel(lat_rad), np.ravel(lon_rad)), k=k)
        return idx.reshape(-1, k)


def _unit(lat, lon):
    import numpy as np
    return np.column_stack((np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)))


SUGGEST_CACHE = 10_000   # names whose close spellings a resolver keeps
TABLE_CACHE = 20_000     # candidate lists whose priors and geometry a resolver keeps
GEOMETRY_COLUMNS = 512   # anchors a kept geometry holds nearness to before it starts afresh
_LEVELS = ("sentence", "heading", "paragraph", "report")   # nearest first, as explain.level names them


class Resolver:
    def __init__(self, gazetteer: Gazetteer):
        self.gaz = gazetteer
        self.w = weights()
        self.theatre = frozenset(theatre()["theatre_oblasts"])
        # Nearness to the war: distance to the oblasts where the ground fighting is.
        self.front = [o for o in (gazetteer.oblast(n) for n in theatre()["front_oblasts"]) if o]
        self._front_points = [(math.radians(o.lat), math.cos(math.radians(o.lat)), o.lon) for o in self.front]
        self._prior_cache: dict[str, float] = {}
        self._oblast_codes: dict[str, int] = {}
        factor = self.w["same_oblast_factor"]
        self._near_weights = {level: (self.w[f"near_{level}"], factor * self.w[f"near_{level}"])
                              for level in _LEVELS}
        self._official_cache: dict[tuple[str, str], bool] = {}
        self._suggested: dict[str, list[Match]] = {}
        self._tables: dict[tuple, tuple] = {}      # see _candidate_table

    def _front_km(self, e: Entry) -> float:
        """distance_km to the nearest front oblast, inlined with the oblasts' terms computed
        once: every entry a report names asks it (the same operations, so the same floats)."""
        if not self._front_points:
            return 1000.0
        p1 = math.radians(e.lat)
        cos1, lon1 = math.cos(p1), e.lon
        sin, radians = math.sin, math.radians
        return min(2 * EARTH_KM * math.asin(min(1.0, math.sqrt(
            sin((p2 - p1) / 2) ** 2 + cos1 * cos2 * sin(radians(lon2 - lon1) / 2) ** 2)))
            for p2, cos2, lon2 in self._front_points)

    # -- candidate sets -------------------------------------------------------
    def _candidates(self, m: Mention) -> list[Match]:
        cands = list(m.candidates)
        hint = m.kind_hint
        if hint == FACILITY:                # named after a settlement, not a region
            return [c for c in cands if c.entry.kind == "settlement"] or cands
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
                # "Synelnykove district": the raion named after its centre; not the raion that
                # merely holds a village or a city quarter of the name ("Shevchenkivskyi district")
                if c.entry.kind != "settlement" or not c.entry.raion or _renamed(c.entry.name, c.entry.raion):
                    continue
                for r in self.gaz.lookup(c.entry.raion + " raion"):
                    if r.entry.oblast == c.entry.oblast and r.entry.id not in seen:
                        seen.add(r.entry.id)
                        out.append(r)
            if out:
                return out
            # a district the gazetteer holds no raion for: a city's own district, if it has one
            # of the name, never a village that shares it
            return [c for c in cands if _city_district(c)]
        if hint == "river":
            rivers = [c for c in cands if c.entry.kind == "river"]
            return rivers or cands
        settlements = [c for c in cands if c.entry.kind != "river"]
        if settlements and all(c.score < 1.0 and _renamed(m.text, c.entry) for c in settlements):
            # a city's former name that is still its oblast's: "Dnipropetrovsk"; not a former
            # spelling that both have left behind ("Kiev" is the city, like "Kyiv")
            regions = [r for r in self.gaz.lookup(m.text + " oblast") if is_oblast(r.entry)
                       and not _renamed(m.text, r.entry.name.removesuffix(" Oblast"))]
            if regions:
                return regions
        return settlements or cands

    def _suggest(self, text: str) -> list[Match]:
        """Close spellings, asked of the gazetteer once per name (names recur across reports)."""
        found = self._suggested.get(text)
        if found is None:
            if len(self._suggested) >= SUGGEST_CACHE:
                self._suggested.clear()
            found = self._suggested[text] = self.gaz.suggest(
                text, limit=12, min_score=self.w["fuzzy_min_score"] * 100)
        return found

    def _by_spelling(self, text: str, exclude: set[str] = frozenset()) -> list[Match]:
        """Candidates for a name the gazetteer lacks: every place under every spelling above the floor.

        All of them compete, the closer spellings favoured only gently (see _prior): a
        misspelling is often nearer some far village than the place the report's own oblast
        phrase or neighbours point to.  Never a resolved answer on its own: the confidence is
        capped below the threshold.
        """
        floor = self.w["fuzzy_min_score"]
        own = name_key(text)
        out, seen = [], set(exclude)
        for sug in self._suggest(text):
            if sug.score < floor or name_key(sug.matched) == own:
                continue
            for m in self.gaz.lookup(sug.matched):
                if m.entry.id not in seen and m.entry.kind == "settlement":
                    seen.add(m.entry.id)
                    out.append(Match(m.entry, m.matched, sug.score * m.score, "spelling"))
        return out

    # -- scoring --------------------------------------------------------------
    def _population_term(self, e: Entry) -> float:
        w = self.w
        if e.population < w["population_floor"]:
            return 0.0
        return w["population_weight"] * math.log10(e.population / w["population_floor"])

    def _entry_prior(self, e: Entry) -> float:
        """What speaks for a place before any context: rank, size, nearness to the war."""
        cached = self._prior_cache.get(e.id)
        if cached is not None:
            return cached
        w = self.w
        s = w["feature_prior"].get(e.feature, 0.0)
        s += self._population_term(e)
        if e.oblast in self.theatre:
            s += w["theatre_bonus"]
        s += w["front_weight"] * math.exp(-self._front_km(e) / w["front_scale_km"])
        if e.approximate:
            s -= w["approximate_penalty"]  # a hromada centroid, not the settlement's own point
        self._prior_cache[e.id] = s
        return s

    def _official(self, c: Match) -> bool:
        """Written literally as the place's official name or its national romanisation."""
        if c.source != "gazetteer":
            return False  # a spelling derived by rule, an override or a suggestion
        key = (c.entry.id, c.matched)
        if key not in self._official_cache:
            tag = self.gaz.tag(c.entry.id, c.matched) or ""
            self._official_cache[key] = tag.startswith("uk") and "-x-" not in tag
        return self._official_cache[key]

    def _prior(self, item: _Item, c: Match) -> float:
        e, w = c.entry, self.w
        s = self._entry_prior(e)
        official = self._official(c)
        if item.fuzzy:
            s -= 10 * (item.top_score - c.score)  # closeness of spelling, gently
        elif item.official_exists and not official:
            # the words written are some place's official name ("Oleksandrivka"): another
            # place that merely carries them as an old or foreign name is far less likely,
            # however big it is
            s -= w["alternate_when_official_penalty"] + self._population_term(e)
        elif c.score < item.top_score - 1e-6:
            s -= w["alternate_name_penalty"]  # matched only another name of the place
        if not item.fuzzy and official:
            s += w["official_name_bonus"]  # written as its official name, or that name's national romanisation
        if e.kind == "region" and item.mention.kind_hint is None:
            s += 2.0  # "Crimea", "DPR": the region alias itself was written
        return s

    def _oblast_bonuses(self, item: _Item, entries: list[Entry], ctx: ReportContext) -> list[float]:
        """For each candidate: an oblast (or raion) named in the sentence, paragraph, section
        heading or report, the nearest level that names it."""
        w = self.w
        # the same for every item of a sentence (until a region is added): worked out once
        where = (ctx.version, item.sentence, item.paragraph, item.section)
        levels = ctx.oblast_levels.get(where)
        if levels is None:
            levels = ((w["oblast_in_sentence"], ctx.named("sentence", item.sentence)),
                      (w["oblast_in_paragraph"], ctx.named("paragraph", item.paragraph)),
                      (w["oblast_in_heading"], ctx.named("sentence", item.section) if item.section is not None else {}),
                      (w["oblast_in_report"], ctx.named("report")))
            levels = ctx.oblast_levels[where] = [(weight, named) for weight, named in levels if named]
        if not levels:
            return [0.0] * len(entries)
        out = []
        for e in entries:
            bonus = 0.0
            if e.oblast and levels:
                for weight, named in levels:
                    raions = named.get(e.oblast)
                    if raions is not None:
                        bonus = weight
                        if e.raion in raions:
                            bonus += weight / 2
                        break
            out.append(bonus)
        return out

    def _oblast_code(self, oblast: str | None) -> int:
        if oblast is None:
            return -1
        return self._oblast_codes.setdefault(oblast, len(self._oblast_codes))

    def _candidate_table(self, item: _Item, ctx: ReportContext) -> _Candidates:
        """The item's priors and the geometry of its settlements.  They depend on the candidates
        and how the name is written alone, so the resolver keeps them across reports (a day's
        reports name the same front places again and again); the oblast bonuses, which depend on
        the report, are worked out per report (see _contexts)."""
        key = (tuple((c.entry.id, c.matched, c.score, c.source) for c in item.candidates), item.fuzzy,
               item.top_score, item.official_exists, item.mention.kind_hint)
        kept = self._tables.get(key)
        if kept is None:
            if len(self._tables) >= TABLE_CACHE:
                self._tables.clear()          # bounded: a long batch must not grow without end
            kept = self._tables[key] = self._new_table(item)
        entries, priors, rows, geo = kept
        return _Candidates(entries, priors, rows, geo)

    def _new_table(self, item: _Item) -> tuple:
        import numpy as np
        entries = [c.entry for c in item.candidates]
        priors = [self._prior(item, c) for c in item.candidates]
        # distances are only asked for where there is a choice (see _score)
        rows = ([k for k, e in enumerate(entries) if e.kind == "settlement"]
                if len(entries) > 1 or item.fuzzy else [])
        if not rows:
            return entries, priors, rows, None
        ce = [entries[k] for k in rows]
        lat = np.radians([e.lat for e in ce])[:, None]
        lon = np.radians([e.lon for e in ce])[:, None]
        oblast = np.array([self._oblast_code(e.oblast) for e in ce], dtype=np.int64)
        return entries, priors, rows, _Geometry(lat, lon, np.cos(lat), oblast)

    def _table(self, item: _Item, ctx: ReportContext) -> _Candidates:
        kept = item._derived      # asked many times a round: the kept table without a closure first
        if kept is not None and kept[0] is item.candidates and kept[1] == item.fuzzy:
            return kept[2]
        return item.derived(lambda it: self._candidate_table(it, ctx))

    def _contexts(self, item: _Item, ctx: ReportContext, anchors: _Anchors) -> list[float]:
        """Context score of every candidate: named oblasts, and nearness to the other places.

        Nearness is a candidates x anchors matrix, the anchors grouped by the level (sentence,
        heading, paragraph, report) that names them: this is the hot loop.  _score has filled the
        table's columns for these anchors (_add_columns) before it asks.
        """
        import numpy as np
        table = self._table(item, ctx)
        if table.bonuses is None or table.bonuses[0] != ctx.version:
            table.bonuses = (ctx.version, self._oblast_bonuses(item, table.entries, ctx))
        out = list(table.bonuses[1])
        if not table.rows:
            return out
        # the other names' choices, nearest level first (as explain.level ranks them); items of one
        # sentence, heading and paragraph see the same groups, less their own name's anchors
        where = (item.sentence, item.section, item.paragraph)
        grouped = anchors.grouped.get(where)
        if grouped is None:
            groups: list[list[int]] = [[], [], [], []]
            for j, s in enumerate(anchors.sentences):
                if s == item.sentence:
                    groups[0].append(j)
                elif item.section is not None and s == item.section:
                    groups[1].append(j)
                elif anchors.paragraphs[j] == item.paragraph:
                    groups[2].append(j)
                else:
                    groups[3].append(j)
            grouped = anchors.grouped[where] = groups
        keys = anchors.keys
        groups = [[j for j in g if keys[j] != item.key] for g in grouped]
        cols = [j for g in groups for j in g]
        if not cols:
            return out
        starts, levels, n = [], [], 0
        for level, g in zip(_LEVELS, groups):
            if g:
                starts.append(n)
                levels.append(level)
                n += len(g)
        geo = table.geo
        columns, ids = geo.columns, anchors.ids
        take = [columns[ids[j]] for j in cols]
        # the best anchor of each level: max is exact whatever the order of the columns (rows: the
        # nearness of each candidate, then its same-oblast term)
        best = np.maximum.reduceat(geo.near[:, take] * anchors.conf[cols], starts, axis=1)
        n = len(table.rows)
        # level by level, element by element: the same sums in the same order whatever the memory
        # layout (a matrix product may add in another order and break ties between reports)
        totals = np.zeros(n)
        for k, level in enumerate(levels):
            weight, same_weight = self._near_weights[level]
            totals += weight * best[:n, k]
            totals += same_weight * best[n:, k]
        for k, t in zip(table.rows, totals.tolist()):
            out[k] += t
        return out

    def _contexts_capped(self, items: list[_Item], ctx: ReportContext, anchors: _Anchors) -> list[list[float]]:
        """_contexts of many items at once, for a report naming more places than context_anchors_exact:
        each candidate looks only at the context_anchors_nearest anchors nearest it (one k-d tree query
        per distinct candidate place), at those of its own sentence and heading (windows of at most
        max_sentence_chars, so few) and at those of its paragraph when it names at most
        context_anchors_paragraph, so the cost per mention stays bounded however many places the report
        names.  The levels and weights are _contexts' own."""
        import numpy as np
        outs, lat, lon, cos_lat, oblast, owner, rows, ids = [], [], [], [], [], [], [], []
        for n, item in enumerate(items):
            table = self._table(item, ctx)
            if table.bonuses is None or table.bonuses[0] != ctx.version:
                table.bonuses = (ctx.version, self._oblast_bonuses(item, table.entries, ctx))
            outs.append(list(table.bonuses[1]))
            if table.rows:
                lat.append(table.geo.lat[:, 0])
                lon.append(table.geo.lon[:, 0])
                cos_lat.append(table.geo.cos_lat[:, 0])
                oblast.append(table.geo.oblast)
                owner.append(np.full(len(table.rows), n))
                rows.extend((n, k) for k in table.rows)
                ids.extend(table.entries[k].id for k in table.rows)
        if not rows or not len(anchors):
            return outs
        lat1, lon1, cos1 = np.concatenate(lat), np.concatenate(lon), np.concatenate(cos_lat)
        ob1, owner = np.concatenate(oblast), np.concatenate(owner)
        # one query per distinct candidate place: a name mentioned again asks the same
        first: dict[str, int] = {}
        where = np.array([first.setdefault(i, len(first)) for i in ids])
        uniq = np.full(len(first), -1)
        uniq[where[::-1]] = np.arange(len(ids))[::-1]         # a row of each distinct place
        nearest = anchors.nearest(lat1[uniq], lon1[uniq], int(self.w["context_anchors_nearest"]))[where]
        para_cap = int(self.w["context_anchors_paragraph"])
        own = []
        for it in items:
            in_para = anchors.in_paragraph(it.paragraph)
            own.append(anchors.in_sentence(it.sentence) + anchors.in_sentence(it.section)
                       + (in_para if len(in_para) <= para_cap else []))
        key_codes, codes, sentences, paragraphs = anchors.arrays()
        # one more anchor, of confidence 0, pads the rows' own anchors to one width: it adds nothing
        pad = len(anchors)
        a_lat, a_lon = np.append(anchors.lat, 0.0), np.append(anchors.lon, 0.0)
        a_conf, a_ob = np.append(anchors.conf, 0.0), np.append(anchors.oblast, -2)
        key_codes, sentences, paragraphs = (np.append(key_codes, -2), np.append(sentences, -2),
                                            np.append(paragraphs, -2))
        own_key = np.array([codes.get(it.key, -1) for it in items], dtype=np.int64)
        own_sent = np.array([it.sentence for it in items], dtype=np.int64)
        own_sec = np.array([-1 if it.section is None else it.section for it in items], dtype=np.int64)
        own_para = np.array([it.paragraph for it in items], dtype=np.int64)
        totals = np.zeros(len(rows))
        step = 4096                     # rows at a time: the arrays stay small however long the report
        for lo in range(0, len(rows), step):
            hi = min(len(rows), lo + step)
            who = owner[lo:hi]
            first_item, last_item = int(who[0]), int(who[-1])      # rows are in item order
            width = max(len(own[n]) for n in range(first_item, last_item + 1))
            idx = nearest[lo:hi]
            if width:
                per_item = np.full((last_item - first_item + 1, width), pad)
                for n in range(first_item, last_item + 1):
                    per_item[n - first_item, :len(own[n])] = own[n]
                idx = np.concatenate((idx, per_item[who - first_item]), axis=1)
            la1, lo1, c1, o1 = lat1[lo:hi, None], lon1[lo:hi, None], cos1[lo:hi, None], ob1[lo:hi, None]
            lat2, lon2 = a_lat[idx], a_lon[idx]
            h = np.sin((lat2 - la1) / 2) ** 2 + c1 * np.cos(lat2) * np.sin((lon2 - lo1) / 2) ** 2
            km = 2 * EARTH_KM * np.arcsin(np.sqrt(np.minimum(1.0, h)))
            conf = a_conf[idx]
            near = np.exp(-km / self.w["near_scale_km"]) * conf
            same = ((o1 >= 0) & (o1 == a_ob[idx])) * conf
            sent, para = sentences[idx], paragraphs[idx]
            sec = own_sec[who][:, None]
            level = np.where(sent == own_sent[who][:, None], 0, np.where((sent == sec) & (sec >= 0), 1,
                             np.where(para == own_para[who][:, None], 2, 3)))
            other = key_codes[idx] != own_key[who][:, None]
            for code, name in enumerate(_LEVELS):
                mask = other & (level == code)
                weight, same_weight = self._near_weights[name]
                totals[lo:hi] += (weight * np.where(mask, near, 0.0).max(axis=1)
                                  + same_weight * np.where(mask, same, 0.0).max(axis=1))
        for (n, k), t in zip(rows, totals.tolist()):
            outs[n][k] += t
        return outs

    def _add_columns(self, tables: list[_Geometry], anchors: _Anchors, cols: list[int]) -> None:
        """Nearness of each table's candidates to the anchors (of cols) it has no column for yet.

        Tables missing the same anchors are stacked into one matrix: numpy costs per call here,
        not per element, and each element is computed by the same operations either way."""
        import numpy as np
        by_fresh: dict[tuple[int, ...], list[_Geometry]] = {}
        for table in tables:
            fresh: dict[str, int] = {}
            for j in cols:
                if anchors.ids[j] not in table.columns:
                    fresh.setdefault(anchors.ids[j], j)
            if fresh and len(table.columns) + len(fresh) > GEOMETRY_COLUMNS:
                # kept across reports (see _candidate_table): start afresh rather than grow without end
                table.columns, table.near = {}, None
                fresh = {}
                for j in cols:
                    fresh.setdefault(anchors.ids[j], j)
            if fresh:
                by_fresh.setdefault(tuple(fresh.values()), []).append(table)
        for new, group in by_fresh.items():
            new = list(new)
            one = len(group) == 1
            lat1 = group[0].lat if one else np.concatenate([t.lat for t in group])
            lon1 = group[0].lon if one else np.concatenate([t.lon for t in group])
            cos1 = group[0].cos_lat if one else np.concatenate([t.cos_lat for t in group])
            ob = (group[0].oblast if one else np.concatenate([t.oblast for t in group]))[:, None]
            lat2 = anchors.lat[new][None, :]
            lon2 = anchors.lon[new][None, :]
            h = np.sin((lat2 - lat1) / 2) ** 2 + cos1 * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
            km = 2 * EARTH_KM * np.arcsin(np.sqrt(np.minimum(1.0, h)))
            near = np.exp(-km / self.w["near_scale_km"])
            same = ((ob >= 0) & (ob == anchors.oblast[new][None, :])).astype(np.float64)
            row = 0
            for table in group:
                n = len(table.lat)
                block = np.concatenate((near[row:row + n], same[row:row + n]))
                row += n
                for j in new:
                    table.columns[anchors.ids[j]] = len(table.columns)
                table.near = block if table.near is None else np.concatenate((table.near, block), axis=1)

    def _score(self, items: list[_Item], ctx: ReportContext, anchors: list[_Item]) -> None:
        chosen = _Anchors(anchors, self._oblast_code)
        # a single exact candidate needs no context: its score decides nothing; mentions of one name
        # with the same candidates in the same sentence have the same context, worked out once
        own_ctx: dict[int, list[float]] = {}
        same: dict[tuple, list[float]] = {}
        capped = len(chosen) > self.w["context_anchors_exact"]
        todo: dict[tuple, _Item] = {}
        for it in items:
            budget.check()
            if len(it.candidates) > 1 or it.fuzzy:
                # the kept entries list stands for the candidates: hashing their key tuple costs more
                where = (it.key, id(self._table(it, ctx).entries), it.sentence, it.paragraph, it.section)
                todo.setdefault(where, it)
            else:
                where = ("zeros", len(it.candidates))
                same.setdefault(where, [0.0] * len(it.candidates))
            own_ctx[id(it)] = where              # the context itself once all are worked out
        if todo and capped:
            same.update(zip(todo, self._contexts_capped(list(todo.values()), ctx, chosen)))
        elif todo:
            # every table's missing columns first, in as few numpy calls as they allow
            tables = {id(t.geo): t.geo for t in (self._table(it, ctx) for it in todo.values()) if t.rows}
            self._add_columns(list(tables.values()), chosen, list(range(len(chosen))))
            for where, it in todo.items():
                budget.check()
                same[where] = self._contexts(it, ctx, chosen)
        own_ctx = {k: same[where] for k, where in own_ctx.items()}
        shared_ctx = _shared_contexts(items, own_ctx)
        sharp = self.w["sharpness"]
        for it in items:
            if not it.candidates:
                continue
            mine = own_ctx[id(it)]
            priors = self._table(it, ctx).priors
            shared = shared_ctx.get(id(it))
            if shared is not None:
                scores = [pr + own + 0.5 * sh for pr, own, sh in zip(priors, mine, shared)]
            else:
                scores = [pr + own + 0.0 for pr, own in zip(priors, mine)]
            it.scores = scores
            if len(scores) == 1:        # nothing to choose: the confidence says how it is written
                it.best = 0
                it.confidence = 0.95 if it.key in self._own_keys(it.candidates[0].entry) else 0.85
            else:
                top = max(scores)
                exp = [math.exp(sharp * (s - top)) for s in scores]
                it.best = scores.index(top)
                it.confidence = exp[it.best] / sum(exp)
            if it.fuzzy:
                it.confidence = min(it.confidence, self.w["fuzzy_max_confidence"])

    @staticmethod
    def _own_keys(e: Entry) -> set[str]:
        return {name_key(e.name), name_key(e.name_uk)} if e.name_uk else {name_key(e.name)}

    # -- main -----------------------------------------------------------------
    def resolve(self, text: str, mentions: list[Mention], sentences: list[Sentence]) -> list[Place]:
        ctx = ReportContext(text, sentences)
        items = []
        for m in mentions:
            s = ctx.sentence_of(m.start)
            it = _Item(m, s, ctx.paragraph_of(s), ctx.section_of(s), name_key(m.text))
            it.candidates = self._candidates(m)
            if not it.candidates and m.looks_like_place and m.kind_hint != "raion":
                it.candidates, it.fuzzy = self._by_spelling(m.text), True
            it.top_score = max((c.score for c in it.candidates), default=1.0)
            it.official_exists = not it.fuzzy and any(self._official(c) for c in it.candidates)
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
        self._settle(items, ctx)
        widened = self._widen_outliers(items)
        if self._widen_road_ends(items, text) or widened:
            self._settle(items, ctx)
        layout = self._layout(items)
        chosen = self._chosen(items)
        every = list(chosen.values())
        places = []
        for k, it in enumerate(items):
            budget.check()
            place = self._place(it, chosen, ctx, text, layout)
            places.append(as_facility(place, text) if it.mention.kind_hint == FACILITY else place)
            # placing it may have changed its choice: later mentions see the new one
            refresh_chosen(every, k)
        return capitals_as_oblasts(text, places, ctx.sentence_of, self.gaz, self.w["capital_outside_km"])

    def _chosen(self, items: list[_Item]) -> dict[str, Chosen]:
        """The other mentions' choices that the reason, the far-misspelling test and the Russian-report
        test look at (see nearby.py)."""
        def settled(o: _Item, floor: float) -> bool:
            return bool(o.candidates) and o.confidence >= floor and o.candidates[o.best].entry.kind == "settlement"
        near = Chosen(items, lambda o: settled(o, 0.6))
        return {"near": near,
                "exact": Chosen(items, lambda o: settled(o, 0.6) and not o.fuzzy, like=near),
                "sure": Chosen(items, lambda o: bool(o.candidates) and not o.fuzzy and o.confidence >= 0.8, like=near),
                "sure_ru": Chosen(items, lambda o: bool(o.candidates) and not o.fuzzy and o.confidence >= 0.8
                                  and _in_russia(o.candidates[o.best].entry), like=near)}

    def _settle(self, items: list[_Item], ctx: ReportContext) -> None:
        """Rescore with every current choice as an anchor until the choices stop changing."""
        # Only the items with a choice are rescored: a single exact candidate's score and confidence
        # depend on nothing the other choices do, and its peers (see _shared_contexts) have one candidate too.
        choosing = [it for it in items if len(it.candidates) > 1 or it.fuzzy]
        if not choosing:
            return
        anchors = [it for it in items if it.candidates]
        for _ in range(self.w["passes"] - 1):
            before = [it.best for it in choosing]
            self._score(choosing, ctx, anchors)
            if [it.best for it in choosing] == before:
                break

    def _widen_outliers(self, items: list[_Item]) -> bool:
        """A settlement far from every other place the report names may be a misspelling of a
        nearby one ("Berdychiv" among villages near Avdiivka): let close spellings compete."""
        placed = [it for it in items if it.candidates and it.candidates[it.best].entry.kind == "settlement"
                  and it.confidence >= 0.6]
        # the others' choices do not change in this loop (widening keeps each item's best entry);
        # built for the first place outside the war zone only: most reports name none
        chosen = None
        widened = False
        far = self.w["outlier_km"]
        for it in placed:
            if it.fuzzy:
                continue
            e = it.candidates[it.best].entry
            if e.oblast in self.theatre or e.population >= 100_000:
                continue  # a city people write about from afar, or a place in the war zone
            if chosen is None:
                chosen = Chosen(placed, lambda o: True)
            if chosen.count() - chosen.count(it.key) < 2:
                continue
            if (near := chosen.nearest(e, it, other_key=True)) is None or near[0] < far:
                continue
            extra = self._by_spelling(it.mention.text, {c.entry.id for c in it.candidates})
            extra = [m for m in extra if (near := chosen.nearest(m.entry, it, other_key=True)) and near[0] < far]
            widened |= _widen(it, extra, "far from every other place the report names; close spellings near them compete")
        return widened

    def _widen_road_ends(self, items: list[_Item], text: str) -> bool:
        """'the A-B highway': an end placed far from the other, placed, end may be a name with its
        ending cut short; its spellings that differ only in the ending and lie near the other end
        compete (see roads.py)."""
        order = sorted(items, key=lambda o: o.mention.start)
        pairs = road_ends(text, [(o.mention.start, o.mention.end) for o in order])
        if not pairs:
            return False
        r = road_rules()
        widened = False
        for pair in pairs:
            for x, y in ((order[pair.first], order[pair.second]), (order[pair.second], order[pair.first])):
                # y placed as the reason's anchors are (nearby.Chosen "near"), x read as written
                if x.fuzzy or not x.candidates or not y.candidates or y.confidence < 0.6:
                    continue
                ex, ey = x.candidates[x.best].entry, y.candidates[y.best].entry
                if ex.kind != "settlement" or ey.kind != "settlement" or ex.population >= r["city_population"] \
                        or distance_km(ex, ey) <= r["far_km"]:
                    continue
                extra = [m for m in self._by_spelling(x.mention.text, {c.entry.id for c in x.candidates})
                         if shares_stem(x.mention.text, m.matched, r["max_ending"])
                         and distance_km(m.entry, ey) <= r["near_km"]]
                widened |= _widen(x, extra, f"an end of the road to {y.mention.text}, {distance_km(ex, ey):.0f} km "
                                            "from it as written; places whose names end otherwise near the road's "
                                            "other end compete")
        return widened

    def _city_named_near(self, e: Entry, it: _Item, items: list[_Item]) -> bool:
        # rare (a raion-like name that is a city quarter): one pass over the items is cheap here
        cities = [o.candidates[o.best].entry for o in items if o is not it and o.candidates and not o.fuzzy
                  and o.candidates[o.best].entry.kind == "settlement"
                  and o.candidates[o.best].entry.population >= self.w["city_district"]["city_population"]]
        return any(distance_km(e, c) <= self.w["city_district"]["within_km"] for c in cities)

    def _far_from(self, e: Entry, it: _Item, chosen: dict[str, Chosen]) -> bool:
        """Farther than outlier_km from every other settlement placed with confidence (two at least)."""
        exact = chosen["exact"]
        others = exact.count() - int(exact.ok(it))
        near = exact.nearest(e, it, other_key=False)
        return others >= 2 and near is not None and near[0] >= self.w["outlier_km"]

    def _place(self, it: _Item, chosen: dict[str, Chosen], ctx: ReportContext, text: str, layout: _Layout) -> Place:
        m = it.mention
        order = sorted(range(len(it.candidates)), key=lambda k: -it.scores[k])
        alts = [_alt(it.candidates[k], round(it.scores[k], 2)) for k in order[: self.w["max_alternatives"]]]
        if not it.candidates and m.kind_hint == "raion":
            return _unplaced(m, "a district the gazetteer lacks: it holds raions and some districts of "
                                "cities, and none of this name", [])
        if not it.candidates:
            sugg = self._suggest(m.text)[: self.w["max_alternatives"]]
            return _unplaced(m, "not in the gazetteer, and no close spelling", [_alt(s, s.score) for s in sugg])
        best = it.candidates[it.best]
        if it.fuzzy and self._far_from(best.entry, it, chosen):
            return _unplaced(m, "not in the gazetteer as written; its close spellings are far from "
                                "the other places of the report", alts)
        if m.kind_hint == "raion" and _city_district(best) and not self._city_named_near(best.entry, it, chosen["near"].items):
            # "the Saltivskyi district": a quarter of a city the report names, not a namesake quarter elsewhere
            return _unplaced(m, "a district of a city: the gazetteer holds no district of this name in or by "
                                "a city the report names", alts)
        regions = ctx.oblasts_sentence.get(it.sentence, ())
        if it.fuzzy and not regions and not any(c.entry.oblast in self.theatre for c in it.candidates):
            # a misspelt name is a front village the gazetteer lacks sooner than a village far from the war
            return _unplaced(m, "not in the gazetteer as written; its close spellings all lie far from the war", alts)
        if it.fuzzy and regions and best.entry.oblast not in {r.oblast for r in regions}:
            # "X in Kursk Oblast": a village the gazetteer lacks, not a namesake spelling elsewhere
            return _unplaced(m, "not in the gazetteer as written; none of its close spellings lies in "
                                f"{' or '.join(sorted({r.name for r in regions}))}, named in the sentence", alts)
        told = ""
        evidence = "spelling" if it.fuzzy else "single" if len(it.candidates) == 1 else "context"
        placed = self._offset_point(it, layout.next.get(id(it)), text)
        if placed is not None and best.entry.kind != "region":
            (lat, lon), tol, anchor = placed
            near = [k for k in order if it.candidates[k].entry.kind != "region"
                    and haversine_km(lat, lon, it.candidates[k].entry.lat, it.candidates[k].entry.lon) <= tol]
            if not near:
                # "X, 8 km west of Y": no place of this name lies there; a namesake elsewhere is not X
                return _unplaced(m, f"no place of this name lies where the text puts it ({anchor})", alts)
            if len(near) == 1:            # the text's own geometry singles it out
                it.best, it.confidence = near[0], max(it.confidence, self.w["stated_offset"]["unique_confidence"])
                evidence = "offset" if evidence != "spelling" else evidence
                told = f"; the only place of this name where the text puts it ({anchor})"
            elif near[0] != it.best:
                it.best = near[0]
                it.confidence = min(it.confidence, self.w["fuzzy_max_confidence"])
                evidence = "contradicted"
            best = it.candidates[it.best]
        located = [] if best.entry.kind == "region" else \
            locating_regions(text, layout.index[id(it)], layout.spans[it.sentence], layout.runs.setdefault(it.sentence, {}))
        if located and not any(same_oblast(best.entry.oblast, r.oblast) for r in located):
            inside = [k for k in order if any(same_oblast(it.candidates[k].entry.oblast, r.oblast) for r in located)]
            where = " or ".join(sorted({r.name for r in located}))
            if not inside:
                # "Nikolskoye in Kursk Oblast": a place the gazetteer lacks, not a namesake elsewhere
                return _unplaced(m, f"no place of this name in the gazetteer lies in {where}, where the text "
                                    "places it", alts)
            it.best = inside[0]
            best = it.candidates[it.best]
            it.confidence = min(it.confidence, self.w["fuzzy_max_confidence"])
            evidence = "contradicted"
        raions = [r for r in located if r.raion is not None and r.kind == "region"]
        if raions and evidence != "spelling":
            # "X in Izium raion": a raion holds few namesakes; when it holds one, the text has named it
            inside = [k for k in order if any(it.candidates[k].entry.raion == r.raion
                                              and same_oblast(it.candidates[k].entry.oblast, r.oblast) for r in raions)]
            if len(inside) == 1:
                it.best, best = inside[0], it.candidates[inside[0]]
                it.confidence = max(it.confidence, self.w["stated_offset"]["unique_confidence"])
                evidence = "located"
                told += f"; the only place of this name in {' or '.join(sorted({r.name for r in raions}))}"
        e = best.entry
        reason = explain.reason(it, chosen["near"], ctx) + told
        confidence = it.confidence
        if e.kind == "settlement" and e.population < self.w["russia_gap_population"] \
                and not _in_russia(e) and self._russian_report(it, chosen):
            # the gazetteer knows only Russian towns: a village there would match a Ukrainian namesake
            confidence = min(confidence, self.w["fuzzy_max_confidence"])
            evidence = "contradicted"
            reason += ("; but the report is mostly about places in Russia, whose villages the "
                       "gazetteer lacks: this may be a Russian village of the same name")
        raw, confidence = confidence, calibrated(evidence, confidence)
        status = "resolved" if resolves(evidence, confidence) else "ambiguous"
        if len(it.candidates) == 1 and not it.fuzzy:
            alts = []
        return Place(m.text, m.start, m.end, e.name, e.kind, e.oblast, e.lat, e.lon, e.id,
                     round(confidence, 3), status, reason, alts, precision=explain.precision(it, text, self.w),
                     evidence=evidence, raw_confidence=round(raw, 3))

    def _layout(self, items: list[_Item]) -> _Layout:
        """Each mention's next one and its sentence's mentions, worked out once per report (not per
        mention: a report may name thousands of places)."""
        order = sorted(items, key=lambda o: o.mention.start)
        by_sentence: dict[int, list[_Item]] = {}
        for o in order:
            by_sentence.setdefault(o.sentence, []).append(o)
        return _Layout(next={id(a): b for a, b in zip(order, order[1:])},
                       index={id(o): k for group in by_sentence.values() for k, o in enumerate(group)},
                       spans={s: [Span(o.mention.start, o.mention.end, self._region_of(o)) for o in group]
                              for s, group in by_sentence.items()})

    def _offset_point(self, it: _Item, nxt: _Item | None, text: str):
        """The point the text puts it at ("X, 8 km west of Y", Y the next mention, resolved), its
        tolerance and what the text says."""
        off = stated_offset(text, it.mention.end, nxt.mention.start if nxt else None)
        if off is None or not nxt.candidates or nxt.confidence < self.w["resolved_threshold"]:
            return None
        y = nxt.candidates[nxt.best].entry
        said = " ".join(text[it.mention.end:nxt.mention.end].strip(" ,(–—").split())     # "8 km west of Y"
        return destination(y.lat, y.lon, off.km, off.bearing_deg), tolerance_km(off.km), said

    def _region_of(self, o: _Item) -> Entry | None:
        """The region a mention names with confidence: a region, or an oblast's capital under the
        oblast's name ("villages in Kharkiv": the oblast, villages are not in the city)."""
        if not o.candidates or o.confidence < self.w["resolved_threshold"]:
            return None
        e = o.candidates[o.best].entry
        if all(c.entry.kind == "region" for c in o.candidates):
            return e
        if e.kind == "settlement" and e.feature in ("PPLA", "PPLC") and o.mention.kind_hint is None:
            return e
        return None

    @staticmethod
    def _russian_report(it: _Item, chosen: dict[str, Chosen]) -> bool:
        """Most of what the report places with confidence (other names than it) lies in Russia."""
        sure = chosen["sure"].count() - chosen["sure"].count(it.key)
        in_russia = chosen["sure_ru"].count() - chosen["sure_ru"].count(it.key)
        return sure > 0 and in_russia * 2 > sure

def _shared_contexts(items: list[_Item], own_ctx: dict[int, list[float]]) -> dict[int, list[float]]:
    """For each item, the best context of each candidate among the other mentions of its name with
    as many candidates (its peers); items with no peer are left out.  Mentions that share one context
    list count once each, so this costs the number of distinct contexts, not of mentions squared."""
    by_name: dict[tuple, list[_Item]] = {}
    for it in items:
        if it.candidates:
            by_name.setdefault((it.key, len(it.candidates)), []).append(it)
    out: dict[int, list[float]] = {}
    for members in by_name.values():
        if len(members) < 2:
            continue                                   # the only mention of its name: most of them
        groups: dict[int, list] = {}
        for it in members:
            ctx = own_ctx[id(it)]
            groups.setdefault(id(ctx), [ctx, 0])[1] += 1
        done: dict[tuple, list[float]] = {}
        for it in members:
            mine = own_ctx[id(it)]
            alone = groups[id(mine)][1] < 2            # no other mention shares its context list
            if (id(mine), alone) not in done:
                others = [c for c, _ in groups.values() if not (alone and c is mine)]
                done[(id(mine), alone)] = [max(col) for col in zip(*others)]
            out[id(it)] = done[(id(mine), alone)]
    return out


def _widen(it: _Item, extra: list[Match], why: str) -> bool:
    """Let close spellings compete with a name the gazetteer holds (_widen_outliers, _widen_road_ends): the
    item becomes a spelling guess, whose confidence is capped, and why says what let them in."""
    if not extra:
        return False
    it.candidates, it.fuzzy, it.widened = it.candidates + extra, True, why
    return True


def _unplaced(m: Mention, reason: str, alternatives: list[Alternative]) -> Place:
    return Place(m.text, m.start, m.end, None, None, None, None, None, None, 0.0,
                 "unresolved", reason, alternatives, precision=1)


_DISTRICT_WORDS = ("raion", "district", "rayon", "rajon")


def _city_district(c: Match) -> bool:
    """A district of a city, as the gazetteer names it ("Shevchenkivskyi raion", a section of Kyiv)."""
    e = c.entry
    return e.kind == "settlement" and e.feature == "PPLX" and any(
        len(w) > 1 and w[-1] in _DISTRICT_WORDS for w in (e.name.lower().split(), c.matched.lower().split()))


def _in_russia(e: Entry) -> bool:
    return bool(e.oblast) and (e.oblast == "Russia" or e.oblast.endswith("(Russia)"))


def _renamed(written: str, e: Entry | str) -> bool:
    """The written name is another name, not another spelling, of the entry (or of a name)."""
    from rapidfuzz.fuzz import ratio
    return ratio(name_key(written), name_key(e if isinstance(e, str) else e.name)) < 75


def _alt(match: Match, score: float) -> Alternative:
    e = match.entry
    return Alternative(id=e.id, name=e.name, kind=e.kind, oblast=e.oblast, raion=e.raion,
                       lat=e.lat, lon=e.lon, score=score)
