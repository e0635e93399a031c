"""No state loses the map, and popups win over controls (issue 20, items 1 and 2): against the running app.

Each test opens a browser context and page of its own, and asserts the page errors it caused itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Frame, Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from strikes.core import filters
from strikes.data.cache import GEODATA
from strikes.data.dataset import load_events

from ..apppage import act_until, add_choice, box, click_until, idle, map_frame, open_list, settled, view
from ..conftest import own_page

EXAMPLES = GEODATA / "examples"


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A desktop page of its own."""
    with own_page(browser, viewport={"width": 1400, "height": 1000}) as page:
        yield page


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """A 390x844 touch phone's page of its own."""
    with own_page(browser, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True) as page:
        yield page


def visible_marker(frame: Frame) -> Locator:
    """A site marker standing wholly inside the map's box (the layer also draws some just outside it)."""
    inside = """() => {
        const area = document.querySelector('.leaflet-container').getBoundingClientRect();
        return [...document.querySelectorAll('.strike-marker')].findIndex(m => {
            const r = m.getBoundingClientRect();
            return r.left > area.left + 60 && r.right < area.right - 60 && r.top > area.top + 120 && r.bottom < area.bottom - 60;
        });
    }"""
    try:  # the markers of a new view are drawn a few frames after it: wait for one inside
        frame.wait_for_function(f"() => ({inside})() >= 0", timeout=10_000)
    except PlaywrightTimeout:
        raise AssertionError("no marker inside the map") from None
    index = frame.evaluate(inside)
    return frame.locator(".strike-marker").nth(index)


def choose(page: Page, nth: int, value: str) -> None:
    """Add a value to the sidebar's nth filter box (0 wave, 1 sector, 2 oblast, 3 town, 4 action type)."""
    add_choice(page, page.locator("[data-testid=stSidebar] [data-testid=stMultiSelect]").nth(nth), value)


def test_a_filter_that_matches_nothing_keeps_the_map_the_view_and_the_link(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/?lat=52.43&lon=30.98&z=9")  # Gomel, as a shared link opens it
    frame = map_frame(page)
    idle(page)
    frame.evaluate("() => { window.strikesSameMap = true; }")
    choose(page, 1, "mining")
    idle(page)
    choose(page, 4, "walkout")  # no mine walked out: nothing matches
    message = frame.locator(".strike-empty")
    message.wait_for(timeout=30_000)
    assert message.inner_text() == "No sites match these filters. Widen or clear a filter in the sidebar."
    assert message.get_attribute("role") == "status"  # read out by screen readers
    idle(page)
    lat, lon, zoom = view(frame)
    assert zoom == 9 and abs(lat - 52.43) < 0.01 and abs(lon - 30.98) < 0.01  # the reader's place kept
    assert frame.evaluate("() => window.strikesSameMap === true")  # the same map, not a new one
    assert "lat=52.43" in page.url and "z=9" in page.url and "type=walkout" in page.url  # and in the link
    page.locator("[data-testid=stSidebar] [data-testid=stMultiSelect]").nth(4).get_by_role(
        "button", name="Clear all"
    ).click()  # the filter widened again: sites come back, the view stays
    message.wait_for(state="detached", timeout=30_000)
    frame.locator(".strike-marker, .strike-cluster").first.wait_for(state="attached", timeout=30_000)
    assert view(frame)[2] == 9 and frame.evaluate("() => window.strikesSameMap === true")


DAY = re.compile(r"^\d{1,2} [A-Z][a-z]+ \d{4}$")


def shown_day(page: Page) -> date:
    """The day the page's heading names."""
    headings = [
        text.strip() for text in page.locator("[data-testid=stMain] h2").all_inner_texts() if DAY.match(text.strip())
    ]
    assert headings, page.locator("[data-testid=stMain] h2").all_inner_texts()
    return datetime.strptime(headings[0], "%d %B %Y").date()


def test_playback_opens_on_the_first_day_with_action_and_plays_only_such_days(page: Page, app_url: str) -> None:
    events = load_events()
    first, last = filters.play_days(filters.date_span(events))
    days = filters.action_days(events, first, last)
    page.goto(app_url)
    map_frame(page)
    click_until(
        page,
        page.get_by_text("Show one day at a time"),
        "() => [...document.querySelectorAll('[role=switch]')].some(s => s.checked || s.ariaChecked === 'true')",
    )
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=stMain] h2')]"
        ".some(h => /^\\d{1,2} [A-Z][a-z]+ \\d{4}$/.test(h.innerText.trim()))",
        timeout=30_000,
    )
    idle(page)
    assert shown_day(page) == days[0] == date(2020, 8, 10)  # not 9 August, when nothing happened
    assert page.get_by_role("switch", name="Only days with action").is_checked()  # 6 of 114 days: the default
    click_until(
        page,
        page.get_by_role("button", name="Play"),
        "() => [...document.querySelectorAll('button')].some(b => b.innerText.trim() === 'Pause')",
    )
    seen = {shown_day(page)}
    while len(seen) < 4:  # each tick shows a day with action, and a map with its sites on it
        page.wait_for_function(  # another day's heading, not a moment between two with none
            "day => [...document.querySelectorAll('[data-testid=stMain] h2')]"
            ".some(h => /^\\d{1,2} [A-Z][a-z]+ \\d{4}$/.test(h.innerText.trim()) && h.innerText.trim() !== day)",
            arg=f"{max(seen).day} {max(seen):%B %Y}",
            timeout=30_000,
        )
        seen.add(shown_day(page))
    assert seen <= set(days), sorted(seen - set(days))
    page.get_by_role("button", name="Pause").click()


def test_a_quiet_day_keeps_the_map_and_says_so(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/?day=2020-09-15&lat=53.9&lon=27.57&z=11")  # a link to a day with no action
    frame = map_frame(page)
    idle(page)
    assert shown_day(page) == date(2020, 9, 15)  # the link's day, even a quiet one
    assert frame.locator(".strike-empty").inner_text() == "No site is in action on this day under these filters."
    assert view(frame)[2] == 11


def test_a_popup_stands_above_the_controls_fits_a_phone_and_closes(phone: Page, app_url: str) -> None:
    phone.goto(f"{app_url}/?lang=be&lat=53.905&lon=27.56&z=13")
    frame = map_frame(phone)
    idle(phone)
    marker = visible_marker(frame)
    marker.tap()
    popup = frame.locator(".leaflet-popup")
    popup.wait_for(timeout=10_000)
    settled(frame)  # Leaflet's pan into view (autoPan) has ended
    shown, area = box(popup), box(frame.locator(".leaflet-container"))
    assert area["x"] <= shown["x"] and shown["x"] + shown["width"] <= area["x"] + area["width"]  # the whole width
    assert area["y"] <= shown["y"] and shown["y"] + shown["height"] <= area["y"] + area["height"]  # and height
    covered = frame.evaluate("""() => {
        const popup = document.querySelector('.leaflet-popup').getBoundingClientRect();
        return [...document.querySelectorAll('.leaflet-control')].flatMap(control => {
            const c = control.getBoundingClientRect();
            const x = Math.max(c.left, popup.left) + 2, y = Math.max(c.top, popup.top) + 2;
            if (x > Math.min(c.right, popup.right) || y > Math.min(c.bottom, popup.bottom)) { return []; }
            return [document.elementFromPoint(x, y).closest('.leaflet-popup') ? null : control.className];
        }).filter(Boolean);
    }""")
    assert covered == []  # where a control and the popup meet, the popup is on top
    phone.keyboard.press("Escape")
    frame.wait_for_function("() => !document.querySelector('.leaflet-popup')", timeout=5_000)
    marker.tap()
    popup.wait_for(timeout=10_000)
    # a tap beside it: the top strip, which the popup keeps clear as it pans into view
    frame.locator(".leaflet-container").tap(position={"x": area["width"] - 30, "y": 25})
    frame.wait_for_function("() => !document.querySelector('.leaflet-popup')", timeout=5_000)
    # one finger is the page's, two are the map's, and the hint says so in Belarusian
    assert frame.evaluate("() => window.map.gestureHandling.enabled() && !window.map.dragging.enabled()")
    hint = frame.locator(".leaflet-container").get_attribute("data-gesture-handling-touch-content")
    assert hint == "Перамяшчайце карту двума пальцамі"


def test_escape_closes_a_popup_and_gives_the_focus_back_to_its_marker(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/?lat=53.905&lon=27.56&z=13")
    frame = map_frame(page)
    idle(page)
    marker = visible_marker(frame)
    marker.focus()
    page.keyboard.press("Enter")
    frame.locator(".leaflet-popup").wait_for(timeout=10_000)
    assert frame.evaluate("() => !!document.activeElement.closest('.leaflet-popup')")  # the focus moved in
    page.keyboard.press("Escape")
    frame.locator(".leaflet-popup").wait_for(state="detached", timeout=5_000)
    assert frame.evaluate("() => document.activeElement.classList.contains('strike-marker')")
    # on a desktop the map still drags with the mouse: gestures are handled on touch screens only
    assert frame.evaluate("() => window.map.dragging.enabled()")


def test_an_embedded_map_fits_an_articles_700_by_600_frame(browser: Browser, app_url: str) -> None:
    """?embed=true in a 700x600 frame: the whole map, its legend button, scale and credits in sight."""
    with own_page(browser, viewport={"width": 700, "height": 600}) as page:
        page.goto(f"{app_url}/?embed=true")
        frame = map_frame(page)
        idle(page)
        for part in (
            ".leaflet-container",
            ".strike-control summary",
            ".leaflet-control-scale",
            ".leaflet-control-attribution",
        ):
            drawn = box(frame.locator(part).first)
            assert drawn["y"] + drawn["height"] <= 600 and drawn["x"] + drawn["width"] <= 700, part  # page px
        assert page.locator("h1").inner_text() == "The 2020 Belarusian strikes"  # for screen readers, out of sight


def test_a_town_has_one_name_in_the_readers_language_on_the_map_in_search_and_in_popups(
    page: Page, app_url: str
) -> None:
    page.goto(f"{app_url}/?lang=ru&lat=52.79&lon=27.54&z=11")  # Salihorsk, in Russian
    frame = map_frame(page)
    frame.wait_for_function("() => document.querySelector('.leaflet-container.strikes-basemap-drawn')", timeout=30_000)
    labels = frame.locator(".strikes-town-label").all_inner_texts()
    assert "Солигорск" in labels and not {"Soligorsk", "Salihorsk", "Салігорск"} & set(labels)
    search_box = frame.locator(".strike-search input")
    search_box.fill("Soligorsk")  # a spelling the page itself never shows
    town = frame.locator(".strike-search li", has_text="Солигорск").first
    town.wait_for(timeout=10_000)
    site = frame.locator(".strike-search li", has_text="Беларуськалий").first
    assert "Солигорск" in site.inner_text()  # the site's town, as the map names it
    site.click()
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=10_000)
    assert "Солигорск, Минская" in popup.inner_text()
    # the town filter knows it by the same name; the link keeps the data's own value
    choose(page, 3, "Солиг")
    page.wait_for_url(re.compile(r"town=Salihorsk"), timeout=30_000)
    chosen = page.locator("[data-testid=stSidebar] [data-testid=stMultiSelect]").nth(3).inner_text()
    assert "Солигорск" in chosen and "Salihorsk" not in chosen


def test_streamlits_own_uploader_words_follow_the_readers_language(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/?lang=be")
    map_frame(page)
    button = page.locator("[data-testid=stFileUploaderDropzone] button")
    assert page.get_by_role("button", name="Загрузіць").count() == 1  # what a screen reader hears, too
    assert "Upload" not in button.inner_text()
    limits = page.locator("[data-testid=stFileUploaderDropzoneInstructions]")
    assert limits.evaluate("e => getComputedStyle(e.firstElementChild, '::after').content").startswith('"да 20 МБ')
    assert "per file" not in limits.inner_text()


def test_an_uploads_problems_and_report_are_worded_in_the_readers_language(
    page: Page, app_url: str, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.csv"
    broken.write_bytes(b"event_id,event_date,lattitude\n1,2020-08-10,53\n")
    page.goto(f"{app_url}/?lang=be")
    map_frame(page)
    idle(page)
    page.locator("input[type=file]").set_input_files(str(broken))
    problems = page.locator("[data-testid=stSidebar] [data-testid=stCode]")
    problems.wait_for(timeout=60_000)
    assert problems.inner_text().splitlines() == [
        "broken.csv: невядомы слупок 'lattitude': можа, маецца на ўвазе 'latitude'?",
        "broken.csv: няма абавязковага слупка 'workplace' (або 'employer' або 'actor1')",
        "broken.csv: няма абавязковага слупка 'source'",
    ]
    open_list(page, page.locator("[data-testid=stSidebar] [data-testid=stSelectbox]").first)
    page.get_by_role("option", name="Русский").click()
    page.wait_for_function(  # the same problems, worded again in the language the reader chose
        "() => document.querySelector('[data-testid=stSidebar] [data-testid=stCode]')"
        "?.innerText.startsWith(\"broken.csv: неизвестный столбец 'lattitude'\")",
        timeout=30_000,
    )
    idle(page)
    report = page.locator("[data-testid=stSidebar] [data-testid=stCaptionContainer]", has_text="strikes-example.csv")
    act_until(page, lambda: page.locator("input[type=file]").set_input_files(EXAMPLES / "strikes-example.csv"), report)
    assert "10 строк, 9 мест" in report.inner_text()
    assert "заметка: прочитан как UTF-8" in report.inner_text()
