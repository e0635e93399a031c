"""A user's value quoted in a message: the characters no cell may hold made visible, and a long value cut short.

Its own module because every reader and check quotes values (the decoders,
the row checks and the dataset's schema errors), and a message must never
carry a 19 MB cell whole nor a control character raw.
"""

from __future__ import annotations

import re

# Tab, newline and carriage return are the only control characters a cell may hold.
NOT_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
# How much of a bad value a message quotes.
EXCERPT_CHARS = 80


def printable(name: str) -> str:
    """``name`` with every character no cell may hold shown as U+FFFD, so a message can carry it."""
    return NOT_TEXT.sub("\ufffd", name)


def excerpt(value: object) -> str:
    """A user's value quoted in a message: whole when short, else its start and its length.

    A 19 MB cell echoed whole costs seconds to render and buries the advice.
    """
    text = printable(str(value))
    if len(text) <= EXCERPT_CHARS:
        return repr(text)
    return f"{text[:EXCERPT_CHARS]!r}… ({len(text):,} characters)"
