"""Every export format, registered in this one place, in the order the app offers them (the data, then the snapshots).

The app's row of download buttons (their labels are the i18n catalogue's
``Format.label``), the command line's choices, the media types and each
picture's sizes all come from here. A new format is one module with a ``FORMAT``
(its ``write`` taking a Request, as pngfile's and pdffile's do) and one entry in
FORMATS below, plus its label (and its sizes' labels, ``<key>_<size>``) in each
language's catalogue; nothing else needs to change.
"""

from __future__ import annotations

from collections.abc import Mapping

from . import csvfile, geojsonfile, htmlfile, pdffile, pngfile, svgfile
from .contract import ExportError, Format, Size

FORMATS: tuple[Format, ...] = (
    csvfile.FORMAT,
    geojsonfile.FORMAT,
    htmlfile.FORMAT,
    pngfile.FORMAT,
    pdffile.FORMAT,
    svgfile.FORMAT,
)


def format_for(key: str) -> Format:
    """The format of this key ("csv"), or an error listing the formats there are."""
    for fmt in FORMATS:
        if fmt.key == key:
            return fmt
    raise ExportError(f"unknown format {key!r}; choose from: {', '.join(fmt.key for fmt in FORMATS)}")


MEDIA_TYPES: dict[str, str] = {fmt.key: fmt.media_type for fmt in FORMATS}
PNG_SIZES: Mapping[str, Size] = format_for("png").sizes
