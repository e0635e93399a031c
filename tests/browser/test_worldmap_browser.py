"""An upload from anywhere, shown as its own: the offline world under Belarus' detailed map (committed, fetched
only when needed, inlined in an export for its area alone, drawn with the network off), its waves (months of a
year, the compared pair the reader's pick) and its towns in the search box."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from ..apppage import idle, map_frame, open_list
from ..conftest import own_page

EXAMPLES = Path(__file__).resolve().parents[2] / "geodata" / "examples"


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    with own_page(browser, viewport={"width": 1400, "height": 1000}) as page:
        yield page


@pytest.mark.parametrize("example", ["labor-action-tracker-example.csv", "acled-chile-example.csv"])
def test_an_upload_from_another_country_shows_its_borders_regions_and_towns_offline(
    page: Page, app_url: str, example: str
) -> None:
    page.goto(app_url)
    map_frame(page)
    idle(page)
    page.locator("input[type=file]").set_input_files(str(EXAMPLES / example))
    page.wait_for_function(
        "(name) => document.querySelector('h1')?.innerText === 'Strike actions from ' + name",
        arg=example,
        timeout=60_000,
    )
    page.wait_for_function("(name) => document.title.includes(name)", arg=example, timeout=30_000)  # the tab too
    idle(page)  # the run that names the upload ends with the upload's map: until then the old map's frame may stand
    frame = map_frame(page)
    # countries, then regions at a closer zoom, on the world's canvas; and the zoom's largest towns, named
    frame.wait_for_function("() => document.querySelectorAll('.strikes-world-town').length > 0", timeout=30_000)
    frame.evaluate("() => { window.map.setZoom(Math.max(window.map.getZoom(), 5)); }")
    frame.wait_for_function("() => document.querySelectorAll('.strikes-world-town').length > 2", timeout=30_000)
    drawn = frame.evaluate(
        "() => document.querySelectorAll('.leaflet-strikesWorld-pane canvas, .leaflet-strikesWorld-pane path').length"
    )
    assert drawn > 0
    assert "Belarusian strikes" not in page.locator("h1").inner_text()
    # the search box knows the upload's towns, wherever they are
    town = {"labor-action-tracker-example.csv": "Toledo", "acled-chile-example.csv": "Antofagasta"}[example]
    frame.locator(".strike-search input").fill(town)
    frame.locator(".strike-search li", has_text=town).first.wait_for(timeout=10_000)


def test_an_uploads_waves_are_months_of_a_year_and_the_reader_picks_the_two_compared(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/?lang=ru")
    map_frame(page)
    idle(page)
    page.locator("input[type=file]").set_input_files(str(EXAMPLES / "labor-action-tracker-example.csv"))
    metrics = page.locator("[data-testid=stMetric]")
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=stMetric]')].some(m => m.innerText.includes('Январь 2022'))",
        timeout=60_000,
    )  # the first two waves in time: January 2022 and September 2022, in the reader's words
    idle(page)
    second = page.locator("[data-testid=stSidebar] [data-testid=stSelectbox]").filter(has_text="Вторая волна")
    open_list(page, second)
    page.get_by_role("option", name="Сентябрь 2023").click()
    page.wait_for_function(
        "() => decodeURIComponent(location.search).includes('pair=september+2023')"
        " || decodeURIComponent(location.search).includes('pair=september 2023')",
        timeout=30_000,
    )
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=stMetric]')].some(m => m.innerText.includes('Сентябрь 2023'))",
        timeout=30_000,
    )
    assert "Январь 2022" in metrics.all_inner_texts()[2]
