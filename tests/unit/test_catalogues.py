"""The gettext catalogues: every language has every message, none fuzzy, each with the English one's placeholders
and CLDR's number of plural forms; the compiled .mo files the app reads are those the .po files make."""

from __future__ import annotations

import copy

import pytest
from babel import Locale
from babel.messages.catalog import Catalog

from strikes.core import catalogues
from strikes.core.catalogues import disagreements, source
from strikes.core.i18n import Lang

TRANSLATED = ["be", "ru"]


@pytest.mark.parametrize("lang", TRANSLATED)
def test_each_catalogue_has_every_message_unfuzzy_with_the_same_placeholders(lang: str) -> None:
    assert disagreements(source(lang), source("en")) == []


@pytest.mark.parametrize("lang", ["en", *TRANSLATED])
def test_each_catalogue_has_as_many_plural_forms_as_cldr_gives_its_language(lang: str) -> None:
    catalog = source(lang)
    cldr = len(Locale.parse(lang).plural_form.tags) + 1  # its categories, and 'other'
    plurals = [m.string for m in catalog if isinstance(m.id, tuple)]
    assert plurals and all(isinstance(s, (tuple, list)) for s in plurals)
    forms = {len(s or ()) for s in plurals}
    assert forms == {min(cldr, 3)}  # ru's and be's 'other' (fractions) shares gettext's third form, as Babel writes
    assert catalog.num_plurals == min(cldr, 3)


def _broken() -> Catalog:
    """A copy of the Russian catalogue with one message of each kind of fault."""
    broken = copy.deepcopy(source("ru"))
    del broken["title"]
    broken["upload_title"].string = "Акции из файла {file}"
    broken["about"].flags.add("fuzzy")
    broken["legend"].string = ""
    rows = broken.get(("count_row", "count_row"), "upload")
    assert rows is not None
    rows.string = ("{n:,} строка", "{n:,} строки")
    broken.add("no_such_key", "лишнее")
    return broken


def test_the_check_finds_a_missing_fuzzy_empty_extra_or_misplaced_message_and_too_few_plural_forms() -> None:
    english = source("en")
    found = "\n".join(disagreements(_broken(), english))
    for fault in (
        "|title: missing",
        "|upload_title: placeholders {('file', '')} not {('name', '')}",
        "|about: fuzzy",
        "|legend: not translated",
        "|no_such_key: not in the English catalogue",
        "count_row: Wrong number of plural forms (expected 3)",  # Babel's num_plurals checker
    ):
        assert fault in found, (fault, found)


@pytest.mark.parametrize("lang", ["en", *TRANSLATED])
def test_the_compiled_catalogue_is_the_one_its_po_file_makes(lang: str) -> None:
    """make setup compiles them; a .po edited without `make catalogues` fails here, not in a reader's page."""
    assert catalogues.mo_path(lang).read_bytes() == catalogues.compiled(lang)


def test_a_key_no_catalogue_has_is_an_error_not_the_key_shown_as_text() -> None:
    with pytest.raises(KeyError):
        catalogues.text(Lang("be"), "no_such_key")
    with pytest.raises(KeyError):
        catalogues.plural_text(Lang("ru"), "no_such_key", 3, catalogues.UPLOAD)
