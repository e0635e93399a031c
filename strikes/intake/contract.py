"""The one contract every upload format keeps, as geopy's ``Geocoder`` is the one contract of its geocoders.

A file format (CSV, GeoJSON, an Excel workbook) turns an upload's bytes into
``Cells``: every cell as text, numbered as the reader counts rows, its
characters and lengths already checked. A column convention (an ACLED or a
Labor Action Tracker export) is recognised by column names only its files have
together, and turns those cells into this map's upload columns. Both are
registered once, in strikes.intake.registry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

import pandas as pd

from .wording import Say, Unit


class Cells(NamedTuple):
    """A file's table: text cells (None where missing), indexed by row as its reader counts them."""

    frame: pd.DataFrame
    unit: Unit  # what a row is called in messages: "row", "feature", "record", or an own export's "site"
    notes: list[Say]  # how the file was read, for the notes under the upload box


@dataclass(frozen=True)
class FileFormat:
    """How one kind of file is read: its name, its suffixes and its reader."""

    name: str  # as the README's table names it
    description: Say  # as the message for an unknown type names it: "a CSV"
    suffixes: tuple[str, ...]
    read: Callable[[bytes, str, int | None], Cells]  # (raw bytes, file label, sheet position) -> cells
    sheet_names: Callable[[bytes, str], list[str]] | None = None  # formats with several tables to choose from


@dataclass(frozen=True)
class Convention:
    """A published dataset's columns, recognised by its signature and converted to this map's."""

    name: Say  # as the notes say it: "an ACLED export"
    signature: frozenset[str]  # column names (after csvfile.column_key) only its files have together
    convert: Callable[[pd.DataFrame, bool], tuple[pd.DataFrame, list[Say]]]  # (cells, labour_only) -> (cells, notes)

    def matches(self, columns: list[str]) -> bool:
        """Whether a table with these columns is in this convention."""
        return self.signature <= set(columns)
