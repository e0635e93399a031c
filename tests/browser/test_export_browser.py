"""Exports: the CSV reads back exactly, the GeoJSON is valid, snapshots are complete offline."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import cast

import pandas as pd
import pytest
from PIL import Image
from playwright.sync_api import Browser

from strikes import export
from strikes.core.dataname import DataName
from strikes.core.filters import Filters
from strikes.core.i18n import Lang
from strikes.export.browser import (
    BrowserMissing,
    block_network,
    find_chromium,
    is_local,
    open_browser,
)
from strikes.page.icons import FIRST_COLOUR, SECOND_COLOUR
from strikes.page.mapview import View

from ..conftest import require

pytestmark = pytest.mark.own_playwright  # starts Playwright's sync API itself (tests/conftest.SharedChromium)

READER = View(53.92, 27.6, 12, width=900, height=620)


@pytest.fixture(scope="session")
def chromium() -> Path:
    """Debian's chromium, as the exports find it."""
    try:
        found: Path | None = find_chromium()
        message = ""
    except BrowserMissing as err:
        found, message = None, f"browser test needs chromium: {err}"
    return require(found, message)


@pytest.fixture()
def browser(chromium: Path) -> Iterator[Browser]:
    """Per test: Playwright's sync API cannot start a second browser (png_snapshot's) while one runs."""
    with open_browser() as running:
        yield running


def test_snapshot_draws_offline(browser: Browser, snapshot: bytes, tmp_path: Path) -> None:
    page_file = tmp_path / "map.html"
    page_file.write_bytes(snapshot)
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    left_machine: list[str] = []
    page.on("requestfinished", lambda r: None if is_local(r.url) else left_machine.append(r.url))
    block_network(page)
    page.goto(page_file.as_uri())
    page.wait_for_selector(export.BASE_LAYER_DRAWN, state="attached", timeout=20_000)
    assert page.locator(".leaflet-container").count() == 1
    assert page.locator(export.MARKERS).count() > 0
    # the base layer's shapes, drawn by Leaflet's SVG renderer straight into a map pane
    # (marker icons hold SVG paths too, but inside their own divs)
    base_layer_paths = ".leaflet-pane:not(.leaflet-marker-pane) > svg path"
    assert page.locator(base_layer_paths).count() >= 8  # background, border, oblasts, towns
    assert "Sectors: mining and chemicals" in page.locator(".strike-head").inner_text()
    assert "Sources" in page.locator(".strike-foot").inner_text()
    assert left_machine == []
    page.close()


@pytest.mark.parametrize("width, height", [(1200, 675), (1000, 700)])
def test_a_snapshots_title_key_and_sources_stand_around_the_map_never_over_a_marker(
    browser: Browser, snapshot: bytes, tmp_path: Path, width: int, height: int
) -> None:
    page_file = tmp_path / "map.html"
    page_file.write_bytes(snapshot)
    page = browser.new_page(viewport={"width": width, "height": height})
    block_network(page)
    page.goto(page_file.as_uri())
    page.wait_for_selector(export.BASE_LAYER_DRAWN, state="attached", timeout=20_000)
    boxes = page.evaluate("""() => {
        const box = (element) => { const r = element.getBoundingClientRect();
                                   return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; };
        return {head: box(document.querySelector(".strike-head")), foot: box(document.querySelector(".strike-foot")),
                map: box(document.querySelector(".folium-map")),
                markers: [...document.querySelectorAll(".strike-marker, .strike-cluster-icon")].map(box),
                boxes: document.querySelectorAll(".folium-map .strike-control").length};
    }""")
    head, foot, shown = boxes["head"], boxes["foot"], boxes["map"]
    assert head["bottom"] <= shown["top"] and shown["bottom"] <= foot["top"] and foot["bottom"] <= height
    assert shown["bottom"] - shown["top"] >= 0.55 * height  # the picture is mostly map
    assert boxes["boxes"] == 0 and boxes["markers"]
    inside = [m for m in boxes["markers"] if m["top"] >= shown["top"] and m["bottom"] <= shown["bottom"]]
    assert inside == boxes["markers"]  # no marker under the header or the footer
    page.close()


def test_png_snapshot_is_the_map_not_a_blank(chromium: Path, snapshot: bytes) -> None:
    steps: list[str] = []
    png = export.png_snapshot(snapshot, width=1000, height=700, progress=steps.append)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.size == (2000, 1400)  # twice the density by default: sharp in print and on any screen
    counted = cast(list[tuple[int, tuple[int, int, int]]], image.getcolors(maxcolors=1 << 20))  # RGB: triples
    colours = {f"#{r:02X}{g:02X}{b:02X}" for _, (r, g, b) in counted}
    assert len(colours) > 100
    # Sea/background, oblast fill, and both status colours (markers and legend).
    for colour in ("#E4EBF0", "#FBFAF5", FIRST_COLOUR.upper(), SECOND_COLOUR.upper()):
        assert colour in colours, colour
    assert steps and steps[-1] == "taking the screenshot"


# --------------------------------------------------------------------------
# Writing files and the command line


def test_png_snapshot_says_when_the_map_is_not_drawn(chromium: Path) -> None:
    with pytest.raises(export.ExportError, match="not drawn within 1 s"):
        export.png_snapshot(b"<!doctype html><p>no map here</p>", timeout=1)


def test_png_snapshot_has_the_readers_centre_zoom_and_size(chromium: Path, events: pd.DataFrame) -> None:
    png = export.export("png", Filters(), events, view=READER, lang=Lang("en"), name=DataName())
    width, height = Image.open(io.BytesIO(png)).size
    # the reader's 900x620 map at twice the density, with the title above and the key and sources below
    assert width == 1800 and height > 1240 + 2 * 150


@pytest.mark.parametrize("size, pixels", [("social", (1200, 675)), ("print", (2400, 1350))])
def test_png_snapshots_come_as_a_social_card_or_a_print_image(
    chromium: Path, events: pd.DataFrame, size: str, pixels: tuple[int, int]
) -> None:
    png = export.export("png", Filters(), events, view=READER, size=size, lang=Lang("en"), name=DataName())
    assert Image.open(io.BytesIO(png)).size == pixels
