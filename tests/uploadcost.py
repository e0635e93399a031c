"""What reading an upload costs: run as `python -m tests.uploadcost FILE...`, one JSON line per file.

Each file is read as the server reads it, in a child process under the kernel's limits
(strikes.intake.bounded), and each line carries what that child used, as its kernel
counted it (getrusage): CPU seconds and peak resident memory (its whole process, the
imports it was forked with included), and the outcome: a map, a clear error, or a limit.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from strikes.intake import UploadError, bounded


def cost(path: Path) -> dict[str, object]:
    wall = time.monotonic()
    result, used = bounded.measure(bounded.ReadJob(path.name), path.read_bytes(), None)
    if isinstance(result, UploadError):
        outcome, message = "error", str(result)
    elif isinstance(result, bounded.ReadLimit):
        outcome, message = "limit", str(result)
    else:
        outcome, message = "map", f"{len(result[0])} events"
    return {
        "file": path.name,
        "outcome": outcome,
        "message": message,
        "cpu_s": None if used is None else used.cpu_s,
        "wall_s": round(time.monotonic() - wall, 3),
        "peak_mb": None if used is None else used.peak_mb,
    }


def main(paths: list[str]) -> None:
    bounded.start()
    for path in paths:
        print(json.dumps(cost(Path(path))), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
