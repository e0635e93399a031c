"""The page's address: what a copied link carries, read and written by one codec.

A link is anyone's text, so reading it keeps only what this data can show (a
known sector, a date inside the data, a sane map view) and drops the rest
without a word: the values never reach the page except as the widgets' own
choices. Writing is the same fields the other way, so a reader's link reopens
their page: ``read(write(address)) == address`` for every address ``read`` makes.
Nothing here touches Streamlit: the page reads st.query_params into a plain
mapping and writes back what ``write`` returns.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from ..core import filters, i18n
from ..core.filters import Filters
from ..core.i18n import Lang
from ..page.mapview import View

# The page's two views: the main map, and the two waves side by side.
VIEWS = ("map", "compare")
Params = Mapping[str, Sequence[str]]


@dataclass(frozen=True)
class Address:
    """What the link says: the language, the filters, the view, the day shown, the waves compared, the map's view.

    The language has no default (as everywhere a reader is worded for): a link without one reads as i18n.DEFAULT.
    """

    lang: Lang
    filters: Filters = field(default_factory=Filters)
    view: str = "map"  # one of VIEWS
    day: date | None = None  # day by day, on this day; None: the filters' date range
    pair: tuple[str, str] | None = None  # the two waves compared, where the reader may pick them
    map_view: View | None = None  # None: the map fits the data


def first(params: Params, key: str) -> str | None:
    """A single-valued parameter: its first value (a link may repeat it), or None."""
    values = params.get(key) or []
    return values[0] if values else None


def read_language(params: Params) -> Lang:
    """The link's language, read apart from the rest: the page speaks it before the data is loaded."""
    return i18n.language(first(params, "lang"))


def read_view(params: Params) -> str:
    """The link's view, one of VIEWS (the map unless it names another); the skip links ask before the data is read."""
    view = first(params, "view")
    return view if view in VIEWS else "map"


def read(params: Params, options: Mapping[str, list[str]], span: tuple[date, date]) -> Address:
    """The address in ``params``, for data with these filter ``options`` and date ``span``."""
    chosen = Filters.from_query_params({key: list(values) for key, values in params.items()}, options)
    start = max(chosen.date_from or span[0], span[0])
    end = min(chosen.date_to or span[1], span[1])
    if start > end:
        start, end = span
    dated = Filters.of(
        {name: getattr(chosen, name) for name in filters.CHOICE_COLUMNS},
        date_from=None if start == span[0] else start,
        date_to=None if end == span[1] else end,
    )
    return Address(
        lang=read_language(params),
        filters=dated,
        view=read_view(params),
        day=_day(first(params, "day"), filters.play_days(span)),
        pair=_pair(params.get("pair") or [], options.get("wave", [])),
        map_view=_view(params),
    )


def write(address: Address) -> dict[str, str | list[str]]:
    """The query parameters that ``read`` takes back to ``address``; a default is left out."""
    view = address.map_view
    return {
        **address.filters.to_query_params(),
        **({"day": address.day.isoformat()} if address.day else {}),
        **({"view": address.view} if address.view != "map" else {}),
        **({"pair": list(address.pair)} if address.pair else {}),
        **({"lang": address.lang} if address.lang != i18n.DEFAULT else {}),
        **(view.to_query_params() if view is not None else {}),
    }


def _day(text: str | None, playable: tuple[date, date]) -> date | None:
    """A day the playback can show, or None."""
    try:
        day = date.fromisoformat(text or "")
    except ValueError:
        return None
    return day if playable[0] <= day <= playable[1] else None


def _view(params: Params) -> View | None:
    """The link's map view, to the five decimals (about a metre) that ``write`` keeps."""
    view = View.from_query_params({key: list(params.get(key) or []) for key in ("lat", "lon", "z")})
    return None if view is None else replace(view, lat=round(view.lat, 5), lon=round(view.lon, 5))


def _pair(values: Sequence[str], waves: Sequence[str]) -> tuple[str, str] | None:
    """Two different waves of the data, or None (the page then compares its first two)."""
    if len(values) < 2 or values[0] == values[1] or not {values[0], values[1]} <= set(waves):
        return None
    return (values[0], values[1])
