"""The HTML export: the snapshot page itself, one file that opens with no server and no internet."""

from __future__ import annotations

from .contract import Format
from .snapshot import page_for

FORMAT = Format(
    key="html", media_type="text/html", suffix=".html", label="export_html", needs_chromium=False, write=page_for
)
