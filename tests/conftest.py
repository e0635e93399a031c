"""Shared fixtures: the real curated dataset, and copies of it to break."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pytest

from strikes.cache import CACHE_PATH, GEODATA
from strikes.dataset import load_events

REPO = Path(__file__).resolve().parents[1]
SOURCES_DIR = REPO.parent / "shared" / "sources"


@pytest.fixture(scope="session")
def events() -> pd.DataFrame:
    return load_events()


@pytest.fixture()
def geodata_copy(tmp_path: Path) -> Path:
    """A writable copy of geodata/ (the CSVs and the cache) for tests that edit it."""
    target = tmp_path / "geodata"
    target.mkdir()
    for name in ("sites.csv", "actions.csv", "sources.csv"):
        shutil.copy(GEODATA / name, target / name)
    shutil.copy(CACHE_PATH, target / "geocache.json")
    return target


def _chromium() -> str | None:
    for candidate in (os.environ.get("STRIKES_CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's chromium; CI (STRIKES_REQUIRE_BROWSER=1) fails without it, a laptop skips."""
    path = _chromium()
    if path is None:
        message = "Debian's chromium is not installed (apt-get install chromium); .ci/run installs it"
        if os.environ.get("STRIKES_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_app(*options: str) -> Iterator[tuple[str, subprocess.Popen]]:
    """The real app, started as `make run` starts it (plus Streamlit ``options``), on a free localhost port."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(REPO / "app.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", *options],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("the Streamlit app did not start") from None
                time.sleep(0.5)
        yield url, process
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture(scope="session")
def app_url(chromium: str) -> Iterator[str]:
    with running_app() as (url, _):
        yield url
