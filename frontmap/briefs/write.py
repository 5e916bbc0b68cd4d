"""Write a brief to a file: the ending of the name picks the format.

.html is one self-contained page, the interactive map inline; .md, .docx and .pdf carry a PNG of the map taken in
headless Chromium (:mod:`frontmap.render.snapshot`); .pdf is the HTML brief with that picture,
printed by Chromium.
"""
from __future__ import annotations

from pathlib import Path

from frontmap.briefs.collect import DEFAULT_HEIGHT, DEFAULT_WIDTH, collect_brief
from frontmap.errors import FrontmapError
from frontmap.files import write_atomic
from frontmap.ledger.store import Ledger

WRITERS = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown", ".docx": "docx",
           ".pdf": "pdf"}


def brief_format(out: str | Path) -> str:
    """"html" | "markdown" | "docx" | "pdf", from the file name's ending."""
    suffix = Path(out).suffix.lower()
    if suffix not in WRITERS:
        raise FrontmapError(f"cannot write a brief to {str(out)!r}: its name must end in "
                            f"{', '.join(sorted(WRITERS))} (the ending picks the format)")
    return WRITERS[suffix]


def write_brief(ledger: Ledger, date: str, out: str | Path, *, width: int = DEFAULT_WIDTH,
                height: int = DEFAULT_HEIGHT, attribution: str | None = None,
                reference=None, png: bytes | None = None, warn=None, static_map: bool = False) -> list[Path]:
    """Write the brief of ``date`` to ``out`` (.html, .md or .docx); return the files written.

    .md and .docx carry a PNG of the map, taken in headless Chromium at ``width`` x ``height``
    (``png``: one already taken); the .md links it from a file beside it.  ``reference`` and
    ``warn``: see :func:`frontmap.briefs.collect.collect_brief`.  ``static_map``: an .html brief
    carries the map as that picture instead of the interactive map inline (for a reader that runs
    no script: a mail reader).
    """
    fmt = brief_format(out)
    out = Path(out)
    if out.is_dir():
        raise FrontmapError(f"brief path {str(out)!r} is a folder: pass a file name such as brief{out.suffix}")
    brief = collect_brief(ledger, date, attribution=attribution, reference=reference, warn=warn)
    if fmt == "html" and not static_map:
        from frontmap.briefs.html import render_brief_html
        return [_write(out, render_brief_html(brief, height=height).encode("utf-8"))]
    if png is None:
        from frontmap.render.snapshot import map_png
        png = map_png(brief.map_html, width=width, height=height)
    if fmt in ("html", "pdf"):             # the map as a picture; a PDF is that page printed by Chromium
        from frontmap.briefs.html import render_brief_html
        from frontmap.render.snapshot import page_pdf
        page = render_brief_html(brief, height=height, png=png)
        return [_write(out, page.encode("utf-8") if fmt == "html" else page_pdf(page))]
    if fmt == "markdown":
        from frontmap.briefs.markdown import render_brief_markdown
        image = _write(out.with_name(f"{out.stem}.png"), png)
        return [_write(out, render_brief_markdown(brief, image.name).encode("utf-8")), image]
    from frontmap.briefs.docx import render_brief_docx
    return [_write(out, render_brief_docx(brief, png, width=width, height=height))]


def _write(path: Path, data: bytes) -> Path:
    return write_atomic(path, data, mkdir=True)
