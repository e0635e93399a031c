"""make curate on recorded answers: candidates, the polite client, the review page, accept and reject.

The three services are played by a fake HTTP server on 127.0.0.1 answering with
recorded answers in their real shapes (tests/unit/data/curate/), or, when a test asks,
with a timeout, a 429 with Retry-After, a 503 or a malformed body. No test reaches the
internet: every URL points at the fake server or at a port nobody listens on.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import shutil
import socket
import threading
import time
import urllib.parse
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from strikes.curate import __main__ as cli
from strikes.curate import accept, nominatim, overpass, wikidata
from strikes.curate.candidates import Candidate, Workplace, known_address, load_found, search_names, workplaces
from strikes.curate.decisions import read_decisions
from strikes.curate.http import USER_AGENT, Client, Offline, ServiceError, retry_after
from strikes.data.cache import GEODATA
from strikes.data.dataset import DatasetError, load_events, load_sites

RECORDED = Path(__file__).parent / "data" / "curate"
NOVOPOLOTSK = (55.52618, 28.59308)


def recorded(name: str) -> Any:
    return json.loads((RECORDED / name).read_text(encoding="utf-8"))


class FakeServices(ThreadingHTTPServer):
    """Overpass, Nominatim and Wikidata on one local port; ``plan`` makes the next answers misbehave."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.requests: list[tuple[str, str, dict[str, list[str]], str, str]] = []
        self.plan: list[str] = []  # "timeout", "429", "503" or "malformed", one per coming request
        self.lock = threading.Lock()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class Handler(BaseHTTPRequestHandler):
    server: FakeServices

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - http.server's own name
        pass

    def _answer(self, method: str) -> None:
        url = urllib.parse.urlsplit(self.path)
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("utf-8")
        query = urllib.parse.parse_qs(url.query)
        with self.server.lock:
            self.server.requests.append((method, url.path, query, body, self.headers.get("User-Agent", "")))
            mode = self.server.plan.pop(0) if self.server.plan else "ok"
        if mode == "timeout":
            time.sleep(1.0)
            return
        if mode in ("429", "503"):
            self.send_response(int(mode))
            self.send_header("Retry-After", "7")
            self.end_headers()
            return
        if mode == "malformed":
            data = b"<html><body>runtime error: open64: 0 Success /osm3s_osm_base</body></html>"
        elif url.path == "/api/interpreter":
            data = (RECORDED / "overpass.json").read_bytes()
        elif url.path == "/search":
            data = (RECORDED / "nominatim.json").read_bytes()
        elif url.path == "/w/api.php" and query["action"] == ["wbsearchentities"]:
            data = (RECORDED / "wikidata_search.json").read_bytes()
        elif url.path == "/w/api.php" and query["action"] == ["wbgetentities"]:
            data = (RECORDED / "wikidata_entities.json").read_bytes()
        else:
            self.send_response(404)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self._answer("GET")

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        self._answer("POST")


@pytest.fixture
def services(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeServices]:
    server = FakeServices()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    monkeypatch.setenv("STRIKES_OVERPASS_URL", f"{server.base}/api/interpreter")
    monkeypatch.setenv("STRIKES_NOMINATIM_URL", server.base)
    monkeypatch.setenv("STRIKES_WIKIDATA_URL", f"{server.base}/w/api.php")
    yield server
    server.shutdown()
    server.server_close()


class Waits:
    """A clock that only moves when slept on: the client's waits, seen without waiting."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 3))
        self.now += seconds

    def clock(self) -> float:
        return self.now


def client(cache: Path, waits: Waits, **options: Any) -> Client:
    return Client(
        cache / "answers", timeout=options.pop("timeout", 5.0), sleep=waits.sleep, clock=waits.clock, **options
    )


@pytest.fixture
def geodata(tmp_path: Path) -> Path:
    """A copy of the curated files, for the commands to write."""
    folder = tmp_path / "geodata"
    folder.mkdir()
    for name in ("sites.csv", "actions.csv", "sources.csv", "geocache.json"):
        shutil.copy(GEODATA / name, folder / name)
    return folder


@functools.cache
def _naftan() -> Workplace:
    return next(w for w in workplaces() if w.site_id == "naftan")


def naftan(point: tuple[float, float] | None = NOVOPOLOTSK) -> Workplace:
    """The curated data's Naftan, at its town's centre or (``point=None``) unplaced."""
    return dataclasses.replace(_naftan(), point=point)


def files(*folders: Path) -> dict[str, bytes]:
    return {
        str(p): p.read_bytes()
        for folder in folders
        if folder.exists()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# --- which workplaces, and their names ------------------------------------------------------------


def test_the_workplaces_offered_are_the_single_ones_not_yet_on_their_grounds() -> None:
    sites = load_sites()
    offered = {w.site_id for w in workplaces()}
    expected = set(sites.loc[~sites["is_group"] & ~sites["precision"].isin(["site", "street"]), "site_id"])
    assert offered == expected
    assert "naftan" in offered and "mtz" not in offered and "minsk-metro" not in offered
    assert naftan().quotes == ("the Polymir factory and Naftan oil refinery in Novopolotsk",)


def test_names_are_searched_in_latin_and_cyrillic_without_legal_forms_or_the_town() -> None:
    assert search_names("Naftan oil refinery", "ОАО «Нафтан»", "Naftan, Novopolotsk", "Novopolotsk") == (
        "Naftan",
        "Нафтан",
        "Naftan oil refinery",
    )
    assert search_names("Belshina tyre factory", "ОАО «Белшина»", None, "Babruysk") == (
        "Белшина",
        "Belshina tyre factory",
    )
    assert known_address("The works' address is vul. Satsyjalistychnaja 2, in the east.") == "vul. Satsyjalistychnaja 2"
    assert known_address(None, "nothing here") is None


# --- each service's real answer as candidates ------------------------------------------------------


def test_overpass_query_asks_every_name_key_and_the_wikidata_item_within_25_km_of_the_town() -> None:
    text = overpass.query(naftan(), ["Q90000001"])
    assert text is not None
    assert text.startswith("[out:json]") and text.rstrip().endswith("out geom;")
    assert '["name"~"Naftan|Нафтан|Naftan oil refinery",i](around:25000,55.52618,28.59308);' in text
    for key in ("name:be", "name:ru", "name:en", "operator"):
        assert f'["{key}"~' in text
    assert '["wikidata"~"^(Q90000001)$"]' in text
    assert overpass.query(naftan(point=None)) is None  # no town to search around: Overpass is not asked
    odd = Workplace(
        "x", 'A "quoted" name (V. I.)', None, "T", "Minsk", (53.9, 27.5), ('A "quoted" name (V. I.)',), None, (), None
    )
    assert '~"A \\"quoted\\" name \\\\(V\\\\. I\\\\.\\\\)",i]' in (overpass.query(odd) or "")


def test_an_overpass_answer_gives_works_with_outlines_and_leaves_streets_out() -> None:
    found = {c.ref: c for c in overpass.parse(recorded("overpass.json"))}
    assert set(found) == {"way/900000001", "relation/900000002", "node/900000005"}  # the street is not grounds
    works = found["way/900000001"]
    assert (round(works.lat, 6), round(works.lon, 6)) == (55.505, 28.55)  # the centre of the outline
    assert works.outline[0][0] == (55.5, 28.54) and len(works.outline[0]) == 5
    assert works.tags["man_made"] == "works" and works.url == "https://www.openstreetmap.org/way/900000001"
    polymir = found["relation/900000002"]
    assert len(polymir.outline) == 1  # the outer ring only
    assert (round(polymir.lat, 6), round(polymir.lon, 6)) == (55.525, 28.51)
    assert (found["node/900000005"].lat, found["node/900000005"].outline) == (55.515, ())


def test_a_nominatim_jsonv2_answer_gives_the_works_and_drops_the_town() -> None:
    found = nominatim.parse(recorded("nominatim.json"))
    assert [c.ref for c in found] == ["way/900000001"]
    works = found[0]
    assert (works.lat, works.lon, works.sources) == (55.505, 28.55, ("nominatim",))
    assert works.outline[0][1] == (55.51, 28.54)  # GeoJSON's lon, lat turned to lat, lon
    assert works.tags["landuse"] == "industrial" and works.tags["wikidata"] == "Q90000001"
    assert nominatim.queries(naftan()) == [
        "Naftan, Novopolotsk",
        "Нафтан, Novopolotsk",
        "Naftan oil refinery, Novopolotsk",
    ]


def test_wikidata_items_in_belarus_give_ids_and_their_p625_as_candidates() -> None:
    assert wikidata.search_ids(recorded("wikidata_search.json")) == ["Q90000001", "Q90000002"]
    items = wikidata.parse_entities(recorded("wikidata_entities.json"), naftan())
    assert items.ids == ("Q90000001",)  # the namesake in Azerbaijan is neither in Belarus nor near
    assert [(c.ref, c.lat, c.lon, c.name) for c in items.candidates] == [("Q90000001", 55.506, 28.551, "Нафтан")]
    assert items.candidates[0].url == "https://www.wikidata.org/wiki/Q90000001"
    assert wikidata.languages("Нафтан") == ("ru", "be") and wikidata.languages("Naftan") == ("en",)


@pytest.mark.parametrize(
    ("parse", "answer"),
    [
        (overpass.parse, {"version": 0.6}),
        (overpass.parse, {"elements": [], "remark": "runtime error: Query timed out"}),
        (nominatim.parse, {"error": "Unable to geocode"}),
        (wikidata.search_ids, {"error": {"code": "badvalue"}}),
    ],
)
def test_an_answer_of_the_wrong_shape_is_a_service_error(parse: Any, answer: Any) -> None:
    with pytest.raises(ServiceError):
        parse(answer)


# --- the polite client -------------------------------------------------------------------------------


def test_requests_name_the_project_and_nominatims_are_a_second_apart(services: FakeServices, tmp_path: Path) -> None:
    waits = Waits()
    host = urllib.parse.urlsplit(services.base).netloc
    polite = client(tmp_path, waits, intervals={host: 1.0})
    for q in ("a", "b", "c"):
        polite.get(f"{services.base}/search", {"q": q, "format": "jsonv2"})
    assert waits.slept == [1.0, 1.0]  # the clock stands still between requests, so each waits the whole second
    assert all(ua == USER_AGENT and "belarus-strike-map" in ua for *_, ua in services.requests)


def test_a_timeout_is_tried_again_after_a_back_off(services: FakeServices, tmp_path: Path) -> None:
    waits = Waits()
    services.plan = ["timeout"]
    polite = client(tmp_path, waits, timeout=0.3, intervals={}, backoff=2.0)
    answer = polite.get(f"{services.base}/search", {"q": "Naftan"})
    assert answer == recorded("nominatim.json")
    assert polite.asked == 2 and 2.0 in waits.slept


def test_a_429_is_waited_for_as_long_as_retry_after_says(services: FakeServices, tmp_path: Path) -> None:
    waits = Waits()
    services.plan = ["429", "503"]
    polite = client(tmp_path, waits, intervals={}, backoff=2.0)
    assert polite.post(f"{services.base}/api/interpreter", {"data": "[out:json];"}) == recorded("overpass.json")
    assert polite.asked == 3
    assert [s for s in waits.slept if s >= 2] == [7.0, 7.0]  # both answers said Retry-After: 7
    assert retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now=1445412500.0) == 10.0


def test_retries_end_and_a_malformed_answer_is_an_error_that_is_not_cached(
    services: FakeServices, tmp_path: Path
) -> None:
    waits = Waits()
    polite = client(tmp_path, waits, intervals={}, retries=2)
    services.plan = ["503", "503", "503"]
    with pytest.raises(ServiceError, match="no answer after 3 tries"):
        polite.get(f"{services.base}/search", {"q": "x"})
    services.plan = ["malformed"]
    with pytest.raises(ServiceError, match="not JSON"):
        polite.post(f"{services.base}/api/interpreter", {"data": "q"})
    assert files(tmp_path / "answers") == {}
    assert polite.post(f"{services.base}/api/interpreter", {"data": "q"}) == recorded("overpass.json")  # asked again


def test_no_one_listening_is_offline(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(Offline, match="cannot reach"):
        client(tmp_path, Waits()).get(f"http://127.0.0.1:{port}/search", {"q": "x"})


# --- the command -------------------------------------------------------------------------------------


def run(geodata: Path, cache: Path, *args: str, **options: Any) -> int:
    return cli.main(["--geodata", str(geodata), "--cache-dir", str(cache), *args], **options)


def test_fetch_finds_each_object_once_and_a_second_run_asks_nothing(
    services: FakeServices, geodata: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cache, waits = tmp_path / "cache", Waits()
    before = files(geodata)
    assert run(geodata, cache, "fetch", "--site", "naftan", client=client(cache, waits, intervals={})) == 0
    asked = len(services.requests)
    # Wikidata: 3 names in 4 languages' searches and one wbgetentities; Overpass once; Nominatim per name
    assert asked == 4 + 1 + 1 + 3
    overpass_query = next(body for method, _, _, body, _ in services.requests if method == "POST")
    assert "Q90000001" in urllib.parse.parse_qs(overpass_query)["data"][0]  # Wikidata's item, asked of Overpass
    found = load_found(cache / "candidates.json")["naftan"]
    refs = {c.ref: c for c in found}
    assert set(refs) == {"way/900000001", "relation/900000002", "node/900000005", "Q90000001"}
    assert refs["way/900000001"].sources == ("overpass", "nominatim")  # one object, two services
    assert "naftan: 4 candidate(s) (nominatim 1, overpass 3, wikidata 1)" in capsys.readouterr().out
    assert (cache / "review.html").exists()
    assert files(geodata) == before  # fetching writes nothing in geodata/
    answers = files(cache / "answers")
    assert run(geodata, cache, "fetch", "--site", "naftan", client=client(cache, Waits(), intervals={})) == 0
    assert len(services.requests) == asked  # every answer came from the cache
    assert files(cache / "answers") == answers
    assert "0 request(s) sent, 9 answer(s) from the cache" in capsys.readouterr().out


def test_a_service_that_fails_is_reported_and_the_others_still_answer(
    services: FakeServices, geodata: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cache = tmp_path / "cache"
    services.plan = ["ok"] * 5 + ["malformed"]  # Wikidata's five answers, then Overpass's malformed one
    assert run(geodata, cache, "fetch", "--site", "naftan", client=client(cache, Waits(), intervals={})) == 1
    assert "problem: naftan: overpass:" in capsys.readouterr().err
    assert {c.ref for c in load_found(cache / "candidates.json")["naftan"]} == {"way/900000001", "Q90000001"}


def test_with_no_network_it_says_so_in_one_line_and_writes_nothing(
    monkeypatch: pytest.MonkeyPatch, geodata: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    for name in ("STRIKES_OVERPASS_URL", "STRIKES_NOMINATIM_URL", "STRIKES_WIKIDATA_URL"):
        monkeypatch.setenv(name, f"http://127.0.0.1:{port}/")
    cache = tmp_path / "cache"
    (cache / "answers").mkdir(parents=True)
    (cache / "answers" / "kept.json").write_text('{"answer": []}', encoding="utf-8")
    before = files(geodata, cache)
    assert run(geodata, cache, client=client(cache, Waits())) == 2
    out, err = capsys.readouterr()
    assert out == "" and len(err.strip().splitlines()) == 1 and err.startswith("no network: cannot reach 127.0.0.1")
    assert files(geodata, cache) == before


def test_the_review_page_shows_each_candidate_as_data_with_leaflet_inlined(tmp_path: Path) -> None:
    from strikes.curate import review

    hostile = Candidate(
        "way/7", 55.51, 28.55, '</script><img src=x onerror="alert(1)">', ("overpass",), {"name": "{{ 7*7 }} & <b>"}
    )
    works = Candidate(
        "way/8", 55.50, 28.56, "ОАО «Нафтан»", ("overpass",), {}, (((55.5, 28.5), (55.6, 28.5), (55.6, 28.6)),)
    )
    page = review.page([(naftan(), [hostile, works]), (naftan(point=None), [])], "2026-12-05")
    assert "<img src=x" not in page and "</script><img" not in page
    assert "&lt;/script&gt;&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page  # the table's cell
    assert "\\u003c/script\\u003e" in page  # the map's JSON
    assert "{{ 7*7 }} &amp; &lt;b&gt;" in page
    assert "the Polymir factory and Naftan oil refinery in Novopolotsk" in page
    assert "make curate ARGS=&quot;accept naftan way/8&quot;" in page
    assert "https://www.openstreetmap.org/way/8" in page and "3.58 km" in page  # the works' point from the town's
    assert "Today: not placed on the map." in page
    assert "cdn" not in page.lower() and "unpkg" not in page  # Leaflet is inlined as data: URLs
    assert page.count('src="data:text/javascript;base64,') == 1 and 'href="data:text/css;base64,' in page
    data = json.loads(page.split('id="curate-data">', 1)[1].split("</script>", 1)[0])
    assert data[0]["candidates"][1]["outline"] == [[[55.5, 28.5], [55.6, 28.5], [55.6, 28.6]]]
    assert data[1]["point"] is None


# --- accept and reject -------------------------------------------------------------------------------


def fetched(services: FakeServices, geodata: Path, cache: Path) -> None:
    assert run(geodata, cache, "fetch", "--site", "naftan", client=client(cache, Waits(), intervals={})) == 0


def test_accept_rewrites_only_that_row_as_a_site_point_with_its_source_and_date(
    services: FakeServices, geodata: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    fetched(services, geodata, cache)
    before = (geodata / "sites.csv").read_bytes().split(b"\n")
    others = files(geodata)
    assert run(geodata, cache, "accept", "naftan", "way/900000001", today=date(2026, 12, 5)) == 0
    after = (geodata / "sites.csv").read_bytes().split(b"\n")
    changed = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert len(changed) == 1 and after[changed[0]].startswith(b"naftan,")
    site = load_sites(geodata).set_index("site_id").loc["naftan"]
    assert (site["curated_lat"], site["curated_lon"], site["precision"]) == (55.505, 28.55, "site")
    assert site["coord_source"] == "https://www.openstreetmap.org/way/900000001"
    assert "checked 2026-12-05" in site["curated_note"] and "landuse=industrial" in site["curated_note"]
    assert "Cross-checked: Wikidata item Q90000001 (P625)" in site["curated_note"]  # 0.11 km from the outline's centre
    assert site["notes"] is pd.NA or pd.isna(site["notes"])
    events = load_events(geodata, geodata / "geocache.json")
    assert set(events.loc[events["site_id"] == "naftan", "precision"]) == {"site"}
    assert {k: v for k, v in files(geodata).items() if not k.endswith(("sites.csv", "curation.csv"))} == {
        k: v for k, v in others.items() if not k.endswith("sites.csv")
    }
    (decision,) = read_decisions(geodata / "curation.csv")
    assert (decision.site_id, decision.candidate, decision.decision, decision.checked) == (
        "naftan",
        "way/900000001",
        "accepted",
        date(2026, 12, 5),
    )
    assert run(geodata, cache, "accept", "naftan", "Q90000001") == 2  # naftan is a site point now


def test_a_rejected_candidate_is_never_offered_again(
    services: FakeServices, geodata: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cache = tmp_path / "cache"
    fetched(services, geodata, cache)
    sites = (geodata / "sites.csv").read_bytes()
    assert run(geodata, cache, "reject", "naftan", "node/900000005", today=date(2026, 12, 5)) == 0
    assert (geodata / "sites.csv").read_bytes() == sites
    assert run(geodata, cache, "review") == 0
    assert "node/900000005" not in (cache / "review.html").read_text(encoding="utf-8")
    fetched(services, geodata, cache)
    assert "node/900000005" not in {c.ref for c in load_found(cache / "candidates.json")["naftan"]}
    capsys.readouterr()
    assert run(geodata, cache, "accept", "naftan", "node/900000005") == 2
    assert "was rejected" in capsys.readouterr().err
    assert (geodata / "sites.csv").read_bytes() == sites
    assert run(geodata, cache, "reject", "naftan", "way/not-a-number") == 2


def test_a_point_the_datas_checks_refuse_is_not_written(geodata: Path) -> None:
    sites = (geodata / "sites.csv").read_bytes()
    north = Candidate("node/1", 56.5, 28.6, "", ("overpass",))  # beyond the schema's Belarus
    with pytest.raises(DatasetError, match="curated_lat"):
        accept.accept(naftan(point=None), north, [], date(2026, 12, 5), geodata, geodata / "geocache.json")
    far = Candidate("node/2", 55.9, 28.6, "", ("overpass",))
    with pytest.raises(accept.AcceptError, match="km from Novopolotsk"):
        accept.accept(naftan(), far, [], date(2026, 12, 5), geodata, geodata / "geocache.json")
    assert (geodata / "sites.csv").read_bytes() == sites
    assert not list(geodata.glob(".*.tmp"))


def test_rewriting_a_row_with_its_own_values_gives_the_file_back_byte_for_byte() -> None:
    text = (GEODATA / "sites.csv").read_bytes().decode("utf-8")
    for _, _, cells in accept.records(text)[1:]:
        assert accept.replace_row(text, cells[0], {}) == text, cells[0]
