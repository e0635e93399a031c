"""The events as the browser reads them: every column of the events frame, each repeated value once.

The edition filters, counts, tables and downloads in the browser, so it ships the validated events
frame whole, as columns: each column's distinct values once and a code per row (a site's name, a
wave, a town repeat across thousands of rows). Dates travel as their ISO text and as milliseconds
since 1970 read as UTC, which is how strikes.core.filters compares them (naive timestamps); the
browser never parses a date string. What depends on the reader's language (names, towns, the
vocabularies' words, date labels, marker icons) is in ``words``, one document per language, aligned
with these columns' values.
"""

from __future__ import annotations

from datetime import date
from itertools import permutations
from typing import Any

import numpy as np
import pandas as pd

from ..core import catalogues, compare, filters, i18n, schema
from ..core.compare import OTHER_WAVES, status_labels
from ..core.dataname import DataName
from ..core.i18n import Lang
from ..core.publicurl import public_url
from ..data import datawords
from ..data.placenames import town_name
from ..page import about, elements, markup
from ..page.icons import BOTH_COLOUR, FIRST_COLOUR, OTHER_COLOUR, SECOND_COLOUR
from ..page.mapview import spread_stacked
from ..page.markers import combinations, scaled

# Marker icons are made for every ordered pair of waves up to this many waves (an upload may have more;
# then only the pairs of the first ones in time can be compared in the edition).
PAIR_WAVES = 6
# An upload's About lists its first sources only (a file of 100,000 events may cite as many).
SOURCES_LISTED = 50
STATUS_COLOURS = [FIRST_COLOUR, BOTH_COLOUR, SECOND_COLOUR, OTHER_COLOUR]
_EPOCH = pd.Timestamp("1970-01-01")


def _iso(value: pd.Timestamp) -> str:
    """A date as YYYY-MM-DD, with its time only when it has one (as the CSV export writes it)."""
    return value.date().isoformat() if value == value.normalize() else value.isoformat()


def _plain(value: Any) -> Any:
    """A cell as a JSON value: missing as null, numpy scalars as Python's."""
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def column(values: pd.Series) -> dict[str, Any]:
    """One column as its distinct values (first seen first; missing as null) and a code per row."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    if values.dtype.kind == "M":
        found = pd.DatetimeIndex(uniques)
        return {
            "values": [_iso(day) for day in found],
            "ms": ((found - _EPOCH) // pd.Timedelta(milliseconds=1)).tolist(),
            "codes": codes.tolist(),
        }
    return {"values": [_plain(v) for v in np.asarray(uniques, dtype=object)], "codes": codes.tolist()}


def pair_key(order: list[str], waves: tuple[str, str]) -> str:
    """A pair of waves as the browser keys it: their places in time order ("0,1")."""
    return f"{order.index(waves[0])},{order.index(waves[1])}"


def wave_pairs(events: pd.DataFrame) -> list[tuple[str, str]]:
    """The pairs a reader may compare: every ordered pair of the first PAIR_WAVES waves in time, or the one
    wave against none."""
    order = compare.waves_in_order(events)
    if len(order) < 2:
        return [compare.pick_pair(order)]
    return list(permutations(order[:PAIR_WAVES], 2))


def edition_data(events: pd.DataFrame) -> dict[str, Any]:
    """The language-free document: every events column, the sites' drawn points, the waves and days."""
    cols = {name: column(events[name]) for name in schema.EVENT_COLUMNS}
    sites = pd.Index(cols["site_id"]["values"])
    first = events.drop_duplicates("site_id").set_index("site_id").reindex(sites)
    located = first[first["lat"].notna()]
    lat, lon, centre = spread_stacked(located)
    drawn = pd.DataFrame({"lat": scaled(lat), "lon": scaled(lon), "centre": centre.tolist()}, index=located.index)
    drawn = drawn.reindex(sites)
    when, _ = combinations(events["date_start"], events["date_end"], events["wave"], events["action_type"])
    order = compare.waves_in_order(events)
    span = filters.date_span(events)
    play = filters.play_days(span)
    return {
        "columns": cols,
        "sites": {
            "lat": [None if pd.isna(v) else int(v) for v in drawn["lat"]],
            "lon": [None if pd.isna(v) else int(v) for v in drawn["lon"]],
            "centre": [v if isinstance(v, str) else "" for v in drawn["centre"]],
        },
        "when": when.tolist(),
        "waves": order,
        "pairs": [
            pair_key(order, pair) if pair[1] != compare.NO_SECOND_WAVE else "0,-1" for pair in wave_pairs(events)
        ],
        "options": filters.options(events),
        "span": [span[0].isoformat(), span[1].isoformat()],
        "play": [play[0].isoformat(), play[1].isoformat()],
        "colours": STATUS_COLOURS,
    }


def _pair_words(events: pd.DataFrame, waves: tuple[str, str], lang: Lang) -> dict[str, Any]:
    """A pair's statuses in ``lang`` (names, spoken names, letters, in status order) and its marker icons,
    one per sector, solid or hollow and status (index ((sector * 2) + hollow) * 4 + status)."""
    labels = (*status_labels(waves), OTHER_WAVES)
    names, spoken, letters = (
        markup.status_names(waves, lang),
        markup.spoken_statuses(waves, lang),
        markup.status_letters(waves, lang),
    )
    icons = [
        markup.marker_svg(sector, status, precision, waves, lang=lang)
        for sector in sorted(events["sector"].unique())
        for precision in ("site", "town")
        for status in labels
    ]
    return {
        "names": [names[s] for s in labels],
        "spoken": [spoken[s] for s in labels],
        "letters": [letters[s] for s in labels],
        "icons": icons,
        "legend": markup.legend_html(waves, sorted(events["sector"].unique()), labels, lang=lang),
    }


def about_words(
    events: pd.DataFrame, sources: pd.DataFrame | None, updated: date, lang: Lang, name: DataName, url: str = ""
) -> dict[str, Any]:
    """About this map in ``lang``, as plain text: the sources (the curated data's articles, or an upload's
    source titles), how the points were placed, how to cite it (the edition's own public ``url`` where one
    was given, else "{url}" left for the page's address) and the licence. An upload's is dated by the build."""
    if sources is None:
        found = events.drop_duplicates("source_title").head(SOURCES_LISTED)
        listed = [
            {"title": str(row.source_title), "publisher": "", "published": "", "url": elements.web_link(row.source_url)}
            for row in found.itertuples()
        ]
    else:
        listed = [
            {
                "title": str(row.title),
                "publisher": str(row.publisher),
                "published": i18n.long_date(lang, row.published.date()),
                "url": elements.web_link(row.url),
            }
            for row in sources.sort_values("published").itertuples()
        ]
    day = i18n.long_date(lang, updated)
    return {
        "sources": listed,
        "points": i18n.t(lang, "about_points", **about.placing(events)),
        "cite": i18n.t(
            lang, "cite", title=name.title(lang), updated=day, url=public_url(url) or "{url}", licence=about.LICENCE
        ),
        "licence": i18n.t(lang, "about_licence", licence=about.LICENCE, updated=day),
    }


def other_name(name: str, local: Any, lang: Lang) -> str:
    """The name a popup gives under the site's name in ``lang``: the other of its English and local names,
    as strikes.page.markup.popup_html words it ("" for a site with one name)."""
    shown = datawords.site_name(lang, name, local)
    other = name if shown != name else local
    return "" if other is None or other != other else str(other)


def edition_words(
    events: pd.DataFrame, lang: Lang, name: DataName, sources: pd.DataFrame | None, updated: date, url: str = ""
) -> dict[str, Any]:
    """Every word the edition shows in ``lang``: the catalogue, the data's words aligned with edition_data's
    column values, and each pair's statuses and icons. All plain text (the page sets it as textContent),
    but for the legend and icons, which strikes.page.markup has escaped."""
    order = compare.waves_in_order(events)
    values = {n: column(events[n])["values"] for n in ("site_id", "town", "sector", "oblast", "wave", "action_type")}
    firsts = events.drop_duplicates("site_id").set_index("site_id").reindex(values["site_id"])
    _, kinds = combinations(events["date_start"], events["date_end"], events["wave"], events["action_type"])
    pairs = {}
    for pair in wave_pairs(events):
        key = pair_key(order, pair) if pair[1] != compare.NO_SECOND_WAVE else "0,-1"
        pairs[key] = _pair_words(events, pair, lang)
    vocabulary = {
        str(v): i18n.word(lang, v)
        for n in ("sector", "oblast", "wave", "action_type")
        for v in values[n]
        if v is not None
    }
    return {
        "lang": lang,
        "title": name.title(lang),
        "label": name.label(),  # the downloads' file names begin with it
        "t": catalogues.interface(lang),
        "months": i18n.month_names(lang),
        "monthNames": i18n.month_titles(lang),  # a month standing alone, as the date selects list it
        "word": vocabulary,
        "waveName": {str(w): i18n.wave_name(lang, w) for w in order},
        # the dataset's notes and sizes in ``lang``, by their English text (an upload's own stay as written)
        "text": {
            v: datawords.data_text(lang, v)
            for v in pd.unique(events[["size", "notes"]].stack().dropna())
            if datawords.data_text(lang, v) != v
        },
        "town": [town_name(v, lang) if v is not None else "" for v in values["town"]],
        "siteName": [datawords.site_name(lang, n, local) for n, local in zip(firsts["name"], firsts["local_name"])],
        "siteOther": [other_name(n, local, lang) for n, local in zip(firsts["name"], firsts["local_name"])],
        "position": [markup.position_label(p, g, lang) for p, g in zip(firsts["precision"], firsts["is_group"])],
        "when": [
            " · ".join((markup.date_label(start, end, lang), i18n.word(lang, wave), i18n.word(lang, kind)))
            for start, end, wave, kind in kinds
        ],
        "pairs": pairs,
        "languages": dict(i18n.LANGUAGES),
        "about": about_words(events, sources, updated, lang, name, url),
    }
