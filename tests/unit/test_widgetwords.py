"""Streamlit's own uploader words, in the reader's language, and no text can end the style sheet."""

from __future__ import annotations

from strikes.core.i18n import Lang
from strikes.web import widgetwords


def test_the_uploaders_button_and_limits_are_written_in_the_readers_language() -> None:
    css = widgetwords.uploader_css(Lang("be"), 20, ["csv", "xlsx"])
    assert 'content: "Загрузіць";' in css
    assert r'content: "да 20 МБ на файл \2022  CSV\2c  XLSX";' in css
    assert css.count("<style>") == 1 and css.endswith("</style>")


def test_english_keeps_streamlits_own_words() -> None:
    assert widgetwords.uploader_css(Lang("en"), 20, ["csv"]) == ""


def test_no_text_can_end_the_style_sheet_or_its_string() -> None:
    css = widgetwords.uploader_css(Lang("ru"), 20, ['x"}</style><script>alert(1)</script>'])
    assert css.count("</style>") == 1 and "<script>" not in css and '"}' not in css
