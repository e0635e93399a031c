"""The page explains itself (issue 20, item 4): sources, placing, waves, citation, licence, in three languages."""

from __future__ import annotations

from datetime import date

import pytest

from strikes import export
from strikes.core.dataname import DataName
from strikes.core.filters import Filters
from strikes.core.i18n import Lang
from strikes.data.dataset import load_events, load_sources
from strikes.page import about


def test_the_placing_counts_are_the_datas() -> None:
    assert about.placing(load_events()) == {"sites": 44, "site": 10, "town": 33, "none": 1}


def test_the_update_date_is_a_day_after_the_newest_source() -> None:
    assert about.updated() >= load_sources()["published"].max().date()
    assert about.updated() <= date.today()


@pytest.mark.parametrize(
    "lang, words",
    [
        ("en", "Of 44 sites, 10 are placed at the workplace itself"),
        ("be", "З 44 месцаў 10 пастаўлены на самім прадпрыемстве"),
        ("ru", "Из 44 мест 10 поставлены на самом предприятии"),
    ],
)
def test_about_names_both_articles_the_placing_the_waves_and_the_citation(lang: Lang, words: str) -> None:
    text = about.about_markdown(load_events(), load_sources(), "https://maps.example/strikes", lang)
    plain = text.replace("\\", "")
    assert words in plain
    for title in load_sources()["title"]:
        assert title in plain
    assert "https://maps.example/strikes" in plain and "CC BY 4.0" in plain
    assert "26" in plain and ("October" in plain or "кастрычніка" in plain or "октября" in plain)
    assert "(https://www.leftcom.org/en/articles/2020-08-15/" in text  # the link itself, not escaped


def test_a_snapshot_carries_the_citation_line() -> None:
    citation = about.citation("https://maps.example/strikes", Lang("en"))
    assert (
        citation == f"The 2020 Belarusian strikes, data of {about.updated().day} December 2026, "
        "https://maps.example/strikes. Data under CC BY 4.0."
    )
    page = export.export("html", Filters(), load_events(), citation=citation, lang=Lang("en"), name=DataName()).decode()
    assert "strike-cite" in page and "https://maps.example/strikes. Data under CC BY 4.0." in page
