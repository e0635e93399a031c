"""The PDF export: the snapshot page printed by headless Chromium, all vectors, for a print desk.

Chromium's print keeps inline SVG as vector paths and HTML text as text (selectable, its fonts embedded),
but turns a <canvas> into a bitmap and a blurred shadow into an image. So the page is drawn for print
(strikes.export.snapshot.page_for with ``vector``): the offline base layer with Leaflet's SVG renderer, no
shadows; markers, clusters and labels are SVG and text already. The header and footer are the PNG's.

A page is A4 or A3 landscape, the map taking what the title and key leave, or ``width_mm`` wide (a
newspaper's column) and as high as the reader's map's shape and the header and footer need.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from .contract import ExportError, Format, Request, Size
from .drawn import drawn_page
from .pngfile import recount_for
from .snapshot import page_for

if TYPE_CHECKING:
    from playwright.sync_api import PdfMargins

MM_PER_INCH = 25.4
CSS_DPI = 96  # CSS pixels to the inch, as Chromium prints them
# Paper sizes, landscape, in millimetres, and their windows in CSS pixels (Size: width, height, density 1).
PAPER_MM: dict[str, tuple[float, float]] = {"a4": (297, 210), "a3": (420, 297)}


def px(mm: float) -> float:
    """Millimetres in CSS pixels."""
    return mm / MM_PER_INCH * CSS_DPI


SIZES: dict[str, Size] = {name: (math.floor(px(w)), math.floor(px(h)), 1) for name, (w, h) in PAPER_MM.items()}
# A column's page is laid out at least this wide and printed smaller, so its title and key keep a size a
# reader can read (12 px type in a 90 mm column prints at about 6 pt) and its map most of the width.
MIN_LAYOUT_PX = 480
# --width-mm's range: a single newspaper column to a poster.
WIDTH_MM_RANGE = (30.0, 1200.0)


def pdf_page(request: Request) -> bytes:
    """The snapshot as a one-page vector PDF of the request's paper size or column width."""
    html = page_for(request, vector=True)
    if request.width_mm is not None:
        return _column(request, html, request.width_mm)
    name = request.size or next(iter(SIZES))
    FORMAT.size(name)  # an unknown size is refused, naming the ones there are
    width_mm, height_mm = PAPER_MM[name]
    width, height = math.floor(px(width_mm)), math.floor(px(height_mm))
    # the page exactly as high as the paper (a pixel short, so that rounding never starts a second page)
    fixed = f"<style>@page{{margin:0}}html,body{{height:{height - 1}px}}</style>"
    with drawn_page(
        html.replace(b"</head>", fixed.encode() + b"</head>", 1),
        width,
        height,
        progress=request.progress,
        recount=recount_for(request),
    ) as page:
        _say(request, "printing the page")
        return page.pdf(width=f"{width_mm}mm", height=f"{height_mm}mm", print_background=True, margin=_NO_MARGIN)


def _column(request: Request, html: bytes, width_mm: float) -> bytes:
    """A page ``width_mm`` wide: the reader's map's shape, laid out at least MIN_LAYOUT_PX wide and printed
    to fit, as high as its header, map and footer."""
    low, high = WIDTH_MM_RANGE
    if not low <= width_mm <= high:
        raise ExportError(f"a page {width_mm:g} mm wide cannot be made; give a width from {low:g} to {high:g} mm")
    shape = request.view.height / request.view.width if request.view else request.height / request.width
    layout = max(math.ceil(px(width_mm)), MIN_LAYOUT_PX)
    scale = px(width_mm) / layout
    map_height = round(layout * shape)
    tall = (
        f"<style>@page{{margin:0}}html,body{{height:auto!important}}"
        f"html body>.folium-map{{flex:none;height:{map_height}px!important}}</style>"
    )
    with drawn_page(
        html.replace(b"</head>", tall.encode() + b"</head>", 1),
        layout,
        map_height,
        progress=request.progress,
        recount=recount_for(request),
    ) as page:
        content = page.evaluate("() => Math.ceil(document.documentElement.getBoundingClientRect().height)")
        height_mm = math.ceil(content * scale / CSS_DPI * MM_PER_INCH) + 1  # a millimetre spare: never a second page
        _say(request, "printing the page")
        return page.pdf(
            width=f"{width_mm}mm", height=f"{height_mm}mm", scale=scale, print_background=True, margin=_NO_MARGIN
        )


_NO_MARGIN: PdfMargins = {"top": "0", "right": "0", "bottom": "0", "left": "0"}


def _say(request: Request, step: str) -> None:
    if request.progress:
        request.progress(step)


def write(request: Request) -> bytes:
    """The PDF; Chromium's own failures become ExportError, as every format reports its failures."""
    from .browser import BrowserError

    try:
        return pdf_page(request)
    except BrowserError as err:
        raise ExportError(str(err)) from err


FORMAT = Format(
    key="pdf",
    media_type="application/pdf",
    suffix=".pdf",
    label="export_pdf",
    needs_chromium=True,
    write=write,
    needs_place=True,
    sizes=SIZES,
)
