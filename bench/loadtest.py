"""What many readers cost the running app: `make loadtest` prints plain figures, asserts nothing.

It starts the app as `make run` does (on a free localhost port), opens it in one
reader first (cold caches, reported on its own, then closed), then in N readers
at once, each its own browser context of one headless Chromium with every request
off this machine blocked. For the N readers it prints the time from opening the
page until Leaflet has drawn markers (median and worst), and the server's CPU
seconds (utime + stime of the streamlit process, from /proc/PID/stat, until it is
idle again) and resident memory (VmRSS, peak VmHWM, from /proc/PID/status), in all
and per reader.

    --play SECONDS  one reader turns on "Show one day at a time" and presses Play:
                    the server's CPU seconds per minute while it plays, and the days it advanced
    --upload ROWS   one reader uploads tools.synthetic.synthetic_upload(ROWS), which the app
                    shows at once: seconds from choosing the file to the new map's markers
    --sessions K    then K readers, one after another, each upload ROWS events of their own, map
                    them and leave: the server's memory every 5 s for the minute after the last left,
                    against its size after the first reader (issue 31: back within 60 MB)
    --apps N        N apps behind HAProxy, as `make cluster` runs them: the CPU and memory figures are
                    summed over the apps (HAProxy's own left out)
    --set OPTION=VALUE  a Streamlit option for the server (as `streamlit run --OPTION VALUE`), to compare settings
    --profile FILE  py-spy (if installed) records the server while the N readers load
                    (FILE.svg: a flame graph, anything else: collapsed stacks)

The browser shares the machine's cores with the server, so the time-to-map
figures include the browsers' own work; the CPU figures are the server's alone.

    python bench/loadtest.py [--readers 10] [--play 60] [--upload 100000] [--sessions 10] [--apps 2] [--no-warmup]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from playwright.async_api import Browser, BrowserContext, Page, Route, async_playwright

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.readercost import cpu_seconds  # noqa: E402
from deploy.cluster import start_cluster  # noqa: E402
from strikes.export.browser import LAUNCH_ARGS, find_chromium  # noqa: E402
from tools.appserver import free_port, running_app  # noqa: E402

# Every URL that would leave this machine (loopback, data:, blob:, file: and about: stay): only those are
# routed through playwright, to be aborted, so the local requests pay no interception.
OFF_MACHINE = re.compile(
    r"^(?!(?:https?|wss?)://(?:127\.\d+\.\d+\.\d+|localhost|\[::1\])(?:[:/]|$)"
    r"|data:|blob:|file:|about:)"
)
# In every frame: once Leaflet has drawn a site marker or a cluster, say when (epoch ms), in which
# document (its time origin) and how many sites are drawn, through the binding each context exposes.
WATCH = """(() => {
  if (window === window.top) { return; }
  const started = Date.now();
  const timer = setInterval(() => {
    if (Date.now() - started > 900000) { clearInterval(timer); return; }
    if (!document.querySelector('.leaflet-container')) { return; }
    const pane = document.querySelector('.leaflet-marker-pane');  // not the legend's samples
    if (!pane) { return; }
    const markers = pane.querySelectorAll('.strike-marker').length;
    const clusters = [...pane.querySelectorAll('.strike-cluster')];
    if (markers + clusters.length) {  // how many sites they stand for: markers, and the count on each cluster
      clearInterval(timer);
      const sites = clusters.reduce((sum, c) => sum + (parseInt(c.textContent.replace(/\\D/g, ''), 10) || 0), markers);
      window.strikesMapDrawn(Date.now(), performance.timeOrigin, sites);
    }
  }, 20);
})();"""
IDLE = "!document.querySelector('[data-testid=stStatusWidget]')"


# --- the server process --------------------------------------------------------------------------


Pids = tuple[int, ...]  # the app processes: one (make run), or each behind HAProxy (make cluster)


def browser_cpu_seconds(exclude: Pids) -> float:
    """CPU seconds of this process's live descendants but ``exclude`` (the apps, HAProxy) and theirs: the
    playwright driver and Chromium, whose work shares the machine's cores with the server's."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat[stat.rindex(")") + 2 :].split()[1])
    total, me = 0.0, os.getpid()
    for pid in parents:
        ancestor = pid
        while ancestor in parents and ancestor not in (me, *exclude, 0, 1):
            ancestor = parents[ancestor]
        if ancestor == me and pid not in exclude:
            try:
                total += cpu_seconds((pid,))
            except (OSError, ValueError):
                continue
    return total


def memory_mb(pids: Pids) -> dict[str, float]:
    """VmRSS (resident now) and VmHWM (the peak resident) in MB, summed over the processes."""
    found = {"VmRSS": 0.0, "VmHWM": 0.0}
    for pid in pids:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in found:
                found[key] += int(value.split()[0]) / 1024
    return found


async def settle(pids: Pids, quiet: float = 0.03, window: float = 1.0, limit: float = 120) -> float:
    """Wait until the server uses less than ``quiet`` CPU seconds in ``window`` seconds; its CPU seconds then."""
    last = cpu_seconds(pids)
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        await asyncio.sleep(window)
        now = cpu_seconds(pids)
        if now - last < quiet:
            return now
        last = now
    return last


@contextmanager
def profiler(pids: Pids, target: Path | None) -> Iterator[None]:
    """py-spy recording the server into ``target`` for the duration of the block (nothing without a target)."""
    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if target is None:
        yield
        return
    if not Path(spy).is_file():
        print("py-spy is not installed (pip install py-spy): no profile taken")
        yield
        return
    fmt = "flamegraph" if target.suffix == ".svg" else "raw"
    spy_process = subprocess.Popen(
        [
            spy,
            "record",
            "--pid",
            str(pids[0]),
            "--rate",
            "100",
            "--gil",
            "--format",
            fmt,
            "--output",
            str(target),
            "--threads",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    time.sleep(1.0)  # attached before the readers come
    try:
        yield
    finally:
        spy_process.send_signal(2)  # SIGINT: py-spy writes what it has and exits
        try:
            spy_process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            spy_process.kill()
        print(f"server profile (py-spy, samples of the thread holding the GIL, 100 a second): {target}")


# --- the readers ---------------------------------------------------------------------------------


class Reader:
    """One browser context and its page, told by the WATCH script when a map draws markers."""

    def __init__(self, context: BrowserContext, page: Page) -> None:
        self.context, self.page = context, page
        self.drawn: list[tuple[float, float, int]] = []  # (epoch s drawn, document's time origin s, sites drawn)
        self.blocked = 0

    @classmethod
    async def open(cls, browser: Browser) -> Reader:
        context = await browser.new_context(viewport={"width": 1500, "height": 1100})
        reader = cls(context, await context.new_page())
        await context.route(OFF_MACHINE, reader._abort)
        await context.expose_binding("strikesMapDrawn", reader._drawn)
        await context.add_init_script(WATCH)
        return reader

    async def _abort(self, route: Route) -> None:
        self.blocked += 1
        await route.abort("internetdisconnected")

    def _drawn(self, _source: object, at_ms: float, origin_ms: float, count: int) -> None:
        self.drawn.append((at_ms / 1000, origin_ms / 1000, int(count)))

    async def map_drawn(self, since: float, timeout: float = 300) -> float:
        """Epoch seconds at which a map in a document opened after ``since`` (epoch s) first showed markers."""
        return (await self.map_drawn_with_sites(since, timeout))[0]

    async def map_drawn_with_sites(self, since: float, timeout: float = 300) -> tuple[float, int]:
        """As map_drawn, and how many sites its markers and clusters stood for then."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for at, origin, sites in self.drawn:
                if origin >= since - 0.05:
                    return at, sites
            await asyncio.sleep(0.02)
        raise TimeoutError(f"no map with markers within {timeout:.0f} s")

    async def load(self, url: str) -> float:
        """Open the app; seconds until its map shows markers."""
        started = time.time()
        await self.page.goto(url, wait_until="commit", timeout=300_000)
        return await self.map_drawn(started) - started

    async def idle(self) -> None:
        await self.page.wait_for_function(IDLE, timeout=300_000, polling=100)

    async def close(self) -> None:
        await self.context.close()


async def day_shown(page: Page) -> date | None:
    """The day over the map ("## 10 August 2020"), or else the day in the link; None when neither says one."""
    for heading in await page.locator("[data-testid=stMain] h2").all_inner_texts():
        try:
            return datetime.strptime(heading.strip(), "%d %B %Y").date()
        except ValueError:
            continue
    value = parse_qs(urlsplit(page.url).query).get("day", [""])[0]
    return date.fromisoformat(value) if value else None


# --- the phases ----------------------------------------------------------------------------------


def state(pids: Pids) -> str:
    mem = memory_mb(pids)
    return f"RSS {mem['VmRSS']:.0f} MB (peak {mem['VmHWM']:.0f} MB)"


async def warm_up(browser: Browser, url: str, pids: Pids) -> None:
    """A first reader on each app, at once (HAProxy sends each to the app with the fewest), then closed."""
    cpu = cpu_seconds(pids)
    readers = [await Reader.open(browser) for _ in pids]
    seconds = await asyncio.gather(*(reader.load(url) for reader in readers))
    await asyncio.gather(*(reader.idle() for reader in readers))
    after = await settle(pids)
    for reader in readers:
        await reader.close()
    print(
        f"first reader{'s, one per app' if len(pids) > 1 else ''} (cold caches, then closed): map in "
        f"{' '.join(f'{s:.2f}' for s in seconds)} s; server CPU {after - cpu:.2f} s; {state(pids)}",
        flush=True,
    )


async def readers_at_once(
    browser: Browser, url: str, pids: Pids, exclude: Pids, n: int, profile: Path | None
) -> list[Reader]:
    readers = [await Reader.open(browser) for _ in range(n)]
    await settle(pids)
    with profiler(pids, profile):
        cpu, rss, browser_cpu = cpu_seconds(pids), memory_mb(pids)["VmRSS"], browser_cpu_seconds(exclude)
        started = time.monotonic()
        loads = await asyncio.gather(*(reader.load(url) for reader in readers), return_exceptions=True)
        timings = [t for t in loads if isinstance(t, float)] or [float("nan")]
        errors = [repr(t) for t in loads if not isinstance(t, float)]
        mapped_cpu, mapped_browser = cpu_seconds(pids) - cpu, browser_cpu_seconds(exclude) - browser_cpu
        mapped_wall = time.monotonic() - started
        await asyncio.gather(*(reader.idle() for reader in readers), return_exceptions=True)
        after = await settle(pids)
    mem = memory_mb(pids)
    print(f"{n} readers at once: maps drawn {n - len(errors)} of {n}, errors {len(errors)}")
    for error in sorted(set(errors)):
        print(f"  error: {error[:300]}")
    print(
        f"{n} readers at once: map in median {statistics.median(timings):.2f} s, worst {max(timings):.2f} s "
        f"(all: {' '.join(f'{t:.2f}' for t in sorted(timings))})"
    )
    print(
        f"  server CPU {after - cpu:.2f} s in all ({mapped_cpu:.2f} s until the last map was drawn), "
        f"{(after - cpu) / n:.3f} s per reader"
    )
    print(
        f"  until the last map: {mapped_wall:.1f} s of wall time, {mapped_browser:.1f} CPU s of Chromium and the "
        f"playwright driver, {mapped_cpu:.1f} of the server ({os.cpu_count()} cores: "
        f"{mapped_wall * (os.cpu_count() or 1):.0f} CPU s to share)"
    )
    print(
        f"  server memory: RSS {rss:.0f} -> {mem['VmRSS']:.0f} MB, {(mem['VmRSS'] - rss) / n:+.1f} MB per reader; "
        f"peak (VmHWM) {mem['VmHWM']:.0f} MB"
    )
    blocked = sum(reader.blocked for reader in readers)
    print(f"  requests off this machine blocked: {blocked}", flush=True)
    return readers


async def play(reader: Reader, pids: Pids, seconds: float) -> None:
    page = reader.page
    await reader.idle()
    await page.get_by_text("Show one day at a time", exact=True).click()
    await page.get_by_role("button", name="Play").wait_for(timeout=60_000)
    await reader.idle()
    await settle(pids)
    first = await day_shown(page)
    cpu, rss = cpu_seconds(pids), memory_mb(pids)["VmRSS"]
    started = time.monotonic()
    await page.get_by_role("button", name="Play").click()
    await asyncio.sleep(max(0.0, seconds - (time.monotonic() - started)))
    used, elapsed, last = cpu_seconds(pids) - cpu, time.monotonic() - started, await day_shown(page)
    mem = memory_mb(pids)
    pause = page.get_by_role("button", name="Pause")
    if await pause.count():  # not at the last day, where the playback stops by itself
        await pause.click(timeout=30_000)
    days = (last - first).days if first and last else 0
    print(
        f"playback for {elapsed:.0f} s (one reader, at the default speed): {days} days advanced "
        f"({first} -> {last}); server CPU {used:.2f} s, {used / elapsed * 60:.1f} CPU s per minute "
        f"({used / max(days, 1):.3f} s per day); RSS {rss:.0f} -> {mem['VmRSS']:.0f} MB",
        flush=True,
    )
    await reader.idle()
    await settle(pids)


async def upload(reader: Reader, pids: Pids, rows: int, csv: Path) -> None:
    page = reader.page
    await reader.idle()
    await settle(pids)
    cpu, rss = cpu_seconds(pids), memory_mb(pids)["VmRSS"]
    started = time.time()
    await page.locator("input[type=file]").set_input_files(str(csv))
    drawn, sites = await reader.map_drawn_with_sites(started, timeout=600)  # the upload shows itself
    map_cpu = cpu_seconds(pids) - cpu
    await reader.idle()
    idle = time.time()
    after = await settle(pids)
    quiet = time.time()
    mem = memory_mb(pids)
    print(
        f"upload of {rows:,} events ({csv.stat().st_size / 1e6:.1f} MB CSV): markers on screen "
        f"{drawn - started:.2f} s after choosing the file ({sites:,} sites in the markers and clusters drawn; "
        f"server CPU {map_cpu:.2f} s until then)"
    )
    print(
        f"  page idle (no script running) {idle - started:.2f} s after choosing the file, server quiet after "
        f"{quiet - started:.2f} s: server CPU {after - cpu:.2f} s in all, {after - cpu - map_cpu:.2f} s "
        f"of it after the markers; RSS {rss:.0f} -> {mem['VmRSS']:.0f} MB, peak (VmHWM) {mem['VmHWM']:.0f} MB",
        flush=True,
    )


async def sessions(browser: Browser, url: str, pids: Pids, rows: int, csvs: list[Path], baseline: float) -> None:
    """Readers one after another, each uploading and mapping a file of their own and leaving; then the memory
    curve for the minute after the last left (no reader coming after, to make Streamlit drop their sessions)."""
    for number, csv in enumerate(csvs, start=1):
        reader = await Reader.open(browser)
        await reader.load(url)
        await reader.idle()
        started = time.time()
        await reader.page.locator("input[type=file]").set_input_files(str(csv))
        await reader.map_drawn(started, timeout=600)
        await reader.idle()
        await reader.close()
        print(f"  session {number}: {rows:,} events mapped, then closed; {state(pids)}", flush=True)
    curve = []
    for _ in range(13):  # 0, 5, ..., 60 s after the last session closed
        curve.append(memory_mb(pids)["VmRSS"])
        await asyncio.sleep(5)
    print(
        f"memory curve after {len(csvs)} upload sessions of {rows:,} events closed (RSS MB every 5 s, 0-60 s): "
        f"{' '.join(f'{mb:.0f}' for mb in curve)}"
    )
    print(
        f"  after the first reader {baseline:.0f} MB; 60 s after the last session closed {curve[-1]:.0f} MB, "
        f"{curve[-1] - baseline:+.0f} MB (issue 31's bound: +60 MB)",
        flush=True,
    )


@contextmanager
def served(apps: int, options: tuple[str, ...], logs: Path) -> Iterator[tuple[str, Pids, Pids]]:
    """The app as make run starts it (``apps`` 0) or ``apps`` of it behind HAProxy as make cluster does: the
    readers' URL, the apps' pids, and every server pid (HAProxy's too) the browsers' CPU leaves out."""
    if not apps:
        with running_app(*options, log=logs / "streamlit.log") as (url, process):
            yield url, (process.pid,), (process.pid,)
        return
    if options:
        raise SystemExit("--set applies to one process; the cluster's apps run as make cluster starts them")
    ports = [free_port() for _ in range(apps)]
    with start_cluster(apps, free_port(), ports, "127.0.0.1", logs=logs) as cluster:
        assert cluster.balancer is not None
        pids = tuple(app.pid for app in cluster.apps)
        yield cluster.url, pids, (*pids, cluster.balancer.pid)


async def run(args: argparse.Namespace, csv: Path | None, logs: Path, session_csvs: list[Path]) -> None:
    options = tuple(part for pair in args.set for part in (f"--{pair.partition('=')[0]}", pair.partition("=")[2]))
    with served(args.apps, options, logs) as (url, pids, exclude):
        given = f", options {' '.join(options)}" if options else ""
        where = f"{args.apps} apps behind HAProxy (figures summed over the apps)" if args.apps else "one process"
        print(
            f"server: {where}, pid {' '.join(map(str, pids))}{given}, ready; CPU {cpu_seconds(pids):.2f} s so far; "
            f"{state(pids)}",
            flush=True,
        )
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path=str(find_chromium()), headless=True, args=list(LAUNCH_ARGS)
            )
            try:
                if args.warmup:
                    await warm_up(browser, url, pids)
                baseline = memory_mb(pids)["VmRSS"]
                readers = await readers_at_once(browser, url, pids, exclude, args.readers, args.profile)
                if args.play:
                    await play(readers[0], pids, args.play)
                if csv is not None:
                    await upload(readers[0], pids, args.upload, csv)
                for reader in readers:
                    await reader.close()
                if session_csvs:
                    await sessions(browser, url, pids, args.upload, session_csvs, baseline)
            finally:
                await browser.close()
        print(f"server at the end: CPU {cpu_seconds(pids):.2f} s in all; {state(pids)}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--readers", type=int, default=10, help="readers opening the app at once (default 10)")
    parser.add_argument("--play", type=float, default=0, metavar="SECONDS", help="play day by day in one reader")
    parser.add_argument("--upload", type=int, default=0, metavar="ROWS", help="upload this many synthetic events")
    parser.add_argument(
        "--sessions", type=int, default=0, metavar="K", help="then K upload sessions in turn, and the memory curve"
    )
    parser.add_argument(
        "--no-warmup",
        dest="warmup",
        action="store_false",
        help="no first reader on its own: the N readers meet cold caches",
    )
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="OPTION=VALUE",
        help="a Streamlit config option for the server, e.g. runner.postScriptGC=false (repeatable)",
    )
    parser.add_argument("--profile", type=Path, help="py-spy record of the server while the N readers load")
    parser.add_argument(
        "--apps",
        type=int,
        default=0,
        metavar="N",
        help="N apps behind HAProxy, as make cluster runs them (default: one process)",
    )
    args = parser.parse_args()
    if args.readers < 1:
        parser.error("--readers must be at least 1")
    if args.sessions and not args.upload:
        parser.error("--sessions needs --upload ROWS")
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.python_implementation()} "
        f"{platform.python_version()}; headless Chromium, network off this machine blocked",
        flush=True,
    )
    with tempfile.TemporaryDirectory() as folder:
        csv = None
        session_csvs: list[Path] = []
        if args.upload:
            from strikes.intake.decode import MAX_UPLOAD_BYTES
            from tools.synthetic import synthetic_upload

            csv = Path(folder) / f"events-{args.upload}.csv"
            data = synthetic_upload(args.upload)
            lean = len(data) > MAX_UPLOAD_BYTES  # 200,000 events fit the upload limit in the columns a file needs
            csv.write_bytes(synthetic_upload(args.upload, lean=True) if lean else data)
            for number in range(args.sessions):  # each reader's own file: a digest, so memos, of its own
                session_csvs.append(Path(folder) / f"session-{number}.csv")
                session_csvs[-1].write_bytes(synthetic_upload(args.upload, seed=number + 1, lean=lean))
        asyncio.run(run(args, csv, Path(folder), session_csvs))


if __name__ == "__main__":
    main()
