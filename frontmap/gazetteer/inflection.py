"""Nominatives of inflected place names in Cyrillic text (run time).

"в Покровске", "у Покровську", "Покровського району", "під Харковом": case
forms of Russian and Ukrainian names. The endings and what they come from
are data (``gazetteer/curated/case_endings.tsv``); this module only strips an
ending per word and offers the possible nominatives, for the gazetteer to try
(at a lowered score) when a Cyrillic name is not found as written.
"""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from frontmap.text.names import APOSTROPHES

MIN_STEM = 2
MAX_FORMS = 32
MAX_WORDS = 3
MAX_PER_WORD = 6
_APOS = {ord(c): "'" for c in APOSTROPHES}


@lru_cache(maxsize=4)
def endings(path: Path) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(ending, nominative endings), longest ending first."""
    table: dict[str, list[str]] = {}
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            alts = table.setdefault(row["ending"], [])
            for nom in row["nominative"].split(";"):
                if nom not in alts:
                    alts.append(nom)
    return tuple(sorted(((e, tuple(a)) for e, a in table.items()), key=lambda x: -len(x[0])))


@lru_cache(maxsize=4)
def prepositions(path: Path) -> frozenset[str]:
    with path.open(encoding="utf-8", newline="") as f:
        return frozenset(r["word"] for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def without_preposition(name: str, path: Path) -> str:
    """"в Покровске" -> "Покровске"; other names unchanged."""
    first, _, rest = name.strip().partition(" ")
    return rest.strip() if rest and first.lower() in prepositions(path) else name


def word_nominatives(word: str, table) -> list[str]:
    """Possible nominatives of one word (the word itself first)."""
    low = word.lower()
    out = [word]
    for ending, noms in table:
        if low.endswith(ending) and len(low) - len(ending) >= MIN_STEM:
            stem = word[: len(word) - len(ending)]
            out += [stem + nom for nom in noms]
    return list(dict.fromkeys(out))


def nominatives(name: str, path: Path) -> list[str]:
    """Candidate nominatives of a possibly inflected Cyrillic name, without
    the name itself; words are inflected independently ("Часовом Яре"),
    forms changing fewer words first."""
    from itertools import product

    table = endings(path)
    words = name.translate(_APOS).split()[:MAX_WORDS]
    per_word = []
    for w in words:
        options = [""]
        for i, p in enumerate(w.split("-")):
            sep = "-" if i else ""
            options = [o + sep + n for o in options for n in word_nominatives(p, table)]
        per_word.append(options[:MAX_PER_WORD])
    combos = sorted(product(*(range(len(o)) for o in per_word)),
                    key=lambda c: (sum(1 for x in c if x), c))
    forms = [" ".join(per_word[i][x] for i, x in enumerate(c)) for c in combos[1:]]
    return list(dict.fromkeys(forms))[:MAX_FORMS]
