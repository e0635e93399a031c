"""Seeded synthetic strike events inside Belarus, for the benchmark and the scale tests.

Points are scattered around real Belarusian towns (weighted by population, as
event data is), so they fall inside the country and cluster the way real data
does; half are workplace-level points near a town, half sit on its centre.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from strikes.core import schema
from strikes.data.gazetteer import GeoNamesGazetteer

WAVE_DATES = {"august": ("2020-08-10", "2020-08-14"), "november": ("2020-10-26", "2020-10-26")}


def synthetic_events(n: int, seed: int = 2020, events_per_site: float = 2.0) -> pd.DataFrame:
    """``n`` valid events (the events schema) on about ``n / events_per_site`` sites."""
    rng = np.random.default_rng(seed)
    gazetteer = GeoNamesGazetteer()
    towns = pd.DataFrame(
        [
            (t["name"], gazetteer.admin1_name(t), t["latitude"], t["longitude"], t["population"])
            for t in gazetteer.towns
        ],
        columns=["town", "oblast", "lat", "lon", "population"],
    )
    n_sites = max(1, int(n / events_per_site))
    weights = np.sqrt(towns["population"].to_numpy(dtype=float))
    town_of_site = rng.choice(len(towns), size=n_sites, p=weights / weights.sum())
    at_site = rng.random(n_sites) < 0.5
    jitter = rng.normal(0, 0.02, size=(n_sites, 2)) * at_site[:, None]
    site_town = towns.iloc[town_of_site].reset_index(drop=True)
    sites = pd.DataFrame(
        {
            "site_id": [f"s{i}" for i in range(n_sites)],
            "name": [f"Works no. {i}" for i in range(n_sites)],
            "sector": rng.choice(schema.SECTORS, size=n_sites),
            "town": site_town["town"],
            "oblast": site_town["oblast"],
            "lat": (site_town["lat"] + jitter[:, 0]).round(5),
            "lon": (site_town["lon"] + jitter[:, 1]).round(5),
            "precision": np.where(at_site, "site", "town"),
        }
    )
    site_of_event = np.concatenate([np.arange(n_sites), rng.integers(0, n_sites, size=max(0, n - n_sites))])[:n]
    wave = rng.choice(list(WAVE_DATES), size=n, p=[0.7, 0.3])
    events = sites.iloc[site_of_event].reset_index(drop=True)
    starts = pd.to_datetime(pd.Series(wave).map(lambda w: WAVE_DATES[w][0]))
    ends = pd.to_datetime(pd.Series(wave).map(lambda w: WAVE_DATES[w][1]))
    events = events.assign(
        event_id=[f"e{i}" for i in range(n)],
        local_name=None,
        is_group=False,
        geocode_source="synthetic",
        site_notes=None,
        wave=wave,
        date_start=starts,
        date_end=ends,
        time_precision=2,
        action_type=rng.choice(schema.ACTION_TYPES, size=n),
        size=None,
        source_id="synthetic",
        source_title="Synthetic benchmark data",
        source_url=None,
        quote=[f"Workers at works no. {s} downed tools" for s in site_of_event],
        notes=None,
    )
    return schema.EVENTS.validate(events[list(schema.EVENT_COLUMNS)])


UPLOAD_COLUMNS = {
    "event_id": "event_id",
    "event_date": "date_start",
    "end_date": "date_end",
    "workplace": "name",
    "sector": "sector",
    "wave": "wave",
    "action_type": "action_type",
    "latitude": "lat",
    "longitude": "lon",
    "location": "town",
    "admin1": "oblast",
    "source": "source_title",
    "notes": "quote",
}
LEAN_COLUMNS = ("event_id", "event_date", "workplace", "sector", "latitude", "longitude", "source")


def synthetic_upload(n: int, seed: int = 2020, lean: bool = False) -> bytes:
    """The same events as a user's CSV in the columns the README lists, for timing the app on a large upload.

    ``lean`` keeps the columns a file needs, and the sector: 200,000 events then fit the 20 MB upload limit.
    """
    events = synthetic_events(n, seed)
    columns = {c: f for c, f in UPLOAD_COLUMNS.items() if not lean or c in LEAN_COLUMNS}
    table = pd.DataFrame({column: events[field] for column, field in columns.items()})
    table["geo_precision"] = events["precision"].map({"site": 1, "town": 2})
    return table.to_csv(index=False, date_format="%Y-%m-%d").encode("utf-8")
