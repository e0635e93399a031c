"""What the page keeps between runs: its widgets' keys, and one typed state for the rest.

Streamlit keeps each widget's value in st.session_state under the widget's key;
those keys are declared here, once, and the modules that draw the widgets use
these names. Everything else the page remembers between runs (the reader's
upload, the map's view, where a playback has got to, an upload's cached
results) is one PageState, held in st.session_state under a single key.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

import streamlit as st

from ..core import filters, i18n
from ..core.i18n import Lang
from ..intake.bounded import ReadLimit
from ..page.mapview import View
from . import address
from .address import Address
from .datasets import Upload
from .memo import Memo

# The widgets' keys: a widget's value lives in st.session_state under its key (the tests find widgets by them).
LANG = "f_lang"  # the reader's language
DATA = "f_data"  # the data shown: "builtin", "upload" or "both"
LABOUR_ONLY = "labour_only"  # an ACLED upload's rows about workers only
VIEW = "f_view"  # "map" or "compare"
DATES = "f_dates"  # the date range, a pair of dates
PAIR_FIRST, PAIR_SECOND = "f_pair_first", "f_pair_second"  # the waves compared
DAY_MODE = "f_day_mode"  # day by day, or a date range
DAY = "f_day"  # the day shown day by day
ACTION_DAYS = "f_action_days"  # day by day through the days with action only
SPEED = "f_speed"  # the playback's speed
PNG_SIZE = "png_size"  # the PNG snapshot's size
MAIN_MAP, DUAL_MAP = "main_map", "dual_map"  # the maps (streamlit-folium's components)


def choice_key(name: str) -> str:
    """The key of a choice filter's multiselect (``name`` one of filters.CHOICE_COLUMNS): f_sector, ..."""
    return f"f_{name}"


def sheet_key(file_id: str) -> str:
    """The key of a workbook's sheet picker, one per uploaded file."""
    return f"upload_sheet_{file_id}"


@dataclass
class PageState:
    """Everything the page remembers between runs that is not a widget's value."""

    upload: Upload | None = None
    # the file's name and its problems, or the limit its reading passed (None: a bug)
    upload_error: tuple[str, list[Any] | ReadLimit | None] | None = None
    upload_read: tuple[str, int | None, bool] | None = None  # the file, sheet and labour_only last read
    upload_sheets: tuple[str, list[str]] | None = None  # a workbook's sheet names, by file id
    address_read: bool = False  # the widgets took the link's values (on a session's first run only)
    data_key: str | None = None  # the data the widgets' choices were made for (datasets.current)
    map_view: View | None = None  # the main map's latest view, as it reported it
    map_start: View | None = None  # where the main map opens (None: it fits the data)
    link_view: View | None = None  # where the comparison opens (None: it fits the data)
    playing: bool = False
    play_day: date | None = None  # where the playback has got to; the day slider follows it
    play_day_shown: bool = False  # the page shows play_day already, so the playback's next run moves on
    memos: dict[str, Memo[Any]] = field(default_factory=dict)  # an upload's cached results, by function


def page_state() -> PageState:
    """This session's PageState."""
    return st.session_state.setdefault("page_state", PageState())


def lang() -> Lang:
    """The reader's language: the language picker's value."""
    return i18n.language(st.session_state.get(LANG))


def tr(key: str, **values: object) -> str:
    """The interface string ``key`` in the reader's language."""
    return i18n.t(lang(), key, **values)


def seed(address: Address, span: tuple[date, date]) -> None:
    """The widgets and the map take the link's values, on a session's first run only; afterwards the widgets rule."""
    for name in filters.CHOICE_COLUMNS:
        st.session_state[choice_key(name)] = list(getattr(address.filters, name))
    st.session_state[DATES] = (address.filters.date_from or span[0], address.filters.date_to or span[1])
    st.session_state[VIEW] = address.view
    st.session_state[PAIR_FIRST], st.session_state[PAIR_SECOND] = address.pair or (None, None)
    st.session_state[DAY_MODE] = address.day is not None
    if address.day is not None:  # else the day view opens on the first day with action
        st.session_state[DAY] = address.day
    state = page_state()
    state.map_view = state.map_start = state.link_view = address.map_view  # the comparison opens there too
    state.address_read = True


def keep_valid(options: dict[str, list[str]], span: tuple[date, date]) -> None:
    """After the data changes, drop chosen values it no longer has and clamp the dates."""
    for name in filters.CHOICE_COLUMNS:
        key = choice_key(name)
        st.session_state[key] = [v for v in st.session_state.get(key, []) if v in options[name]]
    start, end = st.session_state.get(DATES, span)
    start, end = max(start, span[0]), min(end, span[1])
    st.session_state[DATES] = (start, end) if start <= end else span


def read_address() -> dict[str, Sequence[str]]:
    """The page's query parameters, every value of each (address.read takes what it needs)."""
    return {key: st.query_params.get_all(key) for key in st.query_params}


def write_address(link: Address) -> None:
    """The page's address becomes ``link``, at the map's latest view: a copied link reopens this page."""
    st.query_params.from_dict(address.write(replace(link, map_view=page_state().map_view)))
