"""A snapshot page drawn in headless Chromium, ready for its picture: the PNG's screenshot, the PDF's print.

Every picture of the map waits for the same things (the map, its markers, the offline base layer, fitted to
what it must show) and leaves out the same buttons, and its title counts the sites the picture shows; this
module does that once for all of them (strikes.export.pngfile, strikes.export.pdffile). Playwright is
imported only when a picture is taken, so the data exports run where there is no Chromium.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from ..page.basemap import DRAWN_CLASS
from ..page.frame import FITTED_CLASS
from .contract import ExportError

if TYPE_CHECKING:
    from playwright.sync_api import Page

# The map once the offline base layer's shapes are all drawn, and once it is fitted to what it must show.
BASE_LAYER_DRAWN = f".leaflet-container.{DRAWN_CLASS}"
FITTED = f".leaflet-container.{FITTED_CLASS}"
MARKERS = ".strike-marker, .strike-cluster-icon"
HIDDEN_IN_PICTURES = ".leaflet-control-zoom, .leaflet-control-layers, .strike-search, .leaflet-bar:has(.strike-fit)"
# The header's last line: the dates, waves and counts (strikes.export.snapshot.counts_line).
COUNTS_LINE = ".strike-head > div:last-of-type"

# Given the map's bounds once fitted ([[south, west], [north, east]]), the text of each part of the page that
# words what the map shows (the title's counts line, a print's list of sites), by CSS selector.
Recount = Callable[[list[list[float]]], dict[str, str]]


@contextmanager
def drawn_page(
    html: bytes,
    width: int,
    height: int,
    *,
    density: float = 1,
    progress: Callable[[str], None] | None = None,
    timeout: float = 30.0,
    recount: Recount | None = None,
) -> Iterator[Page]:
    """The snapshot page in a ``width`` x ``height`` CSS-pixel window at ``density``, with the network blocked,
    drawn and fitted, its buttons hidden and (given ``recount``) its title counting what the map shows.

    Raises ExportError if the map is not drawn within ``timeout`` seconds, BrowserError if Chromium fails.
    """
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    from .browser import BrowserError, block_network, open_browser

    report = progress or (lambda _: None)
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
                # Buttons are no use in a picture: keep the title, legend, scale and sources.
                page.add_style_tag(content=f"{HIDDEN_IN_PICTURES} {{display: none !important}}")
                _count_what_is_shown(page, recount)
                _settle(page, timeout)
            except PlaywrightTimeoutError as err:
                raise ExportError(
                    f"the map was not drawn within {timeout:g} s (no Leaflet map, markers or "
                    f"offline base layer appeared): {err.message.splitlines()[0]}"
                ) from err
            except PlaywrightError as err:
                raise BrowserError(f"chromium failed while drawing the map: {err.message.splitlines()[0]}") from err
            try:
                yield page
            except PlaywrightError as err:
                raise BrowserError(f"chromium failed while drawing the map: {err.message.splitlines()[0]}") from err


def _wait_until_drawn(page: Page, timeout: float) -> None:
    """Wait for the map, its markers, the offline base layer and the snapshot's fit."""
    drawn = (
        "() => !!document.querySelector('.leaflet-container')"
        f" && !!document.querySelector({json.dumps(MARKERS)})"
        f" && !!document.querySelector({json.dumps(BASE_LAYER_DRAWN)})"
        f" && !!document.querySelector({json.dumps(FITTED)})"
    )
    page.wait_for_function(drawn, timeout=timeout * 1000)


def _count_what_is_shown(page: Page, recount: Recount | None) -> None:
    """Fit the map again and word what it now shows (recount), until the two agree: new words may wrap,
    change the header's or footer's height and so the map's."""
    for _ in range(4):
        bounds = page.evaluate("() => window.strikeSnapshot.fit()")
        if recount is None:
            return
        changed = page.evaluate(
            """(texts) => Object.entries(texts).filter(([selector, text]) => {
                const part = document.querySelector(selector);
                if (!part || part.textContent === text) { return false; }
                part.textContent = text;
                return true;
            }).length > 0""",
            recount(bounds),
        )
        if not changed:
            return


def _settle(page: Page, timeout: float) -> None:
    """Wait for the base layer's files a new view may need (the world's, once it leaves Belarus), the
    labels' slides, the fonts and a painted frame."""
    page.evaluate("() => Promise.all(Object.values(window.strikesBasemapFiles || {})).catch(() => null)")
    page.wait_for_function("() => document.getAnimations().length === 0", timeout=timeout * 1000)
    page.evaluate(
        "() => document.fonts.ready.then(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))))"
    )
