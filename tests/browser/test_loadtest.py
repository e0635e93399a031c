"""`make loadtest` end to end, small: two readers, a short playback and a small upload; the figures are printed.

It runs the two apps behind HAProxy (`--apps 2`, make loadtest's second run): its first run, one process, is the
app every other browser test starts."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from deploy.cluster import find_haproxy

from ..conftest import require

REPO = Path(__file__).resolve().parents[2]


def test_the_loadtest_prints_its_figures(chromium: str) -> None:
    require(find_haproxy(), "Debian's haproxy is not installed (apt-get install haproxy); .ci/run installs it")
    done = subprocess.run(
        [
            sys.executable,
            str(REPO / "bench" / "loadtest.py"),
            "--readers",
            "2",
            "--no-warmup",
            "--play",
            "2",
            "--upload",
            "500",
            "--apps",
            "2",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "STRIKES_CHROMIUM": chromium},
    )
    out = done.stdout
    assert done.returncode == 0, done.stderr[-3000:] + out
    number = r"[\d.]+"
    assert re.search(r"server: 2 apps behind HAProxy .*, pid \d+ \d+, ready", out), out
    assert re.search(rf"2 readers at once: map in median {number} s, worst {number} s", out), out
    assert re.search(rf"server CPU {number} s in all .*, {number} s per reader", out), out
    assert re.search(
        rf"server memory: RSS {number} -> {number} MB, [+-]{number} MB per reader; peak \(VmHWM\) "
        rf"{number} MB",
        out,
    ), out
    assert "requests off this machine blocked" in out
    assert re.search(rf"playback for {number} s .*: \d+ days advanced .*{number} CPU s per minute", out), out
    assert re.search(rf"upload of 500 events .*: markers on screen {number} s after choosing the file", out), out
