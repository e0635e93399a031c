"""The real app under Streamlit's AppTest: every filter moves the counts and the table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ..pages import packed_sites, readable

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def start(**params: str | list[str]) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        app.query_params[key] = value
    return app.run()


def metrics(app: AppTest) -> dict[str, int]:
    """The headline counts (the comparison view adds per-status ones, prefixed 'Sites: ')."""
    return {m.label: int(m.value) for m in app.metric if not m.label.startswith("Sites: ")}


def url_values(app: AppTest, key: str) -> list[str]:
    value = app.query_params[key]
    return [value] if isinstance(value, str) else list(value)


def site_names(app: AppTest) -> list[str]:
    return sorted(app.dataframe[0].value["name"])


@pytest.fixture(scope="module")
def app() -> AppTest:
    return start()


def test_app_starts_with_every_site_and_the_map(app: AppTest) -> None:
    assert not app.exception
    assert metrics(app) == {"Sites shown": 44, "Actions shown": 50, "Sites in August": 42, "Sites in November": 6}
    assert len(app.dataframe[0].value) == 44
    # the map is on the page: one marker per located site, Leaflet from the local static files
    (folium_map,) = app.get("component_instance")
    assert folium_map.proto.component_name == "streamlit_folium.st_folium"
    args = json.loads(folium_map.proto.json_args)
    # the markers travel apart from the map, as a group swapped in place on a filter change
    assert "new Sites(" not in args["script"] and "new Sites(" in args["feature_group"]
    (sites,) = packed_sites(args["feature_group"])
    assert len(sites["columns"]["lat"]) == 43
    assert all(
        link.startswith(("/app/static/node_modules/", "/app/static/js/"))
        for link in args["js_links"] + args["css_links"]
    )
    assert any(link.startswith("/app/static/js/strike-search.js?v=") for link in args["js_links"])  # the search box
    # the offline base map's shapes are fetched from the app's static files, not resent on every rerun
    assert '"/app/static/basemap/belarus.geojson"' in args["script"] and '"Polygon"' not in args["script"]
    # pans and zooms rerun the script, so the link and the snapshots follow the reader's view
    assert sorted(args["returned_objects"]) == ["bounds", "center", "zoom"]
    # and the unlocated group is listed beside it
    assert any("Doctors and nurses across Belarus" in md.value for md in app.markdown)


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("f_sector", ["mining"], {"Sites shown": 1, "Actions shown": 2, "Sites in August": 1, "Sites in November": 1}),
        ("f_wave", ["november"], {"Sites shown": 6, "Actions shown": 8, "Sites in August": 0, "Sites in November": 6}),
        (
            "f_oblast",
            ["Grodno"],
            {"Sites shown": 11, "Actions shown": 13, "Sites in August": 11, "Sites in November": 1},
        ),
        ("f_town", ["Lida"], {"Sites shown": 2, "Actions shown": 2, "Sites in August": 2, "Sites in November": 0}),
        ("f_type", ["arrests"], {"Sites shown": 1, "Actions shown": 1, "Sites in August": 0, "Sites in November": 1}),
    ],
)
def test_each_filter_changes_counts_table_and_url(key: str, value: list[str], expected: dict[str, int]) -> None:
    app = start()
    app.multiselect(key=key).set_value(value).run()
    assert metrics(app) == expected
    assert len(app.dataframe[0].value) == expected["Sites shown"]
    param = key.removeprefix("f_")
    assert url_values(app, param) == value


def test_date_filter_narrows_to_the_autumn() -> None:
    from datetime import date

    app = start()
    app.slider(key="f_dates").set_value((date(2020, 9, 1), date(2020, 10, 26))).run()
    assert metrics(app)["Sites shown"] == 6
    assert url_values(app, "from") == ["2020-09-01"]


def test_a_filter_that_leaves_nothing_keeps_the_map_and_its_table() -> None:
    app = start()
    app.multiselect(key="f_sector").set_value(["mining"]).run()
    app.multiselect(key="f_type").set_value(["walkout"]).run()
    assert not app.warning and not app.exception  # the map says it is bare (tests/browser/test_browser.py sees it)
    assert metrics(app)["Sites shown"] == 0
    assert app.dataframe[0].value.empty


def test_query_parameters_restore_the_filters() -> None:
    app = start(sector=["chemicals", "mining"], wave="november", view="compare")
    assert app.multiselect(key="f_sector").value == ["chemicals", "mining"]
    assert app.multiselect(key="f_wave").value == ["november"]
    assert app.radio(key="f_view").value == "compare"
    assert metrics(app) == {"Sites shown": 2, "Actions shown": 3, "Sites in August": 0, "Sites in November": 2}


def test_comparison_view_tables_and_counts() -> None:
    app = start(view="compare")
    assert not app.exception
    counts = {m.label: int(m.value) for m in app.metric if m.label.startswith("Sites: ")}
    assert counts == {"Sites: August only": 38, "Sites: Both August and November": 4, "Sites: November only": 2}
    table = app.dataframe[0].value
    assert list(table.loc[table["status"] == "November only", "name"]) == ["Minsk Motor Plant", "Minsk universities"]
    assert not table.isin(["None"]).any().any()
    # one sentence at the top says what changed
    assert app.header[0].value == (
        "Of 42 sites that struck in August, 4 struck again in November; 2 joined in November."
    )


@pytest.mark.parametrize(
    ("code", "title", "shown", "sector"),
    [
        ("be", "Беларускія страйкі 2020 года", "Месцаў паказана", "здабыча"),
        ("ru", "Белорусские забастовки 2020 года", "Мест показано", "добыча"),
    ],
)
def test_the_whole_interface_speaks_the_chosen_language(code: str, title: str, shown: str, sector: str) -> None:
    app = start(lang=code, sector="mining")
    assert not app.exception
    assert app.title[0].value == title
    assert shown in metrics(app)
    assert url_values(app, "lang") == [code]  # the language travels in the link
    (folium_map,) = app.get("component_instance")
    args = json.loads(folium_map.proto.json_args)
    # the legend and the popups' fixed text, in the map frame and the marker group
    assert json.dumps(sector)[1:-1] in args["script"] or sector in args["script"]
    assert ("Размяшчэнне" if code == "be" else "Расположение") in readable(args["feature_group"])
