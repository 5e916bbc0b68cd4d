"""A user's overrides file: add or correct places and aliases without editing
the shipped gazetteer (run time).

Tab-separated text, UTF-8; blank lines and lines starting with # are skipped;
an optional header line starts with "action". Columns, in this order (trailing
empty ones may be left out):

    action  name  target  kind  lat  lon  oblast  raion  hromada  name_uk  population

* ``alias``   NAME TARGET - NAME (any spelling) also names entry TARGET (an id
  such as ``gn:703656``, as ``frontmap resolve --format json`` shows).
* ``unalias`` NAME TARGET - NAME no longer finds TARGET.
* ``place``   NAME [TARGET] KIND LAT LON [OBLAST RAION HROMADA NAME_UK POPULATION] -
  without TARGET, or with a TARGET id not in the gazetteer, adds a place
  (id TARGET, or ``user:<name>``); with the id of an existing entry, corrects
  it: every non-empty column replaces the shipped value, NAME becomes its
  name. KIND is settlement, region, river or other.

Look-ups answered by a line of this file have ``Match.source == "overrides"``.
"""
from __future__ import annotations

import re
from pathlib import Path

from frontmap.errors import GazetteerError
from frontmap.model import KINDS
from frontmap.text.names import name_key

COLUMNS = ("action", "name", "target", "kind", "lat", "lon", "oblast", "raion", "hromada",
           "name_uk", "population")
ACTIONS = ("alias", "unalias", "place")
HELP = "see the overrides format in gazetteer/README.md"


def apply_overrides(gaz, path: Path) -> int:
    """Apply every line of `path` to `gaz`; returns the number of lines applied."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise GazetteerError(f"overrides file {str(path)!r} does not exist; create it or unset "
                             f"FRONTMAP_OVERRIDES") from e
    except (OSError, UnicodeDecodeError) as e:
        raise GazetteerError(f"cannot read overrides file {str(path)!r} ({e}); save it as "
                             "UTF-8 text") from e
    n = 0
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#") or line.startswith("action\t"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        row = dict(zip(COLUMNS, cells + [""] * (len(COLUMNS) - len(cells))))

        def bad(problem: str, fix: str, lineno=lineno, line=line) -> GazetteerError:
            return GazetteerError(f"{path}:{lineno}: {line!r}: {problem}; {fix} ({HELP})")

        if len(cells) > len(COLUMNS):
            raise bad(f"{len(cells)} columns, at most {len(COLUMNS)}",
                      "separate columns with single tabs: " + ", ".join(COLUMNS))
        action = row["action"]
        if action not in ACTIONS:
            raise bad(f"unknown action {action!r}", "start the line with alias, unalias or place "
                      "followed by a tab")
        if not name_key(row["name"]):
            raise bad("the name column is empty", "put the place's name in column 2")
        if action in ("alias", "unalias"):
            i = gaz._by_id.get(row["target"])
            if i is None:
                raise bad(f"no entry has id {row['target']!r}",
                          "put an id shown by `frontmap resolve NAME --format json` in column 3")
            if action == "alias":
                _add_name(gaz, i, row["name"])
            elif not _remove_name(gaz, i, row["name"]):
                raise bad(f"{row['name']!r} does not name {row['target']!r}",
                          "check the spelling, or drop the line")
        else:
            _place(gaz, row, bad)
        n += 1
    gaz.overrides = path
    gaz._keys = gaz._names_of = gaz._oblasts = None  # caches built from the index
    gaz._matches = {}
    return n


def _add_name(gaz, i: int, spelling: str) -> None:
    from frontmap.gazetteer.schema import RANK_OVERRIDE

    key = name_key(spelling)
    hits = [h for h in gaz._index.get(key, []) if h[0] != i]  # the override replaces the row's own
    gaz._index[key] = [(i, RANK_OVERRIDE, f"{spelling}~overrides"), *hits]
    gaz.max_key_words = max(gaz.max_key_words, len(spelling.split()))


def _remove_name(gaz, i: int, spelling: str) -> bool:
    key = name_key(spelling)
    hits = gaz._index.get(key, [])
    kept = [h for h in hits if h[0] != i]
    if len(kept) == len(hits):
        return False
    if kept:
        gaz._index[key] = kept
    else:
        del gaz._index[key]
    return True


def _place(gaz, row: dict, bad) -> None:
    from frontmap.gazetteer.schema import ENTRY_COLUMNS

    kind = row["kind"] or "settlement"
    if kind not in KINDS:
        raise bad(f"unknown kind {kind!r}", "use one of " + ", ".join(KINDS))
    coords = {}
    for col, lo, hi in (("lat", -90, 90), ("lon", -180, 180)):
        if row[col]:
            try:
                v = float(row[col])
            except ValueError:
                raise bad(f"{col} {row[col]!r} is not a number", "write decimal degrees, e.g. 48.51")
            if not lo <= v <= hi:
                raise bad(f"{col} {v} is out of range", f"{col} lies between {lo} and {hi}")
            coords[col] = row[col]
    if row["population"] and not row["population"].isdigit():
        raise bad(f"population {row['population']!r} is not a whole number", "write digits only")
    i = gaz._by_id.get(row["target"]) if row["target"] else None
    if i is not None:  # correct an existing entry
        old = gaz._rows[i]
        new = list(old)
        for col in ("name", "kind", "lat", "lon", "oblast", "raion", "hromada", "name_uk",
                    "population"):
            if row[col]:
                new[ENTRY_COLUMNS.index(col)] = coords.get(col, row[col])
        if coords:
            new[ENTRY_COLUMNS.index("approximate")] = ""
        gaz._rows[i] = new
        gaz._entries[i] = None
        gaz._matches = {}
    else:
        if len(coords) != 2:
            raise bad("a new place needs lat and lon", "fill columns 5 and 6 (decimal degrees)")
        new_id = row["target"] or "user:" + re.sub(r"[^0-9a-z]+", "-", row["name"].lower()).strip("-")
        if new_id in gaz._by_id:
            raise bad(f"id {new_id!r} is already taken", "give the place its own id in column 3")
        values = dict(id=new_id, kind=kind, name=row["name"], name_uk=row["name_uk"],
                      oblast=row["oblast"], raion=row["raion"], hromada=row["hromada"],
                      lat=coords["lat"], lon=coords["lon"], population=row["population"] or "0",
                      feature="user", katottg="", approximate="")
        i = len(gaz._rows)
        gaz._rows.append([values[c] for c in ENTRY_COLUMNS])
        gaz._entries.append(None)
        gaz._by_id[new_id] = i
    gaz._overridden.add(i)
    _add_name(gaz, i, row["name"])
    if row["name_uk"]:
        _add_name(gaz, i, row["name_uk"])
