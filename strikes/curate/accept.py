"""An accepted candidate written into geodata/sites.csv as a `site` point, and nothing else changed.

Only the workplace's own row is rewritten (curated_lat, curated_lon, precision,
coord_source and curated_note); every other byte of the file stays as it was, so the
change is one line in a diff. The new file is loaded with the dataset's own checks
(``strikes.data.dataset.load_events``) beside the other curated files before it
replaces the old one, through a temp file and a rename.
"""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from ..core.files import write_atomic
from ..data.cache import CACHE_PATH, GEODATA
from ..data.dataset import load_events
from ..data.gazetteer import haversine_km
from .candidates import NEAR_TOWN_KM, Candidate, Workplace

# A second source this close to the accepted point confirms it, as the other site points' notes say.
CROSS_CHECK_KM = 2.0
# The tags a curated note repeats, so a reader sees what the object is without opening it.
NOTE_TAGS = ("name", "landuse", "man_made", "industrial", "building", "operator", "P625")


class AcceptError(ValueError):
    """The candidate cannot be accepted; nothing was written."""


def _lines(text: str) -> list[str]:
    """The file's lines with their endings, split as the csv module splits them."""
    return list(io.StringIO(text, newline=""))


def records(text: str) -> list[tuple[int, int, list[str]]]:
    """Each CSV record as (first line, end line, cells): quoted cells may span lines."""
    lines = _lines(text)
    reader = csv.reader(iter(lines))
    spans, start = [], 0
    for cells in reader:
        spans.append((start, reader.line_num, cells))
        start = reader.line_num
    return spans


def replace_row(text: str, site_id: str, values: dict[str, str]) -> str:
    """sites.csv with one site's named cells replaced and every other line as it was."""
    lines = _lines(text)
    spans = records(text)
    header = spans[0][2]
    for start, end, cells in spans[1:]:
        if cells and cells[0] == site_id:
            row = dict(zip(header, cells, strict=True))
            row.update(values)
            ending = "\r\n" if lines[end - 1].endswith("\r\n") else "\n"
            out = io.StringIO()
            csv.writer(out, lineterminator=ending).writerow([row[column] for column in header])
            return "".join(lines[:start]) + out.getvalue() + "".join(lines[end:])
    raise AcceptError(f"sites.csv has no site {site_id!r}")


def cross_check(chosen: Candidate, others: Sequence[Candidate]) -> str:
    """What the other services say, as a sentence for the note."""
    confirming = [
        (haversine_km(chosen.lat, chosen.lon, other.lat, other.lon), other)
        for other in others
        if other.ref != chosen.ref and not set(other.sources) & set(chosen.sources)
    ]
    close = sorted((km, other) for km, other in confirming if km <= CROSS_CHECK_KM)
    if not close:
        return "No second source was found within 2 km."
    km, other = close[0]
    return f"Cross-checked: {other.label} ({other.url}) gives {other.lat:.5f}, {other.lon:.5f}, {km:.2f} km away."


def note(workplace: Workplace, chosen: Candidate, others: Sequence[Candidate], checked: date) -> str:
    """The curated_note for an accepted point: where it came from, what it is, how far out, when checked."""
    what = "the centre of its outline" if chosen.outline else "its point"
    tags = ", ".join(f"{key}={chosen.tags[key]}" for key in NOTE_TAGS if chosen.tags.get(key))
    km = chosen.km_from(workplace.point)
    where = "" if km is None else f", {km:.1f} km from {workplace.town}'s centre"
    return (
        f"{chosen.label}{f' ({tags})' if tags else ''}: {what}, {chosen.lat:.5f}, {chosen.lon:.5f}{where}; "
        f"reviewed on a map and accepted with make curate, checked {checked.isoformat()}. {cross_check(chosen, others)}"
    )


def check(sites_text: str, geodata: Path, cache_path: Path) -> None:
    """The dataset's own checks on the new sites.csv beside the other curated files; raises DatasetError."""
    with tempfile.TemporaryDirectory() as folder:
        trial = Path(folder)
        for name in ("actions.csv", "sources.csv"):
            shutil.copy(geodata / name, trial / name)
        (trial / "sites.csv").write_text(sites_text, encoding="utf-8")
        load_events(trial, cache_path)


def accept(
    workplace: Workplace,
    chosen: Candidate,
    others: Sequence[Candidate],
    checked: date,
    geodata: Path = GEODATA,
    cache_path: Path = CACHE_PATH,
) -> str:
    """Write the chosen candidate into sites.csv as the workplace's `site` point; returns the new note."""
    km = chosen.km_from(workplace.point)
    if km is not None and km > NEAR_TOWN_KM:
        raise AcceptError(
            f"{chosen.ref} is {km:.1f} km from {workplace.town}: more than the dataset's {NEAR_TOWN_KM:g} km"
        )
    path = geodata / "sites.csv"
    text = path.read_bytes().decode("utf-8")
    written = note(workplace, chosen, others, checked)
    values = {
        "curated_lat": f"{chosen.lat:.5f}",
        "curated_lon": f"{chosen.lon:.5f}",
        "precision": "site",
        "coord_source": chosen.url,
        "curated_note": written,
    }
    new = replace_row(text, workplace.site_id, values)
    check(new, geodata, cache_path)
    write_atomic(path, new.encode("utf-8"))
    return written
