"""The running app in headless Chromium, with every request off this machine blocked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Frame, Page, Route, sync_playwright

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[1] / "out" / "screenshots"
LOCAL_PREFIXES = ("http://127.0.0.1", "http://localhost", "data:", "blob:", "about:")


@pytest.fixture(scope="module")
def page(chromium: str) -> Iterator[Page]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        page = browser.new_page(viewport={"width": 1500, "height": 1100})
        blocked: list[str] = []

        def only_local(route: Route) -> None:
            if route.request.url.startswith(LOCAL_PREFIXES):
                route.continue_()
            else:
                blocked.append(route.request.url)
                route.abort()

        page.route("**/*", only_local)
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        yield page
        browser.close()
        assert not errors, errors


def map_frame(page: Page, markers_at_least: int = 1) -> Frame:
    """The streamlit-folium iframe once Leaflet has drawn markers or clusters in it."""
    for _ in range(120):
        for frame in page.frames:
            drawn = frame.locator(".strike-marker").count() + frame.locator(".marker-cluster").count()
            if frame.locator(".leaflet-container").count() and drawn >= markers_at_least:
                return frame
        page.wait_for_timeout(500)
    raise AssertionError("no Leaflet map with markers appeared")


def test_map_draws_markers_and_the_offline_base_layer(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/?sector=manufacturing&sector=chemicals")
    frame = map_frame(page)
    # the tile layer cannot load here, so the offline Natural Earth layer is switched in
    base = frame.locator(".leaflet-strikesBasemap-pane path")
    base.first.wait_for(timeout=20_000)
    assert base.count() >= 8  # the oblasts, Minsk city and the border
    assert frame.evaluate("typeof L") == "object"
    page.wait_for_timeout(1000)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / "map.png", full_page=True)
    assert "Sites shown" in page.content()


def test_comparison_view_draws_two_synchronised_maps(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/?view=compare")
    frame = map_frame(page)
    for _ in range(40):
        if frame.locator(".leaflet-container").count() == 2:
            break
        page.wait_for_timeout(250)
    assert frame.locator(".leaflet-container").count() == 2
    page.wait_for_timeout(1500)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / "compare.png", full_page=True)
