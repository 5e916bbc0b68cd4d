"""What the claims stage works out from its packaged patterns, kept on disk between processes.

Checking the data files (each regex compiled and parsed for nested repeats) and working out each
cue's gate strings and heads (re's parser walked in Python) cost a few tenths of a second at
every start, with the same answers for the same patterns every time.  The answers are kept in one
``marshal`` file in the gazetteer's cache folder (``$FRONTMAP_CACHE``, ``off`` for none), keyed by
the pattern (or the data file's digest) and stamped with a fingerprint of the code that computes
them and the Python version, so changed code never reads a stale answer.  Each copy of the code
(by its folder) has its own file, and replaces only its own older ones: two checkouts sharing a
cache folder do not delete each other's.  A cache that cannot be
read or written is passed over: the answers are then worked out as before.
"""
from __future__ import annotations

import atexit
import hashlib
import json
import marshal
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from frontmap.gazetteer.cache import cache_dir

VERSION = 1
_HERE = Path(__file__).resolve().parent
# the modules whose code decides the answers: a change to any of them is a new cache
_CODE = (_HERE / "scan.py", _HERE / "gates.py", _HERE / "lexicon.py", _HERE.parent / "resources.py")

_table: dict | None = None
_dirty = False


def _stamp() -> str:
    parts = [str(VERSION), sys.version]
    for f in _CODE:
        st = os.stat(f)
        parts.append(f"{f.name}:{st.st_size}:{st.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def _prefix() -> str:
    """The start of the name of every cache file of this copy of the code: another checkout or
    install (a second worktree, a released copy beside a development one) keeps its own."""
    return f"claims-{hashlib.sha256(str(_HERE).encode('utf-8', 'surrogateescape')).hexdigest()[:10]}-"


def _path() -> Path | None:
    where = cache_dir()
    if where is None:
        return None
    try:
        return where / f"{_prefix()}{_stamp()}.marshal"
    except OSError:
        return None


def _load() -> dict:
    global _table
    if _table is None:
        _table = {}
        path = _path()
        if path is not None:
            try:
                data = marshal.loads(path.read_bytes())
                if isinstance(data, dict):
                    _table = data
            except (OSError, EOFError, ValueError, TypeError):
                pass
        atexit.register(_save)
    return _table


def remembered(kind: str, key: Any, compute: Callable[[], Any]) -> Any:
    """compute()'s answer for (kind, key), from the cache when it holds one.  The answer must be
    data marshal can keep (str, numbers, None, tuples, frozensets...)."""
    global _dirty
    table = _load()
    k = (kind, key)
    if k in table:
        return table[k]
    value = table[k] = compute()
    _dirty = True
    return value


def digest(data: Any) -> str:
    """A fingerprint of a data file's parsed content."""
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _save() -> None:
    """Write the table if this process added to it (at exit); whole or not at all."""
    global _dirty
    if not _dirty or _table is None:
        return
    path = _path()
    if path is None:
        return
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob(f"{_prefix()}*.marshal"):
            if old != path:
                old.unlink(missing_ok=True)         # written by this copy's older code: never read again
        tmp.write_bytes(marshal.dumps(_table))
        os.replace(tmp, path)
        _dirty = False
    except (OSError, ValueError):
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
