"""Hostile workbooks: every .xlsx of at most 20 MB ends as a map or a clear message, in bounded memory and time.

An .xlsx is a zip of XML parts, so its 20 MB can inflate a thousandfold, reuse
one huge string in every cell, flood a sheet with empty elements, declare a
million rows, expand entities, link to other files, or simply be damaged. The
workbooks are made here part by part; each is read as the server reads it, in a
child process under the kernel's limits (tests/uploadcost.py), and the test asserts
the message and that no child held more than 1 GB in all or worked more than 10 CPU
seconds (issue 19's goal, and issue 31's), as the child's kernel counted them.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from strikes.intake import UploadError, read_upload, xlsxfile

REPO = Path(__file__).resolve().parents[2]
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEADER = ["event_id", "event_date", "workplace", "sector", "source", "latitude", "longitude"]
ROW = ["e1", "2020-08-10", "Grodno Azot", "chemicals", "Nasha Niva", "53.6758", "23.82887"]
MAX_PEAK_MB = 1024
MAX_CPU_S = 10.0


def cell(column: int, row: int, value: str) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    escaped = value.replace("&", "&amp;").replace("<", "&lt;")
    return f'<c r="{letters}{row}" t="inlineStr"><is><t>{escaped}</t></is></c>'


def sheet_xml(rows: Iterable[list[str]], before: str = "", prolog: str = "") -> str:
    body = "".join(
        f'<row r="{n}">' + "".join(cell(c, n, v) for c, v in enumerate(values, start=1)) + "</row>"
        for n, values in enumerate(rows, start=1)
    )
    return f'{prolog}<worksheet xmlns="{MAIN}">{before}<sheetData>{body}</sheetData></worksheet>'


def workbook(
    sheets: list[tuple[str, str]] | None = None,
    *,
    workbook_xml: str | None = None,
    extra: dict[str, str] | None = None,
    extra_rels: str = "",
    strings: str | None = None,
    streamed: dict[str, Iterable[bytes]] | None = None,
) -> bytes:
    """An .xlsx made part by part: ``sheets`` as (name, sheet XML); ``streamed`` parts written in chunks."""
    sheets = [("Strikes", sheet_xml([HEADER, ROW]))] if sheets is None else sheets
    entries = "".join(f'<sheet name="{name}" sheetId="{n}" r:id="rId{n}"/>' for n, (name, _) in enumerate(sheets, 1))
    rels = "".join(
        f'<Relationship Id="rId{n}" Type="{DOC}/worksheet" Target="worksheets/sheet{n}.xml"/>'
        for n in range(1, len(sheets) + 1)
    )
    if strings is not None:
        rels += f'<Relationship Id="rIdS" Type="{DOC}/sharedStrings" Target="sharedStrings.xml"/>'
    path = REPO / "out" / f"workbook-{os.getpid()}.tmp"  # a file of its own in each process of the suite
    path.parent.mkdir(exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr(
            "[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
        )
        book.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" '
            f'Type="{DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        book.writestr(
            "xl/workbook.xml",
            workbook_xml
            if workbook_xml is not None
            else f'<workbook xmlns="{MAIN}" xmlns:r="{DOC}"><sheets>{entries}</sheets></workbook>',
        )
        book.writestr("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{RELS}">{rels}{extra_rels}</Relationships>')
        for n, (_, xml) in enumerate(sheets, start=1):
            if f"xl/worksheets/sheet{n}.xml" not in (streamed or {}):
                book.writestr(f"xl/worksheets/sheet{n}.xml", xml)
        if strings is not None:
            book.writestr("xl/sharedStrings.xml", strings)
        for name, text in (extra or {}).items():
            book.writestr(name, text)
        for name, chunks in (streamed or {}).items():
            with book.open(name, "w", force_zip64=True) as part:
                for chunk in chunks:
                    part.write(chunk)
    data = path.read_bytes()
    path.unlink()
    return data


def repeated(head: str, unit: str, count: int, tail: str) -> Iterable[bytes]:
    """A part of ``count`` copies of ``unit`` between head and tail, made a megabyte at a time."""
    yield head.encode()
    block = unit.encode() * max(1, 2**20 // len(unit))
    per_block = max(1, 2**20 // len(unit))
    for _ in range(count // per_block):
        yield block
    yield unit.encode() * (count % per_block) + tail.encode()


def lying_directory(data: bytes, part: str, declared: int) -> bytes:
    """The workbook with ``part``'s inflated size given as ``declared`` in both of the zip's headers."""
    raw = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        info = book.getinfo(part)
    raw[info.header_offset + 22 : info.header_offset + 26] = declared.to_bytes(4, "little")  # local header
    start = 0
    while (start := raw.find(b"PK\x01\x02", start)) != -1:  # the central directory's entries
        name_length = int.from_bytes(raw[start + 28 : start + 30], "little")
        if raw[start + 46 : start + 46 + name_length].decode() == part:
            raw[start + 24 : start + 28] = declared.to_bytes(4, "little")
        start += 4
    return bytes(raw)


def shared_strings(*values: str) -> str:
    items = "".join(f"<si><t>{v}</t></si>" for v in values)
    return f'<sst xmlns="{MAIN}" count="{len(values)}" uniqueCount="{len(values)}">{items}</sst>'


def numbered(head: str, rows: int, row: str, tail: str) -> Iterable[bytes]:
    """A part of ``rows`` rows made from the template ``row`` ({n}: the row's number), a thousand at a time.

    Numbered rows compress as a real sheet does (tens of times, not thousands),
    so the limits past the zip's ratio check are the ones reached.
    """
    yield head.encode()
    for first in range(2, rows + 2, 1000):
        yield "".join(row.format(n=n) for n in range(first, min(first + 1000, rows + 2))).encode()
    yield tail.encode()


def sheet_of(rows: int, row: str, header: list[str]) -> Iterable[bytes]:
    head = f'<worksheet xmlns="{MAIN}"><sheetData><row r="1">'
    head += "".join(cell(c, 1, name) for c, name in enumerate(header, start=1)) + "</row>"
    return numbered(head, rows, row, "</sheetData></worksheet>")


def varied(length: int) -> str:
    """Text that does not compress away: a seeded walk over letters."""
    import random

    return "".join(random.Random(length).choices("abcdefghijklmnopqrstuvwxyz ", k=length))


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
    '<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>'
)


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[], bytes]  # the workbook, written when the sweep runs, not when the suite is collected
    says: str  # words the message must hold; "" when the workbook must load as a map


def cases() -> list[Case]:
    good = sheet_xml([HEADER, ROW])
    return [
        Case(
            "inflates-past-the-part-limit",
            lambda: workbook(
                streamed={
                    "xl/worksheets/sheet1.xml": repeated(
                        f'<worksheet xmlns="{MAIN}"><sheetData>', "<row/>", 40_000_000, "</sheetData></worksheet>"
                    )
                }
            ),
            "inflates to 240,000,112 bytes, more than the 160 MB a part may",
        ),
        Case(
            "inflates-a-thousandfold",
            lambda: workbook(
                streamed={
                    "xl/worksheets/sheet1.xml": repeated(
                        f'<worksheet xmlns="{MAIN}"><sheetData>', " ", 60_000_000, "</sheetData></worksheet>"
                    )
                }
            ),
            "times over, more than the 200 times of any real workbook",
        ),
        Case(
            "directory-lies-about-the-size",
            lambda: lying_directory(
                workbook([("S", sheet_xml([HEADER] + [ROW] * 20_000))]), "xl/worksheets/sheet1.xml", 1000
            ),
            "not a readable .xlsx workbook (part xl/worksheets/sheet1.xml): it is not a whole zip archive",
        ),
        Case(
            "one-megabyte-shared-string",
            lambda: workbook(
                [("S", "")],
                strings=shared_strings(varied(2**20)),
                streamed={
                    "xl/worksheets/sheet1.xml": sheet_of(
                        20_000,
                        '<row r="{n}"><c r="A{n}"><v>{n}</v></c><c r="B{n}" t="s"><v>0</v></c></row>',
                        ["event_id", "notes"],
                    )
                },
            ),
            "shared string 1 is 1,048,576 characters long, more than the 32,767",
        ),
        Case(
            "shared-string-used-by-every-cell",
            lambda: workbook(
                [("S", "")],
                strings=shared_strings(varied(30_000)),
                streamed={
                    "xl/worksheets/sheet1.xml": sheet_of(
                        20_000,
                        '<row r="{n}"><c r="A{n}"><v>{n}</v></c><c r="B{n}" t="s"><v>0</v></c></row>',
                        ["event_id", "notes"],
                    )
                },
            ),
            "the workbook's cells hold more than 64,000,000 characters",
        ),
        Case(
            "hundred-million-empty-elements",
            lambda: workbook(
                streamed={
                    "xl/worksheets/sheet1.xml": repeated(
                        f'<worksheet xmlns="{MAIN}"><sheetData>', "<c/>", 100_000_000, "</sheetData></worksheet>"
                    )
                }
            ),
            "more than the 160 MB a part may",
        ),
        Case(
            "cells-past-the-limit",
            lambda: workbook(
                streamed={
                    "xl/worksheets/sheet1.xml": sheet_of(
                        130_000,
                        '<row r="{n}">' + "".join(f"<c><v>{{n}}{c}</v></c>" for c in range(20)) + "</row>",
                        [f"c{c}" for c in range(20)],
                    )
                }
            ),
            "the workbook holds more than 2,500,000 cells with values",
        ),
        Case(
            "wide-rows-under-a-narrow-header",
            lambda: workbook(
                streamed={
                    "xl/worksheets/sheet1.xml": sheet_of(
                        20,
                        '<row r="{n}">' + "".join(f"<c><v>{{n}}{c}</v></c>" for c in range(16_384)) + "</row>",
                        HEADER + ["notes", "size"],
                    )
                }
            ),
            "row 2 has a value in column 201, past the 200 columns an upload may have",
        ),
        Case(
            "huge-declared-dimension",
            lambda: workbook([("S", sheet_xml([HEADER, ROW], before='<dimension ref="A1:XFD1048576"/>'))]),
            "",
        ),
        Case(
            "entity-expansion",
            lambda: workbook([("S", sheet_xml([HEADER, ROW], prolog=BILLION_LAUGHS))]),
            "its part xl/worksheets/sheet1.xml declares a document type, which no workbook needs",
        ),
        Case(
            "external-link",
            lambda: workbook(
                [("S", good.replace(cell(6, 2, "53.6758"), '<c r="F2"><f>[1]Sheet1!A1</f><v>53.6758</v></c>'))],
                extra={"xl/externalLinks/externalLink1.xml": f'<externalLink xmlns="{MAIN}"/>'},
                extra_rels=f'<Relationship Id="rIdX" Type="{DOC}/externalLinkPath" '
                'Target="http://evil.example/book.xlsx" TargetMode="External"/>',
            ),
            "",
        ),
        Case(
            "truncated-workbook-part",
            lambda: workbook(workbook_xml=f'<workbook xmlns="{MAIN}" xmlns:r="{DOC}"><sheets><sheet name="S" sh'),
            "not a readable .xlsx workbook (part xl/workbook.xml): its XML is not well formed at line 1, column 163 "
            "(the XML parser says: unclosed token); it may be damaged",
        ),
        Case(
            "control-character-in-a-sheet-name",
            lambda: workbook([("Da&#1;ta", good)]),
            "(part xl/workbook.xml): its XML is not well formed at line 1, column 178 "
            "(the XML parser says: reference to invalid character number)",
        ),
        Case("no-sheets", lambda: workbook([]), "the workbook has no worksheet to read"),
        Case(
            "styles-with-an-empty-fill",
            lambda: workbook(
                extra={
                    "xl/styles.xml": f'<styleSheet xmlns="{MAIN}"><fills count="1"><fill/></fills>'
                    "<cellXfs><xf/></cellXfs></styleSheet>"
                }
            ),
            "",
        ),
    ]


CASES = cases()  # named at collection; each workbook is written once, by the sweep (the largest take seconds)


@pytest.fixture(scope="module")
def costs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, object]]:
    folder = tmp_path_factory.mktemp("workbooks")
    paths = []
    for case in CASES:
        data = case.make()
        assert len(data) <= 20 * 2**20, case.name  # every case fits the upload limit
        path = folder / f"{case.name}.xlsx"
        path.write_bytes(data)
        paths.append(str(path))
    done = subprocess.run(
        [sys.executable, "-m", "tests.uploadcost", *paths],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    return {Path(line["file"]).stem: line for line in lines}


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_a_hostile_workbook_ends_as_a_map_or_a_clear_message_in_bounded_memory_and_time(
    case: Case, costs: dict[str, dict[str, Any]]
) -> None:
    cost = costs[case.name]
    if case.says:
        assert cost["outcome"] == "error", cost
        assert case.says in str(cost["message"])
    else:
        assert cost["outcome"] == "map", cost
    assert float(cost["peak_mb"]) < MAX_PEAK_MB, cost
    assert float(cost["cpu_s"]) < MAX_CPU_S, cost


def test_two_sheets_with_one_name_are_both_reachable_by_position() -> None:
    other = ["e2", "2020-10-26", "Naftan", "energy", "Nasha Niva", "55.52618", "28.59308"]
    data = workbook([("Data", sheet_xml([HEADER, ROW])), ("Data", sheet_xml([HEADER, other]))])
    assert xlsxfile.sheet_names(data, "w.xlsx") == ["Data", "Data"]
    assert read_upload(data, "w.xlsx", sheet=1)[0]["name"].tolist() == ["Naftan"]
    assert read_upload(data, "w.xlsx")[0]["name"].tolist() == ["Grodno Azot"]


def test_a_sheet_name_is_shown_with_its_characters_that_are_not_text_made_visible() -> None:
    data = workbook([("Strikes\u200b", sheet_xml([HEADER, ROW]))])
    assert xlsxfile.sheet_names(data, "w.xlsx") == ["Strikes\u200b"]


def test_the_clock_stops_a_slow_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsxfile, "MAX_SECONDS", 0.0)
    with pytest.raises(UploadError, match="takes more than 0 seconds of work to read"):
        read_upload(workbook(), "w.xlsx")


def test_a_long_bad_value_is_quoted_by_its_start_and_length() -> None:
    rows = [HEADER, ["e1", "x" * 20_000, *ROW[2:]]]
    with pytest.raises(UploadError) as caught:
        read_upload(workbook([("S", sheet_xml(rows))]), "w.xlsx")
    assert (
        str(caught.value) == f"w.xlsx: row 2, field event_date: {'x' * 80!r}… (20,000 characters) is not a date: "
        "write dates as YYYY-MM-DD (2020-08-10) or DD Month YYYY (10 August 2020)"
    )


def test_the_cells_are_counted_as_the_rows_end(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsxfile, "MAX_CELLS", 2 * len(HEADER))  # the header and one row, not a second
    read_upload(workbook([("S", sheet_xml([HEADER, ROW]))]), "w.xlsx")
    with pytest.raises(UploadError, match=f"the workbook holds more than {2 * len(HEADER)} cells with values"):
        read_upload(workbook([("S", sheet_xml([HEADER, ROW, ROW]))]), "w.xlsx")


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("007", "7"),
        ("5" * 5000, "5" * 5000),  # past the 4,300 digits Python's int() converts
        ("-12", "-12"),
        (" 12 ", "12"),
        ("3.0", "3"),
        ("1.50", "1.5"),
        ("1e3", "1000"),
        ("inf", "inf"),
        ("nan", "nan"),
        ("12abc", "12abc"),
    ],
)
def test_a_number_cell_reads_as_the_text_a_csv_would_hold(written: str, read: str) -> None:
    good = sheet_xml([[*HEADER, "notes"], [*ROW, "x"]])
    data = workbook([("S", good.replace(cell(8, 2, "x"), f'<c r="H2"><v>{written}</v></c>'))])
    frame, _ = xlsxfile.read_cells(data, "w.xlsx")
    assert frame.loc[2, "notes"] == read
