"""The offline base map of Belarus, drawn: border, oblasts, towns, water, built-up areas, roads and railways.

Tile servers cannot be reached from every machine (nor from Belarus during an
internet shutdown), and a map with no tiles is a grey void with dots on it.
This module draws a small vector base map from the GeoJSON files that ship in
static/basemap, and switches to it by itself when a tile layer fails to load.
tools/basemap_build.py remakes those files from public Natural Earth,
GeoNames and OpenStreetMap data (see static/basemap/README.md).
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import folium
from folium.map import Layer
from folium.template import Template
from folium.utilities import get_obj_in_upper_tree

from ..core.i18n import Lang, word
from ..core.schema import OBLASTS
from ..data.placenames import by_geonameid
from .assets import STATIC_ROOT, app_url, json_data_uri, plugin_js
from .elements import DataElement, script_json

BASEMAP_PATH = STATIC_ROOT / "basemap" / "belarus.geojson"
WATER_PATH = BASEMAP_PATH.with_name("water.geojson")
URBAN_PATH = BASEMAP_PATH.with_name("urban.geojson")
TRANSPORT_PATH = BASEMAP_PATH.with_name("transport.geojson")
# The rest of the world, coarser (tools/worldmap_build.py): countries and regions, lakes and rivers, towns.
WORLD_PATH = BASEMAP_PATH.with_name("world.geojson")
WORLD_REGIONS_PATH = BASEMAP_PATH.with_name("world-regions.geojson")
WORLD_WATER_PATH = BASEMAP_PATH.with_name("world-water.geojson")
WORLD_TOWNS_PATH = BASEMAP_PATH.with_name("world-towns.json")
# The box Belarus' detailed layers cover ([[south, west], [north, east]]; tools/basemap_build.py keeps its
# water and roads in it): a view or an export inside it needs none of the world's layers.
DETAIL_BOX = [[50.9, 22.8], [56.5, 33.1]]
# The world's towns named at each zoom (every step a zoom reaches counts; the lowest population wins), and
# at most how many at once.
_TOWN_STEPS = [[3, 5_000_000], [4, 1_000_000], [5, 500_000], [6, 200_000], [7, 100_000], [8, 50_000], [9, 15_000]]
_TOWN_LIMIT = 120
_REGIONS_FROM = 4  # the zoom from which the world's first-level regions are drawn
_WORLD_FILES = {
    "countries": WORLD_PATH,
    "water": WORLD_WATER_PATH,
    "regions": WORLD_REGIONS_PATH,
    "towns": WORLD_TOWNS_PATH,
}
# Towns labelled on their left, where a label on the right would run into a neighbour's.
_LABEL_LEFT = ["624784"]  # Novopolotsk, 10 km west of Polotsk


@lru_cache(maxsize=1)
def load_basemap() -> dict[str, Any]:
    """The committed base map as a GeoJSON FeatureCollection (read once per process)."""
    return json.loads(BASEMAP_PATH.read_text(encoding="utf-8"))


# Map panes for the offline layer. Its shapes go between the tile pane (200) and the
# overlay pane (400): a vector base layer in the overlay pane would be drawn over the
# strike markers whenever the map falls back to it after they are on. Its town labels
# go above the marker pane (600) and below tooltips and popups (650, 700), and let
# clicks through, so a marker never hides a town's name and stays clickable.
_WORLD_PANE, _SHAPES_PANE, _LABELS_PANE = "strikesWorld", "strikesBasemap", "strikesBasemapLabels"
# Set on the map's container once the layer's shapes are drawn: what a snapshot waits for.
DRAWN_CLASS = "strikes-basemap-drawn"


class OfflineBasemap(DataElement, Layer):
    """The committed base map as one Leaflet base layer that fetches its shapes.

    The shapes (some 290 KB) are not in the page's script: the app serves
    static/basemap and the layer fetches the files, so a rerun of the app resends
    none of them; an export inlines them as data: URLs (``strikes.page.assets``). Drawn
    back to front: a plain background, oblasts, built-up areas, water, roads,
    railways, the border, then the towns, with their names in a pane above the markers.
    The layer is a Leaflet plugin, static/js/strike-basemap.js (``L.strikeBasemap``); this element
    only hands it its files' URLs, styles, panes and CSS, as JSON.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.strikeBasemap({{ this._parent.get_name() }}, {{ this.options_json }});
        {% if this.show %}{{ this.get_name() }}.addTo({{ this._parent.get_name() }});{% endif %}
        {% endmacro %}
        """
    )

    default_js = [("strike_basemap", plugin_js("strike-basemap.js"))]

    css = (
        ".strikes-town-label {background: none; border: none; box-shadow: none; padding: 0 2px;"
        " font: 11px/1.2 sans-serif; color: #333;"
        " text-shadow: 0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff;}"
        " .strikes-town-label::before {display: none;}"
        " .strikes-town-label.strikes-capital {font-weight: bold; font-size: 12px;}"
        " .strikes-zoom-low .strikes-town-label:not(.strikes-capital):not(.strikes-world-town) {display: none;}"
    )
    all_labels_from = 8

    def __init__(
        self,
        name: str = "Offline map (Natural Earth)",
        show: bool = False,
        *,
        lang: Lang,
        data_bounds: list[list[float]] | None = None,
    ) -> None:
        """``show`` is False by default: the layer normally sits beside a tile layer,
        switched in by LayerControl or TileFallback; pass True when it is the only base layer.
        Towns and oblasts are named in ``lang``, as the rest of the page names them (strikes.data.placenames).
        The world's layers are fetched once the view, or the data (``data_bounds``), leaves Belarus."""
        super().__init__(name=name, overlay=False, control=True, show=show)
        self.data_bounds = data_bounds
        self.vector = False  # every shape as SVG, none on a canvas: for a print (strikes.page.mapview.draw_as_vectors)
        # the world's files: the page fetches them once it needs them; an export inlines them for its own
        # area (inline_world), and a standalone page without that goes without (strikes.page.assets.localize)
        self.optional_data = {key: app_url(path) for key, path in _WORLD_FILES.items()}
        self._name = "OfflineBasemap"
        self.names = {"towns": by_geonameid(lang), "oblasts": {oblast: word(lang, oblast) for oblast in OBLASTS}}
        # the files the page needs, as strikes.page.assets.localize rewrites them
        self.default_data = [
            (key, app_url(path))
            for key, path in (
                ("base", BASEMAP_PATH),
                ("urban", URBAN_PATH),
                ("water", WATER_PATH),
                ("transport", TRANSPORT_PATH),
            )
        ]

    def inline_world(self, area: list[list[float]]) -> None:
        """For an export: the world's layers as data: URLs holding only what lies in ``area`` ([[south, west],
        [north, east]]), and none at all for an area inside Belarus' detailed layers (so a Belarusian export
        does not grow)."""
        self.optional_data = (
            {} if within(area, DETAIL_BOX) else {key: json_data_uri(data) for key, data in world_in(area).items()}
        )

    @property
    def options_json(self) -> str:
        """The layer's styles and file URLs, read when rendering (after localize chose the URLs)."""
        return script_json(
            {
                "urls": dict(self.default_data),
                "css": self.css,
                "allLabelsFrom": self.all_labels_from,
                "vector": self.vector,
                "names": self.names,
                # name, z-index and pointer events of each pane (see _SHAPES_PANE)
                "panes": [[_WORLD_PANE, 340, "auto"], [_SHAPES_PANE, 350, "auto"], [_LABELS_PANE, 640, "none"]],
                "world": {
                    "urls": self.optional_data,
                    "pane": _WORLD_PANE,
                    "detail": DETAIL_BOX,
                    "dataBounds": self.data_bounds,
                    "regionsFrom": _REGIONS_FROM,
                    "townSteps": _TOWN_STEPS,
                    "townLimit": _TOWN_LIMIT,
                    "land": {"stroke": False, "fillColor": "#f4f1ea", "fillOpacity": 1},
                    "border": {"color": "#777777", "weight": 1.2, "fill": False},
                    "region": {"color": "#b5b0a5", "weight": 0.7, "fill": False, "dashArray": "3 3"},
                },
                # short enough for one line over the scale bar; static/basemap/README.md says what is whose
                "attribution": (
                    "Natural Earth; naturalearthtiles (ODbL); GeoNames (CC BY 4.0); © OpenStreetMap contributors (ODbL)"
                ),
                "shapes": _SHAPES_PANE,
                "labels": _LABELS_PANE,
                "drawn": DRAWN_CLASS,
                "labelLeft": _LABEL_LEFT,
                "background": "#e4ebf0",
                "urban": "#e6ddd0",
                "water": "#9cc3e6",
                "oblast": {"color": "#9a9a9a", "weight": 1, "fillColor": "#fbfaf5", "fillOpacity": 1},
                "border": {"color": "#555555", "weight": 2.5, "fill": False},
                "town": {"color": "#444444", "weight": 1, "fillColor": "#ffffff", "fillOpacity": 1},
                "road": {"color": "#dcb07a", "weight": 1},
                "major_road": {"color": "#cf8a3e", "weight": 1.8},
                "railway": {"color": "#5f5f5f", "weight": 1.2, "dashArray": "5 3"},
            }
        )


@lru_cache(maxsize=1)
def _world() -> dict[str, Any]:
    return {key: json.loads(path.read_text(encoding="utf-8")) for key, path in _WORLD_FILES.items()}


def within(inner: list[list[float]], outer: list[list[float]]) -> bool:
    """Whether one box ([[south, west], [north, east]]) lies inside another."""
    (south, west), (north, east) = inner
    return outer[0][0] <= south and outer[0][1] <= west and north <= outer[1][0] and east <= outer[1][1]


def _touches(polygon: list[list[list[float]]], area: list[list[float]]) -> bool:
    """Whether a polygon's outer ring's box meets the area's."""
    lons, lats = [p[0] for p in polygon[0]], [p[1] for p in polygon[0]]
    return min(lats) <= area[1][0] and max(lats) >= area[0][0] and min(lons) <= area[1][1] and max(lons) >= area[0][1]


def world_in(area: list[list[float]]) -> dict[str, Any]:
    """The world's layers cut down to ``area``: the countries, regions and water polygons that reach into it,
    and the towns inside it (an export inlines only these)."""
    world = _world()

    def polygons(collection: dict[str, Any]) -> dict[str, Any]:
        features = []
        for feature in collection["features"]:
            kept = [p for p in feature["geometry"]["coordinates"] if _touches(p, area)]
            if kept:
                features.append({**feature, "geometry": {"type": "MultiPolygon", "coordinates": kept}})
        return {"type": "FeatureCollection", "features": features}

    (south, west), (north, east) = area
    towns = [row for row in world["towns"]["towns"] if south <= row[1] <= north and west <= row[2] <= east]
    return {
        "countries": polygons(world["countries"]),
        "water": polygons(world["water"]),
        "regions": polygons(world["regions"]),
        "towns": {"towns": towns},
    }


class TileFallback(DataElement):
    """Switch the map from a tile layer to an offline base layer when its tiles cannot load.

    Without it a user with no route to the tile server sees a grey map and must
    find the layer control themselves. The switch happens while `tile_layer` is
    the shown base layer and no tile of it has loaded yet, either after
    `max_errors` 'tileerror' events or when `timeout` seconds pass after the
    first tile request with no 'tileload' (a blocked network often hangs rather
    than failing). Once a tile has loaded it never switches, so the odd missing
    tile at the map's edge does no harm; choosing the tile layer again in the
    layer control retries it. The switch is map.removeLayer + map.addLayer,
    which LayerControl's radio buttons follow.

    Add it to the map after both layers. The switch is a Leaflet plugin, static/js/strike-basemap.js
    (``L.strikeTileFallback``), as is the layer (``L.strikeBasemap``).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        L.strikeTileFallback({{ this.map_name }}, {{ this.tile_layer.get_name() }},
                             {{ this.offline_layer.get_name() }}, {{ this.options_json }});
        {% endmacro %}
        """
    )

    default_js = [("strike_basemap", plugin_js("strike-basemap.js"))]

    def __init__(
        self,
        tile_layer: folium.TileLayer,
        offline_layer: OfflineBasemap,
        max_errors: int = 3,
        timeout: float = 6.0,
    ):
        super().__init__()
        self._name = "TileFallback"
        self.tile_layer = tile_layer
        self.offline_layer = offline_layer
        self.options_json = script_json({"maxErrors": int(max_errors), "timeoutMs": round(timeout * 1000)})
        self.map_name = ""

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # into its page, as DataElement.render
        self.map_name = get_obj_in_upper_tree(self, folium.Map).get_name()
        super().render(**kwargs)
