"""The offline gazetteer at run time: load the built files, look names up.

Stdlib only (rapidfuzz is imported lazily by ``suggest``, shapely by
``region_at``). Entries are kept as raw rows and turned into ``Entry`` objects
on first use, so a cold load only parses the files and builds the key index.
"""
from __future__ import annotations

import gzip
import json
import marshal
import math
import os
import zlib
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from frontmap.errors import GazetteerError
from frontmap.gazetteer.cache import load_tables, thaw
from frontmap.gazetteer.schema import ENTRY_COLUMNS, FORMAT_VERSION, RANK_OVERRIDE, RANK_SCORE, REBUILD
from frontmap.model import Entry, Match, Point
from frontmap.text.names import APOSTROPHES, has_cyrillic, name_key

INFLECTED = 0.85      # factor on the score of a name found by its nominative
LOOSE = 0.9           # factor on a Cyrillic name that meets an entry's only on the key
_PLAIN = {ord(c): None for c in APOSTROPHES + " -"}
_PLAIN[ord("ё")] = "е"


def _plain(s: str) -> str:
    return s.lower().translate(_PLAIN)
OVERRIDES_ENV = "FRONTMAP_OVERRIDES"
OVERRIDES_DEFAULT = Path("~/.config/frontmap/overrides.tsv")


def data_dir() -> Path:
    """Where the built files are: inside an installed wheel, else the repo."""
    try:
        packaged = resources.files("frontmap") / "_gazetteer"
        if packaged.is_dir():
            return Path(str(packaged))
    except (ModuleNotFoundError, TypeError):
        pass
    return Path(__file__).resolve().parents[2] / "gazetteer"


def default_overrides() -> Path | None:
    """The user's overrides file: $FRONTMAP_OVERRIDES, else
    ~/.config/frontmap/overrides.tsv when it exists."""
    env = os.environ.get(OVERRIDES_ENV)
    if env:
        return Path(env).expanduser()
    path = OVERRIDES_DEFAULT.expanduser()
    return path if path.is_file() else None


class Gazetteer:
    def __init__(self, rows: list[list[str]], index: dict[str, list[tuple[int, int, str]]],
                 max_key_words: int, path: Path):
        self._rows = rows
        self._entries: list[Entry | None] = [None] * len(rows)
        self._index = index               # key -> [(row, rank, "spelling~tag|spelling~tag")]
        self._by_id = {r[0]: i for i, r in enumerate(rows)}
        self.max_key_words = max_key_words
        self.path = path
        self.overrides: Path | None = None
        self._overridden: set[int] = set()  # rows added or corrected by the overrides file
        self._keys: dict[str, tuple[list[str], list[int]]] | None = None  # suggest buckets, built lazily
        self._oblasts: dict[str, int] | None = None
        # every row's spellings: None (to be built from the index) or marshalled (to be read) until asked
        self._names_of: dict[int, list[tuple[str, str, int]]] | bytes | None = None
        self._areas = None
        self._matches: dict[str, list[tuple[Match, str]]] = {}  # key -> built matches

    # --- loading ----------------------------------------------------------------
    @classmethod
    def load(cls, path: str | Path | None = None, *,
             overrides: str | Path | bool | None = None) -> Gazetteer:
        """Load the built gazetteer (default: the shipped one) and apply an
        overrides file: `overrides` a path, False for none, None for the
        default (see `default_overrides`)."""
        folder = Path(path) if path is not None else data_dir()
        try:
            meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
            if meta.get("format") != FORMAT_VERSION:
                raise GazetteerError(f"gazetteer in {str(folder)!r} has format "
                                     f"{meta.get('format')!r}, expected {FORMAT_VERSION}; {REBUILD}")
            def build():
                rows = _read_rows(folder / "entries.tsv.gz", len(ENTRY_COLUMNS))
                index = _read_index(folder / "names.tsv.gz", len(rows))
                return rows, index, marshal.dumps(_names_by_row(index)), _suggest_buckets(index)

            rows, index, names_of, buckets = load_tables(folder, FORMAT_VERSION, build)
        except GazetteerError:
            raise
        except FileNotFoundError as e:
            raise GazetteerError(f"gazetteer data missing: {e.filename!r}; {REBUILD}") from e
        except (OSError, EOFError, ValueError, zlib.error, KeyError, IndexError) as e:
            raise GazetteerError(f"gazetteer data in {str(folder)!r} is damaged ({e}); "
                                 f"{REBUILD}") from e
        if len(rows) != meta.get("entries") or sum(map(len, index.values())) != meta.get("name_keys"):
            raise GazetteerError(f"gazetteer in {str(folder)!r} does not match its meta.json "
                                 f"counts (truncated?); {REBUILD}")
        gaz = cls(rows, index, int(meta.get("max_key_words", 6)), folder)
        gaz._names_of, gaz._keys = names_of, buckets   # built from the index: the overrides, if any, drop them
        if overrides is None:
            overrides = default_overrides()
        if overrides:
            from frontmap.gazetteer.overrides import apply_overrides
            apply_overrides(gaz, Path(overrides))
        return gaz

    # --- entries ----------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._rows)

    def _entry(self, i: int) -> Entry:
        e = self._entries[i]
        if e is None:
            r = self._rows[i]
            e = Entry(id=r[0], kind=r[1], name=r[2], name_uk=r[3], oblast=r[4] or None,
                      raion=r[5] or None, hromada=r[6] or None, lat=float(r[7]),
                      lon=float(r[8]), population=int(r[9] or 0), feature=r[10],
                      katottg=r[11] or None, approximate=bool(r[12]))
            self._entries[i] = e
        return e

    def get(self, id: str) -> Entry | None:
        i = self._by_id.get(id)
        return None if i is None else self._entry(i)

    def entries(self, kind: str | None = None) -> Iterator[Entry]:
        for i, r in enumerate(self._rows):
            if kind is None or r[1] == kind:
                yield self._entry(i)

    def names(self, id: str) -> list[tuple[str, str, int]]:
        """Every stored spelling of an entry as (spelling, tag, rank), best
        first. Tags: uk, uk-Latn (national 2010), ru, ru-Latn, und-Latn /
        und-Cyrl (GeoNames, system unknown), suffix -x-gen (generated by rule)
        or -x-former (name before a renaming), overrides."""
        i = self._by_id.get(id)
        if i is None:
            return []
        return sorted(self._names_of_row(i), key=lambda n: _NAME_ORDER.get(n[2], 9))

    def _names_of_row(self, i: int) -> list[tuple[str, str, int]]:
        if not isinstance(self._names_of, dict):
            self._names_of = thaw(self._names_of) if self._names_of else _names_by_row(self._index)
        return self._names_of.get(i, [])

    def tag(self, id: str, spelling: str) -> str | None:
        """The language/system tag of one stored spelling of an entry
        ("uk-Latn", "ru-x-gen", ...), None if the entry has no such spelling."""
        i = self._by_id.get(id)
        if i is None:
            return None
        # the first such spelling in the order of names(), without sorting them all; a spelling is
        # stored under its own key, so the index holds every tag it has
        found = [(_NAME_ORDER.get(rank, 9), p[len(spelling) + 1:])
                 for row, rank, cell in self._index.get(name_key(spelling), ()) if row == i
                 for p in cell.split("|") if p.startswith(spelling + "~")]
        return min(found, key=lambda f: f[0])[1] if found else None

    # --- lookups ----------------------------------------------------------------
    def has_key(self, key: str) -> bool:
        return key in self._index

    def lookup_key(self, key: str, *, kinds: tuple[str, ...] | None = None,
                   spelling: str | None = None) -> list[Match]:
        """Entries with a name whose key is `key`, best-known spellings first.

        `matched` is `spelling` when the entry stores exactly that spelling,
        else the entry's best-ranked spelling with this key. `source` is
        "overrides" for what the user's overrides file added or corrected."""
        found = self._matches.get(key)
        if found is None:
            hits = self._index.get(key)
            if not hits:
                return []
            found = self._matches[key] = self._build_matches(hits)
        if spelling is None:
            return [m for m, _ in found if kinds is None or m.entry.kind in kinds]
        head, probe = f"{spelling}~", f"|{spelling}~"
        out = []
        for m, cell in found:
            if kinds is not None and m.entry.kind not in kinds:
                continue
            if m.matched != spelling and (cell.startswith(head) or probe in cell):
                m = Match(m.entry, spelling, m.score, m.source)
            out.append(m)
        return out

    def _build_matches(self, hits) -> list[tuple[Match, str]]:
        """Matches of one key with the entry's best spelling as `matched`
        (immutable, so built once per key and shared), each with its cell."""
        over = self._overridden if self.overrides is not None else None
        out = []
        for row, rank, cell in hits:
            source = ("overrides" if over is not None and (rank == RANK_OVERRIDE or row in over)
                      else "gazetteer")
            out.append((Match(self._entries[row] or self._entry(row), cell[: cell.index("~")],
                              RANK_SCORE.get(rank, 0.8), source), cell))
        return out

    def lookup(self, name: str, *, kinds: tuple[str, ...] | None = None) -> list[Match]:
        """Exact lookup on the name key (all spellings of a name meet there).

        A Cyrillic name not stored as written may be a case form ("в
        Покровске", "Покровського"): its possible nominatives are tried too,
        and what they find comes with its score lowered by INFLECTED."""
        key = name_key(name)
        out = self.lookup_key(key, kinds=kinds, spelling=name)
        if not has_cyrillic(name):
            return out
        # Cyrillic is compared letter for letter too: "Покровске" meets
        # Покровське on the key, but is no spelling of it (Russian has
        # Покровское): such loose hits score lower, and the nominatives of
        # the name (Покровск) are tried.
        literal = self._literal_ids(key, name)
        out = [m if m.entry.id in literal else
               Match(m.entry, m.matched, round(m.score * LOOSE, 3), m.source) for m in out]
        if not literal:
            out += self._inflected(name, {m.entry.id for m in out}, kinds)
        return out

    def _literal_ids(self, key: str, name: str) -> set[str]:
        """Ids of entries storing `name` itself under `key` (case, apostrophes,
        ё and spaces aside)."""
        want = _plain(name)
        out = set()
        for row, _rank, cell in self._index.get(key, ()):
            if any(_plain(p[: p.index("~")]) == want for p in cell.split("|")):
                out.add(self._rows[row][0])
        return out

    def _inflected(self, name: str, seen: set[str], kinds) -> list[Match]:
        from frontmap.gazetteer.inflection import nominatives, without_preposition

        best: dict[str, Match] = {}
        bare = without_preposition(name, self._curated("case_prepositions.tsv"))
        forms = ([bare] if bare != name else []) + nominatives(bare, self._curated("case_endings.tsv"))
        for form in forms:
            for m in self.lookup_key(name_key(form), kinds=kinds, spelling=form):
                if m.entry.id in seen:
                    continue
                scored = Match(m.entry, m.matched, round(m.score * INFLECTED, 3), m.source)
                if m.entry.id not in best or best[m.entry.id].score < scored.score:
                    best[m.entry.id] = scored
        return list(best.values())

    def _curated(self, name: str) -> Path:
        path = self.path / "curated" / name
        return path if path.exists() else data_dir() / "curated" / name

    def suggest(self, name: str, *, limit: int = 5, min_score: float = 80,
                kinds: tuple[str, ...] | None = None) -> list[Match]:
        """Near spellings (rapidfuzz ratio on keys, `min_score` 0..100); scores
        returned 0..1, source "suggest". For "did you mean", never as a
        silent answer."""
        from rapidfuzz import process
        from rapidfuzz.fuzz import ratio

        key = name_key(name)
        if not key:
            return []
        if self._keys is None:
            self._keys = _suggest_buckets(self._index)
        keys, lengths = self._keys.get(_initial_class(key), ([], []))
        # keys are sorted by length: a ratio >= s needs a length within [L*s/(200-s), L*(200-s)/s]
        n, s = len(key), max(1.0, min(float(min_score), 100.0))
        lo = bisect_left(lengths, math.floor(n * s / (200 - s)))
        hi = bisect_right(lengths, math.ceil(n * (200 - s) / s))
        found = process.extract(key, keys[lo:hi], scorer=ratio, limit=limit * 4,
                                score_cutoff=min_score)
        out: list[Match] = []
        seen: set[str] = set()
        for k, score, _ in found:
            for m in self.lookup_key(k, kinds=kinds):
                if m.entry.id in seen:
                    continue
                seen.add(m.entry.id)
                out.append(Match(entry=m.entry, matched=m.matched, score=round(score / 100, 3),
                                 source="suggest"))
        out.sort(key=lambda m: (-m.score, -m.entry.population))
        return out[:limit]

    def find(self, name: str, *, kinds: tuple[str, ...] | None = None,
             limit: int = 20) -> list[Match]:
        """`lookup`, else scored `suggest`ions; best first (score, then
        population). The `source` of each match says which answered."""
        out = self.lookup(name, kinds=kinds) or self.suggest(name, limit=limit, kinds=kinds)
        return best_first(out)[:limit]

    def oblast(self, short: str) -> Entry | None:
        """The region entry of an oblast by its short name ("Kharkiv", "Crimea",
        "Kyiv (city)", "Belgorod (Russia)")."""
        if self._oblasts is None:
            self._oblasts = {}
            for i, r in enumerate(self._rows):
                if r[1] == "region" and r[10] in ("oblast", "city") and r[4]:
                    self._oblasts[name_key(r[4])] = i
        i = self._oblasts.get(name_key(short))
        if i is None:
            i = self._oblasts.get(name_key(f"{short} (Russia)"))
        return None if i is None else self._entry(i)

    def region_at(self, point: Point) -> list[Entry]:
        """The oblast and raion whose (simplified, ~200 m) polygons contain
        `point`, oblast first; [] outside Ukraine's mainland polygons (no
        polygons exist for the Russian oblasts or Sevastopol)."""
        if self._areas is None:
            from frontmap.gazetteer.areas import Areas
            self._areas = Areas.load(self._shapes_file())
        ids = self._areas.containing(point)
        entries = [e for e in (self.get(i) for i in ids) if e is not None]
        return sorted(entries, key=lambda e: (e.feature != "oblast" and e.feature != "city", e.id))

    def _shapes_file(self) -> Path:
        path = self.path / "regions.geojson.gz"
        return path if path.exists() else data_dir() / "regions.geojson.gz"


_NAME_ORDER = {r: n for n, r in enumerate((0, 5, 1, 4, 2, 3))}   # ranks, best first, for names()
TIE = 0.1     # matches this close to the best score count as equally good spellings
STRONG = 0.95
_FEATURE_WEIGHT = {"PPLC": 4, "PPLA": 3, "PPLA2": 3, "PPLA3": 2, "PPL": 1, "oblast": 3, "city": 3,
                   "raion": 2, "STM": 1, "RSV": 1}


def best_first(matches: list[Match]) -> list[Match]:
    """Order matches as a geocoder should offer them: spellings about as good
    as the best one (within TIE) first; among them places of the theatre
    (Ukraine and the Russian border oblasts) before the rest of Russia, then
    populated places the spelling names as such (own, main or former name,
    score >= STRONG) before places it is only an alternate of (Slovyansk is
    Sloviansk, not Nikopol's 18th-century name), then the more prominent
    (population, kind of place), exact points before approximate ones; the
    rest by score."""
    if not matches:
        return []
    top = max(m.score for m in matches)

    def order(m: Match):
        e = m.entry
        named = m.score >= STRONG and e.population > 0
        return (m.score < top - TIE - 1e-9, e.oblast == "Russia", not named, -e.population,
                -_FEATURE_WEIGHT.get(e.feature, 0), e.approximate, -m.score, e.id)
    return sorted(matches, key=order)


def _read_rows(path: Path, ncols: int) -> list[list[str]]:
    with gzip.open(path, "rt", encoding="utf-8", newline="\n") as f:
        header = f.readline().rstrip("\n").split("\t")
        if tuple(header) != ENTRY_COLUMNS:
            raise ValueError(f"unexpected columns {header!r} in {path.name}")
        rows = [line.rstrip("\n").split("\t") for line in f]
    if any(len(r) != ncols for r in rows):
        raise ValueError(f"a row of {path.name} does not have {ncols} columns")
    return rows


def _read_index(path: Path, nrows: int) -> dict[str, list[tuple[int, int, str]]]:
    index: dict[str, list[tuple[int, int, str]]] = {}
    top = -1
    with gzip.open(path, "rt", encoding="utf-8", newline="\n") as f:
        f.readline()
        for line in f:
            row, rank, key, cell = line.rstrip("\n").split("\t")
            r = int(row)
            if r > top:
                top = r
            hit = (r, int(rank), cell)
            lst = index.get(key)
            if lst is None:
                index[key] = [hit]
            else:
                lst.append(hit)
    if top >= nrows:
        raise ValueError("names refer to entries that do not exist")
    return index


def _names_by_row(index: dict[str, list[tuple[int, int, str]]]) -> dict[int, list[tuple[str, str, int]]]:
    """Every row's spellings as (spelling, tag, rank): the index turned round."""
    out: dict[int, list[tuple[str, str, int]]] = {}
    for hits in index.values():
        for row, rank, cell in hits:
            out.setdefault(row, []).extend((*p.split("~", 1), rank) for p in cell.split("|"))
    return out


_DEFAULT: Gazetteer | None = None


# Names are rarely misspelt in their first letter, except where Russian and Ukrainian
# forms swap an initial vowel (Aleksiivka / Oleksiivka, Yelenovka / Olenivka).
_INITIAL_CLASSES = {c: "vowel" for c in "aeiouyj"} | {"c": "k", "q": "k", "w": "v", "z": "s"}


def _initial_class(key: str) -> str:
    return _INITIAL_CLASSES.get(key[:1], key[:1])


def _suggest_buckets(index) -> dict[str, tuple[list[str], list[int]]]:
    """Keys grouped by the class of their first letter, each group sorted by length."""
    groups: dict[str, list[str]] = {}
    for k in index:
        groups.setdefault(_initial_class(k), []).append(k)
    out = {}
    for cls, keys in groups.items():
        keys.sort(key=len)
        out[cls] = (keys, [len(k) for k in keys])
    return out


def default_gazetteer() -> Gazetteer:
    """The shipped gazetteer (with the user's overrides), loaded once per process."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Gazetteer.load()
    return _DEFAULT
