"""Which of an upload's columns carries which field of this map's format, named as ACLED names them.

Columns follow ACLED's event-data names, so an ACLED export loads with at most
a ``sector`` column added; a column that looks like a typo of one of them
("lattitude") is an error that says what was meant, not a silent loss.
"""

from __future__ import annotations

import difflib

from ..quote import excerpt
from .decode import UploadError

# Each field of the format and the column names that may carry it, preferred first.
FIELDS: dict[str, tuple[str, ...]] = {
    "event_id": ("event_id_cnty", "event_id"),
    "event_date": ("event_date", "start_date"),
    "end_date": ("end_date",),
    "time_precision": ("time_precision",),
    "country": ("country",),
    "admin1": ("admin1", "state"),
    "location": ("location", "city"),
    "latitude": ("latitude",),
    "longitude": ("longitude",),
    "geo_precision": ("geo_precision",),
    "workplace": ("workplace", "employer", "actor1"),
    "local_name": ("local_name",),
    "sector": ("sector",),
    "action_type": ("action_type", "sub_event_type"),
    "wave": ("wave",),
    "size": ("size", "approximate_number_of_participants"),
    "source": ("source",),
    "source_url": ("source_url",),
    "notes": ("notes",),
    "action_notes": ("action_notes",),
}
# sector is not among them: where a file has none (ACLED's), it is inferred from the text, and said so.
REQUIRED = ("event_id", "event_date", "workplace", "source")
KNOWN_COLUMNS = tuple(name for names in FIELDS.values() for name in names)
# The rest of an ACLED export: read past quietly rather than taken for typos of
# the columns above (admin2 looks like admin1, actor2 like actor1).
ACLED_UNUSED = frozenset(
    {
        "event_id_no_cnty",
        "year",
        "disorder_type",
        "event_type",
        "actor2",
        "assoc_actor_1",
        "assoc_actor_2",
        "inter1",
        "inter2",
        "interaction",
        "civilian_targeting",
        "iso",
        "iso3",
        "region",
        "admin2",
        "admin3",
        "source_scale",
        "fatalities",
        "tags",
        "timestamp",
    }
)
# Names people reach for that difflib cannot see are the same thing.
SYNONYMS = {
    "lat": "latitude",
    "lon": "longitude",
    "lng": "longitude",
    "long": "longitude",
    "town": "location",
    "city": "location",
    "date": "event_date",
    "start_date": "event_date",
    "name": "workplace",
    "employer": "workplace",
    "oblast": "admin1",
    "state": "admin1",
    "region_name": "admin1",
    "industry": "sector",
    "id": "event_id",
    "quote": "notes",
    "url": "source_url",
}


def resolve_columns(present: list[str], label: str) -> tuple[dict[str, str], list[str]]:
    """Field -> the column carrying it; typos and missing required columns are errors."""
    columns = {
        field: next(name for name in names if name in present)
        for field, names in FIELDS.items()
        if any(name in present for name in names)
    }
    used = set(columns.values())
    problems, meant, ignored = [], set(), []
    for name in present:
        if name in used:
            continue
        close = difflib.get_close_matches(name, KNOWN_COLUMNS, n=1, cutoff=0.75)
        guess = SYNONYMS.get(name) or (close[0] if close else None)
        field = next((f for f, names in FIELDS.items() if guess in names), None)
        if name and name not in ACLED_UNUSED and field is not None and field not in columns:
            problems.append(f"{label}: unknown column {excerpt(name)}: did you mean {guess!r}?")
            meant.add(field)
        else:
            ignored.append(name or "(unnamed)")
    for field in REQUIRED:
        if field not in columns and field not in meant:
            alternatives = f" (or {' or '.join(map(repr, FIELDS[field][1:]))})" if FIELDS[field][1:] else ""
            problems.append(f"{label}: missing required column {FIELDS[field][0]!r}{alternatives}")
    has_lat, has_lon = "latitude" in columns, "longitude" in columns
    if has_lat != has_lon:
        given, missing = ("latitude", "longitude") if has_lat else ("longitude", "latitude")
        if missing not in meant:
            problems.append(f"{label}: column {given!r} is given without {missing!r}")
    elif not has_lat and "location" not in columns and not meant & {"latitude", "longitude", "location"}:
        problems.append(
            f"{label}: missing columns 'latitude' and 'longitude', or 'location': every row needs coordinates or a town"
        )
    if problems:
        raise UploadError(problems)
    notes = []
    if ignored:
        shown = ", ".join(ignored[:8]) + (f" and {len(ignored) - 8} more" if len(ignored) > 8 else "")
        notes.append(f"ignored {count(len(ignored), 'column')} the map does not use: {shown}")
    return columns, notes


def count(n: int, noun: str) -> str:
    """'1 row', '2 rows'."""
    return f"{n} {noun}{'' if n == 1 else 's'}"
