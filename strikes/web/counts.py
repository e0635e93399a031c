"""The counts the page shows under its maps, and the day's heading day by day."""

from __future__ import annotations

import html
from datetime import date

import pandas as pd
import streamlit as st

from ..core import compare, i18n
from ..page.elements import markdown_text as md
from .state import lang, tr


def headline(shown: pd.DataFrame, waves: tuple[str, str]) -> None:
    """The counts, under the map: on a phone the map comes first, in the first screen."""
    cols = st.columns(4)
    cols[0].metric(tr("sites_shown"), shown["site_id"].nunique())
    cols[1].metric(tr("actions_shown"), len(shown))
    for col, wave in zip(cols[2:], (w for w in waves if w != compare.NO_SECOND_WAVE)):
        col.metric(
            tr("sites_in", wave=md(i18n.wave_name(lang(), wave))),
            shown.loc[shown["wave"] == wave, "site_id"].nunique(),
        )


def day_heading(day: date, shown: pd.DataFrame) -> None:
    """The day shown in day mode, and how many sites were in action on it: large, over the map's top right
    corner (strikes/web/page.py places it), as in the page's flow it pushed the map down as day mode began."""
    words = (i18n.long_date(lang(), day), tr("in_action", count=shown["site_id"].nunique()))
    st.markdown(
        '<div class="strike-day" role="status"><h2>{}</h2><p>{}</p></div>'.format(*map(html.escape, words)),
        unsafe_allow_html=True,
    )
