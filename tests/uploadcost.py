"""What reading an upload costs: run as `python -m tests.uploadcost FILE...`, one JSON line per file.

Each file is read through strikes.intake.read_upload in this one process, after a
warm-up read, as the server reads it; the process's peak memory is reset before each
(Linux's clear_refs), so each line carries that file's own peak above the memory held
before it, and the CPU seconds its read took.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from strikes.intake import UploadError, read_upload

WARM_UP = Path(__file__).resolve().parents[1] / "geodata" / "examples" / "strikes-example.xlsx"


def _status(field: str) -> int:
    """A VmRSS or VmHWM line of /proc/self/status, in bytes."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise KeyError(field)


def cost(path: Path) -> dict[str, object]:
    Path("/proc/self/clear_refs").write_text("5")  # the peak starts again from here
    before = _status("VmRSS")
    cpu, wall = time.process_time(), time.monotonic()
    try:
        events, _ = read_upload(path.read_bytes(), path.name)
        outcome, message = "map", f"{len(events)} events"
    except UploadError as exc:
        outcome, message = "error", str(exc)
    return {
        "file": path.name,
        "outcome": outcome,
        "message": message,
        "cpu_s": round(time.process_time() - cpu, 3),
        "wall_s": round(time.monotonic() - wall, 3),
        "peak_mb": round((_status("VmHWM") - before) / 2**20, 1),
    }


def main(paths: list[str]) -> None:
    read_upload(WARM_UP.read_bytes(), WARM_UP.name)
    for path in paths:
        print(json.dumps(cost(Path(path))), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
