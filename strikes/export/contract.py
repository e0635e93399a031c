"""The one contract every export format keeps, as strikes.intake.contract is the uploads'.

A format turns a ``Request`` (the actions that pass the reader's filters, and
what a snapshot must say about them) into the bytes of one file. Each format is
a module with a ``FORMAT``, registered once in strikes.export.registry; the
app's row of download buttons and the command line both list the registry.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from ..core.dataname import DataName
from ..core.filters import Filters
from ..core.i18n import Lang
from ..page.mapview import View

# A picture's fixed size: its window's width and height in CSS pixels (a PNG's, or a PDF page's at 96 to the
# inch) and the pixel density; None is the reader's own view (or the width and height asked for), whatever its size.
Size = tuple[int, int, int] | None


class ExportError(RuntimeError):
    """An export could not be made; the message says why in a user's words."""


@dataclass(frozen=True, eq=False)
class Request:
    """One file asked for: the filtered actions and the context a snapshot carries with them."""

    filters: Filters
    events: pd.DataFrame  # every action of the data: a snapshot's wave comparison reads past the filters
    shown: pd.DataFrame  # the actions that pass the filters, never none
    lang: Lang
    name: DataName  # whose data it is: a snapshot's title
    waves: tuple[str, str]  # the two waves compared
    view: View | None = None  # the reader's centre, zoom and map size; None fits the data
    citation: str = ""  # how to cite the map, printed under a snapshot's sources
    size: str = ""  # one of the format's sizes; "" for its first
    width_mm: float | None = None  # a page this wide (a newspaper's column), as high as the map's shape needs
    width: int = 1400  # the picture's size in CSS pixels when there is no view
    height: int = 900
    progress: Callable[[str], None] | None = None  # told each slow step, for the command line


@dataclass(frozen=True, eq=False)
class Format:
    """One kind of file the exports make: what it is called, how it is served and how it is written."""

    key: str  # the command line's choice: "csv"
    media_type: str  # "text/csv"
    suffix: str  # the file name's ending: ".csv"
    label: str  # the i18n catalogue's key for its button: "export_csv"
    needs_chromium: bool  # drawn by headless Chromium, so off where there is none
    write: Callable[[Request], bytes]  # raises ExportError with a reason a user can act on
    needs_place: bool = False  # a picture of the map: nothing to draw unless a site has a place
    sizes: Mapping[str, Size] = field(default_factory=dict)  # the picture sizes offered, the first the default

    def size(self, name: str) -> Size:
        """A named size of this format ("" for the default), or an error listing the ones there are."""
        chosen = name or next(iter(self.sizes), "")
        if chosen not in self.sizes:
            raise ExportError(f"{self.key} has no size {name!r}; choose from: {', '.join(self.sizes) or 'none'}")
        return self.sizes[chosen]
