"""The gazetteer's parsed tables cached on disk (frontmap.gazetteer.cache): the same gazetteer,
read faster, never stale, never in the way."""
from __future__ import annotations

import os
import shutil

import pytest

from frontmap.gazetteer.store import Gazetteer, data_dir


@pytest.fixture
def folder(tmp_path):
    """A copy of the shipped gazetteer that the test may touch."""
    copy = tmp_path / "gazetteer"
    copy.mkdir()
    for name in ("meta.json", "entries.tsv.gz", "names.tsv.gz"):
        shutil.copy2(data_dir() / name, copy / name)
    return copy


def same(a: Gazetteer, b: Gazetteer) -> bool:
    return (a._rows == b._rows and a._index == b._index
            and a.names(a._rows[0][0]) == b.names(b._rows[0][0]) and a._names_of_row(7) == b._names_of_row(7))


def test_a_second_load_reads_the_cache_and_gives_the_same_gazetteer(folder, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("FRONTMAP_CACHE", str(cache))
    first = Gazetteer.load(folder, overrides=False)
    (kept,) = cache.iterdir()
    kept.write_bytes(kept.read_bytes())                 # the file is what the next load reads:
    os.utime(kept, (1, 1))
    second = Gazetteer.load(folder, overrides=False)
    assert same(first, second)
    monkeypatch.setenv("FRONTMAP_CACHE", "off")
    assert same(Gazetteer.load(folder, overrides=False), second)
    assert list(cache.iterdir()) == [kept]


def test_a_rebuilt_gazetteer_replaces_its_cache_and_a_damaged_cache_is_passed_over(folder, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("FRONTMAP_CACHE", str(cache))
    Gazetteer.load(folder, overrides=False)
    (old,) = cache.iterdir()
    entries = folder / "entries.tsv.gz"
    os.utime(entries, ns=(entries.stat().st_atime_ns, entries.stat().st_mtime_ns + 10**9))   # "rebuilt"
    fresh = Gazetteer.load(folder, overrides=False)
    (new,) = cache.iterdir()
    assert new != old and len(fresh) > 1000
    new.write_bytes(b"\x00junk")
    assert same(Gazetteer.load(folder, overrides=False), fresh)          # read from the files again
    assert new.stat().st_size > 1000                                      # and the cache mended


def test_a_cache_folder_that_cannot_be_written_changes_nothing(folder, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("FRONTMAP_CACHE", str(blocker / "cache"))
    assert len(Gazetteer.load(folder, overrides=False)) > 1000


def test_overrides_apply_over_cached_tables(folder, tmp_path, monkeypatch):
    monkeypatch.setenv("FRONTMAP_CACHE", str(tmp_path / "cache"))
    Gazetteer.load(folder, overrides=False)
    overrides = tmp_path / "o.tsv"
    kupiansk = Gazetteer.load(folder, overrides=False).find("Kupiansk")[0].entry
    overrides.write_text(f"alias\tQqzzcachealias\t{kupiansk.id}\n", encoding="utf-8")
    gaz = Gazetteer.load(folder, overrides=overrides)
    assert [m.entry.id for m in gaz.lookup("Qqzzcachealias")] == [kupiansk.id]
    assert "Qqzzcachealias" in [n[0] for n in gaz.names(kupiansk.id)]
    assert Gazetteer.load(folder, overrides=False).lookup("Qqzzcachealias") == []    # the cache kept no override


def test_a_cached_gazetteer_tags_spellings_without_reading_every_rows_names(folder, tmp_path, monkeypatch):
    # the names of every row are the largest table and few runs ask for them: tag() reads the
    # index, and names() reads them from the cache when first asked
    monkeypatch.setenv("FRONTMAP_CACHE", str(tmp_path / "cache"))
    Gazetteer.load(folder, overrides=False)
    cached = Gazetteer.load(folder, overrides=False)
    monkeypatch.setenv("FRONTMAP_CACHE", "off")
    built = Gazetteer.load(folder, overrides=False)
    for row in (0, 7, len(cached) // 2, len(cached) - 1):
        id = cached._rows[row][0]
        for spelling, tag, _ in built.names(id):
            assert cached.tag(id, spelling) == next(t for s, t, _ in built.names(id) if s == spelling)
        assert cached.tag(id, "no such spelling") is None
    assert isinstance(cached._names_of, bytes)          # still unread
    assert cached.names(cached._rows[7][0]) == built.names(built._rows[7][0])
    assert isinstance(cached._names_of, dict)
