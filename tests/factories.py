"""Small hand-made event frames, valid against the events schema, for exact-frame tests."""

from __future__ import annotations

from typing import Any

import pandas as pd

from strikes.core import schema

DEFAULTS: dict[str, Any] = {
    "local_name": None,
    "town": "Minsk",
    "oblast": "Minsk City",
    "is_group": False,
    "lat": 53.9,
    "lon": 27.57,
    "precision": "town",
    "geocode_source": "test",
    "site_notes": None,
    "time_precision": 1,
    "action_type": "strike",
    "size": None,
    "source_id": "src",
    "source_title": "A source",
    "source_url": "https://example.org/",
    "quote": "a quote",
    "notes": None,
}


def make_events(*rows: dict[str, Any]) -> pd.DataFrame:
    """Each row needs event_id, site_id, sector, wave and date; the rest defaults."""
    full = []
    for row in rows:
        merged = {**DEFAULTS, "name": row["site_id"].upper(), **row}
        merged.setdefault("date_start", merged.get("date"))
        merged.setdefault("date_end", merged.pop("date", merged["date_start"]))
        merged.pop("date", None)
        full.append(merged)
    frame = pd.DataFrame(full)[list(schema.EVENT_COLUMNS)]
    return schema.EVENTS.validate(frame)


SMALL: tuple[dict[str, Any], ...] = (
    {
        "event_id": "a1",
        "site_id": "mtz",
        "sector": "manufacturing",
        "wave": "august",
        "date_start": "2020-08-10",
        "date_end": "2020-08-14",
    },
    {
        "event_id": "a2",
        "site_id": "azot",
        "sector": "chemicals",
        "wave": "august",
        "date": "2020-08-12",
        "town": "Grodno",
        "oblast": "Grodno",
        "lat": 53.68,
        "lon": 23.83,
    },
    {
        "event_id": "a3",
        "site_id": "kali",
        "sector": "mining",
        "wave": "august",
        "date": "2020-08-13",
        "town": "Salihorsk",
        "oblast": "Minsk",
        "lat": 52.79,
        "lon": 27.54,
    },
    {
        "event_id": "n1",
        "site_id": "mtz",
        "sector": "manufacturing",
        "wave": "november",
        "date": "2020-10-26",
        "action_type": "protest",
    },
    {
        "event_id": "n2",
        "site_id": "azot",
        "sector": "chemicals",
        "wave": "november",
        "date": "2020-10-26",
        "action_type": "arrests",
        "town": "Grodno",
        "oblast": "Grodno",
        "lat": 53.68,
        "lon": 23.83,
    },
    {
        "event_id": "n3",
        "site_id": "uni",
        "sector": "education",
        "wave": "november",
        "date": "2020-10-26",
        "action_type": "walkout",
        "is_group": True,
    },
    {
        "event_id": "a4",
        "site_id": "docs",
        "sector": "health",
        "wave": "august",
        "date": "2020-08-14",
        "town": None,
        "oblast": None,
        "lat": None,
        "lon": None,
        "precision": None,
        "geocode_source": None,
        "is_group": True,
    },
)
