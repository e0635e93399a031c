"""Snapshots fit for print and social (issue 34): nothing cropped, nothing over a marker, vector PDF and SVG.

Every picture here is made by the exports' own Chromium (strikes.export.drawn), one at a time: Playwright's
sync API runs one browser per thread, so these tests never hold the module's browser while a picture is made.
The pictures are written to build/shots/print/ for a person to look at.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import pandas as pd
import pytest

from strikes import export
from strikes.core.compare import wave_pair
from strikes.core.dataname import DataName
from strikes.core.filters import Filters, apply
from strikes.core.i18n import Lang
from strikes.export import pngfile
from strikes.export.browser import block_network, open_browser
from strikes.export.contract import Request
from strikes.export.drawn import COUNTS_LINE, MARKERS, drawn_page
from strikes.export.snapshot import actions_in_view, page_for
from strikes.page import mapview
from strikes.page.assets import standalone_html
from strikes.page.mapview import View

from ..conftest import require

pytestmark = pytest.mark.own_playwright  # starts Playwright's sync API itself (tests/conftest.SharedChromium)

SHOTS = Path(__file__).resolve().parents[2] / "build" / "shots" / "print"
EN = Lang("en")
AUGUST_MANUFACTURING = Filters(wave=("august",), sector=("manufacturing",))
# The reader: a laptop's map over central and southern Belarus, Baranavichy near its bottom edge.
READER = View(53.0, 27.0, 8, width=1100, height=640)
MINSK = View(53.9, 27.57, 11, width=900, height=620)  # closer in: the filters match more than it shows


@pytest.fixture(scope="module")
def poppler(chromium: str) -> str:
    """poppler-utils' tools, which read the PDF back (CI's .ci/run installs them)."""
    found = shutil.which("pdfimages")
    return require(found, "poppler-utils is not installed (apt-get install poppler-utils); .ci/run installs it")


def run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def request(events: pd.DataFrame, view: View | None, filters: Filters = AUGUST_MANUFACTURING) -> Request:
    return Request(filters, events, apply(events, filters), EN, DataName(), wave_pair(events), view=view)


MEASURE = """([markers, counts]) => {
    const box = (e) => { const r = e.getBoundingClientRect(); return {left: r.left, top: r.top, right: r.right,
                                                                      bottom: r.bottom}; };
    const map = document.querySelector(".leaflet-container");
    return {map: box(map), markers: [...map.querySelectorAll(markers)].map(box),
            notes: [...document.querySelectorAll(".strike-foot .leaflet-control-scale, .strike-foot .leaflet-control-attribution")].length,
            inMap: map.querySelectorAll(".leaflet-control-scale, .leaflet-control-attribution").length,
            counts: document.querySelector(counts).textContent};
}"""


def cut(marker: dict[str, float], frame: dict[str, float]) -> bool:
    """A marker partly inside the map and partly out: cut at the edge."""
    meets = (
        marker["right"] > frame["left"]
        and marker["left"] < frame["right"]
        and marker["bottom"] > frame["top"]
        and marker["top"] < frame["bottom"]
    )
    inside = (
        marker["left"] >= frame["left"] - 0.5
        and marker["right"] <= frame["right"] + 0.5
        and marker["top"] >= frame["top"] - 0.5
        and marker["bottom"] <= frame["bottom"] + 0.5
    )
    return meets and not inside


@pytest.mark.parametrize("width, height", [(1200, 675), (1123, 793), (900, 1200)])
def test_a_snapshot_of_another_shape_holds_the_readers_whole_view_and_cuts_no_marker(
    chromium: str, events: pd.DataFrame, width: int, height: int
) -> None:
    """A social card, an A4 page and a tall page: the reader's view inside, their centre kept, no marker
    across the edge, and the title counting what the map shows."""
    asked = request(events, READER)
    with drawn_page(page_for(asked), width, height, recount=pngfile.recount_for(asked)) as page:
        bounds = page.evaluate("() => window.strikeSnapshot.fit()")
        centre = page.evaluate("() => { const c = window.strikeSnapshot.centre(); return [c.lat, c.lng]; }")
        drawn = page.evaluate(MEASURE, [MARKERS, COUNTS_LINE])
    (south, west), (north, east) = READER.bounds()
    assert bounds[0][0] <= south and bounds[0][1] <= west and bounds[1][0] >= north and bounds[1][1] >= east
    assert centre == pytest.approx([READER.lat, READER.lon], abs=1e-3)
    assert drawn["markers"] and not [m for m in drawn["markers"] if cut(m, drawn["map"])]
    assert drawn["notes"] == 2 and drawn["inMap"] == 0  # the scale bar and the credits under the map, not on it
    shown = actions_in_view(asked.shown, bounds)
    everything = asked.shown["site_id"].nunique()
    if shown["site_id"].nunique() == everything:
        assert f"{everything} sites, {len(asked.shown)} actions" in drawn["counts"]
    else:
        assert f"{shown['site_id'].nunique()} of {everything} sites in this view" in drawn["counts"]


def test_a_view_closer_than_the_data_says_how_many_of_the_sites_it_shows(chromium: str, events: pd.DataFrame) -> None:
    asked = request(events, MINSK, Filters())
    png = export.export("png", Filters(), events, view=MINSK, size="social", lang=EN, name=DataName())
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / "social-minsk.png").write_bytes(png)
    with drawn_page(page_for(asked), 1200, 675, recount=pngfile.recount_for(asked)) as page:
        counts = page.evaluate("(selector) => document.querySelector(selector).textContent", COUNTS_LINE)
    match = re.search(r"(\d+) of 44 sites in this view, (\d+) of 50 actions", counts)
    assert match, counts
    assert 0 < int(match[1]) < 44 and 0 < int(match[2]) < 50


@pytest.fixture(scope="module")
def pdf(chromium: str, events: pd.DataFrame) -> Iterator[bytes]:
    made = export.export("pdf", AUGUST_MANUFACTURING, events, view=READER, lang=EN, name=DataName(), size="a4")
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / "a4.pdf").write_bytes(made)
    yield made


def test_the_pdf_is_one_a4_page_of_vectors_with_selectable_text_and_embedded_fonts(
    pdf: bytes, poppler: str, events: pd.DataFrame
) -> None:
    path = SHOTS / "a4.pdf"
    info = run("pdfinfo", str(path))
    assert "Pages:           1" in info
    assert re.search(r"Page size:\s+841\.\d+ x 595\.\d+ pts \(A4\)", info), info
    assert "Title:           The 2020 Belarusian strikes — Wave: August; Sector: manufacturing" in info
    images = run("pdfimages", "-list", str(path)).splitlines()[2:]
    assert images == []  # no bitmap anywhere: no canvas, no blurred shadow, no raster marker
    fonts = run("pdffonts", str(path)).splitlines()[2:]
    assert fonts and all(" yes " in line.split("Identity-H")[-1] or "Type 3" in line for line in fonts)
    text = run("pdftotext", "-layout", str(path), "-")
    assert "The 2020 Belarusian strikes" in text and "Sector: manufacturing" in text
    assert "Minsk Tractor Works" in text and "Minsk" in text  # a site's name, and a town label on the map
    assert "Sources" in text and "leftcom.org" in text
    run("pdftoppm", "-r", "80", "-png", "-singlefile", str(path), str(SHOTS / "a4"))
    assert (SHOTS / "a4.png").stat().st_size > 20_000


@pytest.mark.parametrize(
    "size, width_mm, page",
    [("a3", None, r"119\d\.\d+ x 841\.\d+ pts \(A3\)"), ("", 90.0, r"25[56]\.\d+ x \d+(\.\d+)? pts")],
)
def test_a3_and_a_newspaper_column(
    chromium: str, poppler: str, events: pd.DataFrame, size: str, width_mm: float | None, page: str
) -> None:
    made = export.export(
        "pdf", AUGUST_MANUFACTURING, events, view=READER, lang=EN, name=DataName(), size=size, width_mm=width_mm
    )
    path = SHOTS / f"{size or 'column'}.pdf"
    path.write_bytes(made)
    info = run("pdfinfo", str(path))
    assert "Pages:           1" in info and re.search(page, info), info
    assert run("pdfimages", "-list", str(path)).splitlines()[2:] == []
    run("pdftoppm", "-r", "80", "-png", "-singlefile", str(path), str(SHOTS / (size or "column")))


def test_the_svg_is_a_standalone_vector_page(chromium: str, poppler: str, events: pd.DataFrame) -> None:
    made = export.export("svg", AUGUST_MANUFACTURING, events, view=READER, lang=EN, name=DataName())
    (SHOTS / "a4.svg").write_bytes(made)
    root = ElementTree.fromstring(made)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert float(root.get("width", "").removesuffix("pt")) == pytest.approx(841.92, abs=0.1)  # A4, landscape
    assert float(root.get("height", "").removesuffix("pt")) == pytest.approx(595.92, abs=0.1)
    assert not list(root.iter("{http://www.w3.org/2000/svg}image"))  # no bitmap
    assert b"http://" not in made.replace(b"http://www.w3.org/", b"")  # nothing fetched from elsewhere
    assert len(list(root.iter("{http://www.w3.org/2000/svg}path"))) > 200  # the base map's shapes, the markers
    assert len(list(root.iter("{http://www.w3.org/2000/svg}use"))) > 500  # each letter, a glyph of an embedded font


def test_the_scale_bar_and_credits_leave_a_corner_that_would_cover_a_marker(
    chromium: str, events: pd.DataFrame, tmp_path: Path
) -> None:
    """The app's map (not a snapshot): pan a marker under the scale bar's corner, and the bar moves off it."""
    waves = wave_pair(events)
    page_file = tmp_path / "map.html"
    page_file.write_text(standalone_html(mapview.build_map(events, waves, lang=EN), lang=EN), encoding="utf-8")
    with open_browser() as browser:
        page = browser.new_page(viewport={"width": 1000, "height": 700})
        block_network(page)
        page.goto(page_file.as_uri())
        page.wait_for_selector(MARKERS, timeout=20_000)
        measured = page.evaluate(
            """async (markers) => {
                const map = Object.values(window).find((v) => v instanceof L.Map);
                const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
                const scale = document.querySelector(".leaflet-control-scale");
                const home = scale.parentNode;
                const at = scale.getBoundingClientRect(), box = map.getContainer().getBoundingClientRect();
                // Brest (a lone marker) to the middle of the scale bar's place, at zoom 9; again if the map's own
                // opening fit, when it comes late (as it may on a loaded machine), took the view back
                const spot = L.point(at.left + at.width / 2 - box.left, at.top + at.height / 2 - box.top);
                const boxes = (s) => [...document.querySelectorAll(s)].map((e) => e.getBoundingClientRect());
                const hits = (a, list) => list.some((b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom);
                const beneath = () => boxes(markers).filter((m) => m.left < at.right && at.left < m.right && m.top < at.bottom && at.top < m.bottom);
                let under = [];
                for (let tries = 0; tries < 50 && under.length === 0; tries += 1) {
                    if (map.getZoom() !== 9 || tries === 0) {
                        map.setView([52.0976, 23.7341], 9, {animate: false});
                        map.panBy(map.latLngToContainerPoint([52.0976, 23.7341]).subtract(spot), {animate: false});
                    }
                    await frame();
                    under = beneath();
                }
                await frame();  // and the controls' own move off them, on the same redraw
                const now = scale.getBoundingClientRect();
                const credits = document.querySelector(".leaflet-control-attribution").getBoundingClientRect();
                return {under: under.length, moved: scale.parentNode !== home,
                        hidden: getComputedStyle(scale).visibility === "hidden",
                        scaleCovers: hits(now, boxes(markers)), creditsCover: hits(credits, boxes(markers))};
            }""",
            MARKERS,
        )
    assert measured["under"] > 0  # a marker did stand where the scale bar was: the check can fail
    assert measured["moved"] or measured["hidden"]
    assert not measured["scaleCovers"] or measured["hidden"]
    assert not measured["creditsCover"]
