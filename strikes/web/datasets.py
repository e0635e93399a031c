"""Which data the page shows: the curated events, a reader's upload, or both joined, with a key naming it.

Pure functions: the page's caches key on ``data_key``, so it must change
whenever the data does (an upload's key carries a digest of its content) and
never otherwise (the curated data's key is always "builtin").
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pandas as pd

from ..core.dataname import DataName
from ..intake.wording import Say

# The upload's identifiers, prefixed where both are shown: an upload's "site-1" is not the curated one.
TAGGED_COLUMNS = ("event_id", "site_id", "source_id")


@dataclass(frozen=True)
class Upload:
    """A reader's file, read: its events, a digest that names its content, the reading's notes, its name."""

    events: pd.DataFrame
    digest: str
    notes: list[Say]
    name: str

    @classmethod
    def of(cls, events: pd.DataFrame, notes: list[Say], name: str) -> Upload:
        return cls(events, digest(events), notes, name)


def digest(events: pd.DataFrame) -> str:
    """A digest of an upload's events (their values, not their index): the same content, the same key."""
    return hashlib.sha1(pd.util.hash_pandas_object(events, index=False).to_numpy().tobytes()).hexdigest()


def chosen(builtin: pd.DataFrame, upload: Upload | None, choice: str) -> tuple[pd.DataFrame, str]:
    """The events shown for the reader's ``choice`` ("builtin", "upload" or "both"), and their data key.

    Without an upload the curated data is shown whatever the choice.
    """
    if upload is None or choice == "builtin":
        return builtin, "builtin"
    if choice == "upload":
        return upload.events, f"upload-{upload.digest}"
    events = upload.events
    tagged = events.assign(**{column: "upload:" + events[column] for column in TAGGED_COLUMNS})
    return pd.concat([builtin, tagged], ignore_index=True), f"both-{upload.digest}"


def data_name(data_key: str, upload: Upload | None) -> DataName:
    """Whose data the page shows, for its heading and its exports' titles and file names."""
    return DataName(data_key.split("-")[0], "" if upload is None else upload.name)
