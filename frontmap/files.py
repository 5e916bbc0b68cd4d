"""One way to write an output file: whole or not at all.

Maps, pictures and briefs are written to a hidden temporary file beside the
target and renamed over it, so a failure (a full disk, a killed run) never
leaves half a file where a reader expects a whole one, nor the temporary file.
"""
from __future__ import annotations

import os
from pathlib import Path

from frontmap.errors import FrontmapError


def write_atomic(path: str | Path, data: bytes | str, *, error: type[FrontmapError] = FrontmapError,
                 what: str = "", fix: str = "pass another --out", mkdir: bool = False) -> Path:
    """Write ``data`` (str as UTF-8) to ``path``; on failure raise ``error`` naming the file and ``fix``."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if mkdir:
            path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(payload)
        os.replace(tmp, path)
    except OSError as exc:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        raise error(f"cannot write {what}{' ' if what else ''}{str(path)!r}: {exc.strerror or exc}; "
                    f"{fix}") from None
    return path
