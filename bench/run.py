"""How the map's cost grows with the data: `make bench` prints a table of figures.

For N synthetic events (seeded, inside Belarus) and two ways of drawing them:
  naive  a folium.Marker with a Popup and Tooltip per event, filtered by a Python row loop;
  ours   the app's path: vectorised filter, one marker per site sent as columns (strikes.markers).
Each case runs in its own process on pickled events, warmed up on a small slice first, so its
peak memory (peak RSS of the process) is that of a server holding the data and doing that work;
the page it builds is then opened in headless Chromium, with the network blocked, and timed until
Leaflet has drawn markers. Figures are single runs on an otherwise idle machine.

    python bench/run.py [--sizes 1000 10000 100000] [--timeout 900]
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import folium
import pandas as pd

from strikes import filters, mapview
from strikes.assets import localize, standalone_html
from strikes.filters import Filters
from strikes.synthetic import synthetic_events

FILTERS = {"sector": ["manufacturing", "chemicals", "mining", "energy", "transport", "health"]}
WAVES = ("august", "november")


def naive_case(events, chosen) -> tuple[float, float, folium.Map]:
    """The per-Marker build a first version would write: a Python loop over rows, a Marker each."""
    start = time.perf_counter()
    rows = [row for row in events.itertuples() if row.sector in chosen.sector]
    filtered = time.perf_counter()
    fmap = folium.Map(location=[53.7, 27.9], zoom_start=6, tiles=None)
    for row in rows:
        folium.Marker(
            [row.lat, row.lon],
            popup=folium.Popup(f"<b>{row.name}</b><br>{row.wave} {row.action_type}<br>{row.quote}", max_width=300),
            tooltip=row.name,
        ).add_to(fmap)
    localize(fmap).get_root().render()
    return filtered - start, time.perf_counter() - filtered, fmap


def ours_case(events, chosen) -> tuple[float, float, folium.Map]:
    """What the app does on a filter change: filter, status, build, render."""
    start = time.perf_counter()
    shown = filters.apply(events, chosen)
    status_events = filters.across_waves(events, chosen)
    filtered = time.perf_counter()
    fmap = localize(mapview.build_map(shown, WAVES, status_events))
    fmap.get_root().render()
    return filtered - start, time.perf_counter() - filtered, fmap


def run_case(data: Path, approach: str, out: Path) -> dict[str, float]:
    """One measurement, in this process (warmed up on a small slice first, as a server would be)."""
    events = pd.read_pickle(data)
    chosen = Filters.from_query_params(FILTERS)
    case = naive_case if approach == "naive" else ours_case
    case(events.head(200), chosen)
    filter_s, build_s, fmap = case(events, chosen)
    # the page the browser is timed on has the assets inlined; that is not server work
    page = standalone_html(fmap)
    out.write_text(page, encoding="utf-8")
    peak_mb = peak_rss_mb()
    return {"filter_s": filter_s, "build_s": build_s, "html_mb": len(page.encode()) / 1e6, "peak_mb": peak_mb}


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss it restarts at exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def draw_seconds(page_path: Path, timeout_s: float) -> float:
    """Seconds from navigation until Leaflet shows marker icons (markers or clusters)."""
    from strikes.browser import block_network, open_browser

    with open_browser() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        block_network(page)
        page.goto(page_path.as_uri(), wait_until="commit", timeout=timeout_s * 1000)
        page.wait_for_function("document.querySelector('.leaflet-marker-icon') !== null",
                               timeout=timeout_s * 1000, polling=50)
        return page.evaluate("performance.now()") / 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--timeout", type=float, default=900, help="seconds allowed per case and per draw")
    parser.add_argument("--case", nargs=3, metavar=("DATA", "APPROACH", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        data, approach, out = args.case
        print(json.dumps(run_case(Path(data), approach, Path(out))))
        return

    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}, "
          f"{_cores()} cores; filter: {FILTERS}")
    header = f"{'N':>7} {'approach':<6} {'filter s':>9} {'build s':>9} {'HTML MB':>8} {'peak MB':>8} {'draw s':>8}"
    print(header)
    print("-" * len(header))
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            data = Path(tmp) / f"events-{n}.pkl"
            synthetic_events(n).to_pickle(data)
            totals = {}
            for approach in ("naive", "ours"):
                page_path = Path(tmp) / f"{approach}-{n}.html"
                try:
                    done = subprocess.run(
                        [sys.executable, __file__, "--case", str(data), approach, str(page_path)],
                        capture_output=True, text=True, timeout=args.timeout, check=True,
                    )
                    figures = json.loads(done.stdout)
                    figures["draw_s"] = draw_seconds(page_path, args.timeout)
                except Exception as exc:  # a case that fails or times out is reported, not fatal
                    print(f"{n:>7} {approach:<6} did not finish: {type(exc).__name__} {str(exc)[:120]}")
                    continue
                totals[approach] = figures
                print(f"{n:>7} {approach:<6} {figures['filter_s']:>9.3f} {figures['build_s']:>9.3f} "
                      f"{figures['html_mb']:>8.2f} {figures['peak_mb']:>8.0f} {figures['draw_s']:>8.2f}", flush=True)
            if len(totals) == 2:
                server = {a: f["filter_s"] + f["build_s"] for a, f in totals.items()}
                print(f"{n:>7} ratio  server (filter+build) {server['naive'] / server['ours']:.1f}x faster, "
                      f"draw {totals['naive']['draw_s'] / totals['ours']['draw_s']:.1f}x faster, "
                      f"HTML {totals['naive']['html_mb'] / totals['ours']['html_mb']:.1f}x smaller", flush=True)


def _cores() -> int:
    import os

    return os.cpu_count() or 0


if __name__ == "__main__":
    main()
