"""An upload from anywhere, shown as its own: the offline world under Belarus' detailed map (committed, fetched
only when needed, inlined in an export for its area alone, drawn with the network off), its waves (months of a
year, the compared pair the reader's pick) and its towns in the search box."""

from __future__ import annotations

from pathlib import Path

from strikes import export
from strikes.core import i18n
from strikes.core.dataname import DataName
from strikes.core.filters import Filters
from strikes.data.dataset import load_events
from strikes.intake import read_upload
from strikes.page import basemap, mapview, search

EXAMPLES = Path(__file__).resolve().parents[2] / "geodata" / "examples"
EN = i18n.language("en")
US_MIDWEST = [[40.0, -95.0], [47.0, -83.0]]


def test_the_committed_world_layers_leave_belarus_to_its_detailed_map() -> None:
    world = basemap._world()
    names = {f["properties"]["name"] for f in world["countries"]["features"]}
    assert {"United States of America", "Chile", "Poland", "Belarus"} <= names and len(names) > 200
    regions = world["regions"]["features"]
    assert len(regions) > 3000 and not any(f["properties"]["country"] == "BY" for f in regions)
    towns = world["towns"]["towns"]
    assert len(towns) > 20_000 and not any(row[4] == "BY" for row in towns)
    assert [row[3] for row in towns] == sorted((row[3] for row in towns), reverse=True)  # largest first
    assert {f["properties"]["kind"] for f in world["water"]["features"]} == {"lake", "river"}


def test_an_export_carries_the_world_only_for_its_area() -> None:
    cut = basemap.world_in(US_MIDWEST)
    countries = {f["properties"]["name"] for f in cut["countries"]["features"]}
    assert "United States of America" in countries and "Belarus" not in countries and "Chile" not in countries
    assert {"Chicago", "Minneapolis"} <= {row[0] for row in cut["towns"]["towns"]}
    assert all(40 <= row[1] <= 47 and -95 <= row[2] <= -83 for row in cut["towns"]["towns"])
    regions = {f["properties"]["name"] for f in cut["regions"]["features"]}
    assert {"Minnesota", "Wisconsin", "Illinois"} <= regions and "Texas" not in regions


def test_a_belarusian_export_carries_none_of_the_world_and_does_not_grow() -> None:
    page = export.export("html", Filters(), load_events(), lang=EN, name=DataName()).decode("utf-8")
    assert "data:application/json" not in page  # no world layer inlined
    layer = basemap.OfflineBasemap(lang=EN)
    layer.inline_world(mapview.export_area(load_events(), None))
    assert layer.optional_data == {}


def test_an_export_from_another_country_inlines_its_own_area() -> None:
    data = (EXAMPLES / "labor-action-tracker-example.csv").read_bytes()
    events, _ = read_upload(data, "labor-action-tracker-example.csv")
    page = export.export("html", Filters(), events, lang=EN, name=DataName("upload", "lat.csv")).decode("utf-8")
    assert page.count("data:application/json") == 4  # countries, water, regions and towns, for this area
    assert "Strike actions from lat.csv" in page and "Belarusian strikes" not in page
    assert len(page) < 1_500_000


def test_search_finds_an_uploads_sites_and_towns_in_any_country_and_only_belarus_data_lists_belarus() -> None:
    events, _ = read_upload((EXAMPLES / "labor-action-tracker-example.csv").read_bytes(), "lat.csv")
    entries = search.search_entries(events)
    towns = {entry["label"]: entry for entry in entries if entry["kind"] == "town"}
    assert set(towns) == {"Chicago", "Minneapolis", "Toledo"}  # the data's towns, no Belarusian ones
    assert (towns["Toledo"]["detail"], towns["Toledo"]["lat"], towns["Toledo"]["lon"]) == ("Ohio", 41.66394, -83.55521)
    assert len([entry for entry in entries if entry["kind"] == "site"]) == 3
    curated = search.search_entries(load_events())
    assert not [entry for entry in curated if entry["id"].startswith("town:")]  # every curated town is GeoNames'
    assert len([entry for entry in curated if entry["kind"] == "town"]) > 30


def test_a_view_becomes_the_area_it_shows() -> None:
    (south, west), (north, east) = mapview.View(53.9, 27.57, 7, 1000, 600).bounds()
    assert 51.5 < south < 52.5 and 55.5 < north < 56.5 and 21.5 < west < 22.5 and 32.5 < east < 33.5
