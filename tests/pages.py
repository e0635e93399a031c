"""Reading a rendered map page back: its packed site columns, decoded as the browser decodes them."""

from __future__ import annotations

import json
import re
from typing import Any

from strikes.page.markers import SiteData

PACKED = re.compile(r'new Sites\("([A-Za-z0-9+/=]*)"\)')


def packed_sites(page: str) -> list[dict[str, Any]]:
    """Every site layer's document (columns and icons) in a page or script, in page order."""
    return [SiteData(packed, ()).unpack() for packed in PACKED.findall(page)]


def readable(page: str) -> str:
    """The page with its site layers' documents appended as JSON, so text in them can be looked for."""
    return page + "".join(json.dumps(document, ensure_ascii=False) for document in packed_sites(page))


def found(pattern: str, page: str) -> str:
    """The first group of ``pattern``'s first match in ``page`` (dot matches newlines); the match must be there."""
    match = re.search(pattern, page, re.S)
    assert match is not None, pattern
    return match.group(1)
