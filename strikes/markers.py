"""Strike sites on a map as columns of data: one folium plugin for ten sites or a hundred thousand.

A folium.Marker per site costs a Python object, a compiled template and a
block of JavaScript each: about 25 ms a site here, so seconds at a thousand.
Here the sites travel as a few JSON arrays, the browser builds the markers in
one loop and hands them to Leaflet.markercluster in bulk. Small sets carry
each site's full popup as pre-escaped HTML; large sets carry a short summary
per site, and the popup is built only when opened, with textContent, so user
text is never parsed as HTML.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from folium.map import Layer
from folium.plugins import MarkerCluster
from folium.template import Template

from .pagetext import DataElement, script_json


def site_summary(located: pd.DataFrame, status: pd.Series) -> pd.DataFrame:
    """One row per located site: where, what, its status, and its actions in brief (vectorised)."""
    grouped = located.groupby("site_id", sort=False)
    summary = grouped.agg(
        lat=("lat", "first"), lon=("lon", "first"), name=("name", "first"), local_name=("local_name", "first"),
        town=("town", "first"),
        sector=("sector", "first"), precision=("precision", "first"), is_group=("is_group", "first"), actions=("event_id", "size"),
        first=("date_start", "min"), last=("date_end", "max"), quote=("quote", "first"),
        source=("source_title", "first"),
    )
    summary["status"] = status.reindex(summary.index).to_numpy()
    return summary


@dataclass(frozen=True)
class SiteData:
    """One map's sites, already serialised: the costly part of a map, cacheable per filter.

    ``columns`` (JSON) holds lat, lon, icon (an index into ``icons``), status_index
    (into the cluster colours: a cluster is drawn as a pie of its sites'
    statuses), and then either ``popup`` (ready, escaped HTML per site) and
    ``tooltip``, or the summary fields the browser builds a popup from: name,
    town, sector, position, actions, dates, status, quote, source. ``icons``
    (JSON) lists each kind of marker's SVG, so a hundred thousand markers share
    a few dozen icon objects. ``statuses`` are those present, for the legend.
    """

    columns: str
    icons: str
    count: int
    statuses: tuple[str, ...]

    @classmethod
    def from_columns(cls, columns: dict[str, list], icons: list[str], statuses: tuple[str, ...]) -> SiteData:
        return cls(script_json(columns), script_json(icons), len(columns["lat"]), statuses)


class SiteMarkers(DataElement, Layer):
    """A marker cluster of sites given as columns (see SiteData), built in the browser in one loop."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function () {
            const d = {{ this.data_json }};
            const icons = {{ this.icons_json }};
            const made = {};
            function icon(key) {
                return made[key] || (made[key] = L.divIcon({
                    html: icons[key], className: "strike-marker", iconSize: [26, 26], iconAnchor: [13, 13]}));
            }
            function line(parent, tag, text) {
                const el = document.createElement(tag);
                el.textContent = text;
                parent.appendChild(el);
                return el;
            }
            function summary(i) {
                return function () {
                    const div = document.createElement("div");
                    div.className = "strike-popup";
                    line(div, "b", d.name[i]);
                    line(div, "div", [d.town[i], d.sector[i]].filter(Boolean).join(" · "));
                    line(div, "div", d.labels.position + ": " + d.position[i]).className = "where";
                    line(div, "div", d.labels.actions.replace("{n}", d.actions[i]) + ", " + d.dates[i] + " · " + d.status[i]);
                    line(div, "blockquote", "“" + d.quote[i] + "”");
                    line(div, "div", d.source[i]).className = "source";
                    return div;
                };
            }
            const colours = {{ this.cluster_colours_json }};
            function clusterIcon(cluster) {
                const counts = colours.map(function () { return 0; });
                cluster.getAllChildMarkers().forEach(function (m) { counts[m.options.status] += 1; });
                const total = cluster.getChildCount();
                let at = 0;
                const stops = counts.map(function (count, k) {
                    const from = at;
                    at += 360 * count / total;
                    return colours[k] + " " + from + "deg " + at + "deg";
                });
                const size = total < 10 ? 34 : total < 100 ? 40 : 46;
                const html = '<div class="strike-cluster" style="width:' + size + 'px;height:' + size +
                    'px;background:conic-gradient(' + stops.join(",") + ')"><span>' + total + "</span></div>";
                return L.divIcon({html: html, className: "strike-cluster-icon", iconSize: [size, size]});
            }
            const markers = new Array(d.lat.length);
            for (let i = 0; i < d.lat.length; i++) {
                const marker = L.marker([d.lat[i], d.lon[i]], {icon: icon(d.icon[i]), status: d.status_index[i]});
                marker.bindPopup(d.popup ? d.popup[i] : summary(i), {maxWidth: 380});
                if (d.tooltip) { marker.bindTooltip(d.tooltip[i]); }
                markers[i] = marker;
            }
            const cluster = L.markerClusterGroup(Object.assign({{ this.options|tojavascript }},
                                                               {iconCreateFunction: clusterIcon}));
            cluster.addLayers(markers);
            if (d.id) {  // the search box finds a site's marker by its id
                cluster.strikeMarkers = {};
                d.id.forEach(function (id, i) { cluster.strikeMarkers[id] = markers[i]; });
            }
            return cluster;
        })();
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    default_js = MarkerCluster.default_js
    default_css = MarkerCluster.default_css

    def __init__(self, sites: SiteData, cluster_colours: list[str], name: str = "Strike sites") -> None:
        super().__init__(name=name, overlay=True, control=True, show=True)
        self._name = "SiteMarkers"
        self.data_json = sites.columns
        self.icons_json = sites.icons
        self.cluster_colours_json = script_json(cluster_colours)
        self.options = {"chunkedLoading": True, "maxClusterRadius": 35, "showCoverageOnHover": False}
