"""A brief as GitHub-flavoured Markdown: the map as a PNG beside the file, then tables.

Report text goes into table cells with every Markdown and HTML special character
backslash-escaped (so ``|`` cannot split a cell and ``<img ...>`` stays text) and line
breaks turned into spaces (a table row is one line).
"""
from __future__ import annotations

import re
from urllib.parse import quote

from frontmap.briefs.collect import Brief, Section, words

# CommonMark lets a backslash escape any ASCII punctuation; these can make markup anywhere in a
# line, the others (# + - = 1.) only at its start.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&$])")
_LEADING = re.compile(r"^([#+\-=]|\d+[.)])")
_BREAKS = re.compile(r"[\r\n\u2028\u2029\x0b\x0c\x85]+")


def md_escape(value: object) -> str:
    """Text safe in a Markdown paragraph or table cell."""
    text = _BREAKS.sub(" ", "" if value is None else str(value))
    text = _SPECIAL.sub(r"\\\1", text.strip())
    # "1." -> "1\.": a backslash before a digit would show, before the dot it escapes it
    return _LEADING.sub(lambda m: m.group(1)[:-1] + "\\" + m.group(1)[-1], text, count=1)


def section_markdown(section: Section) -> str:
    lines = [f"{'#' * section.level} {md_escape(section.title)}", ""]
    if section.note:
        lines += [md_escape(section.note), ""]
    if section.rows:
        lines.append("| " + " | ".join(md_escape(c) for c in section.columns) + " |")
        lines.append("|" + "---|" * len(section.columns))
        lines += ["| " + " | ".join(md_escape(cell) for cell in row) + " |" for row in section.rows]
        lines.append("")
    elif section.empty:
        lines += [md_escape(section.empty), ""]
    return "\n".join(lines)


def render_brief_markdown(brief: Brief, image_name: str) -> str:
    """The brief's Markdown; ``image_name``: the map's PNG, a file beside the .md."""
    w = words()
    parts = [f"# {md_escape(brief.title)}", "", md_escape(brief.summary), "",
             f"## {md_escape(w['sections']['map'])}", "",
             f"![{md_escape(brief.map_caption())}]({quote(image_name)})", "",
             f"*{md_escape(brief.map_caption())}*", ""]
    parts += [section_markdown(s) for s in brief.sections]
    parts += [f"## {md_escape(w['sections']['attribution'])}", "", md_escape(brief.attribution), ""]
    return "\n".join(parts)
