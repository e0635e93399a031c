"""An ACLED export as it comes, made into this map's upload columns.

ACLED codes who acted, not where they work: ``actor1`` is "Protesters
(Belarus)" for a whole country's protests, so the workplace is read from
``assoc_actor_1`` ("Labour Group (Belarus); MTZ Workers" is MTZ) or, failing
that, from the notes ("workers of the Minsk Tractor Works"). ACLED has no
sector either; strikes.intake.rows infers one (strikes.core.sectors) from the same
words, and the row says so. Its sub-event types become the map's action types.
"""

from __future__ import annotations

import re

import pandas as pd

from .contract import Convention
from .wording import Say, say

# Column names that only an ACLED export has together.
SIGNATURE = frozenset({"event_id_cnty", "sub_event_type", "actor1"})
ACTION_TYPES = {
    "peaceful protest": "protest",
    "protest with intervention": "protest",
    "excessive force against protesters": "arrests",
    "arrests": "arrests",
    "violent demonstration": "protest",
    "mob violence": "protest",
}
# Actors that name a crowd, not a workplace: "Protesters (Belarus)", "Labour Group (Belarus)".
_GENERIC = re.compile(
    r"^(?:protesters?|rioters?|labou?r group|students?|women|civilians?|journalists?|government of .*|"
    r"police forces? of .*|military forces? of .*|teachers?|workers?|health workers?)$",
    re.IGNORECASE,
)
_COUNTRY = re.compile(r"\s*\([^)]*\)\s*$")
_ROLE = re.compile(r"\s+(?:workers?|employees?|miners?|staff|drivers?|personnel|trade union|union)$", re.IGNORECASE)
_IN_NOTES = re.compile(
    r"(?i:workers|employees|miners|staff|strikers)\s+(?:of|at|from)\s+(?:the\s+)?"
    r"((?:[A-Z0-9][\w'’\-]*|of|named|after)(?:\s+(?:[A-Z0-9][\w'’\-]*|of|named|after))*)"
)
# Words that, in an actor or a tag, say the row is about workers' action.
LABOUR_WORDS = re.compile(
    r"labou?r|worker|union|strik|miner|employee|рабоч|забастов|профсоюз|страйк|бастав|работник|рабочы|прафсаюз",
    re.IGNORECASE,
)


def workplace(assoc_actor: object, notes: object) -> str | None:
    """The workplace an ACLED row names: an associated actor that is not a crowd, or one in the notes."""
    if isinstance(assoc_actor, str):
        for actor in assoc_actor.split(";"):
            name = _ROLE.sub("", _COUNTRY.sub("", actor.strip())).strip()
            if name and not _GENERIC.match(name):
                return name
    if isinstance(notes, str):
        found = _IN_NOTES.search(notes)
        if found:
            return found.group(1).strip()
    return None


def is_labour(row: pd.Series) -> bool:
    """Whether the actors or tags name workers, unions or strikes."""
    text = " ".join(
        str(row.get(c))
        for c in ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "tags")
        if isinstance(row.get(c), str)
    )
    return bool(LABOUR_WORDS.search(text))


def to_upload_columns(frame: pd.DataFrame, labour_only: bool) -> tuple[pd.DataFrame, list[Say]]:
    """ACLED's cells as this map's upload columns, and notes on what was inferred or left out."""
    notes: list[Say] = []
    if labour_only:
        keep = frame.apply(is_labour, axis=1)
        if not keep.all():
            left_out = int((~keep).sum())
            notes.append(say("acled_left_out", n=left_out))
        frame = frame[keep]
    names = [
        workplace(a, n)
        for a, n in zip(
            frame.get("assoc_actor_1", pd.Series(index=frame.index)), frame.get("notes", pd.Series(index=frame.index))
        )
    ]
    named = pd.Series(names, index=frame.index, dtype="object")
    unnamed = named.isna()
    if unnamed.any():
        notes.append(say("acled_unnamed", n=int(unnamed.sum())))
    town = frame.get("location", pd.Series("?", index=frame.index)).fillna("?")
    fallback = frame["actor1"].fillna("Unnamed actor") + " in " + town
    out = pd.DataFrame(index=frame.index)
    out["event_id_cnty"] = frame["event_id_cnty"]
    # ACLED's own fields, and any of this map's a user added (a sector, a wave)
    for column in (
        "event_date",
        "time_precision",
        "country",
        "admin1",
        "location",
        "latitude",
        "longitude",
        "geo_precision",
        "source",
        "notes",
        "sector",
        "wave",
        "size",
        "source_url",
        "local_name",
    ):
        if column in frame:
            out[column] = frame[column]
    out["workplace"] = named.fillna(fallback)
    out["action_type"] = frame["sub_event_type"].str.lower().map(ACTION_TYPES).fillna(frame["sub_event_type"])
    return out, notes


CONVENTION = Convention(say("acled_export"), SIGNATURE, to_upload_columns)
