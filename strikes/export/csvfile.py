"""The CSV export: one row per action with every field, which reads back into exactly the frame it came from."""

from __future__ import annotations

import pandas as pd

from ..core import csvsafe, schema
from .contract import Format, Request


def iso_text(value: pd.Timestamp) -> str:
    """A date as YYYY-MM-DD, with the time only when there is one, so nothing is lost (the GeoJSON's too)."""
    return value.date().isoformat() if value == value.normalize() else value.isoformat()


def to_csv(events: pd.DataFrame) -> bytes:
    """One row per action with every events column, UTF-8, dates as ISO text, no cell a live formula.

    Lines end in CRLF (RFC 4180), so that a carriage return inside a cell is quoted too. The file
    starts with a byte-order mark, without which Excel reads UTF-8 as the local code page and shows
    the Cyrillic names as mojibake; every reader here (strikes.intake, read_csv_export) skips it.
    """
    frame = events[list(schema.EVENT_COLUMNS)].copy()
    for column in schema.EVENT_DATE_COLUMNS:
        frame[column] = frame[column].map(iso_text)
    return csvsafe.defuse(frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def write(request: Request) -> bytes:
    """The filtered actions as CSV."""
    return to_csv(request.shown)


FORMAT = Format(key="csv", media_type="text/csv", suffix=".csv", label="export_csv", needs_chromium=False, write=write)
