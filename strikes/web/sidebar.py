"""The sidebar: skip links, the language, the data and its upload, then day by day, the view and the filters."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date
from typing import cast

import pandas as pd
import streamlit as st

from ..core import compare, filters, i18n
from ..data import placenames
from . import address, caching, names, playback, upload
from .state import DATES, LANG, PAIR_FIRST, PAIR_SECOND, VIEW, choice_key, lang, read_address, tr

# The views' labels in the catalogue, by view.
VIEW_LABELS = {view: f"view_{view}" for view in address.VIEWS}
# Streamlit's date slider writes month names in English only: other languages get numbers, no words.
SLIDER_DATE_FORMATS = {"en": "D MMM YYYY"}
# A disabled widget's label (the date range's, in day mode) at 5:1 on the sidebar (WCAG 1.4.3); Streamlit's grey
# is 2.26:1. A style sheet alone goes to Streamlit's event container and takes no room in the sidebar.
DISABLED_LABEL_STYLE = (
    "<style>[data-testid=stWidgetLabel][disabled], [data-testid=stWidgetLabel][disabled] p"
    " {color: #6b6a68 !important;}</style>"
)
FILTER_LABELS = {
    "wave": "filter_wave",
    "sector": "filter_sector",
    "oblast": "filter_oblast",
    "town": "filter_town",
    "type": "filter_type",
}


def data_sidebar() -> None:
    """The sidebar's top: skip links, the language, and the data (an upload, and what was read of it)."""
    with st.sidebar:
        skip_links()
        st.selectbox(tr("language"), list(i18n.LANGUAGES), format_func=i18n.LANGUAGES.__getitem__, key=LANG)
        st.header(tr("data"))
        upload.upload_control()
        upload.upload_report()


def filter_sidebar(
    data_key: str, events: pd.DataFrame, options: dict[str, list[str]], span: tuple[date, date]
) -> tuple[filters.Filters, str, date | None, list[date] | None]:
    """Day by day, the view, the waves compared and the filters: the reader's filters, the view, the day
    shown (None: the date range) and the days a playback steps through (None: every day)."""
    with st.sidebar:
        day, steps = playback.controls(data_key, events, span)
        st.header(tr("filters"))
        view = st.radio(tr("view"), list(VIEW_LABELS), format_func=lambda key: tr(VIEW_LABELS[key]), key=VIEW)
        wave_picker(data_key, events)
        st.html(DISABLED_LABEL_STYLE)
        if span[0] < span[1]:
            # a range: its value (state.seed sets it) is a pair, which Streamlit's typing cannot see
            start, end = cast(
                "tuple[date, date]",
                st.slider(
                    tr("date_of_action"),
                    min_value=span[0],
                    max_value=span[1],
                    key=DATES,
                    format=SLIDER_DATE_FORMATS.get(lang(), "DD.MM.YYYY"),
                    disabled=day is not None,
                    help=tr("range_off") if day else None,
                ),
            )
        else:  # a slider needs two ends: data from one day has nothing to slide over
            st.caption(f"{tr('date_of_action')}: {i18n.long_date(lang(), span[0])}")
            start, end = span
        chosen = {
            name: tuple(
                st.multiselect(
                    tr(label),
                    options[name],
                    key=choice_key(name),
                    placeholder=tr("all"),
                    format_func=filter_words(name),
                )
            )
            for name, label in FILTER_LABELS.items()
        }
        st.caption(tr("filters_caption"))
    current = filters.Filters.of(
        chosen, date_from=None if start == span[0] else start, date_to=None if end == span[1] else end
    )
    return current, view, day, steps


def filter_words(name: str) -> Callable[[str], str]:
    """A filter's values as the page words them: a town by its one name in the reader's language."""
    if name == "town":
        return functools.partial(placenames.town_name, lang=lang())
    return functools.partial(i18n.word, lang())


def wave_picker(data_key: str, events: pd.DataFrame) -> None:
    """Which two waves the map colours and the comparison sets side by side, where the data has more than
    two (an upload's months): the two with the most sites (or a link's pair) unless the reader picks others."""
    waves = caching.dataset_waves(data_key, events)
    if len(waves) <= 2:
        return
    st.session_state[PAIR_FIRST], st.session_state[PAIR_SECOND] = chosen_pair(data_key, events)  # if still there
    words = functools.partial(i18n.wave_name, lang())
    # one above the other: side by side the sidebar cut "Верасень 2022" to "Верасень", and the year is the point
    st.selectbox(tr("first_wave"), waves, key=PAIR_FIRST, format_func=words)
    st.selectbox(tr("second_wave"), waves, key=PAIR_SECOND, format_func=words)


def chosen_pair(data_key: str, events: pd.DataFrame) -> tuple[str, str]:
    """The two waves compared: the reader's pick (wave_picker), or the data's two largest, in time order."""
    picked = (st.session_state.get(PAIR_FIRST), st.session_state.get(PAIR_SECOND))
    return compare.pick_pair(caching.dataset_waves(data_key, events), picked, caching.wave_sizes(data_key, events))


def skip_links() -> None:
    """Links a keyboard reader meets first, atop the sidebar: into the map, or past it to the site table."""
    names.skip_links(lang(), st.session_state.get(VIEW) or address.read_view(read_address()))
