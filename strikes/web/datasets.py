"""Which data the page shows: the curated events, a reader's upload, or both joined, with a key naming it.

Pure functions: the page's caches key on ``data_key``, so it must change
whenever the data does (an upload's key carries a digest of its content) and
never otherwise (the curated data's key is always "builtin").
"""

from __future__ import annotations

import hashlib

import pandas as pd

from ..core.dataname import DataName

# The upload's identifiers, prefixed where both are shown: an upload's "site-1" is not the curated one.
TAGGED_COLUMNS = ("event_id", "site_id", "source_id")


def digest(events: pd.DataFrame) -> str:
    """A digest of an upload's events (their values, not their index): the same content, the same key."""
    return hashlib.sha1(pd.util.hash_pandas_object(events, index=False).to_numpy().tobytes()).hexdigest()


def chosen(
    builtin: pd.DataFrame, upload: pd.DataFrame | None, upload_digest: str, choice: str
) -> tuple[pd.DataFrame, str]:
    """The events shown for the reader's ``choice`` ("builtin", "upload" or "both"), and their data key.

    Without an upload the curated data is shown whatever the choice.
    """
    if upload is None or choice == "builtin":
        return builtin, "builtin"
    if choice == "upload":
        return upload, f"upload-{upload_digest}"
    tagged = upload.assign(**{column: "upload:" + upload[column] for column in TAGGED_COLUMNS})
    return pd.concat([builtin, tagged], ignore_index=True), f"both-{upload_digest}"


def data_name(data_key: str, upload_name: str) -> DataName:
    """Whose data the page shows, for its heading and its exports' titles and file names."""
    return DataName(data_key.split("-")[0], upload_name)
