"""The geocode cache in geodata/: what a place query resolved to, written atomically.

Geocoding happens once, on a machine with the network; the app only reads the
committed cache. Entries are keyed by the query, not by a row id, so the same
workplace in the same town is never looked up twice, whichever dataset asks.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from ..core.files import write_atomic
from ..core.schema import PRECISIONS

GEODATA = Path(__file__).resolve().parents[2] / "geodata"
CACHE_PATH = GEODATA / "geocache.json"
CACHE_VERSION = 1


@dataclass(frozen=True)
class GeoQuery:
    """What is known of a place before geocoding: its town, and the workplace if any."""

    town: str
    oblast: str | None = None
    site: str | None = None
    country: str = "Belarus"

    @property
    def key(self) -> str:
        return " | ".join([self.site or "", self.town, self.oblast or "", self.country])


@dataclass(frozen=True)
class GeoResult:
    """A coordinate and how far to trust it: the workplace itself, or its town's centre."""

    lat: float
    lon: float
    precision: str
    source: str
    address: str

    def __post_init__(self) -> None:
        if self.precision not in PRECISIONS:
            raise ValueError(f"precision must be one of {PRECISIONS}, not {self.precision!r}")
        if not (-90 <= self.lat <= 90 and -180 <= self.lon <= 180):
            raise ValueError(f"({self.lat}, {self.lon}) is not a coordinate")


def read_cache(path: Path = CACHE_PATH) -> dict[str, GeoResult]:
    """The cache's entries; an absent file is an empty cache, a broken one an error."""
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != CACHE_VERSION:
            raise ValueError(f"unknown cache version {data.get('version')!r}")
        return {key: GeoResult(**entry) for key, entry in data["entries"].items()}
    except (ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{path}: the geocode cache is unreadable: {exc}") from exc


def write_cache(entries: dict[str, GeoResult], path: Path = CACHE_PATH) -> None:
    """Sorted and indented so that a re-geocode shows up as a readable diff."""
    data = {
        "version": CACHE_VERSION,
        "entries": {key: asdict(entries[key]) for key in sorted(entries)},
    }
    write_atomic(path, (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
