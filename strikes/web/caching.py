"""What the page computes once and keeps: the caching policy, and the costly parts of its maps and tables.

Every function here takes the data's key first and the events frame last
(``_events``: Streamlit does not hash it, the key stands for it). The curated
data's results are the same for every reader, so they are cached once for all;
an upload's are seen by its reader only, so they live in that reader's session
(strikes/web/memo.py) and go when the session does.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, MutableMapping
from datetime import date
from typing import Any, TypeVar

import pandas as pd
import streamlit as st

from ..core import compare, filters
from ..core.i18n import Lang
from ..data import dataset
from ..page import about, mapview, tables
from ..page.markers import SiteData
from . import memory
from .memo import Memo
from .state import page_state

# An upload's cached results per function, in its reader's session: the last few filter choices.
UPLOAD_MEMO = 4
# How often the server collects garbage and trims its heap (strikes/web/memory.py): a few ms of CPU.
RELEASE_SECONDS = 10.0
T = TypeVar("T")


def by_dataset(
    shared_entries: int, session_memos: Callable[[], MutableMapping[str, Memo[Any]]]
) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Cache a function of (data_key, ..., _events) once per dataset and argument values.

    The curated data's ("builtin") results go to st.cache_data, at most ``shared_entries``, shared by
    every session; any other data's to a Memo of UPLOAD_MEMO results in ``session_memos()``, one per function.
    """

    def wrap(compute: Callable[..., T]) -> Callable[..., T]:
        shared = st.cache_data(max_entries=shared_entries, show_spinner=False)(compute)

        @functools.wraps(compute)
        def cached(data_key: str, *args: Any) -> T:
            if data_key == "builtin":
                return shared(data_key, *args)
            memo = session_memos().setdefault(compute.__name__, Memo(UPLOAD_MEMO))
            return memo.get((data_key, *args[:-1]), lambda: compute(data_key, *args))  # the last is _events

        return cached

    return wrap


def per_dataset(shared_entries: int) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """by_dataset with an upload's results in this session's PageState."""
    return by_dataset(shared_entries, lambda: page_state().memos)


@st.cache_resource(show_spinner=False)
def memory_release() -> None:
    """Once per server: arrow's buffers from malloc, and freed memory handed back every few seconds."""
    memory.use_system_allocator()
    memory.release_every(RELEASE_SECONDS)


@st.cache_data(show_spinner=False)
def builtin_events() -> pd.DataFrame:
    """The curated events, read once per server."""
    return dataset.load_events()


@st.cache_data(show_spinner=False)
def about_text(lang: Lang, address: str) -> str:
    """The curated map's "About this map" in ``lang``."""
    return about.about_markdown(builtin_events(), dataset.load_sources(), address, lang)


@per_dataset(shared_entries=32)
def main_sites(
    data_key: str, chosen: filters.Filters, waves: tuple[str, str], lang: Lang, _events: pd.DataFrame
) -> SiteData:
    """The map's costly part, once per dataset and filter values: an unchanged filter does no work.

    The folium map itself is rebuilt each run (cheaply): streamlit-folium
    renames a map's parts as it renders it, so one map object cannot be shown twice.
    """
    status = site_status(data_key, filters.status_filters(chosen), waves, _events)
    return mapview.site_data(filters.apply(_events, chosen), status, waves, lang)


@per_dataset(shared_entries=32)
def site_status(data_key: str, chosen: filters.Filters, waves: tuple[str, str], _events: pd.DataFrame) -> pd.Series:
    """Each site's status across both waves under these filters, for the markers and the table.

    Callers pass filters.status_filters(...), so every day of a playback shares one result.
    """
    return compare.site_status(filters.across_waves(_events, chosen), waves)


@per_dataset(shared_entries=32)
def site_table(
    data_key: str, chosen: filters.Filters, waves: tuple[str, str], lang: Lang, _events: pd.DataFrame
) -> pd.DataFrame:
    """The table under the map, once per dataset and filter values: the map's own reports rerun the app."""
    status = site_status(data_key, filters.status_filters(chosen), waves, _events)
    return tables.site_table(filters.apply(_events, chosen), status, waves, lang)


@per_dataset(shared_entries=2)
def map_frame(data_key: str, waves: tuple[str, str], _events: pd.DataFrame) -> mapview.Frame:
    """The dataset's side of the map frame (bounds, legend entries, search box), once per dataset."""
    return mapview.Frame.of(_events, waves)


@per_dataset(shared_entries=16)
def dual_sites(
    data_key: str, chosen: filters.Filters, waves: tuple[str, str], lang: Lang, _events: pd.DataFrame
) -> tuple[SiteData, SiteData]:
    """The comparison's two maps' site data, once per dataset and filter values."""
    return mapview.dual_site_data(filters.across_waves(_events, chosen), waves, lang)


@per_dataset(shared_entries=2)
def dataset_waves(data_key: str, _events: pd.DataFrame) -> list[str]:
    """The data's waves in time order, once per dataset (a groupby over every event)."""
    return compare.waves_in_order(_events)


@per_dataset(shared_entries=2)
def wave_sizes(data_key: str, _events: pd.DataFrame) -> dict[str, int]:
    """The sites in each of the data's waves, once per dataset: the default comparison is of the largest two."""
    return compare.wave_sizes(_events)


@per_dataset(shared_entries=32)
def days_with_action(
    data_key: str, chosen: filters.Filters, first: date, last: date, _events: pd.DataFrame
) -> list[date]:
    """The playable days on which some site under the chosen filters (dates aside) is in action."""
    return filters.action_days(filters.apply(_events, chosen), first, last)
