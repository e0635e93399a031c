"""Load the curated Belarus dataset from geodata/ into one validated events frame.

The curated files are human-edited, so a mistake in them must come back as a
message naming the file, row and field rather than as a stack trace from deep
inside pandas.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pandas as pd
import pandera.errors
import pandera.pandas

from ..core import schema
from ..core.problems import ProblemsError
from ..core.quote import excerpt
from .cache import CACHE_PATH, GEODATA, GeoQuery, GeoResult, read_cache


class DatasetError(ProblemsError):
    """The curated data is wrong; the message says where, in words a data editor can act on."""


@dataclass(frozen=True)
class Source:
    """Where a source table came from, so that errors can name it."""

    label: str
    first_row: int = 2  # a CSV's first data row is line 2, under the header


def _describe_failures(err: pandera.errors.SchemaErrors, where: Source) -> list[str]:
    problems = []
    for case in err.failure_cases.itertuples(index=False):
        row = "" if pd.isna(case.index) else f" row {int(case.index) + where.first_row},"
        field = case.column if isinstance(case.column, str) else "(whole table)"
        value = "" if pd.isna(case.failure_case) else f" (got {excerpt(case.failure_case)})"
        problems.append(f"{where.label}:{row} field {field}: fails {case.check}{value}")
    return problems


def validate(frame: pd.DataFrame, table: pandera.pandas.DataFrameSchema, where: Source) -> pd.DataFrame:
    """Check a frame against a schema, collecting every problem before raising."""
    try:
        return table.validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as err:
        raise DatasetError(_describe_failures(err, where)) from None


def read_table(source: Path | IO[bytes]) -> pd.DataFrame:
    """A CSV with every cell as text and empty cells as missing, for the schema to coerce."""
    frame = pd.read_csv(source, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    return frame.replace({"": pd.NA})


def _reject_rows(frame: pd.DataFrame, column: str, bad: pd.Series, where: Source, expected: str) -> None:
    """Raise a DatasetError naming each row where ``bad`` holds, with the cell it got."""
    if bad.any():
        raise DatasetError(
            [
                f"{where.label}: row {i + where.first_row}, field {column}: "
                f"expected {expected} (got {excerpt(frame[column][i])})"
                for i in frame.index[bad]
            ]
        )


def parse_dates(frame: pd.DataFrame, column: str, where: Source) -> pd.Series:
    """ISO dates, or a DatasetError naming each row whose cell is not one."""
    parsed = pd.to_datetime(frame[column], format="ISO8601", errors="coerce")
    _reject_rows(frame, column, parsed.isna() & frame[column].notna(), where, "a YYYY-MM-DD date")
    return parsed.astype("datetime64[ns]")


def parse_bool(frame: pd.DataFrame, column: str, where: Source) -> pd.Series:
    """true/false cells (any case) as booleans, or a DatasetError naming each row that is neither."""
    values = frame[column].str.strip().str.lower()
    _reject_rows(frame, column, ~values.isin(["true", "false"]), where, "true or false")
    return values.eq("true")


def load_sources(geodata: Path = GEODATA) -> pd.DataFrame:
    where = Source("sources.csv")
    return validate(read_table(geodata / "sources.csv"), schema.SOURCES, where)


def load_sites(geodata: Path = GEODATA) -> pd.DataFrame:
    where = Source("sites.csv")
    frame = read_table(geodata / "sites.csv")
    if "is_group" in frame:
        frame["is_group"] = parse_bool(frame, "is_group", where)
    return validate(frame, schema.SITES, where)


def load_actions(geodata: Path = GEODATA) -> pd.DataFrame:
    return validate(read_table(geodata / "actions.csv"), schema.ACTIONS, Source("actions.csv"))


def site_query(site: pd.Series) -> GeoQuery | None:
    """The geocoding query for a site row; None for a group no town is named for."""
    if pd.isna(site["town"]):
        return None
    query = None if pd.isna(site["site_query"]) else site["site_query"]
    return GeoQuery(town=site["town"], oblast=site["oblast"], site=query)


def curated_points(sites: pd.DataFrame) -> dict[str, GeoResult]:
    """The curated coordinates by site id, each with its precision and the page that states it."""
    curated = sites[sites["curated_lat"].notna()]
    return {
        row.site_id: GeoResult(row.curated_lat, row.curated_lon, row.precision, row.coord_source, "")
        for row in curated.itertuples()
    }


def locate_sites(sites: pd.DataFrame, cache: dict[str, GeoResult]) -> pd.DataFrame:
    """lat, lon, precision and geocode_source per site: curated first, then the cache."""
    rows, missing, mismatched = [], [], []
    curated = curated_points(sites)
    for _, site in sites.iterrows():
        query = site_query(site)
        if site["site_id"] in curated:
            found = curated[site["site_id"]]
        elif query is None:
            found = None
        elif query.key in cache:
            found = cache[query.key]
            if found.precision != site["precision"]:
                mismatched.append(
                    f"{site['site_id']} is {site['precision']} in sites.csv, {found.precision} in the cache"
                )
        else:
            missing.append(site["site_id"])
            continue
        rows.append(
            {
                "site_id": site["site_id"],
                "lat": found.lat if found else None,
                "lon": found.lon if found else None,
                "precision": found.precision if found else None,
                "geocode_source": found.source if found else None,
            }
        )
    if missing:
        raise DatasetError(
            [
                f"{len(missing)} site(s) have no coordinates in geodata/geocache.json: "
                f"{', '.join(missing)}; run `make geocode`"
            ]
        )
    if mismatched:
        raise DatasetError([f"sites.csv: the precision does not match the point: {m}" for m in mismatched])
    return pd.DataFrame(rows, columns=["site_id", "lat", "lon", "precision", "geocode_source"])


def build_events(
    sites: pd.DataFrame, actions: pd.DataFrame, sources: pd.DataFrame, located: pd.DataFrame
) -> pd.DataFrame:
    """Join actions to their sites and sources: the flat frame the rest of the package uses."""
    problems = [
        f"actions.csv: row {i + 2}, field {column}: unknown {column} {value!r}"
        for column, known in (("site_id", sites["site_id"]), ("source_id", sources["source_id"]))
        for i, value in actions[column].items()
        if value not in set(known)
    ]
    if problems:
        raise DatasetError(problems)
    site_fields = sites.drop(
        columns=["site_query", "curated_lat", "curated_lon", "precision", "coord_source", "curated_note"]
    )
    site_fields = site_fields.rename(columns={"notes": "site_notes"}).merge(located, on="site_id")
    source_fields = sources[["source_id", "title", "url"]].rename(
        columns={"title": "source_title", "url": "source_url"}
    )
    events = (
        actions.rename(columns={"action_id": "event_id"})
        .merge(site_fields, on="site_id", how="left", validate="many_to_one")
        .merge(source_fields, on="source_id", how="left", validate="many_to_one")
    )
    return validate(events[list(schema.EVENT_COLUMNS)], schema.EVENTS, Source("events"))


def load_events(geodata: Path = GEODATA, cache_path: Path = CACHE_PATH) -> pd.DataFrame:
    """The curated dataset, one row per action, every row located or knowingly unlocated."""
    sites = load_sites(geodata)
    located = locate_sites(sites, read_cache(cache_path))
    return build_events(sites, load_actions(geodata), load_sources(geodata), located)
