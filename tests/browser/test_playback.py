"""Playback against the running app: the days advance at the chosen speed, cheaply, and the slider follows."""

from __future__ import annotations

import re
import time
from datetime import date, datetime
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright

from tools.appserver import running_app

DAY_HEADING = re.compile(r"^\d{1,2} [A-Z][a-z]+ \d{4}$")
# Issue 24: a playing reader may cost the server at most this much CPU a minute.
MAX_CPU_PER_MINUTE = 5.0
pytestmark = [
    pytest.mark.timed,  # the days advanced in a stretch of seconds: run with nothing else beside it
    pytest.mark.own_playwright,  # starts Playwright's sync API itself (tests/conftest.SharedChromium)
]


def cpu_seconds(pid: int) -> float:
    """The process's user and system CPU time so far (/proc/PID/stat, in clock ticks of 1/100 s)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / 100


def shown_day(page: Page) -> date:
    """The day the page's heading names."""
    headings = [text for text in page.locator("h2").all_inner_texts() if DAY_HEADING.match(text.strip())]
    assert headings, page.locator("h2").all_inner_texts()
    return datetime.strptime(headings[-1].strip(), "%d %B %Y").date()


def test_playback_steps_the_days_at_its_speed_for_little_server_cpu_and_the_slider_follows(chromium: str) -> None:
    with running_app() as (url, process), sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(url)
        page.get_by_text("Show one day at a time").click(timeout=60_000)
        page.get_by_text("Only days with action").click(timeout=60_000)  # every day, quiet ones too:
        page.get_by_role("switch", name="Only days with action").wait_for(timeout=60_000)  # speed is in days
        page.wait_for_function(
            "() => !document.querySelector('[role=switch][aria-label=\"Only days with action\"]').checked",
            timeout=60_000,
        )
        page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=60_000)
        page.get_by_role("button", name="Play").click(timeout=60_000)
        page.get_by_role("button", name="Pause").wait_for(timeout=60_000)
        first = shown_day(page)
        page.wait_for_function(
            "day => ![...document.querySelectorAll('h2')].some(h => h.innerText === day)",
            arg=f"{first.day} {first:%B %Y}",
            timeout=30_000,
        )  # the first tick is in
        start_day, start_cpu, start = shown_day(page), cpu_seconds(process.pid), time.monotonic()
        page.wait_for_timeout(10_000)  # a stretch of playback to measure, not a wait for a state
        days = (shown_day(page) - start_day).days
        seconds = time.monotonic() - start
        per_minute = (cpu_seconds(process.pid) - start_cpu) * 60 / seconds
        print(f"playback at 1 day a second: {days} days in {seconds:.1f} s, server CPU {per_minute:.1f} s a minute")
        assert days >= 0.6 * seconds, (days, seconds)  # the chosen speed, less the ticks a loaded machine drops
        assert per_minute <= MAX_CPU_PER_MINUTE
        page.get_by_role("button", name="Pause").click()
        page.get_by_role("button", name="Play").wait_for(timeout=30_000)
        paused = shown_day(page)
        slider = page.locator("[data-testid=stSidebar] [data-testid=stSlider]").first
        page.wait_for_function(
            "([el, text]) => el.innerText.includes(text)",
            arg=[slider.element_handle(), f"{paused.day} {paused:%B %Y}"],
            timeout=30_000,
        )
        assert errors == []
        browser.close()
