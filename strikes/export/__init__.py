"""Exports of the filtered map and data: PNG and HTML snapshots, CSV and GeoJSON.

A snapshot leaves the app and loses its context, so it carries that context
with it: a title saying which filters, dates and how many sites and actions it
shows, the legend, and the source articles. The data exports hold every field
of the events frame so that nothing a reader might check is lost, and the CSV
reads back into exactly the frame it came from.

Everything here is a pure function of the events frame (no Streamlit), shared
by the app's download buttons and by the command line:

    python -m strikes.export png --sector mining --sector chemicals -o map.png
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from ..core import csvsafe, i18n, schema
from ..core.compare import site_status, wave_pair
from ..core.dataname import DataName
from ..core.files import write_atomic
from ..core.filters import CHOICE_COLUMNS, Filters, across_waves, apply, options
from ..core.i18n import Lang
from ..data.dataset import DatasetError, load_events
from ..page import about, markup
from ..page.assets import MissingAsset, standalone_html
from ..page.basemap import DRAWN_CLASS
from ..page.elements import RawScript, page_of
from ..page.frame import PageFrame
from ..page.mapview import View, build_map, export_area, inline_world, site_data
from ..page.markup import date_label
from ..page.tables import SITE_COLUMNS as TABLE_COLUMNS
from ..page.tables import site_table
from .browser import BrowserError, block_network, open_browser

# The events frame's columns that describe the site rather than one action at it.
SITE_COLUMNS: tuple[str, ...] = (
    "site_id",
    "name",
    "local_name",
    "sector",
    "town",
    "oblast",
    "is_group",
    "lat",
    "lon",
    "precision",
    "geocode_source",
    "site_notes",
)
ACTION_COLUMNS: tuple[str, ...] = tuple(c for c in schema.EVENT_COLUMNS if c not in SITE_COLUMNS)
FILTER_LABELS: dict[str, str] = {
    "wave": "Wave",
    "sector": "Sector",
    "oblast": "Oblast",
    "town": "Town",
    "type": "Action type",
}
COORDINATE_DECIMALS = 6  # ~0.1 m, as RFC 7946 section 11.2 suggests
# Each export: its media type, in the order the app offers them (the data first, then the snapshots). The
# app's buttons, their labels (i18n "export_<format>") and the command line's choices all come from here.
MEDIA_TYPES: dict[str, str] = {
    "csv": "text/csv",
    "geojson": "application/geo+json",
    "html": "text/html",
    "png": "image/png",
}
FORMATS: tuple[str, ...] = tuple(MEDIA_TYPES)
# The map once the offline base layer's shapes are all drawn.
BASE_LAYER_DRAWN = f".leaflet-container.{DRAWN_CLASS}"
MARKERS = ".strike-marker, .strike-cluster-icon"
HIDDEN_IN_PNG = ".leaflet-control-zoom, .leaflet-control-layers, .strike-search, .leaflet-bar:has(.strike-fit)"
# A PNG's size: the map's width and height in CSS pixels and the pixel density. "view" is the reader's own
# map (or the width and height given) at twice the density, sharp on any screen; "social" is a 1200x675
# card; "print" the same picture at 2400x1350 pixels.
PNG_SIZES: dict[str, tuple[int, int, int] | None] = {"view": None, "social": (1200, 675, 1), "print": (1200, 675, 2)}
PNG_DENSITY = 2


class ExportError(RuntimeError):
    """An export could not be made; the message says why in a user's words."""


# --------------------------------------------------------------------------
# Title and sources: the context a snapshot carries.


def filter_lines(filters: Filters, lang: Lang) -> list[str]:
    """The filters in words, one line per kind of filter; one line saying 'all' when there are none."""
    lines = []
    for name in CHOICE_COLUMNS:
        chosen = list(getattr(filters, name))
        if chosen:
            label = i18n.t(lang, f"x_{name}s" if len(chosen) > 1 else f"x_{name}")
            shown = [i18n.word(lang, v) for v in chosen]
            shown = [v.capitalize() for v in shown] if name == "wave" else shown
            lines.append(f"{label}: {i18n.joined(lang, shown)}")
    if filters.date_from and filters.date_from == filters.date_to:
        lines.append(i18n.t(lang, "on_day", day=i18n.long_date(lang, filters.date_from)))
    elif filters.date_from or filters.date_to:
        bounds = [
            i18n.t(lang, "dates_from", day=i18n.long_date(lang, filters.date_from)) if filters.date_from else "",
            i18n.t(lang, "dates_to", day=i18n.long_date(lang, filters.date_to)) if filters.date_to else "",
        ]
        lines.append(i18n.t(lang, "dates", range=" ".join(b for b in bounds if b)))
    return lines or [i18n.t(lang, "all_data")]


def title_lines(filters: Filters, events: pd.DataFrame, lang: Lang, title: str) -> list[str]:
    """What a snapshot shows, a line each: the data's title (strikes.core.dataname), the filters, then the actions'
    dates and the counts. The first line is its header's heading (strikes.page.markup.title_html); all of them
    name the page for browsers and screen readers."""
    lines = [title, *filter_lines(filters, lang)]
    if events.empty:
        return [*lines, i18n.t(lang, "no_match")]
    span = date_label(events["date_start"].min(), events["date_end"].max(), lang)
    counts = i18n.t(lang, "counts", sites=events["site_id"].nunique(), actions=len(events))
    unlocated = events.loc[events["lat"].isna(), "site_id"].nunique()
    if unlocated:
        counts += " " + i18n.t(lang, "unlocated", count=unlocated)
    waves = [i18n.wave_name(lang, w) for w in events.sort_values("date_start")["wave"].unique()]
    return [*lines, f"{span} · {i18n.t(lang, 'waves_line', waves=i18n.joined(lang, waves))} · {counts}"]


def sources(events: pd.DataFrame) -> pd.DataFrame:
    """The source articles behind the events (title, url), the earliest reported first."""
    return (
        events.sort_values("date_start", kind="stable")
        .drop_duplicates("source_id")[["source_title", "source_url"]]
        .reset_index(drop=True)
    )


def sources_html(events: pd.DataFrame, lang: Lang, citation: str = "") -> str:
    """The source articles behind the events, and how to cite the map, as HTML for the map's sources control."""
    return markup.sources_html(sources(events).itertuples(index=False), lang, citation)


# --------------------------------------------------------------------------
# Data exports.


def _iso(value: pd.Timestamp) -> str:
    """A date as YYYY-MM-DD, with the time only when there is one, so nothing is lost."""
    return value.date().isoformat() if value == value.normalize() else value.isoformat()


def _json_value(value: Any) -> Any:
    """A cell as a JSON value: missing as null, dates as ISO text, numpy scalars as Python ones."""
    if isinstance(value, pd.Timestamp):
        return _iso(value)
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def to_csv(events: pd.DataFrame) -> bytes:
    """One row per action with every events column, UTF-8, dates as ISO text, no cell a live formula.

    Lines end in CRLF (RFC 4180), so that a carriage return inside a cell is quoted too. The file
    starts with a byte-order mark, without which Excel reads UTF-8 as the local code page and shows
    the Cyrillic names as mojibake; every reader here (strikes.intake, read_csv_export) skips it.
    """
    frame = events[list(schema.EVENT_COLUMNS)].copy()
    for column in schema.EVENT_DATE_COLUMNS:
        frame[column] = frame[column].map(_iso)
    return csvsafe.defuse(frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def _site_properties(actions: pd.DataFrame) -> dict[str, Any]:
    site = actions.iloc[0]
    properties = {c: _json_value(site[c]) for c in SITE_COLUMNS if c not in ("lat", "lon")}
    properties["actions"] = [
        {c: _json_value(v) for c, v in zip(ACTION_COLUMNS, row)}
        for row in actions[list(ACTION_COLUMNS)].itertuples(index=False)
    ]
    return properties


def to_geojson(events: pd.DataFrame) -> dict[str, Any]:
    """An RFC 7946 FeatureCollection: a Point per located site, its actions in its properties.

    Sites with no place (a group across the country) cannot be features, but
    dropping them would silently lose actions, so they are kept in the
    foreign member "unlocated".
    """
    features, unlocated = [], []
    for _, actions in events.groupby("site_id", sort=False):
        site = actions.iloc[0]
        if pd.isna(site["lat"]):
            unlocated.append(_site_properties(actions))
            continue
        lon, lat = (round(float(site[c]), COORDINATE_DECIMALS) for c in ("lon", "lat"))
        features.append(
            {
                "type": "Feature",
                "id": site["site_id"],
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": _site_properties(actions),
            }
        )
    return {"type": "FeatureCollection", "features": features, "unlocated": unlocated}


def to_geojson_bytes(events: pd.DataFrame) -> bytes:
    """to_geojson as UTF-8 JSON (NaN refused: it is not JSON)."""
    return json.dumps(to_geojson(events), ensure_ascii=False, allow_nan=False).encode("utf-8")


# --------------------------------------------------------------------------
# Snapshots.


def html_snapshot(
    events: pd.DataFrame,
    filters: Filters,
    waves: tuple[str, str],
    status_events: pd.DataFrame | None = None,
    view: View | None = None,
    *,
    lang: Lang,
    title: str,
    citation: str = "",
) -> bytes:
    """The map as one self-contained HTML file opening on ``view``: its title above the map, its legend,
    sources and citation line below it (strikes.page.frame), and its sites as a table for screen readers.
    ``title`` is the data's (strikes.core.dataname): the curated map's, or an upload's."""
    status = site_status(events if status_events is None else status_events, waves)  # for the map and its table
    sites = site_data(events, status, waves, lang)
    fmap = build_map(events, waves, sites=sites, view=view, lang=lang, legend=False)
    inline_world(fmap, export_area(events, view))
    table = site_table(events, status, waves, lang)
    page_of(fmap).html.add_child(
        RawScript(
            markup.table_html(table, [i18n.t(lang, f"col_{column}") for column in TABLE_COLUMNS], i18n.t(lang, "sites"))
        ),
        name="strike_table",
    )
    key = markup.legend_strip_html(waves, sorted(events["sector"].unique()), sites.statuses, lang)
    lines = title_lines(filters, events, lang, title)
    PageFrame(markup.title_html(lines), key + sources_html(events, lang, citation)).add_to(page_of(fmap))
    return standalone_html(fmap, title="\n".join(lines), lang=lang).encode("utf-8")


def png_snapshot(
    html: bytes,
    width: int = 1400,
    height: int = 900,
    progress: Callable[[str], None] | None = None,
    timeout: float = 30.0,
    density: int = PNG_DENSITY,
    map_height: int | None = None,
) -> bytes:
    """A screenshot of an HTML snapshot in headless Chromium, with the network blocked: ``width`` x
    ``height`` CSS pixels at ``density`` image pixels each (2 by default, for print and sharp screens).
    With ``map_height`` the map is that high and the picture as high as the page around it (header,
    map, footer): the reader's view whole, with its title and key outside it.

    With no network the tile layer fails and TileFallback switches to the
    offline base layer, so the wait is for that layer's shapes as well as the
    map and its markers. Raises ExportError if they are not drawn in time.
    """
    report = progress or (lambda _: None)
    if map_height is not None:  # set before the map opens, so it opens at that size
        html = html.replace(
            b"</head>",
            f"<style>html,body{{height:auto}} body>.folium-map{{flex:none;"
            f"height:{int(map_height)}px!important}}</style></head>".encode(),
            1,
        )
    with tempfile.TemporaryDirectory(prefix="strikes-snapshot-") as folder:
        page_path = Path(folder) / "map.html"
        page_path.write_bytes(html)
        report("starting chromium")
        with open_browser() as browser:
            try:
                page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=density)
                block_network(page)
                report("loading the map")
                page.goto(page_path.as_uri(), wait_until="load")
                report("waiting for the base map and markers")
                _wait_until_drawn(page, timeout)
                report("taking the screenshot")
                # Buttons are no use in a picture: keep the title, legend, scale and sources.
                page.add_style_tag(content=f"{HIDDEN_IN_PNG} {{display: none !important}}")
                return page.screenshot(type="png", full_page=map_height is not None)
            except PlaywrightTimeoutError as err:
                raise ExportError(
                    f"the map was not drawn within {timeout:g} s (no Leaflet map, markers or "
                    f"offline base layer appeared): {err.message.splitlines()[0]}"
                ) from err
            except PlaywrightError as err:
                raise BrowserError(f"chromium failed while drawing the map: {err.message.splitlines()[0]}") from err


def _wait_until_drawn(page: Page, timeout: float) -> None:
    """Wait for the map, its markers and the offline base layer, then for fonts and a painted frame."""
    drawn = (
        "() => !!document.querySelector('.leaflet-container')"
        f" && !!document.querySelector({json.dumps(MARKERS)})"
        f" && !!document.querySelector({json.dumps(BASE_LAYER_DRAWN)})"
    )
    page.wait_for_function(drawn, timeout=timeout * 1000)
    # the opening fit to the data may still be sliding town labels to their places
    page.wait_for_function("() => document.getAnimations().length === 0", timeout=timeout * 1000)
    page.evaluate(
        "() => document.fonts.ready.then(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))))"
    )


# --------------------------------------------------------------------------
# Command line.


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m strikes.export",
        description="Export the strike map or its data, filtered as in the app's URL parameters.",
    )
    parser.add_argument("format", choices=FORMATS)
    for name in CHOICE_COLUMNS:
        parser.add_argument(
            f"--{name}",
            action="append",
            default=[],
            metavar="VALUE",
            help=f"keep only this {FILTER_LABELS[name].lower()} (repeat for several)",
        )
    for flag, dest, which in (("--from", "date_from", "end on or after"), ("--to", "date_to", "start on or before")):
        parser.add_argument(
            flag, dest=dest, type=date.fromisoformat, metavar="YYYY-MM-DD", help=f"keep actions that {which} this day"
        )
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    parser.add_argument(
        "--width", type=int, default=1400, help="PNG map width in CSS pixels (the image has twice as many)"
    )
    parser.add_argument("--height", type=int, default=900, help="PNG map height in CSS pixels")
    parser.add_argument(
        "--size",
        choices=list(PNG_SIZES),
        default="view",
        help="view: --width x --height at 2x; social: a 1200x675 card; print: 2400x1350",
    )
    parser.add_argument(
        "--lang",
        choices=list(i18n.LANGUAGES),
        default=i18n.DEFAULT,
        help="the language of the snapshot's title, legend and popups",
    )
    parser.add_argument(
        "--view",
        nargs=3,
        type=float,
        metavar=("LAT", "LON", "ZOOM"),
        help="open the snapshot here, as the app's ?lat=&lon=&z= link does (default: fit the data)",
    )
    parser.add_argument("--url", default="", help="the map's address, for the snapshot's citation line")
    return parser


def _filters(args: argparse.Namespace, events: pd.DataFrame) -> Filters:
    """The filters as the app would read them from its URL, but refusing unknown values.

    The app drops a value it does not know (a link may outlive a data edit);
    on the command line a typo must not quietly widen the export.
    """
    known = options(events)
    for name in CHOICE_COLUMNS:
        unknown = [v for v in getattr(args, name) if v not in known[name]]
        if unknown:
            raise ExportError(f"unknown {name} {', '.join(map(repr, unknown))}; choose from: {', '.join(known[name])}")
    params: dict[str, str | list[str]] = {name: getattr(args, name) for name in CHOICE_COLUMNS}
    for key, value in (("from", args.date_from), ("to", args.date_to)):
        if value:
            params[key] = value.isoformat()
    return Filters.from_query_params(params, known)


def file_name(label: str, filters: Filters, fmt: str) -> str:
    """A name that says what the file holds: the data's label, then the filters, e.g.
    belarus-strikes-2020_mining-chemicals_2020-10-26.csv (a day when both dates are that day)."""
    parts = [label]
    for name in CHOICE_COLUMNS:
        if chosen := getattr(filters, name):
            parts.append("-".join(chosen) if len(chosen) <= 3 else f"{len(chosen)}-{name}s")
    if filters.date_from and filters.date_from == filters.date_to:
        parts.append(filters.date_from.isoformat())
    else:
        parts += [
            f"{word}-{day.isoformat()}" for word, day in (("from", filters.date_from), ("to", filters.date_to)) if day
        ]
    stem = "_".join(re.sub(r"[^\w.-]+", "-", part.casefold()).strip("-.") or "-" for part in parts)
    return f"{stem[:150]}.{fmt}"


def export(
    fmt: str,
    filters: Filters,
    events: pd.DataFrame,
    width: int = 1400,
    height: int = 900,
    progress: Callable[[str], None] | None = None,
    view: View | None = None,
    *,
    lang: Lang,
    name: DataName,
    waves: tuple[str, str] | None = None,
    citation: str = "",
    png_size: str = "view",
) -> bytes:
    """One export of the events that pass the filters, as the bytes of the file to write.

    With a ``view`` the snapshots show the reader's centre, zoom and map size;
    without one they fit the data in ``width`` x ``height`` pixels. ``name`` says whose data it is (a
    snapshot's title); ``waves`` are the two compared (the first two in time if not given). ``citation``
    (how to cite the map, strikes.page.about) is printed under the sources of a snapshot; ``png_size`` is one
    of PNG_SIZES.
    """
    shown = apply(events, filters)
    if shown.empty:
        raise ExportError(f"no actions match these filters ({'; '.join(filter_lines(filters, lang))})")
    if fmt == "csv":
        return to_csv(shown)
    if fmt == "geojson":
        return to_geojson_bytes(shown)
    waves = waves or wave_pair(events)
    if fmt == "png" and shown["lat"].isna().all():
        raise ExportError("none of the matching actions has a place on the map")
    html = html_snapshot(
        shown, filters, waves, across_waves(events, filters), view, lang=lang, title=name.title(lang), citation=citation
    )
    if fmt == "html":
        return html
    if view is not None:
        width, height = view.width, view.height
    fixed = PNG_SIZES[png_size]
    if fixed is None:  # the reader's map at its own size, its title above and its key below
        return png_snapshot(html, width, height, progress, map_height=height)
    width, height, density = fixed
    return png_snapshot(html, width, height, progress, density=density)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; 0 on success, 2 (with a message on stderr) on any failure."""
    args = _parser().parse_args(argv)
    started = time.monotonic()

    def progress(step: str) -> None:
        print(f"[{time.monotonic() - started:5.1f} s] {step}", flush=True)

    try:
        events = load_events()
        filters = _filters(args, events)
        view = (
            None if args.view is None else View(args.view[0], args.view[1], int(args.view[2]), args.width, args.height)
        )
        citation = about.citation(args.url, i18n.language(args.lang)) if args.url else ""
        data = export(
            args.format,
            filters,
            events,
            args.width,
            args.height,
            progress,
            view,
            lang=i18n.language(args.lang),
            name=DataName(),
            citation=citation,
            png_size=args.size,
        )
        write_atomic(args.output, data)
    except (ExportError, BrowserError, DatasetError, MissingAsset, OSError) as err:
        print(f"export failed: {err}", file=sys.stderr)
        return 2
    print(f"wrote {args.output} ({len(data) / 1024:.1f} KB) in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
