"""The Belarus strike map: the page's layout, wiring the parts in strikes/web/ to the pure functions in strikes/.

Run with `make run`. A run reads the data and the widgets, then draws: the
sidebar, the heading, the map (or the comparison, or a playback), the About.
The filters live in the URL (strikes/web/address.py), so a copied link reopens
the same view; the maps are embedded with streamlit-folium and do not rerun the
script on pan or zoom; each map's site data is cached per dataset and filter
values (strikes/web/caching.py).
"""

from __future__ import annotations

import logging

import pandas as pd
import streamlit as st

from strikes.core import filters
from strikes.web import address, caching, comparison, datasets, memory, page, playback, sidebar, state
from strikes.web.address import Address
from strikes.web.counts import headline
from strikes.web.mainmap import show_map
from strikes.web.state import page_state, tr

LOG = logging.getLogger("strikes.app")


def main() -> None:
    """One run: read the link, the upload and the widgets, then draw the page from the top down and write the link."""
    page.configure()
    caching.memory_release()
    memory.note_session()
    params, session = state.read_address(), page_state()
    if state.LANG not in st.session_state:  # the link's language, before the first widget that speaks it
        st.session_state[state.LANG] = address.read_language(params)
    sidebar.data_sidebar()
    events, data_key = datasets.chosen(
        caching.builtin_events(), session.upload, st.session_state.get(state.DATA, "builtin")
    )
    options, span = filters.options(events), filters.date_span(events)
    if not session.address_read:
        state.seed(address.read(params, options, span), span)
    if session.data_key != data_key:
        state.keep_valid(options, span)
        if session.data_key is not None:  # new data: fit it, rather than keep a view of the old
            session.map_view = session.map_start = None
        session.data_key = data_key
    chosen, view, day, steps = sidebar.filter_sidebar(data_key, events, options, span)
    page.heading(datasets.data_name(data_key, session.upload).title(state.lang()))
    waves = sidebar.chosen_pair(data_key, events)
    link = Address(state.lang(), chosen, view, day, pair=waves if len(options["wave"]) > 2 else None)
    if day is not None and view == "map" and session.playing:
        reel = playback.Reel(data_key, events, chosen, waves, filters.play_days(span)[1], steps, link)
        playback.play(reel, day)
    else:
        show_view(data_key, events, link, waves)
    page.about_section(data_key)  # after the map: on a phone the map comes first, in the first screen
    state.write_address(link)


def show_view(data_key: str, events: pd.DataFrame, link: Address, waves: tuple[str, str]) -> None:
    """The map (with the day over it in day mode) or the comparison (which ignores the day) under the link's filters."""
    current = link.filters if link.day is None else filters.on_day(link.filters, link.day)
    shown = filters.apply(events, current)
    if link.view == "compare":
        page_state().map_start = page_state().map_view  # the map reopens where it was
        if filters.across_waves(events, current).empty:
            st.warning(tr("empty"))
            headline(shown, waves)
        else:
            comparison.show_comparison(data_key, events, shown, current, waves)
    else:  # an empty filter or day keeps the map and the reader's place; the map says why it is bare
        show_map(data_key, events, shown, current, waves, link)


try:
    main()
except Exception:  # anything an upload provokes past its reading: a message and the log, never a traceback
    LOG.exception("unexpected error drawing the page")
    st.error(tr("unexpected"))
