"""Output files, written whole or not at all; file names shown safely.

Maps, pictures and briefs are written to a hidden temporary file beside the
target and renamed over it, so a failure (a full disk, a killed run) never
leaves half a file where a reader expects a whole one, nor the temporary file.

A file name need not be UTF-8: Python keeps the bytes it cannot decode as
surrogate escapes, which no UTF-8 output can hold.  :func:`shown_path` spells
them ``\\xNN`` wherever a name is shown; the ledger keeps the name as given.
"""
from __future__ import annotations

import os
import re
import secrets
from pathlib import Path

from frontmap.errors import FrontmapError

_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape(m: re.Match) -> str:
    code = ord(m.group(0))
    return f"\\x{code - 0xdc00:02x}" if 0xdc80 <= code <= 0xdcff else f"\\u{code:04x}"


def shown_path(path: str | os.PathLike) -> str:
    """``path`` as text any output can hold: a byte that is not UTF-8 becomes ``\\xNN``."""
    text = os.fspath(path)
    if isinstance(text, bytes):
        text = os.fsdecode(text)
    return text if text.isascii() or not _SURROGATE.search(text) else _SURROGATE.sub(_escape, text)


def json_names(text: str) -> str:
    """JSON text with a file name's surrogate escapes as JSON ``\\uNNNN`` escapes: the text is UTF-8,
    and a JSON reader gets the name back as it was."""
    return text if text.isascii() or not _SURROGATE.search(text) else \
        _SURROGATE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def report_name(path: str) -> str:
    """The file name of a report's path, as shown in maps, briefs and tables."""
    return shown_path(os.path.basename(path))


def write_atomic(path: str | Path, data: bytes | str, *, error: type[FrontmapError] = FrontmapError,
                 what: str = "", fix: str = "pass another --out", mkdir: bool = False) -> Path:
    """Write ``data`` (str as UTF-8) to ``path``; on failure raise ``error`` naming the file and ``fix``.

    The temporary file is removed on every way out that is not the rename: a full disk, a
    refused rename, an interrupt.  Its name is unique, so two runs never share one."""
    path = Path(path)
    payload = data.encode("utf-8", "backslashreplace") if isinstance(data, str) else data
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
    made = False
    try:
        if mkdir:
            path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        made = True
        try:
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)
        os.replace(tmp, path)
        made = False
    except OSError as exc:
        raise error(f"cannot write {what}{' ' if what else ''}{str(path)!r}: {exc.strerror or exc}; "
                    f"{fix}") from None
    finally:
        if made:
            try:
                tmp.unlink(missing_ok=True)
            except OSError:
                pass
    return path
