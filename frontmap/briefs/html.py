"""A brief as one self-contained HTML page, its map inline (or a picture of it).

The map page's styles, scripts and elements go into the brief itself
(:func:`frontmap.render.embed.inline_fragment`), not into an ``<iframe>``: its scripts run while
the brief is parsed, so the map is drawn before the load event and shows in a plain
``chromium --headless --screenshot`` or a print, and stays interactive where scripts run.  The
brief works offline (every asset inlined).  The brief's own rules apply to its own elements only
(``body > ...``), the map's to the map's classes and ids.  Every string from a report is escaped;
the only scripts are the map's.
"""
from __future__ import annotations

import base64
import html
import re

from frontmap.briefs.collect import Brief, Section, words
from frontmap.render.embed import inline_fragment

_STYLE = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #222;
  max-width: 1280px; margin: 1.5em auto; padding: 0 1em; }
body > h1 { font-size: 1.6em; margin: 0 0 .2em; } body > h2 { margin-top: 1.6em; border-bottom: 1px solid #ddd; }
body > h3 { margin: 1.2em 0 .4em; font-size: 1.05em; }
body > .summary, body > .note, body > figure > figcaption, body > .attribution { color: #444; }
body > figure { margin: 1em 0; } body > figure > .frontmap-inline { width: 100%; border: 1px solid #bbb; }
body > table { border-collapse: collapse; width: 100%; font-size: 13px; margin: .4em 0 1em; }
body > table th, body > table td { border: 1px solid #ccc; padding: 4px 7px; text-align: left; vertical-align: top;
  overflow-wrap: break-word; }
body > table th { background: #f3f3f3; } body > table td.date { white-space: nowrap; } body > table tr:nth-child(even) td { background: #fafafa; }
.frontmap-picture { width: 100%; height: auto; border: 1px solid #bbb; display: block; }
@media print { body { max-width: none; margin: 0; font-size: 11px; } body > figure { break-inside: avoid; }
  .frontmap-picture { width: auto; max-width: 100%; max-height: 140mm; margin: 0 auto; }
  body > figure > figcaption { text-align: center; }
  body > table tr { break-inside: avoid; } body > table thead { display: table-header-group; }
  body > h2, body > h3 { break-after: avoid; } }
"""


def esc(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _cell(value: object) -> str:
    """A table cell; a date is never broken at its hyphens."""
    text = "" if value is None else str(value)
    return f'<td class="date">{esc(text)}</td>' if _DATE.fullmatch(text) else f"<td>{esc(text)}</td>"


def section_html(section: Section) -> str:
    parts = [f"<h{section.level}>{esc(section.title)}</h{section.level}>"]
    if section.note:
        parts.append(f'<p class="note">{esc(section.note)}</p>')
    if section.rows:
        head = "".join(f'<th scope="col">{esc(c)}</th>' for c in section.columns)
        body = "".join("<tr>" + "".join(_cell(cell) for cell in row) + "</tr>" for row in section.rows)
        parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
    elif section.empty:
        parts.append(f'<p class="empty">{esc(section.empty)}</p>')
    return "\n".join(parts)


def render_brief_html(brief: Brief, *, height: int = 640, png: bytes | None = None) -> str:
    """The whole brief, one file: the map inline (``height`` pixels tall), then every section's
    table.  With ``png`` the map is that static picture instead (for PDF and mail readers: no
    script at all)."""
    if png is None:
        frame = inline_fragment(brief.map_html, title=brief.map_caption(), height=height)
    else:
        frame = (f'<img class="frontmap-picture" alt="{esc(brief.map_caption())}" '
                 f'src="data:image/png;base64,{base64.b64encode(png).decode("ascii")}">')
    body = "\n".join(section_html(s) for s in brief.sections)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(brief.title)}</title>\n<style>{_STYLE}</style>\n</head><body>\n"
        f"<h1>{esc(brief.title)}</h1>\n<p class=\"summary\">{esc(brief.summary)}</p>\n"
        f"<h2>{esc(words()['sections']['map'])}</h2>\n"
        f"<figure>{frame}<figcaption>{esc(brief.map_caption())}</figcaption></figure>\n"
        f"{body}\n<h2>{esc(words()['sections']['attribution'])}</h2>\n"
        f'<p class="attribution">{esc(brief.attribution)}</p>\n</body></html>\n')
