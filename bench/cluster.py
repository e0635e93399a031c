"""What the balancer costs a reader: `make bench` prints it, nothing is asserted.

It starts two app processes behind HAProxy as `make cluster APPS=2` does (deploy/cluster.py, on free
localhost ports), opens three readers at once through the balancer, then, --runs times, one reader alone
through the balancer and one straight to the same (warm) process, and prints the seconds from navigation
until each reader's map has drawn a marker or cluster. Each reader is its own browser context of one
headless Chromium (its own cookies, so its own sticky process), every request off this machine refused.
tests/browser/test_cluster.py checks what the balancer must do (readers spread, uploads kept with their
process); this prints how long it takes.

    python bench/cluster.py [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # deploy/ is not installed

from deploy.cluster import COOKIE, find_haproxy, start_cluster  # noqa: E402
from strikes.export.browser import LAUNCH_ARGS, block_network, find_chromium  # noqa: E402
from tools.appserver import free_port  # noqa: E402

MAP_DRAWN = """() => [...document.querySelectorAll('iframe')].some(f => {
    const d = f.contentDocument;  // the streamlit-folium iframe is same-origin
    return !!(d && d.querySelector('.leaflet-container .strike-marker, .leaflet-container .strike-cluster'));
})"""


def open_reader(browser: Browser, url: str) -> tuple[BrowserContext, float]:
    """A reader of its own on url, navigated (not waited on): its context and the moment it navigated."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    block_network(context)
    page = context.new_page()
    opened = time.monotonic()
    page.goto(url, wait_until="commit", timeout=120_000)
    return context, opened


def map_seconds(context: BrowserContext, opened: float) -> float:
    """Seconds from ``opened`` until the reader's map has drawn a site."""
    context.pages[0].wait_for_function(MAP_DRAWN, timeout=120_000, polling=50)
    return time.monotonic() - opened


def process(context: BrowserContext) -> str:
    """The app process HAProxy pinned this reader to: its sticky cookie."""
    return next(c["value"] for c in context.cookies() if c["name"] == COOKIE)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="readers alone through the balancer and direct")
    args = parser.parse_args()
    haproxy = find_haproxy()
    if haproxy is None:
        raise SystemExit("haproxy not found: apt-get install haproxy (Debian puts it in /usr/sbin)")
    app_ports = [free_port(), free_port()]
    with (
        tempfile.TemporaryDirectory(prefix="strikes-cluster-bench-") as logs,  # the processes' output, not ours
        start_cluster(2, free_port(), app_ports, "127.0.0.1", haproxy, Path(logs)) as cluster,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=str(find_chromium()), args=list(LAUNCH_ARGS))
        try:
            at_once = [open_reader(browser, cluster.url) for _ in range(3)]
            first = [(process(context), map_seconds(context, opened)) for context, opened in at_once]
            through: list[float] = []
            direct: list[float] = []
            for _ in range(args.runs):
                context, opened = open_reader(browser, cluster.url)
                through.append(map_seconds(context, opened))
                name = process(context)
                alone, opened = open_reader(browser, cluster.app_urls[name])
                direct.append(map_seconds(alone, opened))
                for done in (context, alone):
                    done.close()
            for context, _ in at_once:
                context.close()
        finally:
            browser.close()
    print("\nTwo app processes behind HAProxy (deploy/cluster.py), headless Chromium, seconds to the drawn map:")
    print("  three readers at once through the balancer: " + ", ".join(f"{n} {s:.2f} s" for n, s in first))
    print(
        f"  one reader alone, median of {args.runs}: {statistics.median(through):.2f} s through the balancer, "
        f"{statistics.median(direct):.2f} s straight to its process"
    )


if __name__ == "__main__":
    main()
