"""Issue 33, items 3 and 4, in Belarusian and Russian: every accessible name in the reader's language, and a
keyboard route that starts at the map (a skip link into its search box, no unnamed Tab stop, the focus kept
on the map after a cluster parts, the site table reached as text)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Frame, Page

from strikes.core.i18n import Lang, t
from strikes.data.dataset import load_events
from strikes.web.names import STREAMLIT_NAMES

from ..apppage import idle, map_frame, settled
from ..conftest import own_page
from .test_accessibility_browser import AXE

LANGS = ["be", "ru"]
# The Tab stop reached, wherever it is: the page's element, or the element inside a frame that has the focus,
# with the name a screen reader gives it (aria-label, else title, else its text).
ACTIVE = """() => {
    let doc = document, node = document.activeElement, depth = 0;
    while (node && node.tagName === 'IFRAME' && node.contentDocument) {
        doc = node.contentDocument; node = doc.activeElement; depth += 1;
    }
    if (!node) { return null; }
    const cls = typeof node.className === 'string' ? node.className : '';
    return {depth: depth, tag: node.tagName.toLowerCase(), cls: cls, role: node.getAttribute('role') || '',
            name: (node.getAttribute('aria-label') || node.getAttribute('title') || node.textContent || '').trim()};
}"""


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    with own_page(browser, viewport={"width": 1400, "height": 1000}) as page:
        yield page


def serious(document: Frame | Page) -> list[tuple[str, str, list[str]]]:
    """axe-core's critical and serious violations of WCAG 2.0 A and AA and 2.1 AA in one document."""
    document.evaluate(AXE.read_text(encoding="utf-8"))
    found = document.evaluate(
        "async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa'],"
        " resultTypes: ['violations']})).violations.map(v => [v.id, v.impact, v.nodes.map(n => n.html.slice(0, 120))])"
    )
    return [tuple(v) for v in found if v[1] in ("critical", "serious")]


def english_names(document: Frame | Page) -> list[str]:
    """Streamlit's and Leaflet's English names left on the page."""
    english = [*STREAMLIT_NAMES, "Zoom in", "Zoom out", "Layers", "Close popup", "streamlit_folium.st_folium"]
    return document.evaluate(
        """english => [...document.querySelectorAll('[aria-label], [title]')].flatMap(e =>
            ['aria-label', 'title'].map(a => e.getAttribute(a))).filter(name => name && (english.includes(name)
            || / — (start|end)$/.test(name) || name.startsWith('Help for ')
            || name === 'A JavaScript library for interactive maps'))""",
        english,
    )


def loaded(page: Page, url: str, markers: int = 1) -> Frame:
    page.goto(url)
    frame = map_frame(page, markers)
    idle(page)
    page.wait_for_function("() => window.strikeAppNames && document.querySelector('iframe').title !== ''")
    return frame


@pytest.mark.parametrize("lang", LANGS)
def test_every_name_is_in_the_readers_language_and_axe_finds_nothing_serious(
    page: Page, app_url: str, lang: Lang
) -> None:
    found: dict[str, list] = {}
    # the map, then with a popup open
    frame = loaded(page, f"{app_url}/?lang={lang}&lat=53.905&lon=27.56&z=13")
    frame.wait_for_function("() => document.querySelector('.leaflet-control-layers-toggle')")
    assert page.locator("iframe").first.get_attribute("title") == t(lang, "map_frame")
    upload = page.locator("[data-testid=stFileUploaderDropzone] button")
    assert upload.get_attribute("aria-label") == t(lang, "upload_button")
    assert frame.locator(".leaflet-control-zoom-in").get_attribute("aria-label") == t(lang, "ed_zoom_in")
    assert frame.locator(".leaflet-control-layers-toggle").get_attribute("title") == t(lang, "ed_layers")
    thumbs = page.locator("[data-testid=stSlider] input[type=range]")
    label = t(lang, "date_of_action")
    assert [thumbs.nth(k).get_attribute("aria-label") for k in range(2)] == [
        t(lang, "thumb_start", label=label),
        t(lang, "thumb_end", label=label),
    ]
    found["map"], found["frame"] = serious(page), serious(frame)
    found["english on the page"], found["english in the map"] = english_names(page), english_names(frame)
    frame.locator(".strike-marker").first.click()
    frame.locator(".leaflet-popup").wait_for(timeout=10_000)
    assert frame.locator(".leaflet-popup-close-button").get_attribute("aria-label") == t(lang, "ed_close")
    settled(frame)  # the popup's fade-in done: axe reads a half-faded text's contrast as too low
    found["popup"] = serious(frame)
    # day by day: the date range greyed out beside the day's slider
    loaded(page, f"{app_url}/?lang={lang}&day=2020-08-11")
    found["day"] = serious(page)
    # the comparison: its two maps and its charts, named by their counts
    frame = loaded(page, f"{app_url}/?lang={lang}&view=compare", markers=2)
    page.locator("[data-testid=stVegaLiteChart] svg[aria-hidden=true]").nth(1).wait_for(state="attached")
    charts = page.locator("[data-testid=stVegaLiteChart]")
    assert charts.count() == 2
    sector_chart = charts.first.get_attribute("aria-label") or ""
    assert sector_chart.startswith(t(lang, "by_sector")) and sector_chart.endswith("."), sector_chart
    found["comparison"], found["comparison's maps"] = serious(page), serious(frame)
    found["english in the comparison"] = english_names(page) + english_names(frame)
    assert found == {where: [] for where in found}, json.dumps(found, ensure_ascii=False)


@pytest.mark.parametrize("lang", LANGS)
def test_the_keyboard_starts_at_the_map_and_stays_on_it(page: Page, app_url: str, lang: Lang) -> None:
    frame = loaded(page, f"{app_url}/?lang={lang}")
    # the search box within five key presses: Streamlit's skip link, this page's, Enter
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate(ACTIVE)["name"] == t(lang, "skip_map")
    page.keyboard.press("Enter")
    active = page.evaluate(ACTIVE)
    assert (active["depth"], active["role"], active["name"]) == (1, "combobox", t(lang, "search")), active
    # from there every Tab stop in the map has a name, through the controls and every site, out of the frame
    stops = []
    for _ in range(80):
        page.keyboard.press("Tab")
        active = page.evaluate(ACTIVE)
        if active["depth"] == 0:
            break
        stops.append(active)
    assert active["depth"] == 0, "the Tab key never left the map"
    assert [s for s in stops if not s["name"] or s["tag"] == "path"] == [], stops
    assert sum("strike-marker" in s["cls"] or "strike-cluster-icon" in s["cls"] for s in stops) >= 10
    # Enter on a cluster: the map zooms in and the focus stays on what the cluster parted into
    cluster = frame.locator(".strike-cluster-icon").first
    zoom = frame.evaluate("() => window.map.getZoom()")
    cluster.focus()
    page.keyboard.press("Enter")
    frame.wait_for_function(f"() => window.map.getZoom() > {zoom}", timeout=10_000)
    settled(frame)
    frame.wait_for_function("() => document.activeElement && document.activeElement !== document.body")
    focused = frame.evaluate(
        "() => { const e = document.activeElement, r = e.getBoundingClientRect(), m = window.map.getSize();"
        " return [e.className, r.left >= 0 && r.top >= 0 && r.right <= m.x && r.bottom <= m.y]; }"
    )
    assert ("strike-marker" in focused[0] or "strike-cluster-icon" in focused[0]) and focused[1], focused
    # the site table as a text route to every site: its skip link, then the table's grid, a row for each site
    page.locator("a.skip-link").nth(1).focus()
    assert page.evaluate(ACTIVE)["name"] == t(lang, "skip_table")
    page.keyboard.press("Enter")
    for _ in range(6):  # past the heading's link and the table's toolbar
        page.keyboard.press("Tab")
        if page.evaluate("() => !!document.activeElement.closest('[data-testid=stDataFrame] .dvn-scroller, canvas')"):
            break
    grid = page.locator("[data-testid=stDataFrame] table[role=grid]")
    assert page.evaluate("() => !!document.activeElement.closest('[data-testid=stDataFrame]')")
    assert int(grid.get_attribute("aria-rowcount") or 0) == load_events()["site_id"].nunique() + 1  # and the header
