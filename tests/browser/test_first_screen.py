"""The app's first screen (issue 35): the whole map in view on a laptop and a phone, fitted to the data,
nothing that moves it, no developer's menu, an upload's largest waves compared, charts a reader can read.

Each test opens a browser context and page of its own, and asserts the page errors it caused itself.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, FloatRect, Frame, Page

from strikes.core import i18n
from strikes.core.i18n import Lang
from strikes.data.dataset import load_events
from strikes.page.mapview import BELARUS_BOUNDS, data_bounds
from tools.appserver import running_app

from ..apppage import act_until, box, click_until, idle, map_frame, settled
from ..conftest import own_page

LAPTOPS = [(1366, 768), (1280, 720)]
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
MAIN_MAP = ".st-key-strike-map-box iframe"
COMPARE_MAP = ".st-key-strike-compare-box iframe"


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A 1366x768 laptop's page of its own."""
    with own_page(browser, viewport={"width": 1366, "height": 768}) as page:
        yield page


def inside(inner: FloatRect, outer: FloatRect) -> bool:
    """Whether ``inner`` is drawn wholly within ``outer`` (to a pixel's rounding)."""
    return (
        inner["x"] >= outer["x"] - 1
        and inner["y"] >= outer["y"] - 1
        and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + 1
        and inner["y"] + inner["height"] <= outer["y"] + outer["height"] + 1
    )


def filled(frame: Frame, bounds: list[list[float]]) -> float:
    """How much of the map's width or height (the larger share, at most 1) ``bounds`` spans as drawn."""
    return float(
        frame.evaluate(
            """(b) => {
                const m = window.map, size = m.getSize();
                const sw = m.latLngToContainerPoint(b[0]), ne = m.latLngToContainerPoint(b[1]);
                return Math.max(Math.min(1, (ne.x - sw.x) / size.x), Math.min(1, (sw.y - ne.y) / size.y));
            }""",
            bounds,
        )
    )


@pytest.mark.parametrize(("width", "height"), LAPTOPS, ids=[f"{w}x{h}" for w, h in LAPTOPS])
def test_the_whole_map_is_in_the_first_screen(browser: Browser, app_url: str, width: int, height: int) -> None:
    with own_page(browser, viewport={"width": width, "height": height}) as page:
        page.goto(app_url)
        frame = map_frame(page)
        settled(frame)
        idle(page)
        screen = FloatRect(x=0.0, y=0.0, width=float(width), height=float(height))
        title, iframe = box(page.locator("h1").first), box(page.locator(MAIN_MAP))
        assert title["y"] < 70 and title["y"] + title["height"] <= iframe["y"]  # the title, at the top
        assert inside(iframe, screen), f"the map {iframe} runs off the {width}x{height} screen"
        assert iframe["height"] >= height - 110  # as tall as the screen allows, less the title
        main = box(page.locator("[data-testid=stMainBlockContainer]"))
        assert iframe["width"] >= main["width"] - 2 * 80 - 2  # the map has the column's whole width
        for part in (".leaflet-bottom.leaflet-right .strike-control summary", ".leaflet-control-scale-line"):
            drawn = box(frame.locator(part).first)
            assert inside(drawn, screen) and inside(drawn, iframe), part
        credits = box(frame.locator(".leaflet-control-attribution"))
        assert inside(credits, screen) and inside(credits, iframe)
        assert page.evaluate("() => document.scrollingElement.scrollTop") == 0
        below = box(page.get_by_role("heading", name="Not on the map"))
        assert below["y"] >= iframe["y"] + iframe["height"]  # under the map, not squeezing it
        print(
            f"{width}x{height}: title at y={title['y']:.0f}, map {iframe['y']:.0f}-{iframe['y'] + iframe['height']:.0f}"
        )


@pytest.mark.parametrize("screen", ["phone", "laptop"])
def test_the_map_opens_fitted_to_the_data_on_every_screen(browser: Browser, app_url: str, screen: str) -> None:
    options = PHONE if screen == "phone" else {"viewport": {"width": 1366, "height": 768}}
    with own_page(browser, **options) as page:
        page.goto(app_url)
        frame = map_frame(page)
        settled(frame)
        share = filled(frame, BELARUS_BOUNDS)
        zoom = frame.evaluate("() => window.map.getZoom()")
        print(f"{screen}: Belarus fills {share:.0%} of the map, at zoom {zoom}")
        assert share >= 0.85
        data = data_bounds(load_events())
        assert frame.evaluate(  # and every site is in view
            "(b) => window.map.getBounds().contains(L.latLngBounds(b))", data
        )


def test_a_links_own_view_still_wins_over_the_fit(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/?lat=53.9&lon=27.57&z=10.5")
    frame = map_frame(page)
    settled(frame)
    lat, lon, zoom = frame.evaluate(
        "() => { const c = window.map.getCenter(); return [c.lat, c.lng, window.map.getZoom()]; }"
    )
    assert zoom == 10.5 and math.isclose(lat, 53.9, abs_tol=1e-3) and math.isclose(lon, 27.57, abs_tol=1e-3)


def map_top(page: Page, selector: str = MAIN_MAP) -> float:
    """Where the map's frame starts on the page, once its map has drawn its sites."""
    map_frame(page)
    idle(page)
    return box(page.locator(selector))["y"]


def test_day_mode_the_comparison_and_a_filter_never_move_the_map(page: Page, app_url: str) -> None:
    page.goto(app_url)
    top = map_top(page)
    sidebar = page.locator("[data-testid=stSidebar]")

    click_until(page, sidebar.get_by_text("Show one day at a time"), "() => !!document.querySelector('.strike-day')")
    assert map_top(page) == top  # the day is shown over the map, not above it
    assert inside(box(page.locator(".strike-day")), box(page.locator(MAIN_MAP)))
    click_until(page, sidebar.get_by_text("Show one day at a time"), "() => !document.querySelector('.strike-day')")
    assert map_top(page) == top

    click_until(page, sidebar.get_by_text("Compare the two waves"), f"() => !!document.querySelector('{COMPARE_MAP}')")
    assert map_top(page, COMPARE_MAP) == top  # the two maps stand where the one did
    click_until(page, sidebar.get_by_text("Map", exact=True), f"() => !!document.querySelector('{MAIN_MAP}')")
    assert map_top(page) == top

    sectors = sidebar.locator("[data-testid=stMultiSelect]").nth(1)
    click_until(page, sectors, "() => !!document.querySelector('[role=listbox]')")
    page.keyboard.type("mining")
    page.keyboard.press("Enter")
    sectors.locator("[data-tag]", has_text="mining").wait_for(timeout=30_000)
    page.keyboard.press("Escape")
    assert map_top(page) == top


def menu_button(page: Page) -> int:
    """How many of Streamlit's main menu buttons (the ⋮ with Print and Record screen) the page shows."""
    return page.locator("[data-testid=stMainMenu]").count()


def test_readers_get_no_developer_menu_and_a_maintainer_can_have_it(
    page: Page, app_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    page.goto(app_url)
    map_frame(page)
    idle(page)
    assert menu_button(page) == 0
    assert (
        page.get_by_text("Record screen", exact=True).count() == 0
        and page.get_by_text("Print", exact=True).count() == 0
    )
    monkeypatch.setenv("STREAMLIT_CLIENT_TOOLBAR_MODE", "developer")  # as the README tells a maintainer
    with running_app() as (url, _):
        page.goto(url)
        map_frame(page)
        idle(page)
        assert menu_button(page) == 1


WAVES_CSV = "event_id,event_date,workplace,latitude,longitude,source\n" + "".join(
    f"{month}-{n},2022-{month}-10,Works {month}-{n},{53 + n * 0.3},{24 + int(month) * 0.5},A report\n"
    for month, sites in (("05", 1), ("07", 1), ("09", 3), ("10", 2))
    for n in range(sites)
)


def test_an_uploads_default_comparison_is_its_two_largest_waves(page: Page, app_url: str, tmp_path: Path) -> None:
    """May and July have one site each, September three and October two: September and October are compared,
    the legend and the comparison say so, and the reader may still pick May and July."""
    page.goto(app_url)
    map_frame(page)
    idle(page)
    upload = tmp_path / "months.csv"
    upload.write_text(WAVES_CSV, encoding="utf-8")
    # a file sent as the map's first view report reruns the page can be lost: chosen again
    act_until(
        page, lambda: page.locator("input[type=file]").set_input_files(upload), page.get_by_text("My upload only")
    )
    page.get_by_text("My upload only").click()
    page.wait_for_function(
        "[...document.querySelectorAll('[data-testid=stMetric]')].some("
        "m => m.innerText.includes('Sites shown') && m.innerText.trim().endsWith('7'))",
        timeout=60_000,
    )
    idle(page)
    assert "pair=september+2022&pair=october+2022" in page.url  # the sidebar's two pickers, as the link says
    frame = map_frame(page, markers_at_least=1)
    frame.wait_for_function(
        "() => document.querySelector('.strike-control details')"
        " && document.querySelector('.strike-control details').textContent"
        ".includes('Comparing September 2022 and October 2022')",
        timeout=30_000,
    )
    sidebar = page.locator("[data-testid=stSidebar]")
    click_until(page, sidebar.get_by_text("Compare the two waves"), f"() => !!document.querySelector('{COMPARE_MAP}')")
    idle(page)
    heading = page.locator("[data-testid=stMain] h2", has_text="sites that struck in September 2022")
    assert "again in October 2022" in heading.inner_text()
    assert page.get_by_text("September 2022 and October 2022 are compared: by default the two waves").count() == 1


def test_the_charts_name_their_axes_and_cut_no_label_in_belarusian(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/?lang=be&view=compare")
    charts = page.locator("[data-testid=stVegaLiteChart]")
    charts.nth(1).wait_for(timeout=60_000)
    idle(page)
    be = Lang("be")
    longest = i18n.word(be, "public services")  # камунальныя паслугі: the one Streamlit's chart cut
    for k, axis in enumerate(("axis_sector", "axis_oblast")):
        chart = charts.nth(k)
        chart.scroll_into_view_if_needed()
        titles = chart.locator(".role-axis-title text").all_text_contents()
        assert sorted(titles) == sorted([i18n.t(be, "axis_sites"), i18n.t(be, axis)])
        frame = box(chart.locator("svg").first)
        labels = chart.locator(".role-axis-label text")
        texts = labels.all_text_contents()
        assert texts and not any(text.endswith("…") for text in texts)
        for n in range(labels.count()):
            assert inside(box(labels.nth(n)), frame), texts[n]
        if k == 0:
            assert longest in texts
