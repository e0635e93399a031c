"""How the map's cost grows with the data, beside the peers a user would pick: `make bench` prints one table.

For N synthetic events (seeded, inside Belarus, filtered to six sectors as a reader would) and four
ways of putting them on a map:
  app    the app's path: vectorised filter, one point per site in packed columns (strikes.page.markers),
         every site's popup data on the page, drawn through supercluster where the reader looks;
  fmc    folium's FastMarkerCluster: coordinates as one JS array, plain markers made in the browser,
         no popups (the peer to beat);
  naive  a folium.Marker with a Popup and Tooltip per event, filtered by a Python row loop (up to 100k);
  floor  the filtered coordinates as bare JSON: the least any page could send.
Each build runs in its own process on pickled events, warmed up on a small slice first, so its peak
memory (VmHWM) is that of a server holding the data and doing that work. The page it builds is opened
in headless Chromium with the network blocked and timed until Leaflet has drawn markers, then one zoom
step is timed (zoom in, without animation, until the map has settled and redrawn), and the tab's
JavaScript heap is read. Every figure is the median of --runs runs, all in this one process run, so
the ratios compare like with like.

    python bench/run.py [--sizes 10000 100000 1000000] [--runs 3] [--timeout 600] [--approaches fmc app ...]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import folium
import pandas as pd
from folium.plugins import FastMarkerCluster

from strikes.core import filters, i18n
from strikes.core.filters import Filters
from strikes.page import mapview
from strikes.page.assets import localize, standalone_html
from tools.synthetic import synthetic_events

FILTERS = {"sector": ["manufacturing", "chemicals", "mining", "energy", "transport", "health"]}
WAVES = ("august", "november")
APPROACHES = ("fmc", "app", "naive", "floor")  # the peer first: the others' ratios are to it
NAIVE_UP_TO = 100_000
# FastMarkerCluster offline: its default callback needs Font Awesome markers from a CDN.
FMC_CALLBACK = "function (row) { return L.marker(new L.LatLng(row[0], row[1])); }"


def naive_case(events: pd.DataFrame, chosen: Filters) -> folium.Map:
    """The per-Marker build a first version would write: a Python loop over rows, a Marker each."""
    rows = [row for row in events.itertuples() if row.sector in chosen.sector]
    fmap = folium.Map(location=[53.7, 27.9], zoom_start=6, tiles=None)
    for row in rows:
        folium.Marker(
            [row.lat, row.lon],
            popup=folium.Popup(f"<b>{row.name}</b><br>{row.wave} {row.action_type}<br>{row.quote}", max_width=300),
            tooltip=row.name,
        ).add_to(fmap)
    return fmap


def app_case(events: pd.DataFrame, chosen: Filters) -> folium.Map:
    """What the app does on a filter change: filter, status, build."""
    shown = filters.apply(events, chosen)
    return mapview.build_map(shown, WAVES, filters.across_waves(events, chosen), lang=i18n.DEFAULT)


def fmc_case(events: pd.DataFrame, chosen: Filters) -> folium.Map:
    """folium's FastMarkerCluster on the same filtered events, one marker per event as its docs show."""
    shown = filters.apply(events, chosen)
    fmap = folium.Map(location=[53.7, 27.9], zoom_start=6, tiles=None, max_zoom=18)
    fmap.options["maxZoom"] = 18  # markercluster needs one, and there are no tiles to give it
    FastMarkerCluster(shown[["lat", "lon"]].to_numpy().tolist(), callback=FMC_CALLBACK).add_to(fmap)
    return fmap


def floor_case(events: pd.DataFrame, chosen: Filters) -> str:
    """The filtered coordinates as bare JSON."""
    shown = filters.apply(events, chosen)
    return json.dumps(shown[["lat", "lon"]].to_numpy().tolist(), separators=(",", ":"))


def run_case(data: Path, approach: str, out: Path) -> dict[str, float]:
    """One build, in this process (warmed up on a small slice first, as a server would be)."""
    events = pd.read_pickle(data)
    chosen = Filters.from_query_params(FILTERS)
    cases: dict[str, Callable[[pd.DataFrame, Filters], Any]] = {
        "app": app_case,
        "fmc": fmc_case,
        "naive": naive_case,
        "floor": floor_case,
    }
    build = cases[approach]
    warm = build(events.head(200), chosen)
    if approach != "floor":
        localize(warm).get_root().render()
    start = time.perf_counter()
    made = build(events, chosen)
    if approach == "floor":
        seconds, page = time.perf_counter() - start, made
    else:
        localize(made).get_root().render()
        seconds = time.perf_counter() - start
        page = standalone_html(made, lang=i18n.DEFAULT)  # assets inlined for the browser run: not server work
    out.write_text(page, encoding="utf-8")
    return {"build_s": seconds, "page_mb": len(page.encode()) / 1e6, "peak_mb": peak_rss_mb()}


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss it restarts at exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


ZOOM_STEP = """() => new Promise(resolve => {
    const map = Object.values(window).find(v => v instanceof L.Map);
    const started = performance.now();
    map.once("zoomend", () => requestAnimationFrame(() => requestAnimationFrame(
        () => resolve(performance.now() - started))));
    map.setZoom(map.getZoom() + 1, {animate: false});
})"""


def browser_figures(browser: object, page_path: Path, timeout_s: float) -> dict[str, float]:
    """Seconds until Leaflet shows markers, one zoom step's seconds, and the tab's JS heap in MB."""
    from strikes.export.browser import block_network

    page = browser.new_page(viewport={"width": 1400, "height": 900})  # type: ignore[attr-defined]
    try:
        block_network(page)
        page.goto(page_path.as_uri(), wait_until="commit", timeout=timeout_s * 1000)
        page.wait_for_function(
            "document.querySelector('.leaflet-marker-icon') !== null", timeout=timeout_s * 1000, polling=50
        )
        draw_s = page.evaluate("performance.now()") / 1000
        zoom_s = page.evaluate(ZOOM_STEP) / 1000
        heap_mb = page.evaluate("performance.memory ? performance.memory.usedJSHeapSize / 1e6 : NaN")
        return {"draw_s": draw_s, "zoom_s": zoom_s, "tab_mb": heap_mb}
    finally:
        page.close()


def measure(n: int, approach: str, data: Path, tmp: Path, runs: int, timeout_s: float) -> dict[str, float]:
    """The median of ``runs`` builds (each in a fresh process) and ``runs`` browser loads of the page."""
    from strikes.export.browser import open_browser

    builds, loads = [], []
    page_path = tmp / f"{approach}-{n}.html"
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, __file__, "--case", str(data), approach, str(page_path)],
            capture_output=True,
            text=True,
            timeout=timeout_s,
            check=True,
        )
        builds.append(json.loads(done.stdout))
    if approach != "floor":
        with open_browser(
            extra_args=("--enable-precise-memory-info", "--js-flags=--max-old-space-size=8192")
        ) as browser:
            loads = [browser_figures(browser, page_path, timeout_s) for _ in range(runs)]
    figures = {key: statistics.median(b[key] for b in builds) for key in builds[0]}
    figures.update({key: statistics.median(load[key] for load in loads) for key in (loads[0] if loads else {})})
    return figures


def _cell(figures: dict[str, float], key: str, fmt: str) -> str:
    """A figure in its column, or blanks of the column's width where the approach has none."""
    value = figures.get(key)
    return " " * int(fmt.split(".")[0]) if value is None or value != value else format(value, fmt)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=3, help="runs per figure; the median is printed")
    parser.add_argument("--timeout", type=float, default=600, help="seconds allowed per build and per draw")
    parser.add_argument(
        "--approaches",
        nargs="+",
        choices=APPROACHES,
        default=list(APPROACHES),
        help="which to run (all by default; the ratios need fmc)",
    )
    parser.add_argument("--case", nargs=3, metavar=("DATA", "APPROACH", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        data, approach, out = args.case
        print(json.dumps(run_case(Path(data), approach, Path(out))))
        return

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.python_implementation()} "
        f"{platform.python_version()}; Chromium headless, network blocked; median of {args.runs} runs; "
        f"filter: {FILTERS}"
    )
    header = (
        f"{'N':>9} {'approach':<8} {'build s':>8} {'page MB':>8} {'draw s':>7} {'zoom s':>7} "
        f"{'server MB':>9} {'tab MB':>7}   vs fmc: build, page, draw, zoom"
    )
    print(header)
    print("-" * len(header))
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        for n in args.sizes:
            data = tmp / f"events-{n}.pkl"
            synthetic_events(n).to_pickle(data)
            results: dict[str, dict[str, float]] = {}
            for approach in args.approaches:
                if approach == "naive" and n > NAIVE_UP_TO:
                    continue
                try:
                    results[approach] = figures = measure(n, approach, data, tmp, args.runs, args.timeout)
                except Exception as exc:  # a case that fails or times out is reported, not fatal
                    print(f"{n:>9} {approach:<8} did not finish: {type(exc).__name__} {str(exc)[:120]}", flush=True)
                    continue
                peer = results.get("fmc")
                ratios = ""
                if peer and approach != "fmc":
                    ratios = ", ".join(
                        f"{figures[k] / peer[k]:.2f}x" if k in figures and peer.get(k) else "-"
                        for k in ("build_s", "page_mb", "draw_s", "zoom_s")
                    )
                print(
                    f"{n:>9} {approach:<8} {_cell(figures, 'build_s', '8.2f')} {_cell(figures, 'page_mb', '8.2f')} "
                    f"{_cell(figures, 'draw_s', '7.2f')} {_cell(figures, 'zoom_s', '7.3f')} "
                    f"{_cell(figures, 'peak_mb', '9.0f')} {_cell(figures, 'tab_mb', '7.0f')}   {ratios}",
                    flush=True,
                )
            if "app" in results and "floor" in results:
                print(
                    f"{n:>9} app page is {results['app']['page_mb'] / results['floor']['page_mb']:.2f}x "
                    "the coordinate floor",
                    flush=True,
                )


if __name__ == "__main__":
    main()
