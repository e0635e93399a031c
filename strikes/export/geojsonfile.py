"""The GeoJSON export: an RFC 7946 Point per located site, its actions in its properties."""

from __future__ import annotations

import json
import math
from typing import Any

import pandas as pd

from ..core import schema
from .contract import Format, Request
from .csvfile import iso_text

# The events frame's columns that describe the site rather than one action at it.
SITE_COLUMNS: tuple[str, ...] = (
    "site_id",
    "name",
    "local_name",
    "sector",
    "town",
    "oblast",
    "is_group",
    "lat",
    "lon",
    "precision",
    "geocode_source",
    "site_notes",
)
ACTION_COLUMNS: tuple[str, ...] = tuple(c for c in schema.EVENT_COLUMNS if c not in SITE_COLUMNS)
COORDINATE_DECIMALS = 6  # ~0.1 m, as RFC 7946 section 11.2 suggests


def _json_value(value: Any) -> Any:
    """A cell as a JSON value: missing as null, dates as ISO text, numpy scalars as Python ones."""
    if isinstance(value, pd.Timestamp):
        return iso_text(value)
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def _site_properties(actions: pd.DataFrame) -> dict[str, Any]:
    site = actions.iloc[0]
    properties = {c: _json_value(site[c]) for c in SITE_COLUMNS if c not in ("lat", "lon")}
    properties["actions"] = [
        {c: _json_value(v) for c, v in zip(ACTION_COLUMNS, row)}
        for row in actions[list(ACTION_COLUMNS)].itertuples(index=False)
    ]
    return properties


def to_geojson(events: pd.DataFrame) -> dict[str, Any]:
    """An RFC 7946 FeatureCollection: a Point per located site, its actions in its properties.

    Sites with no place (a group across the country) cannot be features, but
    dropping them would silently lose actions, so they are kept in the
    foreign member "unlocated".
    """
    features, unlocated = [], []
    for _, actions in events.groupby("site_id", sort=False):
        site = actions.iloc[0]
        if pd.isna(site["lat"]):
            unlocated.append(_site_properties(actions))
            continue
        lon, lat = (round(float(site[c]), COORDINATE_DECIMALS) for c in ("lon", "lat"))
        features.append(
            {
                "type": "Feature",
                "id": site["site_id"],
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": _site_properties(actions),
            }
        )
    return {"type": "FeatureCollection", "features": features, "unlocated": unlocated}


def to_geojson_bytes(events: pd.DataFrame) -> bytes:
    """to_geojson as UTF-8 JSON (NaN refused: it is not JSON)."""
    return json.dumps(to_geojson(events), ensure_ascii=False, allow_nan=False).encode("utf-8")


def write(request: Request) -> bytes:
    """The filtered actions' sites as GeoJSON."""
    return to_geojson_bytes(request.shown)


FORMAT = Format(
    key="geojson",
    media_type="application/geo+json",
    suffix=".geojson",
    label="export_geojson",
    needs_chromium=False,
    write=write,
)
