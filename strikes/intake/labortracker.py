"""A Cornell ILR Labor Action Tracker export as it comes, made into this map's upload columns.

The Tracker's variables name the employer, the industry, the city and state,
whether it was a strike or a protest, and a start and end date, written the
American way (3/1/2021). Industries (NAICS sectors) become the map's sectors;
an action with no address coordinates is placed at its city's centre in the
United States.
"""

from __future__ import annotations

import pandas as pd

from .contract import Convention
from .wording import Say, say

# Column names that only a Tracker export has together (after csvfile.column_key).
SIGNATURE = frozenset({"employer", "strike_or_protest"})
DEFAULT_COUNTRY = "United States"
# NAICS sector titles (as the Tracker writes them) and their first words -> the map's sectors.
INDUSTRIES = {
    "manufacturing": "manufacturing",
    "mining": "mining",
    "utilities": "energy",
    "construction": "construction",
    "transportation": "transport",
    "health care": "health",
    "educational services": "education",
    "arts": "culture",
    "information": "culture",
    "accommodation": "food",
    "agriculture": "forestry",
    "professional, scientific": "research",
    "public administration": "public services",
    "retail trade": "public services",
    "wholesale trade": "manufacturing",
}


def sector(industry: object) -> str | None:
    """The map's sector for a Tracker industry, or None when the table has none (then it is inferred)."""
    if not isinstance(industry, str):
        return None
    text = industry.strip().lower()
    return next((ours for theirs, ours in INDUSTRIES.items() if text.startswith(theirs)), None)


def us_date(values: pd.Series) -> pd.Series:
    """Tracker dates as ISO text: M/D/YYYY is read month first, as the Tracker writes it; others pass as they are."""
    parsed = pd.to_datetime(values, format="%m/%d/%Y", errors="coerce")
    return parsed.dt.strftime("%Y-%m-%d").where(parsed.notna(), values)


def to_upload_columns(frame: pd.DataFrame, labour_only: bool = False) -> tuple[pd.DataFrame, list[Say]]:
    """The Tracker's cells as this map's upload columns, and notes on what was made up for them
    (every Tracker row is a labour action, so ``labour_only`` keeps them all)."""
    out = pd.DataFrame(index=frame.index)
    notes: list[Say] = []
    if "event_id" in frame:
        out["event_id"] = frame["event_id"]
    else:
        out["event_id"] = "lat-row-" + frame.index.astype(str)
        notes.append(say("tracker_no_id"))
    # the Tracker's own names where the upload columns take them, so an error names the user's column
    for column in ("employer", "city", "state", "approximate_number_of_participants"):
        out[column] = frame.get(column)
    out["sector"] = frame["industry"].map(sector) if "industry" in frame else None
    out["country"] = DEFAULT_COUNTRY
    out["start_date"] = us_date(frame["start_date"]) if "start_date" in frame else None
    out["end_date"] = us_date(frame["end_date"]) if "end_date" in frame else None
    out["action_type"] = frame["strike_or_protest"].str.lower().str.split().str[0]
    out["latitude"] = frame.get("latitude")
    out["longitude"] = frame.get("longitude")
    source = frame.get("source", pd.Series(None, index=frame.index, dtype="str"))
    is_url = source.str.match(r"https?://", case=False).fillna(False).astype(bool)
    out["source"] = source.where(
        ~is_url, "Labor Action Tracker: " + source.str.extract(r"https?://([^/]+)", expand=False)
    )
    out["source_url"] = source.where(is_url)
    demands = frame.get("worker_demands", pd.Series(None, index=frame.index, dtype="str"))
    remarks = frame.get("notes", pd.Series(None, index=frame.index, dtype="str"))
    out["notes"] = ("Demands: " + demands).fillna("").str.cat(remarks.fillna(""), sep=" ").str.strip().replace("", None)
    union = frame.get("labor_organization", pd.Series(None, index=frame.index, dtype="str"))
    out["local_name"] = union
    return out.dropna(axis="columns", how="all"), notes


CONVENTION = Convention(say("tracker_export"), SIGNATURE, to_upload_columns)
