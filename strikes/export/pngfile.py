"""The PNG export: a picture of the snapshot page, taken by headless Chromium with the network blocked.

The only format that needs a browser, so the only one that imports Playwright
(strikes.export.browser), and only when a picture is taken: the CSV, GeoJSON
and HTML exports run where there is no Chromium.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..page.basemap import DRAWN_CLASS
from .contract import ExportError, Format, Request, Size
from .snapshot import page_for

if TYPE_CHECKING:
    from playwright.sync_api import Page

# The map once the offline base layer's shapes are all drawn.
BASE_LAYER_DRAWN = f".leaflet-container.{DRAWN_CLASS}"
MARKERS = ".strike-marker, .strike-cluster-icon"
HIDDEN_IN_PNG = ".leaflet-control-zoom, .leaflet-control-layers, .strike-search, .leaflet-bar:has(.strike-fit)"
# A PNG's size: the map's width and height in CSS pixels and the pixel density. "view" is the reader's own
# map (or the width and height given) at twice the density, sharp on any screen; "social" is a 1200x675
# card; "print" the same picture at 2400x1350 pixels.
SIZES: dict[str, Size] = {"view": None, "social": (1200, 675, 1), "print": (1200, 675, 2)}
PNG_DENSITY = 2


def png_snapshot(
    html: bytes,
    width: int = 1400,
    height: int = 900,
    progress: Callable[[str], None] | None = None,
    timeout: float = 30.0,
    density: int = PNG_DENSITY,
    map_height: int | None = None,
) -> bytes:
    """A screenshot of an HTML snapshot in headless Chromium, with the network blocked: ``width`` x
    ``height`` CSS pixels at ``density`` image pixels each (2 by default, for print and sharp screens).
    With ``map_height`` the map is that high and the picture as high as the page around it (header,
    map, footer): the reader's view whole, with its title and key outside it.

    With no network the tile layer fails and TileFallback switches to the
    offline base layer, so the wait is for that layer's shapes as well as the
    map and its markers. Raises ExportError if they are not drawn in time.
    """
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    from .browser import BrowserError, block_network, open_browser

    report = progress or (lambda _: None)
    if map_height is not None:  # set before the map opens, so it opens at that size
        html = html.replace(
            b"</head>",
            f"<style>html,body{{height:auto}} body>.folium-map{{flex:none;"
            f"height:{int(map_height)}px!important}}</style></head>".encode(),
            1,
        )
    with tempfile.TemporaryDirectory(prefix="strikes-snapshot-") as folder:
        page_path = Path(folder) / "map.html"
        page_path.write_bytes(html)
        report("starting chromium")
        with open_browser() as browser:
            try:
                page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=density)
                block_network(page)
                report("loading the map")
                page.goto(page_path.as_uri(), wait_until="load")
                report("waiting for the base map and markers")
                _wait_until_drawn(page, timeout)
                report("taking the screenshot")
                # Buttons are no use in a picture: keep the title, legend, scale and sources.
                page.add_style_tag(content=f"{HIDDEN_IN_PNG} {{display: none !important}}")
                return page.screenshot(type="png", full_page=map_height is not None)
            except PlaywrightTimeoutError as err:
                raise ExportError(
                    f"the map was not drawn within {timeout:g} s (no Leaflet map, markers or "
                    f"offline base layer appeared): {err.message.splitlines()[0]}"
                ) from err
            except PlaywrightError as err:
                raise BrowserError(f"chromium failed while drawing the map: {err.message.splitlines()[0]}") from err


def _wait_until_drawn(page: Page, timeout: float) -> None:
    """Wait for the map, its markers and the offline base layer, then for fonts and a painted frame."""
    drawn = (
        "() => !!document.querySelector('.leaflet-container')"
        f" && !!document.querySelector({json.dumps(MARKERS)})"
        f" && !!document.querySelector({json.dumps(BASE_LAYER_DRAWN)})"
    )
    page.wait_for_function(drawn, timeout=timeout * 1000)
    # the opening fit to the data may still be sliding town labels to their places
    page.wait_for_function("() => document.getAnimations().length === 0", timeout=timeout * 1000)
    page.evaluate(
        "() => document.fonts.ready.then(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))))"
    )


def write(request: Request) -> bytes:
    """The snapshot page as a PNG of the request's size; Chromium's own failures (none installed, a crash)
    become ExportError, so that every format fails in the one way the app and the command line report."""
    from .browser import BrowserError

    fixed = FORMAT.size(request.size)
    width, height = (request.view.width, request.view.height) if request.view else (request.width, request.height)
    html = page_for(request)
    try:
        if fixed is None:  # the reader's map at its own size, its title above and its key below
            return png_snapshot(html, width, height, request.progress, map_height=height)
        width, height, density = fixed
        return png_snapshot(html, width, height, request.progress, density=density)
    except BrowserError as err:
        raise ExportError(str(err)) from err


FORMAT = Format(
    key="png",
    media_type="image/png",
    suffix=".png",
    label="export_png",
    needs_chromium=True,
    write=write,
    needs_place=True,
    sizes=SIZES,
)
