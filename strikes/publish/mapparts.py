"""The app's map for the edition: folium renders it, and it is split into files a static host serves.

strikes.page.mapview's frame_map is the app's map without its markers (base layers, offline map,
search box, legend, controls). An HTML export inlines it all in one page; the edition renders the
same page and takes it apart: each library and plugin becomes a file named by its content's hash,
the styles one stylesheet, and the map's own script (with the offline map's shapes inline, so no
fetch() is needed, which file:// forbids) a function the edition calls, in one file per language.
The markers are the edition's own: it adds strike-sites.js's layer for the sites its filters show.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import unquote_to_bytes

import pandas as pd
from branca.element import Element

from ..core.i18n import Lang
from ..page import mapview
from ..page.assets import PLUGINS_ROOT, STATIC_ROOT, localize, standalone_html
from ..page.elements import page_of

MAP_ID = "edition"  # the map's element is map_edition on every page
SUPERCLUSTER = STATIC_ROOT / "node_modules" / "supercluster" / "dist" / "supercluster.min.js"
# folium's whole-window page styles: the edition lays its page out itself.
_PAGE_STYLES = re.compile(r"^\s*(html, body|#map)\s*\{")
_SCRIPT = re.compile(r"<script(?: src=\"([^\"]*)\")?>(.*?)</script>", re.S)
_LINK = re.compile(r"<link rel=\"stylesheet\" href=\"([^\"]*)\"\s*/?>")
_STYLE = re.compile(r"<style>(.*?)</style>", re.S)


def hashed(stem: str, suffix: str, content: bytes) -> str:
    """A file's name carrying its content's hash, so a CDN may cache it for ever: a change is a new name."""
    return f"{stem}.{hashlib.sha256(content).hexdigest()[:12]}{suffix}"


@dataclass
class MapParts:
    """A map split into files: ``files`` (name -> bytes), the scripts and stylesheets in their order, and
    the map's script per language (a function body returning the Leaflet map)."""

    files: dict[str, bytes] = field(default_factory=dict)
    scripts: list[str] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)
    map_script: dict[str, str] = field(default_factory=dict)

    def add(self, stem: str, suffix: str, content: bytes) -> str:
        name = hashed(stem, suffix, content)
        self.files[name] = content
        return name


def _walk(element: Element) -> Iterator[Element]:
    yield element
    for child in list(element._children.values()):
        yield from _walk(child)


def _data_bytes(url: str) -> bytes:
    """The bytes a data: URL holds (base64 or percent-coded)."""
    head, _, body = url.partition(",")
    return base64.b64decode(body) if head.endswith(";base64") else unquote_to_bytes(body)


def _asset_names(fmap: Element) -> dict[str, str]:
    """Each inlined asset's data: URL -> the name its element gives it (leaflet, strike_basemap...)."""
    names: dict[str, str] = {}
    for element in _walk(page_of(fmap)):
        for attr in ("default_js", "default_css"):
            for name, url in getattr(element, attr, None) or []:
                names.setdefault(url, name.replace("_", "-"))
    return names


def split_map(parts: MapParts, events: pd.DataFrame, waves: tuple[str, str], lang: Lang) -> None:
    """Render the app's map frame in ``lang`` and add its files, styles and script to ``parts``."""
    fmap = mapview.frame_map(mapview.Frame.of(events, waves), waves, lang=lang)
    fmap._id = MAP_ID
    localize(page_of(fmap), inline=True)
    names = _asset_names(fmap)
    page = standalone_html(fmap, lang=lang)
    head, _, body = page.partition("<body>")
    first = not parts.map_script
    inline = []
    for match in _SCRIPT.finditer(head):
        src, code = match.groups()
        if src:
            name = parts.add(names.get(src, "lib"), ".js", _data_bytes(src))
            if first:
                parts.scripts.append(name)
        else:
            inline.append(code)
    if first:
        for match in _LINK.finditer(head):
            parts.styles.append(parts.add(names.get(match.group(1), "style"), ".css", _data_bytes(match.group(1))))
        css = "\n".join(s for s in _STYLE.findall(head) if not _PAGE_STYLES.match(s))
        parts.styles.append(parts.add("map", ".css", css.encode("utf-8")))
    scripts = [code for src, code in _SCRIPT.findall(body) if not src]
    parts.map_script[lang] = "\n".join(inline + scripts) + f"\nreturn map_{MAP_ID};\n"


def map_parts(events: pd.DataFrame, waves: tuple[str, str], langs: tuple[Lang, ...]) -> MapParts:
    """The map's files for every language, with the marker layer's (supercluster, strike-sites.js)."""
    parts = MapParts()
    for lang in langs:
        split_map(parts, events, waves, lang)
    parts.scripts.append(parts.add("supercluster", ".js", SUPERCLUSTER.read_bytes()))
    parts.scripts.append(parts.add("strike-sites", ".js", (PLUGINS_ROOT / "strike-sites.js").read_bytes()))
    return parts
