"""The dataset's own words in the reader's language: each site's name, the notes and the size of an action.

geodata/translations.csv keeps every site name, note and size text the dataset
writes in English beside its Belarusian and Russian (one row per English text,
found by that text, so the dataset's files and the curate path stay as they are;
tests/unit/test_datawords.py fails on a text with no row, a row no text uses, an
empty cell or numbers that differ). A text the table does not know, as an
upload's own, is shown as it was written; an upload's site keeps the old rule:
its local name where that is written in the reader's language.
"""

from __future__ import annotations

import csv
import re
from functools import cache

from ..core.i18n import Lang, t
from .cache import GEODATA
from .placenames import town_name

TRANSLATIONS_PATH = GEODATA / "translations.csv"
KINDS = ("name", "note", "size")
# A position found in the offline gazetteer, as strikes.data.geocode writes its source.
_GEONAMES = re.compile(r"^GeoNames cities1000: (.+) \(geonameid (\d+)\)$")
# Letters only one of the two languages writes: how an upload's local name's language is told.
_BELARUSIAN_ONLY = re.compile("[іўІЎ]")
_RUSSIAN_ONLY = re.compile("[иъщИЪЩ]")


@cache
def table() -> dict[str, dict[str, str]]:
    """English text -> its row (kind, en, be, ru), read once per process."""
    with TRANSLATIONS_PATH.open(encoding="utf-8", newline="") as file:
        return {row["en"]: row for row in csv.DictReader(file)}


def data_text(lang: Lang, text: object) -> str:
    """A note or size text of the dataset in ``lang``; any other text (an upload's) as written ("" for none)."""
    if not isinstance(text, str):
        return ""
    row = table().get(text)
    return row[lang] if row else text


def site_name(lang: Lang, name: object, local_name: object) -> str:
    """The site's name in ``lang``: the dataset's own translation, else its local name where that is written in
    ``lang``, else the name as given."""
    row = table().get(name) if isinstance(name, str) else None
    if row:
        return row[lang]
    return str(local_name) if local_name_in(lang, local_name) else str(name)


def other_name(lang: Lang, name: object, local_name: object) -> str:
    """The name shown under a site's name in ``lang``: the workplace's own (local) name where it differs from the
    one shown, else the English name where that differs ("" for none)."""
    shown = site_name(lang, name, local_name)
    for other in (local_name, name):
        if isinstance(other, str) and other and other != shown:
            return other
    return ""


def local_name_in(lang: Lang, name: object) -> bool:
    """Whether a local name is written in ``lang`` (Belarusian and Russian are told by their letters)."""
    if not isinstance(name, str) or lang == "en":
        return False
    if lang == "be":
        return bool(_BELARUSIAN_ONLY.search(name)) or not _RUSSIAN_ONLY.search(name)
    return bool(_RUSSIAN_ONLY.search(name)) or not _BELARUSIAN_ONLY.search(name)


def position_source(lang: Lang, source: object) -> str:
    """Where a site's position comes from, in ``lang``: the gazetteer's town named as ``lang`` names it; a link
    or an upload's own words as written."""
    if not isinstance(source, str):
        return ""
    found = _GEONAMES.match(source)
    if not found:
        return source
    return t(lang, "source_geonames", town=town_name(found.group(1), lang), id=found.group(2))
