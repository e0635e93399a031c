"""An upload's notes and problems in the reader's language: each language words them, with its plural forms and
its digit grouping (tests/unit/test_catalogues.py checks the catalogues themselves agree)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

import pytest

from strikes.core import catalogues
from strikes.core.i18n import Lang
from strikes.intake import UploadError, read_upload, summary
from strikes.intake.wording import Say, Unit, problems_text, say

REPO = Path(__file__).resolve().parents[2]
UPLOAD = catalogues.keys(catalogues.UPLOAD)
GRODNO = "e1,2020-08-10,Grodno Azot,chemicals,Nasha Niva,Grodno,53.6758,23.82887"
HEADER = "event_id,event_date,workplace,sector,source,location,latitude,longitude"


@pytest.mark.parametrize(
    ("lang", "counts"),
    [
        ("en", {1: "1 row", 2: "2 rows", 11: "11 rows", 21: "21 rows"}),
        ("be", {1: "1 радок", 2: "2 радкі", 5: "5 радкоў", 11: "11 радкоў", 21: "21 радок", 22: "22 радкі"}),
        ("ru", {1: "1 строка", 4: "4 строки", 12: "12 строк", 111: "111 строк", 101: "101 строка"}),
    ],
)
def test_a_count_takes_its_languages_plural_form(lang: Lang, counts: dict[int, str]) -> None:
    assert {n: say("count_row", n=n).text(lang) for n in counts} == counts


def test_a_say_is_worded_in_each_language_with_its_nested_says_and_grouped_counts() -> None:
    too_many = say("too_many_rows", label="s.csv", count=say("count_row", n=250_000), limit=200_000)
    assert str(too_many).startswith("s.csv: the file has 250,000 rows, more than the 200,000 an upload may have")
    assert too_many.text(Lang("ru")).startswith("s.csv: в файле 250\u00a0000 строк, больше 200\u00a0000")
    assert say("count_row", n=22).text(Lang("be")) == "22 радкі"


def row_problems(lang: Lang, *rows: str) -> str:
    with pytest.raises(UploadError) as caught:
        read_upload("\n".join([HEADER, *rows]).encode(), "s.csv")
    return problems_text(caught.value.problems, lang)


def test_a_rows_problems_are_worded_in_the_readers_language() -> None:
    bad = [GRODNO.replace("53.6758", "x"), GRODNO.replace("e1,2020-08-10", "e2,10 Avgust 2020")]
    assert row_problems(Lang("en"), *bad) == (
        "s.csv: row 2, field latitude: 'x' is not a number\n"
        "s.csv: row 3, field event_date: '10 Avgust 2020' is not a date: "
        "write dates as YYYY-MM-DD (2020-08-10) or DD Month YYYY (10 August 2020)"
    )
    assert row_problems(Lang("be"), *bad) == (
        "s.csv: радок 2, поле latitude: 'x' — не лік\n"
        "s.csv: радок 3, поле event_date: '10 Avgust 2020' — не дата: пішыце даты як YYYY-MM-DD (2020-08-10) "
        "або DD Month YYYY з англійскай назвай месяца (10 August 2020)"
    )


def test_past_five_problems_the_rest_are_counted_in_the_readers_language() -> None:
    bad = [GRODNO.replace("e1,", f"e{n},").replace("53.6758", "x") for n in range(7)]
    assert row_problems(Lang("ru"), *bad).splitlines()[-1] == "... и ещё 2 ошибки"
    assert row_problems(Lang("en"), *bad).splitlines()[-1] == "... and 2 more problems"


def test_the_upload_summary_and_its_notes_are_worded_in_the_readers_language() -> None:
    events, notes = read_upload(f"{HEADER}\n{GRODNO}".replace(",", ";").encode(), "s.csv")
    assert all(isinstance(note, Say) for note in notes)
    assert summary(events, notes, Lang("ru")).splitlines() == [
        "1 строка, 1 место",
        "1 волна (август 2020: 1)",
        "даты с 2020-08-10 по 2020-08-10",
        "1 строка на карте (1 на предприятии, 0 в центре города)",
        "заметка: прочитан как UTF-8",
        "заметка: столбцы разделены точками с запятой",
        "заметка: нет столбца geo_precision: данные координаты считаются местами самих предприятий",
        "заметка: 1 строка без волны: волна названа по месяцу и году даты",
        "заметка: 1 строка без типа акции: считается забастовка",
    ]
    assert summary(events, notes, Lang("en")).splitlines()[0] == "1 row, 1 site"


def test_every_key_the_intake_says_is_in_the_catalogue_and_every_entry_is_said() -> None:
    source = "\n".join(path.read_text() for path in (REPO / "strikes").rglob("*.py"))
    said = set(re.findall(r"""say\(\s*["']([a-z0-9_]+)["']""", source))
    assert len(said) > 50 and said <= UPLOAD, said - UPLOAD
    by_unit = {f"{words}_{unit}" for unit in get_args(Unit) for words in ("unit", "units", "count")}
    assert by_unit <= UPLOAD  # say(f"unit_{unit}") for each unit a file's rows may be called by
    unsaid = {key for key in UPLOAD if not re.search(f"[\"']{key}[\"']", source)} - by_unit
    assert unsaid == set(), unsaid  # no entry the intake never says
