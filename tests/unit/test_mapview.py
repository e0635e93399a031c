"""The map: what each marker encodes, popups in the source's words, and nothing user-written run as HTML."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from strikes.core import compare
from strikes.core.i18n import Lang
from strikes.data.gazetteer import haversine_km
from strikes.page import icons, mapview, markers, markup, search, tables
from strikes.page.assets import STATIC_ROOT, standalone_html

from ..factories import SMALL, make_events
from ..pages import found, readable

WAVES = ("august", "november")
EVIL = '<img src=x onerror=alert(1)><script>alert("x")</script>'


def test_marker_encodes_status_by_colour_and_letter_and_precision_by_outline() -> None:
    first = markup.marker_svg("mining", "august only", "site", WAVES, lang=Lang("en"))
    second = markup.marker_svg("mining", "november only", "town", WAVES, lang=Lang("en"))
    both = markup.marker_svg("mining", "both", "site", WAVES, lang=Lang("en"))
    assert 'fill="#E69F00"' in first and ">A</text>" in first and "stroke-dasharray" not in first
    assert 'fill="#0072B2"' in second and ">N</text>" in second and "stroke-dasharray" in second
    assert 'fill="url(#split)"' in both and ">AN</text>" in both


def test_each_sector_has_its_own_shape() -> None:
    shapes = icons.SECTOR_SHAPES
    assert len(set(shapes.values())) == len(shapes)
    paths = {found(r' d="([^"]+)"', markup.marker_svg(s, "both", "site", WAVES, lang=Lang("en"))) for s in shapes}
    assert len(paths) == len(shapes)


def test_popup_quotes_the_source_and_says_how_the_point_was_located(events: pd.DataFrame) -> None:
    azot = events[events["site_id"] == "grodno-azot"]
    html = markup.popup_html(azot.to_dict("records"), lang=Lang("en"))
    assert "<b>Grodno Azot</b>" in html and "ОАО «Гродно Азот»" in html
    assert "Position: at the workplace</i> (https://pl.wikipedia.org/wiki/Grodno_Azot)" in html
    kozlov = markup.popup_html(events[events["site_id"] == "kozlov"].to_dict("records"), lang=Lang("en"))
    assert "placed at the town centre: the workplace&#x27;s own location is not known" in kozlov
    trolleybus = markup.popup_html(events[events["site_id"] == "minsk-trolleybus"].to_dict("records"), lang=Lang("en"))
    assert "placed at the town centre: the source names no workplace" in trolleybus
    assert "arrested around 100 workers who wanted to strike." in html
    assert "10–14 Aug 2020" in html and "26 Oct 2020" in html
    assert (
        '<a href="https://socialistworker.co.uk/international/belarusian-workers-and-students-defy-repression-to-face-down-lukashenko/" target="_blank" rel="noopener">Belarusian workers'
        in html
    )


def test_user_text_is_escaped_in_popups_tooltips_and_the_page() -> None:
    evil = make_events(
        {
            "event_id": "e1",
            "site_id": "evil",
            "sector": "mining",
            "wave": "august",
            "date": "2020-08-10",
            "name": EVIL,
            "quote": EVIL,
            "notes": EVIL,
            "site_notes": EVIL,
            "local_name": EVIL,
            "source_title": EVIL,
            "source_url": "javascript:alert(1)",
        },
        *SMALL,
    )
    page = standalone_html(mapview.build_map(evil, WAVES, lang=Lang("en")), lang=Lang("en"))
    assert "<img src=x" not in page and '<script>alert("x")' not in page
    assert "javascript:alert" not in page
    # escaped as HTML inside the packed columns: the browser gets "&lt;img ...&gt;", shown as text
    assert "&lt;img src=x onerror=alert(1)&gt;" in readable(page)


def test_unlocated_sites_get_no_marker_and_town_points_say_so() -> None:
    small = make_events(*SMALL)
    fmap = mapview.build_map(small, WAVES, lang=Lang("en"))
    page = readable(fmap.get_root().render())
    assert page.count("(town centre)") == 4  # mtz, azot, kali, uni; not the unlocated doctors
    assert "DOCS" not in page and "KALI" in page


def test_map_uses_only_local_assets_when_inlined() -> None:
    page = standalone_html(mapview.build_dual_map(make_events(*SMALL), WAVES, lang=Lang("en")), lang=Lang("en"))
    assert not re.findall(r'<(?:script|link)[^>]+(?:src|href)="https?://', page)
    # leaflet, supercluster, Leaflet.Sync and leaflet-gesture-handling, all inlined from static/node_modules
    # (no jQuery: no folium popups)
    scripts = [base64.b64decode(script) for script in re.findall(r'src="data:text/javascript;base64,([^"]+)"', page)]
    plugins = {path.read_bytes() for path in (STATIC_ROOT / "js").glob("*.js")}  # the map's own, static/js
    assert len([script for script in scripts if script not in plugins]) == 4
    assert ".sync(" in page


def test_sites_outside_the_two_compared_waves_are_drawn_grey_and_named_in_the_legend() -> None:
    three = make_events(
        *SMALL,
        {
            "event_id": "s1",
            "site_id": "later",
            "sector": "mining|odd",
            "wave": "spring",
            "date": "2021-03-01",
            "town": "Lida",
            "oblast": "Grodno",
            "lat": 53.88,
            "lon": 25.3,
        },
    )
    sites = mapview.site_data(three, compare.site_status(three, WAVES), WAVES, lang=Lang("en"))
    assert "other waves only" in sites.statuses
    page = standalone_html(mapview.build_map(three, WAVES, lang=Lang("en")), lang=Lang("en"))
    assert 'fill=\\"#999999\\"' in readable(page)  # the grey icon, inside the packed list of icons
    assert "Other waves only" in page


@pytest.mark.parametrize("limit", [0, 10_000])  # popups built in the browser, and shipped whole
def test_no_user_text_can_end_or_suspend_the_script(monkeypatch: pytest.MonkeyPatch, limit: int) -> None:
    monkeypatch.setattr(mapview, "FULL_POPUP_LIMIT", limit)
    sneaky = "<!--<script></script> & more"
    evil = make_events(
        {
            "event_id": "e1",
            "site_id": "evil",
            "sector": "mining",
            "wave": "august",
            "date": "2020-08-10",
            "name": sneaky,
            "quote": sneaky,
            "source_title": sneaky,
        },
        *SMALL,
    )
    page = standalone_html(mapview.build_map(evil, WAVES, lang=Lang("en")), lang=Lang("en"))
    assert "<!--" not in page and "<script></script>" not in page


def test_town_level_points_in_one_town_are_spread_on_a_ring_and_site_points_stay() -> None:
    summary = pd.DataFrame(
        {
            "lat": [53.9, 53.9, 53.9, 53.9, 52.1],
            "lon": [27.57, 27.57, 27.57, 27.57, 23.7],
            "precision": ["town", "town", "town", "site", "town"],
        }
    )
    lat, lon, centre = mapview.spread_stacked(summary)
    assert len(set(zip(lat[:3].round(6), lon[:3].round(6)))) == 3  # no two stacked
    ring_km = [haversine_km(a, b, 53.9, 27.57) for a, b in zip(lat[:3], lon[:3])]
    assert max(ring_km) - min(ring_km) < 0.01 and 0.8 < ring_km[0] < 1.0  # one ring, about 0.9 km out
    assert (lat[3], lon[3]) == (53.9, 27.57) and (lat[4], lon[4]) == (52.1, 23.7)  # a site, a lone town point
    assert centre.tolist() == ["5390000,2757000"] * 3 + ["", ""]  # the ring's spokes lead to the town's centre


def test_the_curated_map_draws_no_two_sites_on_one_spot(events: pd.DataFrame) -> None:
    sites = mapview.site_data(events, compare.site_status(events, WAVES), WAVES, lang=Lang("en"))
    columns = sites.unpack()["columns"]
    points = list(zip(columns["lat"], columns["lon"]))
    assert len(points) == 43 and len(set(points)) == 43
    minsk = events[(events["town"] == "Minsk") & events["precision"].eq("town")]
    assert minsk[["lat", "lon"]].drop_duplicates().shape[0] == 1  # the data keeps the town's own point


def test_search_lists_each_site_under_its_own_and_its_towns_names(events: pd.DataFrame) -> None:
    entries = search.search_entries(events)
    kali = next(e for e in entries if e["kind"] == "site" and e["id"] == "belaruskali")
    for name in ("Belaruskali", "ОАО «Беларуськалий»", "Salihorsk", "Soligorsk", "Салігорск", "Солигорск"):
        assert name in kali["names"]
    assert not any("索" in n for n in kali["names"])  # only Latin and Cyrillic names
    towns = {e["label"] for e in entries if e["kind"] == "town"}
    assert {"Minsk", "Pastavy"} <= towns or {"Minsk", "Postavy"} <= towns  # a big town, and a small one the data names
    assert len([e for e in entries if e["kind"] == "site"]) == 43
    assert [e for e in search.search_entries(events, include_sites=False) if e["kind"] == "site"] == []


def test_the_committed_town_list_is_what_geonames_gives(tmp_path: Path) -> None:
    rebuilt = search.build_towns(tmp_path / "towns.json")
    committed = json.loads(search.TOWNS_PATH.read_text(encoding="utf-8"))
    assert committed == rebuilt and len(committed) == 260


def test_the_site_table_speaks_the_readers_language() -> None:

    small = make_events(*SMALL)
    status = compare.site_status(small, WAVES)
    english = tables.site_table(small, status, WAVES, Lang("en"))
    belarusian = tables.site_table(small, status, WAVES, Lang("be"))
    kali = english.set_index("name").loc["KALI"]
    assert (kali["sector"], kali["position"], kali["actions"]) == ("mining", "town centre", "13 Aug 2020: strike")
    kali_be = belarusian.set_index("name").loc["KALI"]
    assert (kali_be["sector"], kali_be["oblast"], kali_be["position"], kali_be["actions"]) == (
        "здабыча",
        "Мінская",
        "цэнтр горада",
        "13 жніўня 2020: страйк",
    )
    assert kali_be["status"] == "Толькі хваля «Жнівень»" and kali["status"] == "August only"  # grammatical
    # the legend's words for each status, and the map's one name for each town
    legend = markup.status_names(WAVES, Lang("be"))
    assert set(belarusian["status"]) == {legend[s] for s in status.dropna()}
    assert dict(zip(belarusian["name"], belarusian["town"])) == {
        "AZOT": "Гродна",
        "DOCS": "",
        "KALI": "Салігорск",
        "MTZ": "Мінск",
        "UNI": "Мінск",
    }
    assert list(english.columns) == list(belarusian.columns) == tables.SITE_COLUMNS
    assert tables.SITE_COLUMNS[:4] == ["name", "town", "status", "actions"]  # read without scrolling sideways
    assert not english.isna().any().any() and not english.isin(["None", "nan"]).any().any()  # no "None" shown


def test_the_comparison_table_and_charts_speak_the_readers_language_in_the_maps_order() -> None:
    small = make_events(*SMALL)
    rows = tables.comparison_rows(small, WAVES, Lang("ru"))
    assert list(rows.columns) == tables.COMPARISON_COLUMNS and not rows.isna().any().any()
    assert rows[["status", "name", "town"]].values.tolist() == [
        ["Только волна «Август»", "DOCS", ""],
        ["Только волна «Август»", "KALI", "Солигорск"],
        ["Обе волны, «Август» и «Ноябрь»", "AZOT", "Гродно"],
        ["Обе волны, «Август» и «Ноябрь»", "MTZ", "Минск"],
        ["Только волна «Ноябрь»", "UNI", "Минск"],
    ]
    chart = tables.sites_per_wave_chart(small, "sector", WAVES, Lang("ru"))
    assert list(chart.columns) == ["Август", "Ноябрь"]  # first wave first: it takes the map's first colour
    assert "добыча" in chart.index


def test_a_large_map_packs_every_action_of_every_site_for_popups_made_on_click(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mapview, "FULL_POPUP_LIMIT", 0)
    events = make_events(
        {
            "event_id": "e1",
            "site_id": "mtz",
            "sector": "manufacturing",
            "wave": "august",
            "date": "2020-08-10",
            "quote": "first",
            "source_url": "javascript:alert(1)",
        },
        {
            "event_id": "e2",
            "site_id": "kali",
            "sector": "mining",
            "wave": "november",
            "date": "2020-10-26",
            "quote": "k",
            "lat": 52.79,
            "lon": 27.54,
            "size": "hundreds",
        },
        {
            "event_id": "e3",
            "site_id": "mtz",
            "sector": "manufacturing",
            "wave": "november",
            "date": "2020-10-26",
            "quote": "second",
            "action_type": "arrests",
            "notes": "a note",
        },
    )
    columns = mapview.site_data(events, compare.site_status(events, WAVES), WAVES, lang=Lang("en")).unpack()["columns"]

    def texts(name: str, rows: int = 3) -> list[object]:  # a column of one value has no codes
        column = columns[name]
        if isinstance(column, list):
            return column
        return [column["values"][code] for code in column.get("codes", [0] * rows)]

    assert (columns["lat"], columns["lon"]) == ([5390000, 5279000], [2757000, 2754000])  # 1e-5 degrees
    assert texts("name", 2) == ["MTZ", "KALI"] and texts("town", 2) == ["Minsk", "Minsk"]
    assert columns["town"] == {"values": ["Minsk"]}  # one value, sent once
    assert columns["actions"] == [2, 1]  # the action columns hold MTZ's two, then KALI's one
    assert texts("when") == [
        "10 Aug 2020 · August · strike",
        "26 Oct 2020 · November · arrests",
        "26 Oct 2020 · November · strike",
    ]
    assert texts("quote") == ["first", "second", "k"]
    assert texts("size") == ["", "", "hundreds"] and texts("notes") == ["", "a note", ""]
    assert texts("url") == ["", "https://example.org/", "https://example.org/"]  # no javascript: link
    assert texts("source") == ["A source"] * 3
    assert "popup" not in columns and "id" not in columns


def test_the_site_table_joins_each_sites_distinct_values_in_the_order_first_seen() -> None:
    rows = [{**SMALL[0], "event_id": f"e{n}", "quote": quote} for n, quote in enumerate(["b", "a", "b", None])]
    table = tables.site_table(make_events(*rows), pd.Series(dtype="str"), WAVES, Lang("en"))
    assert table["quotes"].tolist() == ["b | a"]


def test_the_comparison_opens_on_the_links_view_or_fits_the_data() -> None:
    small = make_events(*SMALL)
    viewed = (
        mapview.build_dual_map(small, WAVES, view=mapview.View(52.43, 30.98, 9, 900, 560), lang=Lang("en"))
        .get_root()
        .render()
    )
    assert viewed.count("[52.43, 30.98]") == 2 and '"zoom": 9' in viewed  # both maps, on Gomel
    fitted = mapview.build_dual_map(small, WAVES, lang=Lang("en")).get_root().render()
    assert "fitBounds" in fitted and "[52.43, 30.98]" not in fitted


def test_a_site_is_summed_up_from_its_events_in_the_order_first_seen() -> None:
    events = make_events(
        {"event_id": "b1", "site_id": "bmz", "sector": "metals", "wave": "november", "date": "2020-10-26"},
        {"event_id": "a1", "site_id": "mtz", "sector": "manufacturing", "wave": "august", "date": "2020-08-10"},
        {
            "event_id": "b2",
            "site_id": "bmz",
            "sector": "metals",
            "wave": "august",
            "date": "2020-08-11",
            "local_name": "БМЗ",
        },
    )
    status = pd.Series({"mtz": "august only", "bmz": "both"})
    expected = pd.DataFrame(
        {
            "lat": [53.9, 53.9],
            "lon": [27.57, 27.57],
            "name": ["BMZ", "MTZ"],
            "local_name": pd.Series(["БМЗ", None], dtype=events["local_name"].dtype).to_numpy(),  # the first given
            "town": ["Minsk", "Minsk"],
            "sector": ["metals", "manufacturing"],
            "precision": ["town", "town"],
            "is_group": [False, False],
            "actions": [2, 1],
            "status": ["both", "august only"],
        },
        index=pd.Index(["bmz", "mtz"], name="site_id"),
    )
    summary = markers.site_summary(events, status)
    pd.testing.assert_frame_equal(summary, expected, check_dtype=False)
    assert markers.site_summary(events.iloc[:0], status).empty


def test_the_legend_says_which_two_of_more_waves_it_colours() -> None:
    """An upload's months beyond the two compared are grey ("other waves only"): the legend then heads its
    statuses with the two compared, in the reader's language; two waves need no such heading."""
    waves = ("september 2022", "october 2022")
    labels = compare.status_labels(waves)
    more = markup.legend_html(waves, ["mining"], (labels[0], compare.OTHER_WAVES), lang=Lang("en"))
    assert "<h2>Comparing September 2022 and October 2022</h2>" in more
    assert "Параўноўваюцца Верасень 2022 і Кастрычнік 2022" in markup.legend_html(
        waves, ["mining"], (labels[0], compare.OTHER_WAVES), lang=Lang("be")
    )
    two = markup.legend_html(waves, ["mining"], (labels[0], labels[2]), lang=Lang("en"))
    assert "<h2>Struck in</h2>" in two and "Comparing" not in two
