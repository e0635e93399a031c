"""The vocabularies and pandera schemas every frame in the package is checked against.

Two levels: the curated Belarus files (sites, actions) are held to the fixed
vocabularies below, while the flat *events* frame (one row per action, with its
site's fields) is the contract between loading, filtering, mapping and export,
and is also what a user's own upload is turned into.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandera.pandas as pa

SECTORS: tuple[str, ...] = (
    "manufacturing",
    "chemicals",
    "mining",
    "energy",
    "transport",
    "health",
    "education",
    "culture",
    "construction",
    "food",
    "forestry",
    "research",
    "public services",
)
WAVES: tuple[str, ...] = ("august", "november")
ACTION_TYPES: tuple[str, ...] = ("strike", "walkout", "protest", "go-slow", "arrests")


@dataclass(frozen=True)
class Oblast:
    """One of Belarus' first-level divisions, under each name a source gives it."""

    name: str  # as the dataset writes it (and the catalogues' "data" context translates it)
    iso: str  # ISO 3166-2, as Natural Earth's polygons carry it
    geonames: str  # GeoNames' admin1 code, as its towns carry it


# The six oblasts and Minsk City: every other table of oblasts is made from this one.
BELARUS_OBLASTS: tuple[Oblast, ...] = (
    Oblast("Brest", "BY-BR", "01"),
    Oblast("Gomel", "BY-HO", "02"),
    Oblast("Grodno", "BY-HR", "03"),
    Oblast("Minsk", "BY-MI", "05"),
    Oblast("Minsk City", "BY-HM", "04"),
    Oblast("Mogilev", "BY-MA", "06"),
    Oblast("Vitebsk", "BY-VI", "07"),
)
OBLASTS: tuple[str, ...] = tuple(oblast.name for oblast in BELARUS_OBLASTS)
# How far to trust a point: on the workplace's grounds, at its street address, a town's centre, the country.
PRECISIONS: tuple[str, ...] = ("site", "street", "town", "country")
CURATED_PRECISIONS: tuple[str, ...] = ("site", "street")
# ACLED's time precision: 1 = the day is known, 2 = the week, 3 = the month.
TIME_PRECISIONS: tuple[int, ...] = (1, 2, 3)

_ID = r"^[a-z0-9][a-z0-9-]*$"


def _text(nullable: bool = False, **kwargs: Any) -> pa.Column:
    return pa.Column(str, nullable=nullable, **kwargs)


SOURCES = pa.DataFrameSchema(
    {
        "source_id": _text(checks=pa.Check.str_matches(_ID), unique=True),
        "title": _text(),
        "publisher": _text(),
        "author": _text(nullable=True),
        "published": pa.Column("datetime64[ns]", nullable=True),
        "url": _text(checks=pa.Check.str_startswith("https://")),
        "file": _text(),
    },
    strict=True,
    coerce=True,
    name="sources",
)

SITES = pa.DataFrameSchema(
    {
        "site_id": _text(checks=pa.Check.str_matches(_ID), unique=True),
        "name": _text(),
        "local_name": _text(nullable=True),
        "sector": _text(checks=pa.Check.isin(SECTORS)),
        "town": _text(nullable=True),
        "oblast": _text(nullable=True, checks=pa.Check.isin(OBLASTS)),
        "is_group": pa.Column(bool),
        "site_query": _text(nullable=True),
        "curated_lat": pa.Column(float, nullable=True, checks=pa.Check.in_range(51.2, 56.2)),
        "curated_lon": pa.Column(float, nullable=True, checks=pa.Check.in_range(23.1, 32.8)),
        "precision": _text(checks=pa.Check.isin(PRECISIONS)),
        "coord_source": _text(nullable=True, checks=pa.Check.str_startswith("https://")),
        "curated_note": _text(nullable=True),
        "notes": _text(nullable=True),
    },
    checks=[
        pa.Check(
            lambda df: df["town"].isna() == df["oblast"].isna(),
            error="town and oblast are given together or not at all",
        ),
        pa.Check(
            lambda df: (
                df["precision"].isin(CURATED_PRECISIONS)
                == (df["curated_lat"].notna() & df["curated_lon"].notna() & df["coord_source"].notna())
            ),
            error="a site or street point needs curated_lat, curated_lon and the coord_source that states it,"
            " and only such a point has them",
        ),
        pa.Check(
            lambda df: df["is_group"] | df["curated_note"].notna(),
            error="a workplace needs a curated_note: the cross-check of its point, or why it is only a town centre",
        ),
    ],
    strict=True,
    coerce=True,
    name="sites",
)

ACTIONS = pa.DataFrameSchema(
    {
        "action_id": _text(checks=pa.Check.str_matches(_ID), unique=True),
        "site_id": _text(),
        "wave": _text(checks=pa.Check.isin(WAVES)),
        "date_start": pa.Column("datetime64[ns]"),
        "date_end": pa.Column("datetime64[ns]"),
        "time_precision": pa.Column(int, checks=pa.Check.isin(TIME_PRECISIONS)),
        "action_type": _text(checks=pa.Check.isin(ACTION_TYPES)),
        "size": _text(nullable=True),
        "source_id": _text(),
        "quote": _text(checks=pa.Check.str_length(min_value=8)),
        "notes": _text(nullable=True),
    },
    checks=pa.Check(lambda df: df["date_start"] <= df["date_end"], error="date_start is after date_end"),
    strict=True,
    coerce=True,
    name="actions",
)

EVENTS = pa.DataFrameSchema(
    {
        "event_id": _text(unique=True),
        "site_id": _text(),
        "name": _text(),
        "local_name": _text(nullable=True),
        "sector": _text(),
        "town": _text(nullable=True),
        "oblast": _text(nullable=True),
        "is_group": pa.Column(bool),
        "lat": pa.Column(float, nullable=True, checks=pa.Check.in_range(-90, 90)),
        "lon": pa.Column(float, nullable=True, checks=pa.Check.in_range(-180, 180)),
        "precision": _text(nullable=True, checks=pa.Check.isin(PRECISIONS)),
        "geocode_source": _text(nullable=True),
        "site_notes": _text(nullable=True),
        "wave": _text(),
        "date_start": pa.Column("datetime64[ns]"),
        "date_end": pa.Column("datetime64[ns]"),
        "time_precision": pa.Column(int, checks=pa.Check.isin(TIME_PRECISIONS)),
        "action_type": _text(),
        "size": _text(nullable=True),
        "source_id": _text(),
        "source_title": _text(),
        "source_url": _text(nullable=True),
        "quote": _text(nullable=True),
        "notes": _text(nullable=True),
    },
    checks=[
        pa.Check(
            lambda df: df["lat"].isna() == df["lon"].isna(),
            error="lat and lon are given together or not at all",
        ),
        pa.Check(
            lambda df: df["lat"].isna() == df["precision"].isna(),
            error="every located row has a geocode precision, and only those",
        ),
        pa.Check(lambda df: df["date_start"] <= df["date_end"], error="date_start is after date_end"),
    ],
    strict=True,
    coerce=True,
    ordered=True,
    name="events",
)

EVENT_COLUMNS: tuple[str, ...] = tuple(EVENTS.columns)
# The events' dates, written as ISO text in the exports and parsed back when an export is uploaded.
EVENT_DATE_COLUMNS: tuple[str, ...] = ("date_start", "date_end")
