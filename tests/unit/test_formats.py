"""Strike data as people already have it: ACLED (CSV and API JSON), the Labor Action Tracker, .xlsx,
and this map's own exports read back. Each format: a good file, and bad files with the clear error each gives."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Sequence

import pandas as pd
import pytest
from openpyxl import Workbook

from strikes import export
from strikes.core import sectors
from strikes.core.dataname import DataName
from strikes.core.filters import Filters
from strikes.core.i18n import Lang
from strikes.data.cache import GEODATA
from strikes.data.dataset import load_events
from strikes.intake import UploadError, read_upload, wording
from strikes.page import markup

EXAMPLE_XLSX = GEODATA / "examples" / "strikes-example.xlsx"

EXAMPLES = GEODATA / "examples"


def example(name: str) -> bytes:
    return (EXAMPLES / name).read_bytes()


def edited_csv(name: str, row: int, **changes: str) -> bytes:
    """An example CSV with some cells of one data row (from 0) changed."""
    table = list(csv.DictReader(io.StringIO(example(name).decode("utf-8"))))
    table[row].update(changes)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(table[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(table)
    return out.getvalue().encode("utf-8")


def failure(data: bytes, filename: str) -> str:
    with pytest.raises(UploadError) as caught:
        read_upload(data, filename)
    return str(caught.value)


# --- sectors from words ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("Belaruskali miners", "mining"),
        ("Grodno Azot", "chemicals"),
        ("MTZ", "manufacturing"),
        ("Naftan refinery", "energy"),
        ("trolleybus drivers", "transport"),
        ("nurses at the city hospital", "health"),
        ("Рабочие Беларуськалия", "mining"),
        ("врачи больницы", "health"),
        ("студенты БГУ", "education"),
        ("шахцёры", "mining"),
        ("настаўнікі школы", "education"),
        ("рабочыя трактарнага заводу", "manufacturing"),
        ("Protesters (Belarus)", sectors.UNSPECIFIED),
    ],
)
def test_one_keyword_table_per_language_names_the_sector(text: str, sector: str) -> None:
    assert sectors.infer_sector(text)[0] == sector


def test_the_first_text_that_matches_decides() -> None:
    assert sectors.infer_sector(None, "", "MTZ", "miners") == ("manufacturing", "MTZ")


# --- ACLED -------------------------------------------------------------------------------------


def test_an_unedited_acled_export_loads_with_workplaces_and_inferred_sectors() -> None:
    events, said = read_upload(example("acled-example.csv"), "acled.csv")
    notes = [str(note) for note in said]  # in English
    assert list(events["name"]) == ["MTZ", "Belaruskali", "Grodno Azot", "Protesters (Belarus) in Minsk"]
    assert list(events["sector"]) == ["manufacturing", "mining", "chemicals", "education"]
    assert list(events["action_type"]) == ["protest"] * 4
    # both of ACLED's date forms
    assert list(events["date_start"].dt.strftime("%Y-%m-%d")) == [
        "2020-08-17",
        "2020-08-17",
        "2020-10-26",
        "2020-10-26",
    ]
    assert list(events["notes"]) == [
        "sector inferred from the word 'MTZ'",
        "sector inferred from the word 'Belaruskali'",
        "sector inferred from the word 'Azot'",
        "sector inferred from the word 'student'",
    ]
    assert "read as an ACLED export" in notes
    assert "1 ACLED row names no workplace: named after the actor and the town" in notes
    # the inference is marked where a reader looks: the popup and the export
    popup = markup.popup_html(events.iloc[[0]].to_dict("records"), lang=Lang("en"))
    assert "sector inferred from the word &#x27;MTZ&#x27;" in popup
    assert "sector inferred from the word 'MTZ'" in export.to_csv(events).decode()


def test_labour_actions_only_keeps_rows_whose_actors_or_tags_name_workers() -> None:
    events, said = read_upload(example("acled-example.csv"), "acled.csv", labour_only=True)
    notes = [str(note) for note in said]  # in English
    assert list(events["name"]) == ["MTZ", "Belaruskali"]
    assert (
        "2 ACLED rows without workers, unions or strikes in their actors or tags left out (labour actions only)"
        in notes
    )


def test_acleds_api_json_gives_the_same_events_as_its_csv() -> None:
    from_json, said = read_upload(example("acled-example.json"), "acled.json")
    notes = [str(note) for note in said]  # in English
    from_csv, _ = read_upload(example("acled-example.csv"), "acled.csv")
    pd.testing.assert_frame_equal(from_json.drop(columns="geocode_source"), from_csv.drop(columns="geocode_source"))
    assert "read as an ACLED export" in notes


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"latitude": "", "longitude": "", "location": ""},
            "acled.csv: row 2, field location: is empty and there are no coordinates: give latitude and longitude, or the town",
        ),
        (
            {"event_date": "Aug 17th 2020"},
            "acled.csv: row 2, field event_date: 'Aug 17th 2020' is not a date: write dates as YYYY-MM-DD (2020-08-10) "
            "or DD Month YYYY (10 August 2020)",
        ),
        ({"event_id_cnty": "EXA002"}, "acled.csv: row 3, field event_id_cnty: duplicate id 'EXA002' (also in row 2)"),
    ],
)
def test_a_bad_acled_file_gets_a_clear_error(changes: dict[str, str], message: str) -> None:
    assert failure(edited_csv("acled-example.csv", 0, **changes), "acled.csv") == message


def test_a_bad_acled_json_record_names_the_record() -> None:
    data = json.loads(example("acled-example.json"))
    data["data"][1]["notes"] = {"nested": True}
    assert failure(json.dumps(data).encode(), "acled.json") == (
        "acled.json: record 2, field 'notes': must be text or a number (got a dict)"
    )


# --- the Labor Action Tracker ------------------------------------------------------------------


def test_a_labor_action_tracker_export_loads_with_sectors_and_date_ranges() -> None:
    events, said = read_upload(example("labor-action-tracker-example.csv"), "lat.csv")
    notes = [str(note) for note in said]  # in English
    assert list(events["name"]) == ["Example Hospital", "Example Motors", "Example School District"]
    assert list(events["sector"]) == ["health", "manufacturing", "education"]
    assert list(events["action_type"]) == ["strike", "strike", "protest"]
    spans = [(s.date().isoformat(), e.date().isoformat()) for s, e in zip(events["date_start"], events["date_end"])]
    assert spans == [("2022-09-12", "2022-09-14"), ("2023-09-15", "2023-10-20"), ("2022-01-11", "2022-01-11")]
    assert list(events["event_id"]) == ["lat-row-2", "lat-row-3", "lat-row-4"]
    toledo = events.iloc[1]
    assert toledo["precision"] == "town" and abs(toledo["lat"] - 41.66) < 0.1  # placed at its city's centre
    assert events.iloc[0]["source_url"] == "https://example.org/news/1"
    assert "read as a Labor Action Tracker export" in notes


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"Latitude": "", "Longitude": "", "City": ""},
            "lat.csv: row 2, field city: is empty and there are no coordinates: give latitude and longitude, or the town",
        ),
        (
            {"Start Date": "the twelfth"},
            "lat.csv: row 2, field start_date: 'the twelfth' is not a date: write dates as YYYY-MM-DD (2020-08-10) "
            "or DD Month YYYY (10 August 2020)",
        ),
        (
            {"End Date": "9/1/2022"},
            "lat.csv: row 2, field end_date: '2022-09-01' is before the event_date '2022-09-12'",
        ),
    ],
)
def test_a_bad_labor_action_tracker_file_gets_a_clear_error(changes: dict[str, str], message: str) -> None:
    assert failure(edited_csv("labor-action-tracker-example.csv", 0, **changes), "lat.csv") == message


def test_a_tracker_file_with_a_repeated_id_names_both_rows() -> None:
    table = example("labor-action-tracker-example.csv").decode().splitlines()
    rows = [table[0] + ",event_id", table[1] + ",a", table[2] + ",a", table[3] + ",b"]
    assert (
        failure("\n".join(rows).encode(), "lat.csv")
        == "lat.csv: row 3, field event_id: duplicate id 'a' (also in row 2)"
    )


# --- spreadsheets ------------------------------------------------------------------------------


def workbook(*sheets: tuple[str, Sequence[Sequence[object]]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_xlsx_loads_like_the_same_csv() -> None:
    from_xlsx, said = read_upload(example("strikes-example.xlsx"), "strikes.xlsx")
    notes = [str(note) for note in said]  # in English
    from_csv, _ = read_upload(example("strikes-example.csv"), "strikes.csv")
    pd.testing.assert_frame_equal(from_xlsx.drop(columns="geocode_source"), from_csv.drop(columns="geocode_source"))
    assert notes[0] == "read the sheet 'Strikes' (the workbook has 2 sheets)"


def test_a_chosen_sheet_is_read_and_numbers_and_dates_are_text() -> None:
    from datetime import datetime

    rows: list[list[object]] = [
        ["event_id", "event_date", "workplace", "sector", "source", "latitude", "longitude"],
        [1, datetime(2020, 8, 10), "Grodno Azot", "chemicals", "Nasha Niva", 53.67694, 23.89444],
    ]
    data = workbook(("Empty", [["nothing"]]), ("Data", rows))
    events, _ = read_upload(data, "w.xlsx", sheet=1)
    assert (events["event_id"].iloc[0], events["date_start"].iloc[0]) == ("1", pd.Timestamp("2020-08-10"))
    assert failure_of(data, sheet=2) == "w.xlsx: there is no sheet 3 (the workbook has 2)"


def failure_of(data: bytes, sheet: int) -> str:
    with pytest.raises(UploadError) as caught:
        read_upload(data, "w.xlsx", sheet=sheet)
    return str(caught.value)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512),
            "w.xlsx: the workbook is password-protected, or an old .xls "
            "file: open it in a spreadsheet, remove the password, and save it as .xlsx (or CSV UTF-8)",
        ),
        (
            b"PK\x03\x04 not really a zip",
            "w.xlsx: not a readable .xlsx workbook: it is not a whole zip archive; it may be damaged; "
            "save it again as .xlsx or as CSV UTF-8",
        ),
    ],
)
def test_a_protected_or_corrupt_workbook_is_a_clear_error(data: bytes, message: str) -> None:
    assert failure(data, "w.xlsx") == message


@pytest.mark.parametrize(
    ("lang", "says"),
    [
        ("en", "w.xlsx: not a readable .xlsx workbook (part xl/workbook.xml): its XML is not well formed at line 1,"),
        ("be", "w.xlsx: кніга .xlsx не чытаецца (частка xl/workbook.xml): яе XML няправільны ў радку 1,"),
        ("ru", "w.xlsx: книга .xlsx не читается (часть xl/workbook.xml): её XML неправилен в строке 1,"),
    ],
)
def test_a_damaged_workbook_is_told_in_the_readers_words_never_a_parsers_class_name(lang: str, says: str) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(EXAMPLE_XLSX) as good, zipfile.ZipFile(out, "w") as broken:
        for info in good.infolist():
            part = good.read(info)
            broken.writestr(info, part[: len(part) // 2] if info.filename == "xl/workbook.xml" else part)
    with pytest.raises(UploadError) as caught:
        read_upload(out.getvalue(), "w.xlsx")
    text = wording.problems_text(caught.value.problems, Lang(lang))
    assert text.startswith(says)
    assert "Error" not in text and "Expat" not in text


def test_a_workbook_past_the_row_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from strikes.intake import decode

    monkeypatch.setattr(decode, "MAX_ROWS", 3)
    rows = [["event_id", "event_date", "workplace", "sector", "source", "location"]]
    rows += [[f"e{i}", "2020-08-10", "MTZ", "manufacturing", "s", "Minsk"] for i in range(5)]
    assert "more than the 3 an upload may have" in failure(workbook(("S", rows)), "w.xlsx")


# --- round trip --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def curated() -> pd.DataFrame:
    return load_events()


def test_the_apps_own_csv_export_loads_back_as_the_same_events(curated: pd.DataFrame) -> None:
    events, notes = read_upload(
        export.export("csv", Filters(), curated, lang=Lang("en"), name=DataName()), "belarus-strikes.csv"
    )
    pd.testing.assert_frame_equal(events, curated.reset_index(drop=True))
    assert str(notes[-1]) == "read as this map's own export"


def test_the_apps_own_geojson_export_loads_back_as_the_same_events(curated: pd.DataFrame) -> None:
    events, _ = read_upload(
        export.export("geojson", Filters(), curated, lang=Lang("en"), name=DataName()), "belarus-strikes.geojson"
    )
    ordered = events.set_index("event_id").loc[curated["event_id"]].reset_index()
    pd.testing.assert_frame_equal(ordered[list(curated.columns)], curated.reset_index(drop=True))
