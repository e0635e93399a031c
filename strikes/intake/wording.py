"""An upload's notes and problems in the reader's language: worded when shown, not when found.

The intake finds a problem deep inside a file, where no reader's language is
known (and its results are cached whatever the language), so it says what it
found as a Say: a key of the catalogues' "upload" context and its values. The
page words it in the reader's language; str() gives the English, as the command
line, the logs and the tests read it. A value that is itself a Say is worded in
the same language; a count written {n:,} is grouped as the language writes it
(2,500,000; 2 500 000), and a message with a plural takes the form CLDR gives
the value ``n`` (English one/other; Belarusian and Russian one/few/many).
"""

from __future__ import annotations

import string
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from ..core import catalogues
from ..core.i18n import DEFAULT, Lang, language, number, word
from ..core.problems import MAX_PROBLEMS_SHOWN

# What a file's row is called in messages ("row 4", "feature 3", "2 records"): each has its words in the catalogues.
Unit = Literal["row", "feature", "record", "site", "action"]


@dataclass(frozen=True)
class Say:
    """A note or a problem as the intake found it: the catalogue key and its values, worded when shown."""

    key: str
    values: tuple[tuple[str, Any], ...] = ()

    def text(self, lang: Lang) -> str:
        """The note or problem in ``lang``; its values are data, never part of the template."""
        code, values = language(lang), dict(self.values)
        return _Formatter(code).format(_form(code, self.key, values), **values)

    def __str__(self) -> str:
        return self.text(DEFAULT)


def say(key: str, /, **values: Any) -> Say:
    """What the intake found, to be worded in the reader's language: say("not_a_number", value="'x'")."""
    if key not in catalogues.keys(catalogues.UPLOAD):
        raise KeyError(key)
    return Say(key, tuple(values.items()))


@dataclass(frozen=True)
class Word:
    """A value of the data's vocabularies (an action type, a sector) in a Say, worded as the page words it."""

    value: str


@dataclass(frozen=True)
class Joined:
    """Values in a Say, one after another: names by ", ", alternatives by say("or")."""

    items: tuple[Say | str, ...]
    separator: Say | str


def worded(text: object, lang: Lang) -> str:
    """A Say in ``lang``; anything else (a file's own words) as its text."""
    return text.text(lang) if isinstance(text, Say) else str(text)


def problems_text(problems: Sequence[object], lang: Lang) -> str:
    """An upload's problems, one a line, the first few only, in ``lang``."""
    shown = [worded(problem, lang) for problem in problems[:MAX_PROBLEMS_SHOWN]]
    more = len(problems) - MAX_PROBLEMS_SHOWN
    return "\n".join(shown + ([say("more_problems", n=more).text(lang)] if more > 0 else []))


def _form(lang: Lang, key: str, values: dict[str, Any]) -> str:
    """The message ``key``: the form its value ``n`` takes where it has plural forms."""
    if key in catalogues.plurals(catalogues.UPLOAD):
        return catalogues.plural_text(lang, key, int(values["n"]), catalogues.UPLOAD)
    return catalogues.text(lang, key, catalogues.UPLOAD)


class _Formatter(string.Formatter):
    """Formats a Say's values in its language: a Say worded, a grouped count with the language's separator."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, Say):
            return value.text(self.lang)
        if isinstance(value, Word):
            return word(self.lang, value.value)
        if isinstance(value, Joined):
            return worded(value.separator, self.lang).join(worded(item, self.lang) for item in value.items)
        if format_spec == "," and isinstance(value, int):
            return number(self.lang, value)
        return str(super().format_field(value, format_spec))
