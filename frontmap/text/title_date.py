"""A report's date from its title line, when it has no date line ("Russian Offensive Campaign
Assessment, June 3, 2025"): assessments and digests carry their day in the title.

Only the first line of text is read, and only a single full date there (day, month and year):
a title naming two dates, or a month and year alone, gives none.  The reader warns when it uses
one, so the analyst sees where the date came from.
"""
from __future__ import annotations

import datetime as _dt
import re

# Month names are matched as words and read by strptime (%B / %b), so no list of them lives here.
_DATE = re.compile(r"(?<![\w-])(?:(?P<mdy>[A-Z][a-z]{2,8}\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4})"
                   r"|(?P<dmy>\d{1,2}(?:st|nd|rd|th)? [A-Z][a-z]{2,8}\.?,? \d{4})"
                   r"|(?P<iso>\d{4}-\d{2}-\d{2})|(?P<dots>\d{1,2}\.\d{1,2}\.\d{4}))(?![\w-])")
_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b")
_FORMATS = {"mdy": ("%B %d %Y", "%b %d %Y"), "dmy": ("%d %B %Y", "%d %b %Y"), "iso": ("%Y-%m-%d",),
            "dots": ("%d.%m.%Y",)}
MAX_TITLE = 200     # characters: a longer first line is prose, not a title


def title_date(text: str) -> tuple[str, str] | None:
    """(YYYY-MM-DD, the title line) when the first non-empty line is a title with one full date."""
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    line = line.lstrip("#").strip()
    if not line or len(line) > MAX_TITLE:
        return None
    found = [m for m in _DATE.finditer(line)]
    if len(found) != 1:
        return None
    kind = found[0].lastgroup
    raw = _ORDINAL.sub("", found[0].group(kind)).replace(",", "").replace(".", "" if kind != "dots" else ".")
    for fmt in _FORMATS[kind]:
        try:
            return _dt.datetime.strptime(raw, fmt).date().isoformat(), line
        except ValueError:
            continue
    return None
