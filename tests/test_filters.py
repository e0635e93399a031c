"""Filtering: each filter narrows the frame exactly, and filters survive a trip through the URL."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from strikes import filters
from strikes.filters import Filters

from .factories import SMALL, make_events


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
    assert params == {"from": "2020-08-12", "wave": ["november"], "sector": ["mining", "chemicals"], "type": ["arrests"]}
    assert Filters.from_query_params(params) == chosen


def test_query_params_drop_unknown_values_and_bad_dates() -> None:
    params = {"sector": ["mining", "alchemy"], "from": "14/08/2020", "to": "2020-10-26", "wave": "august"}
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
