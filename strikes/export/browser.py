"""Headless Chromium for map snapshots and browser tests, with the network shut off.

Playwright's own browser download is not used: it needs the internet at
install time and a per-user cache, while Debian's packaged chromium is one
`apt-get install` away and is what CI installs. The network is blocked so that a
snapshot never waits on a tile server or CDN: everything a map needs is inlined
in its HTML, and the offline base layer takes over when tiles fail.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import (
    Browser,
    BrowserContext,
    Error,
    Page,
    Route,
    sync_playwright,
)

ENV_VAR = "STRIKES_CHROMIUM"
DEBIAN_PATH = Path("/usr/bin/chromium")
INSTALL_HINT = (
    "install Debian's chromium with `sudo apt-get install chromium` "
    f"(or set {ENV_VAR} to the path of a Chromium or Chrome executable)"
)
# Quiet, sandbox-free headless Chromium: no GPU in containers, and no calls home
# (updates, safe browsing, first-run pages) that would only fail offline.
LAUNCH_ARGS: tuple[str, ...] = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
)
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
# The network as if down, for a whole browser: Chromium's resolver finds no host but this machine. Cheaper than
# block_network's routing, which sends every request through Playwright and turns Chromium's cache off.
OFFLINE_ARG = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"


class BrowserError(RuntimeError):
    """Chromium could not be started or could not finish its work."""


class BrowserMissing(BrowserError):
    """No Chromium executable was found; the message says how to install one."""


def find_chromium() -> Path:
    """The Chromium executable: $STRIKES_CHROMIUM if set, else chromium on PATH, else Debian's path."""
    override = os.environ.get(ENV_VAR)
    if override:
        path = Path(override)
        if path.is_file() and os.access(path, os.X_OK):
            return path
        raise BrowserMissing(f"{ENV_VAR}={override} is not an executable file: {INSTALL_HINT}")
    found = shutil.which("chromium")
    if found:
        return Path(found)
    if DEBIAN_PATH.is_file() and os.access(DEBIAN_PATH, os.X_OK):
        return DEBIAN_PATH
    raise BrowserMissing(f"Chromium was not found: {INSTALL_HINT}")


@contextmanager
def open_browser(extra_args: tuple[str, ...] = ()) -> Iterator[Browser]:
    """A headless Chromium for the duration of a with-block, closed even on error."""
    executable = find_chromium()
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(
                executable_path=str(executable), headless=True, args=[*LAUNCH_ARGS, *extra_args]
            )
        except Error as err:
            raise BrowserError(f"could not start {executable}: {err.message.splitlines()[0]}") from err
        try:
            yield browser
        finally:
            browser.close()


def is_local(url: str) -> bool:
    """Whether a request stays on this machine (a data: or file: URL, or a loopback host)."""
    parts = urlsplit(url)
    return parts.scheme in ("data", "file", "blob") or (parts.hostname or "") in LOCAL_HOSTS


def _route(route: Route) -> None:
    if is_local(route.request.url):
        route.continue_()
    else:
        route.abort("internetdisconnected")


def block_network(target: Page | BrowserContext) -> None:
    """Abort every request that would leave the machine, as if the network were down."""
    target.route("**/*", _route)
