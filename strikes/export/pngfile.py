"""The PNG export: a picture of the snapshot page, taken by headless Chromium with the network blocked.

It needs a browser (strikes.export.drawn, which imports Playwright only when a picture is taken), as the
PDF and SVG do: the CSV, GeoJSON and HTML exports run where there is no Chromium.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from .contract import ExportError, Format, Request, Size
from .drawn import COUNTS_LINE, Recount, drawn_page
from .snapshot import SHOWN_SITES, actions_in_view, counts_line, page_for, shown_sites_line

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
    recount: Recount | None = None,
) -> bytes:
    """A screenshot of an HTML snapshot in headless Chromium, with the network blocked: ``width`` x
    ``height`` CSS pixels at ``density`` image pixels each (2 by default, for print and sharp screens).
    With ``map_height`` the map is that high and the picture as high as the page around it (header,
    map, footer): the reader's view whole, with its title and key outside it. ``recount`` words the
    title's counts for what the picture shows (strikes.export.drawn).

    With no network the tile layer fails and TileFallback switches to the
    offline base layer, so the wait is for that layer's shapes as well as the
    map and its markers. Raises ExportError if they are not drawn in time.
    """
    if map_height is not None:  # set before the map opens, so it opens at that size
        html = html.replace(
            b"</head>",
            f"<style>html,body{{height:auto}} body>.folium-map{{flex:none;"
            f"height:{int(map_height)}px!important}}</style></head>".encode(),
            1,
        )
    with drawn_page(html, width, height, density=density, progress=progress, timeout=timeout, recount=recount) as page:
        (progress or (lambda _: None))("taking the screenshot")
        return page.screenshot(type="png", full_page=map_height is not None)


def recount_for(request: Request) -> Recount:
    """For a picture of ``request`` showing the map's bounds: the title's counts line, and a print's list of
    the sites it shows."""

    def recount(bounds: list[list[float]]) -> dict[str, str]:
        shown = actions_in_view(request.shown, bounds)
        return {
            COUNTS_LINE: counts_line(request.shown, request.lang, shown),
            f".{SHOWN_SITES}": shown_sites_line(shown, request.lang),
        }

    return recount


def write(request: Request) -> bytes:
    """The snapshot page as a PNG of the request's size; Chromium's own failures (none installed, a crash)
    become ExportError, so that every format fails in the one way the app and the command line report."""
    from .browser import BrowserError

    fixed = FORMAT.size(request.size)
    width, height = (request.view.width, request.view.height) if request.view else (request.width, request.height)
    snapshot = partial(png_snapshot, page_for(request), progress=request.progress, recount=recount_for(request))
    try:
        if fixed is None:  # the reader's map at its own size, its title above and its key below
            return snapshot(width, height, map_height=height)
        width, height, density = fixed
        return snapshot(width, height, density=density)
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
