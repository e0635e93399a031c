"""The published edition's speed beside the app's: `make bench` prints it after the map's table.

For the curated data and for N synthetic events (tools.synthetic), the edition is built
(strikes.publish), served by Python's plain static server and opened in headless Chromium with the
network off this machine refused. Figures, each the median of --runs runs:
  first markers  ms from navigation until the first marker or cluster is in the page (performance.now);
  filter change  ms for one sector filter's redraw in the browser (mask, status, the new marker layer);
  first view     KB the first view transfers, each file gzip-compressed as a static host serves it.
The app's own first-markers time (Streamlit, started as `make run` starts it) is measured in the same
run on the curated data, from navigation until a marker is drawn in its map frame.

    python bench/edition.py [--sizes 100000] [--runs 3] [--no-app]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import statistics
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pandas as pd
from playwright.sync_api import Browser, sync_playwright

from strikes.core.dataname import DataName
from strikes.data import dataset
from strikes.export.browser import LAUNCH_ARGS, block_network, find_chromium
from strikes.page import about
from strikes.publish.build import build
from tools.synthetic import synthetic_events

MARKERS = ".strike-marker, .strike-cluster-icon"
FIRST_MARKERS = (
    "new MutationObserver((_, o) => { if (document.querySelector('.strike-marker, .strike-cluster-icon')) {"
    " window.firstMarkers = performance.now(); o.disconnect(); } }).observe(document, {childList: true, subtree: true});"
)
SECTORS = ("mining", "chemicals", "transport", "health", "manufacturing", "energy")


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


@contextmanager
def served(folder: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def edition_run(browser: Browser, url: str, folder: Path) -> dict[str, float]:
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    try:
        block_network(page)
        page.add_init_script(FIRST_MARKERS)
        fetched: list[str] = []
        page.on("requestfinished", lambda request: fetched.append(request.url))
        page.goto(url, wait_until="commit", timeout=120_000)
        page.wait_for_function("() => window.firstMarkers !== undefined", timeout=120_000)
        first = page.evaluate("() => window.firstMarkers")
        changes = [
            page.evaluate("(f) => window.strikesEdition.setFilters(f, null)", {"sector": [sector]})
            for sector in SECTORS
        ]
        sent = 0
        for address in fetched:
            name = address.removeprefix(url).split("?")[0] or "index.html"
            if (folder / name).is_file():
                sent += len(gzip.compress((folder / name).read_bytes(), 6))
        return {"first_ms": first, "filter_ms": statistics.median(changes), "first_view_kb": sent / 1024}
    finally:
        page.close()


def app_first_markers(browser: Browser) -> float:
    """ms from navigation until the app's map frame shows a marker (the app started as `make run` does)."""
    from tools.appserver import running_app

    with running_app() as (url, _):
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        try:
            block_network(page)
            started = time.perf_counter()
            page.goto(url)
            deadline = started + 120
            while time.perf_counter() < deadline:
                if any(frame.query_selector(MARKERS) for frame in page.frames):
                    return (time.perf_counter() - started) * 1000
                page.wait_for_timeout(20)
            raise TimeoutError("the app drew no marker in 120 s")
        finally:
            page.close()


def figures(browser: Browser, events: pd.DataFrame, name: DataName, runs: int, **kwargs: Any) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="strikes-edition-bench-") as tmp:
        folder = Path(tmp) / "edition"
        build(events, folder, name, image=None, **kwargs)
        with served(folder) as url:
            edition_run(browser, url, folder)  # warm the server and the disk cache
            found = [edition_run(browser, url, folder) for _ in range(runs)]
    return {key: statistics.median(run[key] for run in found) for key in found[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-app", action="store_true", help="skip the app's own first-markers time")
    args = parser.parse_args()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(find_chromium()), args=list(LAUNCH_ARGS))
        try:
            rows = [
                (
                    "curated",
                    figures(
                        browser,
                        dataset.load_events(),
                        DataName(),
                        args.runs,
                        sources=dataset.load_sources(),
                        updated=about.updated(),
                    ),
                )
            ]
            for n in args.sizes:
                rows.append((f"{n:,} synthetic", figures(browser, synthetic_events(n), DataName("upload"), args.runs)))
            app_ms = None if args.no_app else statistics.median(app_first_markers(browser) for _ in range(args.runs))
        finally:
            browser.close()
    print("\nThe published edition (python -m strikes.publish), served statically, in headless Chromium:")
    print(f"{'data':<20}{'first markers ms':>18}{'filter change ms':>18}{'first view KB gz':>18}")
    for label, row in rows:
        print(f"{label:<20}{row['first_ms']:>18.0f}{row['filter_ms']:>18.1f}{row['first_view_kb']:>18.0f}")
    if app_ms is not None:
        ratio = rows[0][1]["first_ms"] / app_ms
        print(f"{'the app, curated':<20}{app_ms:>18.0f}   (edition / app: {ratio:.2f}x)")


if __name__ == "__main__":
    main()
