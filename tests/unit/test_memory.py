"""The server lets go of a session Streamlit has dropped, even while something still holds the session."""

from __future__ import annotations

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
