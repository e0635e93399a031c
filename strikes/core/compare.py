"""August against November: which sites struck in one wave, in the other, or in both.

Written for two named waves rather than for 'august' and 'november' so that
an uploaded dataset with its own waves gets the same comparison.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

BOTH = "both"
# The second "wave" of data that has only one, so that one-wave uploads map the same way.
NO_SECOND_WAVE = "no second wave"
# A site seen only in waves beyond the two compared (an upload may have three or more).
OTHER_WAVES = "other waves only"


def waves_in_order(events: pd.DataFrame) -> list[str]:
    """Every wave of the data, the one that began first first."""
    return list(events.groupby("wave")["date_start"].min().sort_values().index)


def wave_sizes(events: pd.DataFrame) -> dict[str, int]:
    """How many sites struck in each wave: an upload's waves differ a lot (a month of one site beside a month
    of hundreds), and the default comparison is of the largest two."""
    return {str(wave): int(count) for wave, count in events.groupby("wave")["site_id"].nunique().items()}


def wave_pair(events: pd.DataFrame, chosen: Sequence[str | None] = ()) -> tuple[str, str]:
    """The two waves to compare: the reader's ``chosen`` pair where the data has both and they differ,
    else the two with the most sites, in time order (the curated data's August and November; an upload
    may hold more, or one)."""
    return pick_pair(waves_in_order(events), chosen, wave_sizes(events))


def pick_pair(
    order: Sequence[str], chosen: Sequence[str | None] = (), sizes: Mapping[str, int] | None = None
) -> tuple[str, str]:
    """wave_pair for waves already in time order (``waves_in_order``) with their ``sizes`` (``wave_sizes``;
    None: the first two in time). Of waves the same size, the earlier is taken."""
    if not order:
        raise ValueError("there are no events, so no waves to compare")
    first, second = (list(chosen) + [None, None])[:2]
    if first in order and second in order and first != second:
        return (str(first), str(second))
    if len(order) == 1:
        return (order[0], NO_SECOND_WAVE)
    ranked = sorted(range(len(order)), key=lambda k: -(sizes or {}).get(order[k], 0))  # stable: ties keep time order
    earlier, later = sorted(ranked[:2])
    return (order[earlier], order[later])


def status_labels(waves: tuple[str, str]) -> tuple[str, str, str]:
    """In the order a reader follows the story: the first wave only, both, the second only."""
    return (f"{waves[0]} only", BOTH, f"{waves[1]} only")


def site_status(events: pd.DataFrame, waves: tuple[str, str]) -> pd.Series:
    """Each site's status across the two waves (sites in neither wave are left out).

    Counted over integer site codes, not strings: this runs on every rerun,
    for up to a hundred thousand events.
    """
    first, second = waves
    codes, sites = pd.factorize(events["site_id"])
    wave = events["wave"].to_numpy()
    seen_first = np.bincount(codes[wave == first], minlength=len(sites)) > 0
    seen_second = np.bincount(codes[wave == second], minlength=len(sites)) > 0
    only_first, both, only_second = status_labels(waves)
    labels = np.where(seen_first & seen_second, both, np.where(seen_first, only_first, only_second))
    keep = seen_first | seen_second
    status = pd.Series(labels[keep], index=pd.Index(sites[keep], name="site_id"), name="status", dtype="object")
    return status.sort_index()


def comparison_table(events: pd.DataFrame, waves: tuple[str, str]) -> pd.DataFrame:
    """One row per site with its status, ordered as the story reads."""
    status = site_status(events, waves)
    sites = events.drop_duplicates("site_id").set_index("site_id")[["name", "town", "oblast", "sector"]]
    table = sites.join(status, how="inner").reset_index()
    table["status"] = pd.Categorical(table["status"], categories=status_labels(waves), ordered=True)
    return table.sort_values(["status", "name"], ignore_index=True)[
        ["status", "site_id", "name", "town", "oblast", "sector"]
    ]


def status_counts(events: pd.DataFrame, waves: tuple[str, str]) -> pd.Series:
    """How many sites have each status, every status present even at zero."""
    return site_status(events, waves).value_counts().reindex(status_labels(waves), fill_value=0).rename("sites")


def sites_per_wave(events: pd.DataFrame, by: str) -> pd.DataFrame:
    """Distinct sites per wave for each value of ``by`` (sector, oblast...), for a chart."""
    counts = events.drop_duplicates(["site_id", "wave"]).pivot_table(
        index=by, columns="wave", values="site_id", aggfunc="count", fill_value=0
    )
    counts.columns.name = "wave"
    return counts.astype("int64")


def what_changed(counts: pd.Series, waves: tuple[str, str]) -> dict[str, int]:
    """The comparison's one sentence, as numbers: the sites of the first wave, how many of them struck again
    in the second, and how many joined in the second only (``counts`` is status_counts')."""
    only_first, both, only_second = (int(counts.get(label, 0)) for label in status_labels(waves))
    return {"first": only_first + both, "again": both, "joined": only_second}
