"""An Excel workbook's sheet as a table of text, read with openpyxl (no formula is evaluated).

The first sheet is read unless one is chosen. A password-protected workbook
is not a zip archive at all (Excel wraps it in an encrypted OLE container),
so it is told apart from a broken one and the user is told which.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, time

import pandas as pd
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from .csvfile import column_key
from .decode import UploadError, check_size

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted .xlsx, and old .xls files


def sheet_names(raw: bytes, label: str) -> list[str]:
    return _workbook(raw, label).sheetnames


def _workbook(raw: bytes, label: str):  # noqa: ANN202 - openpyxl's Workbook
    if raw.startswith(OLE_MAGIC):
        raise UploadError([f"{label}: the workbook is password-protected, or an old .xls file: "
                           "open it in a spreadsheet, remove the password, and save it as .xlsx (or CSV UTF-8)"])
    try:
        return load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as exc:
        raise UploadError([f"{label}: not a readable .xlsx workbook ({type(exc).__name__}): "
                           "it may be damaged; save it again as .xlsx or as CSV UTF-8"]) from None


def _text(value: object) -> str | None:
    """A cell as text, as a CSV would hold it: whole numbers without '.0', dates as YYYY-MM-DD."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_cells(raw: bytes, label: str, sheet: str | None = None) -> tuple[pd.DataFrame, list[str]]:
    """The sheet's cells as text, indexed by spreadsheet row (the header is row 1), and a note of the sheet."""
    book = _workbook(raw, label)
    name = sheet or book.sheetnames[0]
    if name not in book.sheetnames:
        raise UploadError([f"{label}: there is no sheet {name!r} (the sheets are: {', '.join(book.sheetnames)})"])
    rows = book[name].iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        raise UploadError([f"{label}: the sheet {name!r} is empty"])
    records = []
    for record in rows:
        records.append([_text(v) for v in record])
        check_size(len(records), len(header), label, "row")
    book.close()
    columns = [column_key(h) if h is not None else "" for h in header]
    width = len(columns)
    frame = pd.DataFrame([(r + [None] * width)[:width] for r in records], columns=columns,
                         index=range(2, len(records) + 2), dtype="str")
    notes = [f"read the sheet {name!r}" + (f" (the workbook has {len(book.sheetnames)} sheets)" if len(book.sheetnames) > 1 else "")]
    return frame, notes
