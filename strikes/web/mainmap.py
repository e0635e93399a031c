"""The main map, the sites it cannot place, the site table and the downloads under it.

The map's frame is the same whatever the filters, so the map (and the reader's
place on it) stays; only its marker group is swapped. Its view reports rerun
only the map's fragment, which keeps the link and the snapshots current.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st
from branca.element import Element
from streamlit_folium import st_folium

from ..core import filters, i18n
from ..page import mapview, tables
from ..page.assets import localize
from ..page.elements import markdown_text as md
from ..page.elements import page_of
from . import caching, exports
from .address import Address
from .counts import day_heading, headline
from .state import MAIN_MAP, lang, page_state, tr, write_address

# The frame's height before the page's style sheet sizes it to the screen (strikes/web/page.py, MAP_BOX).
MAP_HEIGHT = 620
# Where the skip link "to the map" lands, before either view's map.
MAP_ANCHOR = '<div id="strike-map" tabindex="-1"></div>'
# The containers (st.container keys) that hold the main map and the comparison's maps: the page's style
# sheet sizes their frames to the screen, and lays both out alike, so switching views never moves a map.
MAP_BOX, COMPARE_BOX = "strike-map-box", "strike-compare-box"
# Inside the map's frame: the map fills the frame, whatever height the page's style sheet gave it.
FILL_FRAME = "<style>html,body{overflow:hidden}#map_div,#map_div2{height:100vh!important}</style>"


def fill_frame(fmap: Element) -> None:
    """The map takes its frame's height (the screen's, less the title), not a fixed number of pixels."""
    page_of(fmap).header.add_child(Element(FILL_FRAME), name="strike_fill_frame")


def draw_map(
    data_key: str,
    events: pd.DataFrame,
    current: filters.Filters,
    waves: tuple[str, str],
    day: date | None,
    shown: pd.DataFrame,
) -> None:
    """The main map, day by day with the day and its ``shown`` sites over it: a filter or day with no site
    says so over the map. It opens where the link said, or where the reader left it before the comparison;
    its view, as it reports it, goes to the page state.

    The day's slot is held whether or not the day is shown, and a playback draws the map here too, so
    the map keeps its place in the page: a map that moves is remounted, and loses the reader's view."""
    slot = st.empty()
    if day is not None:
        with slot.container():
            day_heading(day, shown)
    state = page_state()
    fmap = localize(mapview.frame_map(caching.map_frame(data_key, waves, events), waves, state.map_start, lang=lang()))
    fill_frame(fmap)
    markers = localize(
        mapview.marker_group(
            caching.main_sites(data_key, current, waves, lang(), events), tr("empty_day" if day else "empty"), lang()
        )
    )
    reported = st_folium(
        fmap,
        key=MAIN_MAP,
        height=MAP_HEIGHT,
        use_container_width=True,
        feature_group_to_add=markers,
        returned_objects=["center", "bounds", "zoom"],
    )
    view = mapview.View.from_state(reported or {})
    if view is not None:
        state.map_view = view


@st.fragment
def map_fragment(
    data_key: str,
    events: pd.DataFrame,
    current: filters.Filters,
    waves: tuple[str, str],
    link: Address,
    shown: pd.DataFrame,
) -> None:
    """The map as a fragment: its view reports (one as it opens, one after it fits the data, then one per
    pan or zoom) rerun only this, not the sidebar, the site table and the exports; the link follows here."""
    state = page_state()
    before = state.map_view
    draw_map(data_key, events, current, waves, link.day, shown)
    if state.map_view is not None and state.map_view != before:
        write_address(link)


def show_map(
    data_key: str,
    events: pd.DataFrame,
    shown: pd.DataFrame,
    current: filters.Filters,
    waves: tuple[str, str],
    link: Address,
) -> None:
    """The map (with the day over it, day by day), its counts, then the sites it cannot place, the site table
    and the downloads: under the map, which takes the screen's whole width and height."""
    with st.container(key=MAP_BOX):
        st.markdown(MAP_ANCHOR, unsafe_allow_html=True)
        map_fragment(data_key, events, current, waves, link, shown)
    headline(shown, waves)
    st.header(tr("not_on_map"))
    unlocated = tables.unlocated(shown)
    if unlocated.empty:
        st.caption(tr("all_placed"))
    for row in unlocated.itertuples():
        st.markdown(f"**{md(row.name)}** ({md(i18n.word(lang(), row.sector))})")
        st.caption(f"“{md(row.quote)}” — {md(row.source_title)}")
    st.header(tr("sites"), anchor="site-table")
    st.dataframe(
        caching.site_table(data_key, current, waves, lang(), events),
        hide_index=True,
        width="stretch",
        column_config={column: tr(f"col_{column}") for column in tables.SITE_COLUMNS},
    )
    exports.export_buttons(data_key, events, shown, current, waves)
