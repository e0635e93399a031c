"""Folium maps of the filtered events: one marker per site, and August beside November.

Each marker says three things without relying on colour alone: the site's
wave status (colour and a letter), its sector (the shape) and how far to
trust its position (solid at the workplace, hollow and dashed at a town
centre). All text from the data reaches the page through strikes.page.markup.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import folium
import numpy as np
import pandas as pd
import xyzservices
from folium.plugins import DualMap

from ..core import i18n
from ..core.compare import OTHER_WAVES, site_status, status_labels
from ..core.i18n import Lang
from ..data import datawords
from ..data.placenames import localized_towns
from . import elements, markup
from .access import LeafletNames
from .basemap import DETAIL_BOX, OfflineBasemap, TileFallback, within
from .controls import ClearControls, FitControl, GestureHandling, HtmlControl, PopupFit, TabOrder, ZoomableViewport
from .icons import BOTH_COLOUR, FIRST_COLOUR, OTHER_COLOUR, SECOND_COLOUR
from .markers import SiteData, SiteMarkers, combinations, dictionary, scaled, site_summary
from .search import SearchControl, search_entries

BELARUS_BOUNDS = [[51.26, 23.18], [56.17, 32.78]]
TILES_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
TILES_ATTR = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
MAX_ZOOM = 18
# Given to folium as a provider, not a URL: folium looks a string up among every xyzservices provider first
# (about 10 ms of every script run, a new reader's first among them).
TILES = xyzservices.TileProvider(
    name="OpenStreetMap", url=TILES_URL, attribution=TILES_ATTR, html_attribution=TILES_ATTR
)
# Zoom in quarter steps: a map fitted to the data at whole zoom levels left Belarus 60% of a phone's map wide
# (zoom 5, where 5.75 fills it); the buttons and the wheel still step by one.
ZOOM_SNAP = 0.25
# The app's legend starts folded on a map narrower than this, so on a laptop it never covers the markers.
LEGEND_OPEN_FROM = 1100
# A map with its legend off the map (a snapshot's, in its footer) leaves no room for one: wider than any screen.
NO_LEGEND = 1_000_000
# Above this many sites, popups are built in the browser from a short summary instead of
# shipped whole. Measured here: whole popups cost about 0.1 ms and 0.7 KB a site (1,500
# sites: 0.24 s and 1.2 MB against 0.08 s and 0.5 MB), so past a thousand sites they
# would eat most of a 200 ms rerun.
FULL_POPUP_LIMIT = 1000
# Town-level points in one town are drawn on a ring around its centre, this far out (in degrees of
# latitude, about 0.9 km) for a few sites and wider for more, so each can be clicked; never stacked.
SPREAD_DEGREES = 0.008


CONTROL_CSS = """
<style>
html,body{margin:0;padding:0}
.strike-control{background:rgba(255,255,255,.93);padding:6px 9px;border-radius:5px;
 box-shadow:0 1px 4px rgba(0,0,0,.35);font:12px/1.35 "DejaVu Sans",Arial,sans-serif;color:#222;max-width:340px}
.strike-control h2,.strike-control .strike-h1{margin:2px 0 3px;font-size:12px}
.strike-control summary{cursor:pointer}
.strike-cluster{border-radius:50%;position:relative;box-shadow:0 0 0 2px #fff,0 1px 4px rgba(0,0,0,.5)}
.strike-cluster>svg{position:absolute;left:0;top:0;z-index:0!important}
.strike-cluster span{position:absolute;top:50%;left:50%;transform:translate(-50%,-50%);background:#fff;
 border-radius:11px;min-width:22px;height:22px;line-height:22px;text-align:center;white-space:nowrap;
 font:bold 12px "DejaVu Sans",Arial,sans-serif;color:#222;padding:0 2px;box-sizing:border-box}
.strike-cluster-icon{background:none;border:none}
.strike-cluster i{position:absolute;transform:translate(-50%,-50%);width:14px;height:10px;pointer-events:none}
.strike-control .row{display:flex;align-items:center;gap:5px;margin:1px 0}
.strike-control .cols{display:grid;grid-template-columns:1fr 1fr;column-gap:8px}
a.strike-fit{font:bold 18px/30px "DejaVu Sans",Arial,sans-serif;text-decoration:none}
.strike-search{background:#fff}.strike-search input{width:210px;border:0;padding:6px 8px;font:13px "DejaVu Sans",Arial,sans-serif}
.strike-search ul{list-style:none;margin:0;padding:0;max-width:320px}
.strike-search li{padding:4px 8px;cursor:pointer;font:12px "DejaVu Sans",Arial,sans-serif;border-top:1px solid #eee}
.strike-search li:hover,.strike-search li[aria-selected=true]{background:#dde8f3}
.strike-popup blockquote{margin:4px 0 2px 0;padding-left:6px;border-left:3px solid #bbb;font-style:italic}
.strike-popup .local{color:#555}.strike-popup .where{color:#555;margin:3px 0;overflow-wrap:anywhere}
.strike-popup .note{color:#555;font-size:11px}.strike-popup .action{margin-top:6px}
.strike-popup .source{font-size:11px}
.leaflet-control-attribution{font-size:11px}
.strike-empty{position:absolute;top:50%;left:50%;transform:translate(-50%,-50%);z-index:800;max-width:80%;
 background:rgba(255,255,255,.95);padding:8px 12px;border-radius:5px;box-shadow:0 1px 4px rgba(0,0,0,.35);
 font:14px/1.4 "DejaVu Sans",Arial,sans-serif;color:#222;text-align:center;pointer-events:none}
.strike-live,.strike-text{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.strike-popup-open .leaflet-control-container .leaflet-top,
.strike-popup-open .leaflet-control-container .leaflet-bottom{z-index:350}
.strike-popup-open .leaflet-control-container .leaflet-top:focus-within{z-index:1000}
.leaflet-popup-content{overflow-wrap:anywhere}
.leaflet-bottom.leaflet-left .leaflet-control-scale{margin-bottom:36px}
</style>
"""


@dataclass(frozen=True)
class View:
    """What a reader is looking at: the map's centre, zoom and size in pixels.

    It travels in the shareable link (?lat=..&lon=..&z=..) and makes a
    snapshot show what the reader saw rather than the data's extent.
    """

    lat: float
    lon: float
    zoom: float  # in ZOOM_SNAP's quarter steps, as the map fits the data
    width: int = 1400
    height: int = 900

    def bounds(self) -> list[list[float]]:
        """The area this view shows ([[south, west], [north, east]]), by Web Mercator's 256-pixel tiles."""
        scale = 256 * 2**self.zoom
        y = mercator_y(self.lat) * scale

        def lat(py: float) -> float:
            return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * py / scale))))

        return [
            [lat(y + self.height / 2), self.lon - self.width / 2 / scale * 360],
            [lat(y - self.height / 2), self.lon + self.width / 2 / scale * 360],
        ]

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> View | None:
        """The view streamlit-folium reports (centre, zoom, bounds), its size in Web Mercator pixels: the
        map's height follows the reader's screen, so it is read from the bounds too.

        None until the map has reported one.
        """
        center, zoom, bounds = state.get("center"), state.get("zoom"), state.get("bounds") or {}
        south_west, north_east = bounds.get("_southWest") or {}, bounds.get("_northEast") or {}
        corners = (south_west.get("lat"), south_west.get("lng"), north_east.get("lat"), north_east.get("lng"))
        if not center or zoom is None or None in corners:
            return None
        scale = 256 * 2**zoom
        width = round((north_east["lng"] - south_west["lng"]) / 360 * scale)
        height = round((mercator_y(south_west["lat"]) - mercator_y(north_east["lat"])) * scale)
        return cls(round(center["lat"], 5), round(center["lng"], 5), round(zoom, 2), max(width, 200), max(height, 200))

    def to_query_params(self) -> dict[str, str]:
        return {"lat": f"{self.lat:.5f}", "lon": f"{self.lon:.5f}", "z": f"{self.zoom:g}"}

    @classmethod
    def from_query_params(cls, params: dict[str, list[str]]) -> View | None:
        """The view in a link, or None when it has none or a broken one (a link is anyone's text)."""
        try:
            lat, lon, zoom = float(params["lat"][0]), float(params["lon"][0]), round(float(params["z"][0]), 2)
        except (KeyError, IndexError, ValueError):
            return None
        if not (
            math.isfinite(lat)
            and math.isfinite(lon)
            and math.isfinite(zoom)
            and -85 <= lat <= 85
            and -180 <= lon <= 180
            and 1 <= zoom <= MAX_ZOOM
        ):
            return None
        return cls(lat, lon, zoom)


def mercator_y(lat: float) -> float:
    """A latitude's place down a Web Mercator world of height 1 (0 at the top, 1 at the bottom)."""
    return (1 - math.log(math.tan(math.radians(lat)) + 1 / math.cos(math.radians(lat))) / math.pi) / 2


@dataclass(frozen=True)
class Frame:
    """What a map's frame takes from its dataset: where the data lies, and what the legend and search box list.

    The app rebuilds its map frame on every rerun; this part of it is worked
    out once per dataset (about 0.2 s for 100,000 events).
    """

    bounds: list[list[float]]
    sectors: list[str]
    statuses: tuple[str, ...]
    search: list[dict[str, Any]]

    @classmethod
    def of(cls, events: pd.DataFrame, waves: tuple[str, str]) -> Frame:
        statuses = site_status(events, waves).reindex(events["site_id"].unique()).fillna(OTHER_WAVES).unique()
        return cls(data_bounds(events), sorted(events["sector"].unique()), tuple(statuses), _search(events))


def _search(events: pd.DataFrame) -> list[dict[str, Any]]:
    """The search box's entries: sites only where their popups (and ids) are shipped whole, as site_data decides."""
    return search_entries(events, events.loc[events["lat"].notna(), "site_id"].nunique() <= FULL_POPUP_LIMIT)


def _base_map(
    bounds: list[list[float]],
    search: list[dict[str, Any]],
    view: View | None = None,
    *,
    lang: Lang,
    legend_from: int = LEGEND_OPEN_FROM,
) -> folium.Map:
    """Base layers and controls, fitted to ``bounds`` (leaving room for an open legend on a map at least
    ``legend_from`` pixels wide) or opened on ``view``."""
    if view is not None:
        fmap = folium.Map(location=[view.lat, view.lon], tiles=None, control_scale=True)
        fmap.options["zoom"] = view.zoom  # folium's zoom_start is typed a whole number; the map takes quarters
    else:  # fitted in the browser, with room for the controls, and for the legend where it starts open
        fmap = folium.Map(
            location=[(bounds[0][0] + bounds[1][0]) / 2, (bounds[0][1] + bounds[1][1]) / 2],
            zoom_start=6,
            tiles=None,
            control_scale=True,
        )
    # the map's own maxZoom (folium gives it to tiles only): marker clusters need one, and the
    # offline layer, which may replace the tiles before the markers arrive, has none
    fmap.options["maxZoom"] = MAX_ZOOM
    fmap.options["zoomSnap"] = ZOOM_SNAP
    drop_jquery(fmap)
    add_base_layers(fmap, lang, bounds)
    SearchControl(search, lang).add_to(fmap)
    FitControl(None if view is not None else bounds, legend_from=legend_from, lang=lang).add_to(fmap)
    add_manners(fmap, lang)
    return fmap


def add_manners(fmap: folium.Map, lang: Lang) -> None:
    """What every map does for its reader: popups above the controls and inside the map, credits and scale
    bar off the markers, on a touch screen one finger for the page and two for the map, the controls first
    for the Tab key, a page a phone's reader may zoom, and Leaflet's own buttons named in the reader's
    language."""
    PopupFit().add_to(fmap)
    ClearControls().add_to(fmap)
    TabOrder().add_to(fmap)
    GestureHandling(lang).add_to(fmap)
    ZoomableViewport().add_to(fmap)
    LeafletNames(lang).add_to(fmap)


def drop_jquery(fmap: folium.Map) -> None:
    """folium loads jQuery for its own popups; these maps make theirs without it (117 KB less a page)."""
    fmap.default_js = [(name, url) for name, url in fmap.default_js if name != "jquery"]


def add_base_layers(fmap: folium.Map, lang: Lang, bounds: list[list[float]]) -> None:
    """OpenStreetMap tiles where they load, the offline Natural Earth map where they do not (with the
    world's layers once the view or the data, ``bounds``, leaves Belarus)."""
    tiles = folium.TileLayer(TILES, name=i18n.t(lang, "layer_online"), max_zoom=MAX_ZOOM)
    offline = OfflineBasemap(i18n.t(lang, "layer_offline"), lang=lang, data_bounds=bounds)
    tiles.add_to(fmap)
    offline.add_to(fmap)
    TileFallback(tiles, offline).add_to(fmap)
    elements.page_of(fmap).header.add_child(folium.Element(CONTROL_CSS), name="strike_css")


def inline_world(fmap: folium.Map, area: list[list[float]]) -> None:
    """For an export of ``area``: its offline layer carries the world's shapes and towns there, inline."""
    for child in fmap._children.values():
        if isinstance(child, OfflineBasemap):
            child.inline_world(area)


def draw_as_vectors(fmap: folium.Map) -> None:
    """For a print: the offline layer draws its sea and the world's shapes with SVG, not on a canvas, which a
    PDF could keep only as a bitmap."""
    for child in fmap._children.values():
        if isinstance(child, OfflineBasemap):
            child.vector = True


def export_area(events: pd.DataFrame, view: View | None) -> list[list[float]]:
    """What an export may show: the reader's view, or the data with room around it (a map fitted to the
    data shows more than the data's box on one side or the other). Data inside Belarus' detailed layers
    needs no room: the map draws them without the world's, in the app as in the export."""
    if view is not None:
        return view.bounds()
    (south, west), (north, east) = bounds = data_bounds(events)
    if within(bounds, DETAIL_BOX):
        return bounds
    dlat, dlon = (north - south) / 2, (east - west) / 2
    return [[south - dlat, west - dlon], [north + dlat, east + dlon]]


def data_bounds(events: pd.DataFrame) -> list[list[float]]:
    """The located events' extent, never smaller than a town, or Belarus when nothing is located."""
    located = events[events["lat"].notna()]
    if located.empty:
        return BELARUS_BOUNDS
    pad = 0.05
    return [
        [located["lat"].min() - pad, located["lon"].min() - pad],
        [located["lat"].max() + pad, located["lon"].max() + pad],
    ]


def site_data(events: pd.DataFrame, status: pd.Series, waves: tuple[str, str], lang: Lang) -> SiteData:
    """One marker per located site, as columns, its texts in ``lang``: the part of a map worth caching per filter."""
    located = events[events["lat"].notna()]
    summary = site_summary(located, status)
    summary["status"] = summary["status"].fillna(OTHER_WAVES)
    summary["town"] = localized_towns(summary["town"], lang)
    # one icon per kind of marker; sites refer to theirs by number
    icon_of_site, kinds = combinations(summary["sector"], summary["status"], summary["precision"])
    order = {label: k for k, label in enumerate((*status_labels(waves), OTHER_WAVES))}
    lat, lon, centre = spread_stacked(summary)
    names = [datawords.site_name(lang, name, local) for name, local in zip(summary["name"], summary["local_name"])]
    columns: dict[str, Any] = {
        "lat": scaled(lat),
        "lon": scaled(lon),
        "icon": icon_of_site.tolist(),
        "status_index": summary["status"].map(order).tolist(),
        "name": dictionary(names),
        "town": dictionary(summary["town"].fillna("")),
        "centre": dictionary(centre),  # for sites set around their town's centre: the centre, for a spoke
        "labels": {
            "position": i18n.t(lang, "position_label"),
            "actions": i18n.t(lang, "actions_count", count="{n}"),
            "more": i18n.t(lang, "more_sites", count="{n}"),
            "cluster": i18n.t(lang, "cluster_label", count="{n}"),
            "clusterAt": i18n.t(lang, "cluster_label_at", count="{n}", town="{town}"),
            "describe": markup.map_description(summary["status"], summary["precision"], waves, lang),
            # the clusters' slices, lettered as the markers are, in the colours' order
            "letters": [markup.status_letters(waves, lang)[status] for status in order],
        },
    }
    if len(summary) <= FULL_POPUP_LIMIT:
        columns.update(full_popups(located, summary, names, waves, lang))
    else:  # the browser words each marker's name for screen readers from these columns
        columns.update(summary_popups(located, summary, waves, lang))
    icons = [markup.marker_svg(sector, kind, precision, waves, lang=lang) for sector, kind, precision in kinds]
    return SiteData.pack(columns, icons, tuple(summary["status"].unique()))


def spread_stacked(summary: pd.DataFrame) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Where to draw each site: as located, but town-level points that share a spot set on a ring;
    and, for those, the spot itself (their town's centre, "lat,lon" in scaled integers; "" for the rest).

    Only the drawing moves (the popup still says "town centre", and exports keep the
    town's coordinates); the ring grows with the number of sites so none overlap, and the
    browser draws a spoke from each to the centre, so the ring reads as an arrangement.
    """
    town = summary["precision"].eq("town")
    spot = summary.groupby([summary["lat"].round(5), summary["lon"].round(5), town], sort=False)
    count, rank = spot["lat"].transform("size"), spot.cumcount()
    stacked = town & count.gt(1)
    angle = 2 * np.pi * rank / count
    radius = SPREAD_DEGREES * np.sqrt(count / 3).clip(lower=1)
    lat = summary["lat"] + (radius * np.sin(angle)).where(stacked, 0.0)
    lon = summary["lon"] + (radius * np.cos(angle) / np.cos(np.radians(summary["lat"]))).where(stacked, 0.0)
    centre = pd.Series("", index=summary.index, dtype=object)
    if stacked.any():
        rows = summary[stacked]
        centre[stacked] = [f"{la},{lo}" for la, lo in zip(scaled(rows["lat"]), scaled(rows["lon"]))]
    return lat, lon, centre


def add_sites(
    target: folium.Map | folium.FeatureGroup, sites: SiteData, lang: Lang, empty: str = "", wave: str = ""
) -> None:
    """The site layer; ``empty`` is said over the map when there is no site to draw. It names its map
    for screen readers, by ``wave`` where two maps stand side by side."""
    label = i18n.t(lang, "map_label") + (f": {i18n.wave_name(lang, wave)}" if wave else "")
    SiteMarkers(
        sites,
        [FIRST_COLOUR, BOTH_COLOUR, SECOND_COLOUR, OTHER_COLOUR],
        MAX_ZOOM,
        empty=empty,
        map_label=label,
        landmark="region" if wave else "main",
    ).add_to(target)


def full_popups(
    located: pd.DataFrame, summary: pd.DataFrame, names: Sequence[str], waves: tuple[str, str], lang: Lang
) -> dict[str, list[str]]:
    """Each site's whole popup, tooltip and spoken name, made here, for a set small enough to ship whole."""
    by_site: dict[str, list[dict[str, Any]]] = {}
    for record in located.to_dict("records"):
        by_site.setdefault(record["site_id"], []).append(record)
    statuses = markup.spoken_statuses(waves, lang)
    return {
        "id": summary.index.tolist(),  # for the search box, which opens a site's popup
        "popup": [markup.popup_html(by_site[site_id], lang) for site_id in summary.index],
        "tooltip": [markup.tooltip_html(name, precision, lang) for name, precision in zip(names, summary["precision"])],
        "label": [
            markup.spoken_name(name, town, statuses[status], markup.position_label(precision, group, lang))
            for name, town, status, precision, group in zip(
                names, summary["town"], summary["status"], summary["precision"], summary["is_group"]
            )
        ],
    }


def summary_popups(located: pd.DataFrame, summary: pd.DataFrame, waves: tuple[str, str], lang: Lang) -> dict[str, Any]:
    """What a popup is built from in the browser: each site's fields, then every action of it, site by site.

    Plain text, each repeated value sent once; ``actions`` says how many of the
    action columns' rows belong to each site, in order.
    """
    places, kinds = combinations(summary["precision"], summary["is_group"])
    site_of_action, _ = pd.factorize(located["site_id"])  # first-seen order: the order of summary's rows
    actions = located[
        ["date_start", "date_end", "wave", "action_type", "quote", "size", "source_title", "source_url", "notes"]
    ].iloc[np.argsort(site_of_action, kind="stable")]
    # few distinct kinds of action: word each once, then index
    codes, kinds_of_action = combinations(
        actions["date_start"], actions["date_end"], actions["wave"], actions["action_type"]
    )
    when = [
        " · ".join((markup.date_label(start, end, lang), i18n.word(lang, wave), i18n.word(lang, action)))
        for start, end, wave, action in kinds_of_action
    ]
    return {
        "sector": dictionary(summary["sector"], lambda sector: i18n.word(lang, sector)),
        "position": {
            "values": [markup.position_label(precision, group, lang) for precision, group in kinds],
            "codes": places.tolist(),
        },
        "status": dictionary(summary["status"], markup.spoken_statuses(waves, lang).__getitem__),
        "actions": summary["actions"].tolist(),
        "when": {"values": when, "codes": codes.tolist()},
        "quote": dictionary(actions["quote"].fillna("")),
        "size": dictionary(actions["size"].fillna(""), lambda size: datawords.data_text(lang, size)),
        "source": dictionary(actions["source_title"].fillna("")),
        "url": dictionary(actions["source_url"], elements.web_link),
        "notes": dictionary(actions["notes"].fillna(""), lambda note: datawords.data_text(lang, note)),
    }


def build_map(
    events: pd.DataFrame,
    waves: tuple[str, str],
    status_events: pd.DataFrame | None = None,
    sites: SiteData | None = None,
    view: View | None = None,
    *,
    lang: Lang,
    legend: bool = True,
) -> folium.Map:
    """The main map: the given events, coloured by each site's status in ``status_events``.

    Status comes from a wider set of events than the ones shown (the filters
    minus wave and date) so that a site filtered to November still says it
    struck in August too. ``sites`` is site_data's result when the caller has
    it cached; the rest of a map is cheap to build. ``view`` opens the map
    where a reader was looking; without it the map fits the data.
    """
    if sites is None:
        sites = site_data(events, site_status(events if status_events is None else status_events, waves), waves, lang)
    fmap = _base_map(
        data_bounds(events), _search(events), view, lang=lang, legend_from=LEGEND_OPEN_FROM if legend else NO_LEGEND
    )
    add_sites(fmap, sites, lang)
    if legend:
        key = markup.legend_html(waves, sorted(events["sector"].unique()), sites.statuses, lang=lang)
        HtmlControl(key, "bottomright").add_to(fmap)
    folium.LayerControl(position="topleft", collapsed=True).add_to(fmap)
    return fmap


def frame_map(frame: Frame, waves: tuple[str, str], view: View | None = None, *, lang: Lang) -> folium.Map:
    """The app's map without its markers: base layers, legend and controls for the whole dataset.

    It is the same on every rerun, whatever the filters, so streamlit-folium
    keeps the map (and the reader's zoom and place) and only swaps the marker
    group (``marker_group``) in place. ``frame`` is the dataset's side of it
    (``Frame.of``); ``view`` is where it opens (a shared link's view); without
    one it fits the data.
    """
    fmap = _base_map(frame.bounds, frame.search, view, lang=lang)
    legend = markup.legend_html(waves, frame.sectors, frame.statuses, lang=lang)
    HtmlControl(legend, "bottomright", collapse_below=LEGEND_OPEN_FROM).add_to(fmap)
    folium.LayerControl(position="topleft", collapsed=True).add_to(fmap)
    return fmap


def marker_group(sites: SiteData, empty: str, lang: Lang) -> folium.FeatureGroup:
    """The markers, in a group of their own that streamlit-folium can replace without reloading the map.

    A filter or day with no site keeps the map and the reader's place on it; ``empty`` says so over the map.
    """
    group = folium.FeatureGroup(name="Strike sites", control=False)
    add_sites(group, sites, lang, empty)
    return group


def dual_site_data(events: pd.DataFrame, waves: tuple[str, str], lang: Lang) -> tuple[SiteData, SiteData]:
    """Each wave's sites, coloured by their status across both waves."""
    status = site_status(events, waves)
    return tuple(site_data(events[events["wave"] == wave], status, waves, lang) for wave in waves)  # type: ignore[return-value]


def build_dual_map(
    events: pd.DataFrame,
    waves: tuple[str, str],
    sites: tuple[SiteData, SiteData] | None = None,
    *,
    lang: Lang,
    view: View | None = None,
) -> DualMap:
    """The first wave on the left, the second on the right, panning and zooming together; opened on
    ``view`` (a link's, or where the reader was on the map), else fitted to the data."""
    sides = dual_site_data(events, waves, lang) if sites is None else sites
    bounds = data_bounds(events)
    if view is not None:
        dual = DualMap(
            location=[view.lat, view.lon], zoom_start=view.zoom, tiles=None, control_scale=True, layout="horizontal"
        )
    else:
        dual = DualMap(tiles=None, control_scale=True, layout="horizontal")
        dual.fit_bounds(bounds)
    for side, wave, data in zip((dual.m1, dual.m2), waves, sides):
        side.options["zoomSnap"] = ZOOM_SNAP
        drop_jquery(side)
        add_base_layers(side, lang, bounds)
        add_sites(side, data, lang, wave=wave)
        add_manners(side, lang)
        HtmlControl(markup.heading_html(i18n.wave_name(lang, wave)), "topright").add_to(side)
        folium.LayerControl(position="topleft", collapsed=True).add_to(side)
    statuses = tuple(dict.fromkeys(sides[0].statuses + sides[1].statuses))
    legend = markup.legend_html(waves, sorted(events["sector"].unique()), statuses, open_=False, lang=lang)
    HtmlControl(legend, "bottomright").add_to(dual.m2)
    return dual
