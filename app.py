"""The Belarus strike map: Streamlit widgets wired to the pure functions in strikes/.

Run with `make run`. The filters live in the URL, so a copied link reopens the
same view; the maps are embedded with streamlit-folium and do not rerun the
script on pan or zoom.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from strikes import compare, dataset, filters, mapview, tables
from strikes.assets import localize

st.set_page_config(page_title="Belarus strike map, 2020", page_icon="✊", layout="wide")

VIEWS = {"map": "Map", "compare": "Compare the two waves"}


@st.cache_data(show_spinner=False)
def load_events() -> pd.DataFrame:
    return dataset.load_events()


def url_state(options: dict[str, list[str]], span: tuple[date, date]) -> None:
    """Seed the widgets from the URL on a session's first run only; afterwards the widgets rule."""
    if st.session_state.get("seeded"):
        return
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    initial = filters.Filters.from_query_params(params, options)
    for name in filters.CHOICE_COLUMNS:
        st.session_state[f"f_{name}"] = list(getattr(initial, name))
    start = max(initial.date_from or span[0], span[0])
    end = min(initial.date_to or span[1], span[1])
    st.session_state["f_dates"] = (start, end) if start <= end else span
    view = params.get("view", ["map"])[0]
    st.session_state["f_view"] = view if view in VIEWS else "map"
    st.session_state["seeded"] = True


def sidebar(options: dict[str, list[str]], span: tuple[date, date]) -> tuple[filters.Filters, str]:
    with st.sidebar:
        st.header("Filters")
        view = st.radio("View", list(VIEWS), format_func=VIEWS.get, key="f_view")
        start, end = st.slider("Date of action", min_value=span[0], max_value=span[1],
                               key="f_dates", format="D MMM YYYY")
        labels = {"wave": "Wave", "sector": "Sector", "oblast": "Oblast", "town": "Town",
                  "type": "Action type"}
        chosen = {name: tuple(st.multiselect(label, options[name], key=f"f_{name}",
                                             placeholder="All"))
                  for name, label in labels.items()}
        st.caption("Leave a filter empty to show all. The address bar keeps the filters: "
                   "copy the link to share this view.")
    current = filters.Filters(
        date_from=None if start == span[0] else start,
        date_to=None if end == span[1] else end,
        **chosen,
    )
    return current, view


def show_map(shown: pd.DataFrame, status_events: pd.DataFrame, waves: tuple[str, str]) -> None:
    left, right = st.columns([4, 1])
    with left:
        fmap = localize(mapview.build_map(shown, waves, status_events))
        st_folium(fmap, key="main_map", height=620, use_container_width=True, returned_objects=[])
    with right:
        st.subheader("Not on the map")
        unlocated = tables.unlocated(shown)
        if unlocated.empty:
            st.caption("Every matching site has a place on the map.")
        for row in unlocated.itertuples():
            st.markdown(f"**{row.name}** ({row.sector})")
            st.caption(f"“{row.quote}” — {row.source_title}")
    st.subheader("Sites")
    st.dataframe(tables.site_table(shown, compare.site_status(status_events, waves)),
                 hide_index=True, width="stretch")


def show_comparison(status_events: pd.DataFrame, waves: tuple[str, str]) -> None:
    st.caption(f"{waves[0].capitalize()} on the left, {waves[1].capitalize()} on the right; "
               "they pan and zoom together. "
               "The comparison ignores the wave and date filters.")
    dual = localize(mapview.build_dual_map(status_events, waves, status_events))
    st_folium(dual, key="dual_map", height=560, use_container_width=True, returned_objects=[])
    counts = compare.status_counts(status_events, waves)
    for column, (label, value) in zip(st.columns(len(counts)), counts.items()):
        column.metric(f"Sites: {label}", int(value))
    st.subheader("Where the action stopped, held, or began")
    st.dataframe(compare.comparison_table(status_events, waves), hide_index=True,
                 width="stretch")
    by_sector, by_oblast = st.columns(2)
    with by_sector:
        st.markdown("**Sites per wave, by sector**")
        st.bar_chart(compare.sites_per_wave(status_events, "sector"), stack=False, horizontal=True)
    with by_oblast:
        st.markdown("**Sites per wave, by oblast**")
        st.bar_chart(compare.sites_per_wave(status_events, "oblast"), stack=False, horizontal=True)


def main() -> None:
    events = load_events()
    options = filters.options(events)
    span = filters.date_span(events)
    url_state(options, span)
    current, view = sidebar(options, span)
    st.query_params.from_dict({**current.to_query_params(), **({"view": view} if view != "map" else {})})

    st.title("The 2020 Belarusian strikes")
    shown = filters.apply(events, current)
    status_events = filters.apply(events, current.without("wave", "date_from", "date_to"))
    waves = compare.wave_pair(events)
    cols = st.columns(4)
    cols[0].metric("Sites shown", shown["site_id"].nunique())
    cols[1].metric("Actions shown", len(shown))
    for col, wave in zip(cols[2:], waves):
        col.metric(f"Sites in {wave.capitalize()}", shown.loc[shown["wave"] == wave, "site_id"].nunique())

    if view == "compare":
        if status_events.empty:
            st.warning("No sites match these filters. Widen or clear a filter in the sidebar.")
        else:
            show_comparison(status_events, waves)
    elif shown.empty:
        st.warning("No sites match these filters. Widen or clear a filter in the sidebar.")
    else:
        show_map(shown, status_events, waves)


main()
