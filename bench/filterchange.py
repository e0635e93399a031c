"""How long a filter change takes to reach the map: `make bench` prints it, nothing is asserted.

It starts the app as `make run` does (on a free localhost port), opens it in headless Chromium with every
request off this machine refused, waits for the first map, then adds sectors to the filter one at a time
as a reader types them, and prints the milliseconds from each Enter until the map shows other markers or
clusters (tests/apppage.time_filter_changes, which a browser test also uses on a 100,000-event upload).

    python bench/filterchange.py [--sectors mining chemicals]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import Route, sync_playwright

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # the tests' helpers for waiting on the app (tests/ is not installed)

from strikes.export.browser import LAUNCH_ARGS, find_chromium  # noqa: E402
from tests.apppage import idle, map_frame, time_filter_changes  # noqa: E402
from tools.appserver import running_app  # noqa: E402

LOCAL = ("http://127.0.0.1", "http://localhost", "data:", "blob:", "about:")


def only_local(route: Route) -> None:
    """The app must never need the network: a request off this machine is refused."""
    if route.request.url.startswith(LOCAL):
        route.continue_()
    else:
        route.abort()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sectors", nargs="+", default=["mining", "chemicals"], help="added in this order")
    args = parser.parse_args()
    with running_app() as (url, _), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(find_chromium()), args=list(LAUNCH_ARGS))
        context = browser.new_context(viewport={"width": 1500, "height": 1100})
        context.route("**/*", only_local)
        page = context.new_page()
        page.goto(url)
        frame = map_frame(page)
        idle(page)
        timings = time_filter_changes(page, frame, tuple(args.sectors))
        browser.close()
    shown = ", ".join(f"+{sector} {ms:.0f} ms" for sector, ms in zip(args.sectors, timings))
    print(f"marker update after a filter change (the curated data): {shown}")


if __name__ == "__main__":
    main()
