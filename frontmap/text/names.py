"""Transliteration and the name key where spelling systems meet.

Pure functions, stdlib only: they run on every n-gram of every report, so
the tables are built once at import and the hot path is ``str.translate``
plus a few ``str.replace`` calls.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Apostrophe-like characters seen in names: ASCII, typographic, modifier
# letters, grave/acute accents used as apostrophes, and GeoNames' "”".
APOSTROPHES = "'’ʼ`´‘ʹ′\u02bb\u02bc\u0313”“\""

UK_ONLY = frozenset("іїєґІЇЄҐ")
RU_ONLY = frozenset("ыэъёЫЭЪЁ")

# --- Ukrainian national transliteration (Cabinet resolution No. 55, 2010) ---
_UK = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e",
    "є": "ie", "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i",
    "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "shch", "ь": "", "ю": "iu", "я": "ia",
    # Russian letters that slip into Ukrainian text: best effort
    "ы": "y", "э": "e", "ъ": "", "ё": "io",
}
_UK_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}

# --- Russian (BGN/PCGN-like, for keys and display of Russian-only names) ---
_RU = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e",
    "ж": "zh", "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    "і": "i", "ї": "yi", "є": "ye", "ґ": "g",
}
_RU_VOWELS = frozenset("аеёиоуыэюяьъ")

def _is_letter(ch: str) -> bool:
    return ch.isalpha() or ch in APOSTROPHES


def _case_like(src: str, out: str, word_upper: bool) -> str:
    if not out or not src.isupper():
        return out
    return out.upper() if word_upper else out[0].upper() + out[1:]


def _word_is_upper(s: str, i: int) -> bool:
    """True when the word around position i is written in capitals (ЗГОРАНИ)."""
    j = i
    while j > 0 and _is_letter(s[j - 1]):
        j -= 1
    k = i
    while k < len(s) and _is_letter(s[k]):
        k += 1
    letters = [c for c in s[j:k] if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def translit_uk(s: str) -> str:
    """Romanise Ukrainian Cyrillic by the official 2010 rules.

    Word-initial є ї й ю я become Ye Yi Y Yu Ya; зг becomes zgh; the soft
    sign and apostrophes are dropped. Non-Cyrillic characters pass through.
    """
    out: list[str] = []
    n = len(s)
    for i, ch in enumerate(s):
        low = ch.lower()
        if ch in APOSTROPHES and 0 < i < n - 1 and s[i - 1].isalpha() and s[i + 1].isalpha():
            continue  # apostrophe inside a word: dropped
        if low not in _UK:
            out.append(ch)
            continue
        initial = i == 0 or not _is_letter(s[i - 1])
        if initial and low in _UK_INITIAL:
            rep = _UK_INITIAL[low]
        elif low == "г" and i > 0 and s[i - 1].lower() == "з":
            rep = "gh"
        else:
            rep = _UK[low]
        out.append(_case_like(ch, rep, ch.isupper() and _word_is_upper(s, i)))
    return "".join(out)


def translit_ru(s: str) -> str:
    """Romanise Russian Cyrillic (BGN/PCGN style: е after a vowel is ye)."""
    out: list[str] = []
    for i, ch in enumerate(s):
        low = ch.lower()
        if low not in _RU:
            out.append(ch)
            continue
        prev = s[i - 1].lower() if i else ""
        if low == "е" and (not prev or not prev.isalpha() or prev in _RU_VOWELS):
            rep = "ye"
        else:
            rep = _RU[low]
        out.append(_case_like(ch, rep, ch.isupper() and _word_is_upper(s, i)))
    return "".join(out)


def cyrillic_lang(s: str) -> str | None:
    """Tell Ukrainian from Russian Cyrillic by letters: "uk", "ru", or None.

    None when the string has no Cyrillic or no telling letter (Купянск could
    be either; the caller may compare with an official name).
    """
    chars = set(s)
    uk = bool(chars & UK_ONLY)
    ru = bool(chars & RU_ONLY)
    if uk and not ru:
        return "uk"
    if ru and not uk:
        return "ru"
    return None


def has_cyrillic(s: str) -> bool:
    return any("\u0400" <= c <= "\u04ff" for c in s)


# --- the matching key ---------------------------------------------------------
# Step 1 (non-ASCII only): Cyrillic -> Latin with one table for both languages
# (и->i and ы->y fold together later), drop soft signs and apostrophes.
_CYR_KEY = {ord(k): v for k, v in _UK.items()}
_CYR_KEY.update({ord("г"): "h", ord("ё"): "e", ord("э"): "e", ord("ы"): "y", ord("и"): "i"})
_CYR_KEY.update({ord(c): None for c in APOSTROPHES})
_LATIN_EXTRA = {"ł": "l", "ø": "o", "ß": "ss", "đ": "d", "ı": "i", "æ": "ae", "œ": "oe"}
_CYR_KEY.update({ord(k): v for k, v in _LATIN_EXTRA.items()})

# Step 2 (all): drop separators, fold letters that systems disagree on.
_ASCII_KEY = {ord(c): None for c in APOSTROPHES + " -‐‑‒–—―_.,/()"}
_ASCII_KEY.update({ord("y"): "i", ord("j"): "i", ord("g"): "h", ord("w"): "v",
                   ord("x"): "ks", ord("q"): "k"})
_DOUBLES = re.compile(r"(.)\1+")
_NON_ALNUM = re.compile(r"[^a-z0-9]")


def _strip_marks(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


# Reports repeat their names and the finder keys every n-gram: a bounded cache pays.
@lru_cache(maxsize=1 << 16)
def name_key(s: str) -> str:
    """The normalised key on which spellings of one name meet.

    Kupiansk, Kupyansk, Kup'yans'k, Kupjansk, Куп'янськ, Купянск and
    KUPIANSK all give "kupiansk". Folds: case, apostrophes, soft signs,
    separators, y/j->i, g->h, kh->h, c->ts, w->v, doubled letters, ie->e,
    diacritics.
    """
    s = s.lower()
    if not s.isascii():
        s = s.translate(_CYR_KEY)
        if not s.isascii():
            s = _strip_marks(s)
            if not s.isascii():
                s = _NON_ALNUM.sub("", s)
    s = s.translate(_ASCII_KEY)
    if "kh" in s:
        s = s.replace("kh", "h")
    if "c" in s:
        s = s.replace("ch", "\x01").replace("c", "ts").replace("\x01", "ch")
    s = _DOUBLES.sub(r"\1", s)
    if "ie" in s:
        s = s.replace("ie", "e")
    return s
