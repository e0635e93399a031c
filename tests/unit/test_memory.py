"""The server lets go of a session Streamlit has dropped, even while something still holds the session."""

from __future__ import annotations

import asyncio
import weakref
from dataclasses import dataclass, field

from streamlit.runtime.fragment import MemoryFragmentStorage
from streamlit.runtime.state import SessionState

from strikes.web import memory


@dataclass(eq=False)
class Session:
    """What memory.empty_dropped_sessions reads of a Streamlit AppSession: its id, state and fragments."""

    id: str
    session_state: SessionState = field(default_factory=SessionState)
    _fragment_storage: MemoryFragmentStorage = field(default_factory=MemoryFragmentStorage)


def test_a_dropped_sessions_state_and_fragments_are_emptied_and_a_listed_ones_kept() -> None:
    gone, kept = Session("gone"), Session("kept")
    for session in (gone, kept):
        session.session_state["page_state"] = ["a frame of 100,000 rows"]
        session._fragment_storage.register("fragment", lambda: None)
        memory._NOTED.add(session)
    assert memory.empty_dropped_sessions({"kept"}) == 1
    assert "page_state" not in gone.session_state and not gone._fragment_storage.contains("fragment")
    assert kept.session_state["page_state"] == ["a frame of 100,000 rows"]
    assert kept._fragment_storage.contains("fragment")
    assert gone not in memory._NOTED and kept in memory._NOTED
    memory._NOTED.discard(kept)


def test_the_mmap_threshold_is_glibcs_parameter() -> None:
    """mallopt(M_MMAP_THRESHOLD, ...) answers 1 on success; a wrong parameter number answers 0."""
    mallopt = memory._libc_function("mallopt")
    assert mallopt is not None
    assert mallopt(memory.M_MMAP_THRESHOLD, memory.MMAP_THRESHOLD_BYTES) == 1


class Reader:
    """A reader's session as the runtime loop holds it: watched by a weak reference."""


async def _loop_coroutine(sessions: list[Reader], connected: asyncio.Event, sent: list[str]) -> None:
    """runtime.py's _loop_coroutine in small: it sends each session's messages, waiting between them, then,
    with no session connected, waits for a connection; its last session stays in its frame meanwhile."""
    while sessions:
        for active_session_info in [sessions.pop(0)]:
            msg_list = ["markers", "table"]
            for msg in msg_list:
                sent.append(msg)
                await asyncio.sleep(0)
            sent.append(f"flushed {type(active_session_info).__name__}")
        await asyncio.wait([asyncio.ensure_future(connected.wait())])
        connected.clear()


def test_the_runtime_loops_last_session_is_forgotten_once_it_waits_and_the_loop_goes_on() -> None:
    sessions, sent = [Reader(), Reader()], list[str]()
    last = weakref.ref(sessions[0])

    async def main() -> None:
        loop, connected = asyncio.get_running_loop(), asyncio.Event()
        task = loop.create_task(_loop_coroutine(sessions, connected, sent))
        await asyncio.sleep(0)  # between two messages: left alone
        assert not memory.forget_last_flush(loop) and last() is not None
        await asyncio.sleep(0.01)  # waiting for a connection
        assert last() is not None  # held by the loop's frame alone
        assert memory.forget_last_flush(loop)
        assert last() is None
        connected.set()  # a new reader: the loop binds its names afresh
        await asyncio.sleep(0.01)
        connected.set()
        await task

    asyncio.run(main())
    assert sent == ["markers", "table", "flushed Reader"] * 2


def test_a_loop_not_streamlits_is_left_alone() -> None:
    async def main() -> bool:
        return memory.forget_last_flush(asyncio.get_running_loop())

    assert asyncio.run(main()) is False
