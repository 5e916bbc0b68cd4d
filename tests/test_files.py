"""Output files are written whole or not at all, and leave nothing behind (issue 15); names shown safely."""
from __future__ import annotations

import errno
import os

import pytest

from frontmap.errors import FrontmapError, MapError
from frontmap.files import json_names, report_name, shown_path, write_atomic


def full_disk(fd, data):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_full_disk_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "map.html"
    target.write_text("the old map", encoding="utf-8")
    monkeypatch.setattr(os, "write", full_disk)
    with pytest.raises(MapError) as err:
        write_atomic(target, "the new map" * 1000, error=MapError, what="map")
    assert "No space left" in str(err.value) and str(target) in str(err.value)
    assert target.read_text(encoding="utf-8") == "the old map"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.html"]


@pytest.mark.parametrize("failure", [KeyboardInterrupt, MemoryError])
def test_any_failure_while_writing_removes_the_temporary_file(tmp_path, monkeypatch, failure):
    def interrupted(fd, data):
        raise failure()
    monkeypatch.setattr(os, "write", interrupted)
    with pytest.raises(failure):
        write_atomic(tmp_path / "brief.html", b"x" * 10)
    assert list(tmp_path.iterdir()) == []


def test_a_failed_rename_removes_the_temporary_file(tmp_path, monkeypatch):
    def refused(src, dst):
        raise OSError(errno.EXDEV, os.strerror(errno.EXDEV))
    monkeypatch.setattr(os, "replace", refused)
    with pytest.raises(FrontmapError, match="brief.html"):
        write_atomic(tmp_path / "brief.html", b"x")
    assert list(tmp_path.iterdir()) == []


def test_a_written_file_has_the_usual_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        path = write_atomic(tmp_path / "a" / "map.html", "ok", mkdir=True)
    finally:
        os.umask(old)
    assert path.read_text(encoding="utf-8") == "ok" and (path.stat().st_mode & 0o777) == 0o644


def test_names_that_are_not_utf8_are_shown_with_their_bytes():
    odd = os.fsdecode(b"reports/caf\xe9.txt")
    assert shown_path(odd) == "reports/caf\\xe9.txt" and report_name(odd) == "caf\\xe9.txt"
    assert shown_path("Київ.txt") == "Київ.txt" and shown_path(b"caf\xe9") == "caf\\xe9"
    assert json_names('{"path": "%s"}' % odd) == '{"path": "reports/caf\\udce9.txt"}'
    assert shown_path(odd).encode("utf-8")             # any output can hold it
