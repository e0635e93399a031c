"""The dataset's own words in three languages: every site's name, note and size text has its Belarusian and Russian
(geodata/translations.csv), each with the English one's numbers, and the popups show them in the reader's language."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from strikes.core.i18n import Lang
from strikes.data import datawords
from strikes.data.cache import GEODATA
from strikes.data.dataset import load_events
from strikes.page import markup

LANGS = ("en", "be", "ru")
# Letters the other language writes and this one does not: a Russian word in a Belarusian cell, or the reverse.
FOREIGN = {"be": re.compile("[иъщИЪЩ]"), "ru": re.compile("[іўІЎ]")}


def numbers(text: str) -> list[int]:
    """The numbers a text states, thousands separators and all ("3,000" and "3000" are one number)."""
    return sorted(int(n.replace(",", "")) for n in re.findall(r"\d+(?:,\d{3})*", text))


def disagreements(rows: list[dict[str, str]]) -> list[str]:
    """What keeps a row from standing in for its English text in every language."""
    found = []
    for row in rows:
        where = f"{row['kind']}: {row['en']}"
        if row["kind"] not in datawords.KINDS:
            found.append(f"{where}: kind {row['kind']}")
        for lang in LANGS:
            if not row[lang].strip():
                found.append(f"{where}: no {lang}")
            elif numbers(row[lang]) != numbers(row["en"]):
                found.append(f"{where}: {lang} numbers {numbers(row[lang])}")
        for lang, foreign in FOREIGN.items():
            if row[lang] == row["en"] or foreign.search(row[lang]):
                found.append(f"{where}: {lang} is not {lang}")
    return found


def dataset_texts() -> dict[str, set[str]]:
    sites = pd.read_csv(GEODATA / "sites.csv", dtype=str, keep_default_na=False)
    actions = pd.read_csv(GEODATA / "actions.csv", dtype=str, keep_default_na=False)
    notes = {*sites["notes"], *actions["notes"]}
    return {"name": set(sites["name"]), "note": notes - {""}, "size": set(actions["size"]) - {""}}


def test_every_name_note_and_size_of_the_dataset_has_its_row_and_every_row_is_used() -> None:
    rows = {kind: {en for en, row in datawords.table().items() if row["kind"] == kind} for kind in datawords.KINDS}
    assert rows == dataset_texts()


def test_every_row_is_in_three_languages_with_the_english_ones_numbers() -> None:
    assert disagreements(list(datawords.table().values())) == []


def test_the_check_finds_an_empty_cell_a_changed_number_an_untranslated_or_mixed_cell() -> None:
    row = dict(datawords.table()["around 100 workers"])
    broken = [
        {**row, "be": ""},
        {**row, "ru": "около 1000 рабочих"},
        {**row, "be": row["en"]},
        {**row, "be": row["ru"]},  # Russian letters in the Belarusian cell
        {**row, "kind": "title"},
    ]
    found = "\n".join(disagreements(broken))
    for fault in ("no be", "ru numbers [1000]", "be is not be", "kind title"):
        assert fault in found, (fault, found)
    assert found.count("be is not be") == 2


@pytest.mark.parametrize(
    ("lang", "name"),
    [("en", "Belaruskali"), ("be", "ААТ «Беларуськалій»"), ("ru", "ОАО «Беларуськалий»")],
)
def test_a_site_with_no_name_in_a_language_before_has_one_now(lang: Lang, name: str) -> None:
    assert datawords.site_name(lang, "Belaruskali", "ОАО «Беларуськалий»") == name


def test_an_uploads_own_site_keeps_its_local_name_in_its_language_and_its_own_text() -> None:
    assert datawords.site_name(Lang("be"), "Some plant", "Мінскі завод") == "Мінскі завод"
    assert datawords.site_name(Lang("ru"), "Some plant", "Мінскі завод") == "Some plant"
    assert (
        datawords.data_text(Lang("ru"), "sector inferred from the word 'Azot'")
        == "sector inferred from the word 'Azot'"
    )


def test_a_popup_gives_the_name_notes_size_and_position_source_in_the_readers_language() -> None:
    events = load_events()
    actions = events[events["site_id"] == "belaruskali"].to_dict("records")
    ru = markup.popup_html(actions, Lang("ru"))
    assert "ОАО «Беларуськалий»" in ru and "Belaruskali</div>" in ru  # the English name under the Russian one
    assert "Шахты и фабрики калийной компании лежат вокруг Солигорска" in ru
    assert "GeoNames cities1000: Солигорск (идентификатор GeoNames 622428)" in ru
    assert "The potash company" not in ru
    kozlov = markup.popup_html(events[events["site_id"] == "kozlov"].to_dict("records"), Lang("ru"))
    assert "цеха 16 (от 40 до 50 рабочих) и 6 (от 30 до 40 рабочих) завода на 3000 человек" in kozlov
    assert "workshops 16" not in kozlov
    be = markup.popup_html(events[events["site_id"] == "minsk-trolleybus"].to_dict("records"), Lang("be"))
    assert "Мінскія кіроўцы тралейбусаў" in be
    assert "Артыкул паведамляе пра акцыі з 10 па 14 жніўня" in be
    en = markup.popup_html(actions, Lang("en"))
    assert "<b>Belaruskali</b>" in en and "GeoNames cities1000: Salihorsk (GeoNames id 622428)" in en
