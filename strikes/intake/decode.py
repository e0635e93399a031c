"""An uploaded file's bytes as text, or a clear refusal: the first line of defence for every format.

Everything that is about the file rather than its rows is settled here, once
for CSV and GeoJSON alike: how large it may be, which encoding it is in (byte
order marks for UTF-8, UTF-16 and UTF-32; else UTF-8; else Windows Cyrillic),
its line endings (Windows, Unix and old Mac files read the same), and the
characters no cell may hold (NUL and other control characters, and unpaired
surrogates, which a JSON "\\ud800" escape can smuggle into a string and which
no page or file can encode).
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path
from typing import BinaryIO

import pandas as pd

from ..core.problems import ProblemsError
from ..core.quote import NOT_TEXT, printable
from .wording import Say, Unit, say

# Streamlit's own default upload cap is 200 MB; a strike list is a few hundred
# rows, so anything past this is almost certainly the wrong file (or a full ACLED
# export to trim), and reading it would hold the app for everyone.
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# ACLED's whole Europe file for 2020 is about 100,000 events; twice that still maps (see bench/).
MAX_ROWS = 200_000
MAX_COLUMNS = 200
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell: a longer value is a wrong file, not a quote
# BOMs in the order they must be tried: UTF-32-LE's begins with UTF-16-LE's.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF8, "utf-8-sig", say("with_bom")),
)


class UploadError(ProblemsError):
    """The uploaded file cannot be used; the message says where and how to fix it."""


def read_limited(data: bytes | BinaryIO | Path, label: str) -> bytes:
    """The file's bytes, refusing an oversized file before it is read into memory."""
    if isinstance(data, (bytes, bytearray, memoryview)):
        raw = bytes(data)
        too_big = len(raw) > MAX_UPLOAD_BYTES
    elif isinstance(data, Path):
        too_big = os.stat(data).st_size > MAX_UPLOAD_BYTES
        raw = b"" if too_big else data.read_bytes()
    else:
        raw = data.read(MAX_UPLOAD_BYTES + 1)
        too_big = len(raw) > MAX_UPLOAD_BYTES
    if too_big:
        raise UploadError([say("too_large", label=label, mb=MAX_UPLOAD_BYTES // 2**20)])
    return raw


def decode(raw: bytes, label: str) -> tuple[str, Say]:
    """Text with Unix line endings, and a note of the encoding it was read in; an empty file is refused.

    A byte-order mark decides; without one UTF-8 is tried, then cp1251:
    Belarusian and Russian sources are often saved by Windows as cp1251, which
    is not valid UTF-8 for any Cyrillic text, so trying UTF-8 first is safe.
    """
    text, note = None, say("read_as_utf8")
    for bom, codec, name in BOMS:
        if raw.startswith(bom):
            try:
                text, note = raw.decode(codec), say("read_as_bom", encoding=name)
            except UnicodeDecodeError:
                raise UploadError([say("bad_bom", label=label, encoding=name)]) from None
            break
    else:
        for codec, reading in (("utf-8", say("read_as_utf8")), ("cp1251", say("read_as_cp1251"))):
            try:
                text, note = raw.decode(codec), reading
                break
            except UnicodeDecodeError:
                continue
    if text is None:
        raise UploadError([say("not_text_file", label=label)])
    if "\x00" in text:
        raise UploadError([say("nul_bytes", label=label)])
    if not text.strip():
        raise UploadError([say("empty_file", label=label)])
    return text.replace("\r\n", "\n").replace("\r", "\n"), note


def check_size(rows: int, columns: int, label: str, unit: Unit) -> None:
    """Refuse a table past the row or column limit, before any row is checked."""
    if rows > MAX_ROWS:
        raise UploadError([say("too_many_rows", label=label, count=say(f"count_{unit}", n=rows), limit=MAX_ROWS)])
    if columns > MAX_COLUMNS:
        raise UploadError([say("too_many_columns", label=label, count=columns, limit=MAX_COLUMNS)])


def check_characters(frame: pd.DataFrame, label: str, unit: Unit) -> None:
    """Refuse cells (and column names) holding characters that are not text, or longer than a cell
    may be, naming each row and column."""
    problems = [
        say("column_not_text", label=label, number=number, found=found)
        for number, name in enumerate(frame.columns, start=1)
        if (found := not_text(name))
    ]
    for column in frame.columns:
        cells = frame[column].dropna()
        for row, cell in cells[cells.str.contains(NOT_TEXT)].items():
            at = cell_at(label, unit, row, printable(column))
            problems.append(say("problem", at=at, what=say("holds_not_text", found=not_text(cell))))
    if problems:
        raise UploadError(problems)
    check_lengths(frame, label, unit)


def check_lengths(frame: pd.DataFrame, label: str, unit: Unit) -> None:
    """Refuse cells (and column names) longer than a cell may be, naming each row and column.

    On its own where the characters are known to be text already (a CSV whose
    whole text was searched once), since the per-cell search is the costly part.
    """
    problems = [
        say("column_too_long", label=label, number=number, length=len(name), limit=MAX_CELL_CHARS)
        for number, name in enumerate(frame.columns, start=1)
        if len(name) > MAX_CELL_CHARS
    ]
    for column in frame.columns:
        cells = frame[column].dropna()
        for row, cell in cells[cells.str.len() > MAX_CELL_CHARS].items():
            at = cell_at(label, unit, row, printable(column))
            problems.append(say("problem", at=at, what=say("too_long", length=len(cell), limit=MAX_CELL_CHARS)))
    if problems:
        raise UploadError(problems)


def row_at(label: str, unit: Unit, row: object) -> Say:
    """Where one row is: 's.geojson: feature 3'."""
    return say("at_unit", label=label, unit=say(f"unit_{unit}"), row=row)


def cell_at(label: str, unit: Unit, row: object, column: str) -> Say:
    """Where one cell is: 's.csv: row 4, field sector'."""
    return say("at_one", label=label, unit=say(f"unit_{unit}"), row=row, field=column)


def not_text(value: str) -> Say | None:
    """The first character in ``value`` that no cell may hold, described; None when there is none."""
    found = NOT_TEXT.search(value)
    if found is None:
        return None
    char = found.group()
    return say("surrogate" if "\ud800" <= char <= "\udfff" else "control_character", code=f"{ord(char):04X}")
