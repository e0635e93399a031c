"""Every reader counts (issue 21): colour vision, axe-core on every page the project makes, the keyboard.

The axe and keyboard tests run against the running app and an exported HTML file in Chromium; axe-core
comes from npm (static/package.json) and is injected into each document, the map frames included.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Frame, Page

from strikes import export
from strikes.core.dataname import DataName
from strikes.core.filters import Filters
from strikes.core.i18n import Lang
from strikes.data.dataset import load_events
from strikes.page.assets import STATIC_ROOT

from ..apppage import act_until
from ..conftest import own_page

STAYING = {
    "page-has-heading-one",  # the app's map frame is a part of the page, whose heading is the page's h1
    "presentation-role-conflict",  # Streamlit's own sidebar markup
    "landmark-one-main",  # the comparison's frame: two maps side by side, each a region named by its wave
}


AXE = STATIC_ROOT / "node_modules" / "axe-core" / "axe.min.js"


def axe(frame: Frame | Page, exclude: list[str] | None = None) -> list[tuple[str, str, int]]:
    """axe-core's violations in one document, less the ``exclude``d elements: (rule, impact, nodes)."""
    frame.evaluate(AXE.read_text(encoding="utf-8"))
    found = frame.evaluate(
        "async (exclude) => (await axe.run({include: [document], exclude: exclude.map(s => [s])},"
        " {resultTypes: ['violations']})).violations.map(v => [v.id, v.impact, v.nodes.length])",
        exclude or [],
    )
    return [tuple(v) for v in found]


def serious(found: list[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
    return [v for v in found if v[1] in ("critical", "serious") or v[0] not in STAYING]


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    with own_page(browser, viewport={"width": 1400, "height": 1000}) as page:
        yield page


def map_frames(page: Page, maps: int) -> list[Frame]:
    """The page's Leaflet frames once its ``maps`` maps have their site layers' descriptions (markers drawn);
    the comparison's two maps share one frame."""
    page.wait_for_function(
        """n => [...document.querySelectorAll('iframe')].reduce((found, f) => {
        try { return found + f.contentDocument.querySelectorAll('.strike-live').length; } catch (e) { return found; }
    }, 0) >= n""",
        arg=maps,
        timeout=60_000,
    )
    page.wait_for_function(
        """() => !document.querySelector('[data-testid=stStatusWidget]')
        && [...document.querySelectorAll('a.skip-link')].every(a => document.querySelector(a.getAttribute('href')))""",
        timeout=60_000,
    )
    frames = [frame for frame in page.frames if frame.locator(".leaflet-container").count()]
    for frame in frames:  # each map named and described for screen readers
        frame.wait_for_function(
            "() => [...document.querySelectorAll('.leaflet-container')].every(m => m.getAttribute('role'))",
            timeout=30_000,
        )
    return frames


@pytest.mark.parametrize("query, maps", [("", 1), ("?lang=be", 1), ("?view=compare&lang=ru", 2)])
def test_axe_finds_nothing_serious_in_the_app_or_its_maps(page: Page, app_url: str, query: str, maps: int) -> None:
    page.goto(f"{app_url}/{query}")
    frames = map_frames(page, maps)
    assert sum(frame.locator(".leaflet-container").count() for frame in frames) == maps
    found = {
        "page": axe(page),
        **{f"map {k}": axe(frame) for k, frame in enumerate(frames)},
    }
    assert {where: serious(v) for where, v in found.items()} == {where: [] for where in found}, json.dumps(found)


@pytest.mark.parametrize("lang", ["en", "be"])
def test_axe_finds_nothing_in_an_exported_map(page: Page, lang: Lang) -> None:
    page.set_content(export.export("html", Filters(), load_events(), lang=lang, name=DataName()).decode("utf-8"))
    page.locator(".strike-live").wait_for(state="attached", timeout=30_000)
    assert axe(page) == []
    assert page.evaluate("() => document.documentElement.lang") == lang
    assert page.locator(".strike-text tbody tr").count() == 44  # the sites as a table, for readers without the map
    viewport = page.locator("meta[name=viewport]").get_attribute("content") or ""
    assert "maximum-scale" not in viewport and "user-scalable" not in viewport  # a phone's reader may zoom


def test_the_map_by_keyboard_alone(page: Page, app_url: str) -> None:
    """Skip link, search first, a site by Tab and Enter, Escape back to it, a cluster opened by Enter."""
    page.goto(f"{app_url}/?lat=53.9&lon=27.57&z=11")
    frame = map_frames(page, 1)[0]
    page.keyboard.press("Tab")  # Streamlit's own "Skip to main content"
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Skip to the map"
    page.keyboard.press("Enter")  # into the map's frame, onto its search box
    assert frame.evaluate("() => document.activeElement.getAttribute('role')") == "combobox"
    page.keyboard.type("Kupala")
    page.keyboard.press("ArrowDown")
    assert frame.evaluate("() => document.activeElement.getAttribute('aria-activedescendant')").endswith("-0")
    page.keyboard.press("Escape")  # the list closes; the map stays
    stops = []
    for _ in range(40):  # the zoom and fit buttons, the layers control, then clusters and sites
        page.keyboard.press("Tab")
        stops.append(frame.evaluate("() => document.activeElement.className"))
        if "strike-marker" in stops[-1]:
            break
    assert "strike-marker" in stops[-1], stops
    name = frame.evaluate("() => document.activeElement.getAttribute('aria-label')")
    assert ": " in name and "; " in name and len(name) > 20, name  # a place, what it did, how it is placed
    page.keyboard.press("Enter")
    frame.locator(".leaflet-popup").wait_for(timeout=10_000)
    page.keyboard.press("Escape")
    frame.locator(".leaflet-popup").wait_for(state="detached", timeout=5_000)
    assert frame.evaluate("() => document.activeElement.getAttribute('aria-label')") == name
    # a cluster: Enter zooms in until it parts
    frame.evaluate("() => window.map.setView([53.9, 27.57], 8, {animate: false})")
    cluster = frame.locator(".strike-cluster-icon").first
    cluster.wait_for(timeout=10_000)
    assert "strike sites" in (cluster.get_attribute("aria-label") or "")
    assert (cluster.get_attribute("title") or "").startswith("A ")  # each slice's letter and count, the smallest too
    cluster.focus()
    page.keyboard.press("Enter")
    frame.wait_for_function("() => window.map.getZoom() > 8", timeout=10_000)
    # the map says what it shows, politely, for screen readers
    live = frame.locator(".strike-live")
    assert live.get_attribute("aria-live") == "polite" and live.inner_text().startswith("43 strike sites on the map.")

    # playback without a mouse: Space on the day view's switch, Enter on Play, and the days move on
    # (last: the map's frame is drawn anew when playback starts)
    def press_switch() -> None:
        page.get_by_role("switch", name="Show one day at a time").focus()
        page.keyboard.press("Space")

    act_until(page, press_switch, page.get_by_role("button", name="Play"))
    page.get_by_role("button", name="Play").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.search.includes('day=2020-08-11')", timeout=30_000)
    page.get_by_role("button", name="Pause").focus()
    page.keyboard.press("Enter")
