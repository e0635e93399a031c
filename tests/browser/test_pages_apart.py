"""The tests' pages share one warm tab (tests/conftest.own_page), never what a test left in it: cookies (a kept
upload's token), storage, the windows it opened or its window's size."""

from __future__ import annotations

from playwright.sync_api import Browser

from ..apppage import idle
from ..conftest import own_page

WINDOW = {"width": 1000, "height": 700}


def test_a_page_keeps_nothing_of_the_test_before(browser: Browser, app_url: str) -> None:
    with own_page(browser, viewport=WINDOW) as first:
        first.goto(app_url)
        idle(first)
        first.context.add_cookies([{"name": "left", "value": "behind", "url": app_url}])
        first.evaluate("() => { localStorage.setItem('left', 'behind'); sessionStorage.setItem('left', 'behind'); }")
        with first.expect_popup():
            first.evaluate("() => window.open('about:blank')")
        assert len(first.context.pages) == 2
    with own_page(browser, viewport={"width": 800, "height": 600}) as second:
        assert second is first  # the same tab, so its cache: what the sharing is for
        assert second.url == "about:blank" and second.context.pages == [second]
        assert second.context.cookies() == []
        assert second.viewport_size == {"width": 800, "height": 600}
        second.goto(app_url)
        idle(second)
        assert second.evaluate("() => [localStorage.getItem('left'), sessionStorage.getItem('left')]") == [None, None]
