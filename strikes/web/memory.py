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

A closed reader's session is kept for disconnectedSessionTTL seconds, in case
they come back; past that Streamlit only drops it when its session store is next
written, that is when another reader comes. On a quiet evening nobody came, and
the last readers' uploads stayed: so the release also asks the store, on
Streamlit's own event loop (the store is not thread-safe), to drop what expired.
Uploads are read in a child process (strikes.intake.bounded), so their parse's
garbage never fragments this heap.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import logging
import threading
import time
from collections.abc import Callable
from functools import cache

import pyarrow as pa
from streamlit.runtime import Runtime

LOG = logging.getLogger("strikes.app")


def use_system_allocator() -> None:
    """Arrow's buffers from malloc, so that a trim can return them."""
    pa.set_memory_pool(pa.system_memory_pool())


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's malloc_trim, looked up once (find_library runs ldconfig); None on other C libraries."""
    name = ctypes.util.find_library("c")
    return getattr(ctypes.CDLL(name), "malloc_trim", None) if name else None


def drop_expired_sessions() -> None:
    """Ask Streamlit's store of closed sessions, on its event loop, to drop those past their time to live.

    Streamlit has no public call for it: a Streamlit without these internals is logged once and
    left to drop them when the next reader comes.
    """
    if not Runtime.exists():
        return
    runtime = Runtime.instance()
    try:
        expire = runtime._session_mgr._session_storage._cache.expire  # type: ignore[attr-defined]
        loop = runtime._get_async_objs().eventloop
    except (AttributeError, RuntimeError):
        _warn_once()
        return
    loop.call_soon_threadsafe(expire)


@cache
def _warn_once() -> None:
    LOG.warning("this Streamlit's session store has no expire(): closed sessions go when the next reader comes")


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
            drop_expired_sessions()
            time.sleep(0.5)  # the event loop has dropped them: their memory is freed below
            release()

    thread = threading.Thread(target=loop, name="strikes-memory-release", daemon=True)
    thread.start()
    return thread
