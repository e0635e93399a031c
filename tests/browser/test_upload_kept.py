"""No upload lost: a reader's file survives a reload of the page and stays theirs alone (its process killed, the
file restored by another: tests/browser/test_cluster.py).

The upload is kept in a store (strikes/data/uploadstore.py; here the test session's folder, tests/conftest.upload_store)
under the SHA-256 of a token in the reader's cookie (strikes/web/keep.py). Each reader has cookies of its own.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize

from strikes.web.keep import COOKIE

from ..apppage import idle
from ..conftest import own_page

SIDEBAR = "[data-testid=stSidebar]"
UPLOAD_CSV = (
    "event_id,event_date,workplace,sector,source,location,latitude,longitude\n"
    "k1,2020-08-11,Kept Test Works,manufacturing,Kept test,Minsk,53.9,27.56\n"
    "k2,2020-08-12,Kept Test Mine,mining,Kept test,Salihorsk,52.79,27.54\n"
)
SUMMARY = "2 rows, "  # the sidebar's summary of the read upload
WINDOW: ViewportSize = {"width": 1280, "height": 800}


def new_reader(browser: Browser) -> tuple[BrowserContext, Page]:
    context = browser.new_context(viewport=WINDOW)
    return context, context.new_page()


def sidebar_says(page: Page, text: str, timeout: float = 60_000) -> str:
    """The sidebar's text once it holds text."""
    page.wait_for_function(
        "([sidebar, text]) => (document.querySelector(sidebar)?.innerText || '').includes(text)",
        arg=[SIDEBAR, text],
        timeout=timeout,
    )
    return page.locator(SIDEBAR).inner_text()


def shown_alone(page: Page) -> str:
    """The sidebar once the page has drawn with no upload: the uploader there, the run over."""
    page.locator("input[type=file]").wait_for(state="attached", timeout=60_000)
    idle(page)
    return page.locator(SIDEBAR).inner_text()


def upload(page: Page, tmp_path: Path, name: str) -> str:
    """The reader's file sent and read: the sidebar's text."""
    path = tmp_path / name
    path.write_text(UPLOAD_CSV, encoding="utf-8")
    page.locator("input[type=file]").wait_for(state="attached", timeout=60_000)
    page.locator("input[type=file]").set_input_files(str(path))
    text = sidebar_says(page, SUMMARY)
    page.wait_for_function(f"document.cookie.includes('{COOKIE}=')", timeout=30_000)
    return text


def token_of(context: BrowserContext) -> dict[str, object]:
    return next(dict(c) for c in context.cookies() if c["name"] == COOKIE)


def test_an_upload_survives_a_reload_and_no_one_else_sees_it(
    browser: Browser, app_url: str, upload_store: Path, tmp_path: Path
) -> None:
    with own_page(browser, viewport=WINDOW) as page:  # its context's cookies are this reader's until the page ends
        page.goto(f"{app_url}/?lang=en&sector=mining")
        upload(page, tmp_path, "kept.csv")
        cookie = token_of(page.context)
        assert cookie["sameSite"] == "Strict" and cookie["path"] == "/", cookie
        token = str(cookie["value"])
        entry = upload_store / f"{hashlib.sha256(token.encode()).hexdigest()}.parquet"
        assert entry.is_file() and not [p for p in upload_store.iterdir() if token in p.name]  # the hash alone
        assert token not in page.url  # in no link

        page.reload()
        text = sidebar_says(page, SUMMARY)
        assert "kept.csv" in text and "restored" in text, text
        assert "sector=mining" in page.url  # the link's filters still apply

        # Others: a new browser, a browser with a forged or path-traversing cookie: the curated map, nothing else.
        # (tests/unit/test_uploadstore.py tries more forged tokens against the store itself)
        for forged in (None, token[:-1] + ("A" if token[-1] != "A" else "B")):
            other, other_page = new_reader(browser)
            if forged is not None:
                other.add_cookies([{"name": COOKIE, "value": forged, "url": app_url}])
            other_page.goto(app_url)
            seen = shown_alone(other_page)
            assert "kept.csv" not in seen and SUMMARY not in seen, (forged, seen)
            other.close()

        # "Remove my file": the entry and the cookie go; a reload shows the curated map, and says nothing.
        page.get_by_role("button", name="Remove my file").click()
        page.wait_for_function(f"!document.cookie.includes('{COOKIE}=')", timeout=30_000)
        assert not entry.exists()
        page.reload()
        text = shown_alone(page)
        assert "kept.csv" not in text and "could not be restored" not in text, text

        # A damaged entry: the page says so in the reader's language, and keeps the link's filters.
        upload(page, tmp_path, "damaged.csv")
        entry = upload_store / f"{hashlib.sha256(str(token_of(page.context)['value']).encode()).hexdigest()}.parquet"
        entry.write_bytes(entry.read_bytes()[:200])
        page.goto(f"{app_url}/?lang=ru&sector=mining")
        text = sidebar_says(page, "не удалось восстановить")
        assert "повреждена" in text and "damaged.csv" not in text, text
        assert "sector=mining" in page.url
