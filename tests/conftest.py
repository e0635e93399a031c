"""Shared fixtures: the real curated dataset, and copies of it to break."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd
import pytest
from playwright.sync_api import Browser, BrowserContext, Error, Page, Playwright, ViewportSize, sync_playwright

from strikes import export
from strikes.core.compare import wave_pair
from strikes.core.filters import Filters, apply
from strikes.core.i18n import Lang
from strikes.data.cache import CACHE_PATH, GEODATA
from strikes.data.dataset import load_events
from strikes.export.browser import LAUNCH_ARGS, OFFLINE_ARG
from tools.appserver import running_app

REPO = Path(__file__).resolve().parents[1]
T = TypeVar("T")
SOURCES_DIR = REPO.parent / "shared" / "sources"
MINING_CHEMICALS = Filters(sector=("mining", "chemicals"))


@pytest.fixture(scope="session", autouse=True)
def upload_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Uploads the tests' apps keep (strikes/web/keep.py) go to a temporary folder, never the checkout's out/."""
    folder = tmp_path_factory.mktemp("upload-store")
    before = os.environ.get("STRIKES_UPLOAD_STORE")
    os.environ["STRIKES_UPLOAD_STORE"] = str(folder)
    yield folder
    if before is None:
        del os.environ["STRIKES_UPLOAD_STORE"]
    else:
        os.environ["STRIKES_UPLOAD_STORE"] = before


BROWSER_TESTS = Path(__file__).resolve().parent / "browser"
# Fixtures that start Chromium or the app: only a test in tests/browser/ may ask for them.
BROWSER_FIXTURES = {"chromium", "shared_chromium", "browser", "app_url"}


# The files that take longest, longest first (worker-seconds on two cores): in tests/unit/ 7 to 25 s each, in
# tests/browser/ 5 to 75 s. xdist's loadfile hands the files to its workers in the order they were collected (with
# --no-loadscope-reorder: make's FAST): the long ones go out first, so the two workers end together, where in
# its own order (by count of tests) or alphabetically one ran a long file alone at the end.
LONGEST_FIRST = (
    "test_hostile.py",
    "test_bounded.py",
    "test_hostile_workbooks.py",
    "test_browser.py",
    "test_upload_sessions.py",
    "test_reader_states.py",
    "test_print_browser.py",
    "test_loadtest.py",
    "test_first_screen.py",
    "test_cluster.py",
    "test_publish_browser.py",
    "test_names_browser.py",
    "test_export_browser.py",
    "test_accessibility_browser.py",
    "test_worldmap_browser.py",
    "test_upload_kept.py",
    "test_basemap_browser.py",
    "test_mapview_browser.py",
)


def run_order(item: pytest.Item) -> int:
    """An item's file's place in LONGEST_FIRST, or after all of them (a stable sort keeps each file's order)."""
    name = item.path.name
    return LONGEST_FIRST.index(name) if name in LONGEST_FIRST else len(LONGEST_FIRST)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The marker follows the folder: every test in tests/browser/ is a browser test, and a test elsewhere
    that asks for Chromium is refused, so it cannot slip into the fast suite (make test-fast). The longest
    files run first (LONGEST_FIRST)."""
    items.sort(key=run_order)
    OWN_PLAYWRIGHT.update(item.path for item in items if item.get_closest_marker("own_playwright"))
    strays = []
    for item in items:
        if BROWSER_TESTS in item.path.parents:
            item.add_marker(pytest.mark.browser)
        elif BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            strays.append(item.nodeid)
    if strays:
        raise pytest.UsageError(f"tests that drive Chromium belong in tests/browser/: {', '.join(strays)}")


@pytest.fixture(scope="session")
def events() -> pd.DataFrame:
    return load_events()


@pytest.fixture(scope="session")
def waves(events: pd.DataFrame) -> tuple[str, str]:
    pair = wave_pair(events)
    assert pair is not None
    return pair


@pytest.fixture(scope="session")
def snapshot(events: pd.DataFrame, waves: tuple[str, str]) -> bytes:
    """The mining and chemicals map as an HTML snapshot, status from every wave."""
    shown = apply(events, MINING_CHEMICALS)
    return export.html_snapshot(
        shown,
        MINING_CHEMICALS,
        waves,
        apply(events, MINING_CHEMICALS.without("wave")),
        lang=Lang("en"),
        title="The 2020 Belarusian strikes",
    )


@pytest.fixture()
def geodata_copy(tmp_path: Path) -> Path:
    """A writable copy of geodata/ (the CSVs and the cache) for tests that edit it."""
    target = tmp_path / "geodata"
    target.mkdir()
    for name in ("sites.csv", "actions.csv", "sources.csv"):
        shutil.copy(GEODATA / name, target / name)
    shutil.copy(CACHE_PATH, target / "geocache.json")
    return target


def _chromium() -> str | None:
    for candidate in (os.environ.get("STRIKES_CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def require(found: T | None, message: str) -> T:
    """A tool a test needs: in CI (STRIKES_REQUIRE_BROWSER=1, set by .ci/run) its absence fails the
    test, which must run there; on a laptop the test is skipped, saying why."""
    if found is None:
        if os.environ.get("STRIKES_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return found


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's chromium."""
    return require(_chromium(), "Debian's chromium is not installed (apt-get install chromium); .ci/run installs it")


@pytest.fixture(scope="session")
def app_url(chromium: str) -> Iterator[str]:
    """The real app, started as `make run` starts it, on a free localhost port."""
    with running_app() as (url, _):
        yield url


class SharedChromium:
    """One headless Chromium for a worker's modules that ask for ``browser``, one module after another: a new one
    costs about 2.5 CPU-s (its launch, and a first page that warms nothing yet). Playwright's sync API runs one
    at a time in a thread, so it is closed before a module marked own_playwright, which starts its own
    (strikes.export.browser.open_browser: the print tests, the PNG exports, the playback test), and only then."""

    def __init__(self, executable: str) -> None:
        self.executable = executable
        self.playwright: Playwright | None = None
        self.browser: Browser | None = None

    def get(self) -> Browser:
        if self.browser is None:
            self.playwright = sync_playwright().start()
            self.browser = self.playwright.chromium.launch(
                executable_path=self.executable, args=[*LAUNCH_ARGS, OFFLINE_ARG]
            )
        return self.browser

    def close(self) -> None:
        if self.browser is not None:
            forget_contexts(self.browser)
            self.browser.close()
        if self.playwright is not None:
            self.playwright.stop()
        self.browser = self.playwright = None


SHARED: list[SharedChromium] = []  # the worker's, once a module asked for it
OWN_PLAYWRIGHT: set[Path] = set()  # the test files marked own_playwright: Playwright's sync API of their own


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """After a file's last test (and its fixtures' teardown), the shared Chromium closes if the next file starts
    Playwright in this thread (marked own_playwright), or there is none."""
    yield
    if SHARED and (nextitem is None or (nextitem.path != item.path and nextitem.path in OWN_PLAYWRIGHT)):
        SHARED[0].close()


@pytest.fixture(scope="session")
def shared_chromium(chromium: str) -> Iterator[SharedChromium]:
    shared = SharedChromium(chromium)
    SHARED.append(shared)
    yield shared
    shared.close()
    SHARED.clear()


@pytest.fixture(scope="module")
def browser(shared_chromium: SharedChromium) -> Browser:
    """Headless Chromium for a module's tests, started as the exports start it, on a machine with no network:
    the worker's, kept from the module before when that one asked for it too (SharedChromium)."""
    return shared_chromium.get()


# A new browser context is a new profile, and a new tab a new renderer process: nothing cached, nothing compiled.
# Each test's page is a session of its own (Streamlit gives each document its own), in one tab per browser and kind
# of device that each test takes over, so Streamlit's ~165 static files and their compiled scripts are kept
# between tests: a page load costs Chromium about 1.6 CPU-s, against 3.3 in a new context (tests/browser on two
# cores: 559 CPU-s with a new context for each test, 486 with a warm context and a new tab, 403 with one tab).
WARM: dict[tuple[Browser, str], BrowserContext] = {}
WINDOW: ViewportSize = {"width": 1280, "height": 720}  # Playwright's own default, for a page given no viewport
# What a test leaves in its origin's storage (Streamlit keeps the sidebar's width and more there) goes with it.
FORGET_STORAGE = "() => { try { localStorage.clear(); sessionStorage.clear(); } catch (e) { /* about:blank */ } }"


def warm_context(browser: Browser, **options: Any) -> BrowserContext:
    """The browser's shared context for a kind of device (``options``), made on first use."""
    key = (browser, json.dumps(options, sort_keys=True))
    if key not in WARM:
        WARM[key] = browser.new_context(**options)
    return WARM[key]


def forget_contexts(browser: Browser) -> None:
    """Before the browser closes, its contexts with it."""
    for key in [key for key in WARM if key[0] is browser]:
        del WARM[key]


@contextmanager
def own_page(browser: Browser, **options: Any) -> Iterator[Page]:
    """A page of its own session (the module's browser has no network off this machine): the warm tab for its
    kind of device, at its window's size, left blank with no cookies (a kept upload's token) or storage after
    each test, so no test sees another's upload or settings; a tab that failed a test is closed, not handed on.
    The test that used it fails if the page threw an error, so an error is blamed on its cause."""
    device = options if options.get("is_mobile") else {k: v for k, v in options.items() if k != "viewport"}
    context = warm_context(browser, **device)
    page = context.pages[0] if context.pages else context.new_page()
    if "viewport" not in device:
        page.set_viewport_size(options.get("viewport", WINDOW))
    errors: list[str] = []

    def thrown(error: Error) -> None:
        errors.append(str(error))

    page.on("pageerror", thrown)
    clean = False
    try:
        yield page
        page.evaluate(FORGET_STORAGE)
        page.goto("about:blank")  # the session's websocket closes with its document
        page.mouse.move(0, 0)
        clean = not errors
    finally:
        page.remove_listener("pageerror", thrown)
        context.clear_cookies()
        for tab in context.pages:  # and any window the test opened
            if tab is not page or not clean:
                tab.close()
    assert errors == []
