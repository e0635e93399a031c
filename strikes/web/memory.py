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

Even dropped, a session may stay alive: Streamlit's runtime loop keeps the last
session it sent messages to in a loop variable until another reader's messages
go out (streamlit 1.67, runtime.py's _loop_coroutine), and that session's state
(the upload, its memos, the map fragment's arguments) stayed with it: 150 MB
after three readers of 100,000 rows. So each run notes its session, and the
release empties the state and fragments of any noted session Streamlit no
longer lists, whoever still holds the session object. The session held the rest
of its reader's memory too: 130 MB after one such reader left, until the next
came. So once no reader is connected, the release also unbinds the loop's names
for that session and its last messages (forget_last_flush).

What is freed then must reach the machine: Python's own small-object arenas
(pymalloc) stay mapped while any object in them lives, and held 40 MB more than
malloc did after three such readers. `make run` (and tools/appserver.py, which
the cluster, tests and benchmarks start) sets PYTHONMALLOC=malloc; a server
started without it says so in its log.
"""

from __future__ import annotations

import asyncio
import ctypes
import ctypes.util
import gc
import logging
import os
import threading
import time
import types
import weakref
from collections.abc import Callable
from functools import cache
from typing import Any

import pyarrow as pa
from streamlit.runtime import Runtime
from streamlit.runtime.runtime import RuntimeState
from streamlit.runtime.scriptrunner import get_script_run_ctx

LOG = logging.getLogger("strikes.app")
# glibc's mallopt parameter (malloc.h) and the value it starts with, fixed here: see use_system_allocator.
M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD_BYTES = 128 * 1024


def use_system_allocator() -> None:
    """Arrow's buffers from malloc, so that a trim can return them (and a word if Python's objects are not);
    malloc's blocks of 128 KB and more (a column's arrays) mapped on their own, so that freeing one unmaps it.
    glibc raises that threshold each time a mapped block is freed, after which large arrays came from the
    heap and left holes in it: 32 MB more stayed after three readers of 100,000 rows."""
    pa.set_memory_pool(pa.system_memory_pool())
    if (mallopt := _libc_function("mallopt")) is not None:
        mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES)
    if os.environ.get("PYTHONMALLOC") != "malloc":
        LOG.warning("PYTHONMALLOC is not malloc: memory readers free may stay with this process (see make run)")


@cache
def _libc_function(name: str) -> Callable[..., int] | None:
    """A glibc function, looked up once (find_library runs ldconfig); None on other C libraries."""
    library = ctypes.util.find_library("c")
    return getattr(ctypes.CDLL(library), name, None) if library else None


# Every session a run has noted (note_session), as long as anything holds it.
_NOTED: weakref.WeakSet[Any] = weakref.WeakSet()


def note_session() -> None:
    """Note this run's session (an AppSession), so its state can be emptied once Streamlit drops it."""
    context = get_script_run_ctx(suppress_warning=True)
    if context is None or not Runtime.exists():
        return
    try:
        info = Runtime.instance()._session_mgr.get_session_info(context.session_id)
    except AttributeError:  # a runtime with no session manager: AppTest's
        return
    if info is not None:
        _NOTED.add(info.session)


def empty_dropped_sessions(listed: set[str]) -> int:
    """Empty the state and fragments of each noted session whose id is not in ``listed``; how many."""
    emptied = 0
    for session in list(_NOTED):
        if session.id not in listed:
            session.session_state.clear()
            session._fragment_storage.clear()
            session._fragment_storage.clear_outside_wrappers()
            _NOTED.discard(session)
            emptied += 1
    return emptied


# The runtime loop's coroutine, the names it keeps its last session and messages in, and what it awaits while
# no session is connected (streamlit 1.67, runtime.py).
_LOOP = "_loop_coroutine"
_LAST_FLUSH = ("active_session_info", "msg_list", "msg")
_IDLE_AWAIT = "wait"


def forget_last_flush(loop: asyncio.AbstractEventLoop) -> bool:
    """On the event loop, while no session is connected: unbind the runtime loop's names for the last session
    and messages it sent; whether it found the loop waiting for a connection, where it binds them afresh
    before reading them (a loop elsewhere, between two messages, is left alone: it reads them next).

    CPython 3.11 writes a frame's f_locals back into the frame only through PyFrame_LocalsToFast.
    """
    for task in asyncio.all_tasks(loop):
        coroutine = task.get_coro()
        if not isinstance(coroutine, types.CoroutineType) or coroutine.__name__ != _LOOP:
            continue
        frame, waiting = coroutine.cr_frame, getattr(coroutine.cr_await, "__name__", "")
        if frame is None or waiting != _IDLE_AWAIT:
            return False
        names = frame.f_locals
        for name in _LAST_FLUSH:
            if name in names:
                names[name] = None
        ctypes.pythonapi.PyFrame_LocalsToFast(ctypes.py_object(frame), ctypes.c_int(0))
        return True
    return False


def drop_expired_sessions() -> None:
    """On Streamlit's event loop: drop the closed sessions past their time to live from its store, then empty
    any session it no longer lists.

    Streamlit has no public call for either: a Streamlit without these internals is logged once and
    left to drop sessions when the next reader comes.
    """
    if not Runtime.exists():
        return
    runtime = Runtime.instance()
    try:
        manager = runtime._session_mgr
        expire = manager._session_storage._cache.expire  # type: ignore[attr-defined]
        loop = runtime._get_async_objs().eventloop
    except (AttributeError, RuntimeError):
        _warn_once()
        return

    def drop() -> None:
        expire()
        empty_dropped_sessions({info.session.id for info in manager.list_sessions()})
        if runtime.state == RuntimeState.NO_SESSIONS_CONNECTED:
            forget_last_flush(loop)

    loop.call_soon_threadsafe(drop)


@cache
def _warn_once() -> None:
    LOG.warning("this Streamlit has no session store to expire: closed sessions go when the next reader comes")


def release() -> None:
    """Free unreachable objects, then return the heap's free pages to the machine (glibc only)."""
    gc.collect()
    if (trim := _libc_function("malloc_trim")) is not None:
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
