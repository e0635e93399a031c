"""Uploads against the running app: none is lost to a rerun, and none outlives its reader's session in memory."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tools.appserver import running_app
from tools.synthetic import synthetic_upload

from ..conftest import local_context, own_page

SIDEBAR = "[data-testid=stSidebar]"
READERS = 6  # enough for a per-session leak to pile up; CI's ten minutes hold no more


def new_page(browser: Browser) -> Page:
    """A page in a context of its own (so a session of its own), with every request off this machine refused."""
    return local_context(browser, viewport={"width": 1280, "height": 800}).new_page()


def read_summary(page: Page, rows: int, timeout: float = 60_000) -> str:
    """The sidebar's text once it says what the upload held, or that it could not be loaded."""
    page.wait_for_function(
        "([sidebar, read]) => {const text = document.querySelector(sidebar)?.innerText || '';"
        " return text.includes(read) || text.includes('was not loaded');}",
        arg=[SIDEBAR, f"{rows:,} rows, "],  # as the summary writes a count: 25,000 rows
        timeout=timeout,
    )
    return page.locator(SIDEBAR).inner_text()


def test_a_file_chosen_at_any_moment_of_the_first_draw_is_read(browser: Browser, app_url: str, tmp_path: Path) -> None:
    """Five readers each choose a file at another moment of their first run: every file is read."""
    for attempt in range(5):
        with own_page(browser, viewport={"width": 1280, "height": 800}) as page:  # fails on the page's errors
            name = f"race-{attempt}.csv"
            (tmp_path / name).write_bytes(synthetic_upload(40 + attempt))
            page.goto(app_url)
            page.locator("input[type=file]").wait_for(state="attached", timeout=60_000)
            page.wait_for_timeout(attempt * 800)  # the moment: from the uploader's first appearance to about 3 s later
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


def test_large_uploads_leave_no_memory_behind_when_their_sessions_end(browser: Browser, tmp_path: Path) -> None:
    """Six readers each upload 25,000 events and map them; once their sessions end, the server's
    memory is back within 300 MB of where it was after its first reader."""
    rows = 25_000
    with running_app("--server.disconnectedSessionTTL", "2") as (url, process):
        page = new_page(browser)
        page.goto(url)
        page.wait_for_function("document.querySelectorAll('iframe').length > 0", timeout=60_000)
        page.context.close()
        start = _rss_mb(process.pid)
        peak = start
        for reader in range(READERS):
            page = new_page(browser)
            page.goto(url)
            name = f"large-{reader}.csv"
            (tmp_path / name).write_bytes(synthetic_upload(rows, seed=reader))
            page.locator("input[type=file]").set_input_files(str(tmp_path / name))
            assert "was not loaded" not in read_summary(page, rows, timeout=120_000)
            page.get_by_text("My upload only").click(timeout=60_000)
            page.wait_for_function(
                "rows => [...document.querySelectorAll('[data-testid=stMetric]')].some("
                "m => m.innerText.includes('Actions shown') && m.innerText.includes(rows))",
                arg=str(rows),
                timeout=120_000,
            )
            peak = max(peak, _rss_mb(process.pid))
            page.context.close()
        page = new_page(browser)  # a later reader: the server drops sessions past their time when one ends
        page.wait_for_timeout(3_000)  # past the sessions' time to live
        page.goto(url)
        page.locator(SIDEBAR).get_by_text("Filters").first.wait_for(timeout=60_000)
        page.context.close()
        page = new_page(browser)
        page.wait_for_timeout(12_000)  # the server's memory release runs every 10 s (strikes/web/memory.py)
        page.context.close()
        end = _rss_mb(process.pid)
    print(
        f"server memory: {start:.0f} MB after the first reader, {peak:.0f} MB at most while {READERS} readers "
        f"uploaded {rows:,} events each, {end:.0f} MB after their sessions ended"
    )
    assert end - start < 300, (start, peak, end)
