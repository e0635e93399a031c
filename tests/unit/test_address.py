"""The page's address: one codec, read(write(a)) == a, and whatever else a link says is dropped."""

from __future__ import annotations

from datetime import date

import pytest

from strikes.core.filters import Filters
from strikes.core.i18n import DEFAULT, Lang
from strikes.page.mapview import View
from strikes.web import address
from strikes.web.address import Address

EN = Lang("en")
OPTIONS = {
    "wave": ["august", "november", "2022-09"],
    "sector": ["chemicals", "mining", "transport"],
    "oblast": ["Minsk", "Hrodna"],
    "town": ["Salihorsk", "Hrodna", "Minsk"],
    "type": ["walkout", "strike"],
}
SPAN = (date(2020, 8, 10), date(2020, 10, 26))  # the playback's days are 9 August to 30 November
HOSTILE = [
    "<script>alert(1)</script>",
    "{{7*7}}",
    "${7*7}",
    '"><img src=x onerror=alert(1)>',
    "x" * 100_000,
    "mining\u0000",
    "MINING",
    "",
    " ",
    "nan",
    "-inf",
    "1e308",
    "2020-02-30",
    "2020-13-01",
]

STATES = [
    Address(EN),
    Address(EN, filters=Filters(sector=("mining",))),
    Address(EN, filters=Filters(sector=("mining", "chemicals"), wave=("november",), type=("walkout",))),
    Address(EN, filters=Filters(oblast=("Hrodna", "Minsk"), town=("Salihorsk",))),
    Address(EN, filters=Filters(date_from=date(2020, 9, 1))),
    Address(EN, filters=Filters(date_to=date(2020, 9, 30))),
    Address(EN, filters=Filters(date_from=date(2020, 9, 1), date_to=date(2020, 9, 1))),
    Address(EN, view="compare"),
    Address(EN, day=date(2020, 8, 9)),  # the playback's first day, before the data's
    Address(EN, day=date(2020, 11, 30), view="compare"),
    Address(EN, pair=("november", "august")),
    Address(EN, pair=("2022-09", "august")),
    Address(Lang("be")),
    Address(Lang("ru"), view="compare"),
    Address(EN, map_view=View(53.9, 27.56667, 7)),
    Address(EN, map_view=View(-85.0, -180.0, 1)),
    Address(EN, map_view=View(85.0, 180.0, 18)),
    Address(
        lang=Lang("be"),
        filters=Filters(date_from=date(2020, 8, 11), date_to=date(2020, 10, 25), sector=("transport",)),
        view="compare",
        day=date(2020, 8, 17),
        pair=("august", "november"),
        map_view=View(52.12345, 26.54321, 9),
    ),
]


def read(params: dict[str, list[str]]) -> Address:
    return address.read(params, OPTIONS, SPAN)


def as_params(written: dict[str, str | list[str]]) -> dict[str, list[str]]:
    """Query parameters as the page reads them: every value a list."""
    return {key: [value] if isinstance(value, str) else value for key, value in written.items()}


@pytest.mark.parametrize("state", STATES)
def test_every_state_survives_a_trip_through_the_address(state: Address) -> None:
    assert read(as_params(address.write(state))) == state


def test_a_default_is_left_out_of_the_address() -> None:
    assert address.write(Address(EN)) == {}
    assert address.write(Address(Lang("ru"), view="compare")) == {"view": "compare", "lang": "ru"}


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize(
    "key", ["sector", "wave", "town", "type", "oblast", "from", "to", "day", "view", "pair", "lang", "lat", "lon", "z"]
)
def test_a_hostile_value_is_dropped_and_never_written_back(key: str, value: str) -> None:
    state = read({"lat": ["53.9"], "lon": ["27.5"], "z": ["7"], key: [value]})
    written = as_params(address.write(state))
    assert read(written) == state  # what the page writes, it reads back the same
    assert not any(value in values for values in written.values())
    if key not in ("lat", "lon", "z"):
        assert state == Address(EN, map_view=View(53.9, 27.5, 7))  # nothing else was taken from the link


def test_unknown_choices_go_and_known_ones_stay_once() -> None:
    state = read({"sector": ["<script>", "mining", "coal", "mining", "MINING"], "town": ["{{7*7}}", "Minsk"]})
    assert state.filters == Filters(sector=("mining",), town=("Minsk",))


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (
            {"from": ["2020-09-01"], "to": ["2020-09-30"]},
            Filters(date_from=date(2020, 9, 1), date_to=date(2020, 9, 30)),
        ),
        ({"from": ["2019-01-01"]}, Filters()),  # before the data: the data's first day, which is no filter
        ({"to": ["2030-01-01"]}, Filters()),
        ({"from": ["2020-10-01"], "to": ["2020-09-01"]}, Filters()),  # backwards: the whole span
        ({"from": ["2020-12-01"]}, Filters()),  # after the data's last day: the whole span
        ({"from": ["2020-09-01", "2020-09-15"]}, Filters(date_from=date(2020, 9, 1))),  # repeated: the first
        ({"from": ["yesterday"], "to": ["2020-09-31"]}, Filters()),
    ],
)
def test_dates_are_kept_inside_the_data(params: dict[str, list[str]], expected: Filters) -> None:
    assert read(params).filters == expected


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"day": ["2020-08-09"]}, date(2020, 8, 9)),
        ({"day": ["2020-11-30"]}, date(2020, 11, 30)),
        ({"day": ["2020-08-08"]}, None),  # before the playback's first day
        ({"day": ["2020-12-01"]}, None),
        ({"day": ["2020-02-30"]}, None),
        ({"day": ["2020-09-01", "2020-09-02"]}, date(2020, 9, 1)),
    ],
)
def test_a_day_outside_the_playback_is_dropped(params: dict[str, list[str]], expected: date | None) -> None:
    assert read(params).day == expected


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["november", "august"], ("november", "august")),
        (["august", "august"], None),  # one wave cannot be compared with itself
        (["august", "2021-01"], None),
        (["august"], None),
        (["august", "november", "2022-09"], ("august", "november")),
    ],
)
def test_a_pair_is_two_of_the_datas_waves(values: list[str], expected: tuple[str, str] | None) -> None:
    assert read({"pair": values}).pair == expected


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"lat": ["53.9"], "lon": ["27.56667"], "z": ["7"]}, View(53.9, 27.56667, 7)),
        ({"lat": ["53.123456789"], "lon": ["27.5"], "z": ["7"]}, View(53.12346, 27.5, 7)),  # what write keeps
        ({"lat": ["nan"], "lon": ["27.5"], "z": ["7"]}, None),
        ({"lat": ["53.9"], "lon": ["27.5"], "z": ["nan"]}, None),
        ({"lat": ["53.9"], "lon": ["inf"], "z": ["7"]}, None),
        ({"lat": ["90"], "lon": ["27.5"], "z": ["7"]}, None),  # beyond Web Mercator
        ({"lat": ["53.9"], "lon": ["27.5"], "z": ["0"]}, None),
        ({"lat": ["53.9"], "lon": ["27.5"], "z": ["99"]}, None),
        ({"lat": ["53.9"], "lon": ["27.5"]}, None),
        ({"lat": ["53.9", "0"], "lon": ["27.5", "0"], "z": ["7", "1"]}, View(53.9, 27.5, 7)),  # repeated: the first
    ],
)
def test_the_map_view_is_a_sane_one_or_none(params: dict[str, list[str]], expected: View | None) -> None:
    assert read(params).map_view == expected


def test_the_view_and_the_language_are_known_ones_or_the_defaults() -> None:
    assert read({"view": ["compare", "map"], "lang": ["be", "en"]}) == Address(Lang("be"), view="compare")
    assert read({"view": ["Compare"], "lang": ["BE"]}) == Address(EN)
    assert address.read_language({"lang": ["<script>"]}) == DEFAULT
    assert address.read_view({"view": ["{{7*7}}"]}) == "map"


def test_a_written_address_reads_back_with_its_view_rounded_as_the_link_carries_it() -> None:
    reported = View(53.123456, 27.654321, 8, width=812, height=620)  # as the map reports it
    state = Address(EN, map_view=reported)
    assert read(as_params(address.write(state))).map_view == View(53.12346, 27.65432, 8)
