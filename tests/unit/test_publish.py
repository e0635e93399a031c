"""The published edition's build (strikes.publish): its files, their names and URLs, its data, an upload.

The browser side (markers, filters against strikes.core.filters, the address, axe, the embed) is
tests/browser/test_publish_browser.py's; these tests read the folder the build writes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from strikes.core import schema
from strikes.core.dataname import DataName
from strikes.data import dataset
from strikes.page import about
from strikes.publish import build as publish
from strikes.publish.__main__ import main

EXAMPLE = Path(__file__).resolve().parents[2] / "geodata" / "examples" / "strikes-example.csv"
HASHED = re.compile(r"^[a-z0-9-]+\.[0-9a-f]{12}\.(js|css|png)$")
INDEX_LIMIT = 8_000  # bytes: the page a reader fetches first, uncached, is this small


@pytest.fixture(scope="module")
def edition(tmp_path_factory: pytest.TempPathFactory, events: pd.DataFrame) -> Path:
    out = tmp_path_factory.mktemp("published") / "edition"
    publish.build(events, out, DataName(), sources=dataset.load_sources(), updated=about.updated(), image=None)
    return out


def registered(path: Path) -> object:
    """The JSON value a data or words file hands the page (the last line's right-hand side)."""
    line = path.read_text(encoding="utf-8").strip().splitlines()[-1]
    return json.loads(line.split(" = ", 1)[1].rstrip(";"))


def decoded(data: dict) -> pd.DataFrame:
    """The events frame back from the edition's columns."""
    frame = pd.DataFrame({name: [col["values"][k] for k in col["codes"]] for name, col in data["columns"].items()})
    for column in schema.EVENT_DATE_COLUMNS:
        frame[column] = pd.to_datetime(frame[column], format="ISO8601")
    return frame


def test_every_file_but_the_page_is_named_by_its_content(edition: Path) -> None:
    import hashlib

    files = sorted(p.name for p in edition.iterdir())
    assert "index.html" in files
    for name in files:
        if name == "index.html":
            continue
        assert HASHED.match(name), name
        digest = hashlib.sha256((edition / name).read_bytes()).hexdigest()[:12]
        assert name.split(".")[-2] == digest, name


def test_the_page_is_small_and_every_url_relative_and_local(edition: Path) -> None:
    page = (edition / "index.html").read_text(encoding="utf-8")
    assert len(page.encode()) < INDEX_LIMIT
    urls = re.findall(r'(?:src|href)="([^"]*)"', page)
    assert urls
    for url in urls:
        assert not re.match(r"^(https?:)?//|^/", url), url
        target = url.split("?")[0]
        assert target in ("", "./") or target.startswith("#") or (edition / target).is_file(), url
    found = re.search(r'id="edition-files">(.*?)</script>', page, re.S)
    assert found is not None
    manifest = json.loads(found.group(1))
    assert sorted(manifest) == ["be", "default", "en", "ru"] and manifest["default"] == "en"
    for files in (manifest[lang] for lang in ("be", "en", "ru")):
        assert all((edition / name).is_file() for name in files.values())


def test_nothing_is_fetched_from_a_cdn(edition: Path) -> None:
    for path in edition.iterdir():
        if path.suffix in (".js", ".css", ".html"):
            text = path.read_text(encoding="utf-8")
            assert not re.search(r"(src|href)=[\"']https?://(cdn|unpkg|code\.jquery|cdnjs)", text), path.name
            assert "cdn.jsdelivr.net" not in text and "cdnjs.cloudflare.com" not in text, path.name


def test_the_data_is_the_events_frame_exactly(edition: Path, events: pd.DataFrame) -> None:
    (data_file,) = edition.glob("data.*.js")
    data = registered(data_file)
    assert isinstance(data, dict)
    back = decoded(data)
    assert list(back.columns) == list(schema.EVENT_COLUMNS)
    for column in schema.EVENT_COLUMNS:
        if column in schema.EVENT_DATE_COLUMNS:
            assert back[column].tolist() == events[column].tolist(), column
        else:  # missing is missing (None or NaN), every other value equal, of the same type
            assert [None if pd.isna(v) else v for v in back[column]] == [
                None if pd.isna(v) else v for v in events[column]
            ], column
    # the dates' milliseconds are what filters.apply compares (naive timestamps)
    ms = data["columns"]["date_start"]["ms"]
    firsts = pd.to_datetime(data["columns"]["date_start"]["values"], format="ISO8601")
    assert ms == [int((t - pd.Timestamp("1970-01-01")) / pd.Timedelta(milliseconds=1)) for t in firsts]


def test_each_language_has_its_own_words(edition: Path) -> None:
    words = {path.name.split(".")[0]: registered(path) for path in edition.glob("words-*.js")}
    assert sorted(words) == ["words-be", "words-en", "words-ru"]
    assert words["words-be"]["title"] == "Беларускія страйкі 2020 года"  # type: ignore[index]
    assert words["words-ru"]["title"] == "Белорусские забастовки 2020 года"  # type: ignore[index]
    assert words["words-en"]["t"].keys() == words["words-be"]["t"].keys()  # type: ignore[index]
    # every word from the catalogues, every site named and its notes worded in the page's language
    assert words["words-be"]["t"]["about"] == "Пра гэтую карту"  # type: ignore[index]
    assert "ОАО «Беларуськалий»" in words["words-ru"]["siteName"]  # type: ignore[index]
    assert "ААТ «Беларуськалій»" in words["words-be"]["siteName"]  # type: ignore[index]
    note = "The article reports action from 10 to 14 August without a day per site."
    assert words["words-ru"]["text"][note].startswith("Статья сообщает об акциях с 10 по 14 августа")  # type: ignore[index]
    assert words["words-en"]["text"] == {}  # type: ignore[index]
    assert words["words-ru"]["months"][7] == "августа"  # type: ignore[index]


def test_the_page_names_its_languages_and_its_card(edition: Path) -> None:
    page = (edition / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in page
    for code in ("be", "ru", "en", "x-default"):
        assert f'hreflang="{code}"' in page
    assert 'property="og:title"' in page and 'name="twitter:card"' in page
    assert 'class="skip-link"' in page


def test_a_build_replaces_the_folder_whole(tmp_path: Path, events: pd.DataFrame) -> None:
    out = tmp_path / "edition"
    out.mkdir()
    (out / "stale.js").write_text("old")
    publish.build(events, out, DataName(), image=lambda *_: b"\x89PNG fake")
    names = {p.name for p in out.iterdir()}
    assert "stale.js" not in names and "index.html" in names
    assert any(n.startswith("social.") and n.endswith(".png") for n in names)
    assert 'property="og:image"' in (out / "index.html").read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["edition"]  # no staging folder left behind


def test_an_upload_goes_through_the_intake(tmp_path: Path) -> None:
    out = tmp_path / "edition"
    assert main(["--out", str(out), "--data", str(EXAMPLE), "--no-image"]) == 0
    (data_file,) = out.glob("data.*.js")
    data = registered(data_file)
    ids = set(data["columns"]["event_id"]["values"])  # type: ignore[index]
    assert "grodno-azot-aug" in ids
    words = registered(next(out.glob("words-en.*.js")))
    assert words["title"] == "Strike actions from strikes-example.csv"  # type: ignore[index]


def test_a_bad_upload_is_refused_naming_row_and_field_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.csv"
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    bad.write_text("\n".join([lines[0], lines[1].replace("2020-08-10", "2020-13-45")]) + "\n", encoding="utf-8")
    out = tmp_path / "edition"
    assert main(["--out", str(out), "--data", str(bad), "--no-image"]) == 2
    err = capsys.readouterr().err
    assert "row 2" in err and "date" in err
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["bad.csv"]


def test_hostile_names_reach_the_page_only_as_data(tmp_path: Path) -> None:
    hostile = "</script><img src=x onerror=alert(1)>{{7*7}}\"'"
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    row = lines[1].replace("Grodno Azot", hostile.replace('"', '""').join('""'), 1)
    upload = tmp_path / "hostile.csv"
    upload.write_text("\n".join([lines[0], row]) + "\n", encoding="utf-8")
    out = tmp_path / "edition"
    assert main(["--out", str(out), "--data", str(upload), "--no-image"]) == 0
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "onerror" not in page
    for path in out.glob("*.js"):
        text = path.read_text(encoding="utf-8")
        assert "</script>" not in text.lower() or path.name.startswith(("leaflet", "gesture")), path.name
        if path.name.startswith(("data.", "words-")):
            assert "<img" not in text, path.name  # "<" travels as \u003c: no markup in any script
    data = registered(next(out.glob("data.*.js")))
    assert hostile in data["columns"]["name"]["values"]  # type: ignore[index]


def test_about_says_the_data_s_day_licence_and_how_to_cite(edition: Path) -> None:
    words = registered(next(edition.glob("words-en.*.js")))
    day = about.updated()
    assert f"{day.day} " in words["about"]["licence"] and str(day.year) in words["about"]["licence"]  # type: ignore[index]
    assert "CC BY 4.0" in words["about"]["licence"]  # type: ignore[index]
    assert "{url}" in words["about"]["cite"]  # type: ignore[index]
