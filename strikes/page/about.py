"""What the map says about itself: its sources, how its points were placed, its two waves, how to cite it.

A newsroom publishes a map only when it can say where the data comes from and
how far to trust each point; this is that text, made from the data in the
reader's language, for the page's "About this map" and the exports' citation.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import quote

import pandas as pd

from ..core.i18n import Lang, long_date, t
from ..core.publicurl import public_url
from ..core.schema import CURATED_PRECISIONS
from ..data.cache import GEODATA
from .elements import markdown_text as md

UPDATED_PATH = GEODATA / "updated.txt"  # the day the curated data last changed, written by whoever changes it
LICENCE = "CC BY 4.0"
URL_SAFE = ":/?#[]@!$&'*+,;=%-._~"  # a link's own characters; spaces and parentheses, which would end it, are coded


def updated() -> date:
    """The day the curated dataset was last updated."""
    return date.fromisoformat(UPDATED_PATH.read_text(encoding="utf-8").strip())


def citation(url: str, lang: Lang) -> str:
    """How to cite the map: its title, the data's date, its address and the data's licence (plain text).

    Only a public address is printed (strikes.core.publicurl): without one, the title and date alone, never
    the address of the machine that made the page."""
    address, day = public_url(url), long_date(lang, updated())
    if not address:
        return t(lang, "cite_bare", title=t(lang, "title"), updated=day, licence=LICENCE)
    return t(lang, "cite", title=t(lang, "title"), updated=day, url=address, licence=LICENCE)


def placing(events: pd.DataFrame) -> dict[str, int]:
    """How the sites were placed: at the workplace itself, at a town centre, or not at all."""
    sites = events.drop_duplicates("site_id")
    return {
        "sites": len(sites),
        "site": int(sites["precision"].isin(CURATED_PRECISIONS).sum()),
        "town": int(sites["precision"].eq("town").sum()),
        "none": int(sites["lat"].isna().sum()),
    }


def about_markdown(events: pd.DataFrame, sources: pd.DataFrame, url: str, lang: Lang) -> str:
    """The curated map's "About this map", as Streamlit markdown; every value from the data escaped."""
    articles = [
        f"- *{md(row.title)}*, {md(row.publisher)}, {md(long_date(lang, row.published.date()))}: "
        f"[{md(row.url)}]({quote(row.url, safe=URL_SAFE)})"
        for row in sources.sort_values("published").itertuples()
    ]
    url = public_url(url)
    cite = md(citation(url, lang))
    if url:  # the address as a link of its own: escaped text would carry its backslashes into an autolink
        cite = cite.replace(md(url), f"[{md(url)}]({quote(url, safe=URL_SAFE)})")
    return "\n\n".join(
        [
            f"**{md(t(lang, 'about_sources'))}**\n\n" + "\n".join(articles),
            f"**{md(t(lang, 'about_points_title'))}** {md(t(lang, 'about_points', **placing(events)))}",
            f"**{md(t(lang, 'about_waves_title'))}** {md(t(lang, 'about_waves'))}",
            f"**{md(t(lang, 'about_cite_title'))}** {cite}",
            md(t(lang, "about_licence", licence=LICENCE, updated=long_date(lang, updated()))),
        ]
    )
