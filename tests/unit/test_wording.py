"""An upload's notes and problems in the reader's language: the catalogues agree, and each language words them."""

from __future__ import annotations

import re
import string
from pathlib import Path
from typing import get_args

import pytest

from strikes.core.i18n import Lang
from strikes.intake import UploadError, read_upload, summary
from strikes.intake.wording import CATALOGUES, EN, Say, Unit, plural, problems_text, say

REPO = Path(__file__).resolve().parents[2]
FORMS = {"en": 2, "be": 3, "ru": 3}
GRODNO = "e1,2020-08-10,Grodno Azot,chemicals,Nasha Niva,Grodno,53.6758,23.82887"
HEADER = "event_id,event_date,workplace,sector,source,location,latitude,longitude"


def fields(text: str) -> set[tuple[str, str | None]]:
    return {(name, spec) for _, name, spec, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("lang", ["be", "ru"])
def test_each_catalogue_has_every_key_with_its_forms_and_placeholders(lang: Lang) -> None:
    catalogue = CATALOGUES[lang]
    assert catalogue.keys() == EN.keys()
    for key, english in EN.items():
        words = catalogue[key]
        if isinstance(english, str):
            assert isinstance(words, str) and fields(words) == fields(english), key
        else:
            assert len(english) == FORMS["en"] and len(words) == FORMS[lang], key
            assert all(fields(form) == fields(english[0]) for form in (*english, *words)), key


@pytest.mark.parametrize(
    ("lang", "counts"),
    [("en", {1: 0, 2: 1, 11: 1, 21: 1}), ("be", {1: 0, 2: 1, 5: 2, 11: 2, 12: 2, 21: 0, 22: 1, 111: 2})],
)
def test_a_count_takes_its_languages_plural_form(lang: Lang, counts: dict[int, int]) -> None:
    assert {n: plural(lang, n) for n in counts} == counts


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
    assert len(said) > 50 and said <= EN.keys(), said - EN.keys()
    by_unit = {f"{words}_{unit}" for unit in get_args(Unit) for words in ("unit", "units", "count")}
    assert by_unit <= EN.keys()  # say(f"unit_{unit}") for each unit a file's rows may be called by
    unsaid = {key for key in EN if not re.search(f"[\"']{key}[\"'](?!:)", source)} - by_unit  # not as an entry's name
    assert unsaid == set(), unsaid  # no entry the intake never says
