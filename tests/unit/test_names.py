"""The page's own names in the reader's language (strikes.web.names, strikes.web.charts, strikes.page.access):
what the browser scripts are handed. tests/browser/test_names_browser.py checks them on the page."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from strikes.core.i18n import Lang, t
from strikes.page import mapview
from strikes.web.charts import chart_description
from strikes.web.names import STREAMLIT_NAMES, page_words, skip_links_html


@pytest.mark.parametrize("lang", ["be", "ru"])
def test_every_one_of_streamlits_english_names_has_the_readers_word(lang: Lang) -> None:
    words = page_words(lang)
    assert set(words["names"]) == set(STREAMLIT_NAMES)
    assert all(word and word != english for english, word in words["names"].items())
    patterns = {(prefix, suffix): template for prefix, suffix, template in words["patterns"]}
    assert patterns[("", " — start")] == t(lang, "thumb_start", label="{label}")
    assert patterns[("Help for ", "")] == t(lang, "help_for", label="{label}")
    assert patterns[("Show data: ", "")] == t(lang, "st_show_data") + ": {label}"
    assert all("{label}" in template for template in patterns.values())
    assert words["upload"] == t(lang, "upload_button") and words["frame"] == t(lang, "map_frame")


def test_an_english_page_keeps_streamlits_own_words_and_still_names_its_map() -> None:
    words = page_words(Lang("en"))
    assert words["names"] == {} and words["patterns"] == [] and words["upload"] is None
    assert words["frame"] == t(Lang("en"), "map_frame")


def test_the_skip_links_hand_the_script_their_words_as_data() -> None:
    page = skip_links_html(Lang("be"), "map")
    assert re.findall(r'<a class="skip-link" href="#([a-z-]+)"', page) == ["strike-map", "site-table"]
    assert "data-into-map" in page.split("site-table")[0]  # the map's link reaches into the frame
    words = json.loads(re.search(r"StrikeAppNames\.start\((.*)\);</script>$", page).group(1))  # type: ignore[union-attr]
    assert words == page_words(Lang("be"))
    assert re.findall(r'href="#([a-z-]+)"', skip_links_html(Lang("ru"), "compare")) == ["strike-map"]


def test_a_charts_name_gives_every_groups_sites_in_each_wave() -> None:
    counts = pd.DataFrame({"Жнівень": [6, 12], "Лістапад": [1, 3]}, index=["хімія", "прамысловасць"])
    assert chart_description(counts, "Месцы па галінах", Lang("be")) == (
        "Месцы па галінах, месцы ў кожнай хвалі: хімія: Жнівень 6, Лістапад 1; прамысловасць: Жнівень 12, Лістапад 3."
    )


@pytest.mark.parametrize("lang", ["be", "ru"])
def test_every_map_names_leaflets_buttons_in_the_readers_language(events: pd.DataFrame, lang: Lang) -> None:
    waves = ("august", "november")
    page = mapview.build_map(events, waves, lang=lang).get_root().render()
    words = json.loads(re.search(r"L\.strikeNames\(map_\w+, (\{.*?\})\);", page).group(1))  # type: ignore[union-attr]
    assert words == {
        "zoomIn": t(lang, "ed_zoom_in"),
        "zoomOut": t(lang, "ed_zoom_out"),
        "layers": t(lang, "ed_layers"),
        "close": t(lang, "ed_close"),
        "leaflet": t(lang, "leaflet_link"),
    }
    assert "strike-names.js" in page
