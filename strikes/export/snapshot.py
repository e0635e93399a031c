"""What every snapshot of the map carries, whatever its format: its title, its key and sources, the page.

A snapshot leaves the app and loses its context, so it carries that context
with it: a title saying which filters, dates and how many sites and actions it
shows, the legend, and the source articles. The HTML export is this page; the
PNG, PDF and SVG are pictures of it.
"""

from __future__ import annotations

import pandas as pd

from ..core import i18n
from ..core.compare import site_status
from ..core.filters import CHOICE_COLUMNS, Filters, across_waves
from ..core.i18n import Lang
from ..data import datawords
from ..page import markup
from ..page.assets import standalone_html
from ..page.elements import RawScript, page_of
from ..page.frame import PageFrame, SnapshotFit
from ..page.mapview import (
    View,
    build_map,
    data_bounds,
    draw_as_vectors,
    export_area,
    inline_world,
    site_data,
    spread_stacked,
)
from ..page.markers import site_summary
from ..page.markup import date_label
from ..page.tables import SITE_COLUMNS as TABLE_COLUMNS
from ..page.tables import site_table
from .contract import Request

# A snapshot fitted to its data: the fit button's closest zoom and room round the markers
# (static/js/strike-controls.js).
FIT_MAX_ZOOM = 12
FIT_PADDING = 24
# A print names the sites its map shows in its footer, this many at most.
MAX_NAMED = 80
SHOWN_SITES = "strike-shown"  # the footer's line that names them, filled once the map is fitted


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
    return [*lines, counts_line(events, lang)]


def counts_line(events: pd.DataFrame, lang: Lang, in_view: pd.DataFrame | None = None) -> str:
    """The title's last line: the actions' dates, their waves and how many sites and actions. With
    ``in_view`` (the actions of the sites a picture shows) it counts those, and says so where the filters
    match more: "12 of 42 sites in this view, 15 of 50 actions"."""
    shown = events if in_view is None or in_view.empty else in_view
    span = date_label(shown["date_start"].min(), shown["date_end"].max(), lang)
    sites, actions = events["site_id"].nunique(), len(events)
    if in_view is None or len(in_view) == actions:
        counts = i18n.t(lang, "counts", sites=sites, actions=actions)
    else:
        shown_sites = in_view["site_id"].nunique()
        counts = i18n.t(lang, "counts_in_view", shown=shown_sites, sites=sites, actions=len(in_view), total=actions)
    unlocated = events.loc[events["lat"].isna(), "site_id"].nunique()
    if unlocated:
        counts += " " + i18n.t(lang, "unlocated", count=unlocated)
    waves = [i18n.wave_name(lang, w) for w in shown.sort_values("date_start")["wave"].unique()]
    return f"{span} · {i18n.t(lang, 'waves_line', waves=i18n.joined(lang, waves))} · {counts}"


def actions_in_view(events: pd.DataFrame, bounds: list[list[float]]) -> pd.DataFrame:
    """The actions of the sites drawn inside ``bounds`` ([[south, west], [north, east]]): where the map
    draws them (town-level sites of one town on a ring round it, strikes.page.mapview.spread_stacked)."""
    located = events[events["lat"].notna()]
    if located.empty:
        return located
    lat, lon, _ = spread_stacked(site_summary(located, pd.Series(dtype=object)))
    (south, west), (north, east) = bounds
    inside = lat.between(south, north) & lon.between(west, east)
    return located[located["site_id"].isin(lat.index[inside])]


def shown_sites_line(in_view: pd.DataFrame, lang: Lang) -> str:
    """A print's list of the sites its map shows, by name in ``lang``, A to Z (the first MAX_NAMED, then how
    many more): the markers carry letters, and a print desk needs to know, and search, which sites they are."""
    firsts = in_view.drop_duplicates("site_id")
    names = sorted(
        {datawords.site_name(lang, name, local) for name, local in zip(firsts["name"], firsts["local_name"])},
        key=str.casefold,
    )
    listed = ", ".join(names[:MAX_NAMED])
    if len(names) > MAX_NAMED:
        listed += ", " + i18n.t(lang, "print_sites_more", count=len(names) - MAX_NAMED)
    return i18n.t(lang, "print_sites", names=listed) if names else ""


def page_title(filters: Filters, lang: Lang, title: str) -> str:
    """The page's own title (a browser tab's, a PDF's): the map's title, then its filters after a dash, as a
    snapshot's header sets them apart; the title alone when nothing is filtered."""
    if filters == Filters():
        return title
    return f"{title} — {'; '.join(filter_lines(filters, lang))}"


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
    vector: bool = False,
) -> bytes:
    """The map as one self-contained HTML file opening on ``view``: its title above the map, its legend,
    sources and citation line below it (strikes.page.frame), and its sites as a table for screen readers.
    ``title`` is the data's (strikes.core.dataname): the curated map's, or an upload's. ``vector`` draws
    all of the base layer as SVG, none on a canvas, for a print that keeps it as vectors (the PDF)."""
    status = site_status(events if status_events is None else status_events, waves)  # for the map and its table
    sites = site_data(events, status, waves, lang)
    fmap = build_map(events, waves, sites=sites, view=view, lang=lang, legend=False)
    inline_world(fmap, export_area(events, view and _room(view)))
    if vector:
        draw_as_vectors(fmap)
    table = site_table(events, status, waves, lang)
    page_of(fmap).html.add_child(
        RawScript(
            markup.table_html(table, [i18n.t(lang, f"col_{column}") for column in TABLE_COLUMNS], i18n.t(lang, "sites"))
        ),
        name="strike_table",
    )
    key = markup.legend_strip_html(waves, sorted(events["sector"].unique()), sites.statuses, lang)
    if view is not None:  # the reader's view, whole, on their centre, never closer than they were
        SnapshotFit(view.bounds(), (view.lat, view.lon), view.zoom, padding=0).add_to(fmap)
    else:  # the data, with room round it, as the fit button fits it
        SnapshotFit(data_bounds(events), None, FIT_MAX_ZOOM, padding=FIT_PADDING).add_to(fmap)
    lines = title_lines(filters, events, lang, title)
    shown = f'<p class="{SHOWN_SITES}"></p>' if vector else ""  # a print's: filled with what its map shows
    PageFrame(markup.title_html(lines), key + shown + sources_html(events, lang, citation)).add_to(page_of(fmap))
    return standalone_html(fmap, title=page_title(filters, lang, title), lang=lang).encode("utf-8")


def _room(view: View) -> View:
    """The reader's view with room round it: a snapshot of another shape zooms out round it (SnapshotFit), so
    its export area, the world's shapes it carries, must reach further than the view."""
    return View(view.lat, view.lon, view.zoom, view.width * 3, view.height * 3)


def page_for(request: Request, vector: bool = False) -> bytes:
    """html_snapshot of what a request shows, its statuses read across the waves as the app's map reads them;
    ``vector`` for a print (html_snapshot)."""
    return html_snapshot(
        request.shown,
        request.filters,
        request.waves,
        across_waves(request.events, request.filters),
        request.view,
        lang=request.lang,
        title=request.name.title(request.lang),
        citation=request.citation,
        vector=vector,
    )
