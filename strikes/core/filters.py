"""The user's filters as one value: applied to the events frame, and round-tripped through a URL.

Keeping the filters in a frozen dataclass makes them hashable, so Streamlit's
caches can key on them, and lets the URL's query parameters carry a view that a
copied link reopens exactly.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace
from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd

# The multi-valued filters: URL parameter name -> events column.
CHOICE_COLUMNS: Mapping[str, str] = {
    "wave": "wave",
    "sector": "sector",
    "oblast": "oblast",
    "town": "town",
    "type": "action_type",
}


@dataclass(frozen=True)
class Filters:
    """What to show. An empty choice means 'all'; dates bound the actions' date ranges."""

    date_from: date | None = None
    date_to: date | None = None
    wave: tuple[str, ...] = ()
    sector: tuple[str, ...] = ()
    oblast: tuple[str, ...] = ()
    town: tuple[str, ...] = ()
    type: tuple[str, ...] = ()

    @classmethod
    def of(
        cls, choices: Mapping[str, Iterable[str]], date_from: date | None = None, date_to: date | None = None
    ) -> Filters:
        """The filters a reader chose: each choice column's values (a column not given: all), and the dates."""
        chosen: dict[str, Any] = {name: tuple(choices.get(name, ())) for name in CHOICE_COLUMNS}
        return cls(date_from=date_from, date_to=date_to, **chosen)

    def without(self, *names: str) -> Filters:
        """The same filters with some reset to 'all' (the comparison ignores wave and date)."""
        empty = Filters()
        return Filters(**{f.name: getattr(empty if f.name in names else self, f.name) for f in fields(self)})

    def to_query_params(self) -> dict[str, str | list[str]]:
        params: dict[str, str | list[str]] = {}
        if self.date_from:
            params["from"] = self.date_from.isoformat()
        if self.date_to:
            params["to"] = self.date_to.isoformat()
        for name in CHOICE_COLUMNS:
            if getattr(self, name):
                params[name] = list(getattr(self, name))
        return params

    @classmethod
    def from_query_params(
        cls, params: Mapping[str, str | list[str]], options: Mapping[str, list[str]] | None = None
    ) -> Filters:
        """Read filters from a URL; unknown values and malformed dates are dropped, not fatal.

        A shared link may outlive a dataset edit, so a value the data no longer
        has is ignored rather than leaving the reader with an empty map.
        """

        def values(name: str) -> tuple[str, ...]:
            raw = params.get(name, [])
            items = [raw] if isinstance(raw, str) else list(raw)
            known = None if options is None else set(options.get(name, []))
            return tuple(dict.fromkeys(v for v in items if known is None or v in known))

        def day(name: str) -> date | None:
            raw = params.get(name)
            text = raw if isinstance(raw, str) else (raw[0] if raw else None)
            try:
                return date.fromisoformat(text) if text else None
            except ValueError:
                return None

        return cls(day("from"), day("to"), **{name: values(name) for name in CHOICE_COLUMNS})


def options(events: pd.DataFrame) -> dict[str, list[str]]:
    """The values each choice filter can take in this data, sorted for the widgets."""
    return {name: sorted(events[column].dropna().unique().tolist()) for name, column in CHOICE_COLUMNS.items()}


# The story the playback tells: from the day of the rigged election to the end of the autumn's strikes.
PLAY_FROM, PLAY_TO = date(2020, 8, 9), date(2020, 11, 30)


def play_days(span: tuple[date, date]) -> tuple[date, date]:
    """The days the playback steps through: 9 August to 30 November 2020, widened to hold the data.

    Data of another time (an upload of 2023's strikes) plays over its own span.
    """
    if span[1] < PLAY_FROM or span[0] > PLAY_TO:
        return span
    return min(span[0], PLAY_FROM), max(span[1], PLAY_TO)


def action_days(events: pd.DataFrame, first: date, last: date) -> list[date]:
    """The days from ``first`` to ``last`` on which at least one of ``events`` is under way.

    One pass over the events (a count of actions starting and ending per day,
    summed), so a million events cost tens of milliseconds, not a filter per day.
    """
    origin = pd.Timestamp(first)
    length = (pd.Timestamp(last) - origin).days + 1
    start = ((events["date_start"].dt.normalize() - origin).dt.days.to_numpy()).clip(0, length)
    end = ((events["date_end"].dt.normalize() - origin).dt.days.to_numpy() + 1).clip(0, length)
    changes = np.zeros(length + 1, dtype=np.int64)
    np.add.at(changes, start, 1)
    np.add.at(changes, end, -1)
    under_way = np.cumsum(changes[:length]) > 0
    return [first + timedelta(days=int(k)) for k in np.flatnonzero(under_way)]


def mostly_quiet(days_with_action: int, first: date, last: date) -> bool:
    """Whether fewer than a third of the playable days have any action: then playback steps
    through the days with action only, rather than blanking the map on most of its days."""
    return 3 * days_with_action < (last - first).days + 1


def next_play_day(day: date, last: date, steps: list[date] | None) -> date | None:
    """The day playback shows after ``day``: the next of ``steps`` (days with action) when given,
    else the next day; None at the end."""
    if steps is None:
        return day + timedelta(days=1) if day < last else None
    return next((step for step in steps if step > day), None)


def on_day(filters: Filters, day: date) -> Filters:
    """The filters narrowed to the actions under way on one day (the playback's frame)."""
    return replace(filters, date_from=day, date_to=day)


def date_span(events: pd.DataFrame) -> tuple[date, date]:
    """The first and last day any action in the data covers."""
    return events["date_start"].min().date(), events["date_end"].max().date()


def apply(events: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The events that pass every filter, as one vectorised mask (no per-row Python)."""
    mask = pd.Series(True, index=events.index)
    if filters.date_from:
        mask &= events["date_end"] >= pd.Timestamp(filters.date_from)
    if filters.date_to:
        mask &= events["date_start"] <= pd.Timestamp(filters.date_to)
    for name, column in CHOICE_COLUMNS.items():
        chosen = getattr(filters, name)
        if chosen:
            mask &= events[column].isin(chosen)
    return events[mask]


def status_filters(filters: Filters) -> Filters:
    """The filters a wave comparison reads: every filter but wave and date.

    A site filtered to November must still say it struck in August too.
    """
    return filters.without("wave", "date_from", "date_to")


def across_waves(events: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The events a wave comparison reads (see status_filters)."""
    return apply(events, status_filters(filters))
