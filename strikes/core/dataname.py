"""What the data on the page is called: the curated map's title, or the reader's own file's.

A journalist who maps their own file and publishes the snapshot must not find it
titled "The 2020 Belarusian strikes": the page's heading, a snapshot's title and
every export's file name say whose data it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from .i18n import Lang, t

# What the curated data's files are called; an upload's take its file's name.
BUILTIN_LABEL = "belarus-strikes-2020"


@dataclass(frozen=True)
class DataName:
    """The data shown: the curated dataset, an upload (by its file name), or both side by side."""

    kind: str = "builtin"  # "builtin", "upload" or "both"
    upload: str = ""  # the uploaded file's name, as the reader's machine gave it

    def title(self, lang: Lang) -> str:
        """The page's and a snapshot's heading."""
        if self.kind == "upload":
            return t(lang, "upload_title", name=self.upload)
        if self.kind == "both":
            return t(lang, "both_title", title=t(lang, "title"), name=self.upload)
        return t(lang, "title")

    def label(self) -> str:
        """The first part of every export's file name (strikes.export.file_name makes it safe)."""
        stem = PurePath(self.upload).stem or "upload"
        return {"builtin": BUILTIN_LABEL, "upload": stem, "both": f"{BUILTIN_LABEL}-and-{stem}"}[self.kind]
