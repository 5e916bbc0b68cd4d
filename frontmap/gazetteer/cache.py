"""The built gazetteer's parsed tables kept on disk, so that a process starts without parsing them.

Parsing the two gzipped TSV files and building the reverse index of names and the suggestion
buckets costs about a second at every start; reading the same tables back with ``marshal`` costs a fraction of it.  The cache
lives in ``$FRONTMAP_CACHE`` (``off``: none), else ``$XDG_CACHE_HOME/frontmap`` or
``~/.cache/frontmap``.  Its file name holds a fingerprint of the gazetteer's files (path, size,
modification time), the file format and the Python version, so a rebuilt gazetteer or another
Python never reads a stale one.  A cache that cannot be read or written is passed over: the
gazetteer is then read from its files as before.  ``marshal`` holds data only (no code runs on
load).

The tables are a million containers that live as long as the process: once they are loaded, the
objects tracked so far are moved out of the cyclic collector's reach (``gc.freeze()``), or every
full collection would walk them all, in vain (about 0.2 s each, two in a one-report run), and
worker processes forked from this one would copy every page the collector touches.
"""
from __future__ import annotations

import gc
import hashlib
import marshal
import os
import sys
from collections.abc import Callable
from pathlib import Path

CACHE_ENV = "FRONTMAP_CACHE"
VERSION = 3                     # bump when the cached tables change shape
SOURCES = ("meta.json", "entries.tsv.gz", "names.tsv.gz")

# rows, index of name keys, names of each row (marshalled: most runs never ask, and reading them
# was a third of the load), suggestion buckets
Tables = tuple[list, dict, bytes, dict]


def cache_dir() -> Path | None:
    """Where the cache goes, or None when ``$FRONTMAP_CACHE`` is ``off``."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return None if env.lower() in ("off", "0", "no", "false") else Path(env).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "frontmap"


def _digest(parts: list[str], n: int) -> str:
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogateescape")).hexdigest()[:n]


def _file_name(folder: Path, format_version: int) -> tuple[str, str]:
    """(the prefix of every cache file of this folder, this version's file name)."""
    prefix = f"gazetteer-{_digest([str(folder.resolve())], 10)}-"
    parts = [str(VERSION), str(format_version), sys.version]
    for name in SOURCES:
        st = os.stat(folder / name)
        parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
    return prefix, f"{prefix}{_digest(parts, 16)}.marshal"


def load_tables(folder: Path, format_version: int, build: Callable[[], Tables]) -> Tables:
    """The tables of the gazetteer in ``folder``: from the cache when it holds them, else ``build()``
    (which raises for missing or damaged files), then kept for the next process."""
    where = cache_dir()
    if where is None:
        tables = build()
    else:
        try:
            prefix, name = _file_name(folder, format_version)
        except OSError:
            return build()          # a missing file: build() says which
        path = where / name
        tables = _read(path)
        if tables is None:
            tables = build()
            _write(path, tables, prefix)
    gc.freeze()                     # built ones too (read ones already are; a second freeze costs nothing)
    return tables


def _read(path: Path) -> Tables | None:
    try:
        tables = thaw(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    ok = (isinstance(tables, tuple) and len(tables) == 4 and isinstance(tables[0], list)
          and isinstance(tables[1], dict) and isinstance(tables[2], bytes) and isinstance(tables[3], dict))
    return tables if ok else None


def thaw(data: bytes):
    """marshal.loads(data), with the collector off while the containers are made and the result
    frozen out of its reach before it is on again (its next young collection would walk them all)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        out = marshal.loads(data)
        gc.freeze()
    finally:
        if enabled:
            gc.enable()
    return out


def _write(path: Path, tables: Tables, prefix: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob(f"{prefix}*.marshal"):
            old.unlink(missing_ok=True)         # the same folder's tables before a rebuild
        tmp.write_bytes(marshal.dumps(tables))
        os.replace(tmp, path)       # whole or not at all: a reader never sees half a file
    except (OSError, ValueError):
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
