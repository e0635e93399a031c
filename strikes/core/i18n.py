"""The interface in English, Belarusian and Russian: words, numbers, dates and lists in the reader's language.

Every fixed string a reader sees (the app's labels, the legend, the popups'
fixed text, the export titles) is looked up by key in the gettext catalogues
(strikes.core.catalogues); the data's own vocabularies (sectors, waves, action
types, oblasts) are translated for display while their English values stay the
keys filters and links use. Dates, numbers and lists follow CLDR, through Babel.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, NewType

from babel.dates import format_date, get_month_names
from babel.lists import format_list
from babel.numbers import format_decimal

from . import catalogues

LANGUAGES = {"en": "English", "be": "Беларуская", "ru": "Русский"}
# A reader's language, as one value every function that words something for a reader must be handed: no
# such function has a default, so a forgotten hand-on is an error (mypy's), never a page silently in English.
# Only language() makes one, from whatever a link, a widget or a command line gave.
Lang = NewType("Lang", str)
DEFAULT = Lang("en")

# The English month names, as a wave named after a month and its year is written in the data ("september 2023").
_ENGLISH_MONTHS = tuple(name.lower() for name in get_month_names("wide", "stand-alone", locale="en").values())
_MONTH_YEAR = re.compile(rf"^({'|'.join(_ENGLISH_MONTHS)}) (\d{{4}})$")


def language(code: object) -> Lang:
    """A language code as given (a link is anyone's text), or the default."""
    return Lang(code) if isinstance(code, str) and code in LANGUAGES else DEFAULT


def t(lang: Lang, key: str, **values: Any) -> str:
    """The interface string ``key`` in ``lang``, with its placeholders filled."""
    text = catalogues.text(language(lang), key)
    return text.format(**values) if values else text


def word(lang: Lang, value: object) -> str:
    """A value of the data's vocabularies (a sector, a wave, an oblast) as running text in ``lang`` writes it:
    English capitalises a month ("August"), Belarusian and Russian do not ("жнівень"); a wave named after a
    month and its year, as an upload's waves are by default, keeps its year ("верасень 2022")."""
    text = str(value)
    code = language(lang)
    for key in (text, text.lower()):
        if key in catalogues.keys(catalogues.DATA):
            return catalogues.text(code, key, catalogues.DATA)
    dated = _MONTH_YEAR.match(text.lower())
    if dated:
        return format_date(
            date(int(dated.group(2)), _ENGLISH_MONTHS.index(dated.group(1)) + 1, 1), "LLLL y", locale=code
        )
    return text


def wave_name(lang: Lang, wave: object) -> str:
    """A wave standing alone as a label (a heading, a legend, a count, a chip) begins with a capital in every
    language: "August", "Жнівень", "Верасень 2022"."""
    text = word(lang, wave)
    return text[:1].upper() + text[1:]


def long_date(lang: Lang, day: date) -> str:
    """12 August 2020, 12 жніўня 2020, 12 августа 2020 (CLDR's month names)."""
    return format_date(day, "d MMMM y", locale=language(lang))


def month_names(lang: Lang) -> list[str]:
    """The months as a date writes them after its day ("жніўня"), January first: the edition's dates."""
    return list(get_month_names("wide", "format", locale=language(lang)).values())


def month_titles(lang: Lang) -> list[str]:
    """The months standing alone, as a list of choices names them ("Жнівень", not "жніўня"), January first:
    the edition's date selects."""
    return [m[:1].upper() + m[1:] for m in get_month_names("wide", "stand-alone", locale=language(lang)).values()]


def number(lang: Lang, value: int) -> str:
    """A count with its digits grouped as ``lang`` writes them: 2,500,000; 2\u00a0500\u00a0000."""
    return format_decimal(value, locale=language(lang))


def joined(lang: Lang, values: list[str]) -> str:
    """a, b, and c; a, b і c; a, b и c (CLDR's list patterns)."""
    return format_list(values, locale=language(lang))
