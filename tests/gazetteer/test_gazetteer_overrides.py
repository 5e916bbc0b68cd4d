"""A user's overrides file adds and corrects places and aliases; look-ups say
which source answered; a bad line is reported with its fix."""
import pytest

from frontmap.errors import GazetteerError
from frontmap.gazetteer.store import Gazetteer, default_overrides


def _write(tmp_path, *lines):
    path = tmp_path / "overrides.tsv"
    path.write_text("\n".join("\t".join(cells) for cells in lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def kupiansk_id():
    return Gazetteer.load(overrides=False).lookup("Kupiansk", kinds=("settlement",))[0].entry.id


def test_alias_and_new_place(tmp_path, kupiansk_id):
    path = _write(tmp_path,
                  ("# my corrections",),
                  ("action", "name", "target", "kind", "lat", "lon", "oblast"),
                  ("alias", "Kupik", kupiansk_id),
                  ("place", "Hill 204", "", "other", "48.6012", "37.9011", "Donetsk"))
    gaz = Gazetteer.load(overrides=path)
    (m,) = gaz.lookup("Kupik")
    assert m.entry.id == kupiansk_id and m.source == "overrides" and m.score == 1.0
    (hill,) = gaz.lookup("hill 204")
    assert hill.source == "overrides" and hill.entry.id == "user:hill-204"
    assert (hill.entry.kind, hill.entry.lat, hill.entry.lon, hill.entry.oblast) == \
        ("other", 48.6012, 37.9011, "Donetsk")
    # what the file does not touch still comes from the gazetteer
    assert {m.source for m in gaz.lookup("Kupyansk")} == {"gazetteer"}
    assert gaz.overrides == path


def test_correcting_an_entry_and_removing_an_alias(tmp_path, kupiansk_id):
    path = _write(tmp_path,
                  ("place", "Kupiansk", kupiansk_id, "", "49.7000", "37.6000", "", "", "", "", "27000"),
                  ("unalias", "Kupjansk", kupiansk_id))
    gaz = Gazetteer.load(overrides=path)
    e = gaz.get(kupiansk_id)
    assert (e.lat, e.lon, e.population, e.oblast, e.name) == (49.7, 37.6, 27000, "Kharkiv", "Kupiansk")
    assert all(m.source == "overrides" for m in gaz.lookup("Kupyansk") if m.entry.id == kupiansk_id)
    assert kupiansk_id not in {m.entry.id for m in gaz.lookup("Kupjansk")}


@pytest.mark.parametrize("line,message", [
    (("rename", "X", "gn:1"), "unknown action 'rename'"),
    (("alias", "Kupik", "gn:does-not-exist"), "no entry has id"),
    (("alias", "", "gn:1"), "name column is empty"),
    (("place", "Somewhere", "", "village", "48", "37"), "unknown kind 'village'"),
    (("place", "Somewhere", "", "settlement", "48,5", "37"), "lat '48,5' is not a number"),
    (("place", "Somewhere", "", "settlement", "48.5"), "needs lat and lon"),
    (("place", "Somewhere", "", "settlement", "48.5", "237"), "lon 237.0 is out of range"),
    (("unalias", "Qwertyville", "__KUPIANSK__"), "does not name"),
])
def test_bad_lines_are_reported_with_the_line_and_a_fix(tmp_path, kupiansk_id, line, message):
    line = tuple(kupiansk_id if c == "__KUPIANSK__" else c for c in line)
    path = _write(tmp_path, ("alias", "Kupik", kupiansk_id), line)
    with pytest.raises(GazetteerError) as err:
        Gazetteer.load(overrides=path)
    text = str(err.value)
    assert message in text and f"{path}:2:" in text and repr("\t".join(line)) in text
    assert "README" in text


def test_missing_overrides_file_is_an_error(tmp_path):
    with pytest.raises(GazetteerError, match="does not exist"):
        Gazetteer.load(overrides=tmp_path / "nope.tsv")


def test_default_overrides_location(tmp_path, monkeypatch):
    monkeypatch.setenv("FRONTMAP_OVERRIDES", str(tmp_path / "o.tsv"))
    assert default_overrides() == tmp_path / "o.tsv"
    monkeypatch.delenv("FRONTMAP_OVERRIDES")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert default_overrides() is None
    (tmp_path / ".config" / "frontmap").mkdir(parents=True)
    (tmp_path / ".config" / "frontmap" / "overrides.tsv").write_text("", encoding="utf-8")
    assert default_overrides() == tmp_path / ".config" / "frontmap" / "overrides.tsv"
