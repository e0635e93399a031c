"""Which of an upload's columns carries which field of this map's format, named as ACLED names them.

Columns follow ACLED's event-data names, so an ACLED export loads with at most
a ``sector`` column added; a column that looks like a typo of one of them
("lattitude") is an error that says what was meant, not a silent loss.
"""

from __future__ import annotations

import difflib

from ..core.quote import excerpt
from .decode import UploadError
from .wording import Joined, Say, say

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


def resolve_columns(present: list[str], label: str) -> tuple[dict[str, str], list[Say]]:
    """Field -> the column carrying it; typos and missing required columns are errors."""
    columns = {
        field: next(name for name in names if name in present)
        for field, names in FIELDS.items()
        if any(name in present for name in names)
    }
    used = set(columns.values())
    problems: list[Say] = []
    meant: set[str] = set()
    ignored: list[str | Say] = []
    for name in present:
        if name in used:
            continue
        close = difflib.get_close_matches(name, KNOWN_COLUMNS, n=1, cutoff=0.75)
        guess = SYNONYMS.get(name) or (close[0] if close else None)
        field = next((f for f, names in FIELDS.items() if guess in names), None)
        if name and name not in ACLED_UNUSED and field is not None and field not in columns:
            problems.append(say("unknown_column", label=label, name=excerpt(name), guess=repr(guess)))
            meant.add(field)
        else:
            ignored.append(name or say("unnamed"))
    for field in REQUIRED:
        if field not in columns and field not in meant:
            first, *others = map(repr, FIELDS[field])
            problems.append(
                say("missing_column_or", label=label, name=first, others=Joined(tuple(others), say("or")))
                if others
                else say("missing_column", label=label, name=first)
            )
    has_lat, has_lon = "latitude" in columns, "longitude" in columns
    if has_lat != has_lon:
        given, missing = ("latitude", "longitude") if has_lat else ("longitude", "latitude")
        if missing not in meant:
            problems.append(say("half_coordinates", label=label, given=repr(given), missing=repr(missing)))
    elif not has_lat and "location" not in columns and not meant & {"latitude", "longitude", "location"}:
        problems.append(say("no_place_columns", label=label))
    if problems:
        raise UploadError(problems)
    notes = []
    if ignored:
        names: Say | Joined = Joined(tuple(ignored[:8]), ", ")
        if len(ignored) > 8:
            names = say("and_more_names", names=names, n=len(ignored) - 8)
        notes.append(say("ignored_columns", n=len(ignored), names=names))
    return columns, notes
