"""The date a sentence gives for an event: "on November 20", "26 September", "on Thursday".

Dates without a year take the report's year (the year before if that would put
them in the report's future); weekdays are the latest such day on or before
the report date.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache

from frontmap.claims_lexicon import raw_cues
from frontmap.sentences import Sentence


@cache
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, dict[str, int], dict[str, int]]:
    d = raw_cues()["dates"]
    months = {m: i + 1 for i, m in enumerate(d["months"])}
    months.update(d["month_abbr"])
    month_rx = "|".join(sorted((m.capitalize() for m in months), key=len, reverse=True))
    weekdays = {w: i for i, w in enumerate(d["weekdays"])}
    day_month = re.compile(rf"\b(\d{{1,2}})(?:\s*[-–]\s*\d{{1,2}})?(?:st|nd|rd|th)?\s+(?:of\s+)?({month_rx})\.?(?:,?\s+(\d{{4}}))?\b")
    month_day = re.compile(rf"\b({month_rx})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?")
    weekday = re.compile(r"\b(" + "|".join(w.capitalize() for w in weekdays) + r")\b")
    return day_month, month_day, weekday, months, weekdays


def _resolve(day: int, month: int, year: str | None, ref: date) -> date | None:
    try:
        if year:
            return date(int(year), month, day)
        d = date(ref.year, month, day)
        return date(ref.year - 1, month, day) if d > ref + timedelta(days=2) else d
    except ValueError:
        return None


def event_date(text: str, sent: Sentence, pos: int, report_date: str) -> str | None:
    """ISO date of the date expression in sent nearest to pos, or None."""
    try:
        ref = date.fromisoformat(report_date)
    except (TypeError, ValueError):
        return None
    day_month, month_day, weekday, months, weekdays = _patterns()
    found: list[tuple[int, date]] = []
    body = text[sent.start:sent.end]
    for m in day_month.finditer(body):
        d = _resolve(int(m.group(1)), months[m.group(2).lower()], m.group(3), ref)
        if d:
            found.append((sent.start + m.start(), d))
    for m in month_day.finditer(body):
        if any(sent.start + m.start() <= f < sent.start + m.end() for f, _ in found):
            continue
        d = _resolve(int(m.group(2)), months[m.group(1).lower()], m.group(3), ref)
        if d:
            found.append((sent.start + m.start(), d))
    for m in weekday.finditer(body):
        at = sent.start + m.start()
        if any(abs(at - f) < 12 for f, _ in found):
            continue                       # "Monday, November 20": the explicit date wins
        wd = weekdays[m.group(1).lower()]
        found.append((at, ref - timedelta(days=(ref.weekday() - wd) % 7)))
    if not found:
        return None
    return min(found, key=lambda f: abs(f[0] - pos))[1].isoformat()
