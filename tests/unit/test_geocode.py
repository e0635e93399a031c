"""The geocoding chain and its cache, with fake geocoders: no test touches the network."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from geopy.exc import GeocoderUnavailable
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from strikes.data import geocode
from strikes.data.cache import GeoQuery, GeoResult, read_cache, write_cache
from strikes.data.gazetteer import GeoNamesGazetteer, haversine_km, name_key

# Belarus' extent, with a little slack at the edges.
BELARUS_BBOX = (51.2, 56.2, 23.1, 32.8)


def one(found: object) -> Location:
    """The one place a geocoder answered (its None or list would be a failure here)."""
    assert isinstance(found, Location), found
    return found


class FakeSiteGeocoder(Geocoder):
    """Answers every query with one fixed place, and counts the calls."""

    def __init__(self, answer: Location | None = None, error: Exception | None = None) -> None:
        super().__init__()
        self.answer, self.error, self.calls = answer, error, 0

    def geocode(self, query: Any, **kwargs: Any) -> Location | None:
        self.calls += 1
        if self.error is not None:
            raise self.error
        return self.answer


class CountingGazetteer(GeoNamesGazetteer):
    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def geocode(self, query: Any, **kwargs: Any) -> Any:
        self.calls += 1
        return super().geocode(query, **kwargs)


@pytest.fixture(scope="module")
def gazetteer() -> GeoNamesGazetteer:
    return GeoNamesGazetteer()


def _factory(lat: float, lon: float, cls: str = "man_made") -> Location:
    return Location("A plant, Lida", (lat, lon), {"class": cls, "type": "works"})


LIDA = GeoQuery(town="Lida", oblast="Grodno", site="Lakokraska, Lida")
MINSK = GeoQuery(town="Minsk", oblast="Minsk City", site="Minsk Tractor Works, Minsk")


def _chain(
    site: Geocoder | None,
    town: Geocoder | None = None,
    warnings: list[str] | None = None,
    curated: dict[str, GeoResult] | None = None,
) -> geocode.Chain:
    sink = warnings if warnings is not None else []
    return geocode.Chain(
        town or GeoNamesGazetteer(),
        site,
        min_delay_seconds=0,
        warn=sink.append,
        curated=geocode.CuratedGeocoder(curated or {}),
    )


# --- the offline gazetteer ------------------------------------------------------------


def test_gazetteer_is_a_geopy_geocoder_returning_locations(gazetteer: GeoNamesGazetteer) -> None:
    found = gazetteer.geocode("Grodno")
    assert isinstance(gazetteer, Geocoder) and isinstance(found, Location)
    assert (found.latitude, found.longitude) == (53.6758, 23.82887)
    assert found.address == "Hrodna, Grodno, BY"


@pytest.mark.parametrize(
    ("spelling", "geonameid"),
    [
        ("Svietlahorsk", 621074),
        ("Svetlogorsk", 621074),
        ("Salihorsk", 622428),
        ("Soligorsk", 622428),
        ("Babruysk", 630468),
        ("Bobruisk", 630468),
        ("Homyel'", 627907),
        ("Gomel", 627907),
        ("Мінск", 625144),
        ("Минск", 625144),
        ("Салігорск", 622428),
    ],
)
def test_gazetteer_accepts_transliteration_variants(
    gazetteer: GeoNamesGazetteer, spelling: str, geonameid: int
) -> None:
    assert one(gazetteer.geocode(spelling)).raw["geonameid"] == geonameid


def test_gazetteer_disambiguates_by_oblast_then_population(gazetteer: GeoNamesGazetteer) -> None:
    everywhere = gazetteer.geocode("Minsk", exactly_one=False)
    assert isinstance(everywhere, list) and everywhere[0].raw["geonameid"] == 625144  # the most populous
    assert one(gazetteer.geocode({"city": "Minsk", "state": "Minsk City"})).raw["geonameid"] == 625144


def test_gazetteer_unknown_town_is_none(gazetteer: GeoNamesGazetteer) -> None:
    assert gazetteer.geocode("Atlantis") is None


def test_gazetteer_reverse_gives_the_nearest_town(gazetteer: GeoNamesGazetteer) -> None:
    assert one(gazetteer.reverse((53.9, 27.57))).raw["name"] == "Minsk"


def test_name_key_folds_diacritics_apostrophes_and_y() -> None:
    assert name_key("Homyel’") == name_key("homiel") == "homiel"
    assert name_key("Żodino") == "zodino"


# --- the real dataset's coordinates, checked against the gazetteer -------------------


def test_every_point_is_in_belarus_and_near_the_town_it_names(events: pd.DataFrame) -> None:
    neighbours = GeoNamesGazetteer(country_codes=("BY", "PL", "LT", "LV", "RU", "UA"))
    belarus = GeoNamesGazetteer()
    sites = events[events["lat"].notna()].drop_duplicates("site_id")
    assert len(sites) == 43
    lat_min, lat_max, lon_min, lon_max = BELARUS_BBOX
    for site in sites.itertuples():
        assert lat_min < site.lat < lat_max and lon_min < site.lon < lon_max, site.site_id
        nearest = one(neighbours.reverse((site.lat, site.lon)))
        assert nearest.raw["countrycode"] == "BY", (site.site_id, nearest.address)
        town = one(belarus.geocode({"city": site.town, "state": site.oblast}))
        km = haversine_km(site.lat, site.lon, town.latitude, town.longitude)
        # a workplace may stand outside its town: the airport and the nuclear power station, 16-18 km
        limit = 0.01 if site.precision == "town" else 25.0
        assert km <= limit, f"{site.site_id} is {km:.1f} km from {site.town}"


# --- the chain ------------------------------------------------------------------------


def test_curated_coordinates_are_the_chains_first_link(gazetteer: GeoNamesGazetteer) -> None:
    site = FakeSiteGeocoder(_factory(53.9, 25.3))
    curated = GeoResult(53.8915, 25.3003, "site", "https://example.org/lakokraska", "")
    chain = _chain(site, curated={LIDA.key: curated})
    assert isinstance(chain.curated, Geocoder)
    assert chain.resolve(LIDA) == curated
    assert site.calls == 0
    chain.resolve(MINSK)
    assert site.calls == 1  # not curated: on to Nominatim


@pytest.mark.parametrize(("answer_lat", "warned"), [(53.8915 + 0.03, True), (53.8915 + 0.005, False)])
def test_a_geocoder_answer_far_from_a_curated_point_is_reported(
    tmp_path: Path, answer_lat: float, warned: bool
) -> None:
    curated = GeoResult(53.8915, 25.3003, "site", "https://example.org/lakokraska", "")
    warnings: list[str] = []
    out = io.StringIO()
    chain = _chain(FakeSiteGeocoder(_factory(answer_lat, 25.3003)), warnings=warnings, curated={LIDA.key: curated})
    geocode.geocode_missing({"lakokraska": LIDA}, chain, tmp_path / "geocache.json", out=out)
    assert bool(warnings) == warned
    if warned:
        assert warnings == [
            "lakokraska: Nominatim puts 'Lakokraska, Lida' 3.3 km from the curated point "
            "(https://example.org/lakokraska); check both"
        ]
    assert "lakokraska: site (curated: https://example.org/lakokraska; Nominatim's answer is" in out.getvalue()
    assert not (tmp_path / "geocache.json").exists()  # a curated point lives in sites.csv, never in the cache


def test_a_site_level_answer_near_its_town_is_kept_as_site() -> None:
    result = _chain(FakeSiteGeocoder(_factory(53.90, 25.33))).resolve(LIDA)
    assert result == GeoResult(53.90, 25.33, "site", "Nominatim: Lakokraska, Lida", "A plant, Lida")


@pytest.mark.parametrize("answer", [_factory(53.90, 27.56), _factory(53.88, 25.30, cls="place"), None])
def test_far_area_or_no_answers_fall_back_to_the_town(answer: Location | None) -> None:
    warnings: list[str] = []
    result = _chain(FakeSiteGeocoder(answer), warnings=warnings).resolve(LIDA)
    assert (result.precision, result.lat, result.lon) == ("town", 53.88333, 25.29972)
    assert result.source == "GeoNames cities1000: Lida (geonameid 626081)"
    if answer is not None and answer.raw["class"] != "place":
        assert warnings == ["'Lakokraska, Lida': Nominatim's answer is 148 km from Lida; ignored"]


def test_unreachable_site_geocoder_warns_once_and_stops_asking() -> None:
    site = FakeSiteGeocoder(error=GeocoderUnavailable("Name or service not known"))
    warnings: list[str] = []
    chain = _chain(site, warnings=warnings)
    first, second = chain.resolve(LIDA), chain.resolve(MINSK)
    assert (first.precision, second.precision) == ("town", "town")
    assert site.calls == 1 and len(warnings) == 1
    assert warnings[0].startswith("Nominatim is unreachable (GeocoderUnavailable: Name or service not known)")


def test_unknown_town_is_a_clear_error() -> None:
    with pytest.raises(geocode.GeocodeError, match="the town 'Atlantis' is not in the offline gazetteer"):
        _chain(None).resolve(GeoQuery(town="Atlantis"))


# --- the cache ------------------------------------------------------------------------


def _seed_cache(path: Path) -> bytes:
    write_cache({MINSK.key: GeoResult(53.9, 27.57, "site", "Nominatim: MTZ", "MTZ")}, path)
    return path.read_bytes()


def test_warm_cache_makes_zero_calls(tmp_path: Path) -> None:
    cache = tmp_path / "geocache.json"
    before = _seed_cache(cache)
    site, town = FakeSiteGeocoder(_factory(53.90, 27.6)), CountingGazetteer()
    looked_up = geocode.geocode_missing({"mtz": MINSK}, _chain(site, town), cache, out=open(os.devnull, "w"))
    assert looked_up == {} and site.calls == 0 and town.calls == 0
    assert cache.read_bytes() == before


def test_cold_entries_are_added_and_cached_ones_kept(tmp_path: Path) -> None:
    cache = tmp_path / "geocache.json"
    _seed_cache(cache)
    site = FakeSiteGeocoder(error=GeocoderUnavailable("offline"))
    geocode.geocode_missing({"mtz": MINSK, "lakokraska": LIDA}, _chain(site), cache, out=open(os.devnull, "w"))
    entries = read_cache(cache)
    assert entries[MINSK.key] == GeoResult(53.9, 27.57, "site", "Nominatim: MTZ", "MTZ")
    assert entries[LIDA.key].precision == "town"


def test_refresh_with_an_unreachable_geocoder_fails_and_leaves_the_cache(tmp_path: Path) -> None:
    cache = tmp_path / "geocache.json"
    before = _seed_cache(cache)
    site = FakeSiteGeocoder(error=GeocoderUnavailable("Name or service not known"))
    with pytest.raises(
        geocode.SiteGeocoderUnavailable,
        match=r"cannot refresh mtz: Nominatim is unreachable .*geocache.json is untouched",
    ):
        geocode.geocode_missing({"mtz": MINSK}, _chain(site), cache, frozenset({"mtz"}), out=open(os.devnull, "w"))
    assert cache.read_bytes() == before


def test_refresh_queries_a_cached_site_again(tmp_path: Path) -> None:
    cache = tmp_path / "geocache.json"
    _seed_cache(cache)
    site = FakeSiteGeocoder(_factory(53.89, 27.63))
    geocode.geocode_missing({"mtz": MINSK}, _chain(site), cache, frozenset({"mtz"}), out=open(os.devnull, "w"))
    assert site.calls == 1
    assert read_cache(cache)[MINSK.key].lat == 53.89


def test_a_crash_mid_write_leaves_the_previous_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "geocache.json"
    before = _seed_cache(cache)

    def crash(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        write_cache({LIDA.key: GeoResult(53.88, 25.3, "town", "x", "y")}, cache)
    assert cache.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["geocache.json"]


def test_a_broken_cache_is_an_error_not_an_empty_cache(tmp_path: Path) -> None:
    cache = tmp_path / "geocache.json"
    cache.write_text('{"version": 1, "entries": {"k": {"lat": 200}}}')
    with pytest.raises(ValueError, match="the geocode cache is unreadable"):
        read_cache(cache)


# --- the command line -----------------------------------------------------------------


def test_command_offline_on_a_warm_cache_changes_nothing(
    geodata_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cache = geodata_copy / "geocache.json"
    before = cache.read_bytes()
    assert geocode.main(["--offline", "--geodata", str(geodata_copy), "--cache", str(cache)]) == 0
    assert cache.read_bytes() == before
    out = capsys.readouterr().out
    assert "10 curated, 0 looked up, 33 already cached" in out
    assert "grodno-azot: site (curated: https://pl.wikipedia.org/wiki/Grodno_Azot)" in out
    assert "kozlov: town (cached: GeoNames cities1000: Minsk (geonameid 625144))" in out


def test_command_geocodes_a_new_site_offline(geodata_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cache = geodata_copy / "geocache.json"
    data = json.loads(cache.read_text())
    lida_key = "locomotive depot, Lida | Lida | Grodno | Belarus"
    del data["entries"][lida_key]
    cache.write_text(json.dumps(data))
    assert geocode.main(["--offline", "--geodata", str(geodata_copy), "--cache", str(cache)]) == 0
    assert "[1/1] lida-depot: town (GeoNames cities1000: Lida (geonameid 626081))" in capsys.readouterr().out
    assert read_cache(cache)[lida_key].precision == "town"


def test_command_unknown_refresh_id_is_an_error(geodata_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = [
        "--offline",
        "--refresh",
        "nope",
        "--geodata",
        str(geodata_copy),
        "--cache",
        str(geodata_copy / "geocache.json"),
    ]
    assert geocode.main(args) == 2
    assert "error: no geocodable site with id nope" in capsys.readouterr().err


def test_an_offline_refresh_never_downgrades_a_workplace_point(tmp_path: Path) -> None:
    cache = tmp_path / "geocache.json"
    before = _seed_cache(cache)
    with pytest.raises(
        geocode.SiteGeocoderUnavailable, match=r"cannot refresh mtz: it needs Nominatim, .*\(--offline\)"
    ):
        geocode.geocode_missing({"mtz": MINSK}, _chain(None), cache, frozenset({"mtz"}), out=open(os.devnull, "w"))
    assert cache.read_bytes() == before
