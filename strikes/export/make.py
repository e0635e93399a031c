"""One export of the filtered events, and its file's name: the entry point the app and the command line share.

Everything here is a pure function of the events frame (no Streamlit); the
format's module writes the bytes (strikes.export.registry lists them).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd

from ..core.compare import wave_pair
from ..core.dataname import DataName
from ..core.filters import CHOICE_COLUMNS, Filters, apply
from ..core.i18n import Lang
from ..page.mapview import View
from .contract import ExportError, Request
from .registry import format_for
from .snapshot import filter_lines


def file_name(label: str, filters: Filters, fmt: str) -> str:
    """A name that says what the file holds: the data's label, then the filters, e.g.
    belarus-strikes-2020_mining-chemicals_2020-10-26.csv (a day when both dates are that day)."""
    parts = [label]
    for name in CHOICE_COLUMNS:
        if chosen := getattr(filters, name):
            parts.append("-".join(chosen) if len(chosen) <= 3 else f"{len(chosen)}-{name}s")
    if filters.date_from and filters.date_from == filters.date_to:
        parts.append(filters.date_from.isoformat())
    else:
        parts += [
            f"{word}-{day.isoformat()}" for word, day in (("from", filters.date_from), ("to", filters.date_to)) if day
        ]
    stem = "_".join(re.sub(r"[^\w.-]+", "-", part.casefold()).strip("-.") or "-" for part in parts)
    return f"{stem[:150]}{format_for(fmt).suffix}"


def export(
    fmt: str,
    filters: Filters,
    events: pd.DataFrame,
    width: int = 1400,
    height: int = 900,
    progress: Callable[[str], None] | None = None,
    view: View | None = None,
    *,
    lang: Lang,
    name: DataName,
    waves: tuple[str, str] | None = None,
    citation: str = "",
    size: str = "",
    width_mm: float | None = None,
) -> bytes:
    """One export of the events that pass the filters, as the bytes of the file to write.

    With a ``view`` the snapshots show the reader's centre, zoom and map size;
    without one they fit the data in ``width`` x ``height`` pixels. ``name`` says whose data it is (a
    snapshot's title); ``waves`` are the two compared (the first two in time if not given). ``citation``
    (how to cite the map, strikes.page.about) is printed under the sources of a snapshot; ``size`` is one of
    the format's sizes ("" for its first: a PNG of the reader's view, an A4 page); ``width_mm`` makes a PDF
    or SVG page that wide instead (a newspaper's column), as high as the map's shape needs.
    """
    chosen = format_for(fmt)
    shown = apply(events, filters)
    if shown.empty:
        raise ExportError(f"no actions match these filters ({'; '.join(filter_lines(filters, lang))})")
    if chosen.needs_place and shown["lat"].isna().all():
        raise ExportError("none of the matching actions has a place on the map")
    request = Request(
        filters,
        events,
        shown,
        lang=lang,
        name=name,
        waves=waves or wave_pair(events),
        view=view,
        citation=citation,
        size=size if chosen.sizes else "",
        width_mm=width_mm,
        width=width,
        height=height,
        progress=progress,
    )
    return chosen.write(request)
