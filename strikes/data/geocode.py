"""Geocode the curated sites once, through a chain, into the committed cache.

The chain is: a curated coordinate, which a named public page states, where
sites.csv records one -> Nominatim, for the workplace itself, when the network
is there -> the offline GeoNames gazetteer, for the town centre. Every result
says which link produced it and whether it is the workplace (`site`) or only
its town (`town`). The command reports each site's source, and, when
Nominatim can be reached, warns where its answer for a curated workplace is
more than 2 km from the curated point. Curated points live in sites.csv, not
in the cache.

    python -m strikes.data.geocode              # geocode sites the cache lacks
    python -m strikes.data.geocode --refresh ID # look one site up again
    python -m strikes.data.geocode --offline    # do not try Nominatim
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TextIO

from geopy.adapters import AdapterHTTPError
from geopy.exc import GeocoderServiceError, GeocoderUnavailable
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from .cache import CACHE_PATH, GEODATA, GeoQuery, GeoResult, read_cache, write_cache
from .gazetteer import GeoNamesGazetteer, haversine_km

USER_AGENT = "belarus-strike-map/0.1 (labour-history research map; geocodes once, caches)"
# A workplace answer further than this from its town is someone else's namesake.
MAX_SITE_KM = 40.0
# A curated point and a geocoder's answer for the same workplace further apart than this are worth a look.
CURATED_CHECK_KM = 2.0
# Nominatim answers of these classes are areas or settlements, not a workplace.
AREA_CLASSES = frozenset({"place", "boundary"})


class GeocodeError(RuntimeError):
    """A place could not be resolved by any link of the chain."""


class SiteGeocoderUnavailable(GeocodeError):
    """The network geocoder could not be reached; nothing was written."""


def nominatim(timeout: float = 5.0) -> Nominatim:
    """Nominatim with an identifying user agent, as its usage policy asks."""
    return Nominatim(user_agent=USER_AGENT, timeout=timeout)


class CuratedGeocoder(Geocoder):
    """The chain's first link: coordinates that a named public page states, as curated in sites.csv.

    It answers only the queries it holds (by GeoQuery.key), as geopy Locations
    whose raw data carry the precision and the source page; any other query
    gets None, and the next link is asked.
    """

    def __init__(self, points: Mapping[str, GeoResult]) -> None:
        super().__init__()
        self.points = dict(points)

    def geocode(self, query: str, exactly_one: bool = True, **kwargs: object) -> Location | None:
        found = self.points.get(query)
        if found is None:
            return None
        return Location(
            found.address or found.source,
            (found.lat, found.lon),
            {"precision": found.precision, "source": found.source},
        )


class Chain:
    """Resolve a GeoQuery: curated -> site geocoder (network) -> town gazetteer (offline).

    The first time the site geocoder is unreachable the chain says so once and
    stops asking it, so a run with no network costs one failed request, not one
    per site.
    """

    def __init__(
        self,
        town_geocoder: Geocoder,
        site_geocoder: Geocoder | None = None,
        min_delay_seconds: float = 1.0,
        warn: Callable[[str], None] = lambda message: print(message, file=sys.stderr),
        curated: Geocoder | None = None,
    ) -> None:
        self.curated = curated
        self.town_geocoder = town_geocoder
        self.warn = warn
        self.site_error: Exception | None = None
        self._site_lookup = (
            RateLimiter(
                site_geocoder.geocode,
                min_delay_seconds=min_delay_seconds,
                max_retries=0,
                swallow_exceptions=False,
            )
            if site_geocoder is not None
            else None
        )

    @property
    def site_geocoder_available(self) -> bool:
        return self._site_lookup is not None and self.site_error is None

    def town(self, query: GeoQuery) -> Location:
        found = self.town_geocoder.geocode({"city": query.town, "state": query.oblast or ""})
        if found is None:
            raise GeocodeError(f"the town {query.town!r} is not in the offline gazetteer")
        return found

    def _site(self, query: GeoQuery, town: Location) -> GeoResult | None:
        if not (query.site and self.site_geocoder_available):
            return None
        try:
            found = self._site_lookup(f"{query.site}, {query.country}")  # type: ignore[misc]
        except (GeocoderUnavailable, GeocoderServiceError, AdapterHTTPError) as exc:
            self.site_error = exc
            self.warn(
                f"Nominatim is unreachable ({type(exc).__name__}: {exc}); "
                "falling back to the offline gazetteer: these sites get town-level points."
            )
            return None
        if found is None:
            return None
        if found.raw.get("class") in AREA_CLASSES:
            return None
        km = haversine_km(found.latitude, found.longitude, town.latitude, town.longitude)
        if km > MAX_SITE_KM:
            self.warn(f"{query.site!r}: Nominatim's answer is {km:.0f} km from {query.town}; ignored")
            return None
        return GeoResult(found.latitude, found.longitude, "site", f"Nominatim: {query.site}", found.address)

    def curated_point(self, query: GeoQuery) -> GeoResult | None:
        """The curated coordinate for this query, if the chain's first link holds one."""
        found = None if self.curated is None else self.curated.geocode(query.key)
        if found is None:
            return None
        return GeoResult(found.latitude, found.longitude, found.raw["precision"], found.raw["source"], "")

    def check_curated(self, name: str, query: GeoQuery, curated: GeoResult) -> float | None:
        """Ask the site geocoder too, and warn when it puts the workplace over 2 km from the curated point.

        Returns the distance, or None when the site geocoder gave no workplace answer (or none was asked).
        """
        site = self._site(query, self.town(query))
        if site is None:
            return None
        km = haversine_km(site.lat, site.lon, curated.lat, curated.lon)
        if km > CURATED_CHECK_KM:
            self.warn(
                f"{name}: Nominatim puts {query.site!r} {km:.1f} km from the curated point "
                f"({curated.source}); check both"
            )
        return km

    def resolve(self, query: GeoQuery) -> GeoResult:
        curated = self.curated_point(query)
        if curated is not None:
            return curated
        town = self.town(query)
        site = self._site(query, town)
        if site is not None:
            return site
        source = f"GeoNames cities1000: {town.raw['name']} (geonameid {town.raw['geonameid']})"
        return GeoResult(town.latitude, town.longitude, "town", source, town.address)


def geocode_missing(
    queries: dict[str, GeoQuery],
    chain: Chain,
    cache_path: Path = CACHE_PATH,
    refresh: frozenset[str] = frozenset(),
    out: TextIO | None = None,
) -> dict[str, GeoResult]:
    """Resolve every query the cache lacks (and those named in ``refresh``), then save once.

    Nothing is written unless every lookup succeeded, and a refresh that could
    only reach the town gazetteer is refused rather than downgrading an entry.
    """
    out = out or sys.stdout
    cache = read_cache(cache_path)
    curated = {name: point for name, q in queries.items() if (point := chain.curated_point(q)) is not None}
    for name, point in curated.items():
        distance = chain.check_curated(name, queries[name], point)
        checked = "" if distance is None else f"; Nominatim's answer is {distance:.1f} km away"
        print(f"{name}: {point.precision} (curated: {point.source}{checked})", file=out)
    for name, query in queries.items():
        if name not in curated and name not in refresh and query.key in cache:
            print(f"{name}: {cache[query.key].precision} (cached: {cache[query.key].source})", file=out)
    todo = {name: q for name, q in queries.items() if name not in curated and (name in refresh or q.key not in cache)}
    results: dict[str, GeoResult] = {}
    for number, (name, query) in enumerate(todo.items(), start=1):
        result = chain.resolve(query)
        if name in refresh and query.site and not chain.site_geocoder_available:
            why = (
                f"Nominatim is unreachable ({chain.site_error})"
                if chain.site_error is not None
                else "it needs Nominatim, and no network geocoder was asked (--offline)"
            )
            raise SiteGeocoderUnavailable(f"cannot refresh {name}: {why}; {cache_path.name} is untouched")
        results[query.key] = result
        print(f"[{number}/{len(todo)}] {name}: {result.precision} ({result.source})", file=out)
    if results:
        write_cache({**cache, **results}, cache_path)
    print(
        f"{len(curated)} curated, {len(results)} looked up, {len(queries) - len(todo) - len(curated)} already cached; "
        f"{cache_path} holds {len(cache | results)} entries",
        file=out,
    )
    return results


def main(argv: list[str] | None = None) -> int:
    from .dataset import DatasetError, curated_points, load_sites, site_query

    parser = argparse.ArgumentParser(
        prog="python -m strikes.data.geocode", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--refresh",
        action="append",
        default=[],
        metavar="SITE_ID",
        help="look this site up again even if it is cached (repeatable)",
    )
    parser.add_argument("--offline", action="store_true", help="do not try Nominatim")
    parser.add_argument("--geodata", type=Path, default=GEODATA, help="folder of sites.csv")
    parser.add_argument("--cache", type=Path, default=CACHE_PATH, help="the cache file")
    parser.add_argument("--timeout", type=float, default=5.0, help="Nominatim timeout, seconds")
    args = parser.parse_args(argv)
    try:
        sites = load_sites(args.geodata)
        queries = {row["site_id"]: query for _, row in sites.iterrows() if (query := site_query(row)) is not None}
        curated = CuratedGeocoder({queries[site].key: point for site, point in curated_points(sites).items()})
        unknown = set(args.refresh) - set(queries)
        if unknown:
            raise GeocodeError(f"no geocodable site with id {', '.join(sorted(unknown))}")
        chain = Chain(GeoNamesGazetteer(), None if args.offline else nominatim(args.timeout), curated=curated)
        geocode_missing(queries, chain, args.cache, frozenset(args.refresh))
    except (DatasetError, GeocodeError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
