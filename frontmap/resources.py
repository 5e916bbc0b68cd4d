"""The one loader for the data files packaged in ``frontmap/data/<stage>/``.

Every stage reads its word lists, weights and assets through here, so a file
that is missing or malformed always gives the same message naming it and the fix.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files
from typing import Any

from frontmap.errors import DataError

_FIX = "reinstall frontmap (pip install --force-reinstall .) or restore the file from the repository"


@lru_cache(maxsize=None)
def data_text(name: str) -> str:
    """The text of ``frontmap/data/<name>``, e.g. ``data_text("render/map.css")``."""
    try:
        return files("frontmap").joinpath("data", *name.split("/")).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"packaged data file 'frontmap/data/{name}' cannot be read "
                        f"({exc.__class__.__name__}: {exc}); {_FIX}") from None


@lru_cache(maxsize=None)
def load_json(name: str) -> Any:
    """``frontmap/data/<name>`` parsed as JSON, once per process.  Callers must not mutate it."""
    text = data_text(name)
    try:
        return json.loads(text)
    except ValueError as exc:
        raise DataError(f"packaged data file 'frontmap/data/{name}' is not valid JSON ({exc}); "
                        f"{_FIX}") from None
