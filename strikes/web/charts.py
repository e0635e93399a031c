"""What the comparison's bar charts say to a screen reader, in the reader's language.

Vega names a chart "Vega visualization" and its bars "value -- streamlit-generated: 6; index -- …", in
English whatever the page's language; the chart's accessible name (st.bar_chart's ``alt``) says instead
what a sighted reader sees: each group's sites in each wave.
"""

from __future__ import annotations

import pandas as pd

from ..core.i18n import Lang, t


def chart_description(counts: pd.DataFrame, title: str, lang: Lang) -> str:
    """``counts`` (a row per sector or oblast, a column per wave, as tables.sites_per_wave_chart makes them)
    as one sentence under the chart's ``title``: "Sites by sector, sites in each wave: chemicals: August 6,
    November 1; …"."""
    groups = (
        f"{group}: " + ", ".join(f"{wave} {int(count)}" for wave, count in row.items())
        for group, row in counts.iterrows()
    )
    return t(lang, "chart_description", title=title, counts="; ".join(groups))
