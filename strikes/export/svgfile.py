"""The SVG export: the PDF's page as one standalone SVG, for a graphics desk's drawing program.

The page is the PDF's (strikes.export.pdffile: the same header, map and footer, all vectors), turned into
SVG by poppler's ``pdftocairo -svg`` (Debian's poppler-utils): every shape a path, every letter a glyph
drawn from the fonts the PDF embeds, so the file needs no font installed and opens the same anywhere.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from .contract import ExportError, Format, Request
from .pdffile import SIZES, pdf_page

TOOL = "pdftocairo"
INSTALL_HINT = "install Debian's poppler-utils with `sudo apt-get install poppler-utils`"
TIMEOUT_SECONDS = 60


def svg_of_pdf(pdf: bytes) -> bytes:
    """A one-page PDF as a standalone SVG (pdftocairo), or ExportError saying why not."""
    tool = shutil.which(TOOL)
    if tool is None:
        raise ExportError(f"the SVG is made from the PDF by {TOOL}, which was not found: {INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="strikes-svg-") as folder:
        source, target = Path(folder) / "map.pdf", Path(folder) / "map.svg"
        source.write_bytes(pdf)
        try:
            subprocess.run(
                [tool, "-svg", str(source), str(target)], check=True, capture_output=True, timeout=TIMEOUT_SECONDS
            )
        except subprocess.CalledProcessError as err:
            reason = err.stderr.decode("utf-8", "replace").strip().splitlines()
            raise ExportError(f"{TOOL} could not turn the PDF into SVG: {reason[0] if reason else err}") from err
        except subprocess.TimeoutExpired as err:
            raise ExportError(f"{TOOL} did not turn the PDF into SVG within {TIMEOUT_SECONDS} s") from err
        return target.read_bytes()


def write(request: Request) -> bytes:
    """The PDF's page of the request, as SVG."""
    from .browser import BrowserError

    if shutil.which(TOOL) is None:  # before Chromium spends its seconds on the PDF
        raise ExportError(f"the SVG is made from the PDF by {TOOL}, which was not found: {INSTALL_HINT}")
    try:
        return svg_of_pdf(pdf_page(request))
    except BrowserError as err:
        raise ExportError(str(err)) from err


FORMAT = Format(
    key="svg",
    media_type="image/svg+xml",
    suffix=".svg",
    label="export_svg",
    needs_chromium=True,
    write=write,
    needs_place=True,
    sizes=SIZES,
)
