"""Uploads against the running app: none is lost to a rerun, and none outlives its reader's session in memory."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Browser, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tools.appserver import running_app
from tools.synthetic import synthetic_upload

from ..apppage import idle, map_frame
from ..conftest import own_page

SIDEBAR = "[data-testid=stSidebar]"
WINDOW = {"width": 1280, "height": 800}
UPLOADERS = 2  # readers uploading 100,000 events each: a leak per session shows twice, one of the last session once


def read_summary(page: Page, rows: int, timeout: float = 60_000) -> str:
    """The sidebar's text once it says what the upload held, or that it could not be loaded."""
    page.wait_for_function(
        "([sidebar, read]) => {const text = document.querySelector(sidebar)?.innerText || '';"
        " return text.includes(read) || text.includes('was not loaded');}",
        arg=[SIDEBAR, f"{rows:,} rows, "],  # as the summary writes a count: 25,000 rows
        timeout=timeout,
    )
    return page.locator(SIDEBAR).inner_text()


# The moments of a reader's first run at which a file is chosen, each waited for as a state of the page: the
# uploader has appeared; the map's frame is on the page; the map has drawn its sites; the run has ended.
MOMENTS: tuple[Callable[[Page], object], ...] = (
    lambda page: None,
    lambda page: page.wait_for_function("document.querySelectorAll('iframe').length > 0", timeout=60_000),
    map_frame,
    idle,
)


def test_a_file_chosen_at_any_moment_of_the_first_draw_is_read(browser: Browser, app_url: str, tmp_path: Path) -> None:
    """Readers each choose a file at another moment of their first run: every file is read."""
    for attempt, moment in enumerate(MOMENTS):
        with own_page(browser, viewport=WINDOW) as page:  # fails on the page's errors
            name = f"race-{attempt}.csv"
            (tmp_path / name).write_bytes(synthetic_upload(40 + attempt))
            page.goto(app_url)
            page.locator("input[type=file]").wait_for(state="attached", timeout=60_000)
            moment(page)
            page.locator("input[type=file]").set_input_files(str(tmp_path / name))
            try:
                text = read_summary(page, 40 + attempt)
            except PlaywrightTimeout:
                raise AssertionError(
                    f"attempt {attempt}: the upload was never read: {page.locator(SIDEBAR).inner_text()!r}"
                ) from None
            assert "was not loaded" not in text and name in text, (attempt, text)


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise KeyError("VmRSS")


def released(pid: int, below: float, within: float) -> bool:
    """Whether the server's memory falls below ``below`` MB within ``within`` seconds (looked at twice a second)."""
    until = time.monotonic() + within
    while _rss_mb(pid) >= below:
        if time.monotonic() > until:
            return False
        time.sleep(0.5)  # the interval between two looks at a condition, not a wait for a state
    return True


def test_large_uploads_leave_no_memory_behind_when_their_sessions_end(browser: Browser, tmp_path: Path) -> None:
    """Two readers each upload 100,000 events and map them, one after another; within a minute of the last
    one leaving (and no reader coming after, to make Streamlit drop the closed sessions), the server's memory is
    back within 60 MB of where it was after its first reader (issue 31; make loadtest draws the curve for ten)."""
    rows = 100_000
    with running_app("--server.disconnectedSessionTTL", "2") as (url, process):
        with own_page(browser, viewport=WINDOW) as page:  # a session of its own, closed as its tab goes blank
            page.goto(url)
            page.wait_for_function("document.querySelectorAll('iframe').length > 0", timeout=60_000)
        time.sleep(3)  # the first reader's session past its time to live
        start = _rss_mb(process.pid)
        peak = start
        for reader in range(UPLOADERS):
            with own_page(browser, viewport=WINDOW) as page:
                page.goto(url)
                name = f"large-{reader}.csv"
                (tmp_path / name).write_bytes(synthetic_upload(rows, seed=reader))
                page.locator("input[type=file]").set_input_files(str(tmp_path / name))
                assert "was not loaded" not in read_summary(page, rows, timeout=180_000)
                page.wait_for_function(
                    "rows => [...document.querySelectorAll('[data-testid=stMetric]')].some("
                    "m => m.innerText.includes('Actions shown') && m.innerText.includes(rows))",
                    arg=str(rows),
                    timeout=180_000,
                )
                peak = max(peak, _rss_mb(process.pid))
        back = released(process.pid, below=start + 60, within=60)
        end = _rss_mb(process.pid)
    print(
        f"server memory: {start:.0f} MB after the first reader, {peak:.0f} MB at most while {UPLOADERS} readers "
        f"uploaded {rows:,} events each, {end:.0f} MB within a minute of the last leaving"
    )
    assert back, (start, peak, end)
