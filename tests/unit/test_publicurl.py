"""A snapshot cites the map's public address, never the machine that made it (issue 34, item 4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from strikes import export
from strikes.core import publicurl
from strikes.core.dataname import DataName
from strikes.core.filters import Filters
from strikes.core.i18n import Lang, long_date
from strikes.data.dataset import load_events, load_sources
from strikes.page import about

DAY = long_date(Lang("en"), about.updated())  # the data's date, as a citation words it
PRIVATE = [
    "http://127.0.0.1:8611",
    "http://127.8.9.10/",
    "http://localhost:8501/",
    "http://LOCALHOST/",
    "http://app.localhost/",
    "http://[::1]:8501/",
    "http://[::ffff:127.0.0.1]/",  # loopback written as IPv6
    "http://10.0.0.7/strikes",
    "http://172.16.0.1/",
    "http://172.31.255.254/",
    "http://192.168.1.20:8501/",
    "http://169.254.10.1/",  # link-local
    "http://[fe80::1]/",
    "http://[fd12:3456::1]/",  # unique local
    "http://0.0.0.0:8501/",
    "http://strike-laptop.local/",
    "http://router.home.arpa/",
    "http://intranet/",  # one label: a name only a local network knows
    "ftp://example.org/",
    "javascript:alert(1)",
    "example.org/strikes",  # no scheme
    "http://example.org:port/",
    "",
]
PUBLIC = [
    "https://example.org/strikes/",
    "http://maps.example.com:8080/belarus",
    "http://172.32.0.1/",  # just past 172.16/12
    "https://8.8.8.8/",
    "https://[2001:4860:4860::8888]/",
]


@pytest.mark.parametrize("url", PRIVATE)
def test_a_loopback_private_or_local_address_is_never_cited(url: str) -> None:
    assert not publicurl.is_public(url)
    assert publicurl.public_url(url) == ""
    assert publicurl.cited(url, {}) == ""
    citation = about.citation(url, Lang("en"))
    assert citation == f"The 2020 Belarusian strikes, data of {DAY}. Data under CC BY 4.0."


@pytest.mark.parametrize("url", PUBLIC)
def test_a_public_address_is_cited_as_given(url: str) -> None:
    assert publicurl.public_url(f"  {url} ") == url
    assert f", {url}. Data under CC BY 4.0." in about.citation(url, Lang("en"))


def test_the_address_set_for_the_server_wins_over_the_pages_own_and_a_private_one_counts_as_none() -> None:
    env = {publicurl.ENV_VAR: "https://example.org/strikes/"}
    assert publicurl.cited("http://127.0.0.1:8611/", env) == "https://example.org/strikes/"
    assert publicurl.cited("https://mirror.example.net/", env) == "https://example.org/strikes/"
    assert publicurl.cited("https://mirror.example.net/", {}) == "https://mirror.example.net/"  # behind a public name
    assert publicurl.cited("https://mirror.example.net/", {publicurl.ENV_VAR: "http://10.1.1.1/"}) == (
        "https://mirror.example.net/"
    )
    assert publicurl.cited("http://127.0.0.1:8611/", {publicurl.ENV_VAR: "http://10.1.1.1/"}) == ""


@pytest.mark.parametrize(
    "lang, bare",
    [("be", "Беларускія страйкі 2020 года, даныя на "), ("ru", "Белорусские забастовки 2020 года, данные на ")],
)
def test_without_an_address_the_citation_names_the_map_and_its_date_in_the_readers_language(
    lang: str, bare: str
) -> None:
    citation = about.citation("http://192.168.0.5:8501/", Lang(lang))
    assert citation.startswith(bare) and "192.168" not in citation and "CC BY 4.0" in citation


def test_the_about_section_never_links_a_private_address() -> None:
    text = about.about_markdown(load_events(), load_sources(), "http://127.0.0.1:8611/", Lang("en"))
    assert "127.0.0.1" not in text and "data of" in text


def test_the_command_line_refuses_a_private_public_url_and_cites_the_set_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "map.html"
    assert export.main(["html", "--public-url", "http://127.0.0.1:8611", "-o", str(out)]) == 2
    assert "--public-url 'http://127.0.0.1:8611' is not a public http(s) address" in capsys.readouterr().err
    assert not out.exists()
    monkeypatch.setenv(publicurl.ENV_VAR, "https://example.org/strikes/")
    assert export.main(["html", "--sector", "mining", "-o", str(out)]) == 0
    assert f"data of {DAY}, https://example.org/strikes/. Data under".encode() in out.read_bytes()
    monkeypatch.setenv(publicurl.ENV_VAR, "http://localhost:8501/")
    assert export.main(["html", "--sector", "mining", "-o", str(out)]) == 0
    page = out.read_bytes()
    assert b"localhost:8501" not in page and f"data of {DAY}. Data under CC BY 4.0.".encode() in page


def test_the_html_exports_title_sets_the_filters_apart_from_the_maps_title() -> None:
    events = load_events()
    page = export.export(
        "html", Filters(wave=("august",), sector=("manufacturing",)), events, lang=Lang("en"), name=DataName()
    ).decode()
    assert "<title>The 2020 Belarusian strikes — Wave: August; Sector: manufacturing</title>" in page
    page = export.export("html", Filters(), events, lang=Lang("en"), name=DataName()).decode()
    assert "<title>The 2020 Belarusian strikes</title>" in page


def test_the_editions_about_cites_its_own_public_url_and_never_a_private_one() -> None:
    from strikes.publish import data

    events, sources = load_events(), load_sources()
    cited = data.about_words(events, sources, about.updated(), Lang("en"), DataName(), "https://example.org/strikes/")
    assert (
        cited["cite"]
        == f"The 2020 Belarusian strikes, data of {DAY}, https://example.org/strikes/. Data under CC BY 4.0."
    )
    for url in ("", "http://127.0.0.1:8000/"):  # left for the page's own address, which the reader opened it at
        left = data.about_words(events, sources, about.updated(), Lang("en"), DataName(), url)
        assert "{url}" in left["cite"] and "127.0.0.1" not in left["cite"]
