"""Waiting on the running app in Chromium: every wait is for a condition on the page, never a fixed time."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Error, FloatRect, Frame, Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

# In one document: has its map drawn sites (at least `least` markers or clusters), or, when `least` is 0,
# said that it has none.
_LOADED = """(d, least) => {
    if (!d || !d.querySelector('.leaflet-container')) { return false; }
    const drawn = d.querySelectorAll('.strike-marker, .strike-cluster').length;
    return least ? drawn >= least : drawn > 0 || !!d.querySelector('.strike-empty');
}"""


def map_frame(page: Page, markers_at_least: int = 0) -> Frame:
    """The map's frame once its site layer has loaded: drawn sites (at least ``markers_at_least``), or its
    message that there are none. Streamlit may replace the frame on new data: the one that qualifies is taken,
    and if it is replaced as it is found, the wait starts again (a few times, each a wait on the condition)."""
    for _ in range(5):
        page.wait_for_function(
            f"""(least) => [...document.querySelectorAll('iframe')].some(f => {{
                try {{ return ({_LOADED})(f.contentDocument, least); }} catch (e) {{ return false; }} }})""",
            arg=markers_at_least,
            timeout=60_000,
        )
        for frame in page.frames:
            try:
                if frame.evaluate(f"(least) => ({_LOADED})(document, least)", markers_at_least):
                    return frame
            except Error:  # a frame Streamlit replaced while we looked
                continue
    raise AssertionError("the map's frame was replaced each time it was found")


def idle(page: Page) -> None:
    """Streamlit has finished its script run and is connected (a click during a run can be lost)."""
    page.wait_for_function(
        "() => { const app = document.querySelector('[data-testid=stApp]');"
        " return app && app.dataset.testScriptState === 'notRunning'"
        " && app.dataset.testConnectionState === 'CONNECTED'; }",
        timeout=60_000,
    )


def click_until(page: Page, target: Locator, done: str) -> None:
    """Click ``target`` until the page shows the click took (``done``, a JavaScript condition). A click that
    lands as Streamlit redraws the widget (in a rerun the map's own report of its view starts) is lost, so
    it is clicked again after the run (unless the run showed that it took), a few times, each a wait on the
    condition."""
    for attempt in range(4):
        target.click()
        try:
            page.wait_for_function(done, timeout=5_000)
            return
        except PlaywrightTimeout:
            if attempt == 3:
                raise
            idle(page)
            if page.evaluate(done):  # it took, slowly: a second click would undo it
                return


def act_until(page: Page, act: Callable[[], object], shown: Locator, timeout: float = 20_000) -> None:
    """Do ``act`` until ``shown`` appears, as click_until clicks: a file chosen or a key pressed as a rerun
    redraws its widget can be lost (once in CI, a file chosen just after a change of language was never read in
    60 s), so it is done again after the run (unless the run showed that it took), a few times. That a file
    chosen at any moment of the first run is read is tests/browser/test_upload_sessions.py's to hold."""
    for attempt in range(3):
        act()
        try:
            shown.wait_for(timeout=timeout)
            return
        except PlaywrightTimeout:
            if attempt == 2:
                raise
            idle(page)
            if shown.count():
                return


def show_upload_only(page: Page, upload: Path, events: int) -> None:
    """Upload a file of ``events`` events in English and show it alone: until the headline counts them all."""
    page.locator("input[type=file]").set_input_files(str(upload))
    page.get_by_text("My upload only").click(timeout=120_000)
    page.wait_for_function(
        "[...document.querySelectorAll('[data-testid=stMetric]')].some("
        f"m => m.innerText.includes('Actions shown') && m.innerText.includes('{events}'))",
        timeout=120_000,
    )
    idle(page)


def open_list(page: Page, widget: Locator) -> None:
    """Open a select box's or multiselect's list of options."""
    click_until(page, widget, "() => !!document.querySelector('[role=listbox]')")


def add_choice(page: Page, widget: Locator, value: str, on_enter: Callable[[], object] | None = None) -> None:
    """Add ``value`` to a multiselect by typing it, as a reader does, until the widget shows it (a rerun that
    redraws the widget loses the typed text or the Enter, as it loses a click); ``on_enter`` runs just
    before each Enter, for a test that times what follows it."""
    for attempt in range(4):
        open_list(page, widget)
        page.keyboard.type(value)
        if on_enter is not None:
            on_enter()
        page.keyboard.press("Enter")
        try:
            widget.locator("[data-tag]", has_text=value).wait_for(timeout=5_000)  # its chip
            break
        except PlaywrightTimeout:
            if attempt == 3:
                raise
            page.keyboard.press("Escape")
            idle(page)
    page.keyboard.press("Escape")


def box(element: Locator) -> FloatRect:
    """Where an element is drawn; it must be drawn (Playwright's None is a hidden element)."""
    found = element.bounding_box()
    assert found is not None, element
    return found


def view(frame: Frame) -> tuple[float, float, int]:
    """The map's centre and zoom."""
    return frame.evaluate("() => { const c = window.map.getCenter(); return [c.lat, c.lng, window.map.getZoom()]; }")


def settled(frame: Frame) -> None:
    """The map has stopped moving: no zoom or pan animation (Leaflet's own, on animation frames), nor any
    other, is running."""
    frame.wait_for_function(
        "() => !window.map._animatingZoom && !(window.map._panAnim && window.map._panAnim._inProgress)"
        " && document.getAnimations().length === 0"
    )


# What the map has drawn (its markers and clusters, with their counts) as one text, which changes when they do.
DRAWN = """() => {
    const drawn = [...document.querySelectorAll('.strike-marker, .strike-cluster')];
    return drawn.length ? drawn.length + ':' + drawn.map(e => e.textContent).join('|') : '';
}"""


def time_filter_changes(page: Page, frame: Frame, sectors: tuple[str, ...]) -> list[float]:
    """Milliseconds from adding each sector to the filter until the map shows other markers or clusters."""
    timings, entered = [], []  # entered: each Enter's moment; the last is the one that took

    def enter() -> None:
        entered.append(frame.evaluate("() => performance.now()"))

    for value in sectors:
        before = frame.evaluate(DRAWN)
        add_choice(page, page.locator("[data-testid=stMultiSelect]").nth(1), value, on_enter=enter)
        # drawn, and not what was drawn before (a swap passes through an empty map)
        frame.wait_for_function(
            f"() => {{ const now = ({DRAWN})(); return now && now !== {before!r}; }}", timeout=60_000, polling=10
        )
        timings.append(frame.evaluate("() => performance.now()") - entered[-1])
        idle(page)
    return timings
