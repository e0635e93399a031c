"""How long a filter change takes to reach the map: `make bench` prints it, nothing is asserted.

It starts the app as `make run` does (on a free localhost port), opens it in headless Chromium with no network
off this machine, waits for the first map, then adds sectors to the filter one at a time
as a reader types them, and prints the milliseconds from each Enter until the map shows other markers or
clusters (tests/apppage.time_filter_changes, which a browser test also uses on an upload). With --upload
ROWS it first uploads that many synthetic events and shows them alone.

    python bench/filterchange.py [--sectors mining chemicals] [--upload 100000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # the tests' helpers for waiting on the app (tests/ is not installed)

from strikes.export.browser import LAUNCH_ARGS, OFFLINE_ARG, find_chromium  # noqa: E402
from tests.apppage import idle, map_frame, show_upload_only, time_filter_changes  # noqa: E402
from tools.appserver import running_app  # noqa: E402
from tools.synthetic import synthetic_upload  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sectors", nargs="+", default=["mining", "chemicals"], help="added in this order")
    parser.add_argument("--upload", type=int, metavar="ROWS", help="time it on an upload of ROWS synthetic events")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, running_app() as (url, _), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(find_chromium()), args=[*LAUNCH_ARGS, OFFLINE_ARG])
        page = browser.new_page(viewport={"width": 1500, "height": 1100})
        page.goto(url)
        map_frame(page)
        idle(page)
        if args.upload:
            upload = Path(folder) / "events.csv"
            upload.write_bytes(synthetic_upload(args.upload))
            show_upload_only(page, upload, args.upload)
        timings = time_filter_changes(page, map_frame(page), tuple(args.sectors))
        browser.close()
    shown = ", ".join(f"+{sector} {ms:.0f} ms" for sector, ms in zip(args.sectors, timings))
    data = f"an upload of {args.upload:,} events" if args.upload else "the curated data"
    print(f"marker update after a filter change ({data}): {shown}")


if __name__ == "__main__":
    main()
