"""Each vocabulary and limit has one source, and everything made from it covers it exactly: every sector has
its shape, its words in each language and its keywords; every oblast, wave, action type and status its words;
the upload limit is the same where Streamlit reads it; and no function words anything in a default language."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

from strikes import export
from strikes.core import catalogues, i18n, schema, sectors
from strikes.core.compare import OTHER_WAVES
from strikes.core.i18n import Lang
from strikes.data import gazetteer
from strikes.export import cli
from strikes.intake import MAX_UPLOAD_BYTES
from strikes.page import icons, markup
from strikes.page.basemap import load_basemap
from tools import basemap_build

ROOT = Path(__file__).resolve().parents[2]
TRANSLATED = [code for code in i18n.LANGUAGES if code != "en"]


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_value_of_every_vocabulary_has_its_word_in_each_language(lang: Lang) -> None:
    vocabulary = catalogues.keys(catalogues.DATA)
    for values in (schema.SECTORS, schema.OBLASTS, schema.WAVES, schema.ACTION_TYPES):
        missing = [value for value in values if value not in vocabulary]
        assert missing == [], (lang, missing)
    # and the words a reader sees for them are the vocabulary's, never the English value
    assert all(i18n.word(i18n.language(lang), sector) != sector for sector in schema.SECTORS)


def test_every_sector_has_a_shape_of_its_own_and_keywords_in_each_language() -> None:
    assert set(icons.SECTOR_SHAPES) == set(schema.SECTORS)
    assert len(set(icons.SECTOR_SHAPES.values())) == len(schema.SECTORS)
    for table in sectors.TABLES:
        assert set(table) == set(schema.SECTORS) and all(table.values())


def test_every_status_and_placing_has_its_words_in_each_language() -> None:
    waves = ("august", "november")
    for code in i18n.LANGUAGES:
        lang = i18n.language(code)
        names = markup.status_names(waves, lang)
        assert set(names) == {"august only", "both", "november only", OTHER_WAVES} and all(names.values())
        for precision in schema.PRECISIONS:
            assert markup.position_label(precision, False, lang)


def test_the_oblasts_have_one_table_and_every_other_is_made_from_it() -> None:
    assert [oblast.name for oblast in schema.BELARUS_OBLASTS] == list(schema.OBLASTS)
    assert sorted(gazetteer.BELARUS_ADMIN1.values()) == sorted(schema.OBLASTS)
    assert sorted(basemap_build.OBLASTS.values()) == sorted(schema.OBLASTS)
    drawn = {
        f["properties"]["iso"]: f["properties"]["name"]
        for f in load_basemap()["features"]
        if f["properties"]["kind"] == "oblast"
    }
    assert drawn == {oblast.iso: oblast.name for oblast in schema.BELARUS_OBLASTS}  # the committed map agrees


def test_every_export_has_its_button_words_in_each_language_and_is_a_command_line_choice() -> None:
    for code in i18n.LANGUAGES:
        assert all(i18n.t(i18n.language(code), f"export_{fmt}") for fmt in export.MEDIA_TYPES), code
    choices = next(a for a in cli.parser()._actions if a.dest == "format").choices
    assert choices is not None and list(choices) == list(export.MEDIA_TYPES)


def test_streamlit_refuses_uploads_at_the_same_size_as_the_reader_does() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] * 2**20 == MAX_UPLOAD_BYTES


def _lang_defaults(path: Path) -> list[str]:
    """Every function in a module whose ``lang`` parameter has a default."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            args = node.args
            positional = args.posonlyargs + args.args
            defaulted = positional[len(positional) - len(args.defaults) :]
            defaulted += [a for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is not None]
            found += [f"{path.relative_to(ROOT)}:{node.lineno} {node.name}" for a in defaulted if a.arg == "lang"]
    return found


def test_the_readers_language_is_always_handed_on_never_defaulted() -> None:
    modules = [ROOT / "app.py", *sorted((ROOT / "strikes").rglob("*.py"))]
    assert [found for path in modules for found in _lang_defaults(path)] == []
