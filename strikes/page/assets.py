"""Leaflet's JS and CSS from the installed npm packages instead of CDNs.

folium points every element at a CDN. Here no CDN can be reached (and in
Belarus in August 2020 nothing could), so every map is rewritten to use the
copies `make` installs from the npm registry into static/node_modules: served
by Streamlit's static file serving in the app, and inlined as data: URIs in an
exported HTML file so that it opens anywhere with no server at all.

The offline base map's data (static/basemap) travels the same way: an element
lists such files in ``default_data`` under their app URL, and ``localize``
keeps that URL in the app or inlines the file in an export. So do the map's
own Leaflet plugins (static/js): an element lists one in ``default_js`` as
folium lists its plugins, by ``plugin_js``.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

import folium
from branca.element import Element
from folium.plugins import DualMap

from ..core.i18n import Lang
from .elements import page_of

STATIC_ROOT = Path(__file__).resolve().parents[2] / "static"
# The map's own Leaflet plugins (linted and unit-tested by node: static/package.json, tests/unit/test_js.py).
PLUGINS_ROOT = STATIC_ROOT / "js"
# Where Streamlit serves static/ (server.enableStaticServing, see .streamlit/config.toml).
APP_STATIC_URL = "/app/static"

# folium's CDN addresses -> the same files in the npm packages of static/package.json, under static/.
LOCAL: dict[str, str] = {
    "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js": "node_modules/leaflet/dist/leaflet.js",
    "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css": "node_modules/leaflet/dist/leaflet.css",
    "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/leaflet.markercluster.js": "node_modules/leaflet.markercluster/dist/leaflet.markercluster.js",
    "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/MarkerCluster.css": "node_modules/leaflet.markercluster/dist/MarkerCluster.css",
    "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/MarkerCluster.Default.css": "node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css",
    "https://cdn.jsdelivr.net/gh/jieter/Leaflet.Sync/L.Map.Sync.min.js": "node_modules/leaflet.sync/L.Map.Sync.js",
    "https://cdn.jsdelivr.net/npm/supercluster@9.1.0/dist/supercluster.min.js": "node_modules/supercluster/dist/supercluster.min.js",
    # folium.Popup builds its content with jQuery.
    "https://code.jquery.com/jquery-3.7.1.min.js": "node_modules/jquery/dist/jquery.min.js",
}
# folium.Map's defaults for Bootstrap and icon-font markers, which these maps do not use.
UNUSED: frozenset[str] = frozenset(
    {
        "bootstrap",
        "awesome_markers",
        "bootstrap_css",
        "glyphicons_css",
        "awesome_markers_font_css",
        "awesome_markers_css",
        "awesome_rotate_css",
    }
)

# What JSON text may keep as it is in a data: URL (which ends at "#" and decodes "%").
_JSON_SAFE = '[]{}:,."-_'
_MIME = {
    ".js": "text/javascript",
    ".css": "text/css",
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".geojson": "application/geo+json",
}


class MissingAsset(RuntimeError):
    """A map needs a file that is not installed (or not known); says how to get it."""


def _walk(element: Element) -> Iterator[Element]:
    yield element
    for child in list(element._children.values()):
        yield from _walk(child)
    for attr in ("m1", "m2"):  # folium.plugins.DualMap keeps its two maps outside _children
        if isinstance(getattr(element, attr, None), Element):
            yield from _walk(getattr(element, attr))


def _path(relative: str) -> Path:
    path = STATIC_ROOT / relative
    if not path.is_file():
        how = (
            "run `make setup` (it runs `npm ci` in static/)"
            if relative.startswith("node_modules/")
            else "it is committed: restore it with `git checkout`"
        )
        raise MissingAsset(f"{path} is missing: {how}")
    return path


def _data_uri(path: Path) -> str:
    data = path.read_bytes()
    if path.suffix == ".geojson":  # mostly digits and brackets: percent-coded, a quarter smaller than base64
        return f"data:{_MIME[path.suffix]};charset=utf-8,{quote(data, safe=_JSON_SAFE)}"
    if path.suffix == ".css":
        data = _inline_css_urls(data.decode("utf-8"), path.parent).encode("utf-8")
    return f"data:{_MIME[path.suffix]};base64,{base64.b64encode(data).decode('ascii')}"


def json_data_uri(value: Any) -> str:
    """A JSON value as a data: URL, percent-coded as the committed GeoJSON files are inlined."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return f"data:application/json;charset=utf-8,{quote(text.encode('utf-8'), safe=_JSON_SAFE)}"


def _inline_css_urls(css: str, folder: Path) -> str:
    """Leaflet's CSS refers to its images by relative url(); a data: stylesheet has no folder."""

    def replace(match: re.Match[str]) -> str:
        target = match.group(2)
        if target.startswith(("data:", "#", "http")):
            return match.group(0)
        return f"url({_data_uri((folder / target).resolve())})"

    return re.sub(r"url\((['\"]?)([^'\")]+)\1\)", replace, css)


def _relative(url: str) -> str:
    """The file under static/ a folium CDN URL, or an app URL of static/, stands for."""
    if url in LOCAL:
        return LOCAL[url]
    if url.startswith(f"{APP_STATIC_URL}/"):
        return url.removeprefix(f"{APP_STATIC_URL}/").partition("?")[0]
    raise MissingAsset(f"no local copy of {url}: add its npm package to static/package.json")


def app_url(path: Path) -> str:
    """Where the app serves a file of static/."""
    return f"{APP_STATIC_URL}/{path.relative_to(STATIC_ROOT).as_posix()}"


def npm_asset(relative: str) -> str:
    """The app URL of a file of an installed npm package (static/node_modules/``relative``)."""
    return app_url(_path(f"node_modules/{relative}"))


def plugin_js(filename: str) -> str:
    """The app URL of one of the map's own plugins, static/js/``filename``, for an element's ``default_js``.

    The URL carries the file's hash, so a browser that cached an older copy fetches the new one.
    """
    path = _path((PLUGINS_ROOT / filename).relative_to(STATIC_ROOT).as_posix())
    return f"{app_url(path)}?v={hashlib.sha256(path.read_bytes()).hexdigest()[:12]}"


@cache
def asset_url(url: str, inline: bool) -> str:
    """The local stand-in for one of folium's CDN URLs (data: URLs are already local)."""
    if url.startswith("data:"):
        return url
    path = _path(_relative(url))
    if inline:
        return _data_uri(path)
    return url if url.startswith(f"{APP_STATIC_URL}/") else app_url(path)  # an app URL keeps its ?v=


def localize(figure: Element, inline: bool = False) -> Element:
    """Point every element of a map at local assets (inlined as data: URIs when ``inline``).

    Call before rendering; the rewrite is per element instance, so folium's
    class-level defaults stay untouched for other maps, and calling it again
    (to inline a map the app already localized) works. An element's ``optional_data``
    (files it can do without, such as the world's layers, which an export inlines for
    its own area) keeps, when inlining, only what is already inline.
    """
    for element in _walk(figure):
        optional = getattr(element, "optional_data", None)
        if inline and optional:
            kept = {key: url for key, url in optional.items() if url.startswith("data:")}
            setattr(element, "optional_data", kept)  # noqa: B010 - any element may carry it, not only Element
        for attr in ("default_js", "default_css", "default_data"):
            assets = getattr(element, attr, None)
            if assets:
                setattr(element, attr, [(name, asset_url(url, inline)) for name, url in assets if name not in UNUSED])
    return figure


def standalone_html(figure: folium.Map | DualMap, title: str = "", *, lang: Lang) -> str:
    """One HTML file holding the map and all it needs: opens with no server and no network.

    ``title`` (plain text, escaped here) and ``lang`` name the page for browsers, search engines and
    screen readers; branca's page template has a title but no language, so that is set on the result.
    """
    root = page_of(localize(figure, inline=True))
    root.title = html.escape(" ".join(title.split())) if title else None
    page = root.render()
    return page.replace("<html>", f'<html lang="{html.escape(lang)}">', 1)
