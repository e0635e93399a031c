"""The filtered events as tables a reader scans: one row per site, and the unlocated groups."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.compare import comparison_table, sites_per_wave
from ..core.i18n import Lang, t, wave_name, word
from ..data.placenames import localized_towns
from .markers import combinations
from .markup import date_label, status_names

# What a reader scans for first comes first, so the actions are read without scrolling sideways.
SITE_COLUMNS = ["name", "town", "status", "actions", "position", "sector", "oblast", "local_name", "quotes", "sources"]
COMPARISON_COLUMNS = ["status", "name", "town", "oblast", "sector"]


def _joined(site: pd.Series, values: pd.Series, order: pd.Index) -> list[str]:
    """Each site's distinct values (first seen first, missing ones left out) joined with " | ", in ``order``.

    One sort and a join per site: a groupby with a Python function per group took 2.8 s at 50,000 sites.
    """
    pairs = (
        pd.DataFrame(
            {
                "site": pd.Categorical(site.to_numpy(), categories=order).codes,
                "value": values.astype("string").to_numpy(),
            }
        )
        .dropna()
        .drop_duplicates()
    )
    pairs = pairs.sort_values("site", kind="stable")
    sites, texts = pairs["site"].to_numpy(), pairs["value"].to_numpy(dtype=object).tolist()
    starts = np.searchsorted(sites, np.arange(len(order) + 1)).tolist()
    return [" | ".join(texts[a:b]) for a, b in zip(starts[:-1], starts[1:])]


POSITIONS = {"site": "legend_site", "street": "pos_street", "town": "town_centre", "country": "pos_country"}


def site_table(events: pd.DataFrame, status: pd.Series, waves: tuple[str, str], lang: Lang) -> pd.DataFrame:
    """One row per site with the same facts as its popup, its words in ``lang``; sorted by name."""
    if events.empty:
        return pd.DataFrame(columns=SITE_COLUMNS)
    codes, kinds = combinations(
        events["date_start"], events["date_end"], events["action_type"]
    )  # a few: word each once
    labels = [f"{date_label(start, end, lang)}: {word(lang, kind)}" for start, end, kind in kinds]
    action = pd.Series(np.asarray(labels, dtype=object)[codes], index=events.index)
    table = events.groupby("site_id", sort=False)[
        ["name", "local_name", "town", "oblast", "sector", "precision"]
    ].first()
    table["actions"] = _joined(events["site_id"], action, table.index)
    table["quotes"] = _joined(events["site_id"], events["quote"], table.index)
    table["sources"] = _joined(events["site_id"], events["source_title"], table.index)
    table["status"] = status.reindex(table.index)
    table["position"] = [t(lang, POSITIONS[p]) if p in POSITIONS else t(lang, "pos_none") for p in table["precision"]]
    return _worded(table, waves, lang).sort_values("name").reset_index(drop=True)[SITE_COLUMNS]


def _worded(table: pd.DataFrame, waves: tuple[str, str], lang: Lang) -> pd.DataFrame:
    """Sectors, oblasts, towns and statuses as the map words them in ``lang``, and every missing text an
    empty cell (never "None")."""
    for column in ("sector", "oblast"):
        table[column] = table[column].map(lambda value: word(lang, value) if isinstance(value, str) else value)
    table["town"] = localized_towns(table["town"], lang)
    table["status"] = table["status"].map(status_names(waves, lang))
    return table.astype("object").where(table.notna(), "")


def comparison_rows(events: pd.DataFrame, waves: tuple[str, str], lang: Lang) -> pd.DataFrame:
    """The comparison's table in ``lang``: one row per site with its status, ordered as the story reads."""
    return _worded(comparison_table(events, waves).astype("object"), waves, lang)[COMPARISON_COLUMNS]


def sites_per_wave_chart(events: pd.DataFrame, by: str, waves: tuple[str, str], lang: Lang) -> pd.DataFrame:
    """Distinct sites per wave for each sector or oblast, in ``lang``, the waves in the map's order
    (so the chart takes the map's colours in that order)."""
    counts = sites_per_wave(events, by).reindex(columns=list(waves), fill_value=0)
    counts.index = [word(lang, value) for value in counts.index]
    counts.columns = [wave_name(lang, wave) for wave in waves]
    return counts


def unlocated(events: pd.DataFrame) -> pd.DataFrame:
    """Groups no town is named for ("doctors and nurses across Belarus"): listed, not mapped."""
    return events[events["lat"].isna()].drop_duplicates("site_id")
