"""Filtering: each filter narrows the frame exactly, and filters survive a trip through the URL."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from strikes.core import filters
from strikes.core.filters import Filters
from strikes.data.dataset import load_events

from ..factories import SMALL, make_events


@pytest.fixture()
def small() -> pd.DataFrame:
    return make_events(*SMALL)


def ids(frame: pd.DataFrame) -> list[str]:
    return list(frame["event_id"])


@pytest.mark.parametrize(
    ("chosen", "expected"),
    [
        (Filters(), ["a1", "a2", "a3", "n1", "n2", "n3", "a4"]),
        (Filters(wave=("november",)), ["n1", "n2", "n3"]),
        (Filters(sector=("chemicals", "mining")), ["a2", "a3", "n2"]),
        (Filters(oblast=("Grodno",)), ["a2", "n2"]),
        (Filters(town=("Minsk",)), ["a1", "n1", "n3"]),
        (Filters(type=("arrests", "walkout")), ["n2", "n3"]),
        # date ranges overlap: a1 runs 10-14 August, so a filter from the 14th keeps it
        (Filters(date_from=date(2020, 8, 14), date_to=date(2020, 8, 31)), ["a1", "a4"]),
        (Filters(date_to=date(2020, 8, 11)), ["a1"]),
        (Filters(wave=("august",), sector=("manufacturing",)), ["a1"]),
        (Filters(wave=("august",), type=("arrests",)), []),
    ],
)
def test_apply_keeps_exactly_the_matching_rows(small: pd.DataFrame, chosen: Filters, expected: list[str]) -> None:
    result = filters.apply(small, chosen)
    assert ids(result) == expected
    pd.testing.assert_frame_equal(result, small[small["event_id"].isin(expected)])


def test_options_are_the_sorted_values_present(small: pd.DataFrame) -> None:
    assert filters.options(small) == {
        "wave": ["august", "november"],
        "sector": ["chemicals", "education", "health", "manufacturing", "mining"],
        "oblast": ["Grodno", "Minsk", "Minsk City"],
        "town": ["Grodno", "Minsk", "Salihorsk"],
        "type": ["arrests", "protest", "strike", "walkout"],
    }


def test_date_span(small: pd.DataFrame) -> None:
    assert filters.date_span(small) == (date(2020, 8, 10), date(2020, 10, 26))


def test_query_params_round_trip() -> None:
    chosen = Filters(date_from=date(2020, 8, 12), wave=("november",), sector=("mining", "chemicals"), type=("arrests",))
    params = chosen.to_query_params()
    assert params == {
        "from": "2020-08-12",
        "wave": ["november"],
        "sector": ["mining", "chemicals"],
        "type": ["arrests"],
    }
    assert Filters.from_query_params(params) == chosen


def test_query_params_drop_unknown_values_and_bad_dates() -> None:
    params: dict[str, str | list[str]] = {
        "sector": ["mining", "alchemy"],
        "from": "14/08/2020",
        "to": "2020-10-26",
        "wave": "august",
    }
    options = {"sector": ["mining"], "wave": ["august", "november"]}
    assert Filters.from_query_params(params, options) == Filters(
        date_to=date(2020, 10, 26), wave=("august",), sector=("mining",)
    )


def test_without_resets_named_filters_only() -> None:
    chosen = Filters(date_from=date(2020, 8, 12), wave=("november",), sector=("mining",))
    assert chosen.without("wave", "date_from", "date_to") == Filters(sector=("mining",))


def test_across_waves_keeps_every_filter_but_wave_and_date(small: pd.DataFrame) -> None:
    chosen = Filters(date_to=date(2020, 8, 11), wave=("august",), sector=("chemicals",))
    assert ids(filters.across_waves(small, chosen)) == ["a2", "n2"]


def test_action_days_are_the_days_some_action_is_under_way() -> None:
    events = pd.DataFrame(
        {
            "date_start": pd.to_datetime(["2020-08-10", "2020-08-12", "2020-10-26", "2020-07-01"]),
            "date_end": pd.to_datetime(["2020-08-11", "2020-08-12", "2020-10-26", "2020-08-09"]),
        }
    )
    days = filters.action_days(events, date(2020, 8, 9), date(2020, 11, 30))
    assert days == [date(2020, 8, 9), date(2020, 8, 10), date(2020, 8, 11), date(2020, 8, 12), date(2020, 10, 26)]
    assert filters.action_days(events.iloc[:0], date(2020, 8, 9), date(2020, 8, 20)) == []


def test_playback_keeps_to_action_days_when_fewer_than_a_third_have_any() -> None:
    assert filters.mostly_quiet(6, date(2020, 8, 9), date(2020, 11, 30))
    assert not filters.mostly_quiet(38, date(2020, 8, 9), date(2020, 11, 30))  # 38 of 114 is a third
    assert filters.mostly_quiet(37, date(2020, 8, 9), date(2020, 11, 30))


def test_the_curated_data_acts_on_few_of_its_playable_days() -> None:
    events = load_events()
    first, last = filters.play_days(filters.date_span(events))
    days = filters.action_days(events, first, last)
    assert days[0] == date(2020, 8, 10)
    assert filters.mostly_quiet(len(days), first, last)
    assert all(not filters.apply(events, filters.on_day(filters.Filters(), day)).empty for day in days)
    quiet = date(2020, 9, 15)
    assert quiet not in days and filters.apply(events, filters.on_day(filters.Filters(), quiet)).empty


def test_playback_steps_to_the_next_day_or_the_next_day_with_action() -> None:
    last = date(2020, 11, 30)
    assert filters.next_play_day(date(2020, 8, 9), last, None) == date(2020, 8, 10)
    assert filters.next_play_day(last, last, None) is None
    steps = [date(2020, 8, 10), date(2020, 8, 14), date(2020, 10, 26)]
    assert filters.next_play_day(date(2020, 8, 10), last, steps) == date(2020, 8, 14)
    assert filters.next_play_day(date(2020, 8, 20), last, steps) == date(2020, 10, 26)
    assert filters.next_play_day(date(2020, 10, 26), last, steps) is None
