"""Turn a user's own strike file (CSV or GeoJSON) into the validated events frame.

An upload comes from a person, not from the curated pipeline, so every problem
comes back as a message naming the row (as the user counts it: the CSV line,
header = line 1; for GeoJSON the feature, from 1) and the column, in words they
can act on. Columns follow ACLED's event-data names, so an ACLED export loads
with at most a `sector` column added. Uploads never touch the network nor the
committed geocode cache: rows without coordinates are placed at their town's
centre by the offline gazetteer, in memory.

    python -m strikes.validate FILE    # print a summary, or the problems (exit 2)
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import BinaryIO

import pandas as pd

from . import acled, csvfile, geojsonfile, labortracker, schema, xlsxfile
from .cache import GeoQuery, GeoResult
from .dataset import DatasetError, Source, validate
from .decode import MAX_ROWS as MAX_ROWS  # the upload limits, for the app and the command line
from .decode import MAX_UPLOAD_BYTES as MAX_UPLOAD_BYTES
from .decode import UploadError, check_characters, check_lengths, decode, read_limited
from .quote import NOT_TEXT, excerpt
from .gazetteer import GeoNamesGazetteer, country_code
from .sectors import UNSPECIFIED, infer_sectors
from .geocode import Chain, GeocodeError

CSV_SUFFIXES = (".csv", ".tsv", ".txt")
GEOJSON_SUFFIXES = (".geojson", ".json")
XLSX_SUFFIXES = (".xlsx",)
DEFAULT_COUNTRY = "Belarus"
DEFAULT_ACTION_TYPE = "strike"

# Each field of the format and the column names that may carry it, preferred first.
FIELDS: dict[str, tuple[str, ...]] = {
    "event_id": ("event_id_cnty", "event_id"),
    "event_date": ("event_date", "start_date"),
    "end_date": ("end_date",),
    "time_precision": ("time_precision",),
    "country": ("country",),
    "admin1": ("admin1", "state"),
    "location": ("location", "city"),
    "latitude": ("latitude",),
    "longitude": ("longitude",),
    "geo_precision": ("geo_precision",),
    "workplace": ("workplace", "employer", "actor1"),
    "local_name": ("local_name",),
    "sector": ("sector",),
    "action_type": ("action_type", "sub_event_type"),
    "wave": ("wave",),
    "size": ("size", "approximate_number_of_participants"),
    "source": ("source",),
    "source_url": ("source_url",),
    "notes": ("notes",),
    "action_notes": ("action_notes",),
}
# sector is not among them: where a file has none (ACLED's), it is inferred from the text, and said so.
REQUIRED = ("event_id", "event_date", "workplace", "source")
KNOWN_COLUMNS = tuple(name for names in FIELDS.values() for name in names)
# The rest of an ACLED export: read past quietly rather than taken for typos of
# the columns above (admin2 looks like admin1, actor2 like actor1).
ACLED_UNUSED = frozenset(
    {
        "event_id_no_cnty", "year", "disorder_type", "event_type", "actor2", "assoc_actor_1",
        "assoc_actor_2", "inter1", "inter2", "interaction", "civilian_targeting", "iso", "iso3",
        "region", "admin2", "admin3", "source_scale", "fatalities", "tags", "timestamp",
    }
)
# Names people reach for that difflib cannot see are the same thing.
SYNONYMS = {
    "lat": "latitude", "lon": "longitude", "lng": "longitude", "long": "longitude",
    "town": "location", "city": "location", "date": "event_date", "start_date": "event_date",
    "name": "workplace", "employer": "workplace", "oblast": "admin1", "state": "admin1",
    "region_name": "admin1", "industry": "sector", "id": "event_id", "quote": "notes",
    "url": "source_url",
}
GEO_PRECISIONS = {"1": "site", "2": "town", "3": "town"}
DATE_HINT = "write dates as YYYY-MM-DD (2020-08-10) or DD Month YYYY (10 August 2020)"
# Belarus' extent (as in schema.SITES), to catch coordinates given lon-first.
BELARUS_LAT, BELARUS_LON = (51.2, 56.2), (23.1, 32.8)


def read_upload(
    data: bytes | BinaryIO | Path,
    filename: str,
    *,
    geocode_progress: Callable[[int, int], None] | None = None,
    chain: Chain | None = None,
    sheet: int | None = None,
    labour_only: bool = False,
) -> tuple[pd.DataFrame, list[str]]:
    """The events frame for an uploaded file, and notes on how it was read.

    Reads this map's own columns, an ACLED export (CSV, or the JSON its API
    returns), a Labor Action Tracker export, the map's own CSV and GeoJSON
    exports, and an .xlsx workbook of any of these (``sheet``, a position
    from 0, or the first).
    ``labour_only`` keeps only ACLED rows whose actors or tags name workers,
    unions or strikes. ``chain`` replaces the per-country offline gazetteers
    (tests pass fakes); ``geocode_progress(done, total)`` is called after
    each distinct town.
    """
    label = Path(filename).name
    suffix = Path(filename).suffix.lower()
    if suffix not in CSV_SUFFIXES + GEOJSON_SUFFIXES + XLSX_SUFFIXES:
        raise UploadError(
            [f"{label}: cannot read {suffix or 'extension-less'} files: upload a CSV (.csv, .tsv, .txt), "
             "an Excel workbook (.xlsx), or GeoJSON or ACLED JSON (.geojson, .json)"]
        )
    raw = read_limited(data, label)
    if suffix in XLSX_SUFFIXES:
        frame, notes = xlsxfile.read_cells(raw, label, sheet)
        unit = "row"
    else:
        text, encoding_note = decode(raw, label)
        if not text.strip():
            raise UploadError([f"{label}: the file is empty"])
        notes = [encoding_note]
        if suffix in CSV_SUFFIXES:
            frame, read_notes = csvfile.read_cells(text, label)
            unit = "row"
            notes += read_notes
        else:
            frame, unit = geojsonfile.read_cells(text, label)
    if suffix in CSV_SUFFIXES and NOT_TEXT.search(text) is None:  # every cell is a piece of the text
        check_lengths(frame, label, unit)
    else:
        check_characters(frame, label, unit)
    if tuple(frame.columns) == schema.EVENT_COLUMNS or unit == "site":  # the map's own export, back again
        return _own_export(frame, label, unit), notes + ["read as this map's own export"]
    frame = _clean_cells(frame)
    if frame.empty:
        what = "a header but no data rows" if unit == "row" else "no features"
        raise UploadError([f"{label}: the file has {what}"])
    frame, format_notes = _to_upload_columns(frame, labour_only)
    notes += format_notes
    if frame.empty:
        raise UploadError([f"{label}: no rows are left to map ({'; '.join(format_notes)})"])
    columns, column_notes = _resolve_columns(list(frame.columns), label)
    notes += column_notes
    events, row_notes = _build_events(frame, columns, label, unit, chain, geocode_progress)
    try:  # a last check that the frame is what the rest of the package expects
        checked = validate(events, schema.EVENTS, Source(label, first_row=0))
    except DatasetError as exc:
        raise UploadError(exc.problems) from None
    return checked.reset_index(drop=True), notes + row_notes


def _own_export(frame: pd.DataFrame, label: str, unit: str) -> pd.DataFrame:
    """This map's CSV or GeoJSON export, read back to exactly the events it was made from.

    A clean export round-trips exactly; its cells pass the same checks as any
    upload's (text only, checked by the caller; links http(s) only), since a
    file in the export's shape may come from anyone.
    """
    from .export import events_from_table  # the exports import the maps; only this needs them

    url = frame["source_url"].replace("", pd.NA)
    not_web = url.notna() & ~url.str.match(r"https?://", case=False).fillna(False).astype(bool)
    problems = [f"{label}: {unit} {row}, field source_url: must start with http:// or https:// "
                f"(got {excerpt(url[row])})" for row in url.index[not_web]]
    if problems:
        raise UploadError(problems)
    try:
        events = events_from_table(frame.reset_index(drop=True), Source(label, first_row=2 if unit == "row" else 1))
    except DatasetError as exc:
        raise UploadError(exc.problems) from None
    return events.reset_index(drop=True)


def _to_upload_columns(frame: pd.DataFrame, labour_only: bool) -> tuple[pd.DataFrame, list[str]]:
    """An ACLED or Labor Action Tracker file's columns as this map's own; other files as they are."""
    columns = list(frame.columns)
    if acled.is_acled(columns):
        converted, notes = acled.to_upload_columns(frame, labour_only)
        return converted, ["read as an ACLED export", *notes]
    if labortracker.is_labor_action_tracker(columns):
        converted, notes = labortracker.to_upload_columns(frame)
        return converted, ["read as a Labor Action Tracker export", *notes]
    return frame, []


def _clean_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """Trim every cell, count blank cells as missing and drop blank lines."""
    trimmed = frame.apply(lambda column: column.str.strip())
    trimmed = trimmed.mask(trimmed.eq(""))
    return trimmed.dropna(how="all")


# --- columns -----------------------------------------------------------------------------


def _resolve_columns(present: list[str], label: str) -> tuple[dict[str, str], list[str]]:
    """Field -> the column carrying it; typos and missing required columns are errors."""
    columns = {
        field: next(name for name in names if name in present)
        for field, names in FIELDS.items()
        if any(name in present for name in names)
    }
    used = set(columns.values())
    problems, meant, ignored = [], set(), []
    for name in present:
        if name in used:
            continue
        close = difflib.get_close_matches(name, KNOWN_COLUMNS, n=1, cutoff=0.75)
        guess = SYNONYMS.get(name) or (close[0] if close else None)
        field = next((f for f, names in FIELDS.items() if guess in names), None)
        if name and name not in ACLED_UNUSED and field is not None and field not in columns:
            problems.append(f"{label}: unknown column {excerpt(name)}: did you mean {guess!r}?")
            meant.add(field)
        else:
            ignored.append(name or "(unnamed)")
    for field in REQUIRED:
        if field not in columns and field not in meant:
            alternatives = f" (or {' or '.join(map(repr, FIELDS[field][1:]))})" if FIELDS[field][1:] else ""
            problems.append(f"{label}: missing required column {FIELDS[field][0]!r}{alternatives}")
    has_lat, has_lon = "latitude" in columns, "longitude" in columns
    if has_lat != has_lon:
        given, missing = ("latitude", "longitude") if has_lat else ("longitude", "latitude")
        if missing not in meant:
            problems.append(f"{label}: column {given!r} is given without {missing!r}")
    elif not has_lat and "location" not in columns and not meant & {"latitude", "longitude", "location"}:
        problems.append(
            f"{label}: missing columns 'latitude' and 'longitude', or 'location': "
            "every row needs coordinates or a town"
        )
    if problems:
        raise UploadError(problems)
    notes = []
    if ignored:
        shown = ", ".join(ignored[:8]) + (f" and {len(ignored) - 8} more" if len(ignored) > 8 else "")
        notes.append(f"ignored {_count(len(ignored), 'column')} the map does not use: {shown}")
    return columns, notes


# --- rows --------------------------------------------------------------------------------


class _Rows:
    """The uploaded cells by field, and the problems found in them so far."""

    def __init__(self, frame: pd.DataFrame, columns: dict[str, str], label: str, unit: str) -> None:
        self.frame, self.columns, self.label, self.unit = frame, columns, label, unit
        self.problems: list[tuple[int, str]] = []  # (row number, message)

    def get(self, field: str) -> pd.Series:
        """The field's cells, or all missing when the file has no such column."""
        if field in self.columns:
            return self.frame[self.columns[field]]
        return pd.Series(None, index=self.frame.index, dtype="str")

    def where(self, rows: list[int], field: str) -> str:
        """'s.csv: row 4, field sector', naming the column as the user's file does."""
        if len(rows) == 1:
            numbers = f"{self.unit} {rows[0]}"
        else:
            more = f" and {len(rows) - 5} more" if len(rows) > 5 else ""
            numbers = f"{self.unit}s " + ", ".join(map(str, rows[:5])) + more
        return f"{self.label}: {numbers}, field {self.columns.get(field, field)}"

    def flag(self, mask: pd.Series, field: str, message: Callable[[int], str]) -> None:
        """One problem per row where ``mask`` holds; the loop touches bad rows only."""
        for row in mask.index[mask.fillna(False).astype(bool)]:
            self.problems.append((row, f"{self.where([row], field)}: {message(row)}"))

    def raise_problems(self) -> None:
        if self.problems:
            raise UploadError([message for _, message in sorted(self.problems, key=lambda p: p[0])])


def _site_ids(name: pd.Series, town: pd.Series, located: pd.DataFrame) -> pd.Series:
    """Workplace and town make a site; where one such name stands at two points, so does the point.

    Two "City Hospital No. 1" rows 10 km apart are two sites, not one marker
    at the first row's place; the same workplace at one point stays one site.
    """
    base = _slug(name + " " + town.fillna(""))
    point = (located["lat"].round(3).astype("string") + " " + located["lon"].round(3).astype("string")).fillna("")
    spread = point.groupby(base).transform("nunique") > 1
    return base.where(~spread, _slug(base + " " + point))


def _slug(values: pd.Series) -> pd.Series:
    """Lower-case words joined by hyphens, any script kept (so Cyrillic names stay distinct)."""
    slug = values.str.casefold().str.replace(r"[\W_]+", "-", regex=True).str.strip("-")
    return slug.where(slug.ne(""), values)


def _vocabulary(values: pd.Series, known: tuple[str, ...]) -> pd.Series:
    """A value that is one of ours in another case ('Mining') becomes ours; others stay verbatim."""
    lower = values.str.lower()
    return values.where(~lower.isin(known), lower)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _check_fields(rows: _Rows) -> pd.Series:
    """Required cells, unique ids, dates, precisions and URLs; returns the parsed dates."""
    for field in REQUIRED:
        rows.flag(rows.get(field).isna(), field, lambda r: "is empty (it is required)")

    ids = rows.get("event_id")
    first = ids[ids.notna() & ~ids.duplicated()]
    first_row = pd.Series(first.index, index=first.values)
    rows.flag(ids.notna() & ids.duplicated(), "event_id",
              lambda r: f"duplicate id {excerpt(ids[r])} (also in {rows.unit} {first_row[ids[r]]})")

    raw = rows.get("event_date")
    iso = pd.to_datetime(raw, format="%Y-%m-%d", errors="coerce")
    dates = iso.fillna(pd.to_datetime(raw, format="%d %B %Y", errors="coerce"))
    bad = raw.notna() & dates.isna()
    numeric = raw.str.fullmatch(r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}").fillna(False).astype(bool)
    rows.flag(bad & numeric, "event_date",
              lambda r: f"{excerpt(raw[r])} is ambiguous (day and month could be either way round): {DATE_HINT}")
    rows.flag(bad & ~numeric, "event_date", lambda r: f"{excerpt(raw[r])} is not a date: {DATE_HINT}")
    raw_end = rows.get("end_date")
    ends = pd.to_datetime(raw_end, format="%Y-%m-%d", errors="coerce").fillna(
        pd.to_datetime(raw_end, format="%d %B %Y", errors="coerce"))
    rows.flag(raw_end.notna() & ends.isna(), "end_date", lambda r: f"{excerpt(raw_end[r])} is not a date: {DATE_HINT}")
    rows.flag(ends.notna() & dates.notna() & (ends < dates), "end_date",
              lambda r: f"{excerpt(raw_end[r])} is before the event_date {excerpt(raw[r])}")

    time_precision = rows.get("time_precision")
    rows.flag(time_precision.notna() & ~time_precision.isin(["1", "2", "3"]), "time_precision",
              lambda r: f"must be 1 (the day is known), 2 (the week) or 3 (the month) (got {excerpt(time_precision[r])})")
    geo_precision = rows.get("geo_precision")
    rows.flag(geo_precision.notna() & ~geo_precision.isin(list(GEO_PRECISIONS)), "geo_precision",
              lambda r: f"must be 1 (the exact place), 2 (in or near the town) or 3 (a larger region) "
              f"(got {excerpt(geo_precision[r])})")

    url = rows.get("source_url")
    web = url.str.match(r"https?://", case=False).fillna(False).astype(bool)
    rows.flag(url.notna() & ~web, "source_url", lambda r: f"must start with http:// or https:// (got {excerpt(url[r])})")
    return dates, ends.fillna(dates)


def _coordinate(values: pd.Series) -> pd.Series:
    """A number, accepting a decimal comma (as a semicolon-separated European CSV has)."""
    return pd.to_numeric(values.str.replace(",", ".", regex=False), errors="coerce")


def _locate(
    rows: _Rows, chain: Chain | None, progress: Callable[[int, int], None] | None
) -> tuple[pd.DataFrame, list[str]]:
    """lat, lon, precision and geocode_source per row: as given, else the town's centre."""
    raw_lat, raw_lon = rows.get("latitude"), rows.get("longitude")
    lat, lon = _coordinate(raw_lat), _coordinate(raw_lon)
    for field, raw, value in (("latitude", raw_lat, lat), ("longitude", raw_lon, lon)):
        rows.flag(raw.notna() & value.isna(), field, lambda r, raw=raw: f"{excerpt(raw[r])} is not a number")
    rows.flag(lat.notna() & raw_lon.isna(), "longitude", lambda r: "is empty but latitude is given")
    rows.flag(lon.notna() & raw_lat.isna(), "latitude", lambda r: "is empty but longitude is given")

    countries = rows.get("country").fillna(DEFAULT_COUNTRY)
    codes = countries.map({name: country_code(name) for name in countries.unique()})
    in_belarus = lat.between(*BELARUS_LAT) & lon.between(*BELARUS_LON)
    flipped_in_belarus = lon.between(*BELARUS_LAT) & lat.between(*BELARUS_LON)
    swapped = (lat.abs().gt(90) & lon.abs().le(90)) | (codes.eq("BY") & ~in_belarus & flipped_in_belarus)
    rows.flag(swapped, "latitude",
              lambda r: f"latitude and longitude look swapped (latitude {raw_lat[r]}, longitude {raw_lon[r]})")
    rows.flag(lat.abs().gt(90) & ~swapped, "latitude", lambda r: f"{raw_lat[r]} is out of range (-90 to 90)")
    rows.flag(lon.abs().gt(180) & ~swapped, "longitude", lambda r: f"{raw_lon[r]} is out of range (-180 to 180)")

    town = rows.get("location")
    given = raw_lat.notna() | raw_lon.notna()
    rows.flag(~given & town.isna(), "location",
              lambda r: "is empty and there are no coordinates: give latitude and longitude, or the town")
    rows.flag(~given & town.notna() & codes.isna(), "country",
              lambda r: f"unknown country {excerpt(countries[r])} (needed to find the town): "
              "write its English name or ISO code, e.g. Belarus or BY")
    wanted = ~given & town.notna() & codes.notna()
    keys = pd.DataFrame({"town": town, "oblast": rows.get("admin1"), "country": countries, "code": codes})[wanted]
    found = _geocode(keys, rows, chain, progress)

    geo_precision = rows.get("geo_precision").fillna("1")
    located = pd.DataFrame(
        {
            "lat": lat.fillna(found["lat"]),
            "lon": lon.fillna(found["lon"]),
            "precision": geo_precision.map(GEO_PRECISIONS).where(given).fillna(found["precision"]),
            "geocode_source": pd.Series(f"given in {rows.label}", index=lat.index, dtype="str")
            .where(given).fillna(found["source"]),
        }
    )
    notes = []
    if wanted.any():
        towns = keys["town"].nunique()
        centres = "the town centre" if towns == 1 else f"the centres of {towns} towns"
        notes.append(f"{_count(int(wanted.sum()), 'row')} geocoded to {centres} with the offline gazetteer")
    if given.any() and "geo_precision" not in rows.columns:
        notes.append("no geo_precision column: the given coordinates are taken to be the workplaces themselves")
    return located, notes


@cache
def _country_chain(code: str) -> Chain:
    """One offline chain per country, so a town name is only matched in its own country."""
    return Chain(GeoNamesGazetteer(country_codes=(code,)))


def _geocode(
    keys: pd.DataFrame, rows: _Rows, chain: Chain | None, progress: Callable[[int, int], None] | None
) -> pd.DataFrame:
    """Town centres for the rows in ``keys``, each distinct town looked up once, in memory only."""
    groups = keys.groupby(["town", "oblast", "country", "code"], dropna=False, sort=False).groups
    results: dict[int, GeoResult] = {}
    for done, ((town, oblast, country, code), members) in enumerate(groups.items(), start=1):
        query = GeoQuery(town=town, oblast=None if pd.isna(oblast) else oblast, country=country)
        try:
            found = (chain or _country_chain(code)).resolve(query)
        except GeocodeError as exc:
            advice = "check the spelling, or give latitude and longitude"
            rows.problems.append((members[0], f"{rows.where(list(members), 'location')}: {exc}: {advice}"))
        else:
            results.update(dict.fromkeys(members, found))
        if progress is not None:
            progress(done, len(groups))
    return pd.DataFrame(
        [(r.lat, r.lon, r.precision, r.source) for r in results.values()],
        index=list(results), columns=["lat", "lon", "precision", "source"],
    ).astype({"lat": float, "lon": float, "precision": "str", "source": "str"}).reindex(rows.frame.index)


def _source_ids(source: pd.Series) -> pd.Series:
    """The slug of each distinct source text, numbered where two texts share a slug."""
    distinct = pd.Series(source.unique())
    slugs = _slug(distinct)
    repeat = slugs.groupby(slugs).cumcount()
    ids = slugs.where(repeat.eq(0), slugs + "-" + (repeat + 1).astype(str))
    return source.map(dict(zip(distinct, ids)))


def _build_events(
    frame: pd.DataFrame,
    columns: dict[str, str],
    label: str,
    unit: str,
    chain: Chain | None,
    geocode_progress: Callable[[int, int], None] | None,
) -> tuple[pd.DataFrame, list[str]]:
    """Check every row, geocode the towns without coordinates, and map onto the events schema."""
    rows = _Rows(frame, columns, label, unit)
    dates, ends = _check_fields(rows)
    located, notes = _locate(rows, chain, geocode_progress)
    rows.raise_problems()

    wave = rows.get("wave").str.lower()
    if wave.isna().any():
        notes.append(f"{_count(int(wave.isna().sum()), 'row')} without a wave: "
                     "named after the month of their date")
        wave = wave.fillna(dates.dt.month_name().str.lower())
    action_type = _vocabulary(rows.get("action_type"), schema.ACTION_TYPES)
    if action_type.isna().any():
        notes.append(f"{_count(int(action_type.isna().sum()), 'row')} without an action type: "
                     f"taken as {DEFAULT_ACTION_TYPE}")
        action_type = action_type.fillna(DEFAULT_ACTION_TYPE)

    name, town, source = rows.get("workplace"), rows.get("location"), rows.get("source")
    sector = _vocabulary(rows.get("sector"), schema.SECTORS)
    remarks = rows.get("action_notes")
    missing = sector.isna()
    if missing.any():
        guessed, why = infer_sectors(pd.DataFrame({"workplace": name, "notes": rows.get("notes")}),
                                     ("workplace", "notes"))
        sector = sector.fillna(guessed)
        remarks = remarks.where(~missing, why.str.cat(remarks.fillna(""), sep="; ").str.rstrip("; "))
        notes.append(f"{_count(int(missing.sum()), 'row')} without a sector: inferred from the workplace and "
                     f"notes ({_count(int(guessed[missing].eq(UNSPECIFIED).sum()), 'row')} left unspecified)")
    events = pd.DataFrame(
        {
            "event_id": rows.get("event_id"),
            "site_id": _site_ids(name, town, located),
            "name": name,
            "local_name": rows.get("local_name"),
            "sector": sector,
            "town": town,
            "oblast": rows.get("admin1"),
            "is_group": False,
            **located,
            "site_notes": None,
            "wave": wave,
            "date_start": dates,
            "date_end": ends,
            "time_precision": rows.get("time_precision").fillna("1").astype(int),
            "action_type": action_type,
            "size": rows.get("size"),
            "source_id": _source_ids(source),
            "source_title": source,
            "source_url": rows.get("source_url"),
            "quote": rows.get("notes"),
            "notes": remarks,
        },
        index=frame.index,
    )
    return events, notes


# --- command line ------------------------------------------------------------------------


def summary(events: pd.DataFrame, notes: list[str]) -> str:
    """Rows, sites, waves, date range and the reading notes, as a short plain-text report."""
    waves = events["wave"].value_counts(sort=False)
    wave_text = ", ".join(f"{wave}: {count}" for wave, count in waves.items())
    lines = [
        f"{_count(len(events), 'row')}, {_count(events['site_id'].nunique(), 'site')}",
        f"{_count(len(waves), 'wave')} ({wave_text})",
        f"dates {events['date_start'].min():%Y-%m-%d} to {events['date_end'].max():%Y-%m-%d}",
        f"{int(events['lat'].notna().sum())} rows located "
        f"({int(events['precision'].eq('site').sum())} at the workplace, "
        f"{int(events['precision'].eq('town').sum())} at the town centre)",
    ]
    return "\n".join(lines + [f"note: {note}" for note in notes])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m strikes.validate", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", type=Path, help="a .csv/.tsv/.txt or .geojson/.json strike file")
    args = parser.parse_args(argv)
    try:
        events, notes = read_upload(args.file, args.file.name)
    except UploadError as exc:
        print(f"{args.file} cannot be used:\n{exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"cannot read {args.file}: {exc.strerror}", file=sys.stderr)
        return 2
    print(f"{args.file}: {summary(events, notes)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
