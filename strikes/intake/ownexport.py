"""This map's own CSV and GeoJSON exports, read back to exactly the events they were made from.

Reading lives here, on the intake's side, so nothing that reads a file needs
the exporter (and, through it, the maps and a browser). A file in an
export's shape may come from anyone, so its cells pass the same checks as any
upload's: text only (checked by the format's reader), links http(s) only,
and the events schema.
"""

from __future__ import annotations

import io

import pandas as pd

from ..core import csvsafe, schema
from ..core.quote import excerpt
from ..data.dataset import DatasetError, Source, parse_bool, parse_dates, read_table, validate
from .contract import Cells
from .decode import UploadError, cell_at
from .wording import say


def is_own_export(cells: Cells) -> bool:
    """A CSV in the export's columns, or a GeoJSON of the export's sites (their rows are per ``site``)."""
    return tuple(cells.frame.columns) == schema.EVENT_COLUMNS or cells.unit == "site"


def events_from_cells(cells: Cells, label: str) -> pd.DataFrame:
    """An uploaded export's events; a bad cell is an UploadError naming the row (or site) and field."""
    frame = cells.frame
    url = frame["source_url"].replace("", pd.NA)
    not_web = url.notna() & ~url.str.match(r"https?://", case=False).fillna(False).astype(bool)
    problems = [
        say(
            "problem", at=cell_at(label, cells.unit, row, "source_url"), what=say("not_a_link", value=excerpt(url[row]))
        )
        for row in url.index[not_web]
    ]
    if problems:
        raise UploadError(problems)
    try:
        events = events_from_table(
            frame.reset_index(drop=True), Source(label, first_row=2 if cells.unit == "row" else 1)
        )
    except DatasetError as exc:
        raise UploadError(exc.problems) from None
    return events.reset_index(drop=True)


def read_csv_export(data: bytes) -> pd.DataFrame:
    """An exported CSV back as the events frame it was made from (empty text reads as missing).

    Checked against the events schema, so a hand-edited export fails with a
    message naming the row and field.
    """
    return events_from_table(read_table(io.BytesIO(data)), Source("CSV export"))


def events_from_table(table: pd.DataFrame, where: Source) -> pd.DataFrame:
    """The events frame from an export's cells as text (a CSV's, or a GeoJSON's flattened), type-checked."""
    frame = csvsafe.restore(table.replace({"": pd.NA}))
    if tuple(frame.columns) != schema.EVENT_COLUMNS:
        raise DatasetError([f"{where.label}: expected the columns {', '.join(schema.EVENT_COLUMNS)}"])
    frame["is_group"] = parse_bool(frame, "is_group", where)
    for column in schema.EVENT_DATE_COLUMNS:
        frame[column] = parse_dates(frame, column, where)
    return validate(frame, schema.EVENTS, where)
