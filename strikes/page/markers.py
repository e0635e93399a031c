"""Strike sites on a map as packed columns: one folium plugin for ten sites or a million.

A folium.Marker per site costs a Python object, a compiled template and a
block of JavaScript each: about 25 ms a site here, so seconds at a thousand.
Here the sites travel as one packed block of columns: coordinates as integers
of 1e-5 degrees, each repeated string once with a code per site, deflated and
base64-coded. The browser inflates it with its own DecompressionStream, puts
the points in supercluster's spatial index and draws only what is on screen:
a few hundred markers at any zoom, whatever the data's size. Popups are built
when opened, with textContent, or from HTML markup has already escaped; no
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

from .assets import plugin_js
from .elements import DataElement, script_json

SUPERCLUSTER_JS = "https://cdn.jsdelivr.net/npm/supercluster@9.1.0/dist/supercluster.min.js"
# Coordinates travel as integers of this many parts of a degree: 1e-5 degrees is about a metre.
COORDINATE_SCALE = 100_000
# zlib's fastest level: at a million events level 6 costs 0.7 s more for a page 10% smaller.
COMPRESSION = 1
# What a site's first event says of it: every event of a site shares these.
SITE_COLUMNS = ("lat", "lon", "name", "local_name", "town", "sector", "precision", "is_group")


def site_summary(located: pd.DataFrame, status: pd.Series) -> pd.DataFrame:
    """One row per located site: where, what, its status, and its actions in brief (vectorised).

    One first() over the columns, not a named aggregation per column: the same frame, in a fifth
    of the time on a day's few sites (a playback tick), and as fast at a million events.
    """
    grouped = located.groupby("site_id", sort=False)
    summary = grouped[list(SITE_COLUMNS)].first()
    summary["actions"] = grouped.size()
    summary["status"] = status.reindex(summary.index).to_numpy()
    return summary


def scaled(degrees: pd.Series | np.ndarray) -> list[int]:
    """Coordinates as whole numbers of 1e-5 degrees: half the characters of the decimals, and exact."""
    return np.rint(np.asarray(degrees, dtype=float) * COORDINATE_SCALE).astype(np.int64).tolist()


def dictionary(
    values: Sequence[Any] | pd.Series,
    label: Callable[[Any], Any] | None = None,
) -> list[Any] | dict[str, list[Any]]:
    """A text column with each repeated value once and a code per row, or whole where values rarely repeat.

    A column of one value is that value alone. ``label`` turns a value into its
    text (a translation, say), once per distinct value.
    """
    codes, uniques = pd.factorize(
        values if isinstance(values, pd.Series) else pd.Series(values, dtype=object), use_na_sentinel=False
    )
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
        document = json.dumps(
            {"columns": columns, "icons": icons}, ensure_ascii=False, allow_nan=False, separators=(",", ":")
        ).encode("utf-8")
        packed = base64.b64encode(zlib.compress(document, COMPRESSION)).decode("ascii")
        return cls(packed, statuses)

    def unpack(self) -> dict[str, Any]:
        """The document ``pack`` was given, as the browser will read it."""
        return json.loads(zlib.decompress(base64.b64decode(self.packed)))


class SiteMarkers(DataElement, Layer):
    """Sites given as packed columns (see SiteData), indexed by supercluster and drawn where the reader looks.

    The layer is a Leaflet plugin, static/js/strike-sites.js (``L.StrikeSites``); this element only
    hands it the packed block and its options (cluster colours, radius, zoom, scale) as JSON.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function () {
            const Sites = L.StrikeSites.extend({options: {{ this.options_json }}});
            return new Sites({{ this.packed_json }});
        })().addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    default_js = [("supercluster", SUPERCLUSTER_JS), ("strike_sites", plugin_js("strike-sites.js"))]

    def __init__(
        self,
        sites: SiteData,
        cluster_colours: list[str],
        max_zoom: int,
        name: str = "Strike sites",
        empty: str = "",
        map_label: str = "Map",
        landmark: str = "main",
    ) -> None:
        super().__init__(name=name, overlay=True, control=True, show=True)
        self._name = "SiteMarkers"
        self.packed_json = script_json(sites.packed)
        # radius in supercluster's 512-pixel tiles: 70 is 35 of Leaflet's screen pixels; listed: the most
        # sites a cluster too tight to part lists by name
        self.options_json = script_json(
            {
                "colours": cluster_colours,
                "radius": 70,
                "maxZoom": max_zoom,
                "scale": COORDINATE_SCALE,
                "listed": 50,
                "empty": empty,
                "mapLabel": map_label,
                "landmark": landmark,
            }
        )
