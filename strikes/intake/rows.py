"""An upload's rows checked field by field and made into the events frame.

An upload comes from a person, not from the curated pipeline, so every problem
comes back as a message naming the row (as the user counts it: the CSV line,
header = line 1; for GeoJSON the feature, from 1) and the column, in words they
can act on. Uploads never touch the network nor the committed geocode cache:
rows without coordinates are placed at their town's centre by the offline
gazetteer: the world's towns in one read-only file (strikes.data.townindex).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, partial

import pandas as pd

from ..core import schema
from ..core.quote import excerpt
from ..core.sectors import UNSPECIFIED, infer_sectors
from ..data.cache import GeoQuery, GeoResult
from ..data.gazetteer import country_code
from ..data.geocode import Chain, GeocodeError
from ..data.townindex import TownIndex
from .columns import REQUIRED
from .decode import UploadError, cell_at
from .wording import Say, Unit, Word, say

DEFAULT_COUNTRY = "Belarus"
DEFAULT_ACTION_TYPE = "strike"
GEO_PRECISIONS = {"1": "site", "2": "town", "3": "town"}
# Belarus' extent (as in schema.SITES), to catch coordinates given lon-first.
BELARUS_LAT, BELARUS_LON = (51.2, 56.2), (23.1, 32.8)


class _Rows:
    """The uploaded cells by field, and the problems found in them so far."""

    def __init__(self, frame: pd.DataFrame, columns: dict[str, str], label: str, unit: Unit) -> None:
        self.frame, self.columns, self.label, self.unit = frame, columns, label, unit
        self.problems: list[tuple[int, Say]] = []  # (row number, message)

    def get(self, field: str) -> pd.Series:
        """The field's cells, or all missing when the file has no such column."""
        if field in self.columns:
            return self.frame[self.columns[field]]
        return pd.Series(None, index=self.frame.index, dtype="str")

    def where(self, rows: list[int], field: str) -> Say:
        """'s.csv: row 4, field sector', naming the column as the user's file does."""
        column = self.columns.get(field, field)
        if len(rows) == 1:
            return cell_at(self.label, self.unit, rows[0], column)
        more = say("and_more_rows", n=len(rows) - 5) if len(rows) > 5 else ""
        listed = ", ".join(map(str, rows[:5]))
        return say("at_many", label=self.label, units=say(f"units_{self.unit}"), rows=listed, more=more, field=column)

    def flag(self, mask: pd.Series, field: str, message: Callable[[int], Say]) -> None:
        """One problem per row where ``mask`` holds; the loop touches bad rows only."""
        for row in mask.index[mask.fillna(False).astype(bool)]:
            self.problems.append((row, say("problem", at=self.where([row], field), what=message(row))))

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


def _check_fields(rows: _Rows) -> pd.Series:
    """Required cells, unique ids, dates, precisions and URLs; returns the parsed dates."""
    for field in REQUIRED:
        rows.flag(rows.get(field).isna(), field, lambda r: say("empty_required"))

    ids = rows.get("event_id")
    first = ids[ids.notna() & ~ids.duplicated()]
    first_row = pd.Series(first.index, index=first.values)
    rows.flag(
        ids.notna() & ids.duplicated(),
        "event_id",
        lambda r: say("duplicate_id", id=excerpt(ids[r]), unit=say(f"unit_{rows.unit}"), row=first_row[ids[r]]),
    )

    raw = rows.get("event_date")
    iso = pd.to_datetime(raw, format="%Y-%m-%d", errors="coerce")
    dates = iso.fillna(pd.to_datetime(raw, format="%d %B %Y", errors="coerce"))
    bad = raw.notna() & dates.isna()
    numeric = raw.str.fullmatch(r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}").fillna(False).astype(bool)
    rows.flag(
        bad & numeric,
        "event_date",
        lambda r: say("ambiguous_date", value=excerpt(raw[r]), hint=say("date_hint")),
    )
    rows.flag(bad & ~numeric, "event_date", lambda r: say("not_a_date", value=excerpt(raw[r]), hint=say("date_hint")))
    raw_end = rows.get("end_date")
    ends = pd.to_datetime(raw_end, format="%Y-%m-%d", errors="coerce").fillna(
        pd.to_datetime(raw_end, format="%d %B %Y", errors="coerce")
    )
    rows.flag(
        raw_end.notna() & ends.isna(),
        "end_date",
        lambda r: say("not_a_date", value=excerpt(raw_end[r]), hint=say("date_hint")),
    )
    rows.flag(
        ends.notna() & dates.notna() & (ends < dates),
        "end_date",
        lambda r: say("end_before_start", end=excerpt(raw_end[r]), start=excerpt(raw[r])),
    )

    time_precision = rows.get("time_precision")
    rows.flag(
        time_precision.notna() & ~time_precision.isin(["1", "2", "3"]),
        "time_precision",
        lambda r: say("time_precision", value=excerpt(time_precision[r])),
    )
    geo_precision = rows.get("geo_precision")
    rows.flag(
        geo_precision.notna() & ~geo_precision.isin(list(GEO_PRECISIONS)),
        "geo_precision",
        lambda r: say("geo_precision", value=excerpt(geo_precision[r])),
    )

    url = rows.get("source_url")
    web = url.str.match(r"https?://", case=False).fillna(False).astype(bool)
    rows.flag(url.notna() & ~web, "source_url", lambda r: say("not_a_link", value=excerpt(url[r])))
    return dates, ends.fillna(dates)


def _coordinate(values: pd.Series) -> pd.Series:
    """A finite number, accepting a decimal comma (as a semicolon-separated European CSV has)."""
    numbers = pd.to_numeric(values.str.replace(",", ".", regex=False), errors="coerce")
    return numbers.where(numbers.abs() < float("inf"))  # 'inf' parses, but is no place


def _not_a_number(raw: pd.Series, row: int) -> Say:
    return say("not_a_number", value=excerpt(raw[row]))


def _locate(
    rows: _Rows, chain: Chain | None, progress: Callable[[int, int], None] | None
) -> tuple[pd.DataFrame, list[Say]]:
    """lat, lon, precision and geocode_source per row: as given, else the town's centre."""
    raw_lat, raw_lon = rows.get("latitude"), rows.get("longitude")
    lat, lon = _coordinate(raw_lat), _coordinate(raw_lon)
    for field, raw, value in (("latitude", raw_lat, lat), ("longitude", raw_lon, lon)):
        rows.flag(raw.notna() & value.isna(), field, partial(_not_a_number, raw))
    rows.flag(lat.notna() & raw_lon.isna(), "longitude", lambda r: say("empty_but_given", other="latitude"))
    rows.flag(lon.notna() & raw_lat.isna(), "latitude", lambda r: say("empty_but_given", other="longitude"))

    countries = rows.get("country").fillna(DEFAULT_COUNTRY)
    codes = countries.map({name: country_code(name) for name in countries.unique()})
    in_belarus = lat.between(*BELARUS_LAT) & lon.between(*BELARUS_LON)
    flipped_in_belarus = lon.between(*BELARUS_LAT) & lat.between(*BELARUS_LON)
    swapped = (lat.abs().gt(90) & lon.abs().le(90)) | (codes.eq("BY") & ~in_belarus & flipped_in_belarus)
    rows.flag(
        swapped,
        "latitude",
        lambda r: say("swapped", lat=raw_lat[r], lon=raw_lon[r]),
    )
    rows.flag(
        lat.abs().gt(90) & ~swapped, "latitude", lambda r: say("out_of_range", value=raw_lat[r], low=-90, high=90)
    )
    rows.flag(
        lon.abs().gt(180) & ~swapped, "longitude", lambda r: say("out_of_range", value=raw_lon[r], low=-180, high=180)
    )

    town = rows.get("location")
    given = raw_lat.notna() | raw_lon.notna()
    rows.flag(
        ~given & town.isna(),
        "location",
        lambda r: say("no_place"),
    )
    rows.flag(
        ~given & town.notna() & codes.isna(),
        "country",
        lambda r: say("unknown_country", value=excerpt(countries[r])),
    )
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
            .where(given)
            .fillna(found["source"]),
        }
    )
    notes: list[Say] = []
    if wanted.any():
        towns = keys["town"].nunique()
        placed = int(wanted.sum())
        notes.append(say("placed_in_town", n=placed) if towns == 1 else say("placed_in_towns", n=placed, towns=towns))
    if given.any() and "geo_precision" not in rows.columns:
        notes.append(say("no_geo_precision"))
    return located, notes


@cache
def _country_chain(code: str) -> Chain:
    """One offline chain per country, so a town name is only matched in its own country."""
    return Chain(TownIndex(code))


def _geocode(
    keys: pd.DataFrame, rows: _Rows, chain: Chain | None, progress: Callable[[int, int], None] | None
) -> pd.DataFrame:
    """Town centres for the rows in ``keys``, each distinct town looked up once; nothing is written."""
    groups = keys.groupby(["town", "oblast", "country", "code"], dropna=False, sort=False).groups
    results: dict[int, GeoResult] = {}
    for done, ((town, oblast, country, code), members) in enumerate(groups.items(), start=1):
        query = GeoQuery(town=town, oblast=None if pd.isna(oblast) else oblast, country=country)
        try:
            found = (chain or _country_chain(code)).resolve(query)
        except GeocodeError:  # the offline gazetteer has no such town
            unknown = say("unknown_town", town=excerpt(town))
            rows.problems.append((members[0], say("problem", at=rows.where(list(members), "location"), what=unknown)))
        else:
            results.update(dict.fromkeys(members, found))
        if progress is not None:
            progress(done, len(groups))
    return (
        pd.DataFrame(
            [(r.lat, r.lon, r.precision, r.source) for r in results.values()],
            index=list(results),
            columns=["lat", "lon", "precision", "source"],
        )
        .astype({"lat": float, "lon": float, "precision": "str", "source": "str"})
        .reindex(rows.frame.index)
    )


def _source_ids(source: pd.Series) -> pd.Series:
    """The slug of each distinct source text, numbered where two texts share a slug."""
    distinct = pd.Series(source.unique())
    slugs = _slug(distinct)
    repeat = slugs.groupby(slugs).cumcount()
    ids = slugs.where(repeat.eq(0), slugs + "-" + (repeat + 1).astype(str))
    return source.map(dict(zip(distinct, ids)))


def build_events(
    frame: pd.DataFrame,
    columns: dict[str, str],
    label: str,
    unit: Unit,
    chain: Chain | None,
    geocode_progress: Callable[[int, int], None] | None,
) -> tuple[pd.DataFrame, list[Say]]:
    """Check every row, geocode the towns without coordinates, and map onto the events schema."""
    rows = _Rows(frame, columns, label, unit)
    dates, ends = _check_fields(rows)
    located, notes = _locate(rows, chain, geocode_progress)
    rows.raise_problems()

    wave = rows.get("wave").str.lower()
    if wave.isna().any():
        notes.append(say("no_wave", n=int(wave.isna().sum())))
        # a month of a year: September 2022 and September 2023 are two waves, not one
        wave = wave.fillna(dates.dt.month_name().str.lower() + " " + dates.dt.year.astype("string"))
    action_type = _vocabulary(rows.get("action_type"), schema.ACTION_TYPES)
    if action_type.isna().any():
        notes.append(say("no_action_type", n=int(action_type.isna().sum()), type=Word(DEFAULT_ACTION_TYPE)))
        action_type = action_type.fillna(DEFAULT_ACTION_TYPE)

    name, town, source = rows.get("workplace"), rows.get("location"), rows.get("source")
    sector = _vocabulary(rows.get("sector"), schema.SECTORS)
    remarks = rows.get("action_notes")
    missing = sector.isna()
    if missing.any():
        guessed, why = infer_sectors(
            pd.DataFrame({"workplace": name, "notes": rows.get("notes")}), ("workplace", "notes")
        )
        sector = sector.fillna(guessed)
        remarks = remarks.where(~missing, why.str.cat(remarks.fillna(""), sep="; ").str.rstrip("; "))
        unspecified = say("left_unspecified", n=int(guessed[missing].eq(UNSPECIFIED).sum()))
        notes.append(say("no_sector", n=int(missing.sum()), unspecified=unspecified))
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
