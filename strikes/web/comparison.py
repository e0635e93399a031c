"""The two waves side by side: what changed, two synchronised maps, the counts, a table and two charts."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from ..core import compare, filters, i18n
from ..page import mapview, markup, tables
from ..page.assets import localize
from ..page.elements import markdown_text as md
from ..page.icons import FIRST_COLOUR, SECOND_COLOUR
from . import caching
from .charts import chart_description
from .counts import headline
from .mainmap import MAP_ANCHOR
from .state import DUAL_MAP, lang, page_state, tr


def show_comparison(
    data_key: str, events: pd.DataFrame, shown: pd.DataFrame, current: filters.Filters, waves: tuple[str, str]
) -> None:
    """The comparison of ``waves`` under every filter but wave and date; data of one wave says so instead."""
    if waves[1] == compare.NO_SECOND_WAVE:
        st.info(tr("one_wave", wave=md(i18n.word(lang(), waves[0]))))
        return
    status_events = filters.across_waves(events, current)
    first, second = (md(i18n.wave_name(lang(), w)) for w in waves)
    counts = compare.status_counts(status_events, waves)
    st.header(tr("what_changed", first_wave=first, second_wave=second, **compare.what_changed(counts, waves)))
    st.caption(tr("compare_caption", first=first, second=second))
    st.markdown(MAP_ANCHOR, unsafe_allow_html=True)
    dual = mapview.build_dual_map(
        status_events,
        waves,
        caching.dual_sites(data_key, current, waves, lang(), events),
        lang=lang(),
        view=page_state().link_view,
    )  # a link's view; else the whole data
    st_folium(localize(dual), key=DUAL_MAP, height=560, use_container_width=True, returned_objects=[])
    headline(shown, waves)
    names = markup.status_names(waves, lang())  # as the legend and the table word them
    for column, (label, value) in zip(st.columns(len(counts)), counts.items()):
        column.metric(tr("sites_status", status=md(names[label])), int(value))
    st.header(tr("compare_table"))
    st.dataframe(
        tables.comparison_rows(status_events, waves, lang()),
        hide_index=True,
        width="stretch",
        column_config={column: tr(f"col_{column}") for column in tables.COMPARISON_COLUMNS},
    )
    by_sector, by_oblast = st.columns(2)
    for column, name, label in ((by_sector, "sector", "by_sector"), (by_oblast, "oblast", "by_oblast")):
        with column:
            st.markdown(f"**{tr(label)}**")
            counts = tables.sites_per_wave_chart(status_events, name, waves, lang())
            st.bar_chart(
                counts,
                stack=False,
                horizontal=True,
                color=[FIRST_COLOUR, SECOND_COLOUR],
                alt=chart_description(counts, tr(label), lang()),
            )  # the map's colours for the waves
