"""The exports' command line, filtered as in the app's URL parameters:

    python -m strikes.export png --sector mining --sector chemicals -o map.png

    python -m strikes.export pdf --size a3 --public-url https://example.org/strikes/ -o map.pdf
    python -m strikes.export svg --width-mm 90 --view 53.9 27.57 11 -o column.svg

Its formats and their sizes are the registry's (strikes.export.registry).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pandas as pd

from ..core import i18n, publicurl
from ..core.dataname import DataName
from ..core.files import write_atomic
from ..core.filters import CHOICE_COLUMNS, Filters, options
from ..data.dataset import DatasetError, load_events
from ..page import about
from ..page.assets import MissingAsset
from ..page.mapview import View
from .contract import ExportError
from .make import export
from .registry import FORMATS

FILTER_LABELS: dict[str, str] = {
    "wave": "Wave",
    "sector": "Sector",
    "oblast": "Oblast",
    "town": "Town",
    "type": "Action type",
}


def parser() -> argparse.ArgumentParser:
    """The command line's arguments: a format, the app's filters, the output file and a snapshot's look."""
    parser = argparse.ArgumentParser(
        prog="python -m strikes.export",
        description="Export the strike map or its data, filtered as in the app's URL parameters.",
    )
    parser.add_argument("format", choices=[fmt.key for fmt in FORMATS])
    for name in CHOICE_COLUMNS:
        parser.add_argument(
            f"--{name}",
            action="append",
            default=[],
            metavar="VALUE",
            help=f"keep only this {FILTER_LABELS[name].lower()} (repeat for several)",
        )
    for flag, dest, which in (("--from", "date_from", "end on or after"), ("--to", "date_to", "start on or before")):
        parser.add_argument(
            flag, dest=dest, type=date.fromisoformat, metavar="YYYY-MM-DD", help=f"keep actions that {which} this day"
        )
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    parser.add_argument(
        "--width", type=int, default=1400, help="PNG map width in CSS pixels (the image has twice as many)"
    )
    parser.add_argument("--height", type=int, default=900, help="PNG map height in CSS pixels")
    parser.add_argument(
        "--size",
        choices=list(dict.fromkeys(size for fmt in FORMATS for size in fmt.sizes)),
        default="",
        help="png: view (--width x --height at 2x, the default), social (a 1200x675 card) or print (2400x1350); "
        "pdf and svg: a4 (the default) or a3, landscape",
    )
    parser.add_argument(
        "--width-mm",
        type=float,
        metavar="MM",
        help="pdf and svg: a page this many millimetres wide (a newspaper column), as high as the map's "
        "shape (--width x --height, or --view's) and its title and key need",
    )
    parser.add_argument(
        "--lang",
        choices=list(i18n.LANGUAGES),
        default=i18n.DEFAULT,
        help="the language of the snapshot's title, legend and popups",
    )
    parser.add_argument(
        "--view",
        nargs=3,
        type=float,
        metavar=("LAT", "LON", "ZOOM"),
        help="open the snapshot here, as the app's ?lat=&lon=&z= link does (default: fit the data)",
    )
    parser.add_argument(
        "--public-url",
        "--url",
        dest="public_url",
        default=None,
        metavar="URL",
        help=f"the map's public address, for a snapshot's citation line (default: ${publicurl.ENV_VAR}); "
        "a loopback or private address is refused, and without one the citation names the map and its date",
    )
    return parser


def _public_url(given: str | None) -> str:
    """The address to cite: --public-url, else STRIKES_PUBLIC_URL; one that is not public is refused."""
    if given is None:
        return publicurl.configured()
    if given and not publicurl.is_public(given):
        raise ExportError(
            f"--public-url {given!r} is not a public http(s) address (a loopback, private or local one "
            "cannot be opened by a reader of the snapshot)"
        )
    return publicurl.public_url(given)


def _filters(args: argparse.Namespace, events: pd.DataFrame) -> Filters:
    """The filters as the app would read them from its URL, but refusing unknown values.

    The app drops a value it does not know (a link may outlive a data edit);
    on the command line a typo must not quietly widen the export.
    """
    known = options(events)
    for name in CHOICE_COLUMNS:
        unknown = [v for v in getattr(args, name) if v not in known[name]]
        if unknown:
            raise ExportError(f"unknown {name} {', '.join(map(repr, unknown))}; choose from: {', '.join(known[name])}")
    params: dict[str, str | list[str]] = {name: getattr(args, name) for name in CHOICE_COLUMNS}
    for key, value in (("from", args.date_from), ("to", args.date_to)):
        if value:
            params[key] = value.isoformat()
    return Filters.from_query_params(params, known)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; 0 on success, 2 (with a message on stderr) on any failure."""
    args = parser().parse_args(argv)
    started = time.monotonic()

    def progress(step: str) -> None:
        print(f"[{time.monotonic() - started:5.1f} s] {step}", flush=True)

    try:
        events = load_events()
        filters = _filters(args, events)
        view = (
            None if args.view is None else View(args.view[0], args.view[1], int(args.view[2]), args.width, args.height)
        )
        citation = about.citation(_public_url(args.public_url), i18n.language(args.lang))
        data = export(
            args.format,
            filters,
            events,
            args.width,
            args.height,
            progress,
            view,
            lang=i18n.language(args.lang),
            name=DataName(),
            citation=citation,
            size=args.size,
            width_mm=args.width_mm,
        )
        write_atomic(args.output, data)
    except (ExportError, DatasetError, MissingAsset, OSError) as err:  # Chromium's failures come as ExportError
        print(f"export failed: {err}", file=sys.stderr)
        return 2
    print(f"wrote {args.output} ({len(data) / 1024:.1f} KB) in {time.monotonic() - started:.1f} s")
    return 0
