"""The date a sentence gives for an event: "on November 20", "on Nov. 20", "26 September",
"on Thursday", "yesterday", "last night"; or only its month or year ("in September 2022", "in
2023"), as a date of reduced precision in ISO 8601 ("2022-09", "2023").

Dates are never after the report date: a date without a year takes the report's year, or the
year before if that would put it in the report's future; a weekday is the latest such day on or
before the report date ("last Monday": strictly before); "yesterday" and "last night" are the day
before the report.  A date that would fall outside the calendar (years 1 to 9999: "on Tuesday" in a
report dated 0001-01-01) is no date, and the report gets a warning.  Words are data
(data/claims/cues.json, "dates").
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache, lru_cache

from frontmap.claims.lexicon import raw_cues
from frontmap.text.sentences import Sentence


@cache
def _patterns() -> dict:
    d = raw_cues()["dates"]
    months = {m: i + 1 for i, m in enumerate(d["months"])}
    months.update(d["month_abbr"])
    month_rx = "|".join(sorted((m.capitalize() for m in months), key=len, reverse=True))
    weekdays = {w: i for i, w in enumerate(d["weekdays"])}
    relative = {k.lower(): int(v) for k, v in d["relative"].items()}
    rel_rx = "|".join(sorted((re.escape(k) for k in relative), key=len, reverse=True))
    return {
        "day_month": re.compile(rf"\b(\d{{1,2}})(?:\s*[-–]\s*\d{{1,2}})?(?:st|nd|rd|th)?\s+(?:of\s+)?({month_rx})\.?"
                                rf"(?:,?\s+(\d{{4}}))?\b"),
        "month_day": re.compile(rf"\b({month_rx})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?"),
        "weekday": re.compile(r"\b(?:(last|past)\s+)?(" + "|".join(w.capitalize() for w in weekdays) + r")\b",
                              re.IGNORECASE),
        "relative": re.compile(rf"(?<![\w-])(?:{rel_rx})(?![\w-])", re.IGNORECASE),
        "days_ago": re.compile(rf"(?<![\w-]){d['days_ago']}(?![\w-])", re.IGNORECASE),
        # "in September 2022", "in late 2023": a month or a year, no day (the day forms come first)
        "month_year": re.compile(rf"\b(?i:in|during|by|of)\s+(?i:(?:early|late|mid-?)\s*)?({month_rx})\.?"
                                 rf"(?:,?\s+(\d{{4}}))?\b(?!\.?\s*\d{{1,2}}\b)"),
        "year": re.compile(r"\b(?i:in|during|by)\s+(?i:(?:early|late|mid-?)\s*|the (?:spring|summer|autumn|fall|winter) of\s+)?"
                           r"((?:19|20)\d\d)\b(?!\s*[-–]\s*\d)"),
        "months": months, "weekdays": weekdays, "relative_days": relative, "numbers": d["number_words"],
    }


_OFF_CALENDAR = date.min      # stands for a date the calendar cannot hold, until it is dropped


def _resolve(day: int, month: int, year: str | None, ref: date) -> date | None:
    try:
        if year:
            d = date(int(year), month, day)
            return d if d <= ref else None
        d = date(ref.year, month, day)
        if d <= ref:
            return d
        return date(ref.year - 1, month, day) if ref.year > date.min.year else _OFF_CALENDAR
    except ValueError:                      # "31 February", or 29 February moved to a common year
        return None


def _back(ref: date, days: int) -> date:
    try:
        return ref - timedelta(days=days)
    except OverflowError:                   # "yesterday" in a report dated 0001-01-01
        return _OFF_CALENDAR


@lru_cache(maxsize=1024)
def _scan(body: str, report_date: str) -> tuple[tuple[int, date, str], ...]:
    """(offset in body, date, the words) of every date expression in body; off-calendar ones too."""
    try:
        ref = date.fromisoformat(report_date)
    except (TypeError, ValueError):
        return ()
    p = _patterns()
    found: list[tuple[int, date, str]] = []
    for m in p["day_month"].finditer(body):
        d = _resolve(int(m.group(1)), p["months"][m.group(2).lower()], m.group(3), ref)
        if d:
            found.append((m.start(), d, m.group(0)))
    for m in p["month_day"].finditer(body):
        if any(m.start() <= f < m.end() for f, _, _ in found):
            continue
        d = _resolve(int(m.group(2)), p["months"][m.group(1).lower()], m.group(3), ref)
        if d:
            found.append((m.start(), d, m.group(0)))
    explicit = list(found)
    for m in p["weekday"].finditer(body):
        if m.group(2)[0].islower() or any(abs(m.start() - f) < 12 for f, _, _ in explicit):
            continue                       # "Monday, November 20": the explicit date wins
        back = (ref.weekday() - p["weekdays"][m.group(2).lower()]) % 7
        if m.group(1) and back == 0:
            back = 7                       # "last Friday" on a Friday is a week ago
        found.append((m.start(), _back(ref, back), m.group(0)))
    for m in p["relative"].finditer(body):
        found.append((m.start(), _back(ref, -p["relative_days"][m.group(0).lower()]), m.group(0)))
    for m in p["days_ago"].finditer(body):
        n = m.group(1).lower()
        found.append((m.start(), _back(ref, int(p["numbers"].get(n, n))), m.group(0)))
    periods = []
    for m in p["month_year"].finditer(body):
        if not any(m.start() <= f < m.end() for f, _, _ in found):
            month = p["months"][m.group(1).lower()]
            # "in early November": the latest such month on or before the report date
            year = int(m.group(2)) if m.group(2) else ref.year - (month > ref.month)
            if year >= 1:
                periods.append((m.start(), f"{year:04d}-{month:02d}", m.group(0)))
    for m in p["year"].finditer(body):
        periods.append((m.start(), m.group(1), m.group(0)))
    # a period is a date only where it has begun by the report date ("in 2026" in a 2025 report is none)
    found += [(f, iso, words) for f, iso, words in periods if iso <= ref.isoformat()[:len(iso)]]
    return tuple(sorted(found, key=lambda x: x[0]))


def dates_in(body: str, report_date: str) -> tuple[tuple[int, date], ...]:
    """(offset in body, date) of every day a date expression in body names, resolved against the
    report date (a month or a year alone names no day and is left out)."""
    return tuple((f, d) for f, d, _ in _scan(body, report_date) if isinstance(d, date) and d is not _OFF_CALENDAR)


def event_date(text: str, sent: Sentence, pos: int, report_date: str,
               warnings: list[str] | None = None) -> str | None:
    """ISO date of the date expression in sent nearest to pos, or None.

    An expression whose date the calendar cannot hold is left out, with a warning in ``warnings``."""
    found = _scan(text[sent.start:sent.end], report_date)
    if warnings is not None:
        for _, d, words in found:
            warning = (f"{words!r} counted from the report date {report_date} falls outside the calendar "
                       "(years 1 to 9999): its claims have no event date; check the report's date")
            if d is _OFF_CALENDAR and warning not in warnings:
                warnings.append(warning)
    found = [(f, d) for f, d, _ in found if d is not _OFF_CALENDAR]
    if not found:
        return None
    nearest = min(found, key=lambda f: abs(sent.start + f[0] - pos))[1]
    return nearest if isinstance(nearest, str) else nearest.isoformat()
