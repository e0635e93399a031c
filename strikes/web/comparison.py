"""The two waves side by side: what changed, two synchronised maps, the counts, a table and two charts."""

from __future__ import annotations

import altair as alt
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
from .mainmap import COMPARE_BOX, MAP_ANCHOR, MAP_HEIGHT, fill_frame
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
    with st.container(key=COMPARE_BOX):  # where the main map stands, so switching views moves no map
        st.markdown(MAP_ANCHOR, unsafe_allow_html=True)
        dual = localize(
            mapview.build_dual_map(
                status_events,
                waves,
                caching.dual_sites(data_key, current, waves, lang(), events),
                lang=lang(),
                view=page_state().link_view,
            )
        )  # a link's view; else the whole data
        fill_frame(dual)
        st_folium(dual, key=DUAL_MAP, height=MAP_HEIGHT, use_container_width=True, returned_objects=[])
    st.header(tr("what_changed", first_wave=first, second_wave=second, **compare.what_changed(counts, waves)))
    st.caption(tr("compare_caption", first=first, second=second))
    if len(caching.dataset_waves(data_key, events)) > 2:  # which two of an upload's waves, and that others may be
        st.caption(tr("pair_note", first=first, second=second))
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
            st.altair_chart(
                wave_bars(counts, tr(f"axis_{name}")),
                width="stretch",
                alt=chart_description(counts, tr(label), lang()),
            )


def wave_bars(counts: pd.DataFrame, category: str) -> alt.Chart:
    """Sites per wave for each sector or oblast (``counts``, sites_per_wave_chart's), as bars side by side in
    the map's colours, with both axes titled in the reader's language and every label whole: Streamlit's
    bar chart had no axis titles and cut a label past 180 pixels ("камунальныя па…")."""
    long = counts.rename_axis("category").reset_index().melt("category", var_name="wave", value_name="sites")
    order, waves = list(counts.index), list(counts.columns)
    return (
        alt.Chart(long)
        .mark_bar()
        .encode(
            x=alt.X("sites:Q", title=tr("axis_sites"), axis=alt.Axis(format="d", tickMinStep=1)),
            y=alt.Y("category:N", title=category, sort=order, axis=alt.Axis(labelLimit=0)),
            yOffset=alt.YOffset("wave:N", sort=waves),
            color=alt.Color(
                "wave:N",
                title=None,
                sort=waves,
                scale=alt.Scale(domain=waves, range=[FIRST_COLOUR, SECOND_COLOUR]),  # the map's colours
                legend=alt.Legend(orient="bottom", labelLimit=0),
            ),
            tooltip=[
                alt.Tooltip("category:N", title=category),
                alt.Tooltip("wave:N", title=None),
                alt.Tooltip("sites:Q", title=tr("axis_sites")),
            ],
        )
    )
