"""The filtered events as tables a reader scans: one row per site, and the unlocated groups."""

from __future__ import annotations

import pandas as pd

from .pagetext import date_label

SITE_COLUMNS = ["name", "local_name", "town", "oblast", "sector", "status", "position", "actions",
                "quotes", "sources"]


def _joined(values: pd.Series) -> str:
    return " | ".join(dict.fromkeys(str(v) for v in values if pd.notna(v)))


def site_table(events: pd.DataFrame, status: pd.Series) -> pd.DataFrame:
    """One row per site with the same facts as its popup; sorted by name."""
    if events.empty:
        return pd.DataFrame(columns=SITE_COLUMNS)
    described = events.assign(
        action=[f"{date_label(s, e)}: {t}" for s, e, t in
                zip(events["date_start"], events["date_end"], events["action_type"])],
    )
    grouped = described.groupby("site_id", sort=False)
    table = grouped[["name", "local_name", "town", "oblast", "sector", "precision"]].first()
    table["actions"] = grouped["action"].agg(_joined)
    table["quotes"] = grouped["quote"].agg(_joined)
    table["sources"] = grouped["source_title"].agg(_joined)
    table["status"] = status.reindex(table.index)
    table["position"] = table["precision"].map({"site": "workplace", "town": "town centre"}).fillna("not located")
    return table.sort_values("name").reset_index(drop=True)[SITE_COLUMNS]


def unlocated(events: pd.DataFrame) -> pd.DataFrame:
    """Groups no town is named for ("doctors and nurses across Belarus"): listed, not mapped."""
    return events[events["lat"].isna()].drop_duplicates("site_id")
