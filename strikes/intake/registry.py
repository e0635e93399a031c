"""Every upload format and column convention, registered in this one place.

The app's accepted file types, the message for an unknown type and the
README's table of formats all come from here, so a new format is one module
with a ``FORMAT`` (or a ``CONVENTION``) and one line below.
"""

from __future__ import annotations

from pathlib import PurePath

from . import acled, csvfile, geojsonfile, labortracker, xlsxfile
from .contract import Convention, FileFormat
from .decode import UploadError
from .wording import Joined, say

FILE_FORMATS: tuple[FileFormat, ...] = (csvfile.FORMAT, xlsxfile.FORMAT, geojsonfile.FORMAT)
CONVENTIONS: tuple[Convention, ...] = (acled.CONVENTION, labortracker.CONVENTION)


def suffixes() -> list[str]:
    """Every accepted suffix without its dot, as a file picker takes them."""
    return [suffix.lstrip(".") for fmt in FILE_FORMATS for suffix in fmt.suffixes]


def format_for(filename: str) -> FileFormat:
    """The format a file's suffix names, or an error listing the formats there are."""
    suffix = PurePath(filename).suffix.lower()
    for fmt in FILE_FORMATS:
        if suffix in fmt.suffixes:
            return fmt
    kinds = [say("format_kind", kind=fmt.description, suffixes=", ".join(fmt.suffixes)) for fmt in FILE_FORMATS]
    listed = say("or_last", first=Joined(tuple(kinds[:-1]), ", "), last=kinds[-1])
    name = PurePath(filename).name
    raise UploadError([say("unknown_type", label=name, suffix=suffix or say("no_suffix"), formats=listed)])


def convention_for(columns: list[str]) -> Convention | None:
    """The published convention whose columns these are; None for the map's own columns."""
    return next((convention for convention in CONVENTIONS if convention.matches(columns)), None)


def formats_table() -> str:
    """The README's table of file formats and conventions, as Markdown."""
    lines = ["| upload | suffixes or columns that tell it |", "|---|---|"]
    lines += [f"| {fmt.name} | {', '.join(f'`{s}`' for s in fmt.suffixes)} |" for fmt in FILE_FORMATS]
    lines += [
        f"| {convention.name} (in any of the above) | the columns "
        f"{', '.join(f'`{c}`' for c in sorted(convention.signature))} together |"
        for convention in CONVENTIONS
    ]
    return "\n".join(lines)
