"""The review page: one HTML file, a Leaflet map per workplace, its candidates beside today's point.

Each workplace shows its town-centre point (hollow), every candidate not yet rejected
(numbered, with the works' outline where OpenStreetMap has one), and a table giving each
candidate's source, name, tags and distance from today's point, with the commands that
accept or reject it; above the map, the article's words about the workplace. Leaflet
and the page's own script (static/js/curate-review.js) are inlined, never fetched from a
CDN; the background is OpenStreetMap's standard tiles, which a maintainer with a network
sees and without one the points and outlines still stand on a blank map. Every value
from the dataset or a service reaches the page through ``strikes.page.elements``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..page.assets import LOCAL, PLUGINS_ROOT, asset_url
from ..page.elements import safe_url, script_json, text
from .candidates import Candidate, Workplace

LEAFLET_JS = next(url for url, path in LOCAL.items() if path == "node_modules/leaflet/dist/leaflet.js")
LEAFLET_CSS = next(url for url, path in LOCAL.items() if path == "node_modules/leaflet/dist/leaflet.css")
SCRIPT = PLUGINS_ROOT / "curate-review.js"
# How many of a candidate's tags the table lists (an OSM object may carry dozens).
SHOWN_TAGS = 14
STYLE = """
body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 70rem; padding: 1rem; color: #1a1a1a; }
section { border-top: 2px solid #444; margin-top: 2rem; }
.curate-map { height: 420px; border: 1px solid #767676; }
table { border-collapse: collapse; width: 100%; margin-top: .5rem; }
th, td { border: 1px solid #b0b0b0; padding: .25rem .4rem; text-align: left; vertical-align: top; }
td.tags { font-size: .85rem; }
blockquote { border-left: 4px solid #767676; margin: .5rem 0; padding-left: .75rem; }
code { background: #f0f0f0; padding: 0 .2rem; }
"""


def _command(action: str, site_id: str, ref: str) -> str:
    return f'make curate ARGS="{action} {site_id} {ref}"'


def _km(km: float | None) -> str:
    return "" if km is None else f"{km:.2f} km"


def _row(number: int, workplace: Workplace, candidate: Candidate) -> str:
    tags = "; ".join(f"{key}={value}" for key, value in list(candidate.tags.items())[:SHOWN_TAGS])
    link = safe_url(candidate.url)
    return (
        "<tr>"
        f"<td>{number}</td>"
        f'<td><a href="{link}">{text(candidate.ref)}</a></td>'
        f"<td>{text(', '.join(candidate.sources))}</td>"
        f"<td>{text(candidate.name)}</td>"
        f"<td>{text(_km(candidate.km_from(workplace.point)))}</td>"
        f'<td class="tags">{text(tags)}</td>'
        f"<td><code>{text(_command('accept', workplace.site_id, candidate.ref))}</code><br>"
        f"<code>{text(_command('reject', workplace.site_id, candidate.ref))}</code></td>"
        "</tr>"
    )


def section(index: int, workplace: Workplace, candidates: Sequence[Candidate]) -> str:
    """One workplace: heading, quotes, note, map and the candidates' table."""
    local = f" ({text(workplace.local_name)})" if workplace.local_name else ""
    where = (
        f"Today: {text(workplace.town)}'s centre, {workplace.point[0]:.5f}, {workplace.point[1]:.5f} (hollow circle)."
        if workplace.point
        else "Today: not placed on the map."
    )
    quotes = "".join(f"<blockquote>{text(quote)}</blockquote>" for quote in workplace.quotes)
    if candidates:
        rows = "".join(_row(number, workplace, c) for number, c in enumerate(candidates, start=1))
        table = (
            f"<table><caption>Candidates for {text(workplace.name)}</caption>"
            "<thead><tr><th scope='col'>#</th><th scope='col'>object</th><th scope='col'>source</th>"
            "<th scope='col'>name</th><th scope='col'>from today's point</th><th scope='col'>tags</th>"
            f"<th scope='col'>decide</th></tr></thead><tbody>{rows}</tbody></table>"
        )
    else:
        table = "<p>No candidate: the services found nothing new for this workplace.</p>"
    return (
        f'<section id="site-{text(workplace.site_id)}" aria-labelledby="title-{index}">'
        f'<h2 id="title-{index}">{text(workplace.name)}{local}</h2>'
        f"<p>{text(workplace.site_id)} · {where}</p>{quotes}"
        f"<p>Note: {text(workplace.note or '')}</p>"
        f'<div class="curate-map" data-index="{index}" role="region" '
        f'aria-label="Map of the candidates for {text(workplace.name)}"></div>{table}</section>'
    )


def map_data(workplace: Workplace, candidates: Sequence[Candidate]) -> dict[str, Any]:
    """What the page's script draws for one workplace."""
    return {
        "name": workplace.name,
        "point": list(workplace.point) if workplace.point else None,
        "candidates": [
            {
                "ref": c.ref,
                "lat": c.lat,
                "lon": c.lon,
                "name": c.name,
                "sources": list(c.sources),
                "outline": [[list(p) for p in ring] for ring in c.outline],
            }
            for c in candidates
        ],
    }


def page(entries: Sequence[tuple[Workplace, Sequence[Candidate]]], fetched: str) -> str:
    """The whole review page, self-contained but for the background tiles."""
    sections = "".join(section(i, w, c) for i, (w, c) in enumerate(entries))
    data = script_json([map_data(w, c) for w, c in entries])
    offered = sum(len(c) for _, c in entries)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Belarus strike map: candidates for the workplaces' own points</title>"
        f'<link rel="stylesheet" href="{asset_url(LEAFLET_CSS, True)}"><style>{STYLE}</style></head><body><main>'
        "<h1>Candidates for the workplaces' own points</h1>"
        f"<p>{len(entries)} workplaces at their town's centre or unplaced; {offered} candidates not yet rejected, "
        f"from the answers fetched {text(fetched)}. A point becomes <code>site</code> precision only when its source "
        "puts it on the workplace's own grounds: open the object, check its outline, name and tags against the "
        "article, then run one candidate's accept command, or reject each that is not the workplace.</p>"
        f'{sections}</main><script type="application/json" id="curate-data">{data}</script>'
        f'<script src="{asset_url(LEAFLET_JS, True)}"></script>'
        f"<script>{SCRIPT.read_text(encoding='utf-8')}</script></body></html>\n"
    )
