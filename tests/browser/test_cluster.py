"""Two app processes behind HAProxy (deploy/cluster.py): readers are spread over them, each stays on one.

Streamlit keeps a reader's session in the process holding its websocket and refuses an upload sent to another
one, so the balancer pins each browser to a process by a cookie. Each reader is its own browser context (its own
cookies), and every request off this machine is blocked. The module's tests share one cluster, in their order: the
last kills one of its apps.
"""

from __future__ import annotations

import os
import signal
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page

from deploy.cluster import COOKIE, Cluster, find_haproxy, start_cluster
from strikes.web.keep import COOKIE as KEPT
from tools.appserver import free_port

from ..conftest import require

MAP_DRAWN = """() => [...document.querySelectorAll('iframe')].some(f => {
    const d = f.contentDocument;  // the streamlit-folium iframe is same-origin
    return !!(d && d.querySelector('.leaflet-container .strike-marker, .leaflet-container .strike-cluster'));
})"""
APP = "document.querySelector('[data-testid=stApp]')"
CONNECTED = f"{APP}?.getAttribute('data-test-connection-state') === 'CONNECTED'"
IDLE = f"{APP}?.getAttribute('data-test-script-state') === 'notRunning'"
UPLOAD_CSV = (
    "event_id,event_date,workplace,sector,source,location,latitude,longitude\n"
    "c1,2020-08-11,Cluster Test Works,manufacturing,Cluster test,Minsk,53.9,27.56\n"
    "c2,2020-08-12,Cluster Test Mine,mining,Cluster test,Salihorsk,52.79,27.54\n"
)


@pytest.fixture(scope="module")
def haproxy() -> str:
    """Debian's haproxy."""
    return require(find_haproxy(), "Debian's haproxy is not installed (apt-get install haproxy); .ci/run installs it")


@pytest.fixture(scope="module")
def cluster(chromium: str, haproxy: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    logs = tmp_path_factory.mktemp("cluster-logs")
    with start_cluster(
        apps=2, port=free_port(), app_ports=[free_port(), free_port()], address="127.0.0.1", haproxy=haproxy, logs=logs
    ) as running:
        yield running
        assert not running.dead(), (running.dead(), {p.name: p.read_text()[-2000:] for p in logs.iterdir()})


@dataclass
class Reader:
    """One browser (its own cookies) on the app; bench/cluster.py times how long its map takes to draw."""

    context: BrowserContext
    page: Page
    errors: list[str] = field(default_factory=list)

    def process(self) -> str:
        """The app process HAProxy pinned this browser to: its sticky cookie."""
        return next(c["value"] for c in self.context.cookies() if c["name"] == COOKIE)

    def wait_for_map(self) -> None:
        self.page.wait_for_function(MAP_DRAWN, timeout=60_000, polling=100)
        self.page.wait_for_function(IDLE, timeout=60_000)  # an upload sent during a run can be lost


def open_reader(browser: Browser, url: str) -> Reader:
    """A new reader on url, once its websocket is open (so the balancer counts it for the next one)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    reader = Reader(context, context.new_page())
    reader.page.on("pageerror", lambda error: reader.errors.append(str(error)))
    reader.page.goto(url)
    reader.page.wait_for_function(CONNECTED, timeout=60_000)
    return reader


def upload_caption(page: Page, name: str) -> Locator:
    """The sidebar's summary of a read upload, which names its file (the uploader's own list is not it)."""
    return page.locator("[data-testid=stSidebar] [data-testid=stCaptionContainer]").filter(has_text=name)


def test_readers_are_spread_over_the_processes_and_each_keeps_its_own(
    cluster: Cluster, browser: Browser, tmp_path: Path
) -> None:
    readers = [open_reader(browser, cluster.url) for _ in range(3)]
    for reader in readers:
        reader.wait_for_map()  # the map, its assets and its component iframe, all through the balancer
    processes = [reader.process() for reader in readers]
    assert set(processes) == set(cluster.app_urls), processes  # both processes have readers
    stats = cluster.stats()
    for name in cluster.app_urls:  # HAProxy holds each reader's websocket open to its process
        assert stats[name]["status"] == "UP"
        assert int(stats[name]["scur"]) >= processes.count(name), {n: s["scur"] for n, s in stats.items()}

    # An upload in one reader is read by its process and shown to it, and to no one on the other process.
    first = readers[0]
    other = next(r for r in readers if r.process() != first.process())
    upload = tmp_path / f"cluster-{first.process()}.csv"
    upload.write_text(UPLOAD_CSV, encoding="utf-8")
    with first.page.expect_request(lambda r: "/_stcore/upload_file/" in r.url and r.method == "PUT") as sent:
        first.page.locator("[data-testid=stSidebar] input[type=file]").set_input_files(str(upload))
    assert sent.value.url.startswith(cluster.url)
    upload_caption(first.page, upload.name).wait_for(timeout=60_000)
    assert "2 rows" in upload_caption(first.page, upload.name).inner_text()
    other.page.wait_for_function(IDLE, timeout=60_000)
    assert upload_caption(other.page, upload.name).count() == 0
    assert upload.name not in other.page.locator("[data-testid=stSidebar]").inner_text()

    # Why the stickiness: the same upload sent to the other process (as a round-robin balancer would) is refused.
    xsrf = next(c["value"] for c in first.context.cookies() if c["name"] == "_streamlit_xsrf")
    elsewhere = cluster.app_urls[other.process()] + urlsplit(sent.value.url).path
    request = urllib.request.Request(
        elsewhere, data=b"x", method="PUT", headers={"X-Xsrftoken": xsrf, "Cookie": f"_streamlit_xsrf={xsrf}"}
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 400 and b"session_id" in refused.value.read()  # "Invalid session_id"

    for reader in readers:
        assert not reader.errors, reader.errors
        reader.context.close()


def test_an_upload_survives_its_process_killed_behind_the_balancer(
    cluster: Cluster, browser: Browser, tmp_path: Path
) -> None:
    """The reader's process killed: a reload lands on another process, which restores the upload from the store.

    Measured, not papered over: Streamlit's client reconnects to the other process by itself, but its page there
    stays as it was (the new session's websocket carried 213 bytes; a widget changed afterwards did not redraw
    it within 30 s), so a reload is what brings the reader back, now with their file.
    """
    reader = open_reader(browser, cluster.url)
    reader.wait_for_map()
    upload = tmp_path / "survivor.csv"
    upload.write_text(UPLOAD_CSV, encoding="utf-8")
    reader.page.locator("[data-testid=stSidebar] input[type=file]").set_input_files(str(upload))
    upload_caption(reader.page, upload.name).wait_for(timeout=60_000)
    reader.page.wait_for_function(f"document.cookie.includes('{KEPT}=')", timeout=30_000)  # kept in the store
    reader.page.wait_for_function(IDLE, timeout=60_000)
    process = reader.process()
    victim = cluster.apps[list(cluster.app_urls).index(process)]
    os.kill(victim.pid, signal.SIGKILL)
    victim.wait()
    reader.page.reload()
    reader.page.wait_for_function(
        "() => (document.querySelector('[data-testid=stSidebar]')?.innerText || '').includes('restored')",
        timeout=90_000,
    )
    text = reader.page.locator("[data-testid=stSidebar]").inner_text()
    assert upload.name in text and "2 rows" in text, text
    assert reader.process() != process
    assert not reader.errors, reader.errors
    reader.context.close()
    assert cluster.restart_dead_apps() == []  # the killed one starts again, as make cluster's loop does
