"""A user's own strike file: what loads, and the exact message for each way it can be wrong.

No test touches the network (connecting a socket fails) and no upload may write
the committed geocode cache.
"""

from __future__ import annotations

import io
import json
import socket
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from strikes import intake
from strikes.core import i18n, schema
from strikes.core.compare import OTHER_WAVES
from strikes.core.problems import ProblemsError
from strikes.data import cache, geocode
from strikes.data.cache import CACHE_PATH, GEODATA
from strikes.intake import UploadError, read_upload
from strikes.intake.read import main
from strikes.page import markup

EXAMPLES = GEODATA / "examples"
HEADER = "event_id,event_date,workplace,sector,source,location,latitude,longitude"
GRODNO_AZOT = "e1,2020-08-10,Grodno Azot,chemicals,Nasha Niva,Grodno,53.6758,23.82887"
NAFTAN = "e2,2020-08-11,Naftan,energy,Nasha Niva,Novopolotsk,55.52618,28.59308"


@pytest.fixture(autouse=True)
def offline_and_cache_untouched(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Any connection attempt fails, and writing the geocode cache is an error."""

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("an upload test tried to use the network")

    def no_cache_write(*args: object, **kwargs: object) -> None:
        raise AssertionError("an upload tried to write the geocode cache")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    for module in (cache, geocode):
        monkeypatch.setattr(module, "write_cache", no_cache_write)
    monkeypatch.setattr(cache, "write_atomic", no_cache_write)
    before = CACHE_PATH.read_bytes(), CACHE_PATH.stat().st_mtime_ns
    yield
    assert (CACHE_PATH.read_bytes(), CACHE_PATH.stat().st_mtime_ns) == before


def csv(*rows: str, header: str = HEADER) -> bytes:
    return "\n".join([header, *rows, ""]).encode()


def geojson(*features: dict[str, Any]) -> bytes:
    return json.dumps({"type": "FeatureCollection", "features": list(features)}).encode()


def feature(geometry: dict[str, Any] | None, **properties: Any) -> dict[str, Any]:
    base = {
        "event_id": "e1",
        "event_date": "2020-08-10",
        "workplace": "Grodno Azot",
        "sector": "chemicals",
        "source": "Nasha Niva",
        "location": "Grodno",
    }
    return {"type": "Feature", "geometry": geometry, "properties": {**base, **properties}}


def load(data: bytes, filename: str = "s.csv", **kwargs: Any) -> tuple[pd.DataFrame, list[str]]:
    """The events and the notes in English, as str() words them."""
    events, notes = read_upload(data, filename, **kwargs)
    return events, [str(note) for note in notes]


def error(data: bytes, filename: str = "s.csv") -> str:
    with pytest.raises(UploadError) as caught:
        read_upload(data, filename)
    return str(caught.value)


# --- files that load ---------------------------------------------------------------------


def test_example_csv_loads_into_the_events_schema() -> None:
    events, notes = load((EXAMPLES / "strikes-example.csv").read_bytes(), "strikes-example.csv")
    assert tuple(events.columns) == schema.EVENT_COLUMNS
    schema.EVENTS.validate(events)
    assert 8 <= len(events) <= 12
    assert set(events["wave"]) == {"august", "november"}
    assert notes == ["read as UTF-8", "1 row geocoded to the town centre with the offline gazetteer"]
    zhlobin = events.set_index("event_id").loc["bmz-aug"]
    assert zhlobin["precision"] == "town"
    assert zhlobin["geocode_source"] == "GeoNames cities1000: Zhlobin (geonameid 618806)"
    assert (zhlobin["lat"], zhlobin["lon"]) == (52.8926, 30.024)
    castle = events.set_index("event_id").loc["nesvizh-castle-aug"]
    assert (castle["precision"], castle["geocode_source"]) == ("site", "given in strikes-example.csv")


def test_example_geojson_loads_and_agrees_with_the_csv() -> None:
    events, notes = load((EXAMPLES / "strikes-example.geojson").read_bytes(), "strikes-example.geojson")
    from_csv, _ = read_upload(EXAMPLES / "strikes-example.csv", "strikes-example.csv")
    assert 2 <= len(events) <= 3 and tuple(events.columns) == schema.EVENT_COLUMNS
    shared = [
        "event_id",
        "site_id",
        "name",
        "local_name",
        "lat",
        "lon",
        "precision",
        "date_start",
        "time_precision",
        "wave",
        "source_id",
        "quote",
    ]
    expected = from_csv.set_index("event_id").loc[events["event_id"]].reset_index()
    pd.testing.assert_frame_equal(events[shared], expected[shared])
    assert notes[-1] == "1 row geocoded to the town centre with the offline gazetteer"


@pytest.mark.parametrize("wrap", [bytes, io.BytesIO, "path"])
def test_bytes_file_objects_and_paths_give_the_same_frame(wrap: Any, tmp_path: Path) -> None:
    data = csv(GRODNO_AZOT, NAFTAN)
    if wrap == "path":
        (tmp_path / "s.csv").write_bytes(data)
        source: Any = tmp_path / "s.csv"
    else:
        source = wrap(data)
    events, _ = read_upload(source, "s.csv")
    pd.testing.assert_frame_equal(events, load(data)[0])


def test_fields_map_onto_the_events_frame() -> None:
    header = HEADER + ",admin1,geo_precision,action_type,wave,size,source_url,notes,local_name,time_precision"
    row = GRODNO_AZOT + ",Grodno,1,Strike,August,300,https://nn.by/x,the workers stopped,Гродна Азот,2"
    event = load(csv(row, header=header))[0].iloc[0]
    assert event.to_dict() == {
        "event_id": "e1",
        "site_id": "grodno-azot-grodno",
        "name": "Grodno Azot",
        "local_name": "Гродна Азот",
        "sector": "chemicals",
        "town": "Grodno",
        "oblast": "Grodno",
        "is_group": False,
        "lat": 53.6758,
        "lon": 23.82887,
        "precision": "site",
        "geocode_source": "given in s.csv",
        "site_notes": event["site_notes"],
        "wave": "august",
        "date_start": pd.Timestamp("2020-08-10"),
        "date_end": pd.Timestamp("2020-08-10"),
        "time_precision": 2,
        "action_type": "strike",
        "size": "300",
        "source_id": "nasha-niva",
        "source_title": "Nasha Niva",
        "source_url": "https://nn.by/x",
        "quote": "the workers stopped",
        "notes": event["notes"],
    }
    assert pd.isna(event["site_notes"]) and pd.isna(event["notes"])


def test_defaults_wave_from_the_month_and_year_action_type_strike_and_time_precision_day() -> None:
    events, notes = load(csv(GRODNO_AZOT, NAFTAN.replace("2020-08-11", "2020-11-03")))
    assert list(events["wave"]) == ["august 2020", "november 2020"]
    assert set(events["action_type"]) == {"strike"} and set(events["time_precision"]) == {1}
    assert notes == [
        "read as UTF-8",
        "no geo_precision column: the given coordinates are taken to be the workplaces themselves",
        "2 rows without a wave: named after the month and year of their date",
        "2 rows without an action type: taken as strike",
    ]


@pytest.mark.parametrize(("geo_precision", "precision"), [("1", "site"), ("2", "town"), ("3", "town"), ("", "site")])
def test_acled_geo_precision_maps_onto_site_or_town(geo_precision: str, precision: str) -> None:
    events, _ = load(csv(f"{GRODNO_AZOT},{geo_precision}", header=HEADER + ",geo_precision"))
    assert events["precision"].iloc[0] == precision


def test_one_workplace_with_several_events_is_one_site_and_sources_get_slugs() -> None:
    rows = [GRODNO_AZOT, NAFTAN, GRODNO_AZOT.replace("e1,", "e3,").replace("Nasha Niva", "Наша Ніва")]
    events, _ = load(csv(*rows))
    assert list(events["site_id"]) == ["grodno-azot-grodno", "naftan-novopolotsk", "grodno-azot-grodno"]
    assert list(events["source_id"]) == ["nasha-niva", "nasha-niva", "наша-ніва"]
    assert list(events["source_title"]) == ["Nasha Niva", "Nasha Niva", "Наша Ніва"]


def test_sources_whose_slugs_collide_get_distinct_ids() -> None:
    events, _ = load(csv(GRODNO_AZOT, NAFTAN.replace("Nasha Niva", "Nasha-Niva!")))
    assert list(events["source_id"]) == ["nasha-niva", "nasha-niva-2"]


def test_an_acled_export_loads_with_its_own_column_names_and_dates() -> None:
    header = (
        "event_id_cnty,event_id_no_cnty,event_date,year,time_precision,disorder_type,event_type,"
        "sub_event_type,actor1,actor2,assoc_actor_1,inter1,interaction,iso,region,country,admin1,"
        "admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,"
        "fatalities,tags,timestamp,sector"
    )
    row = (
        "BLR1234,1234,10 August 2020,2020,1,Demonstrations,Protests,Peaceful protest,"
        "Labour Group (Belarus),,,6,60,112,Europe,Belarus,Grodno,Hrodna,,Hrodna,53.6835,23.8345,2,"
        'Nasha Niva,National,"On 10 August 2020, workers of Grodno Azot struck.",0,,1600000000,chemicals'
    )
    events, notes = load(csv(row, header=header), "acled.csv")
    event = events.iloc[0]
    # the workplace from the notes, not the generic actor; ACLED's sub-event type as the map's action type
    assert (event["event_id"], event["name"], event["action_type"]) == ("BLR1234", "Grodno Azot", "protest")
    assert (event["date_start"], event["precision"], event["oblast"]) == (pd.Timestamp("2020-08-10"), "town", "Grodno")
    assert notes[1] == "read as an ACLED export" and event["sector"] == "chemicals"


def test_column_names_match_ignoring_case_and_spaces() -> None:
    header = "Event ID,Event Date,Workplace,Sector,Source,Location,Latitude,Longitude"
    assert load(csv(GRODNO_AZOT, header=header))[0]["event_id"].tolist() == ["e1"]


def test_sector_and_action_type_in_another_case_join_the_vocabulary_others_stay_verbatim() -> None:
    events, _ = load(csv(GRODNO_AZOT.replace("chemicals", "Chemicals"), NAFTAN.replace("energy", "Oil and gas")))
    assert list(events["sector"]) == ["chemicals", "Oil and gas"]


def test_rows_without_coordinates_are_geocoded_once_per_town_with_progress() -> None:
    rows = [
        f"e{i},2020-08-10,Plant {i},food,Nasha Niva,{town},,"
        for i, town in enumerate(["Lida", "Lida", "Babruysk", "Pinsk"])
    ]
    calls: list[tuple[int, int]] = []
    events, notes = load(csv(*rows), geocode_progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 3), (2, 3), (3, 3)]
    assert set(events["precision"]) == {"town"}
    assert events["geocode_source"].str.startswith("GeoNames cities1000: ").all()
    assert "4 rows geocoded to the centres of 3 towns with the offline gazetteer" in notes


def test_the_gazetteer_is_per_country_and_admin1_picks_among_namesakes() -> None:
    header = "event_id,event_date,workplace,sector,source,location,admin1,country"
    rows = [
        "e1,2020-08-10,A,food,S,Brest,,Belarus",
        "e2,2020-08-10,B,food,S,Brest,,France",
        "e3,2020-08-10,C,food,S,Kirovsk,Mogilev,BY",
    ]
    events, _ = load(csv(*rows, header=header))
    assert events["lat"].between(52, 54).tolist() == [True, False, True]  # Brest, Brittany's Brest, Kirawsk
    assert events["lon"].iloc[1] < 0


class FakeTowns(Geocoder):
    """Knows one town, and counts the questions."""

    def __init__(self) -> None:
        super().__init__()
        self.queries: list[Any] = []

    def geocode(self, query: Any, **kwargs: Any) -> Location | None:
        self.queries.append(query)
        if query["city"] != "Springfield":
            return None
        return Location("Springfield", (40.0, -89.0), {"name": "Springfield", "geonameid": 1})


def test_an_injected_chain_replaces_the_gazetteer() -> None:
    towns = FakeTowns()
    rows = ["e1,2020-08-10,A,food,S,Springfield,,", "e2,2020-08-10,B,food,S,Springfield,,"]
    events, _ = load(csv(*rows), chain=geocode.Chain(towns))
    assert towns.queries == [{"city": "Springfield", "state": ""}]
    assert events["geocode_source"].tolist() == ["GeoNames cities1000: Springfield (geonameid 1)"] * 2


def test_user_text_is_kept_verbatim_for_escaping_later() -> None:
    hostile = "<img src=x onerror=alert(1)>"
    row = GRODNO_AZOT.replace("Grodno Azot", hostile).replace("Nasha Niva", '"<script>x</script>, ""q"""')
    events, _ = load(csv(row))
    assert events["name"].iloc[0] == hostile
    assert events["source_title"].iloc[0] == '<script>x</script>, "q"'


# --- encodings and delimiters ------------------------------------------------------------

CYRILLIC_ROW = "e1,2020-08-10,Гродна Азот,chemicals,Наша Ніва,Гродна,53.6758,23.82887"


@pytest.mark.parametrize(
    ("encode", "note"),
    [
        (lambda text: text.encode("utf-8"), "read as UTF-8"),
        (lambda text: text.encode("utf-8-sig"), "read as UTF-8 (with a byte-order mark)"),
        (lambda text: text.encode("cp1251"), "read as cp1251 (Windows Cyrillic): the file is not valid UTF-8"),
        (lambda text: text.encode("utf-16"), "read as UTF-16"),
    ],
)
def test_encodings_load_the_same_and_say_which_was_used(encode: Any, note: str) -> None:
    events, notes = load(encode(f"{HEADER}\n{CYRILLIC_ROW}\n"))
    assert notes[0] == note
    assert (events["name"].iloc[0], events["source_title"].iloc[0]) == ("Гродна Азот", "Наша Ніва")
    assert events["event_id"].iloc[0] == "e1"  # the BOM is not glued to the first column name


def test_bytes_that_no_encoding_reads_are_refused() -> None:
    assert error(csv(GRODNO_AZOT) + b"\x98") == (
        "s.csv: the file is neither UTF-8, UTF-16, UTF-32 nor cp1251 text: save it as CSV UTF-8"
    )


@pytest.mark.parametrize(("delimiter", "name"), [(";", "semicolons"), ("\t", "tabs")])
def test_semicolons_and_tabs_are_detected_and_reported(delimiter: str, name: str) -> None:
    text = csv(GRODNO_AZOT, NAFTAN).decode().replace(",", delimiter)
    events, notes = load(text.encode(), "s.tsv" if delimiter == "\t" else "s.csv")
    assert notes[1] == f"columns are separated by {name}"
    pd.testing.assert_frame_equal(
        events.drop(columns="geocode_source"), load(csv(GRODNO_AZOT, NAFTAN))[0].drop(columns="geocode_source")
    )


def test_a_semicolon_csv_may_use_decimal_commas() -> None:
    text = f"{HEADER.replace(',', ';')}\ne1;2020-08-10;Grodno Azot;chemicals;Nasha Niva;Grodno;53,6758;23,82887\n"
    events, _ = load(text.encode())
    assert (events["lat"].iloc[0], events["lon"].iloc[0]) == (53.6758, 23.82887)


def test_blank_lines_are_skipped_and_rows_keep_their_line_numbers() -> None:
    data = csv(GRODNO_AZOT, "", "  ", NAFTAN.replace("2020-08-11", "11/08/2020"))
    assert error(data).startswith("s.csv: row 5, field event_date: '11/08/2020' is ambiguous")


# --- bad files: the exact message --------------------------------------------------------

DATE_HINT = "write dates as YYYY-MM-DD (2020-08-10) or DD Month YYYY (10 August 2020)"


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"", "s.csv", "s.csv: the file is empty"),
        (b"\xef\xbb\xbf \n\n", "s.csv", "s.csv: the file is empty"),
        (csv(), "s.csv", "s.csv: the file has a header but no data rows"),
        (csv("", ",,,,,,,"), "s.csv", "s.csv: the file has a header but no data rows"),
        (b'{"type": "FeatureCollection", "features": []}', "s.geojson", "s.geojson: the file has no features"),
        (
            geojson({"type": "Feature", "geometry": None, "properties": {}}),
            "s.geojson",
            "s.geojson: the features have no properties",
        ),
        (
            b"PK\x03\x04",
            "s.xlsx",
            "s.xlsx: not a readable .xlsx workbook: it is not a whole zip archive; it may be damaged; "
            "save it again as .xlsx or as CSV UTF-8",
        ),
        (
            b"PK\x03\x04",
            "s.ods",
            "s.ods: cannot read .ods files: upload a CSV (.csv, .tsv, .txt), an Excel "
            "workbook (.xlsx), or GeoJSON or ACLED JSON (.geojson, .json)",
        ),
        (
            csv(GRODNO_AZOT, NAFTAN + ",extra"),
            "s.csv",
            "s.csv: row 3: has 9 fields but the header has 8: does a value contain commas without quotes around it?",
        ),
        (
            csv(GRODNO_AZOT + ",x", header=HEADER + ",sector"),
            "s.csv",
            "s.csv: column 'sector' appears twice (columns 4 and 9)",
        ),
    ],
)
def test_unreadable_files(data: bytes, filename: str, message: str) -> None:
    assert error(data, filename) == message


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (HEADER.replace("event_id,", ""), "s.csv: missing required column 'event_id_cnty' (or 'event_id')"),
        (HEADER.replace(",workplace", ""), "s.csv: missing required column 'workplace' (or 'employer' or 'actor1')"),
        (
            HEADER.replace(",latitude,longitude", "").replace(",location", ""),
            "s.csv: missing columns 'latitude' and 'longitude', or 'location': every row needs coordinates or a town",
        ),
        (HEADER.replace(",longitude", ""), "s.csv: column 'latitude' is given without 'longitude'"),
        (HEADER.replace("latitude", "lattitude"), "s.csv: unknown column 'lattitude': did you mean 'latitude'?"),
        (HEADER.replace("sector", "sectr"), "s.csv: unknown column 'sectr': did you mean 'sector'?"),
        (HEADER.replace("workplace", "Employr"), "s.csv: unknown column 'employr': did you mean 'employer'?"),
        (HEADER.replace("event_date", "Even date"), "s.csv: unknown column 'even_date': did you mean 'event_date'?"),
        (
            HEADER.replace("latitude,longitude", "lat,lon"),
            "s.csv: unknown column 'lat': did you mean 'latitude'?\ns.csv: unknown column 'lon': did you mean 'longitude'?",
        ),
        (HEADER.replace(",sector,source", ""), "s.csv: missing required column 'source'"),
    ],
)
def test_column_problems(header: str, message: str) -> None:
    row = ",".join(GRODNO_AZOT.split(",")[: header.count(",") + 1])
    assert error(csv(row, header=header)) == message


def test_unused_columns_are_noted_not_refused() -> None:
    _, notes = load(csv(GRODNO_AZOT + ",1,x", header=HEADER + ",admin2,my_own_column"))
    assert notes[1] == "ignored 2 columns the map does not use: admin2, my_own_column"


def row_error(row: str, header: str = HEADER) -> str:
    return error(csv(row, header=header))


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            GRODNO_AZOT.replace("2020-08-10", "03/04/2020"),
            f"s.csv: row 2, field event_date: '03/04/2020' is ambiguous (day and month could be either way round): {DATE_HINT}",
        ),
        (
            GRODNO_AZOT.replace("2020-08-10", "2020-02-30"),
            f"s.csv: row 2, field event_date: '2020-02-30' is not a date: {DATE_HINT}",
        ),
        (
            GRODNO_AZOT.replace("2020-08-10", "August 2020"),
            f"s.csv: row 2, field event_date: 'August 2020' is not a date: {DATE_HINT}",
        ),
        (
            GRODNO_AZOT.replace("53.6758", "95"),
            "s.csv: row 2, field latitude: latitude and longitude look swapped (latitude 95, longitude 23.82887)",
        ),
        (
            GRODNO_AZOT.replace("53.6758,23.82887", "23.82887,53.6758"),
            "s.csv: row 2, field latitude: latitude and longitude look swapped (latitude 23.82887, longitude 53.6758)",
        ),
        (
            GRODNO_AZOT.replace("53.6758,23.82887", "-95,120"),
            "s.csv: row 2, field latitude: -95 is out of range (-90 to 90)",
        ),
        (GRODNO_AZOT.replace("23.82887", "200"), "s.csv: row 2, field longitude: 200 is out of range (-180 to 180)"),
        (GRODNO_AZOT.replace("53.6758", "53°40′N"), "s.csv: row 2, field latitude: '53°40′N' is not a number"),
        (GRODNO_AZOT.replace("53.6758", "inf"), "s.csv: row 2, field latitude: 'inf' is not a number"),
        (GRODNO_AZOT.replace("23.82887", "-Infinity"), "s.csv: row 2, field longitude: '-Infinity' is not a number"),
        (GRODNO_AZOT.replace("53.6758", "nan"), "s.csv: row 2, field latitude: 'nan' is not a number"),
        (GRODNO_AZOT.replace(",23.82887", ","), "s.csv: row 2, field longitude: is empty but latitude is given"),
        (
            GRODNO_AZOT.replace(",Grodno,53.6758,23.82887", ",,,"),
            "s.csv: row 2, field location: is empty and there are no coordinates: give latitude and longitude, or the town",
        ),
        (
            GRODNO_AZOT.replace(",Grodno,53.6758,23.82887", ",Atlantis,,"),
            "s.csv: row 2, field location: the town 'Atlantis' is not in the offline gazetteer: "
            "check the spelling, or give latitude and longitude",
        ),
    ],
)
def test_row_problems_name_the_line_and_the_field(row: str, message: str) -> None:
    assert row_error(row) == message


def test_a_point_outside_belarus_is_only_called_swapped_for_belarus_rows() -> None:
    header = HEADER + ",country"
    swapped_in_iran = GRODNO_AZOT.replace("53.6758,23.82887", "27.56653,53.90019")
    assert load(csv(swapped_in_iran + ",Iran", header=header))[0]["lat"].iloc[0] == 27.56653
    assert "look swapped" in row_error(swapped_in_iran + ",Belarus", header)


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        (
            "time_precision",
            "4",
            "s.csv: row 2, field time_precision: must be 1 (the day is known), 2 (the week) or 3 (the month) (got '4')",
        ),
        (
            "geo_precision",
            "exact",
            "s.csv: row 2, field geo_precision: must be 1 (the exact place), 2 (in or near the town) or 3 (a larger region) (got 'exact')",
        ),
        (
            "source_url",
            "javascript:alert(1)",
            "s.csv: row 2, field source_url: must start with http:// or https:// (got 'javascript:alert(1)')",
        ),
    ],
)
def test_optional_columns_are_checked_when_given(column: str, value: str, message: str) -> None:
    assert row_error(f"{GRODNO_AZOT},{value}", f"{HEADER},{column}") == message


def test_duplicate_ids_name_both_rows() -> None:
    data = csv(GRODNO_AZOT, NAFTAN, GRODNO_AZOT.replace("Grodno Azot", "Neman"))
    assert error(data) == "s.csv: row 4, field event_id: duplicate id 'e1' (also in row 2)"


def test_an_unknown_town_in_several_rows_is_one_message_naming_them() -> None:
    unknown = GRODNO_AZOT.replace(",Grodno,53.6758,23.82887", ",Atlantis,,")
    data = csv(unknown, NAFTAN, unknown.replace("e1,", "e3,"))
    assert error(data) == (
        "s.csv: rows 2, 4, field location: the town 'Atlantis' is not in the offline "
        "gazetteer: check the spelling, or give latitude and longitude"
    )


def test_an_unknown_country_is_refused_where_a_town_must_be_found() -> None:
    header = HEADER + ",country"
    assert row_error(GRODNO_AZOT.replace(",53.6758,23.82887", ",,") + ",Belarussia", header) == (
        "s.csv: row 2, field country: unknown country 'Belarussia' (needed to find the town): "
        "write its English name or ISO code, e.g. Belarus or BY"
    )
    assert load(csv(GRODNO_AZOT + ",Belarussia", header=header))[0]["lat"].iloc[0] == 53.6758


def test_many_problems_show_the_first_five_in_row_order_then_a_count() -> None:
    rows = [GRODNO_AZOT.replace("e1,", f"e{i},").replace("2020-08-10", "x") for i in range(8)]
    message = error(csv(*rows))
    assert message.splitlines()[0] == f"s.csv: row 2, field event_date: 'x' is not a date: {DATE_HINT}"
    assert message.splitlines()[4].startswith("s.csv: row 6, ")
    assert message.splitlines()[5] == "... and 3 more problems"
    assert isinstance(UploadError([]), ProblemsError)  # shown as the curated data's errors are


# --- GeoJSON -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"{not json",
            "s.geojson: not valid JSON: Expecting property name enclosed in double quotes at line 1, column 2",
        ),
        (
            json.dumps(feature(None)).encode(),
            "s.geojson: a GeoJSON upload must be a FeatureCollection with a features list, or ACLED's JSON with a "
            "data list (got 'Feature')",
        ),
        (
            geojson(feature({"type": "LineString", "coordinates": [[23, 53], [24, 54]]})),
            "s.geojson: feature 1, field geometry: only Points can be mapped (got 'LineString')",
        ),
        (
            geojson(feature(None), feature({"type": "Point", "coordinates": [23.8]})),
            "s.geojson: feature 2, field geometry: a Point needs coordinates [longitude, latitude]",
        ),
        (
            geojson(feature({"type": "Point", "coordinates": [53.6758, 123.8]})),
            "s.geojson: feature 1, field latitude: latitude and longitude look swapped (latitude 123.8, longitude 53.6758)",
        ),
    ],
)
def test_geojson_problems(data: bytes, message: str) -> None:
    assert error(data, "s.geojson") == message


def test_geojson_points_are_lon_lat_and_numbers_read_as_written() -> None:
    events, _ = load(
        geojson(feature({"type": "Point", "coordinates": [23.82887, 53.6758]}, time_precision=2, geo_precision=2)),
        "s.geojson",
    )
    event = events.iloc[0]
    assert (event["lat"], event["lon"], event["time_precision"], event["precision"]) == (53.6758, 23.82887, 2, "town")


# --- the size limit ----------------------------------------------------------------------

TOO_BIG = (
    "s.csv: the file is larger than the 20 MB upload limit: split it, or delete the columns "
    "the map does not use, and try again"
)


def test_a_file_over_the_limit_is_refused() -> None:
    assert intake.MAX_UPLOAD_BYTES == 20 * 1024 * 1024
    padded = csv(GRODNO_AZOT) + b" " * intake.MAX_UPLOAD_BYTES
    assert error(padded) == TOO_BIG


class EndlessStream(io.RawIOBase):
    """A file-like object that never ends, counting what is read from it."""

    def __init__(self) -> None:
        self.given = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            raise AssertionError("the whole stream was asked for")
        self.given += size
        return b"x" * size


def test_a_stream_is_read_no_further_than_the_limit() -> None:
    stream = EndlessStream()
    with pytest.raises(UploadError, match="larger than the 20 MB upload limit"):
        read_upload(stream, "s.csv")  # type: ignore[arg-type]
    assert stream.given == intake.MAX_UPLOAD_BYTES + 1


@pytest.mark.parametrize("size", [intake.MAX_UPLOAD_BYTES + 1, 50 * 1024 * 1024])
def test_a_path_over_the_limit_is_refused_from_its_size_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: int
) -> None:
    big = tmp_path / "s.csv"
    with big.open("wb") as handle:  # sparse: the size without the bytes
        handle.truncate(size)
    with monkeypatch.context() as patched:
        patched.setattr(Path, "read_bytes", lambda self: pytest.fail("the file was read"))
        assert error_from(big) == TOO_BIG


def error_from(path: Path) -> str:
    with pytest.raises(UploadError) as caught:
        read_upload(path, path.name)
    return str(caught.value)


# --- the command line --------------------------------------------------------------------


def test_cli_prints_a_summary_and_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(EXAMPLES / "strikes-example.csv")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith("strikes-example.csv: 10 rows, 9 sites")
    assert out[1:] == [
        "2 waves (August: 7, November: 3)",
        "dates 2020-08-10 to 2020-10-26",
        "10 rows located (1 at the workplace, 9 at the town centre)",
        "note: read as UTF-8",
        "note: 1 row geocoded to the town centre with the offline gazetteer",
    ]


def test_cli_prints_the_problems_and_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv(GRODNO_AZOT, header=HEADER.replace("latitude", "lattitude")))
    assert main([str(bad)]) == 2
    assert (
        capsys.readouterr().err
        == f"{bad} cannot be used:\nbad.csv: unknown column 'lattitude': did you mean 'latitude'?\n"
    )
    assert main([str(tmp_path / "missing.csv")]) == 2
    assert capsys.readouterr().err == f"cannot read {tmp_path / 'missing.csv'}: No such file or directory\n"


def test_one_name_at_two_points_is_two_sites() -> None:
    header = "event_id,event_date,workplace,sector,source,latitude,longitude"
    rows = [
        "e1,2020-08-10,City Hospital No. 1,health,src,53.90,27.56",
        "e2,2020-08-11,City Hospital No. 1,health,src,52.10,23.70",
        "e3,2020-08-12,City Hospital No. 1,health,src,53.90,27.56",
    ]
    events, _ = load(csv(*rows, header=header))
    ids = list(events["site_id"])
    assert ids[0] == ids[2] != ids[1]
    assert ids == ["city-hospital-no-1-53-9-27-56", "city-hospital-no-1-52-1-23-7", "city-hospital-no-1-53-9-27-56"]


def test_a_blank_first_line_and_odd_geojson_properties_are_errors_not_crashes() -> None:
    with pytest.raises(UploadError, match="the first line is blank"):
        load(b"\n\n\nevent_id,event_date\n")
    features = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "geometry": None, "properties": ["not", "an", "object"]},
            {"type": "Feature", "geometry": None, "properties": {"Event date": "2020-08-10", "event_date": "x"}},
        ],
    }
    with pytest.raises(UploadError) as err:
        read_upload(json.dumps(features).encode(), "s.geojson")
    assert str(err.value).splitlines() == [
        "s.geojson: feature 1, field properties: must be an object of column names and values",
        "s.geojson: feature 2: property 'event_date' repeats another as 'event_date'",
    ]


def test_the_same_month_of_two_years_makes_two_waves_each_in_the_readers_words() -> None:
    events, _ = load(csv(GRODNO_AZOT.replace("2020-08-10", "2022-09-12"), NAFTAN.replace("2020-08-11", "2023-09-15")))
    assert list(events["wave"]) == ["september 2022", "september 2023"]
    assert [i18n.word(i18n.language(code), "september 2022") for code in ("en", "be", "ru")] == [
        "September 2022",  # English capitalises a month in running text; Belarusian and Russian do not
        "верасень 2022",
        "сентябрь 2022",
    ]
    # their markers cannot both be "S": a pair that starts alike is lettered by its order
    letters = markup.status_letters(("september 2022", "september 2023"), i18n.language("en"))
    assert letters == {"september 2022 only": "1", "both": "12", "september 2023 only": "2", OTHER_WAVES: "·"}
