"""The downloads row: exactly what the filters show, each file made only when its button is pressed.

The snapshots open on the reader's view: the same centre, zoom and map size,
read when the button is pressed, so a pan after the row was drawn still counts.
"""

from __future__ import annotations

import functools

import pandas as pd
import streamlit as st

from .. import export
from ..core import filters
from ..export.browser import BrowserError, find_chromium
from ..page import about
from . import datasets
from .page import page_address
from .state import PNG_SIZE, lang, page_state, tr


def export_buttons(
    data_key: str, events: pd.DataFrame, shown: pd.DataFrame, current: filters.Filters, waves: tuple[str, str]
) -> None:
    """A download button per format, and the PNG's size (off, saying why, without Chromium or a placed site)."""
    st.header(tr("export"))
    columns = st.columns(len(export.FORMATS))
    state = page_state()
    name = datasets.data_name(data_key, state.upload)
    try:
        find_chromium()
        png_ready, missing = bool(shown["lat"].notna().any()), tr("png_no_sites")
    except BrowserError as exc:
        png_ready, missing = False, str(exc)
    citation = "" if data_key.startswith("upload") else about.citation(page_address(), lang())
    language = lang()

    def made(fmt: str) -> bytes:
        """The file, made when the reader asks for it, of the view they have then (the state follows the map)."""
        return export.export(
            fmt,
            current,
            events,
            view=state.map_view,
            lang=language,
            name=name,
            waves=waves,
            citation=citation,
            size=st.session_state.get(size_key(fmt), ""),
        )

    for column, fmt in zip(columns, export.FORMATS):
        column.download_button(
            tr(fmt.label),
            data=functools.partial(made, fmt.key),
            file_name=export.file_name(name.label(), current, fmt.key),
            mime=fmt.media_type,
            disabled=(fmt.needs_chromium or fmt.needs_place) and not png_ready,
            width="stretch",
            on_click="ignore",
        )
    for column, fmt in zip(columns, export.FORMATS):
        if fmt.sizes:  # a picture's size (the PNG's) or page (the PDF's and SVG's), in the reader's words
            column.selectbox(
                tr(f"{fmt.key}_size"),
                list(fmt.sizes),
                format_func=functools.partial(size_label, fmt.key),
                key=size_key(fmt.key),
                disabled=not png_ready,
            )
    if not png_ready:
        st.caption(tr("png_off", why=missing))


def size_key(fmt: str) -> str:
    """The session's key for a format's chosen size: the PNG's is PageState's PNG_SIZE, as before."""
    return PNG_SIZE if fmt == "png" else f"{fmt}_size"


def size_label(fmt: str, size: str) -> str:
    """A size's name in the reader's language: "A4 landscape"."""
    return tr(f"{fmt}_{size}")
