"""Folium maps of the filtered events: one marker per site, and August beside November.

Each marker says three things without relying on colour alone: the site's
wave status (colour and a letter), its sector (the shape) and how far to
trust its position (a solid outline at the workplace, a dashed, paler one at a
town centre). Every piece of text from the data is escaped before it becomes
HTML, since an uploaded dataset is anyone's text.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from html import escape
from typing import Any

import folium
import numpy as np
import pandas as pd
from branca.element import MacroElement
from folium.plugins import DualMap
from folium.template import Template

from .basemap import TileFallback, offline_base_layer
from .compare import BOTH, OTHER_WAVES, site_status, status_labels
from .markers import SiteData, SiteMarkers, script_json, site_summary

# Okabe-Ito colours, distinguishable with the common colour-vision deficiencies;
# a cluster's pie shows sites in both waves in the purple the split marker reads as.
FIRST_COLOUR, SECOND_COLOUR, BOTH_COLOUR = "#E69F00", "#0072B2", "#8E5BA6"
OTHER_COLOUR = "#999999"
BELARUS_BOUNDS = [[51.26, 23.18], [56.17, 32.78]]
TILES_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
TILES_ATTR = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
OFFLINE_NAME = "Offline map (Natural Earth)"
# Above this many sites, popups are built in the browser from a short summary instead of
# shipped whole. Measured here: whole popups cost about 0.1 ms and 0.7 KB a site (1,500
# sites: 0.24 s and 1.2 MB against 0.08 s and 0.5 MB), so past a thousand sites they
# would eat most of a 200 ms rerun.
FULL_POPUP_LIMIT = 1000

SECTOR_SHAPES: dict[str, str] = {
    "manufacturing": "square",
    "chemicals": "hexagon",
    "mining": "triangle-down",
    "energy": "star",
    "transport": "circle",
    "health": "cross",
    "education": "triangle",
    "culture": "diamond",
    "construction": "pentagon",
    "food": "octagon",
    "forestry": "fir",
    "research": "star6",
    "public services": "x",
}
DEFAULT_SHAPE = "circle"
PRECISION_LABELS = {
    "site": "at the workplace",
    "town": "town centre: the workplace's own location is not known",
}


def _polygon(points: Iterable[tuple[float, float]]) -> str:
    return "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in points) + " Z"


def _regular(sides: int, radius: float = 10.5, turn: float = -90.0, inner: float | None = None) -> str:
    """A regular polygon (or a star, given an inner radius) centred in a 24x24 box."""
    count = sides * 2 if inner else sides
    points = []
    for i in range(count):
        r = inner if inner and i % 2 else radius
        angle = math.radians(turn + 360.0 * i / count)
        points.append((12 + r * math.cos(angle), 12 + r * math.sin(angle)))
    return _polygon(points)


SHAPE_PATHS: dict[str, str] = {
    "circle": "M12,1.5 A10.5,10.5 0 1 1 11.99,1.5 Z",
    "square": _polygon([(2.5, 2.5), (21.5, 2.5), (21.5, 21.5), (2.5, 21.5)]),
    "triangle": _regular(3, 12, -90),
    "triangle-down": _regular(3, 12, 90),
    "diamond": _regular(4, 11.5, -90),
    "pentagon": _regular(5, 11),
    "hexagon": _regular(6, 11, 0),
    "octagon": _regular(8, 11, 22.5),
    "star": _regular(5, 12, -90, inner=5.5),
    "star6": _regular(6, 12, -90, inner=7),
    "cross": _polygon([(8, 1.5), (16, 1.5), (16, 8), (22.5, 8), (22.5, 16), (16, 16), (16, 22.5),
                       (8, 22.5), (8, 16), (1.5, 16), (1.5, 8), (8, 8)]),
    "x": _polygon([(5, 1.5), (12, 8.5), (19, 1.5), (22.5, 5), (15.5, 12), (22.5, 19), (19, 22.5),
                   (12, 15.5), (5, 22.5), (1.5, 19), (8.5, 12), (1.5, 5)]),
    "fir": _polygon([(12, 0.5), (20, 22.5), (4, 22.5)]),
}


def status_letters(waves: tuple[str, str]) -> dict[str, str]:
    """The letter drawn on a marker for each status: a second cue beside the colour."""
    first, second = (w[:1].upper() for w in waves)
    only_first, both, only_second = status_labels(waves)
    return {only_first: first, both: f"{first}{second}", only_second: second, OTHER_WAVES: "·"}


def marker_svg(sector: str, status: str, precision: str, waves: tuple[str, str], size: int = 26) -> str:
    """An inline SVG marker: shape from the sector, fill from the status, outline from precision."""
    only_first, both, only_second = status_labels(waves)
    path = SHAPE_PATHS[SECTOR_SHAPES.get(sector, DEFAULT_SHAPE)]
    fills = {only_first: FIRST_COLOUR, both: "url(#split)", only_second: SECOND_COLOUR, OTHER_WAVES: OTHER_COLOUR}
    fill = fills[status]
    if precision == "site":
        stroke = 'stroke="#1a1a1a" stroke-width="1.6" fill-opacity="1"'
    else:
        stroke = 'stroke="#1a1a1a" stroke-width="1.4" stroke-dasharray="2.5 1.8" fill-opacity="0.55"'
    letter = escape(status_letters(waves)[status])
    font = 8.5 if len(letter) > 1 else 10
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 24 24">'
        f'<defs><linearGradient id="split"><stop offset="50%" stop-color="{FIRST_COLOUR}"/>'
        f'<stop offset="50%" stop-color="{SECOND_COLOUR}"/></linearGradient></defs>'
        f'<path d="{path}" fill="{fill}" {stroke}/>'
        f'<text x="12" y="12" dy="0.35em" text-anchor="middle" font-family="DejaVu Sans, Arial, sans-serif" '
        f'font-size="{font}" font-weight="bold" fill="#fff" stroke="#000" stroke-width="0.6" '
        f'paint-order="stroke">{letter}</text></svg>'
    )


def _text(value: Any) -> str:
    """Escaped text, or empty for a missing value."""
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA else escape(str(value))


def date_label(start: pd.Timestamp, end: pd.Timestamp) -> str:
    if start == end:
        return f"{start:%d %b %Y}"
    return f"{start:%d}–{end:%d %b %Y}" if (start.year, start.month) == (end.year, end.month) else f"{start:%d %b %Y}–{end:%d %b %Y}"


def safe_url(url: Any) -> str | None:
    """An escaped http(s) link, or None: no javascript: or data: URL from the data becomes a link."""
    text = _text(url)
    return text if text.lower().startswith(("https://", "http://")) else None


def popup_html(actions: list[dict[str, Any]]) -> str:
    """Why this point is on the map: the site, how it was located, and each action in the source's words."""
    site = actions[0]
    local = f'<div class="local">{_text(site["local_name"])}</div>' if _text(site["local_name"]) else ""
    place = ", ".join(p for p in (_text(site["town"]), _text(site["oblast"])) if p)
    where = _text(PRECISION_LABELS.get(site["precision"], "not located"))
    parts = [
        f'<div class="strike-popup"><b>{_text(site["name"])}</b>{local}',
        f'<div>{place} &middot; {_text(site["sector"])}</div>',
        f'<div class="where"><i>Position: {where}</i> ({_text(site["geocode_source"])})</div>',
    ]
    if _text(site["site_notes"]):
        parts.append(f'<div class="note">{_text(site["site_notes"])}</div>')
    for action in actions:
        size = f" &middot; {_text(action['size'])}" if _text(action["size"]) else ""
        url = safe_url(action["source_url"])
        title = _text(action["source_title"])
        source = f'<a href="{url}" target="_blank" rel="noopener">{title}</a>' if url else title
        note = f'<div class="note">{_text(action["notes"])}</div>' if _text(action["notes"]) else ""
        parts.append(
            f'<div class="action"><b>{date_label(action["date_start"], action["date_end"])}</b> '
            f"&middot; {_text(action['wave'])} &middot; {_text(action['action_type'])}{size}"
            f"<blockquote>&ldquo;{_text(action['quote'])}&rdquo;</blockquote>"
            f'<div class="source">{source}</div>{note}</div>'
        )
    parts.append("</div>")
    return "".join(parts)


class HtmlControl(MacroElement):
    """A Leaflet control holding fixed HTML (a legend, a title): part of the map, so exports keep it.

    The HTML is passed to the page as a JSON string, never spliced into the script.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            const control = L.control({position: {{ this.position|tojson }}});
            control.onAdd = function () {
                const div = L.DomUtil.create("div", {{ this.css_class|tojson }});
                div.innerHTML = {{ this.html_json }};
                L.DomEvent.disableClickPropagation(div);
                L.DomEvent.disableScrollPropagation(div);
                return div;
            };
            control.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, html: str, position: str = "bottomleft", css_class: str = "strike-control") -> None:
        super().__init__()
        self._name = "HtmlControl"
        self.html_json = script_json(html)
        self.position = position
        self.css_class = css_class


CONTROL_CSS = """
<style>
.strike-control{background:rgba(255,255,255,.93);padding:6px 9px;border-radius:5px;
 box-shadow:0 1px 4px rgba(0,0,0,.35);font:12px/1.35 "DejaVu Sans",Arial,sans-serif;color:#222;max-width:340px}
.strike-control h4{margin:2px 0 3px;font-size:12px}
.strike-control summary{cursor:pointer}
.strike-cluster{border-radius:50%;position:relative;box-shadow:0 0 0 2px #fff,0 1px 4px rgba(0,0,0,.5)}
.strike-cluster span{position:absolute;top:50%;left:50%;transform:translate(-50%,-50%);background:#fff;
 border-radius:11px;min-width:22px;height:22px;line-height:22px;text-align:center;
 font:bold 12px "DejaVu Sans",Arial,sans-serif;color:#222;padding:0 2px;box-sizing:border-box}
.strike-cluster-icon{background:none;border:none}
.strike-control .row{display:flex;align-items:center;gap:5px;margin:1px 0}
.strike-control .cols{display:grid;grid-template-columns:1fr 1fr;column-gap:8px}
.strike-title{font-size:13px;max-width:520px}
.strike-popup blockquote{margin:4px 0 2px 0;padding-left:6px;border-left:3px solid #bbb;font-style:italic}
.strike-popup .local{color:#555}.strike-popup .where{color:#555;margin:3px 0}
.strike-popup .note{color:#555;font-size:11px}.strike-popup .action{margin-top:6px}
.strike-popup .source{font-size:11px}
</style>
"""


def legend_html(
    waves: tuple[str, str], sectors: Iterable[str], statuses: Iterable[str], open_: bool = True
) -> str:
    """The key to the markers: the statuses and sectors on this map, and the two outlines."""
    labels = status_labels(waves)
    first, second = (w.capitalize() for w in waves)
    names = {labels[0]: f"{first} only", BOTH: f"Both {first} and {second}", labels[2]: f"{second} only",
             OTHER_WAVES: "Other waves only"}
    rows = [f'<details{" open" if open_ else ""}><summary><b>Legend</b></summary><h4>Struck in</h4>']
    for status in (label for label in (*labels, OTHER_WAVES) if label in set(statuses)):
        rows.append(f'<div class="row">{marker_svg("", status, "site", waves, 18)}{escape(names[status])}</div>')
    pie = (f'<span class="strike-cluster" style="width:18px;height:18px;display:inline-block;background:'
           f'conic-gradient({FIRST_COLOUR} 0 150deg,{BOTH_COLOUR} 150deg 240deg,{SECOND_COLOUR} 240deg)"></span>')
    rows.append(f'<div class="row">{pie}a group of sites: its share of each</div>')
    rows.append('<h4 style="margin-top:5px">Position</h4>')
    rows.append(f'<div class="row">{marker_svg("", labels[0], "site", waves, 18)}at the workplace</div>')
    rows.append(f'<div class="row">{marker_svg("", labels[0], "town", waves, 18)}town centre only (dashed)</div>')
    rows.append('<h4 style="margin-top:5px">Sector</h4><div class="cols">')
    for sector in sectors:
        rows.append(f'<div class="row">{marker_svg(sector, labels[0], "site", waves, 16)}{escape(sector)}</div>')
    rows.append("</div></details>")
    return "".join(rows)


def _base_map(bounds: list[list[float]], **kwargs: Any) -> folium.Map:
    fmap = folium.Map(tiles=None, control_scale=True, **kwargs)
    # room for the controls on the left and the legend on the right, so no site starts under them
    fmap.fit_bounds(bounds, padding_top_left=(56, 24), padding_bottom_right=(250, 24))
    add_base_layers(fmap)
    return fmap


def add_base_layers(fmap: folium.Map) -> None:
    """OpenStreetMap tiles where they load, the offline Natural Earth map where they do not."""
    tiles = folium.TileLayer(TILES_URL, attr=TILES_ATTR, name="OpenStreetMap (online)", max_zoom=18)
    offline = offline_base_layer(OFFLINE_NAME)
    tiles.add_to(fmap)
    offline.add_to(fmap)
    TileFallback(tiles, offline).add_to(fmap)
    fmap.get_root().header.add_child(folium.Element(CONTROL_CSS), name="strike_css")


def data_bounds(events: pd.DataFrame) -> list[list[float]]:
    """The located events' extent, never smaller than a town, or Belarus when nothing is located."""
    located = events[events["lat"].notna()]
    if located.empty:
        return BELARUS_BOUNDS
    pad = 0.05
    return [[located["lat"].min() - pad, located["lon"].min() - pad],
            [located["lat"].max() + pad, located["lon"].max() + pad]]


def site_data(events: pd.DataFrame, status: pd.Series, waves: tuple[str, str]) -> SiteData:
    """One marker per located site, as columns: the part of a map worth caching per filter."""
    located = events[events["lat"].notna()]
    summary = site_summary(located, status)
    summary["status"] = summary["status"].fillna(OTHER_WAVES)
    # one icon per kind of marker; sites refer to theirs by number
    icon_of_site, kinds = pd.MultiIndex.from_frame(summary[["sector", "status", "precision"]]).factorize()
    order = {label: k for k, label in enumerate((*status_labels(waves), OTHER_WAVES))}
    columns: dict[str, list] = {
        "lat": summary["lat"].round(5).tolist(),
        "lon": summary["lon"].round(5).tolist(),
        "icon": icon_of_site.tolist(),
        "status_index": summary["status"].map(order).tolist(),
    }
    if len(summary) <= FULL_POPUP_LIMIT:
        columns.update(full_popups(located, summary))
    else:
        columns.update(summary_popups(summary))
    icons = [marker_svg(sector, kind, precision, waves) for sector, kind, precision in kinds]
    return SiteData.from_columns(columns, icons, tuple(summary["status"].unique()))


def add_sites(target: folium.Map, sites: SiteData) -> None:
    SiteMarkers(sites, [FIRST_COLOUR, BOTH_COLOUR, SECOND_COLOUR, OTHER_COLOUR]).add_to(target)


def full_popups(located: pd.DataFrame, summary: pd.DataFrame) -> dict[str, list[str]]:
    """Each site's whole popup and tooltip, escaped here, for a set small enough to ship whole."""
    by_site: dict[str, list[dict[str, Any]]] = {}
    for record in located.to_dict("records"):
        by_site.setdefault(record["site_id"], []).append(record)
    town_note = summary["precision"].map({"town": " (town centre)"}).fillna("")
    return {
        "popup": [popup_html(by_site[site_id]) for site_id in summary.index],
        "tooltip": [f"{_text(name)}{note}" for name, note in zip(summary["name"], town_note)],
    }


def summary_popups(summary: pd.DataFrame) -> dict[str, list]:
    """The few fields a popup is built from in the browser, as plain text (no per-row Python)."""
    # few distinct date spans: format each once, then index
    codes, spans = pd.MultiIndex.from_arrays([summary["first"], summary["last"]]).factorize()
    dates = np.array([date_label(first, last) for first, last in spans], dtype=object)[codes].tolist()
    return {
        "name": summary["name"].tolist(),
        "town": summary["town"].fillna("").tolist(),
        "sector": summary["sector"].tolist(),
        "position": summary["precision"].map(PRECISION_LABELS).tolist(),
        "status": summary["status"].tolist(),
        "actions": summary["actions"].tolist(),
        "dates": dates,
        "quote": summary["quote"].fillna("").str.slice(0, 240).tolist(),
        "source": summary["source"].fillna("").tolist(),
    }


def build_map(
    events: pd.DataFrame, waves: tuple[str, str], status_events: pd.DataFrame | None = None,
    title_html: str | None = None, sites: SiteData | None = None,
) -> folium.Map:
    """The main map: the given events, coloured by each site's status in ``status_events``.

    Status comes from a wider set of events than the ones shown (the filters
    minus wave and date) so that a site filtered to November still says it
    struck in August too. ``sites`` is site_data's result when the caller has
    it cached; the rest of a map is cheap to build.
    """
    if sites is None:
        sites = site_data(events, site_status(events if status_events is None else status_events, waves), waves)
    fmap = _base_map(data_bounds(events))
    add_sites(fmap, sites)
    legend = legend_html(waves, sorted(events["sector"].unique()), sites.statuses)
    HtmlControl(legend, "bottomright").add_to(fmap)
    if title_html:
        HtmlControl(title_html, "topright", "strike-control strike-title").add_to(fmap)
    folium.LayerControl(position="topleft", collapsed=True).add_to(fmap)
    return fmap


def dual_site_data(events: pd.DataFrame, waves: tuple[str, str]) -> tuple[SiteData, SiteData]:
    """Each wave's sites, coloured by their status across both waves."""
    status = site_status(events, waves)
    return tuple(site_data(events[events["wave"] == wave], status, waves) for wave in waves)  # type: ignore[return-value]


def build_dual_map(
    events: pd.DataFrame, waves: tuple[str, str], sites: tuple[SiteData, SiteData] | None = None
) -> DualMap:
    """The first wave on the left, the second on the right, panning and zooming together."""
    sides = dual_site_data(events, waves) if sites is None else sites
    dual = DualMap(tiles=None, control_scale=True, layout="horizontal")
    dual.fit_bounds(data_bounds(events))
    for side, wave, data in zip((dual.m1, dual.m2), waves, sides):
        add_base_layers(side)
        add_sites(side, data)
        HtmlControl(f"<h4>{escape(wave.capitalize())}</h4>", "topright").add_to(side)
        folium.LayerControl(position="topleft", collapsed=True).add_to(side)
    statuses = tuple(dict.fromkeys(sides[0].statuses + sides[1].statuses))
    legend = legend_html(waves, sorted(events["sector"].unique()), statuses, open_=False)
    HtmlControl(legend, "bottomright").add_to(dual.m2)
    return dual
