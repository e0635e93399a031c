"""The edition's index.html: a small page of containers, its scripts and stylesheets by relative URL.

Everything a reader reads is drawn by static/js/edition.js in the reader's language; the page itself
carries only what must be there before any script runs: the title and description for search engines
and social cards (Open Graph, Twitter), the language alternates, the skip link, and the list of the
build's files (as JSON, through strikes.page.elements.script_json). Every value is escaped here.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from ..core.i18n import LANGUAGES, Lang, t
from ..page.elements import script_json

# The page's own layout: title, map and filters in the first screen of a laptop, the map first on a phone;
# in the embed view (?embed=true) only the title, compact counts, the map and its legend.
EDITION_CSS = """
html{font:15px/1.4 "DejaVu Sans",Arial,sans-serif;color:#1a1a1a;background:#fff}
body{margin:0}
.sr-only{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.skip-link{position:absolute;left:8px;top:-60px;z-index:2000;background:#fff;color:#0645ad;padding:6px 10px;
 border:2px solid #0645ad;border-radius:4px}
.skip-link:focus{top:8px}
.edition{display:grid;grid-template-columns:minmax(0,1fr) 300px;grid-template-areas:"head head" "main panel" "sections sections";
 column-gap:14px;padding:0 14px 14px}
.edition-head{grid-area:head;padding:8px 0 4px}
.edition-head h1{font-size:21px;line-height:1.2;margin:0 0 4px}
#edition-day-heading{margin:0 0 4px;font-weight:bold}
.edition-counts{display:flex;flex-wrap:wrap;gap:4px 18px;margin:0}
.edition-count{display:flex;gap:6px;align-items:baseline}
.edition-count dt{font-size:13px;color:#444}.edition-count dd{margin:0;font-weight:bold;font-size:17px}
#edition-main{grid-area:main;min-width:0}
#edition-panel{grid-area:panel;font-size:14px}
#map_edition{position:relative;width:100%;height:calc(100vh - 90px);min-height:420px}
.edition-compare-maps{display:grid;grid-template-columns:1fr 1fr;gap:8px}
.edition-side{position:relative;height:480px}
.edition-compare-lists{display:grid;grid-template-columns:repeat(3,minmax(0,1fr));gap:12px}
.edition-scroll{max-height:300px;overflow:auto}.edition-compare-list ul{padding-left:18px;margin:0}
#edition-panel h2,#edition-sections h2,#edition-compare h2{font-size:17px;margin:12px 0 6px}
#edition-panel fieldset{border:0;padding:0;margin:0 0 8px}
#edition-panel legend{font-weight:bold;padding:0}
.edition-langs{display:flex;gap:10px;margin:10px 0}
.edition-langs a[aria-current]{font-weight:bold;text-decoration:none;color:#1a1a1a}
.row{display:flex;align-items:center;gap:6px;margin:3px 0;flex-wrap:wrap}
.edition-filter summary{cursor:pointer;padding:4px 0;font-weight:bold}
.edition-options{max-height:220px;overflow:auto;padding:2px}
.edition-dayrow{display:grid;grid-template-columns:auto 1fr;gap:4px 8px;align-items:center}
.edition-dayrow output{grid-column:1/3}
button,select,input{font:inherit}
button{padding:4px 10px;border:1px solid #555;border-radius:4px;background:#f4f4f4;color:#1a1a1a;cursor:pointer}
a{color:#0645ad}
#edition-sections{grid-area:sections;margin-top:8px;min-width:0}
.edition-about,#edition-unlocated,#edition-panel{overflow-wrap:anywhere}
.edition-tablewrap{max-height:520px;overflow:auto;border:1px solid #ccc}
.edition-tablewrap table{border-collapse:collapse;width:100%;font-size:13px}
.edition-tablewrap th,.edition-tablewrap td{padding:4px 6px;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
.edition-tablewrap thead th{position:sticky;top:0;background:#f4f4f4;z-index:1}
.edition-sort{border:0;background:none;padding:0;font-weight:bold;text-align:left}
.edition-sort::after{content:" \\2195";color:#555}
th[aria-sort=ascending] .edition-sort::after{content:" \\2191"}th[aria-sort=descending] .edition-sort::after{content:" \\2193"}
.edition-quote{color:#444;font-style:italic}
#edition-embed-code{width:100%;font:12px monospace}
:focus-visible{outline:3px solid #0645ad;outline-offset:1px}
@media (max-width:900px){
 .edition{grid-template-columns:minmax(0,1fr);grid-template-areas:"head" "main" "panel" "sections";padding:0 8px 8px}
 #map_edition{height:70vh;min-height:300px}
 .edition-compare-maps,.edition-compare-lists{grid-template-columns:1fr}
 .edition-side{height:360px}
}
@media (max-width:520px){.leaflet-control-attribution{font-size:10px}
 .leaflet-bottom.leaflet-left .leaflet-control-scale{margin-bottom:58px}}
.edition-embed .edition{grid-template-columns:minmax(0,1fr);grid-template-areas:"head" "main";
 grid-template-rows:auto minmax(0,1fr);height:100vh;box-sizing:border-box;padding:0 6px 4px}
.edition-embed #edition-main,.edition-embed #edition-mapview{min-height:0;height:100%}
.edition-embed #edition-panel,.edition-embed #edition-sections{display:none}
.edition-embed .edition-head{padding:4px 0 2px}
.edition-embed .edition-head h1{font-size:17px;margin:0 0 2px}
.edition-embed .edition-count dt{font-size:12px}.edition-embed .edition-count dd{font-size:14px}
.edition-embed #map_edition{height:100%;min-height:0}
.edition-embed .edition-full{display:block}
.edition-full{display:none;font-size:12px;margin:2px 0 0}
"""


def _meta(name: str, content: str, attribute: str = "name") -> str:
    return f'<meta {attribute}="{escape(name)}" content="{escape(content)}">'


def index_html(
    *,
    lang: Lang,
    title: str,
    description: str,
    styles: Sequence[str],
    scripts: Sequence[str],
    files: dict[str, Any],
    boot: str,
    image: str | None,
    url: str,
) -> str:
    """The page: ``styles`` and ``scripts`` (relative file names) in order, ``files`` (each language's words
    and map) as JSON for edition.js, ``boot`` the small script that preloads the reader's language's, the social card's ``image`` if made, absolute where ``url`` (the
    edition's published address) is known."""
    base = url.rstrip("/") + "/" if url else ""
    alternates = [f'<link rel="alternate" hreflang="{code}" href="{escape(base)}?lang={code}">' for code in LANGUAGES]
    alternates.append(f'<link rel="alternate" hreflang="x-default" href="{escape(base or "./")}">')
    social = [
        _meta("og:type", "website", "property"),
        _meta("og:title", title, "property"),
        _meta("og:description", description, "property"),
        _meta("twitter:card", "summary_large_image" if image else "summary"),
        _meta("twitter:title", title),
        _meta("twitter:description", description),
    ]
    if url:
        social.append(_meta("og:url", base, "property"))
    if image:
        social += [
            _meta("og:image", base + image, "property"),
            _meta("og:image:width", "1200", "property"),
            _meta("og:image:height", "675", "property"),
            _meta("og:image:alt", title, "property"),
            _meta("twitter:image", base + image),
            _meta("twitter:image:alt", title),
        ]
    head = [
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        _meta("description", description),
        *alternates,
        *social,
        *(f'<link rel="stylesheet" href="{escape(name)}">' for name in styles),
        *(f'<script defer src="{escape(name)}"></script>' for name in scripts),
        f'<script type="application/json" id="edition-files">{script_json(files)}</script>',
        f'<script src="{escape(boot)}"></script>',
    ]
    body = f"""<a class="skip-link" id="edition-skip" href="#edition-map-anchor">{escape(t(lang, "skip_map"))}</a>
<div class="edition">
<header class="edition-head"><h1 id="edition-title">{escape(title)}</h1>
<p id="edition-day-heading" hidden></p><dl id="edition-counts" class="edition-counts"></dl>
<a class="edition-full" href="./" target="_blank" rel="noopener">{escape(t(lang, "ed_full"))}</a></header>
<main id="edition-main">
<div id="edition-mapview"><span id="edition-map-anchor" tabindex="-1"></span><div class="folium-map" id="map_edition"></div></div>
<div id="edition-compare" hidden></div>
</main>
<aside id="edition-panel"></aside>
<div id="edition-sections"></div>
</div>
<noscript><p>{escape(t(lang, "ed_noscript"))}</p></noscript>"""
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(lang)}">\n<head>\n'
        + "\n".join(head)
        + f"\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )
