"""Hypothesis strategies for hostile and odd reports (issue 15), shared by tests/test_fuzz.py and
benchmarks/fuzz.py: real gazetteer names, long lists of them, quotes and brackets left open, blank
lines, claim and source phrases, unicode of every kind, and the wrappers and encodings a report
file may come in.  The phrases are written for these strategies; the names come from the gazetteer.
"""
from __future__ import annotations

from functools import cache

from hypothesis import strategies as st

QUOTES = ["\"", "“", "”", "«", "»", "'", "‘", "’", "„", "‹", "›"]
BRACKETS = ["(", ")", "[", "]", "{", "}", "<", ">", "( ", " )"]
BREAKS = ["\n", "\n\n", "\n\n\n\n", "\r\n", "\r", " \n \n ", "\t", "\u2028", "\u00a0", "\u200b"]
PUNCT = [".", ",", ";", ":", "!", "?", " - ", " — ", "...", "…", "/", "&", "#", "*", "**", "_", "|"]
PHRASES = [
    "Russian forces captured", "Ukrainian troops liberated", "the General Staff said",
    "according to the Ministry of Defence", "Kyiv denied", "fighting continues near", "were repelled near",
    "advanced toward", "8 km west of", "in the direction of", "the village of", "on Tuesday", "yesterday",
    "3 days ago", "on 1 January", "Oblast", "region", "district", "raion", "direction", "This was stated by",
    "reportedly", "may have taken", "did not take", "is almost surrounded", "withdrew from", "struck",
    "Background:", "Source:", "According to the General Staff, over the past day:", "- ", "* ", "1. ",
    "the first village", "the second", "that direction", "which Kyiv denied", "called the claim premature",
    "=cmd|' /C calc'!A0", "+1", "@SUM(A1)", "<script>alert(1)</script>", "&amp;", "%s", "{0}", "\\x00",
]
DATES = ["2025-11-22", "0001-01-01", "9999-12-31", "2024-02-29", "2022-02-24"]


@cache
def gazetteer_names() -> tuple[str, ...]:
    """Names as reports write them: canonical gazetteer names of the theatre's settlements and
    regions, a few hundred, larger places first (the same list every run)."""
    from frontmap.gazetteer.store import default_gazetteer
    gaz = default_gazetteer()
    names: list[str] = []
    for kind in ("settlement", "region", "river"):
        ranked = sorted(gaz.entries(kind), key=lambda e: (-e.population, e.name))
        names += [e.name for e in ranked[:300 if kind == "settlement" else 60]]
    return tuple(dict.fromkeys(n for n in names if n))


def names() -> st.SearchStrategy[str]:
    return st.sampled_from(gazetteer_names())


def _name_list() -> st.SearchStrategy[str]:
    """"A, B, C and D": up to 80 names, as one list."""
    return st.lists(names(), min_size=2, max_size=80).map(lambda ns: ", ".join(ns[:-1]) + " and " + ns[-1])


def _bits() -> st.SearchStrategy[str]:
    return st.one_of(
        names(), names(), _name_list(),
        st.sampled_from(PHRASES), st.sampled_from(QUOTES), st.sampled_from(BRACKETS),
        st.sampled_from(BREAKS), st.sampled_from(PUNCT),
        st.text(max_size=12),                                           # any unicode at all
        st.text(alphabet=st.characters(categories=("Lu", "Ll")), min_size=1, max_size=12),
        st.sampled_from(QUOTES).map(lambda q: q + "\n\n" * 6),           # a quote left open over blank lines
        st.integers(0, 20).map(lambda n: "\n\n" * n),
        st.integers(1, 3000).map(lambda n: f"{n} km"),
    )


def report_texts() -> st.SearchStrategy[str]:
    """A report's text with its date line: pieces joined by spaces or nothing."""
    body = st.lists(st.tuples(_bits(), st.sampled_from(["", " ", " ", "\n"])), max_size=40).map(
        lambda parts: "".join(a + b for a, b in parts))
    return st.tuples(st.sampled_from(DATES), body).map(lambda t: f"date {t[0]}\n{t[1]}")


def report_bytes() -> st.SearchStrategy[bytes]:
    """A report file's bytes: the text as plain text, HTML or Markdown front matter (or with no date
    at all), in some encoding, sometimes with a byte-order mark, sometimes cut short or with junk."""
    def wrap(args) -> str:
        text, how = args
        date, _, body = text.partition("\n")
        if how == "html":
            day = date.removeprefix("date ")
            return f'<html><head><meta name="date" content="{day}"><title>t</title></head><body><p>' \
                   + body.replace("\n\n", "</p><p>") + "</p><script>x()</script></body></html>"
        if how == "markdown":
            return f"---\ndate: {date.removeprefix('date ')}\n---\n# Update\n\n{body}"
        if how == "undated":
            return body
        return text

    def encode(args) -> bytes:
        text, encoding, bom, cut, junk = args
        data = text.encode(encoding, errors="replace")
        if bom:
            data = {"utf-8": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(encoding, b"") + data
        if cut:
            data = data[:max(0, len(data) - cut)]
        return data + junk

    texts = st.tuples(report_texts(), st.sampled_from(["text", "text", "html", "markdown", "undated"])).map(wrap)
    return st.tuples(texts, st.sampled_from(["utf-8", "utf-8", "utf-8", "cp1251", "latin-1", "utf-16-le",
                                             "utf-16-be", "utf-32"]),
                     st.booleans(), st.integers(0, 3), st.binary(max_size=4) | st.just(b"")).map(encode)
