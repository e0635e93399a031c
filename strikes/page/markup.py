"""The markup made from the data: popups, tooltips, the legend, titles, source lists and date labels.

Every value joins it escaped (strikes.page.elements.text) and every link checked
(safe_url), so this module builds HTML strings and never a template.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from ..core.compare import BOTH, OTHER_WAVES, status_labels
from ..core.i18n import Lang, long_date, t, wave_name, word
from ..core.schema import CURATED_PRECISIONS
from ..data.datawords import data_text, other_name, position_source, site_name
from ..data.placenames import town_name
from .elements import safe_url, text
from .icons import BOTH_COLOUR, FIRST_COLOUR, OTHER_COLOUR, SECOND_COLOUR, shape_path


def date_label(start: pd.Timestamp, end: pd.Timestamp, lang: Lang) -> str:
    """A date or a span, as a reader writes it: 10–14 Aug 2020, 10–14 жніўня 2020."""

    def day(when: pd.Timestamp, month: bool = True, year: bool = True) -> str:
        if lang == "en":
            return f"{when:%d}" + (f" {when:%b}" if month else "") + (f" {when:%Y}" if year else "")
        day_month_year = long_date(lang, when.date()).split(" ")
        return " ".join(day_month_year[: 3 if month and year else 2 if month else 1])

    if start == end:
        return day(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{day(start, month=False, year=False)}–{day(end)}"
    return f"{day(start)}–{day(end)}"


def position_label(precision: Any, is_group: Any, lang: Lang) -> str:
    """How far to trust a point, in words for its popup.

    A group (drivers across a city, a city's universities) is at its town by
    nature, not for want of data, and says so.
    """
    if precision == "town" and is_group is True:
        return t(lang, "pos_group")
    return t(lang, f"pos_{precision}") if precision in ("site", "street", "town", "country") else t(lang, "pos_none")


def status_letters(waves: tuple[str, str], lang: Lang) -> dict[str, str]:
    """The letter drawn on a marker for each status, a second cue beside the colour: each wave's initial
    in the reader's language (A and N in English; Ж and Л in Belarusian; А and Н in Russian)."""
    first, second = (word(lang, w)[:1].upper() for w in waves)
    if first == second:  # September 2022 and September 2023, or two waves that start alike: their order
        first, second = "1", "2"
    only_first, both, only_second = status_labels(waves)
    return {only_first: first, both: f"{first}{second}", only_second: second, OTHER_WAVES: "·"}


def marker_svg(sector: str, status: str, precision: str, waves: tuple[str, str], size: int = 26, *, lang: Lang) -> str:
    """An inline SVG marker: shape from the sector, fill from the status, outline from precision.

    A point at the workplace (or its street address) is solid; one placed at a
    town centre is hollow, a dashed outline with a pale fill, so a reader sees
    at once that it is approximate.
    """
    only_first, both, only_second = status_labels(waves)
    fills = {only_first: FIRST_COLOUR, both: "url(#split)", only_second: SECOND_COLOUR, OTHER_WAVES: OTHER_COLOUR}
    if precision in ("site", "street"):
        stroke = 'stroke="#1a1a1a" stroke-width="1.6" fill-opacity="1"'
        letter_fill = "#fff"
    else:
        stroke = 'stroke="#1a1a1a" stroke-width="1.6" stroke-dasharray="2.5 1.8" fill-opacity="0.3"'
        letter_fill = "#1a1a1a"
    letter = text(status_letters(waves, lang)[status])
    font = 8.5 if len(letter) > 1 else 10
    halo = "#000" if letter_fill == "#fff" else "#fff"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 24 24" '
        'aria-hidden="true" focusable="false">'
        f'<defs><linearGradient id="split"><stop offset="50%" stop-color="{FIRST_COLOUR}"/>'
        f'<stop offset="50%" stop-color="{SECOND_COLOUR}"/></linearGradient></defs>'
        f'<path d="{shape_path(sector)}" fill="{fills[status]}" {stroke}/>'
        f'<text x="12" y="12" dy="0.35em" text-anchor="middle" font-family="DejaVu Sans, Arial, sans-serif" '
        f'font-size="{font}" font-weight="bold" fill="{letter_fill}" stroke="{halo}" stroke-width="0.6" '
        f'paint-order="stroke">{letter}</text></svg>'
    )


def popup_html(actions: list[dict[str, Any]], lang: Lang) -> str:
    """Why this point is on the map: the site, how it was located, and each action in the source's words.

    The site's name, notes, sizes and position's source are in ``lang`` where the dataset has them, the
    workplace's own (or English) name under its name.
    """
    site = actions[0]
    name = site_name(lang, site["name"], site["local_name"])
    other = other_name(lang, site["name"], site["local_name"])
    local = f'<div class="local">{text(other)}</div>' if text(other) else ""
    oblast = word(lang, site["oblast"]) if text(site["oblast"]) else ""
    place = ", ".join(p for p in (text(town_name(site["town"], lang)), text(oblast)) if p)
    where = text(position_label(site["precision"], site["is_group"], lang))
    parts = [
        f'<div class="strike-popup"><b>{text(name)}</b>{local}',
        f"<div>{place} &middot; {text(word(lang, site['sector']))}</div>",
        f'<div class="where"><i>{text(t(lang, "position_label"))}: {where}</i> ({text(position_source(lang, site["geocode_source"]))})</div>',
    ]
    if text(site["site_notes"]):
        parts.append(f'<div class="note">{text(data_text(lang, site["site_notes"]))}</div>')
    for action in actions:
        size = f" &middot; {text(data_text(lang, action['size']))}" if text(action["size"]) else ""
        url = safe_url(action["source_url"])
        title = text(action["source_title"])
        source = f'<a href="{url}" target="_blank" rel="noopener">{title}</a>' if url else title
        note = f'<div class="note">{text(data_text(lang, action["notes"]))}</div>' if text(action["notes"]) else ""
        parts.append(
            f'<div class="action"><b>{date_label(action["date_start"], action["date_end"], lang)}</b> '
            f"&middot; {text(word(lang, action['wave']))} &middot; {text(word(lang, action['action_type']))}{size}"
            f"<blockquote>&ldquo;{text(action['quote'])}&rdquo;</blockquote>"
            f'<div class="source">{source}</div>{note}</div>'
        )
    parts.append("</div>")
    return "".join(parts)


def tooltip_html(name: Any, precision: Any, lang: Lang) -> str:
    """A marker's hover text: its name, and that it is approximate where it is."""
    return text(name) + (f" ({text(t(lang, 'town_centre'))})" if precision == "town" else "")


def spoken_name(name: Any, town: Any, status: str, position: str) -> str:
    """A marker's name for screen readers: the site, its town, what it did and how exactly it is placed
    ("Belaruskali, Salihorsk: Both August and November; placed at the town centre"), as plain text."""
    place = f"{name}, {town}" if isinstance(town, str) and town else str(name)
    return f"{place}: {status}; {position}"


def map_description(statuses: pd.Series, precisions: pd.Series, waves: tuple[str, str], lang: Lang) -> str:
    """What the map shows, in words, for readers who cannot see it (as Datawrapper's alternative
    description): how many sites, how many of each status, and how many are at their workplace."""
    if statuses.empty:
        return t(lang, "describe_none")
    names = status_names(waves, lang)
    counts = statuses.value_counts()
    parts = [f"{names[status]}: {int(counts[status])}" for status in names if status in counts.index]
    return t(
        lang,
        "describe",
        count=len(statuses),
        statuses="; ".join(parts),
        site=int(precisions.isin(CURATED_PRECISIONS).sum()),
        town=int(precisions.eq("town").sum()),
    )


def spoken_statuses(waves: tuple[str, str], lang: Lang) -> dict[str, str]:
    """Each status as a marker's name says it, with the letter the marker shows ("Both August and November — AN"),
    so what a reader sees on a marker is in the name a screen reader speaks (WCAG 2.5.3)."""
    letters = status_letters(waves, lang)
    return {status: f"{name} — {letters[status]}" for status, name in status_names(waves, lang).items()}


def status_names(waves: tuple[str, str], lang: Lang) -> dict[str, str]:
    """Each status as the legend, the popups and screen readers word it ("Both August and November")."""
    labels = status_labels(waves)
    first, second = (wave_name(lang, w) for w in waves)
    return {
        labels[0]: t(lang, "only", wave=first),
        BOTH: t(lang, "both", first=first, second=second),
        labels[2]: t(lang, "only", wave=second),
        OTHER_WAVES: t(lang, "other_waves"),
    }


def _legend_keys(
    waves: tuple[str, str], sectors: Iterable[str], statuses: Iterable[str], lang: Lang, size: int
) -> list[tuple[str, list[tuple[str, str]]]]:
    """The key to the markers as (heading, [(symbol's SVG or HTML, its words, escaped)]) for each part: the
    statuses on this map and the cluster's pie, the two outlines, the sectors on this map."""
    labels = status_labels(waves)
    names = status_names(waves, lang)
    present = set(statuses)
    struck = [
        (marker_svg("", status, "site", waves, size, lang=lang), text(names[status]))
        for status in (*labels, OTHER_WAVES)
        if status in present
    ]
    pie = f'<span class="strike-cluster" style="width:{size}px;height:{size}px;display:inline-block">{pie_svg(size)}</span>'

    placed = [
        (marker_svg("", labels[0], precision, waves, size, lang=lang), text(t(lang, key)))
        for precision, key in (("site", "legend_site"), ("town", "legend_town"))
    ]
    kinds = [
        (marker_svg(sector, labels[0], "site", waves, size - 2, lang=lang), text(word(lang, sector)))
        for sector in sectors
    ]
    # data of more waves than the two compared (an upload's months) says which two the colours are
    compared = t(lang, "legend_compared", first=wave_name(lang, waves[0]), second=wave_name(lang, waves[1]))
    return [
        (
            text(compared if OTHER_WAVES in present else t(lang, "struck_in")),
            [*struck, (pie, text(t(lang, "cluster")))],
        ),
        (text(t(lang, "position")), placed),
        (text(t(lang, "sector")), kinds),
    ]


def legend_html(
    waves: tuple[str, str], sectors: Iterable[str], statuses: Iterable[str], open_: bool = True, *, lang: Lang
) -> str:
    """The key to the markers, folding, for a corner of the map: the statuses and sectors on this map,
    and the two outlines."""
    parts = [f"<details{' open' if open_ else ''}><summary><b>{text(t(lang, 'legend'))}</b></summary>"]
    for n, (heading, keys) in enumerate(_legend_keys(waves, sectors, statuses, lang, 18)):
        rows = "".join(f'<div class="row">{symbol}{words}</div>' for symbol, words in keys)
        space = ' style="margin-top:5px"' if n else ""
        # the sectors, the last part, in two columns
        parts.append(f"<h2{space}>{heading}</h2>" + (f'<div class="cols">{rows}</div>' if n == 2 else rows))
    parts.append("</details>")
    return "".join(parts)


def legend_strip_html(waves: tuple[str, str], sectors: Iterable[str], statuses: Iterable[str], lang: Lang) -> str:
    """The same key as a few wrapping lines, for a snapshot's footer: under the map, never over it."""
    lines = [
        f'<div class="strike-key"><b>{heading}:</b> '
        + " ".join(f'<span class="item">{symbol}{words}</span>' for symbol, words in keys)
        + "</div>"
        for heading, keys in _legend_keys(waves, sectors, statuses, lang, 14)
    ]
    return f'<h2 class="strike-sr">{text(t(lang, "legend"))}</h2>' + "".join(lines)


def heading_html(title: str) -> str:
    """A one-line heading, such as a wave's name over its half of the comparison."""
    return f"<h2>{text(title)}</h2>"


def pie_svg(size: int) -> str:
    """The legend's sample cluster: a pie of the three statuses as SVG slices (as static/js/strike-sites.js
    draws a cluster's), which a PDF or SVG of the key keeps as vectors."""
    r = size / 2

    def point(turn: float) -> str:
        return f"{r + r * math.sin(2 * math.pi * turn):.2f} {r - r * math.cos(2 * math.pi * turn):.2f}"

    slices, at = [], 0.0
    for colour, share in ((FIRST_COLOUR, 150 / 360), (BOTH_COLOUR, 90 / 360), (SECOND_COLOUR, 120 / 360)):
        slices.append(f'<path d="M{r} {r}L{point(at)}A{r} {r} 0 0 1 {point(at + share)}Z" fill="{colour}"/>')
        at += share
    return (
        f'<svg width="{size}" height="{size}" viewBox="0 0 {size} {size}" aria-hidden="true" focusable="false">'
        + "".join(slices)
        + "</svg>"
    )


def title_html(lines: Sequence[str]) -> str:
    """A snapshot's title: the first line as a heading, the rest below it."""
    title, *rest = lines  # the page's one level-one heading: an exported map is a page of its own
    return f'<h1 class="strike-h1">{text(title)}</h1>' + "".join(f"<div>{text(line)}</div>" for line in rest)


def sources_html(sources: Iterable[tuple[Any, Any]], lang: Lang, citation: str = "") -> str:
    """Source articles (title, url), the address written out since a PNG cannot be clicked, then how to
    cite the map."""
    items = []
    for title, url in sources:
        item = text(title)
        link = safe_url(url)
        if link:
            item += f' &mdash; <a href="{link}" target="_blank" rel="noopener">{link}</a>'
        items.append(f"<li>{item}</li>")
    # Smaller than the legend: it sits over the map's corner and is read last.
    return (
        f'<h2>{text(t(lang, "sources"))}</h2><ol style="margin:0;padding-left:16px;font-size:11px">'
        + "".join(items)
        + "</ol>"
        + (f'<div class="strike-cite" style="font-size:11px;margin-top:3px">{text(citation)}</div>' if citation else "")
    )


def table_html(table: pd.DataFrame, headers: Sequence[str], caption: str) -> str:
    """A table of text for readers without sight of the map, every cell escaped: kept out of view on screen
    (the map is there), and read by screen readers and when the page is printed or read as text."""
    head = "".join(f'<th scope="col">{text(header)}</th>' for header in headers)
    rows = "".join(
        "<tr>" + "".join(f"<td>{text(cell)}</td>" for cell in row) + "</tr>" for row in table.itertuples(index=False)
    )
    return (
        f'<section class="strike-text" aria-label="{text(caption)}"><table><caption>{text(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></section>"
    )
