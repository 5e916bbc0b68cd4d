"""A brief as one self-contained HTML page, its map embedded as an ``<iframe srcdoc>``.

The map page goes into an iframe's ``srcdoc`` attribute, escaped, so the brief is one file that
works offline: the map keeps its own scripts and styles, and ``sandbox="allow-scripts"`` keeps
them apart from the page around it (a CMS, a newsletter).  Every string from a report is
escaped; the brief itself runs no script.
"""
from __future__ import annotations

import base64
import html

from frontmap.briefs.collect import Brief, Section, words
from frontmap.render.embed import embed_fragment

_STYLE = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #222;
  max-width: 1280px; margin: 1.5em auto; padding: 0 1em; }
h1 { font-size: 1.6em; margin: 0 0 .2em; } h2 { margin-top: 1.6em; border-bottom: 1px solid #ddd; }
h3 { margin: 1.2em 0 .4em; font-size: 1.05em; }
.summary, .note, figcaption, .attribution { color: #444; }
figure { margin: 1em 0; } .frontmap-embed { width: 100%; border: 1px solid #bbb; display: block; }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin: .4em 0 1em; }
th, td { border: 1px solid #ccc; padding: 4px 7px; text-align: left; vertical-align: top; overflow-wrap: break-word; }
th { background: #f3f3f3; } tr:nth-child(even) td { background: #fafafa; }
.frontmap-picture { width: 100%; height: auto; border: 1px solid #bbb; display: block; }
@media print { body { max-width: none; margin: 0; font-size: 11px; } figure { break-inside: avoid; }
  tr { break-inside: avoid; } thead { display: table-header-group; } h2, h3 { break-after: avoid; } }
"""


def esc(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def section_html(section: Section) -> str:
    parts = [f"<h{section.level}>{esc(section.title)}</h{section.level}>"]
    if section.note:
        parts.append(f'<p class="note">{esc(section.note)}</p>')
    if section.rows:
        head = "".join(f'<th scope="col">{esc(c)}</th>' for c in section.columns)
        body = "".join("<tr>" + "".join(f"<td>{esc(cell)}</td>" for cell in row) + "</tr>"
                       for row in section.rows)
        parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
    elif section.empty:
        parts.append(f'<p class="empty">{esc(section.empty)}</p>')
    return "\n".join(parts)


def render_brief_html(brief: Brief, *, height: int = 640, png: bytes | None = None) -> str:
    """The whole brief, one file: the map embedded, then every section's table.  With ``png``
    the map is that static picture instead (for print and PDF: nothing waits on a script)."""
    if png is None:
        frame = embed_fragment(brief.map_html, title=brief.title, height=height)
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
