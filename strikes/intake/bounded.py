"""An upload read in a child process that the operating system holds to a budget, so no file can cost the server.

Reading a file and placing its towns ran in the server: a 13.7 KB file naming a
town in each of 245 countries cost 20 CPU seconds there and left 540 MB behind,
and every reader waited while it ran. Here each read runs in a process of its
own, forked from a warm one that has the intake imported (multiprocessing's
forkserver, so a read starts in milliseconds and never inherits the server's
memory), under limits the kernel enforces (``resource.setrlimit`` in the child):
CPU seconds (RLIMIT_CPU: SIGXCPU, then SIGKILL) and address space (RLIMIT_AS:
an allocation past it fails, and Python raises MemoryError). The server thread
waits on the child's pipe in select(), holding no GIL, so other readers' runs go
on; what comes back is the finished events frame, pickled (the child is this
package's own code: its limits bound cost, they are not a privilege boundary).
The parse's garbage dies with the child. At most ``READS_AT_ONCE`` children run
at once, so thirty readers uploading together cannot ask thirty budgets of memory.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import resource
import signal
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from multiprocessing import forkserver, popen_forkserver, process, reduction, spawn, util
from multiprocessing.connection import Connection, wait
from multiprocessing.context import ForkServerContext, set_spawning_popen
from pathlib import Path
from typing import Any

import pandas as pd

from ..core.i18n import Lang, t
from ..data import townindex
from . import read, registry
from .decode import UploadError
from .wording import Say

# Issue 31's budget for any file the uploader takes: 10 CPU seconds and 1 GB, the child's whole address space.
MAX_CPU_SECONDS = 10
MAX_MEMORY_BYTES = 2**30
# A child that has used no CPU for this long is waiting on nothing that will come (its turn at busy cores aside).
MAX_WALL_SECONDS = 120.0
READS_AT_ONCE = max(1, os.cpu_count() or 1)
# The child reports its progress at most this often: the page redraws its progress bar on each report.
PROGRESS_EVERY_SECONDS = 0.1
_SLOTS = threading.BoundedSemaphore(READS_AT_ONCE)


@dataclass(frozen=True)
class Limits:
    """What one read may use: CPU seconds and bytes of address space (the OS's), and seconds on the clock."""

    cpu_seconds: int = MAX_CPU_SECONDS
    memory_bytes: int = MAX_MEMORY_BYTES
    wall_seconds: float = MAX_WALL_SECONDS


LIMITS = Limits()


@dataclass(frozen=True)
class Cost:
    """What the child used, as its kernel counted it (getrusage): CPU seconds and its peak resident MB."""

    cpu_s: float
    peak_mb: float


class ReadLimit(Exception):
    """The file's read passed its limits and was stopped: a message for the reader, in any language."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key, self.values = key, values

    def text(self, lang: Lang) -> str:
        return t(lang, self.key, **self.values)

    def __str__(self) -> str:
        return self.text(Lang("en"))


@dataclass(frozen=True)
class ReadJob:
    """read.read_upload's arguments but the bytes, which go over the pipe on their own."""

    filename: str
    sheet: int | None = None
    labour_only: bool = False

    def __call__(self, data: bytes, progress: Callable[[int, int], None]) -> tuple[pd.DataFrame, list[Say]]:
        return read.read_upload(
            data, self.filename, sheet=self.sheet, labour_only=self.labour_only, geocode_progress=progress
        )


@dataclass(frozen=True)
class SheetsJob:
    """A workbook's sheet names (a damaged workbook's are [], and read_upload then says what is wrong)."""

    filename: str

    def __call__(self, data: bytes, progress: Callable[[int, int], None]) -> list[str]:
        names = registry.format_for(self.filename).sheet_names
        return [] if names is None else names(data, self.filename)


Job = ReadJob | SheetsJob


def read_upload(
    data: bytes,
    filename: str,
    *,
    sheet: int | None = None,
    labour_only: bool = False,
    geocode_progress: Callable[[int, int], None] | None = None,
    limits: Limits = LIMITS,
) -> tuple[pd.DataFrame, list[Say]]:
    """strikes.intake.read_upload in a bounded child: its frame and notes, its UploadError, or a ReadLimit."""
    result, _ = run(ReadJob(filename, sheet, labour_only), data, geocode_progress, limits)
    return result


def sheet_names(data: bytes, filename: str, limits: Limits = LIMITS) -> list[str]:
    """A workbook's sheet names, read in a bounded child as the file itself is."""
    result, _ = run(SheetsJob(filename), data, None, limits)
    return result


def start() -> None:
    """Start the warm process the children fork from (else the first read starts it: a second or two)."""
    _context()
    forkserver.ensure_running()


def run(
    job: Job, data: bytes, progress: Callable[[int, int], None] | None, limits: Limits = LIMITS
) -> tuple[Any, Cost]:
    """The job's result in a child held to ``limits``, and what the child used; its UploadError re-raised here."""
    result, cost = measure(job, data, progress, limits)
    if isinstance(result, UploadError | ReadLimit):
        raise result
    assert cost is not None  # a child that answered said what it used
    return result, cost


def measure(
    job: Job, data: bytes, progress: Callable[[int, int], None] | None, limits: Limits = LIMITS
) -> tuple[Any, Cost | None]:
    """As run, but the UploadError or ReadLimit the read ended in is returned, not raised, beside the child's
    cost (None for a child the kernel stopped, which could not say); a bug in the child is raised."""
    townindex.ensure()  # built, if it must be, here: never under a child's limits
    with _SLOTS:
        mine, theirs = multiprocessing.Pipe(duplex=True)
        child = _Process(target=_child, args=(theirs, job, limits), name="strikes-upload-read", daemon=True)
        child.start()
        theirs.close()
        try:
            return _await(child, mine, data, progress or (lambda done, total: None), limits)
        finally:
            if child.is_alive():
                child.kill()
            child.join()
            mine.close()
            child.close()


def _await(
    child: process.BaseProcess,
    pipe: Connection,
    data: bytes,
    progress: Callable[[int, int], None],
    limits: Limits,
) -> tuple[Any, Cost | None]:
    """Send the bytes, pass the child's progress on, and make its last word (or its death) the answer."""
    too_slow = ReadLimit("upload_too_slow", seconds=limits.cpu_seconds)
    deadline = time.monotonic() + limits.wall_seconds
    try:
        pipe.send_bytes(data)
        while (left := deadline - time.monotonic()) > 0:
            if not wait([pipe, child.sentinel], timeout=left):  # select(): this thread holds no GIL meanwhile
                continue
            message = pipe.recv()  # EOFError once the child has gone without a last word
            if message[0] == "progress":
                progress(*message[1:])
                continue
            return _answer(message[1], limits), message[2]
        return too_slow, None
    except (EOFError, BrokenPipeError, ConnectionResetError):
        child.join(5)
        if child.exitcode in (-signal.SIGXCPU, -signal.SIGKILL):  # past the soft CPU limit, then the hard one
            return too_slow, None
        raise RuntimeError(f"the upload's reading process ended with exit code {child.exitcode}") from None


def _answer(outcome: tuple[Any, ...], limits: Limits) -> Any:
    """The child's result, or the error it ended in (a bug raised here, where the server logs it)."""
    kind = outcome[0]
    if kind == "done":
        return outcome[1]
    if kind == "refused":
        return UploadError(outcome[1])
    if kind == "memory":
        return ReadLimit("upload_too_much_memory", mb=limits.memory_bytes // 2**20)
    raise RuntimeError(f"reading the upload failed in its process:\n{outcome[1]}")


class _Popen(popen_forkserver.Popen):
    """multiprocessing's forkserver start, less one step: the child does not run the parent's main script again.

    A spawned child runs it to find the functions it was given; a server's main script is Streamlit's
    command line, which would cost each read a second of imports. The target here is a function of this
    module, which the warm process has imported. The rest is Python 3.11's Popen._launch as it is.
    """

    def _launch(self, process_obj: process.BaseProcess) -> None:
        prepared = spawn.get_preparation_data(process_obj._name)  # type: ignore[attr-defined]
        prepared = {key: value for key, value in prepared.items() if not key.startswith("init_main_from")}
        buf = io.BytesIO()
        set_spawning_popen(self)
        try:
            reduction.dump(prepared, buf)
            reduction.dump(process_obj, buf)
        finally:
            set_spawning_popen(None)
        self.sentinel, w = forkserver.connect_to_new_process(self._fds)  # type: ignore[attr-defined]
        parent_w = os.dup(w)
        self.finalizer = util.Finalize(self, util.close_fds, (parent_w, self.sentinel))  # type: ignore[attr-defined]
        with open(w, "wb", closefd=True) as f:
            f.write(buf.getbuffer())
        self.pid = forkserver.read_signed(self.sentinel)


class _Process(process.BaseProcess):
    """A process started by the warm forkserver (_Popen)."""

    _start_method = "forkserver"

    @staticmethod
    def _Popen(process_obj: process.BaseProcess) -> _Popen:
        _context()
        return _Popen(process_obj)


@cache
def _context() -> ForkServerContext:
    """The forkserver, with this module (so the whole intake, pandas and the rest) imported and one small file
    read (strikes.intake.childwarm) before any fork. Arrow's default allocator (mimalloc) reserves a gigabyte
    of address space on its first use, a child's whole RLIMIT_AS; it reads its choice when a process starts,
    so the warm process (spawned with this environment, now or on a restart) is told to take the system's."""
    os.environ["ARROW_DEFAULT_MEMORY_POOL"] = "system"
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__, f"{__package__}.childwarm"])
    return context


# --- in the child ----------------------------------------------------------------------------------


def _limit(limits: Limits) -> None:
    """The kernel's limits on this process: CPU (a second's grace to the hard kill), address space, no core file."""
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))


def _near_limit(limits: Limits) -> bool:
    """Whether this process's address space came within 5% of its limit: numpy, out of memory, may raise a
    SystemError ("returned NULL without setting an exception") in place of MemoryError."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmPeak:"):
            return int(line.split()[1]) * 1024 >= limits.memory_bytes * 0.95
    return False


def _cost() -> Cost:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return Cost(round(usage.ru_utime + usage.ru_stime, 3), round(usage.ru_maxrss / 1024, 1))


def _child(pipe: Connection, job: Job, limits: Limits) -> None:
    """Run ``job`` on the bytes that come down the pipe; send back progress, then one last word and the cost."""
    _limit(limits)
    last = 0.0

    def progress(done: int, total: int) -> None:
        nonlocal last
        if done == total or time.monotonic() - last >= PROGRESS_EVERY_SECONDS:
            pipe.send(("progress", done, total))
            last = time.monotonic()

    outcome: tuple[Any, ...]
    try:
        outcome = ("done", job(pipe.recv_bytes(), progress))
    except UploadError as exc:
        outcome = ("refused", exc.problems)
    except MemoryError:
        outcome = ("memory",)
    except Exception:  # a reader's bug: the server logs it, the reader sees the page's own message
        outcome = ("memory",) if _near_limit(limits) else ("bug", traceback.format_exc())
    try:
        pipe.send(("end", outcome, _cost()))
    except MemoryError:  # the result itself would not fit in what was left to pickle it
        del outcome
        pipe.send(("end", ("memory",), _cost()))
