"""The running app in headless Chromium, with every request off this machine blocked."""

from __future__ import annotations

import re
import struct
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Dialog, Error, FloatRect, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from strikes.page import about
from tools.synthetic import synthetic_events, synthetic_upload

from ..apppage import (
    add_choice,
    box,
    click_until,
    idle,
    map_frame,
    open_list,
    settled,
    show_upload_only,
    time_filter_changes,
    view,
)
from ..conftest import own_page

SHOTS = Path(__file__).resolve().parents[2] / "out" / "screenshots"
# Events in the large upload: more sites than the curated map by far (bench/filterchange.py times 100,000).
LARGE = 20_000


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A desktop page of its own, every request off this machine refused; the test fails on its page errors."""
    with own_page(browser, viewport={"width": 1500, "height": 1100}) as page:
        yield page


def test_map_draws_markers_and_the_offline_base_layer(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/?sector=manufacturing&sector=chemicals")
    frame = map_frame(page)
    # the tile layer cannot load here, so the offline Natural Earth layer is switched in
    frame.locator(".leaflet-container.strikes-basemap-drawn").wait_for(state="attached", timeout=20_000)
    base = frame.locator(".leaflet-strikesBasemap-pane path")
    assert base.count() >= 8  # the oblasts, Minsk city and the border
    assert base.and_(frame.locator('[stroke="#cf8a3e"]')).count() > 0  # main roads
    assert base.and_(frame.locator('[stroke-dasharray="5 3"]')).count() > 0  # railways
    # all of it under the markers, and the town names above them
    z_index = "name => Number(getComputedStyle(window.map.getPane(name)).zIndex)"
    assert (
        frame.evaluate(z_index, "strikesBasemap")
        < frame.evaluate(z_index, "markerPane")
        < frame.evaluate(z_index, "strikesBasemapLabels")
    )
    assert frame.evaluate("typeof L") == "object"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / "map.png", full_page=True)
    assert "Sites shown" in page.content()


def test_comparison_view_draws_two_synchronised_maps(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/?view=compare")
    frame = map_frame(page)
    # both maps, each with its base layer drawn
    frame.wait_for_function("() => document.querySelectorAll('.leaflet-container.strikes-basemap-drawn').length === 2")
    assert frame.locator(".leaflet-container").count() == 2
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / "compare.png", full_page=True)


EVIL_NAME = "<img src=x onerror=alert(1)>"
EVIL_NOTE = "<script>document.title='pwned'</script>"
TEMPLATE = "{{ 7*7 }} {#"
EVIL_CSV = (
    "event_id,event_date,workplace,sector,source,latitude,longitude,location,notes,wave\n"
    f'e1,2020-08-10,"{EVIL_NAME}",mining,"{EVIL_NOTE}",52.79,27.54,Salihorsk,"{EVIL_NOTE}",{TEMPLATE} august\n'
    f'e2,2020-08-11,"{EVIL_NOTE}",culture,src,,,Nesvizh,"{EVIL_NAME}",{TEMPLATE} august\n'
    f'e3,2020-10-26,"{TEMPLATE} MTZ","{TEMPLATE} sector","{TEMPLATE} src",53.89,27.62,Minsk,"{TEMPLATE} quote",november\n'
)


def test_uploaded_markup_is_shown_literally_and_never_runs(page: Page, app_url: str, tmp_path: Path) -> None:
    dialogs: list[str] = []

    def dismiss(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.goto(app_url)
    map_frame(page)
    idle(page)  # an upload sent before the page is ready can be lost
    upload = tmp_path / "evil.csv"
    upload.write_text(EVIL_CSV, encoding="utf-8")
    page.locator("input[type=file]").set_input_files(str(upload))
    page.get_by_text("My upload only").click(timeout=60_000)
    page.wait_for_function(
        "[...document.querySelectorAll('[data-testid=stMetric]')].some("
        "m => m.innerText.includes('Actions shown') && m.innerText.trim().endsWith('3'))",
        timeout=60_000,
    )
    idle(page)
    for attempt in range(3):  # Streamlit mounts a new map for the new data: click in the one that stays
        frame = map_frame(page, markers_at_least=3)
        try:
            frame.locator(".strike-marker").first.click(timeout=5_000)
            popup = frame.locator(".leaflet-popup-content")
            popup.wait_for(timeout=5_000)
            break
        except (Error, PlaywrightTimeout):
            if attempt == 2:
                raise
    text = popup.inner_text()
    assert EVIL_NAME in text or EVIL_NOTE in text or "{{ 7*7 }} {# quote" in text
    assert "49" not in text
    # no element the markup could have made exists, so no handler of one can still run
    assert dialogs == []
    assert frame.locator("img[src='x']").count() == 0 and page.locator("img[src='x']").count() == 0
    assert frame.evaluate("document.title") != "pwned" and page.title() != "pwned"
    # template text is shown as written, in the legend and in the popups, never evaluated
    legend = frame.locator(".strike-control details").first.evaluate("d => d.textContent")  # folded or not
    assert "{{ 7*7 }} {# sector" in legend and "49" not in legend
    assert "{{ 7*7 }} {# august" in legend.lower() or "{{ 7*7 }} {# August" in legend
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / "upload.png", full_page=True)
    page.remove_listener("dialog", dismiss)  # the tab goes on to the next test (tests/conftest.own_page)


def test_downloads_hold_exactly_the_filtered_view(page: Page, app_url: str, tmp_path: Path) -> None:
    from strikes.intake.ownexport import read_csv_export

    page.goto(f"{app_url}/?sector=mining&sector=chemicals")
    map_frame(page)
    idle(page)
    files, names = {}, []
    for label in ("CSV (actions)", "GeoJSON (sites)", "HTML map (offline)", "PNG snapshot"):
        idle(page)
        with page.expect_download(timeout=90_000) as download:
            page.get_by_role("button", name=label).click()
        target = tmp_path / download.value.suggested_filename
        names.append(download.value.suggested_filename)
        download.value.save_as(target)
        files[label] = target.read_bytes()
    # each file says what it holds: the data and its filters, not the button's words
    assert names == [f"belarus-strikes-2020_mining-chemicals.{fmt}" for fmt in ("csv", "geojson", "html", "png")]
    csv = read_csv_export(files["CSV (actions)"])
    assert sorted(csv["sector"].unique()) == ["chemicals", "mining"] and len(csv) == 10
    assert files["GeoJSON (sites)"].startswith(b'{"type": "FeatureCollection"')
    assert b"Sectors: mining and chemicals" in files["HTML map (offline)"]
    assert f"data of {about.updated().day} ".encode() in files["HTML map (offline)"]  # the citation line
    assert files["PNG snapshot"].startswith(b"\x89PNG\r\n\x1a\n")
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / "export.png").write_bytes(files["PNG snapshot"])


def test_the_readers_view_survives_filter_changes_and_travels_in_the_link(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/?lat=53.9&lon=27.57&z=11")
    frame = map_frame(page)
    idle(page)
    lat, lon, zoom = view(frame)
    assert zoom == 11 and abs(lat - 53.9) < 0.01 and abs(lon - 27.57) < 0.01  # the link's view, restored
    frame.evaluate("() => { window.map.setView([53.92, 27.6], 12); window.strikesSameMap = true; }")
    page.wait_for_function("location.search.includes('z=12')", timeout=30_000)
    assert "lat=53.92" in page.url and "lon=27.60" in page.url  # the link follows the reader
    idle(page)
    before = frame.locator(".strike-marker").count()
    add_choice(page, page.locator("[data-testid=stMultiSelect]").nth(1), "manufacturing")
    changed = frame.wait_for_function(
        f"() => document.querySelectorAll('.strike-marker').length !== {before}", timeout=30_000
    )
    assert changed
    idle(page)
    lat, lon, zoom = view(frame)
    assert zoom == 12 and abs(lat - 53.92) < 0.002 and abs(lon - 27.6) < 0.002  # the reader's place kept
    assert frame.evaluate("() => window.strikesSameMap === true")  # the map was not reloaded
    page.wait_for_function(
        "location.search.includes('sector=manufacturing') && location.search.includes('z=12')", timeout=30_000
    )
    # the fit button brings back the whole picture
    frame.locator("a.strike-fit").click()
    frame.wait_for_function("() => window.map.getZoom() < 12")
    settled(frame)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / "view-kept.png")


def shown_metric(page: Page, label: str) -> int:
    metric = page.locator("[data-testid=stMetric]").filter(has_text=label).first
    return int(metric.locator("[data-testid=stMetricValue]").inner_text().replace(",", ""))


def test_a_large_upload_redraws_on_a_filter_change(page: Page, app_url: str, tmp_path: Path) -> None:
    """A filter change redraws an upload's own sites (make bench times it on 100,000 events:
    bench/filterchange.py --upload)."""
    page.goto(app_url)
    map_frame(page)
    idle(page)
    upload = tmp_path / "events-20k.csv"
    upload.write_bytes(synthetic_upload(LARGE))
    show_upload_only(page, upload, LARGE)
    time_filter_changes(page, map_frame(page), ("mining", "chemicals"))
    events = synthetic_events(LARGE)
    expected = events.loc[events["sector"].isin(["mining", "chemicals"]), "site_id"].nunique()
    assert shown_metric(page, "Sites shown") == expected  # the upload's sites, filtered
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / "upload-large.png")


# Latin, Cyrillic and a typo in the running app; every other spelling is matched in node's tests of the box
@pytest.mark.parametrize("query", ["Soligorsk", "Салігорск", "Soligrosk"])
def test_the_search_box_finds_a_site_by_any_name_flies_there_and_opens_its_popup(
    page: Page, app_url: str, query: str
) -> None:
    page.goto(app_url)
    frame = map_frame(page)
    idle(page)
    search_box = frame.locator(".strike-search input")
    search_box.fill(query)
    choice = frame.locator(".strike-search li", has_text="Belaruskali")
    choice.first.wait_for(timeout=5_000)
    choice.first.click()
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=10_000)
    assert popup.inner_text().startswith("Belaruskali")
    if query == "Soligrosk":
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SHOTS / "search.png")


def _day_heading(page: Page) -> str:
    return page.locator("[data-testid=stMain] h2").first.inner_text()


def test_playback_steps_through_the_days_and_pauses(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/?day=2020-10-26")
    frame = map_frame(page)
    idle(page)
    assert _day_heading(page) == "26 October 2020"
    assert page.get_by_text("Sites in action on this day: 6").count() == 1  # the ultimatum strike's sites
    page.goto(f"{app_url}/?day=2020-08-11")
    map_frame(page)
    idle(page)
    click_until(
        page,
        page.get_by_role("button", name="Play"),
        "() => [...document.querySelectorAll('button')].some(b => b.innerText.trim() === 'Pause')",
    )
    page.wait_for_function("location.search.includes('day=2020-08-13')", timeout=30_000)
    page.wait_for_function(
        "() => ['13 August 2020', '14 August 2020'].includes("
        "document.querySelector('[data-testid=stMain] h2')?.innerText)",
        timeout=30_000,
    )
    click_until(  # a click that lands as a playback tick redraws the button is lost, as any other
        page,
        page.get_by_role("button", name="Pause"),
        "() => [...document.querySelectorAll('button')].some(b => b.innerText.trim() === 'Play')",
    )
    idle(page)
    paused = _day_heading(page)
    # paused means paused: the day must not change in three playback steps (1 s each); only time shows that
    with pytest.raises(PlaywrightTimeout):
        page.wait_for_function(
            "(day) => document.querySelector('[data-testid=stMain] h2')?.innerText !== day", arg=paused, timeout=3_000
        )
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / "playback.png")
    assert frame is not None


def _overlap(a: FloatRect, b: FloatRect) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


def test_on_a_laptop_the_legend_and_credits_cover_nothing(browser: Browser, app_url: str) -> None:
    """1280x800: the legend starts folded and covers no marker; the credits line leaves the scale bar clear."""
    with own_page(browser, viewport={"width": 1280, "height": 800}) as page:
        for url in (app_url, f"{app_url}/?view=compare"):
            page.goto(url)
            frame = map_frame(page)
            idle(page)
            legend = frame.locator(".strike-control:has(details)").first
            assert legend.locator("details").evaluate("d => d.open") is False
            legend_box = box(legend)
            markers = frame.locator(".leaflet-marker-pane > *")
            assert markers.count() > 0
            assert not any(_overlap(legend_box, box(markers.nth(k))) for k in range(markers.count()))
            for k in range(frame.locator(".leaflet-container").count()):
                credits = box(frame.locator(".leaflet-control-attribution").nth(k))
                scale = box(frame.locator(".leaflet-control-scale").nth(k))
                assert not _overlap(credits, scale)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SHOTS / "laptop-compare.png")


def test_snapshots_show_the_readers_view_and_day(page: Page, app_url: str, tmp_path: Path) -> None:
    page.goto(f"{app_url}/?lat=53.9&lon=27.57&z=11&day=2020-10-26")
    frame = map_frame(page)
    idle(page)
    files = {}
    for label in ("HTML map (offline)", "PNG snapshot"):
        idle(page)
        with page.expect_download(timeout=90_000) as download:
            page.get_by_role("button", name=label).click()
        files[label] = download.value.path().read_bytes()
    html = files["HTML map (offline)"].decode("utf-8")
    center = re.search(r"center: \[([-\d.]+), ([-\d.]+)\]", html)
    assert center and abs(float(center.group(1)) - 53.9) < 0.001 and abs(float(center.group(2)) - 27.57) < 0.001
    assert '"zoom": 11,' in html
    assert "26 October 2020" in html  # the day played is the snapshot's title
    png = files["PNG snapshot"]
    width, height = struct.unpack(">II", png[16:24])  # the IHDR chunk
    size = frame.evaluate("() => [window.map.getSize().x, window.map.getSize().y]")
    # the reader's map, at twice its density, with the title above it and the key below it
    assert abs(width - 2 * size[0]) <= 4 and height > 2 * size[1]


def test_the_language_switch_translates_the_page_and_travels_in_the_link(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/?lang=be&lat=53.9&lon=27.57&z=9")
    frame = map_frame(page)
    idle(page)
    assert page.locator("h1").first.inner_text() == "Беларускія страйкі 2020 года"
    assert frame.locator(".strike-control summary").first.inner_text().endswith("Легенда")
    assert frame.locator(".strike-search input").get_attribute("placeholder") == "Знайсці месца або горад"
    assert "lang=be" in page.url
    frame.evaluate("() => { window.strikesSameMap = true; }")
    open_list(page, page.locator("[data-testid=stSelectbox]").first)
    page.get_by_role("option", name="English").click()
    page.wait_for_function("!location.search.includes('lang=')", timeout=30_000)
    idle(page)
    page.wait_for_function("document.querySelector('h1').innerText === 'The 2020 Belarusian strikes'")
    frame = map_frame(page)
    assert frame.locator(".strike-control summary").first.inner_text().endswith("Legend")
    assert view(frame)[2] == 9  # the reader's place kept across languages


def test_on_a_phone_the_map_comes_first_and_zooms_by_touch(browser: Browser, app_url: str) -> None:
    with own_page(browser, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True) as phone:
        phone.goto(app_url)
        frame = map_frame(phone)
        idle(phone)
        map_box = box(phone.locator("iframe").first)
        assert map_box["y"] + map_box["height"] <= 844 and map_box["width"] >= 350  # the whole map, first screen
        metrics = box(phone.locator("[data-testid=stMetric]").first)
        assert metrics["y"] >= map_box["y"] + map_box["height"]  # the counts come after it
        # the filters: folded away, one tap on the sidebar's control opens them
        sidebar = phone.locator("[data-testid=stSidebar]")
        assert box(sidebar)["width"] == 0
        phone.locator("[data-testid=stExpandSidebarButton]").tap()
        phone.wait_for_function("document.querySelector('[data-testid=stSidebar]').offsetWidth > 250")
        assert sidebar.get_by_text("Filters", exact=True).is_visible()
        phone.locator("[data-testid=stSidebarCollapseButton] button").first.tap()
        phone.wait_for_function("document.querySelector('[data-testid=stSidebar]').offsetWidth === 0")
        # a two-finger spread on the map zooms it in
        before = view(frame)[2]
        phone.context.new_cdp_session(phone).send(
            "Input.synthesizePinchGesture",
            {
                "x": map_box["x"] + map_box["width"] / 2,
                "y": map_box["y"] + map_box["height"] / 2,
                "scaleFactor": 3,
                "gestureSourceType": "touch",
            },
        )
        frame.wait_for_function(f"() => window.map.getZoom() > {before}", timeout=10_000)
        settled(frame)
        SHOTS.mkdir(parents=True, exist_ok=True)
        phone.screenshot(path=SHOTS / "phone.png")


def test_readers_see_the_map_not_the_tool(page: Page, app_url: str) -> None:
    """No Deploy button, no menu (Rerun, Clear cache, Print, Record screen), no running indicator (issue 20,
    item 7; issue 35: tests/browser/test_first_screen.py gives a maintainer the menu back)."""
    page.goto(app_url)
    map_frame(page)
    assert page.get_by_text("Deploy", exact=True).count() == 0
    assert page.locator("[data-testid=stMainMenu]").count() == 0
    hidden = page.evaluate("""() => {
        const widget = document.createElement('div');
        widget.dataset.testid = 'stStatusWidget';
        document.body.appendChild(widget);
        const visibility = getComputedStyle(widget).visibility;
        widget.remove();
        return visibility;
    }""")
    assert hidden == "hidden"
