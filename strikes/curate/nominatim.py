"""Nominatim's answers for a workplace's names and its known street address, as candidates.

Nominatim searches OpenStreetMap, so its answers are OSM objects too: one that Overpass
also found is the same candidate (``candidates.merge``). Settlements, boundaries and
streets are not a workplace's grounds and are left out, as ``make geocode`` leaves them.
"""

from __future__ import annotations

from typing import Any

from .candidates import Candidate, Workplace
from .http import Client, ServiceError

DEFAULT_URL = "https://nominatim.openstreetmap.org"
# Answers of these categories are areas, settlements or streets, not a workplace.
NOT_GROUNDS = frozenset({"boundary", "highway", "railway:station"})
PLACES_KEPT = frozenset({"house", "building"})


def queries(workplace: Workplace) -> list[str]:
    """Each name, then the street address, with the town: "Naftan, Novopolotsk"."""
    town = f", {workplace.town}" if workplace.town else ""
    asked = [f"{name}{town}" for name in workplace.names]
    if workplace.address:
        asked.append(f"{workplace.address}{town}")
    return asked


def _outline(geojson: Any) -> tuple[tuple[tuple[float, float], ...], ...]:
    if not isinstance(geojson, dict):
        return ()
    if geojson.get("type") == "Polygon":
        polygons = [geojson["coordinates"]]
    elif geojson.get("type") == "MultiPolygon":
        polygons = geojson["coordinates"]
    else:
        return ()
    return tuple(tuple((float(lat), float(lon)) for lon, lat, *_ in polygon[0]) for polygon in polygons)


def candidate(place: dict[str, Any]) -> Candidate | None:
    """One jsonv2 search result as a candidate; None for a settlement, boundary, street or non-OSM result."""
    category, kind = place.get("category", ""), place.get("type", "")
    if category in NOT_GROUNDS or (category == "place" and kind not in PLACES_KEPT) or "osm_type" not in place:
        return None
    tags = {f"{category}": kind}
    tags.update({str(k): str(v) for k, v in (place.get("extratags") or {}).items()})
    tags.update({str(k): str(v) for k, v in (place.get("namedetails") or {}).items()})
    tags["display_name"] = str(place.get("display_name", ""))
    ref = f"{place['osm_type']}/{place['osm_id']}"
    name = str(place.get("name") or place.get("display_name", "")).strip()
    return Candidate(
        ref, float(place["lat"]), float(place["lon"]), name, ("nominatim",), tags, _outline(place.get("geojson"))
    )


def parse(answer: Any) -> list[Candidate]:
    """Every usable result of a Nominatim jsonv2 search answer (a list)."""
    if not isinstance(answer, list):
        raise ServiceError("Nominatim answered JSON that is not a list of places")
    try:
        return [found for place in answer if (found := candidate(place)) is not None]
    except (KeyError, TypeError, ValueError) as exc:
        raise ServiceError(f"Nominatim answered a place without its {exc}") from None


def candidates(client: Client, workplace: Workplace, url: str = DEFAULT_URL) -> list[Candidate]:
    found: list[Candidate] = []
    for text in queries(workplace):
        params = {
            "q": text,
            "format": "jsonv2",
            "countrycodes": "by",
            "limit": "5",
            "extratags": "1",
            "namedetails": "1",
            "polygon_geojson": "1",
        }
        found.extend(parse(client.get(f"{url.rstrip('/')}/search", params)))
    return found
