"""Russian forms of Ukrainian place names by regular correspondences (build time).

Russian-language reports name Ukrainian places in Russian (Константиновка,
Степногорск, Каменское). GeoNames has such a form for many places; for the
rest one is generated from the official Ukrainian name with the rules in
``gazetteer/curated/ru_from_uk.tsv`` (data, not code) and stored as a
generated name that scores below real ones. Only forms whose name key differs
from the Ukrainian name's key are worth storing: the key already folds і/и/ы,
є/е, г/г, apostrophes and soft signs.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from frontmap.text.names import APOSTROPHES, name_key, translit_ru

_APOS = {ord(c): "'" for c in APOSTROPHES}
_VARIANTS_PER_NAME = 4


@dataclass
class RussianRules:
    words: dict[str, list[str]] = field(default_factory=dict)
    endings: list[tuple[str, list[str]]] = field(default_factory=list)  # longest first
    starts: list[tuple[str, str]] = field(default_factory=list)
    roots: list[tuple[str, str]] = field(default_factory=list)
    soft: list[tuple[str, str]] = field(default_factory=list)
    letters: dict[int, str] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> RussianRules:
        r = cls()
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                kind, uk, ru = row["kind"], row["uk"].translate(_APOS), row["ru"] or ""
                alts = ru.split(";")
                if kind == "word":
                    r.words[uk] = alts
                elif kind == "ending":
                    r.endings.append((uk, alts))
                elif kind == "start":
                    r.starts.append((uk, ru))
                elif kind == "root":
                    r.roots.append((uk, ru))
                elif kind == "soft":
                    r.soft.append((uk, ru))
                elif kind == "letter":
                    r.letters[ord(uk)] = ru
                else:
                    raise ValueError(f"{path.name}: unknown rule kind {kind!r} "
                                     "(use word, ending, start, root, soft or letter)")
        r.endings.sort(key=lambda e: -len(e[0]))
        r.roots.sort(key=lambda e: -len(e[0]))
        return r

    def word_forms(self, word: str) -> list[str]:
        """Russian forms of one lower-case Ukrainian word."""
        if word in self.words:
            return list(self.words[word])
        # Roots first (on the whole word: Кремінна -> Кременна), then the
        # ending, then soft signs and letters on what is left of the stem.
        for uk, ru in self.starts:
            if word.startswith(uk):
                word = ru + word[len(uk):]
                break
        for uk, ru in self.roots:
            if uk in word:
                word = word.replace(uk, ru)
        stem, tails = word, [""]
        for uk, ru in self.endings:
            if word.endswith(uk) and len(word) - len(uk) >= 2:
                stem, tails = word[: -len(uk)], ru
                break
        for uk, ru in self.soft:
            stem = stem.replace(uk, ru)
        stem = stem.translate(self.letters)
        return [stem + t for t in tails]


def russian_forms(name_uk: str, rules: RussianRules) -> list[str]:
    """Russian forms of a Ukrainian name, capitalised like it; [] if the
    rules change nothing that the name key would notice."""
    name = name_uk.translate(_APOS)
    parts: list[list[str]] = []
    token = ""
    for ch in name + "\0":
        if ch.isalpha() or ch == "'":
            token += ch
            continue
        if token:
            forms = rules.word_forms(token.lower())
            parts.append([_capitalise_like(token, f) for f in forms])
            token = ""
        if ch != "\0":
            parts.append([ch])
    out = [""]
    for options in parts:
        out = [o + x for o in out for x in options][:_VARIANTS_PER_NAME]
    base = name_key(name_uk)
    seen: set[str] = set()
    result = []
    for form in out:
        k = name_key(form)
        if k and k != base and k not in seen:
            seen.add(k)
            result.append(form)
    return result


def _capitalise_like(src: str, out: str) -> str:
    if src.isupper() and len(src) > 1:
        return out.upper()
    if src[:1].isupper():
        return out[:1].upper() + out[1:]
    return out


def latin_renderings(russian: str) -> list[str]:
    """Common Latin spellings of a Russian name: BGN/PCGN (Konstantinovka,
    Kamenskoye) and, where ё occurs, the "yo" spelling (Novosyolovka)."""
    forms = [translit_ru(russian)]
    if "ё" in russian.lower():
        forms.append(translit_ru(russian.replace("ё", "йо").replace("Ё", "Йо")))
        forms.append(translit_ru(russian.replace("ё", "е").replace("Ё", "Е")))
    return list(dict.fromkeys(forms))
