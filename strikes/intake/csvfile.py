"""A CSV upload's cells as a table of text, numbered as a spreadsheet numbers its rows."""

from __future__ import annotations

import csv
import io
import re

import pandas as pd

from ..core.quote import NOT_TEXT, excerpt
from .contract import Cells, FileFormat
from .decode import MAX_CELL_CHARS, UploadError, check_characters, check_lengths, check_size, decode
from .wording import Say, say

DELIMITERS = {",": "commas", ";": "semicolons", "\t": "tabs"}  # each with its name in strikes.intake.wording
NOTED = {";": "separated_by_semicolons", "\t": "separated_by_tabs"}  # a comma goes without saying


def column_key(name: object) -> str:
    """Column names match ignoring case and spaces: 'Event date' is event_date."""
    return re.sub(r"[\s\-]+", "_", str(name).strip().lower())


def read_cells(text: str, label: str) -> tuple[pd.DataFrame, list[Say]]:
    """Every cell as text, indexed by its line (the header is line 1), and notes on how it was read.

    ``text`` has Unix line endings (strikes.decode sees to that).
    """
    header_line = text.partition("\n")[0]
    # The delimiter that splits the header into the most columns; a tie is a comma.
    try:
        delimiter = max(DELIMITERS, key=lambda d: len(next(csv.reader([header_line], delimiter=d), [])))
    except csv.Error:  # a field past the csv module's 128 KB limit: no column name is that long
        raise UploadError([say("header_too_long", label=label, limit=MAX_CELL_CHARS)]) from None
    notes = [say(NOTED[delimiter])] if delimiter in NOTED else []
    try:
        cells = pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            header=None,
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=False,
        )
    except pd.errors.EmptyDataError:
        raise UploadError([say("blank_first_line", label=label)]) from None
    except pd.errors.ParserError as exc:
        fields = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(exc))
        if fields is None:
            raise UploadError([say("not_csv", label=label, why=str(exc))]) from None
        expected, row, saw = fields.groups()
        separator = say(DELIMITERS[delimiter])
        raise UploadError(
            [say("wrong_field_count", label=label, row=row, saw=saw, expected=expected, separator=separator)]
        ) from None
    check_size(len(cells) - 1, len(cells.columns), label, "row")
    cells.index = cells.index + 1  # pandas counts from 0; the header is line 1
    header = [column_key(name) for name in cells.iloc[0]]
    seen: dict[str, int] = {}
    problems = []
    for number, name in enumerate(header, start=1):
        if name and name in seen:
            problems.append(say("duplicate_column", label=label, name=excerpt(name), first=seen[name], second=number))
        seen.setdefault(name, number)
    if problems:
        raise UploadError(problems)
    return cells.iloc[1:].set_axis(header, axis="columns"), notes


def read(raw: bytes, label: str, sheet: int | None = None) -> Cells:
    """The CSV's cells, decoded and checked; ``sheet`` is unused (a CSV has one table)."""
    text, encoding = decode(raw, label)
    frame, notes = read_cells(text, label)
    if NOT_TEXT.search(text) is None:  # every cell is a piece of the text, so its characters are text
        check_lengths(frame, label, "row")
    else:
        check_characters(frame, label, "row")
    return Cells(frame, "row", [encoding, *notes])


FORMAT = FileFormat("CSV", say("format_csv"), (".csv", ".tsv", ".txt"), read)
