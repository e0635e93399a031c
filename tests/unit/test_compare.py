"""The comparison of two waves and its statistics, on a small hand-made dataset."""

from __future__ import annotations

import pandas as pd
import pytest

from strikes.core import compare

from ..factories import SMALL, make_events

WAVES = ("august", "november")


@pytest.fixture()
def small() -> pd.DataFrame:
    return make_events(*SMALL)


def test_wave_pair_is_in_time_order(small: pd.DataFrame) -> None:
    assert compare.wave_pair(small) == WAVES
    assert compare.wave_pair(small[small["wave"] == "august"]) == ("august", compare.NO_SECOND_WAVE)


def test_site_status(small: pd.DataFrame) -> None:
    expected = pd.Series(
        ["both", "august only", "august only", "both", "november only"],
        index=pd.Index(["azot", "docs", "kali", "mtz", "uni"], name="site_id"),
        name="status",
        dtype="object",
    )
    pd.testing.assert_series_equal(compare.site_status(small, WAVES), expected)


def test_comparison_table_reads_as_the_story(small: pd.DataFrame) -> None:
    table = compare.comparison_table(small, WAVES)
    expected = pd.DataFrame(
        {
            "status": pd.Categorical(
                ["august only", "august only", "both", "both", "november only"],
                categories=["august only", "both", "november only"],
                ordered=True,
            ),
            "site_id": ["docs", "kali", "azot", "mtz", "uni"],
            "name": ["DOCS", "KALI", "AZOT", "MTZ", "UNI"],
            "town": [None, "Salihorsk", "Grodno", "Minsk", "Minsk"],
            "oblast": [None, "Minsk", "Grodno", "Minsk City", "Minsk City"],
            "sector": ["health", "mining", "chemicals", "manufacturing", "education"],
        }
    )
    expected[["town", "oblast"]] = expected[["town", "oblast"]].astype(table["town"].dtype)
    pd.testing.assert_frame_equal(table, expected, check_dtype=True)


def test_status_counts_include_zeroes(small: pd.DataFrame) -> None:
    only_august = small[small["wave"] == "august"]
    counts = compare.status_counts(only_august, WAVES)
    pd.testing.assert_series_equal(
        counts,
        pd.Series([4, 0, 0], index=pd.Index(["august only", "both", "november only"], name="status"), name="sites"),
    )


def test_sites_per_wave_by_sector(small: pd.DataFrame) -> None:
    counts = compare.sites_per_wave(small, "sector")
    expected = pd.DataFrame(
        {"august": [1, 1, 1, 1, 0], "november": [1, 0, 1, 0, 1]},
        index=pd.Index(["chemicals", "health", "manufacturing", "mining", "education"], name="sector"),
    ).sort_index()
    expected.columns.name = "wave"
    pd.testing.assert_frame_equal(counts.sort_index(), expected)


def test_real_dataset_figures(events: pd.DataFrame) -> None:
    assert compare.status_counts(events, WAVES).to_dict() == {"august only": 38, "both": 4, "november only": 2}


def test_what_changed_counts_the_first_waves_sites_those_that_struck_again_and_those_that_joined() -> None:
    counts = pd.Series({"august only": 38, "both": 4, "november only": 2})
    assert compare.what_changed(counts, ("august", "november")) == {"first": 42, "again": 4, "joined": 2}
    assert compare.what_changed(counts.iloc[:1], ("august", "november")) == {"first": 38, "again": 0, "joined": 0}


def test_a_reader_may_pick_any_two_of_the_datas_waves_and_a_pair_it_lacks_falls_back() -> None:
    rows = [
        {"event_id": f"e{n}", "site_id": f"s{n}", "sector": "mining", "wave": wave, "date": day}
        for n, (wave, day) in enumerate(
            [("may 2021", "2021-05-01"), ("june 2021", "2021-06-01"), ("july 2021", "2021-07-01")]
        )
    ]
    events = make_events(*rows)
    assert compare.waves_in_order(events) == ["may 2021", "june 2021", "july 2021"]
    assert compare.wave_pair(events) == ("may 2021", "june 2021")  # one site each: the first two in time
    assert compare.wave_pair(events, ["july 2021", "may 2021"]) == ("july 2021", "may 2021")
    for lacking in (["may 2021", "may 2021"], ["may 2021", "august"], [None, None], ["may 2021"]):
        assert compare.wave_pair(events, lacking) == ("may 2021", "june 2021")


def test_an_uploads_default_pair_is_its_two_largest_waves_in_time_order() -> None:
    """May and July have one site each, September three and October two: the map compares September with
    October, not the first two months, and leaves May and July as other waves."""
    months = [("may 2022", "2022-05-10", 1), ("july 2022", "2022-07-10", 1)]
    months += [("september 2022", "2022-09-10", 3), ("october 2022", "2022-10-10", 2)]
    rows = [
        {"event_id": f"{wave}-{n}", "site_id": f"{wave[:3]}{n}", "sector": "mining", "wave": wave, "date": day}
        for wave, day, sites in months
        for n in range(sites)
    ]
    rows.append(
        {"event_id": "oct-again", "site_id": "oct0", "sector": "mining", "wave": "october 2022", "date": "2022-10-20"}
    )
    events = make_events(*rows)
    assert compare.wave_sizes(events) == {"may 2022": 1, "july 2022": 1, "september 2022": 3, "october 2022": 2}
    assert compare.wave_pair(events) == ("september 2022", "october 2022")
    assert compare.wave_pair(events, ["may 2022", "july 2022"]) == ("may 2022", "july 2022")  # the reader's pick
    order = compare.waves_in_order(events)
    assert compare.pick_pair(order, (), {"july 2022": 5, "may 2022": 4}) == ("may 2022", "july 2022")  # in time
    assert compare.pick_pair(order, (), {"october 2022": 2, "may 2022": 2}) == ("may 2022", "october 2022")
    assert compare.pick_pair(order) == ("may 2022", "july 2022")  # no sizes: the first two in time
