"""The offline gazetteer at run time: load the built files, look names up.

Stdlib only (rapidfuzz is imported lazily by ``suggest``). Entries are kept
as raw rows and turned into ``Entry`` objects on first use, so a cold load
only parses the files and builds the key index.
"""
from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from frontmap.errors import GazetteerError
from frontmap.model import Entry, Match
from frontmap.names import name_key

FORMAT_VERSION = 1
ATTRIBUTION = ("Places: GeoNames (geonames.org, CC BY 4.0); KATOTTG, Ministry for Development "
               "of Communities and Territories of Ukraine; regions &copy; OpenStreetMap "
               "contributors (ODbL)")
REBUILD = ("rebuild it with: python -m frontmap.gazetteer_build --sources "
           "../shared/data/gazetteer-sources --boundaries ../shared/data/boundaries --out gazetteer")
_ENTRY_COLUMNS = ["id", "kind", "name", "name_uk", "oblast", "raion", "hromada", "lat", "lon",
                  "population", "feature", "katottg", "approximate"]
# Score of an exact key match by how the spelling is known: official or
# canonical names and GeoNames' main name 1.0, alternate names 0.9.
_RANK_SCORE = {0: 1.0, 1: 1.0, 2: 0.9}


def data_dir() -> Path:
    """Where the built files are: inside an installed wheel, else the repo."""
    try:
        packaged = resources.files("frontmap") / "_gazetteer"
        if packaged.is_dir():
            return Path(str(packaged))
    except (ModuleNotFoundError, TypeError):
        pass
    return Path(__file__).resolve().parents[1] / "gazetteer"


class Gazetteer:
    def __init__(self, rows: list[list[str]], index: dict[str, list[tuple[int, int, str]]],
                 max_key_words: int, path: Path):
        self._rows = rows
        self._entries: list[Entry | None] = [None] * len(rows)
        self._index = index               # key -> [(row, rank, "spelling|spelling")]
        self._by_id = {r[0]: i for i, r in enumerate(rows)}
        self.max_key_words = max_key_words
        self.path = path
        self._keys: list[str] | None = None
        self._oblasts: dict[str, int] | None = None

    # --- loading ----------------------------------------------------------------
    @classmethod
    def load(cls, path: str | Path | None = None) -> Gazetteer:
        folder = Path(path) if path is not None else data_dir()
        try:
            meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
            if meta.get("format") != FORMAT_VERSION:
                raise GazetteerError(f"gazetteer in {str(folder)!r} has format "
                                     f"{meta.get('format')!r}, expected {FORMAT_VERSION}; {REBUILD}")
            rows = _read_rows(folder / "entries.tsv.gz", len(_ENTRY_COLUMNS))
            index = _read_index(folder / "names.tsv.gz", len(rows))
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
        return cls(rows, index, int(meta.get("max_key_words", 6)), folder)

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

    # --- lookups ----------------------------------------------------------------
    def has_key(self, key: str) -> bool:
        return key in self._index

    def lookup_key(self, key: str, *, kinds: tuple[str, ...] | None = None,
                   spelling: str | None = None) -> list[Match]:
        """Entries with a name whose key is `key`, best-known spellings first.

        `matched` is `spelling` when the entry stores exactly that spelling,
        else the entry's best-ranked spelling with this key."""
        hits = self._index.get(key)
        if not hits:
            return []
        out = []
        for row, rank, spellings in hits:
            if kinds is not None and self._rows[row][1] not in kinds:
                continue
            forms = spellings.split("|")
            matched = spelling if spelling in forms else forms[0]
            out.append(Match(entry=self._entry(row), matched=matched,
                             score=_RANK_SCORE.get(rank, 0.8)))
        return out

    def lookup(self, name: str, *, kinds: tuple[str, ...] | None = None) -> list[Match]:
        """Exact lookup on the name key (all spellings of a name meet there)."""
        return self.lookup_key(name_key(name), kinds=kinds, spelling=name)

    def suggest(self, name: str, *, limit: int = 5, min_score: float = 80) -> list[Match]:
        """Near spellings (rapidfuzz ratio on keys, `min_score` 0..100); scores
        returned 0..1. For "did you mean", never as a silent answer."""
        from rapidfuzz import process
        from rapidfuzz.fuzz import ratio

        key = name_key(name)
        if not key:
            return []
        if self._keys is None:
            self._keys = list(self._index)
        found = process.extract(key, self._keys, scorer=ratio, limit=limit * 4,
                                score_cutoff=min_score)
        out: list[Match] = []
        seen: set[str] = set()
        for k, score, _ in found:
            for m in self.lookup_key(k):
                if m.entry.id in seen:
                    continue
                seen.add(m.entry.id)
                out.append(Match(entry=m.entry, matched=m.matched, score=round(score / 100, 3),
                                 source="suggest"))
        out.sort(key=lambda m: (-m.score, -m.entry.population))
        return out[:limit]

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


def _read_rows(path: Path, ncols: int) -> list[list[str]]:
    with gzip.open(path, "rt", encoding="utf-8", newline="\n") as f:
        header = f.readline().rstrip("\n").split("\t")
        if header != _ENTRY_COLUMNS:
            raise ValueError(f"unexpected columns {header!r} in {path.name}")
        rows = [line.rstrip("\n").split("\t") for line in f]
    if any(len(r) != ncols for r in rows):
        raise ValueError(f"a row of {path.name} does not have {ncols} columns")
    return rows


def _read_index(path: Path, nrows: int) -> dict[str, list[tuple[int, int, str]]]:
    index: dict[str, list[tuple[int, int, str]]] = {}
    with gzip.open(path, "rt", encoding="utf-8", newline="\n") as f:
        f.readline()
        for line in f:
            row, rank, _lang, key, spellings = line.rstrip("\n").split("\t")
            hit = (int(row), int(rank), spellings)
            lst = index.get(key)
            if lst is None:
                index[key] = [hit]
            else:
                lst.append(hit)
    if index and max(h[0] for hits in index.values() for h in hits) >= nrows:
        raise ValueError("names refer to entries that do not exist")
    return index


_DEFAULT: Gazetteer | None = None


def default_gazetteer() -> Gazetteer:
    """The shipped gazetteer, loaded once per process."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Gazetteer.load()
    return _DEFAULT
