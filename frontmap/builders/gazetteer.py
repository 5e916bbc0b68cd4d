"""Build the shipped gazetteer files from the raw sources.

    python -m frontmap.builders.gazetteer --sources ../shared/data/gazetteer-sources \
        --boundaries ../shared/data/boundaries --out gazetteer

Settlements are GeoNames UA populated places joined to KATOTTG (official
Ukrainian name, oblast, raion, hromada) per raion by Ukrainian name, with
point-in-polygon (OSM raions and hromadas) to break ties and to place rows
the join misses. Regions, rivers and Russian places are added after.
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from frontmap.errors import GazetteerError
from frontmap.builders.assign import assign_ambiguous, too_far
from frontmap.builders.forms import add_name_forms
from frontmap.builders.regions import add_regions
from frontmap.builders.shapes import write_region_shapes
from frontmap.builders.sources import (GnRow, KRow, has_cyrillic, is_clean_name, locate, norm_uk,
                                        pick_uk_name, read_geonames, read_katottg, read_tsv,
                                        tag_lang)
from frontmap.builders.world import add_rivers, add_russia
from frontmap.gazetteer.schema import ENTRY_COLUMNS, FORMAT_VERSION, NAME_COLUMNS, RANK_ORDER
from frontmap.text.names import name_key, translit_uk

TAGS = {"latn": "und-Latn", "cyr": "und-Cyrl"}
CURATED = Path(__file__).resolve().parents[2] / "gazetteer" / "curated"


class Builder:
    """Collects entries as dicts with a `names` list of (spelling, lang, rank)."""

    def __init__(self, sources: Path, boundaries: Path, curated: Path):
        self.sources, self.boundaries, self.curated = sources, boundaries, curated
        self.used: list[str] = []
        self.entries: list[dict] = []
        self.covered: set[str] = set()  # KATOTTG settlements given by a GeoNames row
        self.stats: dict[str, object] = {}
        self.katottg = read_katottg(self._one(sources, "katottg_*.csv.gz"))
        self.oblasts = {r["code"]: r for r in read_tsv(curated / "oblasts.tsv")}
        self.admin1_to_oblast = {r["gn_admin1"]: c for c, r in self.oblasts.items()}
        overrides = curated / "raion_centres.tsv"
        self.raion_overrides = ({r["raion"]: r["centre"] for r in read_tsv(overrides)}
                                if overrides.exists() else {})
        from frontmap.builders.regions import raion_short_names
        self.raion_short = raion_short_names(self.katottg, self.raion_overrides)

    def _one(self, folder: Path, pattern: str) -> Path:
        """The newest source file matching `pattern` (names carry versions)."""
        found = sorted(folder.glob(pattern))
        if not found:
            raise GazetteerError(f"no file matching {pattern!r} in {str(folder)!r}; "
                                 "pass --sources/--boundaries pointing at the shared data")
        self.used.append(found[-1].name)
        return found[-1]

    def add(self, entry: dict) -> None:
        self.entries.append(entry)

    # --- settlements ---------------------------------------------------------
    def settlements(self) -> None:
        from frontmap.builders.sources import read_polygons

        rows = read_geonames(self._one(self.sources, "geonames_UA_*.txt.gz"))
        self.geonames_ua = rows
        places = [r for r in rows if r.fclass == "P"]
        raion_polys = read_polygons(self._one(self.boundaries, "ua_raions_osm.geojson.gz"))
        hromada_polys = read_polygons(self._one(self.boundaries, "ua_hromadas_osm.geojson.gz"))
        self.raion_polys, self.hromada_polys = raion_polys, hromada_polys
        pts = [(r.lat, r.lon) for r in places]
        in_raion = locate(pts, raion_polys, "katotth")
        in_hromada = locate(pts, hromada_polys, "katotth")

        by_raion: dict[str, dict[str, list[KRow]]] = defaultdict(lambda: defaultdict(list))
        by_oblast: dict[str, dict[str, list[KRow]]] = defaultdict(lambda: defaultdict(list))
        latin_by_raion: dict[str, dict[str, list[KRow]]] = defaultdict(lambda: defaultdict(list))
        for k in self.katottg.values():
            if k.category in ("M", "X", "C", "K"):
                by_oblast[k.oblast][norm_uk(k.name)].append(k)
                if k.raion:
                    by_raion[k.raion][norm_uk(k.name)].append(k)
                    latin_by_raion[k.raion][name_key(translit_uk(k.name))].append(k)
        admin2_to_raion = {c[2:6]: c for c, k in self.katottg.items() if k.category == "P"}

        self.hromada_geoms = {p["katotth"]: g for p, g in hromada_polys}
        how = Counter()
        joins = []
        for r, rc_poly, hc_poly in zip(places, in_raion, in_hromada):
            raions = [x for x in (admin2_to_raion.get(r.admin2), rc_poly) if x]
            raions = list(dict.fromkeys(raions))
            k, amb, method = self._join(r, raions, hc_poly, by_raion, by_oblast, latin_by_raion)
            how[method] += 1
            joins.append([r, k, amb, raions, hc_poly])
        assign_ambiguous(self, joins, self._osm_labels(), how)
        for r, k, amb, raions, hc_poly in joins:
            if k is not None:
                self.covered.add(k.code)
            self.add(self._settlement(r, k, [] if k else amb, raions, hc_poly))
        self.stats["settlement_join"] = dict(sorted(how.items()))

    def _osm_labels(self) -> dict[str, tuple[float, float]]:
        """KATOTTG code -> (lat, lon) of OSM settlement labels that carry one."""
        from frontmap.builders.sources import read_osm_settlements

        rows = read_osm_settlements(self._one(self.sources, "osm_ua_settlement_boundaries_*.csv.gz"))
        return {r["katotth"]: (float(r["lat"]), float(r["lon"])) for r in rows if r["katotth"]}

    def _join(self, r: GnRow, raions: list[str], hromada: str | None, by_raion, by_oblast,
              latin_by_raion) -> tuple[KRow | None, list[KRow], str]:
        """(KATOTTG record, ambiguous candidates, method) for one GeoNames row.

        Cyrillic alternates that spell the row's main name are tried first,
        so a former name among the alternates (Донецьк's Олександрівка) does
        not make the join ambiguous."""
        cyr = [norm_uk(a) for a in r.alternates if has_cyrillic(a)]
        main = {name_key(r.name), name_key(r.asciiname)}
        tiers = [{n for n in cyr if name_key(n) in main}, set(cyr)]
        ambiguous: list[KRow] = []
        far = False
        for names in tiers:
            for rc in raions:
                cands = list({k.code: k for n in names for k in by_raion[rc].get(n, ())}.values())
                pick = _narrow(cands, hromada)
                if pick and too_far(self.hromada_geoms, pick.hromada, hromada, r.lat, r.lon):
                    pick, far = None, True
                    cands = [k for k in cands if not too_far(self.hromada_geoms, k.hromada,
                                                             hromada, r.lat, r.lon)]
                if pick:
                    return pick, [], "name"
                if len(cands) > 1 and not ambiguous:
                    ambiguous = _narrow_all(cands, hromada)
            if ambiguous:
                return None, ambiguous, "ambiguous"
        if far:
            return None, [], "far"
        oblast = self.admin1_to_oblast.get(r.admin1)
        if oblast:
            ks = [k for n in cyr for k in by_oblast[oblast].get(n, ()) if k.category == "K"]
            if len(ks) == 1:
                return ks[0], [], "city"
        keys = {name_key(n) for n in [r.name, r.asciiname, *r.alternates] if not has_cyrillic(n)}
        for rc in raions:
            cands = list({k.code: k for key in keys for k in latin_by_raion[rc].get(key, ())}.values())
            pick = _narrow(cands, hromada)
            if pick and not too_far(self.hromada_geoms, pick.hromada, hromada, r.lat, r.lon):
                return pick, [], "latin"
        return None, [], "none"

    def _settlement(self, r: GnRow, k: KRow | None, amb: list[KRow], raions: list[str],
                    hromada: str | None) -> dict:
        # Ambiguous joins (two villages of one name in a hromada) still give
        # the official name and whatever parents the candidates share.
        official = k.name if k else ""
        if amb and len({norm_uk(a.name) for a in amb}) == 1:
            official = amb[0].name
        if amb:
            raions = [amb[0].raion] if len({a.raion for a in amb}) == 1 else raions
            hromada = amb[0].hromada if len({a.hromada for a in amb}) == 1 else hromada
        off_norm = norm_uk(official) if official else None
        alts = [a for a in dict.fromkeys(r.alternates) if is_clean_name(a)]
        tagged = [(a, tag_lang(a, off_norm)) for a in alts]
        name_uk = official or pick_uk_name(tagged, {r.name, r.asciiname},
                                             undecided=False)
        canonical = translit_uk(name_uk) if name_uk else r.name
        raion_code = (k.raion if k else None) or (raions[0] if raions else None)
        hromada_code = (k.hromada if k else None) or hromada
        oblast_code = (k.oblast if k else None) or (raion_code[:4] if raion_code else None) \
            or self.admin1_to_oblast.get(r.admin1)
        names = [(canonical, "uk-Latn" if name_uk else "latn", 0)]
        if name_uk:
            names.append((name_uk, "uk", 0))
        # GeoNames' main name ranks as a main name only when it spells the
        # official one (Kupyansk); else it is a Russian-style or older form
        # (Crimea's Konstantinovka) and ranks as an alternate.
        main_rank = 1 if not name_uk or name_key(r.name) == name_key(canonical) else 2
        names += [(r.name, "latn", main_rank), (r.asciiname, "latn", main_rank)]
        names += [(a, lang, 2) for a, lang in tagged]
        return dict(id=f"gn:{r.geonameid}", kind="settlement", name=canonical, name_uk=name_uk,
                    oblast=self.oblast_short(oblast_code), raion=self.raion_short.get(raion_code),
                    hromada=self.hromada_name(hromada_code), lat=r.lat, lon=r.lon,
                    population=r.population, feature=r.fcode, katottg=k.code if k else None,
                    approximate=False, names=names)

    def katottg_extras(self) -> None:
        """Register settlements no GeoNames row gives: placed at their OSM
        boundary label when one is found in the hromada, else (approximate)
        at the hromada's or raion's label point."""
        from frontmap.builders.sources import label_point, read_osm_settlements

        missing = [k for k in self.katottg.values()
                   if k.category in ("M", "X", "C") and k.code not in self.covered and k.hromada]
        osm = [r for r in read_osm_settlements(
            self._one(self.sources, "osm_ua_settlement_boundaries_*.csv.gz"))
            if r["admin_level"] == "9" and r["lat"]]
        where = locate([(float(r["lat"]), float(r["lon"])) for r in osm], self.hromada_polys,
                       "katotth")
        osm_at: dict[tuple[str, str], list[dict]] = defaultdict(list)
        for r, h in zip(osm, where):
            if h:
                osm_at[(h, norm_uk(r["name_uk"] or r["name"]))].append(r)
        polys = {p["katotth"]: g for p, g in self.hromada_polys + self.raion_polys}
        same_name = Counter((k.hromada, norm_uk(k.name)) for k in missing)
        how = Counter()
        for k in missing:
            hits = osm_at.get((k.hromada, norm_uk(k.name)), [])
            names = [(translit_uk(k.name), "uk-Latn", 0), (k.name, "uk", 0)]
            if len(hits) == 1 and same_name[(k.hromada, norm_uk(k.name))] == 1:
                o = hits[0]
                lat, lon, approx = round(float(o["lat"]), 5), round(float(o["lon"]), 5), False
                names += [(o["name_en"], "latn", 2), (o["name_ru"], "ru", 2)]
                how["osm"] += 1
            else:
                geom = polys.get(k.hromada) or polys.get(k.raion)
                if geom is None:
                    how["unplaced"] += 1
                    continue
                (lat, lon), approx = label_point(geom), True
                how["hromada" if k.hromada in polys else "raion"] += 1
            self.add(dict(id=f"katottg:{k.code}", kind="settlement", name=translit_uk(k.name),
                          name_uk=k.name, oblast=self.oblast_short(k.oblast),
                          raion=self.raion_short.get(k.raion),
                          hromada=self.hromada_name(k.hromada), lat=lat, lon=lon, population=0,
                          feature=f"KATOTTG-{k.category}", katottg=k.code, approximate=approx,
                          names=[n for n in names if n[0]]))
        self.stats["katottg_only"] = dict(how)

    def oblast_short(self, code: str | None) -> str | None:
        return self.oblasts[code]["short"] if code in self.oblasts else None

    def hromada_name(self, code: str | None) -> str | None:
        k = self.katottg.get(code) if code else None
        return f"{translit_uk(k.name)} hromada" if k else None

    # --- output ----------------------------------------------------------------
    def write(self, out: Path) -> dict:
        out.mkdir(parents=True, exist_ok=True)
        ids = Counter(e["id"] for e in self.entries)
        dup = [i for i, n in ids.items() if n > 1]
        if dup:
            raise GazetteerError(f"duplicate entry ids {dup[:5]!r}; fix the build inputs")
        n_names, max_words = 0, 1
        with _gz_writer(out / "entries.tsv.gz") as ef, _gz_writer(out / "names.tsv.gz") as nf:
            ef.write("\t".join(ENTRY_COLUMNS) + "\n")
            nf.write("\t".join(NAME_COLUMNS) + "\n")
            for i, e in enumerate(self.entries):
                ef.write("\t".join(_cell(e[c]) for c in ENTRY_COLUMNS) + "\n")
                for key, (rank, spellings) in _group_names(e["names"]).items():
                    cell = "|".join(f"{sp}~{TAGS.get(tag, tag)}" for sp, tag in spellings)
                    nf.write(f"{i}\t{rank}\t{key}\t{cell}\n")
                    n_names += 1
                    max_words = max(max_words, *(len(sp.split()) for sp, _ in spellings))
        kinds = Counter(e["kind"] for e in self.entries)
        meta = dict(format=FORMAT_VERSION, entries=len(self.entries), name_keys=n_names,
                    kinds=dict(sorted(kinds.items())), max_key_words=max_words,
                    sources=sorted(set(self.used)), stats=self.stats)
        self.stats["region_shapes"] = write_region_shapes(self, out)
        meta["stats"] = self.stats
        (out / "meta.json").write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n",
                                       encoding="utf-8")
        return meta


def _narrow_all(cands: list[KRow], hromada: str | None) -> list[KRow]:
    """Candidates in the point's hromada, if any are."""
    if len(cands) > 1 and hromada:
        inside = [k for k in cands if k.hromada == hromada]
        return inside or cands
    return cands


def _narrow(cands: list[KRow], hromada: str | None) -> KRow | None:
    if len(cands) > 1 and hromada:
        cands = [k for k in cands if k.hromada == hromada]
    return cands[0] if len(cands) == 1 else None


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "1" if v else ""
    return str(v).replace("\t", " ").replace("\n", " ")


def _group_names(names: list[tuple[str, str, int]]) -> dict[str, tuple[int, list[tuple[str, str]]]]:
    """key -> (best rank, [(spelling, tag)] best first); one row per key.

    "Best" is by the score a rank gives at lookup (official and main names,
    then former names, alternates, generated forms)."""
    out: dict[str, tuple[int, list[tuple[str, str]]]] = {}
    for spelling, tag, rank in sorted(names, key=lambda n: RANK_ORDER.index(n[2])):
        spelling = " ".join(spelling.replace("|", " ").replace("~", " ").split())
        key = name_key(spelling)
        if not key:
            continue
        if key not in out:
            out[key] = (rank, [(spelling, tag)])
        elif all(spelling != sp for sp, _ in out[key][1]):
            out[key][1].append((spelling, tag))
    return out


def _gz_writer(path: Path):
    raw = path.open("wb")
    gz = gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9)
    import io

    class _W(io.TextIOWrapper):
        def close(self):
            super().close()
            raw.close()

    return _W(gz, encoding="utf-8", newline="\n")


def overmerge(entries: list[dict]) -> dict[str, int]:
    """How many distinct official Ukrainian settlement names share a key with a
    different name (the cost of folding spellings together)."""
    by_key: dict[str, set[str]] = defaultdict(set)
    for e in entries:
        if e["kind"] == "settlement" and e["name_uk"] and e["id"].startswith("gn:"):
            by_key[name_key(e["name_uk"])].add(norm_uk(e["name_uk"]))
    names = {n for s in by_key.values() for n in s}
    merged = [s for s in by_key.values() if len(s) > 1]
    return dict(distinct_names=len(names), keys=len(by_key), keys_with_several_names=len(merged),
                names_sharing_a_key=sum(len(s) for s in merged))


def build(sources: Path, boundaries: Path, out: Path, curated: Path = CURATED) -> dict:
    b = Builder(sources, boundaries, curated)
    b.settlements()
    b.katottg_extras()
    add_regions(b)
    add_rivers(b)
    add_russia(b)
    add_name_forms(b)
    b.stats["overmerge"] = overmerge(b.entries)
    return b.write(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m frontmap.builders.gazetteer", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sources", type=Path, required=True, help="gazetteer-sources folder")
    ap.add_argument("--boundaries", type=Path, required=True, help="boundaries folder")
    ap.add_argument("--out", type=Path, default=Path("gazetteer"), help="output folder")
    ap.add_argument("--curated", type=Path, default=CURATED, help="curated TSV folder")
    a = ap.parse_args(argv)
    try:
        meta = build(a.sources, a.boundaries, a.out, a.curated)
    except GazetteerError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print(json.dumps(meta, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
