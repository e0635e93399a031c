"""The app as a process, started as `make run` starts it, and knowing when it is up.

One place for it, because the browser tests, the load test (bench/loadtest.py) and
the cluster behind HAProxy (deploy/cluster.py) each start the same app and must
measure the same thing.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HEALTH = "/_stcore/health"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# Python's objects from malloc, not Python's own arenas, so that memory readers free goes back to the machine
# (strikes/web/memory.py); make run sets the same.
ENVIRONMENT = ("PYTHONMALLOC=malloc",)


def app_command(port: int, *options: str) -> list[str]:
    """`make run`'s command on 127.0.0.1:port, plus Streamlit ``options`` (env execs the app: same process)."""
    return [
        "env",
        *ENVIRONMENT,
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(REPO / "deploy" / "server.py"),
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        *options,
    ]


def wait_healthy(url: str, process: subprocess.Popen[bytes], timeout: float = 90) -> None:
    """Until url + /_stcore/health answers 200; fail early if the process behind it has exited."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url + HEALTH, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if process.poll() is not None:
            raise RuntimeError(f"{url}: the process exited with code {process.returncode} before it was healthy")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url}: not healthy after {timeout:.0f} s")
        time.sleep(0.2)


@contextmanager
def running_app(*options: str, log: Path | None = None) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """The app on a free port (its output in ``log``, or discarded), its URL and process; stopped at the end."""
    port = free_port()
    if log is None:
        process = subprocess.Popen(
            app_command(port, *options), cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT
        )
    else:
        with log.open("wb") as out:  # the child has its own copy
            process = subprocess.Popen(app_command(port, *options), cwd=REPO, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, process)
        yield url, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
