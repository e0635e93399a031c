"""Day by day: the day slider with play, pause and speed, and the playback that steps the map through the days.

While playing, only a fragment reruns at each tick (the day's heading, its
markers and its counts): a whole run (sidebar, upload summary, site table,
exports) each tick cost a playing reader 28-56 CPU-seconds a minute. The rest
of the page follows at the pause, when the slider takes up the day the
playback has got to (PageState.play_day).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

import pandas as pd
import streamlit as st

from ..core import filters, i18n
from . import caching
from .address import Address
from .counts import headline
from .mainmap import MAP_ANCHOR, MAP_BOX, draw_map
from .state import ACTION_DAYS, DAY, DAY_MODE, SPEED, choice_key, lang, page_state, tr, write_address

# The playback's speeds, by key (their labels come from the catalogue): seconds a day.
SPEEDS = {"speed_1": 1.0, "speed_2": 0.5, "speed_half": 2.0}


def controls(data_key: str, events: pd.DataFrame, span: tuple[date, date]) -> tuple[date | None, list[date] | None]:
    """The sidebar's day by day controls. The day shown (None for the date range), and the days playback
    steps through when it keeps to days with action (None: every day).

    It opens on the first day with action; where most days have none (the curated data acts on 6 of
    114), it steps through the days with action only, so the map is not bare on most of its frames.
    """
    state = page_state()
    st.header(tr("play_header"))
    if not st.toggle(tr("day_mode"), key=DAY_MODE):
        state.playing, state.play_day = False, None
        return None, None
    first, last = filters.play_days(span)
    chosen = filters.Filters.of({name: st.session_state.get(choice_key(name), []) for name in filters.CHOICE_COLUMNS})
    days = caching.days_with_action(data_key, chosen, first, last, events) or [first]
    linked = st.session_state.get(DAY)  # a link's day stays the day shown, quiet or not
    st.session_state.setdefault(
        ACTION_DAYS, filters.mostly_quiet(len(days), first, last) and (linked is None or linked in days)
    )
    action_only = st.toggle(tr("action_days"), key=ACTION_DAYS, help=tr("action_days_help"))
    if state.play_day is not None:  # where the playback has got to: the slider moves there
        st.session_state[DAY] = state.play_day
        if not state.playing:
            state.play_day = None
    day = min(max(st.session_state.get(DAY, days[0]), first), last)
    st.session_state[DAY] = next((d for d in days if d >= day), days[-1]) if action_only else day
    day = st.select_slider(
        tr("day"),
        options=days if action_only else every_day(first, last),
        key=DAY,
        on_change=follow_slider,
        format_func=spoken_day,
    )
    play, speed = st.columns(2)  # room for "Прайграць" beside the speed
    play.button(tr("pause") if state.playing else tr("play"), on_click=toggle_play, width="stretch")
    speed.selectbox(tr("speed"), list(SPEEDS), format_func=tr, key=SPEED, label_visibility="collapsed")
    return day, days if action_only else None


def every_day(first: date, last: date) -> list[date]:
    """The days the day slider steps through, so that it can name them in the reader's language (Streamlit's
    date slider writes its months in English)."""
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def spoken_day(day: date) -> str:
    """A slider's day in the reader's language: 10 жніўня 2020."""
    return i18n.long_date(lang(), day)


def follow_slider() -> None:
    """A reader moving the day slider moves the playback there."""
    page_state().play_day = st.session_state[DAY]


def toggle_play() -> None:
    """Play from the slider's day, or pause where the playback is."""
    state = page_state()
    state.playing = not state.playing
    if state.playing:
        state.play_day = st.session_state[DAY]


@dataclass(frozen=True)
class Reel:
    """What a playback shows, fixed for as long as it plays: the data, the filters, the waves, its days."""

    data_key: str
    events: pd.DataFrame
    chosen: filters.Filters  # the reader's filters; each day narrows them to itself
    waves: tuple[str, str]
    last: date  # the playback stops after this day
    steps: list[date] | None  # the days it steps through (days with action), or None: every day
    link: Address  # the page's address, whose day follows the playback


def play(reel: Reel, day: date) -> None:
    """Show the playback's day in a fragment that reruns alone, every SPEEDS[speed] seconds, one day on each time.

    This run draws the whole page, so the fragment's first run (now, inline) shows the day the playback
    is at without moving on; each of its later runs is a tick of its timer, and steps first.
    """
    state = page_state()
    if state.play_day is None:
        state.play_day = day
    state.play_day_shown = False
    seconds = SPEEDS[st.session_state.get(SPEED, next(iter(SPEEDS)))]
    with st.container(key=MAP_BOX):  # where the paused map stands: the map does not move as playback starts
        st.markdown(MAP_ANCHOR, unsafe_allow_html=True)
        st.fragment(run_every=seconds)(tick)(reel)


def tick(reel: Reel) -> None:
    """One frame of the playback: the next day, unless the page has not shown this one yet; at the end, a pause."""
    state = page_state()
    assert state.play_day is not None, "play() sets the day before the fragment's first run"
    if state.play_day_shown:
        following = filters.next_play_day(state.play_day, reel.last, reel.steps)
        if following is None:
            state.playing = False
            st.rerun()  # the whole page, paused on the last day
        state.play_day = following
    state.play_day_shown = True
    day = state.play_day
    write_address(replace(reel.link, day=day))  # a link copied during playback opens on its day
    current = filters.on_day(reel.chosen, day)
    shown = filters.apply(reel.events, current)
    draw_map(reel.data_key, reel.events, current, reel.waves, day, shown)
    headline(shown, reel.waves)
