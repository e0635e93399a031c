"""The server gives memory back once readers leave.

A reader's upload and its cached maps live in their session and go with it
(strikes/web/memo.py), but freed memory stays with the process unless the
allocators hand it back: pyarrow's default pool (mimalloc), which holds
pandas' text columns, keeps what it has freed, and glibc's malloc keeps freed
pages inside its heap. Measured on six 50,000-row uploads: 565 MB still held
after they were deleted, 407 MB with the system allocator and a trim. So the
server uses the system allocator for arrow and, every few seconds, collects
garbage (Streamlit's own collection after each run is turned off, see
.streamlit/config.toml) and trims the heap.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import threading
import time
from collections.abc import Callable
from functools import cache

import pyarrow as pa


def use_system_allocator() -> None:
    """Arrow's buffers from malloc, so that a trim can return them."""
    pa.set_memory_pool(pa.system_memory_pool())


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's malloc_trim, looked up once (find_library runs ldconfig); None on other C libraries."""
    name = ctypes.util.find_library("c")
    return getattr(ctypes.CDLL(name), "malloc_trim", None) if name else None


def release() -> None:
    """Free unreachable objects, then return the heap's free pages to the machine (glibc only)."""
    gc.collect()
    if (trim := _malloc_trim()) is not None:
        trim(0)


def release_every(seconds: float) -> threading.Thread:
    """A daemon thread that calls release() every ``seconds``, for the life of the process.

    What the process holds when this starts (before its first reader's data: modules, classes,
    functions, Streamlit's server) lives as long as it, so it is frozen out of the collections: a
    full one walked those 190,000 objects in 150 ms, a second of CPU a minute at ten-second
    intervals, and takes a few milliseconds without them. Frozen objects are still freed when
    their last reference goes; only a cycle among them would stay.
    """
    gc.freeze()

    def loop() -> None:
        while True:
            time.sleep(seconds)
            release()

    thread = threading.Thread(target=loop, name="strikes-memory-release", daemon=True)
    thread.start()
    return thread
