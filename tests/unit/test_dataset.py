"""The curated dataset: its schema, and that it holds every site the two articles name."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from strikes.core import schema
from strikes.data.dataset import DatasetError, load_events, load_sites, load_sources
from strikes.page.basemap import load_basemap

from ..conftest import SOURCES_DIR

# Read off the articles, not the dataset: (wave, a word the site's name and the
# article's quote share, the town the site stands in; None where none is named).
ARTICLE_SITES = [
    ("august", "trolleybus", "Minsk"),
    ("august", "Kozlov", "Minsk"),
    ("august", "Tractor", "Minsk"),
    ("august", "Powder Metallurgy", "Minsk"),
    ("august", "Margarine", "Minsk"),
    ("august", "Belenergosetprojekt", "Minsk"),
    ("august", "Metro", "Minsk"),
    ("august", "Belmedpreparaty", "Minsk"),
    ("august", "Automobile", "Minsk"),
    ("august", "Kupala", "Minsk"),
    ("august", "Airport", "Smalyavichy"),  # listed with Minsk; it stands in Smalyavichy district
    ("august", "Grodno Azot", "Grodno"),
    ("august", "Neman", "Grodno"),
    ("august", "Grodnozhilstroy", "Grodno"),
    ("august", "taxi", "Grodno"),
    ("august", "educat", "Grodno"),
    ("august", "housing", "Grodno"),
    ("august", "meat", "Grodno"),
    ("august", "railway", "Grodno"),
    ("august", "Brestgazoapparat", "Brest"),
    ("august", "Zhabinka", "Zhabinka"),
    ("august", "Kompo", "Brest"),
    ("august", "railway", "Brest"),
    ("august", "Belshina", "Babruysk"),
    ("august", "BelAZ", "Zhodzina"),
    ("august", "forging", "Zhodzina"),
    ("august", "Steel Works", "Zhlobin"),
    ("august", "meat", "Gomel"),
    ("august", "Mazyr", "Mazyr"),
    ("august", "Belaruskali", "Salihorsk"),
    ("august", "Nesvizh", "Nesvizh"),
    ("august", "Khimvolokno", "Svietlahorsk"),
    ("august", "Polymir", "Novopolotsk"),
    ("august", "Naftan", "Novopolotsk"),
    ("august", "Atlant", "Baranavichy"),
    ("august", "aircraft", "Baranavichy"),
    ("august", "locomotive depot", "Lida"),
    ("august", "Lakokraska", "Lida"),
    ("august", "Kosvik", "Zaslawye"),
    ("august", "forestry", "Pastavy"),
    ("august", "Nuclear", "Astravets"),
    ("august", "doctors", None),
    ("november", "Tractor", "Minsk"),
    ("november", "Belaruskali", "Salihorsk"),
    ("november", "Grodno Azot", "Grodno"),
    ("november", "Kozlov", "Minsk"),
    ("november", "Motor Plant", "Minsk"),
    ("november", "universities", "Minsk"),
]


@pytest.mark.parametrize(("wave", "word", "town"), ARTICLE_SITES)
def test_every_site_the_articles_name_is_present(events: pd.DataFrame, wave: str, word: str, town: str | None) -> None:
    named = events["name"].str.contains(word, case=False, regex=False)
    quoted = events["quote"].str.contains(word, case=False, regex=False)
    in_town = events["town"].isna() if town is None else events["town"].eq(town)
    hits = events[named & quoted & in_town & events["wave"].eq(wave)]
    assert hits["site_id"].nunique() == 1, f"{word!r} in {town} ({wave}): {list(hits['site_id'])}"


def test_counts_per_wave(events: pd.DataFrame) -> None:
    sites_per_wave = events.groupby("wave")["site_id"].nunique().to_dict()
    assert sites_per_wave == {"august": 42, "november": 6}
    assert events["event_id"].is_unique


def test_a_site_in_both_articles_has_one_site_record_and_an_action_in_each() -> None:
    sites = load_sites()
    assert sites["site_id"].is_unique
    events = load_events()
    both = events.groupby("site_id")["wave"].nunique()
    assert sorted(both[both == 2].index) == ["belaruskali", "grodno-azot", "kozlov", "mtz"]


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.skipif(not SOURCES_DIR.is_dir(), reason=f"the source articles are not at {SOURCES_DIR}")
def test_every_quote_is_verbatim_from_its_article(events: pd.DataFrame) -> None:
    files = load_sources().set_index("source_id")["file"]
    texts = {sid: _normalise((SOURCES_DIR / name).read_text(encoding="utf-8")) for sid, name in files.items()}
    for row in events.itertuples():
        assert _normalise(row.quote) in texts[row.source_id], (row.event_id, row.quote)


def test_every_row_carries_source_quote_date_and_precision(events: pd.DataFrame) -> None:
    located = events[events["lat"].notna()]
    assert located["precision"].isin(schema.PRECISIONS).all()
    assert events[["source_id", "source_title", "quote", "date_start", "date_end"]].notna().all().all()
    # A site-level point is one a named public page states; everything else is honestly a town centre.
    sited = located[located["precision"] == "site"]
    assert sorted(sited["site_id"].unique()) == [
        "astravets-npp",
        "belaz",
        "belmedpreparaty",
        "bmz",
        "grodno-azot",
        "kupala-theatre",
        "minsk-airport",
        "mozyr-refinery",
        "mtz",
        "nesvizh-castle",
    ]
    assert sited["geocode_source"].str.startswith("https://").all()
    assert located.loc[located["precision"] == "town", "geocode_source"].str.startswith("GeoNames").all()


def _inside(lon: float, lat: float, ring: list[list[float]]) -> bool:
    """Ray casting: whether a point lies inside a polygon's ring."""
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def test_every_site_row_states_its_precision_and_the_source_of_a_site_point() -> None:
    sites = load_sites()
    assert sites["precision"].isin(schema.PRECISIONS).all()
    curated = sites[sites["precision"].isin(["site", "street"])]
    assert curated["coord_source"].str.startswith("https://").all() and curated["curated_note"].notna().all()
    workplaces_below_street = sites[~sites["is_group"] & ~sites["precision"].isin(["site", "street"])]
    assert workplaces_below_street["curated_note"].str.contains("town centre").all()
    groups = sites[sites["is_group"]]
    assert groups["precision"].isin(["town", "country"]).all()


def test_every_point_lies_in_its_stated_oblast(events: pd.DataFrame) -> None:
    rings = {
        f["properties"]["name"]: f["geometry"]["coordinates"][0]
        for f in load_basemap()["features"]
        if f["properties"]["kind"] == "oblast"
    }
    located = events[events["lat"].notna()].drop_duplicates("site_id")
    outside = [row.site_id for row in located.itertuples() if not _inside(row.lon, row.lat, rings[row.oblast])]
    assert outside == []


def test_a_site_point_without_its_source_is_refused(geodata_copy: Path) -> None:
    _edit(geodata_copy / "sites.csv", ",site,https://pl.wikipedia.org/wiki/Grodno_Azot,", ",site,,")
    with pytest.raises(DatasetError, match="coord_source"):
        load_events(geodata_copy, geodata_copy / "geocache.json")


def test_a_workplace_at_a_town_centre_without_a_reason_is_refused(geodata_copy: Path) -> None:
    sites = geodata_copy / "sites.csv"
    frame = pd.read_csv(sites, dtype=str, keep_default_na=False)
    frame.loc[frame["site_id"] == "maz", "curated_note"] = ""
    frame.to_csv(sites, index=False)
    with pytest.raises(DatasetError, match="curated_note"):
        load_events(geodata_copy, geodata_copy / "geocache.json")


def test_groups_without_a_town_are_kept_unlocated(events: pd.DataFrame) -> None:
    unlocated = events[events["lat"].isna()]
    assert list(unlocated["site_id"]) == ["doctors-nurses"]
    assert unlocated["precision"].isna().all() and unlocated["is_group"].all()


def test_loose_wording_keeps_the_article_words_and_notes_the_true_place(events: pd.DataFrame) -> None:
    bmz = events[events["site_id"] == "bmz"].iloc[0]
    assert "in Gomel" in bmz["quote"] and bmz["town"] == "Zhlobin"
    assert "Zhlobin" in bmz["site_notes"]
    zhabinka = events[events["site_id"] == "zhabinka-sugar"].iloc[0]
    assert "in Brest" in zhabinka["quote"] and zhabinka["town"] == "Zhabinka"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_bad_sector_names_the_file_row_and_field(geodata_copy: Path) -> None:
    _edit(
        geodata_copy / "sites.csv",
        "kozlov,Kozlov Electrotechnical Works,Минский электротехнический завод имени В. И. Козлова,manufacturing",
        "kozlov,Kozlov Electrotechnical Works,Минский электротехнический завод имени В. И. Козлова,manufacture",
    )
    with pytest.raises(DatasetError) as err:
        load_events(geodata_copy, geodata_copy / "geocache.json")
    assert str(err.value).startswith("sites.csv: row 3, field sector: fails isin(")
    assert "(got 'manufacture')" in str(err.value)


def test_an_action_for_an_unknown_site_is_named(geodata_copy: Path) -> None:
    _edit(geodata_copy / "actions.csv", "mtz-nov,mtz,", "mtz-nov,mtx,")
    with pytest.raises(DatasetError, match=r"actions.csv: row 44, field site_id: unknown site_id 'mtx'"):
        load_events(geodata_copy, geodata_copy / "geocache.json")


def test_a_site_missing_from_the_cache_says_to_geocode(geodata_copy: Path) -> None:
    _edit(geodata_copy / "sites.csv", "Kosvik, Zaslawye", "Kosvik plywood, Zaslawye")
    with pytest.raises(DatasetError, match=r"1 site\(s\) have no coordinates .*: kosvik; run `make geocode`"):
        load_events(geodata_copy, geodata_copy / "geocache.json")


def test_a_bad_boolean_names_row_and_field(geodata_copy: Path) -> None:
    _edit(geodata_copy / "sites.csv", "Minsk City,true,", "Minsk City,yes,")
    with pytest.raises(DatasetError, match=r"sites.csv: row 2, field is_group: expected true or false \(got 'yes'\)"):
        load_sites(geodata_copy)
