"""Exports: the CSV reads back exactly, the GeoJSON is valid, snapshots are complete offline."""

from __future__ import annotations

import io
import json
import math
import re
from datetime import date
from html import escape
from pathlib import Path

import pandas as pd
import pandas.testing as pdt
import pytest

from strikes import export
from strikes.core import schema
from strikes.core.dataname import DataName
from strikes.core.filters import Filters, apply
from strikes.core.i18n import Lang
from strikes.data.dataset import DatasetError
from strikes.export.browser import (
    is_local,
)
from strikes.intake.ownexport import read_csv_export
from strikes.page import markup
from strikes.page.mapview import View

from ..conftest import MINING_CHEMICALS
from ..pages import found

GRODNO = (23.83, 53.68)  # lon, lat of the town centre


# --------------------------------------------------------------------------
# Fixtures


# --------------------------------------------------------------------------
# CSV


def test_csv_round_trip_gives_back_the_same_frame(events: pd.DataFrame) -> None:
    pdt.assert_frame_equal(read_csv_export(export.to_csv(events)), events, check_exact=True)


def test_csv_round_trip_of_a_filtered_frame(events: pd.DataFrame) -> None:
    shown = apply(events, MINING_CHEMICALS)
    back = read_csv_export(export.to_csv(shown))
    pdt.assert_frame_equal(back, shown.reset_index(drop=True), check_exact=True)


def test_csv_is_utf8_with_every_field_and_iso_dates(events: pd.DataFrame) -> None:
    text = export.to_csv(events).decode("utf-8-sig")
    header, first, *_ = text.splitlines()
    assert tuple(header.split(",")) == schema.EVENT_COLUMNS
    assert re.search(r",\d{4}-\d{2}-\d{2},\d{4}-\d{2}-\d{2},", first)
    assert "завод" in text  # local names in Cyrillic survive
    assert len(pd.read_csv(io.StringIO(text))) == len(events)


def test_read_csv_export_refuses_a_csv_that_is_not_an_export() -> None:
    with pytest.raises(DatasetError, match="expected the columns"):
        read_csv_export(b"a,b\n1,2\n")


# --------------------------------------------------------------------------
# GeoJSON


def test_geojson_is_a_feature_collection_of_points(events: pd.DataFrame) -> None:
    collection = json.loads(export.to_geojson_bytes(events))  # strict JSON: no NaN
    assert collection["type"] == "FeatureCollection"
    assert "crs" not in collection  # RFC 7946: WGS 84 only, no crs member
    located = events[events["lat"].notna()]
    assert len(collection["features"]) == located["site_id"].nunique()
    assert len({f["id"] for f in collection["features"]}) == len(collection["features"])
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert all(isinstance(v, float) and math.isfinite(v) for v in (lon, lat))
        assert 23.1 <= lon <= 32.8 and 51.2 <= lat <= 56.2, "Belarus, as [lon, lat]"
        assert round(lon, 6) == lon and round(lat, 6) == lat
        assert {"site_id", "name", "sector", "precision", "actions"} <= feature["properties"].keys()


def test_geojson_puts_longitude_first(events: pd.DataFrame) -> None:
    collection = export.to_geojson(events)
    grodno = [
        f
        for f in collection["features"]
        if f["properties"]["town"] == "Grodno" and f["properties"]["precision"] == "town"
    ]
    assert grodno
    lon, lat = grodno[0]["geometry"]["coordinates"]
    assert lon == pytest.approx(GRODNO[0], abs=0.05) and lat == pytest.approx(GRODNO[1], abs=0.05)


def test_geojson_keeps_every_action_and_lists_the_unlocated(events: pd.DataFrame) -> None:
    collection = export.to_geojson(events)
    unlocated = events.loc[events["lat"].isna(), "site_id"].unique()
    assert [s["site_id"] for s in collection["unlocated"]] == list(unlocated)
    sites = [f["properties"] for f in collection["features"]] + collection["unlocated"]
    actions = [a for site in sites for a in site["actions"]]
    assert sorted(a["event_id"] for a in actions) == sorted(events["event_id"])
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", a["date_start"]) for a in actions)
    assert set(actions[0]) == set(export.ACTION_COLUMNS)


# --------------------------------------------------------------------------
# Title, sources and the HTML snapshot


def test_title_says_what_is_shown(events: pd.DataFrame) -> None:
    shown = apply(events, MINING_CHEMICALS)
    text = "\n".join(export.title_lines(MINING_CHEMICALS, shown, lang=Lang("en"), title="The 2020 Belarusian strikes"))
    assert "Sectors: mining and chemicals" in text
    assert f"{shown['site_id'].nunique()} sites, {len(shown)} actions" in text
    assert "All sites" in "\n".join(
        export.title_lines(Filters(), events, lang=Lang("en"), title="The 2020 Belarusian strikes")
    )
    assert "No actions match" in "\n".join(
        export.title_lines(MINING_CHEMICALS, shown.iloc[:0], lang=Lang("en"), title="The 2020 Belarusian strikes")
    )


def test_title_and_sources_escape_the_data(events: pd.DataFrame) -> None:
    hostile = events.copy()
    hostile["source_title"] = "<script>alert(1)</script>"
    hostile["source_url"] = "javascript:alert(1)"
    town = Filters(town=("<b>Minsk</b>",))
    assert "<script>" not in export.sources_html(hostile, lang=Lang("en"))
    assert "javascript:" not in export.sources_html(hostile, lang=Lang("en"))
    assert "<b>Minsk" not in markup.title_html(
        export.title_lines(town, hostile, lang=Lang("en"), title="The 2020 Belarusian strikes")
    )


def test_html_snapshot_is_self_contained(snapshot: bytes) -> None:
    html = snapshot.decode("utf-8")
    remote = re.findall(r"<(?:script|link|img)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//[^>]*>", html)
    assert remote == []
    assert not re.search(r"url\(\s*[\"']?(?:https?:)?//", html), "a stylesheet loads something remote"
    assert "data:text/javascript;base64," in html


def test_html_snapshot_carries_title_legend_and_sources(events: pd.DataFrame, snapshot: bytes) -> None:
    html = snapshot.decode("utf-8")
    shown = apply(events, MINING_CHEMICALS)
    # around the map, not over it: the title in the page's header, the key and sources in its footer
    header = found(r'<header class="strike-head">(.*?)</header>', html)
    footer = found(r'<footer class="strike-foot">(.*?)</footer>', html)
    assert header == markup.title_html(
        export.title_lines(MINING_CHEMICALS, shown, lang=Lang("en"), title="The 2020 Belarusian strikes")
    )
    for title in shown["source_title"].unique():
        assert escape(title) in footer
    assert "<b>Struck in:</b>" in footer and "<b>Sector:</b>" in footer
    assert html.index('class="strike-head"') < html.index('class="folium-map"') < html.index('class="strike-foot"')
    assert "strikeHtml" not in html  # no box on the map


# --------------------------------------------------------------------------
# In the browser, with the network off


def test_is_local() -> None:
    assert is_local("file:///tmp/a.html") and is_local("data:text/css,x") and is_local("http://127.0.0.1:8501/")
    assert not is_local("https://tile.openstreetmap.org/7/73/40.png")


def test_cli_csv_keeps_only_the_chosen_sector(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "mining.csv"
    assert export.main(["csv", "--sector", "mining", "-o", str(out)]) == 0
    frame = read_csv_export(out.read_bytes())
    assert not frame.empty and set(frame["sector"]) == {"mining"}
    assert f"wrote {out}" in capsys.readouterr().out
    assert [p.name for p in tmp_path.iterdir()] == ["mining.csv"]


def test_cli_geojson_and_html(tmp_path: Path) -> None:
    assert export.main(["geojson", "--wave", "november", "-o", str(tmp_path / "n.geojson")]) == 0
    actions = [
        a for f in json.loads((tmp_path / "n.geojson").read_bytes())["features"] for a in f["properties"]["actions"]
    ]
    assert actions and {a["wave"] for a in actions} == {"november"}
    assert export.main(["html", "--type", "strike", "--from", "2020-08-01", "-o", str(tmp_path / "m.html")]) == 0
    assert b"Action type: strike" in (tmp_path / "m.html").read_bytes()


@pytest.mark.parametrize(
    "args, message",
    [
        (["--from", "2030-01-01"], "no actions match these filters"),
        (["--sector", "minig"], "unknown sector 'minig'"),
    ],
)
def test_cli_fails_cleanly_on_a_filter_that_leaves_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    out = tmp_path / "empty.csv"
    assert export.main(["csv", *args, "-o", str(out)]) == 2
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_cli_fails_cleanly_on_an_unwritable_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    assert export.main(["csv", "-o", str(not_a_folder / "out.csv")]) == 2
    assert "export failed" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["file"]


def test_a_hand_edited_export_with_a_bad_date_names_the_row(events: pd.DataFrame) -> None:
    data = export.to_csv(events.head(3)).replace(b"2020-08-10", b"10/08/2020", 1)
    with pytest.raises(
        DatasetError, match=r"CSV export: row 2, field date_start: expected a YYYY-MM-DD date \(got '10/08/2020'\)"
    ):
        read_csv_export(data)


# --------------------------------------------------------------------------
# Snapshots of the reader's view


READER = View(53.92, 27.6, 12, width=900, height=620)


def test_html_snapshot_opens_on_the_readers_view(events: pd.DataFrame) -> None:
    page = export.export("html", MINING_CHEMICALS, events, view=READER, lang=Lang("en"), name=DataName()).decode()
    assert "center: [53.92, 27.6]" in page and '"zoom": 12' in page
    assert "const start = null;" in page  # no fit to the data
    fitted = export.export("html", MINING_CHEMICALS, events, lang=Lang("en"), name=DataName()).decode()
    assert "const start = [[" in fitted


def test_view_from_what_streamlit_folium_reports() -> None:
    state = {
        "center": {"lat": 53.900004, "lng": 27.6},
        "zoom": 12,
        "bounds": {"_southWest": {"lat": 53.85, "lng": 27.45}, "_northEast": {"lat": 53.95, "lng": 27.75}},
    }
    # 0.3 degrees of longitude and 0.1 of latitude at zoom 12: the map's size, whatever the screen made it
    assert View.from_state(state) == View(53.9, 27.6, 12, width=874, height=494)
    assert View.from_state({**state, "zoom": 6.25}) == View(53.9, 27.6, 6.25, width=200, height=200)  # at least
    assert View.from_state({"zoom": 12, "bounds": {"_southWest": {"lat": None, "lng": None}}}) is None


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"lat": ["53.9"], "lon": ["27.57"], "z": ["11"]}, View(53.9, 27.57, 11)),
        ({"lat": ["53.9"], "lon": ["27.57"], "z": ["6.75"]}, View(53.9, 27.57, 6.75)),  # a map fitted to data
        ({"lat": ["53.9"], "lon": ["27.57"], "z": ["inf"]}, None),
        ({"lat": ["53.9"], "lon": ["27.57"]}, None),
        ({"lat": ["nan"], "lon": ["27.57"], "z": ["11"]}, None),
        ({"lat": ["95"], "lon": ["27.57"], "z": ["11"]}, None),
        ({"lat": ["53.9"], "lon": ["27.57"], "z": ["40"]}, None),
        ({"lat": ["{{ 7*7 }}"], "lon": ["27.57"], "z": ["11"]}, None),
    ],
)
def test_a_link_carries_the_view_or_is_ignored(params: dict[str, list[str]], expected: View | None) -> None:
    assert View.from_query_params(params) == expected
    if expected is not None:
        assert View.from_query_params({k: [v] for k, v in expected.to_query_params().items()}) == expected


def test_the_csv_opens_in_excel_with_cyrillic_intact_and_reads_back_exactly(events: pd.DataFrame) -> None:
    data = export.to_csv(events)
    assert data.startswith(b"\xef\xbb\xbf")  # the byte-order mark Excel needs to read UTF-8
    pdt.assert_frame_equal(read_csv_export(data), events.reset_index(drop=True), check_exact=True)


def test_the_html_snapshot_has_a_title_and_a_language(events: pd.DataFrame) -> None:
    page = export.export("html", MINING_CHEMICALS, events, lang=Lang("be"), name=DataName()).decode("utf-8")
    assert page.startswith('<!DOCTYPE html>\n<html lang="be">')
    title = found(r"<title>(.*?)</title>", page)
    assert title and "{{" not in title and "<" not in title


@pytest.mark.parametrize(
    ("label", "filters", "name"),
    [
        ("belarus-strikes-2020", Filters(), "belarus-strikes-2020.csv"),
        ("belarus-strikes-2020", MINING_CHEMICALS, "belarus-strikes-2020_mining-chemicals.csv"),
        (
            "belarus-strikes-2020",
            Filters(date_from=date(2020, 10, 26), date_to=date(2020, 10, 26), town=("Гродна",)),
            "belarus-strikes-2020_гродна_2020-10-26.csv",
        ),
        (
            "My strikes (2023)",
            Filters(date_from=date(2023, 9, 1), sector=("a", "b", "c", "d")),
            "my-strikes-2023_4-sectors_from-2023-09-01.csv",
        ),
    ],
)
def test_a_file_name_says_what_it_holds(label: str, filters: Filters, name: str) -> None:
    assert export.file_name(label, filters, "csv") == name
