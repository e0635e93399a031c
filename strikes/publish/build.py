"""Write the edition: every file into a temporary folder beside the target, then one rename.

A reader of the published folder never sees half a build, and a failed build leaves the last good one
in place. Every file but index.html is named by its content's hash (mapparts.hashed), so a static host
or CDN may cache it for ever; index.html is small and names the rest by relative URL.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from ..core import compare, i18n
from ..core.dataname import DataName
from ..core.i18n import LANGUAGES, Lang
from ..page.assets import PLUGINS_ROOT
from ..page.elements import script_json
from . import data, mapparts, shell

LANGS: tuple[Lang, ...] = tuple(Lang(code) for code in LANGUAGES)
# The browser code of the edition itself, in the order it runs (after the map's libraries).
EDITION_JS = ("edition-filters.js", "edition-address.js", "edition-dates.js")
SOCIAL_IMAGE = "social"  # stem of the 1200 x 675 card


@dataclass
class Edition:
    """What a build wrote: the folder, its files, and what could not be made (the social image, without Chromium)."""

    out: Path
    files: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def register(part: str, value: object, language: str | None = None) -> bytes:
    """A script that hands ``value`` (as JSON safe in any script) to the page: data, or one ``language``'s words
    (a key of the part, not a reader's language defaulted)."""
    target = f'window.strikesEditionParts.{part}["{language}"]' if language else f"window.strikesEditionParts.{part}"
    prefix = "window.strikesEditionParts = window.strikesEditionParts || {};\n"
    if language:
        prefix += f"window.strikesEditionParts.{part} = window.strikesEditionParts.{part} || {{}};\n"
    return f"{prefix}{target} = {script_json(value)};\n".encode()


def map_script(body: str, lang: str) -> bytes:
    """The map's folium script as a function of the element it draws in (the edition draws up to three)."""
    made = body.replace(f'"map_{mapparts.MAP_ID}"', "id")
    prefix = "window.strikesEditionParts = window.strikesEditionParts || {};\n"
    prefix += "window.strikesEditionParts.map = window.strikesEditionParts.map || {};\n"
    return f'{prefix}window.strikesEditionParts.map["{lang}"] = function (id) {{\n{made}}};\n'.encode()


def social_image(events: pd.DataFrame, name: DataName, url: str) -> bytes:
    """The 1200 x 675 social card, as the PNG export makes it (headless Chromium), the curated map's citing
    the edition's own address ``url`` (none if it is not a public one)."""
    from ..core.filters import Filters
    from ..export import export
    from ..page import about

    citation = about.citation(url, i18n.DEFAULT) if name.kind == "builtin" else ""
    return export("png", Filters(), events, lang=i18n.DEFAULT, name=name, size="social", citation=citation)


def build(
    events: pd.DataFrame,
    out: Path,
    name: DataName,
    *,
    sources: pd.DataFrame | None = None,
    updated: date | None = None,
    url: str = "",
    image: Callable[[pd.DataFrame, DataName, str], bytes] | None = social_image,
) -> Edition:
    """The edition of ``events`` in folder ``out`` (replaced whole). ``sources`` and ``updated`` are the
    curated data's (None for an upload: its own source titles, dated today); ``url`` the address it will be
    published at (for the social card's absolute links, and the citation of its About and card); ``image``
    makes the card (None: no card)."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    edition = Edition(out)
    waves = compare.wave_pair(events)
    parts = mapparts.map_parts(events, waves, LANGS)
    files = dict(parts.files)
    scripts = list(parts.scripts)
    for filename in EDITION_JS:
        scripts.append(_add(files, filename.removesuffix(".js"), ".js", (PLUGINS_ROOT / filename).read_bytes()))
    scripts.append(_add(files, "data", ".js", register("data", data.edition_data(events))))
    scripts.append(_add(files, "edition", ".js", (PLUGINS_ROOT / "edition.js").read_bytes()))
    day = updated or date.today()
    manifest: dict[str, object] = {"default": i18n.DEFAULT}
    for lang in LANGS:
        words = data.edition_words(events, lang, name, sources, day, url)
        manifest[lang] = {
            "words": _add(files, f"words-{lang}", ".js", register("words", words, lang)),
            "map": _add(files, f"map-{lang}", ".js", map_script(parts.map_script[lang], lang)),
        }
    styles = [*parts.styles, _add(files, "edition", ".css", shell.EDITION_CSS.encode())]
    card = None
    if image is not None:
        try:
            card = _add(files, SOCIAL_IMAGE, ".png", image(events, name, url))
        except Exception as err:  # noqa: BLE001 - no Chromium, or it failed: the edition is whole without its card
            edition.notes.append(f"no social image: {err}")
    lang = i18n.DEFAULT
    title = name.title(lang)
    description = i18n.t(lang, "describe_none") if events["lat"].isna().all() else _description(events, lang)
    files["index.html"] = shell.index_html(
        lang=lang,
        title=title,
        description=description,
        styles=styles,
        scripts=scripts,
        files=manifest,
        boot=_add(files, "edition-boot", ".js", (PLUGINS_ROOT / "edition-boot.js").read_bytes()),
        image=card,
        url=url,
    ).encode("utf-8")
    _write_folder(out, files)
    edition.files = sorted(files)
    return edition


def _description(events: pd.DataFrame, lang: Lang) -> str:
    """The page's description for search engines and cards: what the map holds, in counts."""
    sites, actions = events["site_id"].nunique(), len(events)
    return i18n.t(lang, "counts", sites=sites, actions=actions) + ". " + i18n.t(lang, "all_data") + "."


def _add(files: dict[str, bytes], stem: str, suffix: str, content: bytes) -> str:
    name = mapparts.hashed(stem, suffix, content)
    files[name] = content
    return name


def _write_folder(out: Path, files: dict[str, bytes]) -> None:
    """Every file into a new folder beside ``out``, then that folder renamed to ``out`` (the old one removed)."""
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        for filename, content in files.items():
            (staging / filename).write_bytes(content)
        staging.chmod(0o755)
        old = None
        if out.exists():
            old = out.with_name(f".{out.name}.old-{staging.name.rsplit('.', 1)[-1]}")
            out.rename(old)
        staging.rename(out)
        if old is not None:
            shutil.rmtree(old)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
