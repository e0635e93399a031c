"""Turn a reader's own strike file into the validated events frame: the intake's one entry point.

The file's suffix picks its format (strikes.intake.registry), whose reader
turns bytes into checked text cells; this map's own exports come back exactly;
an ACLED or Labor Action Tracker export is converted to the map's columns; the
columns are matched to fields, and the rows checked and made into events.

    python -m strikes.intake FILE    # print a summary, or the problems (exit 2)
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import BinaryIO

import pandas as pd

from ..core import i18n, schema
from ..core.i18n import Lang
from ..data.dataset import DatasetError, Source, validate
from ..data.geocode import Chain
from . import ownexport, registry
from .columns import resolve_columns
from .decode import UploadError, read_limited
from .rows import build_events
from .wording import Joined, Say, say


def read_upload(
    data: bytes | BinaryIO | Path,
    filename: str,
    *,
    geocode_progress: Callable[[int, int], None] | None = None,
    chain: Chain | None = None,
    sheet: int | None = None,
    labour_only: bool = False,
) -> tuple[pd.DataFrame, list[Say]]:
    """The events frame for an uploaded file, and notes on how it was read.

    Reads this map's own columns, an ACLED export (CSV, or the JSON its API
    returns), a Labor Action Tracker export, the map's own CSV and GeoJSON
    exports, and an .xlsx workbook of any of these (``sheet``, a position
    from 0, or the first).
    ``labour_only`` keeps only ACLED rows whose actors or tags name workers,
    unions or strikes. ``chain`` replaces the offline town index (strikes.data.townindex)
    (tests pass fakes); ``geocode_progress(done, total)`` is called after
    each distinct town.
    """
    label = Path(filename).name
    fmt = registry.format_for(filename)
    cells = fmt.read(read_limited(data, label), label, sheet)
    notes = list(cells.notes)
    if ownexport.is_own_export(cells):
        return ownexport.events_from_cells(cells, label), notes + [say("read_as_own_export")]
    frame = _clean_cells(cells.frame)
    if frame.empty:
        raise UploadError([say("header_only" if cells.unit == "row" else "no_features", label=label)])
    convention = registry.convention_for(list(frame.columns))
    if convention is not None:
        frame, converted = convention.convert(frame, labour_only)
        notes += [say("read_as", convention=convention.name), *converted]
        if frame.empty:
            raise UploadError([say("nothing_left", label=label, why=Joined(tuple(converted), "; "))])
    columns, column_notes = resolve_columns(list(frame.columns), label)
    events, row_notes = build_events(frame, columns, label, cells.unit, chain, geocode_progress)
    try:  # a last check that the frame is what the rest of the package expects
        checked = validate(events, schema.EVENTS, Source(label, first_row=0))
    except DatasetError as exc:
        raise UploadError(exc.problems) from None
    return checked.reset_index(drop=True), notes + column_notes + row_notes


def _clean_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """Trim every cell, count blank cells as missing and drop blank lines."""
    trimmed = frame.apply(lambda column: column.str.strip())
    trimmed = trimmed.mask(trimmed.eq(""))
    return trimmed.dropna(how="all")


def summary(events: pd.DataFrame, notes: Sequence[Say], lang: Lang) -> str:
    """Rows, sites, waves, date range and the reading notes, as a short plain-text report in ``lang``."""
    waves = events["wave"].value_counts(sort=False)
    wave_text = ", ".join(f"{i18n.word(lang, wave)}: {count}" for wave, count in waves.items())
    rows, sites = say("count_row", n=len(events)), say("count_site", n=events["site_id"].nunique())
    first, last = f"{events['date_start'].min():%Y-%m-%d}", f"{events['date_end'].max():%Y-%m-%d}"
    placed = events["precision"]
    located = say(
        "located", n=int(events["lat"].notna().sum()), site=placed.eq("site").sum(), town=placed.eq("town").sum()
    )
    lines = [
        f"{rows.text(lang)}, {sites.text(lang)}",
        f"{say('waves', n=len(waves)).text(lang)} ({wave_text})",
        say("dates", start=first, end=last).text(lang),
        located.text(lang),
        *(say("note", note=note).text(lang) for note in notes),
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m strikes.intake", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("file", type=Path, help=f"a strike file ({', '.join(registry.suffixes())})")
    args = parser.parse_args(argv)
    read = read_file(args.file)
    if read is None:
        return 2
    print(f"{args.file}: {summary(*read, i18n.DEFAULT)}")
    return 0


def read_file(path: Path) -> tuple[pd.DataFrame, list[Say]] | None:
    """A file named on a command line (this one's, the edition's), read as an upload is; where it cannot be
    used, what is wrong goes to standard error and the answer is None, for the command to exit 2."""
    try:
        return read_upload(path, path.name)
    except UploadError as exc:
        print(f"{path} cannot be used:\n{exc}", file=sys.stderr)
    except OSError as exc:
        print(f"cannot read {path}: {exc.strerror}", file=sys.stderr)
    return None
