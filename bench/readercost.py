"""What one new reader's first visit costs the app processes, behind HAProxy (`make cluster`) and alone (`make run`).

    .venv/bin/python bench/readercost.py --readers 5        # make loadtest runs it after its own table

A reader is a fresh headless Chromium context (no cookies, no cache) that opens the page and waits until the map
has drawn and the script run is over; the figure is the CPU seconds (user + system, from /proc) all app processes
spent meanwhile, after a first reader warmed them (their imports and caches) and HAProxy's cache. Through the
cluster HAProxy serves Streamlit's static files from its cache (deploy/haproxy.cfg.template); a lone process
serves them itself. Printed, not asserted: the targets (0.15 s through the cluster, 0.3 s alone) are checked by
eye against a machine whose load varies.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from deploy.cluster import find_haproxy, start_cluster  # noqa: E402
from strikes.export.browser import OFFLINE_ARG  # noqa: E402
from tools.appserver import free_port, running_app  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")
MAP_DRAWN = """() => [...document.querySelectorAll('iframe')].some(f => {
    const d = f.contentDocument;
    return !!(d && d.querySelector('.leaflet-container .strike-marker, .leaflet-container .strike-cluster'));
})"""
IDLE = "document.querySelector('[data-testid=stApp]')?.getAttribute('data-test-script-state') === 'notRunning'"


def cpu_seconds(pids: Sequence[int]) -> float:
    """User + system CPU seconds the processes have used so far."""
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total / TICK


def settle(pids: Sequence[int], quiet: float = 0.02, window: float = 0.5, limit: float = 30) -> None:
    """Until the processes use less than ``quiet`` CPU seconds in a ``window`` (the run's last work done)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        before = cpu_seconds(pids)
        time.sleep(window)
        if cpu_seconds(pids) - before < quiet:
            return


def reader_cost(browser: Browser, url: str, pids: Sequence[int]) -> tuple[float, int]:
    """One new reader's first visit: the apps' CPU seconds, and how many requests the browser made."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    requests: list[str] = []
    page = context.new_page()
    page.on("request", lambda request: requests.append(request.url))
    settle(pids)
    before = cpu_seconds(pids)
    page.goto(url)
    page.wait_for_function(MAP_DRAWN, timeout=120_000, polling=100)
    page.wait_for_function(IDLE, timeout=120_000)
    settle(pids)
    cost = cpu_seconds(pids) - before
    context.close()
    settle(pids)  # the session's end (the websocket closed) is not the next reader's cost
    return cost, len(requests)


def measure(browser: Browser, url: str, pids: Sequence[int], readers: int) -> list[float]:
    """The first visits of ``readers`` readers, one after another, after one per app that warms it up (HAProxy's
    leastconn sends each next reader to the process that has had the fewest)."""
    for _ in pids:
        reader_cost(browser, url, pids)
    costs = []
    for _ in range(readers):
        cost, requests = reader_cost(browser, url, pids)
        costs.append(cost)
        print(f"  {cost:.3f} CPU-s ({requests} requests)", flush=True)
    return costs


def report(label: str, costs: list[float], target: float) -> None:
    median = round(statistics.median(costs), 3)  # /proc counts in ticks: 0.15 s came out as 0.15000000000000002
    verdict = "within" if median <= target else "OVER"
    print(
        f"{label}: a new reader's first visit costs the apps median {median:.3f} CPU-s "
        f"(min {min(costs):.3f}, max {max(costs):.3f}, {len(costs)} readers); target {target} s: {verdict}",
        flush=True,
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--readers", type=int, default=5, help="readers measured on each (default 5)")
    parser.add_argument("--apps", type=int, default=2, help="app processes behind HAProxy (default 2)")
    parser.add_argument("--chromium", default="/usr/bin/chromium", help="Chromium's path")
    args = parser.parse_args(argv)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=["--no-sandbox", OFFLINE_ARG])
        if find_haproxy() is None:
            print("cluster: haproxy not installed (apt-get install haproxy); skipped", file=sys.stderr)
        else:
            ports = [free_port() for _ in range(args.apps)]
            logs = Path(tempfile.mkdtemp(prefix="strikes-bench-cluster-"))
            with start_cluster(args.apps, free_port(), ports, "127.0.0.1", logs=logs) as cluster:
                print(f"through HAProxy, {args.apps} apps:", flush=True)
                costs = measure(browser, cluster.url, [app.pid for app in cluster.apps], args.readers)
            log = (logs / "haproxy.log").read_text(encoding="utf-8", errors="replace")
            print(
                f"  static files answered by HAProxy's cache: {log.count('assets/<CACHE>')}, by an app: "
                f"{log.count(' assets/app')} (logs in {logs})"
            )
            report("cluster (make cluster)", costs, 0.15)
        with running_app() as (url, process):
            print("one process, direct:", flush=True)
            alone = measure(browser, url, [process.pid], args.readers)
        report("one process (make run)", alone, 0.3)
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
