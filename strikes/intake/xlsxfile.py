"""An Excel workbook's sheet as a table of text, read in bounded time and memory (no formula is evaluated).

An .xlsx is a zip of XML parts, and the 20 MB upload limit counts compressed
bytes: a part can inflate a thousandfold, one shared string can be referenced
by every cell, and a sheet can hold a hundred million empty elements or
declare a million rows. So the parts are read here with the zip module and
expat rather than through openpyxl (which pads rows out to the declared
dimension and materialises every cell): each part's inflated size and ratio is
checked in the zip's directory before it is read and counted again as it
streams (a directory can lie), no document type or entity is accepted, and
the elements, cells, characters and seconds a sheet costs are counted as it
is parsed; reading stops at the first limit with a message saying which.

A password-protected workbook is not a zip archive at all (Excel wraps it in
an encrypted OLE container), so it is told apart from a broken one.
"""

from __future__ import annotations

import io
import posixpath
import re
import time
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from xml.parsers import expat

import pandas as pd
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

from ..core.quote import excerpt, printable
from . import decode
from .contract import Cells, FileFormat
from .csvfile import column_key
from .decode import MAX_CELL_CHARS, UploadError, check_characters, check_size
from .wording import Say, say

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted .xlsx, and old .xls files
# What one upload's workbook may cost. A 200,000-row sheet of ten columns is about 60 MB of
# XML and 4 million elements; these leave it room and stop a bomb within seconds.
MAX_PART_BYTES = 160 * 2**20  # one part, inflated
MAX_RATIO = 200  # inflated / compressed, for parts over RATIO_FROM bytes (real sheets stay under 30)
RATIO_FROM = 2**20
MAX_CELLS = 2_500_000  # cells holding a value: about 4 s of work
MAX_TEXT_CHARS = 64_000_000  # all cells' text together, each use of a shared string counted
MAX_SECONDS = 8.0
CHUNK = 2**18
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
DATE_FORMAT_IDS = frozenset({*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)})
_C = f"{MAIN} c"
_CELLXFS = f"{MAIN} cellXfs"
_NUMFMT = f"{MAIN} numFmt"
_RPH = f"{MAIN} rPh"
_ROW = f"{MAIN} row"
_SHEET = f"{MAIN} sheet"
_SI = f"{MAIN} si"
_T = f"{MAIN} t"
_V = f"{MAIN} v"
_WORKBOOKPR = f"{MAIN} workbookPr"
_XF = f"{MAIN} xf"
_RELATIONSHIP = f"{PACKAGE_REL} Relationship"
_FRACTION = re.compile(r"[.eE]")


@dataclass(frozen=True)
class Sheet:
    """A sheet as the workbook lists it: its position (from 0) decides, since two sheets may share a name."""

    position: int
    name: str
    part: str


class _Budget:
    """The elements, cells, characters and seconds one upload's workbook may still spend."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.deadline = time.thread_time() + MAX_SECONDS  # this thread's CPU: other readers' load does not count
        self.cells = 0
        self.chars = 0

    def refuse(self, what: Say) -> UploadError:
        return UploadError([say("workbook_refused", label=self.label, what=what)])

    def spend(self, cells: int, chars: int) -> None:
        self.cells += cells
        self.chars += chars
        if self.cells > MAX_CELLS:
            raise self.refuse(say("too_many_cells", limit=MAX_CELLS))
        if self.chars > MAX_TEXT_CHARS:
            raise self.refuse(say("too_much_text", limit=MAX_TEXT_CHARS))

    def tick(self) -> None:
        if time.thread_time() > self.deadline:
            raise self.refuse(say("too_slow", seconds=f"{MAX_SECONDS:g}"))


class _Workbook:
    """The parts of one workbook, each read at most once, within the budget."""

    def __init__(self, raw: bytes, label: str) -> None:
        if raw.startswith(OLE_MAGIC):
            raise UploadError([say("protected", label=label)])
        self.label = label
        self.budget = _Budget(label)
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(raw))
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise damaged(label, exc) from None

    def has(self, part: str) -> bool:
        return part in self.zip.NameToInfo

    def stream(self, part: str) -> Iterator[bytes]:
        """The part's inflated bytes in chunks, refused past its declared size or the limits."""
        info = self.zip.NameToInfo.get(part)
        if info is None:
            raise damaged(self.label, KeyError(part))
        if info.file_size > MAX_PART_BYTES:
            raise self.budget.refuse(say("part_too_big", part=part, size=info.file_size, mb=MAX_PART_BYTES // 2**20))
        if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise self.budget.refuse(say("part_ratio", part=part, ratio=ratio, limit=MAX_RATIO))
        read = 0
        with self.zip.open(info) as stream:
            while chunk := stream.read(CHUNK):
                read += len(chunk)
                if read > min(info.file_size, MAX_PART_BYTES):  # the directory lied
                    raise self.budget.refuse(say("part_lied", part=part))
                self.budget.tick()
                yield chunk

    def parse(
        self,
        part: str,
        start: Callable[[str, dict[str, str]], None],
        end: Callable[[str], None] | None = None,
        text: Callable[[str], None] | None = None,
    ) -> None:
        """Run expat over the part with these handlers; no DTD, no entity.

        Empty elements cost time but no memory, so a flood of them is stopped by the
        budget's clock, checked between chunks of a quarter megabyte.
        """
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.buffer_text = True
        parser.buffer_size = 65536

        def no_doctype(*_: object) -> None:
            raise self.budget.refuse(say("part_doctype", part=part))

        parser.StartElementHandler = start
        parser.StartDoctypeDeclHandler = no_doctype
        parser.EntityDeclHandler = no_doctype
        if end is not None:
            parser.EndElementHandler = end
        if text is not None:
            parser.CharacterDataHandler = text
        try:
            for chunk in self.stream(part):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except expat.ExpatError as exc:
            raise damaged(self.label, exc, part) from None
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
            raise damaged(self.label, exc, part) from None

    def relationships(self, part: str) -> dict[str, tuple[str, str]]:
        """Id -> (type, target part) of the part's relationships; none when it has no .rels part."""
        folder, name = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", f"{name}.rels")
        found: dict[str, tuple[str, str]] = {}
        if not self.has(rels):
            return found

        def start(tag: str, attrs: dict[str, str]) -> None:
            if tag == _RELATIONSHIP and attrs.get("TargetMode") != "External":
                target = attrs.get("Target", "")
                path = (
                    target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
                )
                found[attrs.get("Id", "")] = (attrs.get("Type", "").rsplit("/", 1)[-1], path)

        self.parse(rels, start)
        return found


def damaged(label: str, exc: BaseException, part: str | None = None) -> UploadError:
    """The reader is told what is wrong in the map's words, never an exception's class name; the XML
    parser's own reason follows as a detail."""
    where = say("in_part", part=part) if part else ""
    return UploadError([say("damaged", label=label, why=damage(exc), where=where)])


def damage(exc: BaseException) -> Say:
    if isinstance(exc, expat.ExpatError):
        return say("why_xml", line=exc.lineno, column=exc.offset + 1, detail=expat.ErrorString(exc.code))
    if isinstance(exc, (zipfile.BadZipFile, ValueError)):  # ValueError: zipfile on a broken directory
        return say("why_zip")
    if isinstance(exc, KeyError):
        return say("why_part_missing")
    if isinstance(exc, NotImplementedError):
        return say("why_packing")
    if isinstance(exc, RuntimeError):  # zipfile's answer to a part that needs a password
        return say("why_encrypted")
    return say("why_ends_early")  # OSError, EOFError: the file stops inside a part


@dataclass(frozen=True)
class _Contents:
    """What the workbook part says: its sheets in order, its other parts by kind, its calendar."""

    book: _Workbook
    sheets: list[Sheet]
    parts: dict[str, str]
    date1904: bool


@contextmanager
def _opened(raw: bytes, label: str) -> Iterator[_Contents]:
    book = _Workbook(raw, label)
    main = next((path for kind, path in book.relationships("").values() if kind == "officeDocument"), "xl/workbook.xml")
    targets = book.relationships(main)
    sheets: list[Sheet] = []
    flags = {"date1904": False}

    def start(tag: str, attrs: dict[str, str]) -> None:
        if tag == _SHEET:
            target = targets.get(attrs.get(f"{REL} id", ""))
            if target is not None and target[0] == "worksheet":
                sheets.append(Sheet(len(sheets), attrs.get("name", ""), target[1]))
        elif tag == _WORKBOOKPR:
            flags["date1904"] = attrs.get("date1904", "").lower() in ("1", "true")

    book.parse(main, start)
    if not sheets:
        raise UploadError([say("no_worksheet", label=label)])
    try:
        yield _Contents(book, sheets, {kind: path for kind, path in targets.values()}, flags["date1904"])
    finally:
        book.zip.close()


def sheet_names(raw: bytes, label: str) -> list[str]:
    """The sheets' names in order, characters that are not text shown as U+FFFD (two may be the same)."""
    with _opened(raw, label) as contents:
        return [printable(sheet.name) for sheet in contents.sheets]


def _shared_strings(book: _Workbook, part: str | None) -> list[str]:
    strings: list[str] = []
    if part is None:
        return strings
    state = {"phonetic": False, "in_text": False}
    pieces: list[str] = []

    def start(tag: str, _: dict[str, str]) -> None:
        if tag == _SI:
            pieces.clear()
        elif tag == _RPH:
            state["phonetic"] = True
        elif tag == _T:
            state["in_text"] = not state["phonetic"]

    def end(tag: str) -> None:
        if tag == _SI:
            value = "".join(pieces)
            if len(value) > MAX_CELL_CHARS:
                raise book.budget.refuse(
                    say("shared_string_too_long", number=len(strings) + 1, length=len(value), limit=MAX_CELL_CHARS)
                )
            book.budget.spend(0, len(value))
            strings.append(value)
        elif tag == _RPH:
            state["phonetic"] = False
        elif tag == _T:
            state["in_text"] = False

    def text(data: str) -> None:
        if state["in_text"]:
            pieces.append(data)

    book.parse(part, start, end, text)
    book.budget.chars = 0  # counted again as the cells use them
    return strings


def _date_styles(book: _Workbook, part: str | None) -> frozenset[int]:
    """The positions of the cell styles whose number format shows a date."""
    if part is None:
        return frozenset()
    custom: dict[int, str] = {}
    formats: list[int] = []
    state = {"in_xfs": False}

    def start(tag: str, attrs: dict[str, str]) -> None:
        if tag == _NUMFMT:
            try:
                custom[int(attrs.get("numFmtId", ""))] = attrs.get("formatCode", "")
            except ValueError:
                pass
        elif tag == _CELLXFS:
            state["in_xfs"] = True
        elif tag == _XF and state["in_xfs"]:
            try:
                formats.append(int(attrs.get("numFmtId", "0")))
            except ValueError:
                formats.append(0)

    def end(tag: str) -> None:
        if tag == _CELLXFS:
            state["in_xfs"] = False

    book.parse(part, start, end)
    return frozenset(
        position
        for position, number in enumerate(formats)
        if number in DATE_FORMAT_IDS
        or (number in custom and is_date_format(custom[number]))
        or (number not in custom and is_date_format(BUILTIN_FORMATS.get(number, "General")))
    )


class _SheetReader:
    """The sheet's valued cells as text by row number, counted against the limits as they are parsed.

    Its handlers run for every element of the sheet, so they are kept lean.
    """

    def __init__(self, book: _Workbook, strings: list[str], dates: frozenset[int], date1904: bool) -> None:
        self.book, self.strings, self.dates = book, strings, dates
        self.calendar = CALENDAR_MAC_1904 if date1904 else CALENDAR_WINDOWS_1900
        self.rows: dict[int, dict[int, str]] = {}
        self._row = 0
        self._cells: dict[int, str] = {}
        self._cell: tuple[int, str, str | None] | None = None  # (column, type, style)
        self._value = ""  # a value's text: one piece but where a chunk of the file ends inside it
        self._in_value = False
        self._next_column = 1
        self._columns: dict[str, int] = {}

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == _C:
            reference = attrs.get("r")
            if reference:
                letters = reference.rstrip("0123456789")
                column = self._columns.get(letters) or self._columns.setdefault(letters, _column_number(letters))
            else:
                column = self._next_column
            self._next_column = column + 1
            self._cell = (column, attrs.get("t", "n"), attrs.get("s"))
            self._value = ""
        elif tag == _V or tag == _T:
            self._in_value = self._cell is not None
        elif tag == _ROW:
            self._row = _number(attrs.get("r")) or self._row + 1
            self._next_column = 1
            self._cells = {}

    def text(self, data: str) -> None:
        if self._in_value:
            self._value += data

    def end(self, tag: str) -> None:
        if tag == _C:
            if self._value and self._cell is not None:
                self._store(self._cell, self._value)
            self._cell = None
        elif tag == _V or tag == _T:
            self._in_value = False
        elif tag == _ROW and self._cells:  # counted by the row: a row holds at most MAX_COLUMNS cells
            self.book.budget.spend(len(self._cells), sum(map(len, self._cells.values())))
            self.rows[self._row] = self._cells
            check_size(len(self.rows) - 1, 0, self.book.label, "row")  # the first row is the header

    def _store(self, cell: tuple[int, str, str | None], raw: str) -> None:
        column, kind, style = cell
        if column > decode.MAX_COLUMNS:
            raise UploadError(
                [
                    say(
                        "column_past_limit",
                        label=self.book.label,
                        row=self._row,
                        column=column,
                        limit=decode.MAX_COLUMNS,
                    )
                ]
            )
        value = self._text(raw, kind, style)
        if len(value) > MAX_CELL_CHARS:
            raise UploadError(
                [
                    say(
                        "cell_too_long",
                        label=self.book.label,
                        row=self._row,
                        column=column,
                        length=len(value),
                        limit=MAX_CELL_CHARS,
                    )
                ]
            )
        self._cells[column] = value

    def _text(self, raw: str, kind: str, style: str | None) -> str:
        """A cell as text, as a CSV would hold it: whole numbers without '.0', dates as YYYY-MM-DD."""
        if kind == "s":
            index = _number(raw)
            if index is None or not 0 <= index < len(self.strings):
                raise UploadError(
                    [say("missing_shared_string", label=self.book.label, row=self._row, index=excerpt(raw))]
                )
            return self.strings[index]
        if kind == "b":
            return "True" if raw.strip() in ("1", "true") else "False"
        if kind != "n":  # str, inlineStr, e (an error such as #N/A), d (an ISO date)
            return raw
        dated = style is not None and bool(self.dates) and _number(style) in self.dates
        if not dated and raw.isascii() and raw.isdigit():  # most cells: a whole number, kept exact at any length
            return raw.lstrip("0") or "0"
        try:
            number = float(raw)
        except ValueError:
            return raw
        if dated and 0 <= number < 2_958_466:  # up to 9999-12-31
            moment = from_excel(number, self.calendar)
            if isinstance(moment, datetime):
                return moment.date().isoformat() if moment.time() == datetime.min.time() else moment.isoformat()
            return str(moment)
        if not _FRACTION.search(raw):  # a signed integer
            try:
                return str(int(raw))
            except ValueError:  # inf, nan, or more digits than Python converts: the file's own text
                return raw.strip()
        return str(int(number)) if number.is_integer() else str(number)


def _number(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def read_cells(raw: bytes, label: str, sheet: int | None = None) -> tuple[pd.DataFrame, list[Say]]:
    """The sheet's cells as text, indexed by spreadsheet row (the header is the first row with a value),
    and a note of the sheet; ``sheet`` is a position from 0 (the first when None)."""
    with _opened(raw, label) as contents:
        sheets, book = contents.sheets, contents.book
        position = sheet or 0
        if not 0 <= position < len(sheets):
            raise UploadError([say("no_such_sheet", label=label, number=position + 1, count=len(sheets))])
        chosen = sheets[position]
        reader = _SheetReader(
            book,
            _shared_strings(book, contents.parts.get("sharedStrings")),
            _date_styles(book, contents.parts.get("styles")),
            contents.date1904,
        )
        book.parse(chosen.part, reader.start, reader.end, reader.text)
    name = printable(chosen.name)
    if not reader.rows:
        raise UploadError([say("empty_sheet", label=label, name=excerpt(name))])
    numbers = sorted(reader.rows)
    header_row = reader.rows[numbers[0]]
    width = max(max(cells) for cells in reader.rows.values())
    columns = [column_key(header_row[n]) if n in header_row else "" for n in range(1, width + 1)]
    frame = pd.DataFrame(
        [[reader.rows[r].get(n) for n in range(1, width + 1)] for r in numbers[1:]],
        columns=columns,
        index=numbers[1:],
        dtype="str",
    )
    if len(sheets) > 1:
        return frame, [say("read_sheet_of", name=excerpt(name), count=len(sheets))]
    return frame, [say("read_sheet", name=excerpt(name))]


def read(raw: bytes, label: str, sheet: int | None = None) -> Cells:
    """The chosen sheet's cells, checked (a shared string is text from the file, like any cell)."""
    frame, notes = read_cells(raw, label, sheet)
    check_characters(frame, label, "row")
    return Cells(frame, "row", notes)


FORMAT = FileFormat("Excel workbook", say("format_xlsx"), (".xlsx",), read, sheet_names)
