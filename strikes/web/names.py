"""The page's own names in the reader's language, and the skip links a keyboard meets first.

Streamlit writes some accessible names itself, in English whatever the page's
language ("Main menu", "Download as CSV", a slider thumb's "— start", a map
frame titled "streamlit_folium.st_folium"), and the uploader's button, whose
word a style sheet replaces, is left with no name. static/js/app-names.js puts
the catalogue's words in their place whenever Streamlit draws them; this module
hands it those words, as data, with the skip links it serves.
"""

from __future__ import annotations

import html
from functools import cache
from typing import Any

import streamlit as st

from ..core.i18n import DEFAULT, Lang, t
from ..page.assets import PLUGINS_ROOT
from ..page.elements import script_json

# Streamlit's own English names (its 1.67 frontend's), by the catalogue key of the reader's word for each.
STREAMLIT_NAMES = {
    "Sidebar": "st_sidebar",
    "Collapse sidebar": "st_collapse_sidebar",
    "Expand sidebar": "st_expand_sidebar",
    "Main menu": "st_main_menu",
    "Link to heading": "st_heading_link",
    "Open": "st_open",
    "Choose an option": "st_choose",
    "file upload": "st_file_input",
    "Show/hide columns": "st_columns",
    "Download as CSV": "st_download_csv",
    "Search": "st_search",
    "Fullscreen": "st_fullscreen",
    "Close fullscreen": "st_close_fullscreen",
    "Show data": "st_show_data",
    "Download as PNG": "st_download_png",
    "Copy Vega-Lite spec": "st_copy_spec",
    "visualization": "st_chart",
}
# A chart's buttons, which Streamlit names by their action and the chart's name.
CHART_ACTIONS = {
    name: STREAMLIT_NAMES[name] for name in ("Show data", "Download as PNG", "Copy Vega-Lite spec", "Fullscreen")
}
# Names Streamlit makes from a widget's label: (prefix, suffix, catalogue key with a {label}).
STREAMLIT_PATTERNS = (("", " — start", "thumb_start"), ("", " — end", "thumb_end"), ("Help for ", "", "help_for"))
# Where the skip link "to the map" lands when the script cannot reach into the map's frame.
MAP_TARGET = "strike-map"
TABLE_TARGET = "site-table"


def page_words(lang: Lang) -> dict[str, Any]:
    """What app-names.js writes in ``lang``: none of Streamlit's names in English, which are its own words;
    the map frame's title and the uploader button's name (left nameless by its style sheet) in every other."""
    english = lang == DEFAULT
    return {
        "names": {} if english else {name: t(lang, key) for name, key in STREAMLIT_NAMES.items()},
        "patterns": []
        if english
        else [[prefix, suffix, t(lang, key, label="{label}")] for prefix, suffix, key in STREAMLIT_PATTERNS]
        # a chart's buttons add the chart's own name: "Show data: <its alt>"
        + [[f"{name}: ", "", f"{t(lang, key)}: {{label}}"] for name, key in CHART_ACTIONS.items()],
        "frame": t(lang, "map_frame"),
        "upload": None if english else t(lang, "upload_button"),
        "skipMain": None if english else t(lang, "st_skip_main"),
    }


@cache
def _script() -> str:
    return (PLUGINS_ROOT / "app-names.js").read_text(encoding="utf-8")


def skip_links_html(lang: Lang, view: str) -> str:
    """Links a keyboard reader meets first: into the map's search box, or past the map to the site table
    (WCAG 2.4.1), and the script that names the page's parts in ``lang``."""
    links = [(MAP_TARGET, t(lang, "skip_map"))] + ([(TABLE_TARGET, t(lang, "skip_table"))] if view == "map" else [])
    anchors = " ".join(
        f'<a class="skip-link" href="#{anchor}"{" data-into-map" if anchor == MAP_TARGET else ""}>'
        f"{html.escape(label)}</a>"
        for anchor, label in links
    )
    return f"{anchors}<script>{_script()}\nStrikeAppNames.start({script_json(page_words(lang))});</script>"


def skip_links(lang: Lang, view: str) -> None:
    """The skip links and the page's names, atop the sidebar."""
    st.html(skip_links_html(lang, view), unsafe_allow_javascript=True)
