"""Streamlit's own words in its widgets, in the reader's language.

Streamlit writes a few words of its own that no widget option changes: the file
uploader's button ("Upload") and its line of limits ("20MB per file • CSV, …").
A Belarusian or Russian page with those words in English reads half translated,
so a style sheet hides them and writes the catalogue's words in their place (as
generated content, which screen readers read as the button's name).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..core.i18n import DEFAULT, Lang, t
from ..page.elements import css_string

_UPLOADER = "[data-testid=stFileUploaderDropzone]"


def uploader_css(lang: Lang, mb: int, suffixes: Sequence[str]) -> str:
    """A style sheet putting the uploader's button and limits in ``lang``; none in English, Streamlit's own
    language, where the button keeps its own text (and so its name for every accessibility checker)."""
    if lang == DEFAULT:
        return ""
    button = css_string(t(lang, "upload_button"))
    limits = css_string(t(lang, "upload_limit", mb=mb, types=", ".join(s.lstrip(".").upper() for s in suffixes)))
    return (
        "<style>"
        f"{_UPLOADER} button [data-testid=stMarkdownContainer] p {{display: none;}}"
        f"{_UPLOADER} button [data-testid=stMarkdownContainer]::after {{content: {button};}}"
        f"[data-testid=stFileUploaderDropzoneInstructions] span {{display: none;}}"
        f"[data-testid=stFileUploaderDropzoneInstructions] div::after {{content: {limits}; font-size: 14px;}}"
        "</style>"
    )
