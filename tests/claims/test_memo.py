"""The claims stage's answers about its own patterns, kept on disk between processes (claims.memo)."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from frontmap.claims import memo

TEXT = "date 2025-11-20\n\nRussian forces took Kupiansk, the ministry said. Kyiv denied it.\n"
# what a fresh process finds in its table before and after extracting a report
PROBE = ("import sys, json, frontmap; from frontmap.claims import memo; before = len(memo._load()); "
         "e = frontmap.extract(sys.argv[1]); "
         "print(json.dumps([before, len(memo._load()), [c.to_dict() for c in e.claims]]))")


def _run(cache, text=TEXT, **extra):
    env = {**os.environ, "FRONTMAP_CACHE": str(cache), **extra}
    out = subprocess.run([sys.executable, "-c", PROBE, text], capture_output=True, text=True, env=env, check=True)
    return json.loads(out.stdout)


def test_answers_are_worked_out_once_then_read_back_by_the_next_process(tmp_path):
    before, after, claims = _run(tmp_path)
    assert before == 0 and after > 100                      # checks, gates and heads of every cue
    assert len(list(tmp_path.glob("claims-*.marshal"))) == 1
    again = _run(tmp_path)
    assert again[0] == after and again[2] == claims          # read back, same claims


def test_a_damaged_cache_is_passed_over_and_replaced(tmp_path):
    _, _, claims = _run(tmp_path)
    (path,) = tmp_path.glob("claims-*.marshal")
    path.write_bytes(b"\x00not marshal at all")
    before, after, again = _run(tmp_path)
    assert before == 0 and again == claims and after > 100
    assert path.read_bytes()[:3] != b"\x00no"                # written whole again


def test_off_keeps_nothing(tmp_path):
    # where the cache would go without $FRONTMAP_CACHE: nothing is written there, or anywhere
    _, _, claims = _run("off", XDG_CACHE_HOME=str(tmp_path))
    assert not list(tmp_path.rglob("*")) and claims


def test_remembered_computes_once_per_key(monkeypatch, tmp_path):
    monkeypatch.setenv("FRONTMAP_CACHE", str(tmp_path))
    monkeypatch.setattr(memo, "_table", {})
    calls = []
    assert memo.remembered("test", ("a", 1), lambda: calls.append(1) or ("x",)) == ("x",)
    assert memo.remembered("test", ("a", 1), lambda: calls.append(1) or ("y",)) == ("x",)
    assert memo.remembered("test", ("a", 2), lambda: None) is None and len(calls) == 1
    assert memo.digest({"b": 1, "a": [2]}) == memo.digest({"a": [2], "b": 1})


def test_another_copy_of_the_code_keeps_its_own_file(tmp_path):
    other = tmp_path / "claims-0123456789-fedcba9876543210.marshal"     # another checkout's
    other.write_bytes(b"another copy")
    stale = tmp_path / f"{memo._prefix()}0000000000000000.marshal"       # this copy's older code
    stale.write_bytes(b"old code")
    _run(tmp_path)
    assert other.read_bytes() == b"another copy" and not stale.exists()
    assert len(list(tmp_path.glob(f"{memo._prefix()}*.marshal"))) == 1
