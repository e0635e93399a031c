"""The export package's shape: one registry that the app's row and the command line both list, writers
whose output is exactly their rows, and a browser that only the PNG loads."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pandas.testing as pdt
import pytest
from streamlit.testing.v1 import AppTest

from strikes import export
from strikes.core import i18n, schema
from strikes.core.dataname import DataName
from strikes.core.filters import Filters, apply
from strikes.core.i18n import Lang
from strikes.export import cli, pngfile, registry
from strikes.intake.ownexport import read_csv_export

from ..factories import SMALL, make_events

ROOT = Path(__file__).resolve().parents[2]
EN = Lang("en")


# --------------------------------------------------------------------------
# The registry, the app's row and the command line


def test_every_format_is_registered_once_and_the_media_types_and_sizes_come_from_it() -> None:
    keys = [fmt.key for fmt in registry.FORMATS]
    assert keys == ["csv", "geojson", "html", "png", "pdf", "svg"]  # the data first, then the snapshots
    for field in ("key", "media_type", "suffix", "label"):
        values = [getattr(fmt, field) for fmt in registry.FORMATS]
        assert len(set(values)) == len(values), field
    assert export.MEDIA_TYPES == {fmt.key: fmt.media_type for fmt in registry.FORMATS}
    assert list(export.MEDIA_TYPES) == keys
    assert export.PNG_SIZES is registry.format_for("png").sizes is pngfile.SIZES
    assert [fmt.key for fmt in registry.FORMATS if fmt.needs_chromium] == ["png", "pdf", "svg"]
    assert list(registry.format_for("pdf").sizes) == list(registry.format_for("svg").sizes) == ["a4", "a3"]


def test_the_command_line_offers_exactly_the_registrys_formats_and_sizes() -> None:
    actions = {action.dest: action for action in cli.parser()._actions}
    assert actions["format"].choices == [fmt.key for fmt in registry.FORMATS]
    assert actions["size"].choices == ["view", "social", "print", "a4", "a3"]
    assert "--width-mm" in actions["width_mm"].option_strings
    assert actions["public_url"].option_strings == ["--public-url", "--url"]


def test_the_apps_export_row_offers_exactly_the_registrys_formats_in_the_readers_language() -> None:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.query_params["lang"] = "be"
    app.run()
    assert not app.exception
    buttons = [element.proto.label for element in app.get("download_button")]
    assert buttons == [i18n.t(Lang("be"), fmt.label) for fmt in registry.FORMATS]
    assert buttons[0] == "CSV (акцыі)"  # the words are the reader's, not the English ones


def test_an_unknown_format_or_size_is_refused_naming_the_ones_there_are(events: pd.DataFrame) -> None:
    with pytest.raises(
        export.ExportError, match=r"unknown format 'tiff'; choose from: csv, geojson, html, png, pdf, svg"
    ):
        export.export("tiff", Filters(), events, lang=EN, name=DataName())
    with pytest.raises(export.ExportError, match=r"png has no size 'huge'; choose from: view, social, print"):
        export.export("png", Filters(), events, lang=EN, name=DataName(), size="huge")
    with pytest.raises(export.ExportError, match=r"pdf has no size 'a5'; choose from: a4, a3"):
        export.export("pdf", Filters(), events, lang=EN, name=DataName(), size="a5")
    with pytest.raises(export.ExportError, match=r"a page 5 mm wide cannot be made; give a width from 30 to 1200 mm"):
        export.export("pdf", Filters(), events, lang=EN, name=DataName(), width_mm=5)
    assert registry.format_for("png").size("") is None  # the first, the reader's own view
    assert registry.format_for("png").size("print") == (1200, 675, 2)


def test_a_map_picture_of_sites_without_a_place_is_refused_before_chromium_starts() -> None:
    small = make_events(*SMALL)
    with pytest.raises(export.ExportError, match="none of the matching actions has a place on the map"):
        export.export("png", Filters(sector=("health",)), small, lang=EN, name=DataName())


# --------------------------------------------------------------------------
# The browser, loaded only for a picture


def loaded_modules(code: str) -> list[str]:
    """The browser modules loaded after running ``code`` in a fresh interpreter."""
    probe = (
        f"{code}\nimport sys\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'playwright' or m == 'strikes.export.browser'))"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT)
    return list(json.loads(run.stdout.strip().splitlines()[-1].replace("'", '"')))


def test_exporting_a_csv_geojson_or_html_loads_no_browser(tmp_path: Path) -> None:
    code = f"""
import strikes.export as export
from strikes.core.dataname import DataName
from strikes.core.filters import Filters
from strikes.core.i18n import Lang
from strikes.data.dataset import load_events
events = load_events()
for fmt in ("csv", "geojson", "html"):
    assert export.export(fmt, Filters(), events, lang=Lang("en"), name=DataName())
assert export.main(["csv", "--sector", "mining", "-o", {str(tmp_path / "m.csv")!r}]) == 0
"""
    assert loaded_modules(code) == []
    assert (tmp_path / "m.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # the probe did run the command line


def test_the_probe_sees_the_browser_once_it_is_loaded() -> None:
    """The check above can fail: the same probe after the PNG's browser module is loaded names Playwright."""
    loaded = loaded_modules("import strikes.export.browser")
    assert "strikes.export.browser" in loaded and "playwright.sync_api" in loaded


# --------------------------------------------------------------------------
# The writers' output, exactly


def test_the_csv_of_a_small_frame_is_exactly_its_rows() -> None:
    events = make_events(
        {
            "event_id": "a1",
            "site_id": "mtz",
            "sector": "manufacturing",
            "wave": "august",
            "date": pd.Timestamp("2020-08-10"),
        },
        {
            "event_id": "a2",
            "site_id": "docs",
            "sector": "health",
            "wave": "august",
            "date_start": pd.Timestamp("2020-08-11 14:30"),  # a time of day is kept
            "date_end": pd.Timestamp("2020-08-12"),
            "quote": '=HYPERLINK("http://evil.example/")',
            "lat": None,
            "lon": None,
            "precision": None,
            "town": None,
            "oblast": None,
        },
    )
    data = export.to_csv(events)
    assert data.startswith(b"\xef\xbb\xbf" + ",".join(schema.EVENT_COLUMNS).encode() + b"\r\n")
    assert data.count(b"\r\n") == 3 and b"\n" not in data.replace(b"\r\n", b"")
    written = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    expected = pd.DataFrame(
        {
            "event_id": ["a1", "a2"],
            "name": ["MTZ", "DOCS"],
            "town": ["Minsk", ""],
            "lat": ["53.9", ""],
            "date_start": ["2020-08-10", "2020-08-11T14:30:00"],
            "date_end": ["2020-08-10", "2020-08-12"],
            "quote": ["a quote", '\'=HYPERLINK("http://evil.example/")'],  # inert in a spreadsheet
            "is_group": ["False", "False"],
        }
    )
    pdt.assert_frame_equal(written[list(expected.columns)], expected, check_exact=True)
    pdt.assert_frame_equal(read_csv_export(data), events, check_exact=True)  # and back, time and formula too


def test_the_geojson_of_a_small_frame_is_exactly_its_sites() -> None:
    events = make_events(
        {"event_id": "a1", "site_id": "mtz", "sector": "manufacturing", "wave": "august", "date": "2020-08-10"},
        {
            "event_id": "n1",
            "site_id": "mtz",
            "sector": "manufacturing",
            "wave": "november",
            "date": "2020-10-26",
            "lat": 53.9,
            "lon": 27.5712345678,
        },
        {
            "event_id": "a2",
            "site_id": "uni",
            "sector": "education",
            "wave": "august",
            "date": "2020-08-11",
            "is_group": True,
            "lat": None,
            "lon": None,
            "precision": None,
        },
    )

    def action(event_id: str, wave: str, day: str) -> dict[str, object]:
        return {
            "event_id": event_id,
            "wave": wave,
            "date_start": day,
            "date_end": day,
            "time_precision": 1,
            "action_type": "strike",
            "size": None,
            "source_id": "src",
            "source_title": "A source",
            "source_url": "https://example.org/",
            "quote": "a quote",
            "notes": None,
        }

    def site(site_id: str, sector: str, is_group: bool, precision: str | None) -> dict[str, object]:
        return {
            "site_id": site_id,
            "name": site_id.upper(),
            "local_name": None,
            "sector": sector,
            "town": "Minsk",
            "oblast": "Minsk City",
            "is_group": is_group,
            "precision": precision,
            "geocode_source": "test",
            "site_notes": None,
        }

    assert json.loads(export.to_geojson_bytes(events)) == {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": "mtz",
                "geometry": {"type": "Point", "coordinates": [27.57, 53.9]},  # the first action's row: [lon, lat]
                "properties": {
                    **site("mtz", "manufacturing", False, "town"),
                    "actions": [action("a1", "august", "2020-08-10"), action("n1", "november", "2020-10-26")],
                },
            }
        ],
        "unlocated": [
            {**site("uni", "education", True, None), "actions": [action("a2", "august", "2020-08-11")]},
        ],
    }


def test_an_export_is_its_formats_writer_of_the_filtered_rows() -> None:
    small = make_events(*SMALL)
    mining = Filters(sector=("mining", "chemicals"))
    shown = apply(small, mining)
    csv = export.export("csv", mining, small, lang=EN, name=DataName())
    pdt.assert_frame_equal(read_csv_export(csv), shown.reset_index(drop=True), check_exact=True)
    geojson = export.export("geojson", mining, small, lang=EN, name=DataName())
    assert [f["id"] for f in json.loads(geojson)["features"]] == ["azot", "kali"]
    assert geojson == export.to_geojson_bytes(shown)
