"""The world's towns in one read-only file: the same answers as the in-memory gazetteer, at a fraction of the cost."""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import pytest
from geopy.location import Location

from strikes.data import townindex
from strikes.data.gazetteer import GeoNamesGazetteer, name_key
from strikes.data.townindex import TownIndex


def ids(found: Any) -> list[int]:
    return [] if found is None else [location.raw["geonameid"] for location in found]


@pytest.mark.parametrize("country", ["BY", "LT", "FR"])
def test_every_name_finds_the_towns_the_gazetteer_finds_in_its_order(country: str) -> None:
    """Every folded name GeoNames gives a town of the country, asked of both: the same towns, ranked alike."""
    gazetteer, index = GeoNamesGazetteer(country_codes=(country,)), TownIndex(country)
    names = sorted(gazetteer._index)
    assert len(names) > 500
    differ = [
        n for n in names if ids(index.geocode(n, exactly_one=False)) != ids(gazetteer.geocode(n, exactly_one=False))
    ]
    assert differ == []


def test_a_state_picks_among_namesakes_as_the_gazetteer_does() -> None:
    gazetteer, index = GeoNamesGazetteer(), TownIndex("BY")
    for query in (
        {"city": "Kirovsk", "state": "Mogilev"},
        {"city": "Kirovsk", "state": "Vitebsk"},
        {"city": "Minsk", "state": "Minsk City"},
        {"city": "Minsk", "state": "Nowhere"},
    ):
        mine, theirs = index.geocode(query), gazetteer.geocode(query)
        assert isinstance(mine, Location) and isinstance(theirs, Location)
        assert mine.raw["geonameid"] == theirs.raw["geonameid"], query
        assert (mine.address, mine.point) == (theirs.address, theirs.point)


def test_a_town_is_found_only_in_its_own_country() -> None:
    assert TownIndex("FR").geocode("Brest").longitude < 0  # type: ignore[union-attr]
    assert TownIndex("BY").geocode("Brest").longitude > 23  # type: ignore[union-attr]
    assert TownIndex("BY").geocode("Atlantis") is None
    assert TownIndex("ZZ").geocode("Minsk") is None


def test_the_index_asks_no_server_and_makes_no_ssl_context() -> None:
    index = TownIndex("BY")
    assert isinstance(index.adapter, townindex.NoNetwork)
    with pytest.raises(Exception, match="asks no server"):
        index.adapter.get_json("https://example.org/", timeout=1, headers={})


def test_the_file_is_compact_and_opened_read_only() -> None:
    path = townindex.ensure()
    assert path.stat().st_size < 60 * 2**20
    connection = townindex._connection(path)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        connection.execute("DELETE FROM towns")
    assert townindex.built_from(path) == townindex.source_version()


def test_a_stale_or_missing_file_is_rebuilt_by_a_process_of_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ensure() runs the builder as a command (the real build loads all of GeoNames, so here it is recorded)."""
    commands: list[list[str]] = []

    def run(command: list[str], check: bool) -> None:
        commands.append(command[1:])
        Path(command[-1]).unlink(missing_ok=True)  # as the build's rename replaces the file
        db = sqlite3.connect(command[-1])
        db.execute("CREATE TABLE meta (source TEXT)")
        db.execute("INSERT INTO meta VALUES (?)", (townindex.source_version(),))
        db.commit()
        db.close()

    monkeypatch.setattr(subprocess, "run", run)
    path = tmp_path / "towns.sqlite"
    assert townindex.built_from(path) is None
    townindex.ensure(path)
    assert commands == [["-m", "strikes.data.townindex", str(path)]]
    townindex.ensure(path)  # current: not built again
    assert len(commands) == 1
    stale = sqlite3.connect(path)
    stale.execute("UPDATE meta SET source = 'layout 0'")
    stale.commit()
    stale.close()
    townindex.ensure(path)
    assert len(commands) == 2


def test_name_keys_in_the_file_are_folded_as_the_gazetteer_folds_them() -> None:
    """Spelling variants meet in the file as in memory: Svietlahorsk ~ Svyetlahorsk, Мінск ~ МІНСК."""
    index = TownIndex("BY")
    for one, other in (("Svietlahorsk", "Svyetlahorsk"), ("Мінск", "МІНСК"), ("Hrodna", "HRODNA")):
        assert name_key(one) == name_key(other)
        assert ids(index.geocode(one, exactly_one=False)) == ids(index.geocode(other, exactly_one=False)) != []
