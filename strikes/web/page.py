"""The page around the views: its configuration and style, its heading, and its "About this map"."""

from __future__ import annotations

import html

import streamlit as st

from ..core import publicurl
from ..page.elements import markdown_text as md
from . import caching
from .state import lang, tr

# On a phone the title takes one line, so the map starts in the first screen.
# Streamlit's running indicator ("Running…", "Stop") is for the app's developers, not its readers: hidden, not
# removed, so the browser tests can still wait for a run to end.
STYLE = (
    "<style>@media (max-width: 640px) {h1 {font-size: 1.5rem !important; padding-top: 0 !important;}}"
    "[data-testid=stStatusWidget] {visibility: hidden;}"
    "[data-testid=stMain] h2 {font-size: 1.45rem;}"
    # skip links: out of sight until the keyboard reaches them
    ".skip-link {position: absolute; left: -10000px;} .skip-link:focus {position: static; margin-right: 1em;}"
    # an embedded page's title is for screen readers only: the article around it names the map
    ".embedded-title {position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);}"
    # captions at 4.5:1 on white (WCAG 1.4.3); Streamlit's grey is 3.9:1
    "[data-testid=stCaptionContainer] {opacity: 1 !important;}"
    "[data-testid=stCaptionContainer], [data-testid=stCaptionContainer] p {color: #5e5d5b !important;}</style>"
)

# The first screen (1366x768, 1280x720, a phone): the title, then the map down to the screen's foot, its legend
# button, scale and credits in view. The maps' frames take the screen's height less the title's
# (--strike-map-top), on a phone at most 1.6 times its width, so the counts under it show; the two views lay
# their maps out alike and the day is shown over the map, so nothing moves the map as the reader switches.
FIRST_SCREEN = (
    "<style>:root {--strike-map-top: 5.75rem;}"
    "[data-testid=stMainBlockContainer] {padding-top: 2rem;}"
    "[data-testid=stMain] h1 {font-size: 2rem !important; line-height: 1.25 !important; padding: 0 0 0.25rem;}"
    "@media (max-width: 640px) {:root {--strike-map-top: 7rem;}"
    " [data-testid=stMainBlockContainer] {padding-top: 3.5rem;} [data-testid=stMain] h1 {font-size: 1.5rem !important;}}"
    ".st-key-strike-map-box, .st-key-strike-compare-box {gap: 0; position: relative;}"
    # the map's fragment, and the day's slot in it, add no gap: the day comes and goes without moving the map
    ".st-key-strike-map-box [data-testid=stVerticalBlock] {gap: 0;}"
    ".st-key-strike-map-box iframe, .st-key-strike-compare-box iframe"
    " {height: min(calc(100dvh - var(--strike-map-top)), 160vw) !important; min-height: 320px;}"
    ".st-key-strike-map-box [data-testid=stHorizontalBlock] {margin-top: 1rem;}"  # the counts while playing
    # the day, day by day: over the map's top right corner, clear of its buttons, letting clicks through
    ".strike-day {position: absolute; top: 10px; right: 10px; z-index: 2; pointer-events: none; text-align: right;"
    " max-width: calc(100% - 80px); background: rgba(255,255,255,.93); padding: 4px 12px; border-radius: 5px;"
    " box-shadow: 0 1px 4px rgba(0,0,0,.35);}"
    ".strike-day h2 {font-size: 1.6rem !important; padding: 0 !important; margin: 0; line-height: 1.25;}"
    ".strike-day p {margin: 0; font-size: 0.95rem; color: #333;}</style>"
)


def configure() -> None:
    """The page's layout, icon and first title, and its style sheet: the first things a run draws."""
    st.set_page_config(page_title="Belarus strike map, 2020", page_icon="✊", layout="wide")
    st.markdown(STYLE + FIRST_SCREEN, unsafe_allow_html=True)


def heading(title: str) -> None:
    """The page's heading, and the browser tab's: both name the data shown, an upload's too."""
    st.set_page_config(page_title=title)
    if st.context.is_embedded:  # in an article's frame the article names the map; the map gets the room
        st.markdown(
            f'<h1 class="embedded-title">{html.escape(title)}</h1>'
            "<style>[data-testid=stMainBlockContainer] {padding-top: 0.5rem;} :root {--strike-map-top: 3rem;}</style>",
            unsafe_allow_html=True,
        )
    else:
        st.title(md(title))


def page_address() -> str:
    """The address the citation line prints: STRIKES_PUBLIC_URL, else the page's own address (without the
    filters) when it is public, else none (strikes.core.publicurl): never the server's 127.0.0.1."""
    return publicurl.cited(str(st.context.url or "").split("?", 1)[0])


def about_section(data_key: str) -> None:
    """What the map is made from, how far to trust its points, its waves and how to cite it (folded)."""
    if data_key.startswith("upload"):
        return  # a reader's own data: its notes say what was read
    with st.expander(tr("about")):
        st.markdown(caching.about_text(lang(), page_address()))
