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

from ..problems import ProblemsError
from ..quote import NOT_TEXT, printable

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
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8 (with a byte-order mark)"),
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
        raise UploadError(
            [
                f"{label}: the file is larger than the {MAX_UPLOAD_BYTES // 2**20} MB upload limit: "
                "split it, or delete the columns the map does not use, and try again"
            ]
        )
    return raw


def decode(raw: bytes, label: str) -> tuple[str, str]:
    """Text with Unix line endings, and a note of the encoding it was read in; an empty file is refused.

    A byte-order mark decides; without one UTF-8 is tried, then cp1251:
    Belarusian and Russian sources are often saved by Windows as cp1251, which
    is not valid UTF-8 for any Cyrillic text, so trying UTF-8 first is safe.
    """
    text, note = None, ""
    for bom, codec, name in BOMS:
        if raw.startswith(bom):
            try:
                text, note = raw.decode(codec), f"read as {name}"
            except UnicodeDecodeError:
                raise UploadError(
                    [
                        f"{label}: the file starts with a {name} byte-order mark "
                        f"but is not {name} text: save it as CSV UTF-8"
                    ]
                ) from None
            break
    else:
        for codec, reading in (
            ("utf-8", "read as UTF-8"),
            ("cp1251", "read as cp1251 (Windows Cyrillic): the file is not valid UTF-8"),
        ):
            try:
                text, note = raw.decode(codec), reading
                break
            except UnicodeDecodeError:
                continue
    if text is None:
        raise UploadError([f"{label}: the file is neither UTF-8, UTF-16, UTF-32 nor cp1251 text: save it as CSV UTF-8"])
    if "\x00" in text:
        raise UploadError(
            [
                f"{label}: the file holds NUL bytes, so it is not text "
                "(a spreadsheet, or UTF-16 without a byte-order mark?): save it as CSV UTF-8"
            ]
        )
    if not text.strip():
        raise UploadError([f"{label}: the file is empty"])
    return text.replace("\r\n", "\n").replace("\r", "\n"), note


def check_size(rows: int, columns: int, label: str, unit: str) -> None:
    """Refuse a table past the row or column limit, before any row is checked."""
    if rows > MAX_ROWS:
        raise UploadError(
            [
                f"{label}: the file has {rows:,} {unit}s, more than the {MAX_ROWS:,} an upload "
                "may have: split it by date or region and upload one part"
            ]
        )
    if columns > MAX_COLUMNS:
        raise UploadError(
            [
                f"{label}: the file has {columns:,} columns, more than the {MAX_COLUMNS} "
                "an upload may have: delete the columns the map does not use"
            ]
        )


def check_characters(frame: pd.DataFrame, label: str, unit: str) -> None:
    """Refuse cells (and column names) holding characters that are not text, or longer than a cell
    may be, naming each row and column."""
    problems = [
        f"{label}: the name of column {number} holds {found}, which is not text: delete it"
        for number, name in enumerate(frame.columns, start=1)
        if (found := not_text(name))
    ]
    for column in frame.columns:
        cells = frame[column].dropna()
        for row, cell in cells[cells.str.contains(NOT_TEXT)].items():
            problems.append(
                f"{label}: {unit} {row}, field {printable(column)}: holds {not_text(cell)}, "
                "which is not text: delete it"
            )
    if problems:
        raise UploadError(problems)
    check_lengths(frame, label, unit)


def check_lengths(frame: pd.DataFrame, label: str, unit: str) -> None:
    """Refuse cells (and column names) longer than a cell may be, naming each row and column.

    On its own where the characters are known to be text already (a CSV whose
    whole text was searched once), since the per-cell search is the costly part.
    """
    problems = [
        f"{label}: the name of column {number} is {len(name):,} characters long, "
        f"more than the {MAX_CELL_CHARS:,} a cell may hold"
        for number, name in enumerate(frame.columns, start=1)
        if len(name) > MAX_CELL_CHARS
    ]
    for column in frame.columns:
        cells = frame[column].dropna()
        for row, cell in cells[cells.str.len() > MAX_CELL_CHARS].items():
            problems.append(
                f"{label}: {unit} {row}, field {printable(column)}: is {len(cell):,} characters long, "
                f"more than the {MAX_CELL_CHARS:,} a cell may hold"
            )
    if problems:
        raise UploadError(problems)


def not_text(value: str) -> str | None:
    """The first character in ``value`` that no cell may hold, described; None when there is none."""
    found = NOT_TEXT.search(value)
    if found is None:
        return None
    char = found.group()
    kind = "an unpaired surrogate" if "\ud800" <= char <= "\udfff" else "a control character"
    return f"{kind} (U+{ord(char):04X})"
