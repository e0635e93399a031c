"""Strike sites on a map as packed columns: one folium plugin for ten sites or a million.

A folium.Marker per site costs a Python object, a compiled template and a
block of JavaScript each: about 25 ms a site here, so seconds at a thousand.
Here the sites travel as one packed block of columns: coordinates as integers
of 1e-5 degrees, each repeated string once with a code per site, deflated and
base64-coded. The browser inflates it with its own DecompressionStream, puts
the points in supercluster's spatial index and draws only what is on screen:
a few hundred markers at any zoom, whatever the data's size. Popups are built
when opened, with textContent, or from HTML pagetext has already escaped; no
user text is ever part of the page's script source, which holds only base64.
"""

from __future__ import annotations

import base64
import json
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from folium.map import Layer
from folium.template import Template

from .pagetext import DataElement, script_json

SUPERCLUSTER_JS = "https://cdn.jsdelivr.net/npm/supercluster@9.1.0/dist/supercluster.min.js"
# Coordinates travel as integers of this many parts of a degree: 1e-5 degrees is about a metre.
COORDINATE_SCALE = 100_000
# zlib's fastest level: at a million events level 6 costs 0.7 s more for a page 10% smaller.
COMPRESSION = 1


def site_summary(located: pd.DataFrame, status: pd.Series) -> pd.DataFrame:
    """One row per located site: where, what, its status, and its actions in brief (vectorised)."""
    grouped = located.groupby("site_id", sort=False)
    summary = grouped.agg(
        lat=("lat", "first"), lon=("lon", "first"), name=("name", "first"), local_name=("local_name", "first"),
        town=("town", "first"),
        sector=("sector", "first"), precision=("precision", "first"), is_group=("is_group", "first"), actions=("event_id", "size"),
    )
    summary["status"] = status.reindex(summary.index).to_numpy()
    return summary


def scaled(degrees: pd.Series | np.ndarray) -> list[int]:
    """Coordinates as whole numbers of 1e-5 degrees: half the characters of the decimals, and exact."""
    return np.rint(np.asarray(degrees, dtype=float) * COORDINATE_SCALE).astype(np.int64).tolist()


def dictionary(values: Sequence[Any] | pd.Series, label: Callable[[Any], Any] | None = None,
               ) -> list[Any] | dict[str, list[Any]]:
    """A text column with each repeated value once and a code per row, or whole where values rarely repeat.

    A column of one value is that value alone. ``label`` turns a value into its
    text (a translation, say), once per distinct value.
    """
    codes, uniques = pd.factorize(values if isinstance(values, pd.Series) else pd.Series(values, dtype=object),
                                  use_na_sentinel=False)
    uniques = np.asarray(uniques, dtype=object)  # pyarrow strings iterate slowly, one Python object at a time
    texts = [label(value) for value in uniques] if label else uniques.tolist()
    if 2 * len(texts) > len(codes):
        return np.asarray(texts, dtype=object)[codes].tolist()
    if len(texts) == 1:
        return {"values": texts}
    return {"values": texts, "codes": codes.tolist()}


def combinations(*columns: pd.Series) -> tuple[np.ndarray, list[tuple[Any, ...]]]:
    """A code per row for its combination of the columns' values, and the combinations in order of first sight.

    What MultiIndex.factorize gives, without building a tuple per row (seconds at a million rows).
    """
    levels, combined = [], np.zeros(len(columns[0]), dtype=np.int64)
    for column in columns:
        codes, uniques = pd.factorize(column, use_na_sentinel=False)
        combined = combined * len(uniques) + codes
        levels.append(list(uniques))
    codes, seen = pd.factorize(combined)
    found = []
    for number in seen.tolist():
        parts = []
        for level in reversed(levels):
            number, at = divmod(number, len(level))
            parts.append(level[at])
        found.append(tuple(reversed(parts)))
    return codes, found


@dataclass(frozen=True)
class SiteData:
    """One map's sites, already packed: the costly part of a map, cacheable per filter.

    The packed columns (see ``pack``) are lat and lon (scaled integers), icon
    (an index into the icon list), status_index (into the cluster colours: a
    cluster is drawn as a pie of its sites' statuses), name, and then either
    ``popup`` (ready, escaped HTML per site), ``tooltip`` and ``id`` (for the
    search box), or what the browser builds a popup from: town, sector,
    position, status and the number of actions per site, then every action's
    when, quote, size, source, url and notes, site by site. ``statuses`` are
    those present, for the legend.
    """

    packed: str
    statuses: tuple[str, ...]

    @classmethod
    def pack(cls, columns: dict[str, Any], icons: list[str], statuses: tuple[str, ...]) -> SiteData:
        """Columns and icon SVGs as one deflated, base64-coded JSON document."""
        document = json.dumps({"columns": columns, "icons": icons}, ensure_ascii=False, allow_nan=False,
                              separators=(",", ":")).encode("utf-8")
        packed = base64.b64encode(zlib.compress(document, COMPRESSION)).decode("ascii")
        return cls(packed, statuses)

    def unpack(self) -> dict[str, Any]:
        """The document ``pack`` was given, as the browser will read it."""
        return json.loads(zlib.decompress(base64.b64decode(self.packed)))


class SiteMarkers(DataElement, Layer):
    """Sites given as packed columns (see SiteData), indexed by supercluster and drawn where the reader looks."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function () {
            const colours = {{ this.cluster_colours_json }};
            const options = {{ this.options|tojavascript }};
            function inflate(base64) {
                const chars = atob(base64), bytes = new Uint8Array(chars.length);
                for (let k = 0; k < chars.length; k++) { bytes[k] = chars.charCodeAt(k); }
                return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"))).json();
            }
            function text(column, i) {  // a list, or each value once and a code per row (none: one value)
                return Array.isArray(column) ? column[i] : column.values[column.codes ? column.codes[i] : 0];
            }
            function line(parent, tag, content) {
                const el = document.createElement(tag);
                el.textContent = content;
                parent.appendChild(el);
                return el;
            }
            const Sites = L.Layer.extend({
                strikeSites: true,  // how the search box and the fit button find this layer
                initialize: function (packed) {
                    this._group = L.layerGroup();
                    this._shown = new Map();  // what is drawn now: a site's index, or "c" and a cluster's id
                    this.ready = inflate(packed).then(this._load.bind(this));
                },
                _load: function (data) {
                    const d = this._d = data.columns, n = d.lat.length, status = d.status_index;
                    this._icons = data.icons.map(function (svg) {
                        return L.divIcon({html: svg, className: "strike-marker", iconSize: [26, 26], iconAnchor: [13, 13]});
                    });
                    this._lat = new Float64Array(n);
                    this._lon = new Float64Array(n);
                    const points = new Array(n);
                    for (let i = 0; i < n; i++) {
                        const lat = this._lat[i] = d.lat[i] / options.scale, lon = this._lon[i] = d.lon[i] / options.scale;
                        points[i] = {type: "Feature", geometry: {type: "Point", coordinates: [lon, lat]}, properties: {i: i}};
                    }
                    this._index = new Supercluster({
                        radius: options.radius, maxZoom: options.maxZoom,
                        map: function (p) {  // a cluster counts its sites per status, for its pie
                            const counts = {};
                            colours.forEach(function (_, k) { counts[k] = status[p.i] === k ? 1 : 0; });
                            return counts;
                        },
                        reduce: function (sum, p) { colours.forEach(function (_, k) { sum[k] += p[k]; }); },
                    }).load(points);
                    this._byId = new Map((d.id || []).map(function (id, i) { return [id, i]; }));
                    if (!d.popup) {  // where each site's actions start in the action columns
                        this._firstAction = new Int32Array(n + 1);
                        for (let i = 0; i < n; i++) { this._firstAction[i + 1] = this._firstAction[i] + d.actions[i]; }
                    }
                    this._update();
                },
                onAdd: function (map) {
                    this._group.addTo(map);
                    map.on("moveend", this._update, this);
                    this._update();
                },
                onRemove: function (map) {
                    map.off("moveend", this._update, this);
                    this._group.remove();
                    this._shown = new Map();
                    this._group.clearLayers();
                },
                getBounds: function () {  // for a FeatureGroup that holds this layer
                    const bounds = L.latLngBounds([]);
                    if (this._lat) { for (let i = 0; i < this._lat.length; i++) { bounds.extend([this._lat[i], this._lon[i]]); } }
                    return bounds;
                },
                _update: function () {
                    if (!this._map || !this._index) { return; }
                    const b = this._map.getBounds().pad(0.2);
                    const found = this._index.getClusters(
                        [b.getWest(), Math.max(b.getSouth(), -90), b.getEast(), Math.min(b.getNorth(), 90)],
                        Math.round(this._map.getZoom()));
                    const next = new Map();
                    for (const feature of found) {
                        const p = feature.properties, key = p.cluster ? "c" + p.cluster_id : p.i;
                        next.set(key, this._shown.get(key) || (p.cluster ? this._cluster(feature) : this._site(p.i)));
                    }
                    for (const [key, marker] of this._shown) { if (!next.has(key)) { this._group.removeLayer(marker); } }
                    for (const [key, marker] of next) { if (!this._shown.has(key)) { this._group.addLayer(marker); } }
                    this._shown = next;
                },
                _content: function (i) {
                    const d = this._d;
                    if (d.popup) { return text(d.popup, i); }
                    const div = document.createElement("div");
                    div.className = "strike-popup";
                    line(div, "b", text(d.name, i));
                    line(div, "div", [text(d.town, i), text(d.sector, i)].filter(Boolean).join(" · "));
                    line(div, "div", d.labels.position + ": " + text(d.position, i)).className = "where";
                    line(div, "div", d.labels.actions.replace("{n}", d.actions[i]) + " · " + text(d.status, i));
                    for (let k = this._firstAction[i]; k < this._firstAction[i + 1]; k++) {
                        const action = line(div, "div", "");
                        action.className = "action";
                        line(action, "b", text(d.when, k));
                        if (text(d.size, k)) { action.appendChild(document.createTextNode(" · " + text(d.size, k))); }
                        line(action, "blockquote", "“" + text(d.quote, k) + "”");
                        const source = line(action, text(d.url, k) ? "a" : "div", text(d.source, k));
                        if (text(d.url, k)) {
                            source.href = text(d.url, k);
                            source.target = "_blank";
                            source.rel = "noopener";
                            source.style.display = "block";
                        }
                        source.className = "source";
                        if (text(d.notes, k)) { line(action, "div", text(d.notes, k)).className = "note"; }
                    }
                    return div;
                },
                _site: function (i) {
                    const d = this._d, self = this;
                    const marker = L.marker([this._lat[i], this._lon[i]], {icon: this._icons[d.icon[i]]});
                    marker.bindPopup(function () { return self._content(i); }, {maxWidth: 380, maxHeight: 360});
                    if (d.tooltip) { marker.bindTooltip(text(d.tooltip, i)); }
                    return marker;
                },
                _cluster: function (feature) {
                    const p = feature.properties, total = p.point_count;
                    let at = 0;
                    const stops = colours.map(function (colour, k) {
                        const from = at;
                        at += 360 * p[k] / total;
                        return colour + " " + from + "deg " + at + "deg";
                    });
                    const size = total < 10 ? 34 : total < 100 ? 40 : 46;
                    const html = '<div class="strike-cluster" style="width:' + size + "px;height:" + size +
                        "px;background:conic-gradient(" + stops.join(",") + ')"><span>' + total + "</span></div>";
                    const latlng = [feature.geometry.coordinates[1], feature.geometry.coordinates[0]];
                    const marker = L.marker(latlng, {
                        icon: L.divIcon({html: html, className: "strike-cluster-icon", iconSize: [size, size]})});
                    marker.on("click", this._expand.bind(this, p.cluster_id, total, marker));
                    return marker;
                },
                _expand: function (id, total, marker) {
                    const map = this._map, zoom = this._index.getClusterExpansionZoom(id);
                    if (zoom <= map.getMaxZoom() && zoom > map.getZoom()) {
                        map.setView(marker.getLatLng(), zoom);
                        return;
                    }
                    // sites too close to part even at the closest zoom: list them, each opens its popup
                    const self = this, list = document.createElement("div");
                    list.className = "strike-popup";
                    this._index.getLeaves(id, options.listed).forEach(function (leaf) {
                        const i = leaf.properties.i, item = line(list, "a", text(self._d.name, i));
                        item.href = "#";
                        item.style.display = "block";
                        item.addEventListener("click", function (event) { event.preventDefault(); self._open(i); });
                    });
                    const more = total - options.listed;
                    if (more > 0) { line(list, "div", this._d.labels.more.replace("{n}", more)); }
                    L.popup({maxWidth: 380}).setLatLng(marker.getLatLng()).setContent(list).openOn(map);
                },
                _open: function (i) {
                    const marker = this._shown.get(i);
                    if (marker) { marker.openPopup(); return; }
                    L.popup({maxWidth: 380, maxHeight: 360}).setLatLng([this._lat[i], this._lon[i]]).setContent(this._content(i))
                        .openOn(this._map);
                },
                _alone: function (i, zoom) {  // drawn as itself, not in a cluster, at this zoom
                    const lat = this._lat[i], lon = this._lon[i], e = 1e-6;
                    return this._index.getClusters([lon - e, lat - e, lon + e, lat + e], zoom)
                        .some(function (f) { return !f.properties.cluster && f.properties.i === i; });
                },
                openSite: function (id) {  // the search box: go to a site, close enough to see it alone, and open it
                    const self = this;
                    return this.ready.then(function () {
                        const i = self._byId.get(id), map = self._map;
                        if (i === undefined || !map) { return false; }
                        let zoom = Math.max(map.getZoom(), 14);
                        while (zoom < map.getMaxZoom() && !self._alone(i, zoom)) { zoom++; }
                        map.setView([self._lat[i], self._lon[i]], zoom, {animate: false});
                        self._update();
                        self._open(i);
                        return true;
                    });
                },
            });
            return new Sites({{ this.packed_json }});
        })();
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    default_js = [("supercluster", SUPERCLUSTER_JS)]

    def __init__(self, sites: SiteData, cluster_colours: list[str], max_zoom: int, name: str = "Strike sites") -> None:
        super().__init__(name=name, overlay=True, control=True, show=True)
        self._name = "SiteMarkers"
        self.packed_json = script_json(sites.packed)
        self.cluster_colours_json = script_json(cluster_colours)
        # radius in supercluster's 512-pixel tiles: 70 is 35 of Leaflet's screen pixels
        self.options = {"radius": 70, "maxZoom": max_zoom, "scale": COORDINATE_SCALE, "listed": 50}
