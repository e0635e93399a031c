"""The gettext catalogues every reader-facing word comes from: strikes/locale/<lang>/LC_MESSAGES/strikes.po.

One catalogue per language (be, ru, en) holds the interface (no context), the data's vocabularies
(context "data") and an upload's notes and problems (context "upload"), keyed by short ids: the code
reads t(lang, "upload_title"), not an English sentence, so a change of English wording is one line in
en's catalogue, not a new msgid in three. The app reads the compiled .mo files (python -m
strikes.core.catalogues writes them from the .po files; make setup runs it, and a test fails while one is
stale); plural forms are CLDR's, as Babel writes them into each catalogue's Plural-Forms header.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from string import Formatter

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from .files import write_atomic

LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
DOMAIN = "strikes"
LANGS = ("en", "be", "ru")
DATA = "data"  # the context of the data's vocabularies
UPLOAD = "upload"  # the context of an upload's notes and problems


def po_path(lang: str) -> Path:
    """The catalogue a translator edits."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(lang: str) -> Path:
    """The compiled catalogue the app reads."""
    return po_path(lang).with_suffix(".mo")


class _Missing(gettext.NullTranslations):
    """Every catalogue's fallback: a key it lacks is an error, never the key shown to a reader as if it were text."""

    def gettext(self, message: str) -> str:
        raise KeyError(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        raise KeyError(msgid1)

    def pgettext(self, context: str, message: str) -> str:
        raise KeyError(f"{context}|{message}")

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        raise KeyError(f"{context}|{msgid1}")


@cache
def translations(lang: str) -> gettext.GNUTranslations:
    """The compiled catalogue of ``lang`` (read once per process)."""
    with mo_path(lang).open("rb") as file:
        found = gettext.GNUTranslations(file)
    found.add_fallback(_Missing())
    return found


def text(lang: str, key: str, context: str | None = None) -> str:
    """The message ``key`` (in ``context``) in ``lang``; KeyError if the catalogue has none."""
    found = translations(lang)
    return found.pgettext(context, key) if context else found.gettext(key)


def plural_text(lang: str, key: str, n: int, context: str) -> str:
    """The form of the plural message ``key`` that ``n`` takes in ``lang`` (CLDR's one/few/many/other)."""
    return translations(lang).npgettext(context, key, key, n)


@cache
def keys(context: str | None) -> frozenset[str]:
    """Every key of ``context`` (None: the interface's), as the English catalogue has them."""
    catalog = source("en")
    return frozenset(_key(message.id) for message in catalog if message.id and message.context == context)


@cache
def plurals(context: str | None) -> frozenset[str]:
    """The keys of ``context`` whose message has plural forms."""
    return frozenset(
        message.id[0] for message in source("en") if message.context == context and isinstance(message.id, tuple)
    )


def interface(lang: str) -> dict[str, str]:
    """Every interface message of ``lang`` by key: the published edition hands the page all of them."""
    return {key: text(lang, key) for key in sorted(keys(None))}


def source(lang: str) -> Catalog:
    """``lang``'s catalogue as a translator wrote it (the .po)."""
    with po_path(lang).open("rb") as file:
        return read_po(file, locale=lang, domain=DOMAIN)


def compiled(lang: str) -> bytes:
    """The .mo that ``lang``'s .po compiles to (fuzzy entries left out, as gettext does)."""
    out = io.BytesIO()
    write_mo(out, source(lang), use_fuzzy=False)
    return out.getvalue()


def disagreements(translated: Catalog, english: Catalog) -> list[str]:
    """What keeps ``translated`` from standing in for ``english``: a key missing, untranslated or fuzzy, one the
    English lacks, placeholders that differ, or what Babel's checkers find (the number of plural forms)."""
    found: list[str] = []
    for message in english:
        if not message.id:
            continue
        where = f"{translated.locale}: {message.context or ''}|{_key(message.id)}"
        theirs = translated.get(message.id, message.context)
        if theirs is None:
            found.append(f"{where}: missing")
            continue
        forms = _forms(theirs.string)
        if theirs.fuzzy:
            found.append(f"{where}: fuzzy")
        if not all(forms):
            found.append(f"{where}: not translated")
        expected = _placeholders(_forms(message.string)[0])
        found += [
            f"{where}: placeholders {_placeholders(f)} not {expected}" for f in forms if _placeholders(f) != expected
        ]
    known = {(m.id, m.context) for m in english}
    found += [
        f"{translated.locale}: {m.context or ''}|{_key(m.id)}: not in the English catalogue"
        for m in translated
        if m.id and (m.id, m.context) not in known
    ]
    found += [f"{translated.locale}: {_key(m.id)}: {error}" for m, errors in translated.check() for error in errors]
    return found


def _forms(string: str | Sequence[str] | None) -> tuple[str, ...]:
    return (string or "",) if string is None or isinstance(string, str) else tuple(string)


def _placeholders(text: str) -> set[tuple[str, str]]:
    """The {name:spec} fields str.format fills in ``text``."""
    return {(name, spec or "") for _, name, spec, _ in Formatter().parse(text) if name is not None}


def _key(msgid: str | Sequence[str]) -> str:
    return msgid if isinstance(msgid, str) else msgid[0]


def main() -> None:
    """Compile each language's .po to the .mo the app reads (make setup runs this), after saying what in them
    disagrees with the English catalogue (and refusing to compile while anything does)."""
    english = source("en")
    found = [problem for lang in LANGS for problem in disagreements(source(lang), english)]
    if found:
        raise SystemExit("\n".join(found))
    for lang in LANGS:
        write_atomic(mo_path(lang), compiled(lang))


if __name__ == "__main__":
    main()
